//! The workflow view's checks: nodes, connectors, labels and loop frames.

use super::{CLOSE, CLOSE_RUN, Report};
use crate::ast::{Diagram, Handle, Shape};
use crate::geom::{Point, Rect, Seg, segments};
use crate::model::{Layout, NodeBox, TextLine};

/// Check a workflow layout against its diagram.
pub fn check(d: &Diagram, l: &Layout) -> Report {
    let mut r = Report {
        area: f64::from(l.width) * f64::from(l.height),
        ..Report::default()
    };
    nodes(d, l, &mut r.defects);
    connectors(d, l, &mut r);
    labels(d, l, &mut r);
    loops(d, l, &mut r.defects);
    r
}

/// Nodes: no overlaps, inside their lane (right of the header), their text
/// inside their shape; lane labels inside their header.
fn nodes(d: &Diagram, l: &Layout, defects: &mut Vec<String>) {
    let id = |i: usize| d.nodes[i].id.as_str();
    for (i, a) in l.nodes.iter().enumerate() {
        for (j, b) in l.nodes.iter().enumerate().skip(i + 1) {
            if a.rect.overlaps(&b.rect) {
                defects.push(format!("nodes {} and {} overlap", id(i), id(j)));
            }
        }
        let lane = &l.lanes[a.lane];
        let inner = Rect::new(
            lane.header.right(),
            lane.rect.y,
            lane.rect.right() - lane.header.right(),
            lane.rect.h,
        );
        if !inner.contains_rect(&a.rect) {
            defects.push(format!("node {} lies outside its lane", id(i)));
        }
        for t in &a.text {
            if !text_inside(a, t) {
                defects.push(format!(
                    "text {:?} of node {} is not inside its shape",
                    t.text,
                    id(i)
                ));
            }
        }
    }
    for (li, lane) in l.lanes.iter().enumerate() {
        for t in &lane.text {
            if !lane.header.contains_rect(&t.bbox()) {
                defects.push(format!(
                    "label of lane {} does not fit its header",
                    d.lanes[li].id
                ));
            }
        }
    }
}

/// Connectors: orthogonal, through no node or loop tab, docking
/// perpendicular on their sides; crossings, bends and close parallels
/// counted, shared segments reported.
fn connectors(d: &Diagram, l: &Layout, r: &mut Report) {
    let id = |i: usize| d.nodes[i].id.as_str();
    let all_segs: Vec<Vec<Seg>> = l
        .edges
        .iter()
        .map(|e| segments(&e.points).collect())
        .collect();
    for (ei, (e, path)) in d.edges.iter().zip(&l.edges).enumerate() {
        let name = format!("edge {}->{}", id(e.from), id(e.to));
        if path.points.len() < 2 {
            r.defects.push(format!("{name} has no path"));
            continue;
        }
        r.bends += path.points.len() - 2;
        connector(d, l, ei, &all_segs[ei], &name, &mut r.defects);
        pairs(d, &all_segs, ei, &name, r);
    }
}

/// Edge `ei` (segments `segs`, called `name`) on its own: orthogonal,
/// through no node or loop tab, docking perpendicular at both ends.
fn connector(
    d: &Diagram,
    l: &Layout,
    ei: usize,
    segs: &[Seg],
    name: &str,
    defects: &mut Vec<String>,
) {
    let id = |i: usize| d.nodes[i].id.as_str();
    let e = &d.edges[ei];
    for s in segs {
        if !s.is_horizontal() && !s.is_vertical() {
            defects.push(format!("{name} has a diagonal segment"));
        }
    }
    for (k, s) in segs.iter().enumerate() {
        for (ni, n) in l.nodes.iter().enumerate() {
            let own = ni == e.from || ni == e.to;
            let end_segment = k == 0 || k + 1 == segs.len();
            if own && end_segment {
                // The stubs start on the node's outline and leave it.
                if own_stub_enters(
                    n,
                    s,
                    (ni == e.from && k == 0) || (ni == e.to && k + 1 == segs.len()),
                ) {
                    defects.push(format!("{name} runs through its own node {}", id(ni)));
                }
                continue;
            }
            if n.rect.cut_by(s.a, s.b) {
                defects.push(format!("{name} runs through node {}", id(ni)));
            }
        }
        for (lp, lb) in d.loops.iter().zip(&l.loops) {
            if lb.tab.cut_by(s.a, s.b) {
                defects.push(format!("{name} runs through the tab of loop [{}]", lp.text));
            }
        }
    }
    let (first, last) = (segs[0], segs[segs.len() - 1]);
    if !docks(&l.nodes[e.from], e.from_handle, first.a, dir(first), true) {
        defects.push(format!(
            "{name} does not leave {} perpendicular at its {} side",
            id(e.from),
            e.from_handle
        ));
    }
    if !docks(&l.nodes[e.to], e.to_handle, last.b, dir(last), false) {
        defects.push(format!(
            "{name} does not enter {} perpendicular at its {} side",
            id(e.to),
            e.to_handle
        ));
    }
}

/// Edge `ei` (called `name`) against every later edge: crossings and close
/// parallels counted; a segment shared with an edge that meets it at no
/// node is a defect.
fn pairs(d: &Diagram, all_segs: &[Vec<Seg>], ei: usize, name: &str, r: &mut Report) {
    let id = |i: usize| d.nodes[i].id.as_str();
    let (e, segs) = (&d.edges[ei], &all_segs[ei]);
    for (fi, f) in d.edges.iter().enumerate().skip(ei + 1) {
        let related = e.from == f.from || e.to == f.to || e.from == f.to || e.to == f.from;
        let others = &all_segs[fi];
        for (si, s) in segs.iter().enumerate() {
            for (ti, t) in others.iter().enumerate() {
                if s.crosses(t) {
                    r.crossings += 1;
                }
                // Connectors meeting at a node may dock side by side;
                // away from their stubs they should keep apart too.
                let stub = si == 0 || si + 1 == segs.len() || ti == 0 || ti + 1 == others.len();
                if (!related || !stub) && s.alongside(t, CLOSE) > CLOSE_RUN {
                    r.close_parallels += 1;
                }
                if !related && s.overlap(t) > 1.0 {
                    r.defects.push(format!(
                        "{name} and edge {}->{} share a segment ({s:?} / {t:?})",
                        id(f.from),
                        id(f.to)
                    ));
                }
            }
        }
    }
}

/// Labels: clear of nodes, lane headers, loop tabs and each other; text in
/// the pill. Those on a loop frame's line are counted.
fn labels(d: &Diagram, l: &Layout, r: &mut Report) {
    let id = |i: usize| d.nodes[i].id.as_str();
    let defects = &mut r.defects;
    let mut labels: Vec<(String, Rect)> = Vec::new();
    for (e, path) in d.edges.iter().zip(&l.edges) {
        if let Some(lab) = &path.label {
            labels.push((
                format!("label of edge {}->{}", id(e.from), id(e.to)),
                lab.rect,
            ));
            let on_frame = l.loops.iter().flat_map(|lb| &lb.frames).any(|f| {
                f.inflate(0.75).overlaps(&lab.rect) && !f.inflate(-0.75).contains_rect(&lab.rect)
            });
            r.labels_on_frames += usize::from(on_frame);
            for t in &lab.text {
                if !lab.rect.inflate(0.5).contains_rect(&t.bbox()) {
                    defects.push(format!(
                        "text of edge {}->{} overflows its label",
                        id(e.from),
                        id(e.to)
                    ));
                }
            }
        }
    }
    for (lp, lb) in d.loops.iter().zip(&l.loops) {
        labels.push((format!("tab of loop [{}]", lp.text), lb.tab));
    }
    for (k, (name, rect)) in labels.iter().enumerate() {
        for (ni, n) in l.nodes.iter().enumerate() {
            if n.rect.overlaps(rect) {
                defects.push(format!("{name} overlaps node {}", id(ni)));
            }
        }
        for (li, lane) in l.lanes.iter().enumerate() {
            if lane.header.overlaps(rect) {
                defects.push(format!(
                    "{name} overlaps the header of lane {}",
                    d.lanes[li].id
                ));
            }
        }
        if rect.x < 0.0 || rect.y < 0.0 || rect.right() > l.width || rect.bottom() > l.height {
            defects.push(format!("{name} lies outside the diagram"));
        }
        for (other, o) in labels.iter().skip(k + 1) {
            if rect.overlaps(o) {
                defects.push(format!("{name} overlaps {other}"));
            }
        }
    }
}

/// Loops: hold their nodes, frame no other node.
fn loops(d: &Diagram, l: &Layout, defects: &mut Vec<String>) {
    let id = |i: usize| d.nodes[i].id.as_str();
    for (lp, lb) in d.loops.iter().zip(&l.loops) {
        for &n in &lp.nodes {
            if !lb.frames.iter().any(|f| f.contains_rect(&l.nodes[n].rect)) {
                defects.push(format!("loop [{}] does not hold node {}", lp.text, id(n)));
            }
        }
        for (ni, n) in l.nodes.iter().enumerate() {
            if !lp.nodes.contains(&ni) && lb.frames.iter().any(|f| f.overlaps(&n.rect)) {
                defects.push(format!(
                    "loop [{}] frames node {}, which is not in it",
                    lp.text,
                    id(ni)
                ));
            }
        }
    }
}

fn dir(s: Seg) -> (i8, i8) {
    let sx = (s.b.x - s.a.x).signum() as i8 * i8::from((s.b.x - s.a.x).abs() > 1e-3);
    let sy = (s.b.y - s.a.y).signum() as i8 * i8::from((s.b.y - s.a.y).abs() > 1e-3);
    (sx, sy)
}

/// Does a connector dock on `side` of `n` at `p`, moving perpendicular to
/// that side (`leaving` or entering)?
fn docks(n: &NodeBox, side: Handle, p: Point, d: (i8, i8), leaving: bool) -> bool {
    let out = match side {
        Handle::Left => (-1, 0),
        Handle::Right => (1, 0),
        Handle::Top => (0, -1),
        Handle::Bottom => (0, 1),
    };
    let expected = if leaving { out } else { (-out.0, -out.1) };
    if d != expected {
        return false;
    }
    let r = &n.rect;
    let on_outline = match n.shape {
        Shape::Rectangle | Shape::Taskbox => match side {
            Handle::Left => (p.x - r.x).abs() < 0.6 && p.y > r.y && p.y < r.bottom(),
            Handle::Right => (p.x - r.right()).abs() < 0.6 && p.y > r.y && p.y < r.bottom(),
            Handle::Top => (p.y - r.y).abs() < 0.6 && p.x > r.x && p.x < r.right(),
            Handle::Bottom => (p.y - r.bottom()).abs() < 0.6 && p.x > r.x && p.x < r.right(),
        },
        Shape::Diamond => {
            let v = (p.x - r.cx()).abs() / (r.w / 2.0) + (p.y - r.cy()).abs() / (r.h / 2.0);
            (v - 1.0).abs() < 0.03
        }
        Shape::Circle => {
            let dist = ((p.x - r.cx()).powi(2) + (p.y - r.cy()).powi(2)).sqrt();
            (dist - r.w / 2.0).abs() < 1.0
        }
    };
    // And on the named side of the centre.
    let side_ok = match side {
        Handle::Left => p.x < r.cx(),
        Handle::Right => p.x > r.cx(),
        Handle::Top => p.y < r.cy(),
        Handle::Bottom => p.y > r.cy(),
    };
    on_outline && side_ok
}

/// A stub of a node's own connector must move away from the node.
fn own_stub_enters(n: &NodeBox, s: &Seg, is_stub: bool) -> bool {
    if !is_stub {
        // An end segment that is not this node's stub (the other end's):
        // it must not cut the node.
        return n.rect.cut_by(s.a, s.b);
    }
    // The segment starts (or ends) at the outline; its far end must be outside.
    let far = n.rect.contains(s.a) && n.rect.contains(s.b);
    far && inside_shape(n, Point::new((s.a.x + s.b.x) / 2.0, (s.a.y + s.b.y) / 2.0))
}

fn inside_shape(n: &NodeBox, p: Point) -> bool {
    let r = &n.rect;
    match n.shape {
        Shape::Rectangle | Shape::Taskbox => r.inflate(-0.5).contains(p),
        Shape::Diamond => {
            (p.x - r.cx()).abs() / (r.w / 2.0) + (p.y - r.cy()).abs() / (r.h / 2.0) < 0.98
        }
        Shape::Circle => ((p.x - r.cx()).powi(2) + (p.y - r.cy()).powi(2)).sqrt() < r.w / 2.0 - 0.5,
    }
}

/// Is a line of text inside its node's outline (diamond and circle geometry
/// included)?
fn text_inside(n: &NodeBox, t: &TextLine) -> bool {
    let b = t.bbox();
    let corners = [
        Point::new(b.x, b.y),
        Point::new(b.right(), b.y),
        Point::new(b.x, b.bottom()),
        Point::new(b.right(), b.bottom()),
    ];
    match n.shape {
        Shape::Rectangle | Shape::Taskbox => n.rect.inflate(-2.0).contains_rect(&b),
        _ => corners.iter().all(|&c| inside_shape(n, c)),
    }
}
