//! zapdoc: a static documentation site generator whose Markdown may hold
//! FlowZap Code swimlane diagrams, rendered to inline SVG at build time.
//!
//! The pipeline ([`build::build`]) runs [`config`] → [`content`] →
//! [`markdown`] (with [`highlight`] and [`flowzap`]) → [`site`] → [`theme`]
//! (with [`i18n`]) → [`postprocess`] → [`output`]; each stage is one module
//! with a narrow API, and errors are [`error::Error`]s collected across pages.

pub mod build;
pub mod cli;
pub mod config;
pub mod content;
pub mod error;
pub mod feed;
pub mod fmt;
pub use flowzap;
pub mod font;
pub mod highlight;
pub mod i18n;
pub mod init;
pub mod links;
pub mod lint;
pub mod markdown;
pub mod output;
pub mod pagination;
pub mod postprocess;
pub mod search;
pub mod serve;
pub mod site;
pub mod theme;
pub mod util;
pub mod views;
