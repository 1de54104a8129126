//! FlowZap Code: the diagram language zapdoc reads, and its SVG renderer.
//!
//! This module is self-contained: it never uses site code, so it can be
//! lifted out as its own crate. The pipeline is `parse` (text → [`Diagram`]
//! and [`Diagnostic`]s) → `layout` (geometry) → `svg` (a string).

pub mod ast;
pub mod diagnostic;
pub mod graph;
mod parse;

pub use ast::{Diagram, Edge, Handle, Lane, Loop, Node, Shape, Span};
pub use diagnostic::{Code, Diagnostic, Severity};
pub use parse::{MAX_LABEL_CHARS, Parsed, parse};

/// Placeholder until the renderer lands in this module.
pub fn render_svg(_d: &Diagram, _source: &str) -> String {
    String::new()
}
