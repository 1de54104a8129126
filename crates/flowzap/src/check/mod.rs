//! The layout quality checker: what a reader would call a defect, measured
//! instead of eyeballed, plus the numbers that say how tidy a layout is
//! (crossings, bends, area). Tests run it over every diagram we know; one
//! module per view.

mod architecture;
mod sequence;
mod workflow;

use crate::geom::{Point, Rect, segments};
use crate::model::TextLine;

pub use architecture::check_architecture;
pub use sequence::check_sequence;
pub use workflow::check;

/// Defects found (empty for a good layout) and tidiness metrics.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// What a reader would call wrong, one sentence each.
    pub defects: Vec<String>,
    /// Pairs of connector segments that cross.
    pub crossings: usize,
    /// Bends over all connectors.
    pub bends: usize,
    /// The drawing's area in px².
    pub area: f64,
    /// Edge labels whose pill sits on a loop frame's dashed line, hiding a
    /// piece of it: counted, not a defect, since a connector running along
    /// the frame may leave no other place.
    pub labels_on_frames: usize,
    /// Pairs of two connectors' segments that run side by side closer than
    /// [`CLOSE`] for more than [`CLOSE_RUN`] (stubs of connectors sharing a
    /// node left out): legal, but hard to tell apart, and a label pill on
    /// one hides the other.
    pub close_parallels: usize,
}

/// Closer than the router's own track spacing.
pub const CLOSE: f32 = 6.0;
/// Longer than a jog.
pub const CLOSE_RUN: f32 = 12.0;

impl Report {
    /// No defects (the metrics may still say how tidy it is).
    pub fn is_clean(&self) -> bool {
        self.defects.is_empty()
    }
}

/// Defects found in one view (empty for a good drawing).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ViewReport {
    /// What a reader would call wrong, one sentence each.
    pub defects: Vec<String>,
}

impl ViewReport {
    /// No defects.
    pub fn is_clean(&self) -> bool {
        self.defects.is_empty()
    }
}

/// Is `r` inside a `w` × `h` drawing?
fn inside_canvas(r: &Rect, w: f32, h: f32) -> bool {
    r.x >= -0.01 && r.y >= -0.01 && r.right() <= w + 0.01 && r.bottom() <= h + 0.01
}

/// `points` make a path, every segment horizontal or vertical.
fn orthogonal(name: &str, points: &[Point], defects: &mut Vec<String>) {
    if points.len() < 2 {
        defects.push(format!("{name} has no path"));
        return;
    }
    for s in segments(points) {
        if !s.is_horizontal() && !s.is_vertical() {
            defects.push(format!("{name} has a diagonal segment"));
        }
    }
}

/// Is line `t` inside `r` (within half a pixel)?
fn text_in(t: &TextLine, r: &Rect) -> bool {
    r.inflate(0.5).contains_rect(&t.bbox())
}
