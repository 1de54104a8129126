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
    pub lanes: Vec<Lane>,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    pub loops: Vec<Loop>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lane {
    pub id: String,
    /// The display label; the lane id when the source has none.
    pub label: String,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Shape {
    Circle,
    Rectangle,
    Diamond,
    Taskbox,
}

impl Shape {
    pub const ALL: [Shape; 4] = [
        Shape::Circle,
        Shape::Rectangle,
        Shape::Diamond,
        Shape::Taskbox,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Shape::Circle => "circle",
            Shape::Rectangle => "rectangle",
            Shape::Diamond => "diamond",
            Shape::Taskbox => "taskbox",
        }
    }

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
    Left,
    Right,
    Top,
    Bottom,
}

impl Handle {
    pub const ALL: [Handle; 4] = [Handle::Left, Handle::Right, Handle::Top, Handle::Bottom];

    pub fn as_str(self) -> &'static str {
        match self {
            Handle::Left => "left",
            Handle::Right => "right",
            Handle::Top => "top",
            Handle::Bottom => "bottom",
        }
    }

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub id: String,
    /// Index into [`Diagram::lanes`].
    pub lane: usize,
    pub shape: Shape,
    pub label: String,
    pub owner: Option<String>,
    pub description: Option<String>,
    pub system: Option<String>,
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// Index into [`Diagram::nodes`].
    pub from: usize,
    pub to: usize,
    pub from_handle: Handle,
    pub to_handle: Handle,
    pub label: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loop {
    /// The lane the loop was written in (`None` when written outside any lane).
    pub lane: Option<usize>,
    pub text: String,
    /// Indices into [`Diagram::nodes`], in the order written.
    pub nodes: Vec<usize>,
    pub span: Span,
}

impl Diagram {
    /// The index of the node with this id.
    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.id == id)
    }
}
