//! Edge labels: the pill a connector's label is drawn in, how big it is,
//! and where it goes along the routed connector, clear of nodes, lane
//! headers, loop frames and the labels placed before it. The router does
//! not know about labels; [`crate::layout`] places them once every
//! connector has its final path.

use crate::ast::Diagram;
use crate::geom::{Point, Rect, Seg, segments};
use crate::model::{EdgeLabel, EdgePath, Layout, TextLine};
use crate::style::{LABEL_PAD_X, LABEL_PAD_Y, SMALL_FONT, line_h};
use crate::text;

/// The size of an edge label's pill, and its text wrapped into lines.
#[derive(Debug, Clone)]
pub(crate) struct PillSize {
    pub(crate) w: f32,
    pub(crate) h: f32,
    pub(crate) lines: Vec<String>,
}

/// The pill an edge label needs, its text wrapped at 150 px.
pub(crate) fn measure(label: &str) -> PillSize {
    let lines = text::wrap(label, SMALL_FONT, 150.0);
    let w = text::max_width(&lines, SMALL_FONT) + 2.0 * LABEL_PAD_X;
    let h = line_h(SMALL_FONT) * lines.len() as f32 + 2.0 * LABEL_PAD_Y;
    PillSize {
        w: w.ceil(),
        h: h.ceil(),
        lines,
    }
}

/// A label's `lines` centred in the pill `rect`.
pub(crate) fn pill(rect: Rect, lines: Vec<String>) -> EdgeLabel {
    let lh = line_h(SMALL_FONT);
    let text = lines
        .into_iter()
        .enumerate()
        .map(|(k, t)| TextLine {
            width: text::width(&t, SMALL_FONT),
            text: t,
            x: rect.cx(),
            y: rect.y + LABEL_PAD_Y + lh * (k as f32 + 0.5) + SMALL_FONT * 0.35,
            size: SMALL_FONT,
            centered: true,
            class: "fz-edge-label",
        })
        .collect();
    EdgeLabel { rect, text }
}

/// The routed connectors (`paths`, in edge order) with their labels
/// placed, each clear of the loop tabs and of the labels before it.
pub(crate) fn place_all(d: &Diagram, l: &Layout, paths: Vec<Vec<Point>>) -> Vec<EdgePath> {
    let mut placed: Vec<Rect> = l.loops.iter().map(|lp| lp.tab).collect();
    let mut edges = Vec::with_capacity(d.edges.len());
    for (e, points) in d.edges.iter().zip(paths) {
        let label = e.label.as_ref().map(|text| {
            let lab = place(l, &points, text, &placed);
            placed.push(lab.rect);
            lab
        });
        edges.push(EdgePath { points, label });
    }
    edges
}

/// Put an edge's label in a pill on one of its segments, clear of nodes,
/// lane headers and labels already placed.
fn place(l: &Layout, points: &[Point], text: &str, placed: &[Rect]) -> EdgeLabel {
    let PillSize { w, h, lines } = measure(text);
    let is_free = |r: &Rect| free(l, placed, r);
    let segs: Vec<Seg> = segments(points).collect();
    // Candidates: centres along each segment, longest segments first, the
    // middle of a segment before its ends.
    let mut order: Vec<usize> = (0..segs.len()).collect();
    order.sort_by(|&a, &b| {
        let fits = |s: &Seg| {
            if s.is_horizontal() {
                s.len() >= w + 8.0
            } else {
                s.len() >= h + 8.0
            }
        };
        fits(&segs[b])
            .cmp(&fits(&segs[a]))
            .then(segs[b].len().total_cmp(&segs[a].len()))
            .then(a.cmp(&b))
    });
    let on_line = order.iter().find_map(|&i| {
        let s = segs[i];
        [0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9]
            .into_iter()
            .find_map(|f| {
                let c = Point::new(s.a.x + (s.b.x - s.a.x) * f, s.a.y + (s.b.y - s.a.y) * f);
                Some(Rect::centered(c.x, c.y, w, h)).filter(is_free)
            })
    });
    let rect = on_line.unwrap_or_else(|| {
        // Nothing on the line is free: the pill beside the longest segment.
        let s = order.first().map_or(
            Seg {
                a: points[0],
                b: points[0],
            },
            |&i| segs[i],
        );
        beside(s, w, h, is_free)
    });
    let rect = Rect::new(rect.x.round(), rect.y.round(), rect.w, rect.h);
    pill(rect, lines)
}

/// Whether a pill at `r` is clear: right of the lane headers, inside the
/// drawing, off every node and placed label, and wholly inside or outside
/// each loop frame, never on its dashed line.
fn free(l: &Layout, placed: &[Rect], r: &Rect) -> bool {
    r.x >= l.lanes.first().map_or(0.0, |lane| lane.header.right()) + 2.0
        && r.right() <= l.width - 2.0
        && r.y >= 1.0
        && r.bottom() <= l.height - 1.0
        && !l.nodes.iter().any(|n| n.rect.inflate(3.0).overlaps(r))
        && !placed.iter().any(|p| p.inflate(3.0).overlaps(r))
        && !l
            .loops
            .iter()
            .flat_map(|lp| &lp.frames)
            .any(|f| f.inflate(2.0).overlaps(r) && !f.inflate(-2.0).contains_rect(r))
}

/// A `w` × `h` pill just beside the middle of `s` (right of a vertical
/// segment, else left; above a horizontal one, else below), or on it when
/// neither side is `free`.
fn beside(s: Seg, w: f32, h: f32, free: impl Fn(&Rect) -> bool) -> Rect {
    let c = Point::new((s.a.x + s.b.x) / 2.0, (s.a.y + s.b.y) / 2.0);
    let sides = if s.is_vertical() {
        [
            Rect::new(c.x + 4.0, c.y - h / 2.0, w, h),
            Rect::new(c.x - 4.0 - w, c.y - h / 2.0, w, h),
        ]
    } else {
        [
            Rect::new(c.x - w / 2.0, c.y - 4.0 - h, w, h),
            Rect::new(c.x - w / 2.0, c.y + 4.0, w, h),
        ]
    };
    sides
        .into_iter()
        .find(|r| free(r))
        .unwrap_or(Rect::centered(c.x, c.y, w, h))
}
