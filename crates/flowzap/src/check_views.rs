//! The quality checker for the sequence and architecture views: what a
//! reader would call a defect, measured. Re-exported from [`crate::check`].

use crate::architecture::{self, ArchitectureLayout, CAP, Component, SIDE_CAP};
use crate::ast::{Diagram, Handle};
use crate::describe::ComponentKind;
use crate::geom::{Point, Rect, Seg, segments};
use crate::model::TextLine;
use crate::sequence::{FragmentKind, SequenceLayout, Step};

/// Defects found in one view (empty for a good drawing).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ViewReport {
    pub defects: Vec<String>,
}

impl ViewReport {
    pub fn is_clean(&self) -> bool {
        self.defects.is_empty()
    }
}

fn inside_canvas(r: &Rect, w: f32, h: f32) -> bool {
    r.x >= -0.01 && r.y >= -0.01 && r.right() <= w + 0.01 && r.bottom() <= h + 0.01
}

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

fn text_in(t: &TextLine, r: &Rect) -> bool {
    r.inflate(0.5).contains_rect(&t.bbox())
}

fn step_text_inside(s: &Step, t: &TextLine) -> bool {
    let b = t.bbox();
    [
        Point::new(b.x, b.y),
        Point::new(b.right(), b.y),
        Point::new(b.x, b.bottom()),
        Point::new(b.right(), b.bottom()),
    ]
    .iter()
    .all(|&p| s.outline_contains(p))
        && s.rect.inflate(-1.0).contains_rect(&b)
}

/// Check a sequence layout against its diagram: boxes, headers and labels
/// never overlap; no message runs through a box, a header or a tab; every
/// fragment frames exactly its messages and nests inside its parent; the
/// messages go down in edge order and every step is drawn no later than
/// its first message.
pub fn check_sequence(d: &Diagram, l: &SequenceLayout) -> ViewReport {
    let mut defects = Vec::new();
    let id = |i: usize| d.nodes[i].id.as_str();
    let (w, h) = (l.width, l.height);

    // Boxes: steps, headers, footers.
    let mut boxes: Vec<(String, Rect)> = Vec::new();
    for (i, s) in l.steps.iter().enumerate() {
        boxes.push((format!("step {}", id(i)), s.rect));
        for t in &s.text {
            if !step_text_inside(s, t) {
                defects.push(format!(
                    "text {:?} of step {} is not inside its box",
                    t.text,
                    id(i)
                ));
            }
        }
        let x = l.participants[d.nodes[i].lane].x;
        if (s.rect.cx() - x).abs() > 0.6 {
            defects.push(format!("step {} is not on its lifeline", id(i)));
        }
    }
    for (li, p) in l.participants.iter().enumerate() {
        let lane = &d.lanes[li].id;
        for (r, text, what) in std::iter::once((p.header, &p.header_text, "header"))
            .chain(p.footer.map(|f| (f, &p.footer_text, "footer")))
        {
            boxes.push((format!("{what} of {lane}"), r));
            for t in text {
                if !text_in(t, &r) {
                    defects.push(format!("the {what} of {lane} does not hold its label"));
                }
            }
        }
        for s in l.steps.iter().filter(|s| s.lane == li) {
            if s.rect.y < p.lifeline.0 || s.rect.bottom() > p.lifeline.1 {
                defects.push(format!("a step of {lane} lies off its lifeline"));
            }
        }
    }
    for (k, (a, ra)) in boxes.iter().enumerate() {
        if !inside_canvas(ra, w, h) {
            defects.push(format!("{a} lies outside the drawing"));
        }
        for (b, rb) in boxes.iter().skip(k + 1) {
            if ra.overlaps(rb) {
                defects.push(format!("{a} and {b} overlap"));
            }
        }
    }

    // Labels: message labels, fragment tabs and guards.
    let mut labels: Vec<(String, Rect)> = Vec::new();
    for (i, (e, m)) in d.edges.iter().zip(&l.messages).enumerate() {
        let name = format!("message {} ({}->{})", i + 1, id(e.from), id(e.to));
        orthogonal(&name, &m.points, &mut defects);
        for s in segments(&m.points) {
            for (what, r) in &boxes {
                if r.cut_by(s.a, s.b) {
                    defects.push(format!("{name} runs through {what}"));
                }
            }
            for f in &l.fragments {
                if f.tab.cut_by(s.a, s.b) {
                    defects.push(format!("{name} runs through a fragment tab"));
                }
            }
        }
        // It joins its participants' lifelines (or the step it reaches).
        let (a, b) = (d.nodes[e.from].lane, d.nodes[e.to].lane);
        let (first, last) = (m.points[0], *m.points.last().unwrap_or(&m.points[0]));
        if (first.x - l.participants[a].x).abs() > 0.6 {
            defects.push(format!("{name} does not leave its lifeline"));
        }
        let target = &l.steps[e.to].rect;
        let on_box = (last.x - target.x).abs() < 0.6 || (last.x - target.right()).abs() < 0.6;
        if (last.x - l.participants[b].x).abs() > 0.6 && !(on_box && target.contains(last)) {
            defects.push(format!("{name} does not reach its lifeline"));
        }
        if let Some(lab) = &m.label {
            labels.push((format!("label of {name}"), lab.rect));
            for t in &lab.text {
                if !text_in(t, &lab.rect) {
                    defects.push(format!("text of {name} overflows its label"));
                }
            }
        }
    }
    for (i, w2) in l.messages.windows(2).enumerate() {
        if w2[0].points[0].y >= w2[1].points[0].y {
            defects.push(format!("message {} is not below message {}", i + 2, i + 1));
        }
    }
    for (i, e) in d.edges.iter().enumerate() {
        let m = &l.messages[i];
        let top = m.points.iter().map(|p| p.y).fold(f32::INFINITY, f32::min);
        let bottom = m
            .points
            .iter()
            .map(|p| p.y)
            .fold(f32::NEG_INFINITY, f32::max);
        if l.steps[e.from].rect.cy() > top + 0.6 {
            defects.push(format!(
                "step {} is drawn after it sends message {}",
                id(e.from),
                i + 1
            ));
        }
        if l.steps[e.to].rect.cy() > bottom + 0.6 {
            defects.push(format!(
                "step {} is drawn after message {} reaches it",
                id(e.to),
                i + 1
            ));
        }
    }
    for f in &l.fragments {
        let what = f.plan.kind.keyword();
        labels.push((format!("{what} tab"), f.tab));
        for t in &f.tab_text {
            if !text_in(t, &f.tab) {
                defects.push(format!("the {what} tab does not hold its text"));
            }
        }
        for g in &f.guards {
            if !g.text.is_empty() {
                labels.push((format!("guard {:?}", g.text), g.bbox()));
            }
        }
    }
    for (k, (a, ra)) in labels.iter().enumerate() {
        if !inside_canvas(ra, w, h) {
            defects.push(format!("{a} lies outside the drawing"));
        }
        for (b, rb) in &boxes {
            if ra.overlaps(rb) {
                defects.push(format!("{a} overlaps {b}"));
            }
        }
        for (b, rb) in labels.iter().skip(k + 1) {
            if ra.overlaps(rb) {
                defects.push(format!("{a} overlaps {b}"));
            }
        }
    }
    // Guards clear of every arrow.
    for f in &l.fragments {
        for g in f.guards.iter().filter(|g| !g.text.is_empty()) {
            let b = g.bbox();
            for (i, m) in l.messages.iter().enumerate() {
                if segments(&m.points).any(|s| b.cut_by(s.a, s.b)) {
                    defects.push(format!("guard {:?} lies on message {}", g.text, i + 1));
                }
            }
        }
    }

    // Fragments: exactly their messages, nested in their parents, every
    // box wholly in or out.
    for (fi, f) in l.fragments.iter().enumerate() {
        let name = format!("{} fragment {}", f.plan.kind.keyword(), fi);
        if !inside_canvas(&f.rect, w, h) {
            defects.push(format!("{name} lies outside the drawing"));
        }
        if !f.rect.contains_rect(&f.tab) {
            defects.push(format!("the tab of {name} sticks out of it"));
        }
        for (i, m) in l.messages.iter().enumerate() {
            let mine = f.plan.messages().contains(&i);
            let bb = m.bbox();
            if mine && !f.rect.inflate(-1.0).contains_rect(&bb) {
                defects.push(format!("{name} does not hold its message {}", i + 1));
            }
            if !mine && f.rect.overlaps(&bb) {
                defects.push(format!(
                    "{name} frames message {}, not one of its own",
                    i + 1
                ));
            }
        }
        for (what, r) in &boxes {
            if f.rect.overlaps(r) && !f.rect.contains_rect(r) {
                defects.push(format!("{name} cuts through {what}"));
            }
        }
        if let Some(p) = f.plan.parent {
            let outer = &l.fragments[p];
            if !outer.rect.inflate(-1.0).contains_rect(&f.rect) {
                defects.push(format!("{name} is not inside the fragment it nests in"));
            }
        }
        for (gi, g) in l.fragments.iter().enumerate() {
            if gi == fi || f.rect.contains_rect(&g.rect) || g.rect.contains_rect(&f.rect) {
                continue;
            }
            if f.rect.overlaps(&g.rect) {
                defects.push(format!("fragments {fi} and {gi} cross"));
            }
        }
        if f.plan.kind == FragmentKind::Alt {
            let ops = f.plan.last - f.plan.first + 1;
            if f.separators.len() + 1 != ops || f.guards.len() != ops {
                defects.push(format!("{name} has not one operand per branch"));
            }
            for (k, &y) in f.separators.iter().enumerate() {
                let above = l.messages[f.plan.first + k].bbox();
                let below = l.messages[f.plan.first + k + 1].bbox();
                if !(above.bottom() <= y && y <= below.y) {
                    defects.push(format!("{name}: a separator is not between its branches"));
                }
            }
        }
    }
    ViewReport { defects }
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

/// Check an architecture layout: components never overlap and hold their
/// text; every arrow is orthogonal, starts and ends on its components'
/// outlines and runs through no component; labels clear of components and
/// of each other; one arrow per ordered pair of lanes.
pub fn check_architecture(d: &Diagram, l: &ArchitectureLayout) -> ViewReport {
    let mut defects = Vec::new();
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
        orthogonal(&name, pts, &mut defects);
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
