//! FlowZap Code — the text language of swimlane diagrams — parsed, checked
//! with rustc-style diagnostics, laid out and drawn as accessible SVG in
//! three views: the workflow (swimlanes), a sequence diagram and an
//! architecture diagram. Pure Rust, no browser; the same input always
//! gives the same bytes. This is the diagram engine of the zapdoc site
//! generator and needs nothing from it.
//!
//! ```
//! let code = "\
//! Client { # Client
//!   n1: circle label:\"Start\"
//!   n2: rectangle label:\"Send order\"
//!   n1.handle(right) -> Shop.n3.handle(left) [label=\"POST /orders\"]
//! }
//! Shop { # Shop
//!   n3: rectangle label:\"Store order\"
//!   n4: circle label:\"Done\"
//!   n3.handle(right) -> n4.handle(left)
//! }
//! ";
//! let parsed = flowzap::parse(code);
//! // `n2` has no edge, and is reported as a warning; errors would stop
//! // the diagram from rendering.
//! for d in &parsed.diagnostics {
//!     eprintln!("{}", d.render(code, "order.fz", false));
//! }
//! assert_eq!(parsed.warnings().count(), 1);
//! assert!(!parsed.has_errors());
//!
//! // The workflow view, standalone (its stylesheet embedded).
//! let svg = flowzap::render_svg(&parsed.diagram, code);
//! assert!(svg.starts_with("<svg") && svg.contains("Send order"));
//!
//! // The same code as a sequence diagram, worded in English.
//! use flowzap::{View, describe::English, svg::Options};
//! let title = View::Sequence.title(&parsed.diagram, &English);
//! let opts = Options { title: &title, description: None, embed_style: true, decorative: false };
//! let sequence = flowzap::view::render(&parsed.diagram, code, View::Sequence, &opts, &English);
//! assert!(sequence.contains("fz-sequence"));
//! ```
//!
//! # Where each stage lives
//!
//! - **Parse** ([`parse()`]): text → [`Diagram`] (lanes, nodes, edges and
//!   loops, in the order written, each with its byte [`Span`]) plus every
//!   problem found in one pass. The parser is line-oriented: one module
//!   per kind of statement, then a second pass that resolves names.
//! - **Diagnostics** ([`diagnostic`]): each problem is a [`Diagnostic`]
//!   with a stable [`Code`] (`FZ001`…, listed in `DIAGNOSTICS.md`) and a
//!   [`Severity`]; [`Diagnostic::render`] prints it the way rustc does.
//! - **Layout** ([`layout()`]): node sizes from their text (measured with
//!   the bundled Inter font, [`text`]), columns from a layered ranking,
//!   sub-rows, coordinates, loop frames. The result is a [`Layout`] of
//!   [`NodeBox`]es, [`LaneBox`]es, [`EdgePath`]s and [`LoopBox`]es.
//! - **Route**: each connector gets an orthogonal path from a cost-based
//!   search over a grid of channels between the nodes (length, bends,
//!   crossings and running alongside another connector all cost).
//! - **Labels**: each edge label is then put in a pill on its connector,
//!   clear of nodes, headers, loop frames and earlier labels.
//! - **SVG** ([`svg`]): a laid-out workflow as one `<svg>` with a title
//!   and a description, colours as `--fz-*` custom properties with a dark
//!   set, and ids seeded by the source so diagrams can share a page.
//!   [`render_svg`] runs layout and SVG in one call.
//! - **Views** ([`view`], [`sequence`], [`architecture`]): the same code
//!   drawn as a sequence diagram (participants, messages, `loop` and
//!   `alt` fragments) or an architecture diagram (components and their
//!   dependencies), each with its own layout and writer.
//! - **Describe** ([`describe`]): a diagram told as text for screen
//!   readers — the SVG's title and `<desc>` — in any language through the
//!   [`describe::Wording`] trait.
//! - **Graph export** ([`graph`]): the structure as JSON, in the shape of
//!   FlowZap's own export.
//! - **Format** ([`format`](mod@format)): the canonical layout of the code, with the
//!   mechanical fixes of its warnings.
//!
//! With the `testing` feature, `check` measures a layout's defects and
//! tidiness and `stress` writes large synthetic diagrams, for tests and
//! benchmarks.

#![warn(missing_docs, unreachable_pub)]

pub mod architecture;
mod ast;
#[cfg(feature = "testing")]
pub mod check;
pub mod describe;
pub mod diagnostic;
pub mod format;
mod geom;
pub mod graph;
mod labels;
mod layout;
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
pub use diagnostic::{Code, Diagnostic, Related, Severity};
pub use geom::{Point, Rect};
pub use layout::layout;
pub use model::{EdgeLabel, EdgePath, LaneBox, Layout, LoopBox, NodeBox, TextLine};
pub use parse::{
    MAX_DIAGNOSTICS, MAX_EDGES, MAX_LABEL_CHARS, MAX_LANES, MAX_NODES, NODE_ATTRIBUTES, Parsed,
    Statement, StatementKind, parse,
};
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
