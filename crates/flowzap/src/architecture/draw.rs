//! The architecture view as SVG: the dependency arrows, then the
//! components (box, standing cylinder or cylinder on its side) on top.

use super::metrics::{CAP, SIDE_CAP};
use super::{ArchitectureLayout, Component, Dependency, description};
use crate::ast::{Diagram, Lane};
use crate::describe::{self, ComponentKind};
use crate::svg::{self, Esc, Options, PathD, num, text};
use std::fmt::Write;

/// Write the SVG of a laid-out architecture diagram; `source` seeds the ids.
pub fn write(d: &Diagram, l: &ArchitectureLayout, source: &str, opts: &Options<'_>) -> String {
    let mut s = String::with_capacity(4096 + d.lanes.len() * 600);
    let ids = svg::open_svg(
        &mut s,
        "fz-architecture",
        (l.width, l.height),
        ("fza", "fzap"),
        source,
        opts,
        || description(d, &describe::English),
    );
    for dep in &l.dependencies {
        dependency(&mut s, d, dep, &ids);
    }
    for (lane, c) in d.lanes.iter().zip(&l.components) {
        component(&mut s, lane, c);
    }
    s.push_str("</svg>");
    s
}

/// A dependency arrow and its label; `arrow` is the id prefix of the
/// arrowhead marker.
fn dependency(s: &mut String, d: &Diagram, dep: &Dependency, arrow: &str) {
    let _ = write!(
        s,
        r#"<g class="fz-dependency" data-from="{}" data-to="{}" data-edges="{}">"#,
        Esc(&d.lanes[dep.from].id),
        Esc(&d.lanes[dep.to].id),
        dep.edges.len()
    );
    let _ = write!(
        s,
        r##"<path d="{}" fill="none" stroke="#475569" stroke-width="1.5" stroke-linejoin="round" marker-end="url(#{arrow}-arrow)"/>"##,
        PathD(&dep.path.points, 6.0)
    );
    if let Some(label) = &dep.path.label {
        svg::label_pill(s, label);
    }
    s.push_str("</g>");
}

/// A component of lane `lane`: its outline, decision marks and text.
fn component(s: &mut String, lane: &Lane, c: &Component) {
    let _ = write!(
        s,
        r#"<g class="fz-component fz-{}" data-lane="{}">"#,
        c.kind.as_str(),
        Esc(&lane.id)
    );
    outline(s, c);
    for m in &c.marks {
        let _ = write!(
            s,
            r##"<polygon class="fz-mark" points="{},{} {},{} {},{} {},{}" fill="#fffbeb" stroke="#b45309" stroke-width="1"/>"##,
            num(m.cx()),
            num(m.y),
            num(m.right()),
            num(m.cy()),
            num(m.cx()),
            num(m.bottom()),
            num(m.x),
            num(m.cy())
        );
    }
    text(s, &c.text, "#0f172a");
    s.push_str("</g>");
}

/// A component's outline in the shape of its kind.
fn outline(s: &mut String, c: &Component) {
    let r = c.rect;
    let (fill, stroke) = match c.kind {
        ComponentKind::Service => ("#ffffff", "#475569"),
        _ => ("#eff6ff", "#1d4ed8"),
    };
    let paint = format!(r#"fill="{fill}" stroke="{stroke}" stroke-width="1.5""#);
    match c.kind {
        ComponentKind::Service => svg::shape_rect(s, r, 8.0, &paint),
        ComponentKind::Store => {
            let (rx, ry) = (num(r.w / 2.0), num(CAP));
            let _ = write!(
                s,
                r#"<path class="fz-shape" d="M{},{} A{rx},{ry} 0 0 1 {},{} V{} A{rx},{ry} 0 0 1 {},{} Z" {paint}/>"#,
                num(r.x),
                num(r.y + CAP),
                num(r.right()),
                num(r.y + CAP),
                num(r.bottom() - CAP),
                num(r.x),
                num(r.bottom() - CAP)
            );
            let _ = write!(
                s,
                r##"<path class="fz-cap" d="M{},{} A{rx},{ry} 0 0 0 {},{}" fill="none" stroke="{stroke}" stroke-width="1.5"/>"##,
                num(r.x),
                num(r.y + CAP),
                num(r.right()),
                num(r.y + CAP)
            );
        }
        ComponentKind::Queue => {
            let (rx, ry) = (num(SIDE_CAP), num(r.h / 2.0));
            let _ = write!(
                s,
                r#"<path class="fz-shape" d="M{},{} H{} A{rx},{ry} 0 0 1 {},{} H{} A{rx},{ry} 0 0 1 {},{} Z" {paint}/>"#,
                num(r.x + SIDE_CAP),
                num(r.y),
                num(r.right() - SIDE_CAP),
                num(r.right() - SIDE_CAP),
                num(r.bottom()),
                num(r.x + SIDE_CAP),
                num(r.x + SIDE_CAP),
                num(r.y)
            );
            let _ = write!(
                s,
                r##"<path class="fz-cap" d="M{},{} A{rx},{ry} 0 0 0 {},{}" fill="none" stroke="{stroke}" stroke-width="1.5"/>"##,
                num(r.right() - SIDE_CAP),
                num(r.y),
                num(r.right() - SIDE_CAP),
                num(r.bottom())
            );
        }
    }
}
