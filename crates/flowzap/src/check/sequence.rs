//! The sequence view's checks: boxes, messages, labels and fragments.

use super::{ViewReport, inside_canvas, orthogonal, text_in};
use crate::ast::Diagram;
use crate::geom::{Point, Rect, segments};
use crate::model::TextLine;
use crate::sequence::{FragmentKind, SequenceLayout, Step};

/// Check a sequence layout against its diagram: boxes, headers and labels
/// never overlap; no message runs through a box, a header or a tab; every
/// fragment frames exactly its messages and nests inside its parent; the
/// messages go down in edge order and every step is drawn no later than
/// its first message.
pub fn check_sequence(d: &Diagram, l: &SequenceLayout) -> ViewReport {
    let mut defects = Vec::new();
    let boxes = boxes(d, l, &mut defects);
    let mut labels = messages(d, l, &boxes, &mut defects);
    order(d, l, &mut defects);
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
    let (w, h) = (l.width, l.height);
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

    fragments(l, &boxes, &mut defects);
    ViewReport { defects }
}

/// The boxes (steps, headers, footers), named: each inside the drawing,
/// none overlapping another, each holding its text, steps on their
/// lifelines.
fn boxes(d: &Diagram, l: &SequenceLayout, defects: &mut Vec<String>) -> Vec<(String, Rect)> {
    let id = |i: usize| d.nodes[i].id.as_str();
    let (w, h) = (l.width, l.height);
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
    boxes
}

/// The messages: orthogonal, through no box or tab, from their lifeline
/// to their lifeline (or the step they reach), their labels' text inside
/// the pill. Returns the labels, named.
fn messages(
    d: &Diagram,
    l: &SequenceLayout,
    boxes: &[(String, Rect)],
    defects: &mut Vec<String>,
) -> Vec<(String, Rect)> {
    let id = |i: usize| d.nodes[i].id.as_str();
    let mut labels: Vec<(String, Rect)> = Vec::new();
    for (i, (e, m)) in d.edges.iter().zip(&l.messages).enumerate() {
        let name = format!("message {} ({}->{})", i + 1, id(e.from), id(e.to));
        orthogonal(&name, &m.points, defects);
        for s in segments(&m.points) {
            for (what, r) in boxes {
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
    labels
}

/// Time goes down: each message below the one before, each step drawn no
/// later than its first message.
fn order(d: &Diagram, l: &SequenceLayout, defects: &mut Vec<String>) {
    let id = |i: usize| d.nodes[i].id.as_str();
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
}

/// Fragments: exactly their messages, nested in their parents, every box
/// wholly in or out, an `alt` with one operand per branch.
fn fragments(l: &SequenceLayout, boxes: &[(String, Rect)], defects: &mut Vec<String>) {
    let (w, h) = (l.width, l.height);
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
        for (what, r) in boxes {
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
