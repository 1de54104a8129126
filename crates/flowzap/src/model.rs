//! What a laid-out workflow is made of: text lines, node and lane boxes,
//! connector paths with their label pills, loop frames. [`crate::layout`]
//! builds a [`Layout`], [`crate::route`] and [`crate::labels`] fill in its
//! connectors, and the SVG writer and the checker read it. The sequence
//! and architecture views draw their text and labels with the same types.
//! All coordinates are SVG user units (px), y growing downwards.

use crate::ast::{Handle, Shape};
use crate::geom::{Point, Rect};

/// Where a line of text sits: `x` is its centre (or start), `y` its baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// The line's text, unescaped.
    pub text: String,
    /// The centre, or the start when not [`centered`](Self::centered).
    pub x: f32,
    /// The baseline.
    pub y: f32,
    /// The font size in px.
    pub size: f32,
    /// The measured width in px.
    pub width: f32,
    /// Centred on `x` when true, else starting at `x`.
    pub centered: bool,
    /// A CSS class for the line (`fz-label`, `fz-meta`, …).
    pub class: &'static str,
}

impl TextLine {
    /// The box the glyphs occupy (ascent and descent approximated for Inter).
    pub fn bbox(&self) -> Rect {
        let x = if self.centered {
            self.x - self.width / 2.0
        } else {
            self.x
        };
        Rect::new(x, self.y - 0.78 * self.size, self.width, 1.0 * self.size)
    }
}

/// A node placed: its box and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeBox {
    /// The bounding box (a circle's or a diamond's too).
    pub rect: Rect,
    /// The outline drawn in `rect`.
    pub shape: Shape,
    /// The label's lines (a taskbox's title and rows).
    pub text: Vec<TextLine>,
    /// For a taskbox: the y of the rule under its title.
    pub divider: Option<f32>,
    /// The lane it sits in (index into [`Layout::lanes`]).
    pub lane: usize,
    /// Its column, shared by all lanes, counted from the left.
    pub column: usize,
    /// Its row within its lane and column, when several nodes share them.
    pub sub_row: usize,
}

impl NodeBox {
    /// Where a connector docks on `side`, at fraction `t` (0..1) along it.
    pub(crate) fn port(&self, side: Handle, t: f32) -> Point {
        let r = &self.rect;
        match self.shape {
            // Diamonds and circles dock at the side's tip; several edges on
            // one side spread a little along the outline.
            Shape::Diamond | Shape::Circle => {
                let extent = if side.is_horizontal() { r.h } else { r.w };
                let off = (t - 0.5) * extent * 0.3;
                let inset = self.inset(off, side.is_horizontal());
                match side {
                    Handle::Left => Point::new(r.x + inset, r.cy() + off),
                    Handle::Right => Point::new(r.right() - inset, r.cy() + off),
                    Handle::Top => Point::new(r.cx() + off, r.y + inset),
                    Handle::Bottom => Point::new(r.cx() + off, r.bottom() - inset),
                }
            }
            _ => match side {
                Handle::Left => Point::new(r.x, r.y + r.h * t),
                Handle::Right => Point::new(r.right(), r.y + r.h * t),
                Handle::Top => Point::new(r.x + r.w * t, r.y),
                Handle::Bottom => Point::new(r.x + r.w * t, r.bottom()),
            },
        }
    }

    /// How far inside the bounding box the outline lies at `off` from the
    /// middle of a side, so an off-centre port still touches the outline.
    fn inset(&self, off: f32, horizontal_side: bool) -> f32 {
        let r = &self.rect;
        let (half_along, half_across) = if horizontal_side {
            (r.h / 2.0, r.w / 2.0)
        } else {
            (r.w / 2.0, r.h / 2.0)
        };
        match self.shape {
            Shape::Diamond => off.abs() / half_along * half_across,
            Shape::Circle => {
                let rad = r.w / 2.0;
                rad - (rad * rad - off * off).max(0.0).sqrt()
            }
            _ => 0.0,
        }
    }
}

/// A lane placed: a band across the drawing with its header on the left.
#[derive(Debug, Clone, PartialEq)]
pub struct LaneBox {
    /// The full band, header included.
    pub rect: Rect,
    /// The header at the band's left end.
    pub header: Rect,
    /// The label's lines, centred in the header.
    pub text: Vec<TextLine>,
}

/// An edge label: its text in a pill on (or beside) its connector.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeLabel {
    /// The pill behind the text.
    pub rect: Rect,
    /// The label's lines, centred in the pill.
    pub text: Vec<TextLine>,
}

/// A connector routed.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgePath {
    /// The orthogonal polyline from the source port to the target port.
    pub points: Vec<Point>,
    /// Its label, if the edge has one.
    pub label: Option<EdgeLabel>,
}

/// A `loop` placed: dashed frames around its nodes and a tab with its text.
#[derive(Debug, Clone, PartialEq)]
pub struct LoopBox {
    /// The frame around all the loop's nodes, or, where that would enclose
    /// nodes outside the loop, one frame per lane (or per node) of it.
    pub frames: Vec<Rect>,
    /// The tab on a corner of a frame, where it blocks no connector.
    pub tab: Rect,
    /// `↻` and the loop's text, in the tab.
    pub text: Vec<TextLine>,
}

/// A laid-out workflow diagram: everything the SVG writer and the checker
/// need. Each list is in the order of the [`Diagram`](crate::Diagram)'s.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The drawing's width.
    pub width: f32,
    /// The drawing's height.
    pub height: f32,
    /// One per lane.
    pub lanes: Vec<LaneBox>,
    /// One per node.
    pub nodes: Vec<NodeBox>,
    /// One per edge.
    pub edges: Vec<EdgePath>,
    /// One per loop.
    pub loops: Vec<LoopBox>,
}
