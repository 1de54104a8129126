//! What a laid-out workflow is made of: text lines, node and lane boxes,
//! connector paths with their label pills, loop frames. [`crate::layout`]
//! builds a [`Layout`], [`crate::route`] and [`crate::labels`] fill in its
//! connectors, and the SVG writer and the checker read it. The sequence
//! and architecture views draw their text and labels with the same types.

use crate::ast::{Handle, Shape};
use crate::geom::{Point, Rect};

/// Where a line of text sits: `x` is its centre (or start), `y` its baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    pub text: String,
    pub x: f32,
    pub y: f32,
    pub size: f32,
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

#[derive(Debug, Clone, PartialEq)]
pub struct NodeBox {
    pub rect: Rect,
    pub shape: Shape,
    pub text: Vec<TextLine>,
    /// For a taskbox: the y of the rule under its title.
    pub divider: Option<f32>,
    pub lane: usize,
    pub column: usize,
    pub sub_row: usize,
}

impl NodeBox {
    /// Where a connector docks on `side`, at fraction `t` (0..1) along it.
    pub fn port(&self, side: Handle, t: f32) -> Point {
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

#[derive(Debug, Clone, PartialEq)]
pub struct LaneBox {
    /// The full band, header included.
    pub rect: Rect,
    pub header: Rect,
    pub text: Vec<TextLine>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EdgeLabel {
    /// The pill behind the text.
    pub rect: Rect,
    pub text: Vec<TextLine>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EdgePath {
    /// The orthogonal polyline from the source port to the target port.
    pub points: Vec<Point>,
    pub label: Option<EdgeLabel>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LoopBox {
    /// The frame around all the loop's nodes, or, where that would enclose
    /// nodes outside the loop, one frame per lane (or per node) of it.
    pub frames: Vec<Rect>,
    pub tab: Rect,
    pub text: Vec<TextLine>,
}

/// A laid-out diagram: everything the SVG writer and the checker need.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: f32,
    pub height: f32,
    pub lanes: Vec<LaneBox>,
    pub nodes: Vec<NodeBox>,
    pub edges: Vec<EdgePath>,
    pub loops: Vec<LoopBox>,
}
