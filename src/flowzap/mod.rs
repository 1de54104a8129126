//! FlowZap Code: the diagram language zapdoc reads, and its SVG renderer.
//!
//! This module is self-contained: it never uses site code, so it can be
//! lifted out as its own crate. The pipeline is `parse` (text → [`Diagram`]
//! and [`Diagnostic`]s) → `layout` (geometry) → `svg` (a string).

pub mod ast;
pub mod check;
pub mod diagnostic;
pub mod geom;
pub mod graph;
pub mod layout;
mod parse;
mod route;
pub mod stress;
pub mod svg;
pub mod text;

pub use ast::{Diagram, Edge, Handle, Lane, Loop, Node, Shape, Span};
pub use diagnostic::{Code, Diagnostic, Severity};
pub use parse::{MAX_LABEL_CHARS, Parsed, parse};

pub use layout::{Layout, layout};

/// Render a diagram that parsed without errors to a self-contained SVG.
/// `source` (the diagram's text) seeds the ids, so two diagrams on a page
/// never share one.
pub fn render_svg(diagram: &Diagram, source: &str) -> String {
    let title = format!(
        "Diagram: {}",
        diagram
            .lanes
            .iter()
            .map(|l| l.label.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    render_svg_titled(diagram, source, &title)
}

/// [`render_svg`] with an explicit accessible title.
pub fn render_svg_titled(diagram: &Diagram, source: &str, title: &str) -> String {
    let l = layout::layout(diagram);
    svg::write(diagram, &l, source, title)
}
