//! The engine's integration tests, in one binary: the FlowZap corpus
//! against FlowZap's own graphs, one test per diagnostic, the renderer's
//! guarantees over every diagram we know, and property tests of the parser.

mod corpus;
mod diagnostics;
mod format;
mod parse_robustness;
mod render;
mod support;
mod views;
