//! FlowZap Code: the diagram language zapdoc reads, and its SVG renderer.
//!
//! This module is self-contained: it never uses site code, so it can be
//! lifted out as its own crate. The pipeline is `parse` (text → [`Diagram`]
//! and [`Diagnostic`]s) → `layout` (geometry) → `svg` (a string).

pub mod architecture;
pub mod ast;
#[cfg(feature = "testing")]
pub mod check;
pub mod describe;
pub mod diagnostic;
pub mod format;
pub mod geom;
pub mod graph;
mod labels;
pub mod layout;
mod model;
mod parse;
mod route;
pub mod sequence;
#[cfg(feature = "testing")]
pub mod stress;
mod style;
pub mod svg;
pub mod text;
pub mod view;

pub use ast::{Diagram, Edge, Handle, Lane, Loop, Node, Shape, Span};
pub use diagnostic::{Code, Diagnostic, Severity};
pub use parse::{
    MAX_DIAGNOSTICS, MAX_EDGES, MAX_LABEL_CHARS, MAX_LANES, MAX_NODES, Parsed, Statement,
    StatementKind, parse,
};

pub use layout::layout;
pub use model::{EdgeLabel, EdgePath, LaneBox, Layout, LoopBox, NodeBox, TextLine};
pub use view::View;

/// The default accessible title in English: the lanes, in order.
pub fn default_title(diagram: &Diagram) -> String {
    describe::title(diagram, &describe::English)
}

/// Render a diagram that parsed without errors to a self-contained SVG.
/// `source` (the diagram's text) seeds the ids, so two diagrams on a page
/// never share one.
pub fn render_svg(diagram: &Diagram, source: &str) -> String {
    let title = default_title(diagram);
    render_svg_with(
        diagram,
        source,
        &svg::Options {
            title: &title,
            description: None,
            embed_style: true,
            decorative: false,
        },
    )
}

/// [`render_svg`] with explicit [`svg::Options`].
pub fn render_svg_with(diagram: &Diagram, source: &str, opts: &svg::Options<'_>) -> String {
    let l = layout::layout(diagram);
    svg::write(diagram, &l, source, opts)
}
