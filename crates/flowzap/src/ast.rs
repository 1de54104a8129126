//! The syntax tree of a FlowZap Code diagram.
//!
//! Every element keeps the byte span of the text it came from, so diagnostics
//! (and editors) can point at it. Lanes, nodes and edges keep file order:
//! lanes stack in that order and edge order is meaningful to FlowZap.

use std::fmt;
use std::ops::Range;

/// A byte range in the diagram's source text.
pub type Span = Range<usize>;

/// A parsed diagram: lanes in file order, nodes in declaration order, edges
/// in file order, loops in file order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Diagram {
    /// The lanes, top to bottom.
    pub lanes: Vec<Lane>,
    /// Every node of every lane; edges and loops refer to them by index.
    pub nodes: Vec<Node>,
    /// The connectors; their order is meaningful (the sequence view draws
    /// them as messages in this order).
    pub edges: Vec<Edge>,
    /// The `loop [text] …` annotations.
    pub loops: Vec<Loop>,
}

/// A swimlane: `Id { # Label` … `}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lane {
    /// The id edges use to name the lane (`Lane.n1`).
    pub id: String,
    /// The display label; the lane id when the source has none.
    pub label: String,
    /// Where the id is written.
    pub span: Span,
}

/// What a node is drawn as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Shape {
    /// An event: a start (only connectors out), an end (only in), or
    /// something that happens on the way.
    Circle,
    /// A step.
    Rectangle,
    /// A decision; its outgoing connectors are the branches.
    Diamond,
    /// A task card: a title and rows (`|`-separated items, owner,
    /// description, system).
    Taskbox,
}

impl Shape {
    /// Every shape, in the order the language documents them.
    pub const ALL: [Shape; 4] = [
        Shape::Circle,
        Shape::Rectangle,
        Shape::Diamond,
        Shape::Taskbox,
    ];

    /// The keyword that writes the shape (`circle`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Shape::Circle => "circle",
            Shape::Rectangle => "rectangle",
            Shape::Diamond => "diamond",
            Shape::Taskbox => "taskbox",
        }
    }

    /// The shape a keyword writes, if it is one (case-sensitive, as in
    /// FlowZap).
    pub fn from_keyword(word: &str) -> Option<Shape> {
        Shape::ALL.into_iter().find(|s| s.as_str() == word)
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The side of a node a connector attaches to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Handle {
    /// `handle(left)`.
    Left,
    /// `handle(right)`.
    Right,
    /// `handle(top)`.
    Top,
    /// `handle(bottom)`.
    Bottom,
}

impl Handle {
    /// Every side.
    pub const ALL: [Handle; 4] = [Handle::Left, Handle::Right, Handle::Top, Handle::Bottom];

    /// The direction as written in `handle(…)`.
    pub fn as_str(self) -> &'static str {
        match self {
            Handle::Left => "left",
            Handle::Right => "right",
            Handle::Top => "top",
            Handle::Bottom => "bottom",
        }
    }

    /// The side a lower-case direction names, if it is one.
    pub fn from_keyword(word: &str) -> Option<Handle> {
        Handle::ALL.into_iter().find(|h| h.as_str() == word)
    }

    /// True for left and right.
    pub fn is_horizontal(self) -> bool {
        matches!(self, Handle::Left | Handle::Right)
    }
}

impl fmt::Display for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A node: `n1: shape label:"…"`, with a taskbox's extra attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// `n` and digits, unique in the diagram.
    pub id: String,
    /// Index into [`Diagram::lanes`].
    pub lane: usize,
    /// What it is drawn as.
    pub shape: Shape,
    /// The text drawn in it; empty when none is written (see
    /// [`Node::display_label`]). A taskbox without one takes its
    /// description, system or owner, as FlowZap does.
    pub label: String,
    /// A taskbox's `owner:"…"`.
    pub owner: Option<String>,
    /// A taskbox's `description:"…"`.
    pub description: Option<String>,
    /// A taskbox's `system:"…"`.
    pub system: Option<String>,
    /// Where the id is written.
    pub span: Span,
}

impl Node {
    /// The text drawn for the node: its label, or its id when it has none.
    pub fn display_label(&self) -> &str {
        if self.label.is_empty() {
            &self.id
        } else {
            &self.label
        }
    }
}

/// A connector: `a.handle(x) -> b.handle(y) [label="…"]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// The source node, an index into [`Diagram::nodes`].
    pub from: usize,
    /// The target node, an index into [`Diagram::nodes`].
    pub to: usize,
    /// The side of the source it leaves by.
    pub from_handle: Handle,
    /// The side of the target it enters by.
    pub to_handle: Handle,
    /// The `[label="…"]`, if written.
    pub label: Option<String>,
    /// The whole statement.
    pub span: Span,
}

/// A repeat annotation: `loop [text] n1 n2 …`, drawn as a frame around
/// its nodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loop {
    /// The lane the loop was written in (`None` when written outside any lane).
    pub lane: Option<usize>,
    /// The text between the brackets: when or how often it repeats.
    pub text: String,
    /// Indices into [`Diagram::nodes`], in the order written.
    pub nodes: Vec<usize>,
    /// The whole statement.
    pub span: Span,
}

impl Diagram {
    /// The index of the node with this id.
    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.id == id)
    }
}
