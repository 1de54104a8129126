//! The architecture view's checks: components, arrows and their labels.

use super::{ViewReport, inside_canvas, orthogonal, text_in};
use crate::architecture::{self, ArchitectureLayout, CAP, Component, SIDE_CAP};
use crate::ast::{Diagram, Handle};
use crate::describe::ComponentKind;
use crate::geom::{Point, Rect, Seg, segments};

/// Check an architecture layout: components never overlap and hold their
/// text; every arrow is orthogonal, starts and ends on its components'
/// outlines and runs through no component; labels clear of components and
/// of each other; one arrow per ordered pair of lanes.
pub fn check_architecture(d: &Diagram, l: &ArchitectureLayout) -> ViewReport {
    let mut defects = Vec::new();
    let lane = |i: usize| d.lanes[i].id.as_str();
    let (w, h) = (l.width, l.height);
    components(d, l, &mut defects);
    let labels = arrows(d, l, &mut defects);
    for (k, (a, ra)) in labels.iter().enumerate() {
        if !inside_canvas(ra, w, h) {
            defects.push(format!("{a} lies outside the drawing"));
        }
        for (ci, c) in l.components.iter().enumerate() {
            if ra.overlaps(&c.rect) {
                defects.push(format!("{a} overlaps component {}", lane(ci)));
            }
        }
        for (b, rb) in labels.iter().skip(k + 1) {
            if ra.overlaps(rb) {
                defects.push(format!("{a} overlaps {b}"));
            }
        }
    }
    let want = architecture::dependencies(d).len();
    if l.dependencies.len() != want {
        defects.push(format!(
            "{} arrows for {want} ordered pairs of lanes",
            l.dependencies.len()
        ));
    }
    ViewReport { defects }
}

/// Components: one per lane, inside the drawing, holding their text and
/// marks, apart from each other.
fn components(d: &Diagram, l: &ArchitectureLayout, defects: &mut Vec<String>) {
    let lane = |i: usize| d.lanes[i].id.as_str();
    let (w, h) = (l.width, l.height);
    if l.components.len() != d.lanes.len() {
        defects.push("not one component per lane".to_string());
    }
    for (i, c) in l.components.iter().enumerate() {
        if !inside_canvas(&c.rect, w, h) {
            defects.push(format!("component {} lies outside the drawing", lane(i)));
        }
        let inner = c.inner();
        for t in &c.text {
            if !text_in(t, &inner) {
                defects.push(format!(
                    "text {:?} of component {} is not inside it",
                    t.text,
                    lane(i)
                ));
            }
        }
        for m in &c.marks {
            if !inner.contains_rect(m) {
                defects.push(format!("a decision mark of {} is not inside it", lane(i)));
            }
        }
        for (j, o) in l.components.iter().enumerate().skip(i + 1) {
            if c.rect.inflate(4.0).overlaps(&o.rect) {
                defects.push(format!("components {} and {} overlap", lane(i), lane(j)));
            }
        }
    }
}

/// Arrows: one per ordered pair of lanes, orthogonal, from outline to
/// outline, through no component, inside the drawing, their labels' text
/// inside the pill. Returns the labels, named.
fn arrows(d: &Diagram, l: &ArchitectureLayout, defects: &mut Vec<String>) -> Vec<(String, Rect)> {
    let lane = |i: usize| d.lanes[i].id.as_str();
    let (w, h) = (l.width, l.height);
    let mut pairs = std::collections::BTreeSet::new();
    let mut labels: Vec<(String, Rect)> = Vec::new();
    for dep in &l.dependencies {
        let name = format!("dependency {}->{}", lane(dep.from), lane(dep.to));
        if !pairs.insert((dep.from, dep.to)) {
            defects.push(format!("{name} is drawn twice"));
        }
        if dep.from == dep.to {
            defects.push(format!("{name} joins a component to itself"));
        }
        let pts = &dep.path.points;
        orthogonal(&name, pts, defects);
        if pts.len() < 2 {
            continue;
        }
        let (first, last) = (pts[0], pts[pts.len() - 1]);
        if !on_component_outline(&l.components[dep.from], first) {
            defects.push(format!(
                "{name} does not leave the outline of {}",
                lane(dep.from)
            ));
        }
        if !on_component_outline(&l.components[dep.to], last) {
            defects.push(format!(
                "{name} does not reach the outline of {}",
                lane(dep.to)
            ));
        }
        let segs: Vec<Seg> = segments(pts).collect();
        for (k, s) in segs.iter().enumerate() {
            for (ci, c) in l.components.iter().enumerate() {
                let own_end = (ci == dep.from && k == 0) || (ci == dep.to && k + 1 == segs.len());
                // The end on a cap's curve starts inside the bounding box:
                // only the part outside it counts.
                let r = if own_end { c.inner() } else { c.rect };
                if r.cut_by(s.a, s.b) {
                    defects.push(format!("{name} runs through component {}", lane(ci)));
                }
            }
            if s.a.x < -0.01 || s.a.y < -0.01 || s.a.x > w + 0.01 || s.a.y > h + 0.01 {
                defects.push(format!("{name} leaves the drawing"));
            }
        }
        if let Some(lab) = &dep.path.label {
            labels.push((format!("label of {name}"), lab.rect));
            for t in &lab.text {
                if !text_in(t, &lab.rect) {
                    defects.push(format!("text of {name} overflows its label"));
                }
            }
        }
    }
    labels
}

/// Is `p` on the outline of component `c` (within half a pixel)?
fn on_component_outline(c: &Component, p: Point) -> bool {
    let r = c.rect;
    let near = |a: f32, b: f32| (a - b).abs() < 0.6;
    let within = |v: f32, lo: f32, hi: f32| v > lo - 0.01 && v < hi + 0.01;
    let on_curve = |side: Handle| {
        let q = c.on_outline(side, p);
        near(p.x, q.x) && near(p.y, q.y)
    };
    let sides = ((near(p.x, r.x) || near(p.x, r.right())) && within(p.y, r.y, r.bottom()))
        || ((near(p.y, r.y) || near(p.y, r.bottom())) && within(p.x, r.x, r.right()));
    match c.kind {
        ComponentKind::Service => sides,
        ComponentKind::Store => {
            if p.y < r.y + CAP {
                on_curve(Handle::Top)
            } else if p.y > r.bottom() - CAP {
                on_curve(Handle::Bottom)
            } else {
                (near(p.x, r.x) || near(p.x, r.right())) && within(p.y, r.y, r.bottom())
            }
        }
        ComponentKind::Queue => {
            if p.x < r.x + SIDE_CAP {
                on_curve(Handle::Left)
            } else if p.x > r.right() - SIDE_CAP {
                on_curve(Handle::Right)
            } else {
                (near(p.y, r.y) || near(p.y, r.bottom())) && within(p.x, r.x, r.right())
            }
        }
    }
}
