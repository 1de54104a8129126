//! The sequence view as SVG: participants with their lifelines, fragment
//! frames, messages, then the steps on top.

use super::{Fragment, FragmentKind, SequenceLayout, description, hex_inset};
use crate::ast::{Diagram, Shape};
use crate::describe::{self, MessageKind};
use crate::svg::{self, Esc, Options, Paint, PathD, escape_into, num, text};
use std::fmt::Write;

/// Write the SVG of a laid-out sequence diagram; `source` seeds the ids.
pub fn write(d: &Diagram, l: &SequenceLayout, source: &str, opts: &Options<'_>) -> String {
    let mut s = String::with_capacity(6144 + d.nodes.len() * 400 + d.edges.len() * 400);
    let ids = svg::open_svg(
        &mut s,
        "fz-sequence",
        (l.width, l.height),
        ("fzs", "fzsp"),
        source,
        opts,
        || description(d, &describe::English),
    );
    participants(&mut s, d, l);
    for f in &l.fragments {
        fragment(&mut s, d, f);
    }
    messages(&mut s, d, l, &ids);
    steps(&mut s, d, l);
    s.push_str("</svg>");
    s
}

/// Each participant: its lifeline, header and footer.
fn participants(s: &mut String, d: &Diagram, l: &SequenceLayout) {
    for (lane, part) in d.lanes.iter().zip(&l.participants) {
        let _ = write!(
            s,
            r#"<g class="fz-participant" data-lane="{}">"#,
            Esc(&lane.id)
        );
        let _ = write!(
            s,
            r##"<path class="fz-lifeline" d="M{},{} V{}" fill="none" stroke="#64748b" stroke-width="1" stroke-dasharray="5 4"/>"##,
            num(part.x),
            num(part.lifeline.0),
            num(part.lifeline.1)
        );
        for (r, t) in std::iter::once((part.header, &part.header_text))
            .chain(part.footer.map(|f| (f, &part.footer_text)))
        {
            let _ = write!(
                s,
                r##"<rect class="fz-lane-header" x="{}" y="{}" width="{}" height="{}" rx="4" fill="#e2e8f0" stroke="#cbd5e1" stroke-width="1"/>"##,
                num(r.x + 0.5),
                num(r.y + 0.5),
                num(r.w - 1.0),
                num(r.h - 1.0)
            );
            text(s, t, "#0f172a");
        }
        s.push_str("</g>");
    }
}

/// A fragment: its frame, tab, separators and guards.
fn fragment(s: &mut String, d: &Diagram, f: &Fragment) {
    let kind = f.plan.kind.keyword();
    match f.plan.kind {
        FragmentKind::Loop => {
            let ids: Vec<&str> = d.loops[f.plan.owner]
                .nodes
                .iter()
                .map(|&n| d.nodes[n].id.as_str())
                .collect();
            let _ = write!(
                s,
                r#"<g class="fz-fragment fz-fragment-loop" data-kind="loop" data-nodes="{}">"#,
                Esc(&ids.join(" "))
            );
        }
        FragmentKind::Alt => {
            let _ = write!(
                s,
                r#"<g class="fz-fragment fz-fragment-alt" data-kind="alt" data-decision="{}">"#,
                Esc(&d.nodes[f.plan.owner].id)
            );
        }
    }
    let r = f.rect;
    let _ = write!(
        s,
        r##"<rect class="fz-fragment-frame" x="{}" y="{}" width="{}" height="{}" fill="none" stroke="#64748b" stroke-width="1.25"/>"##,
        num(r.x),
        num(r.y),
        num(r.w),
        num(r.h)
    );
    let t = f.tab;
    let _ = write!(
        s,
        r##"<path class="fz-fragment-tab" d="M{},{} H{} V{} L{},{} H{} Z" fill="#f1f5f9" stroke="#64748b" stroke-width="1"/>"##,
        num(t.x),
        num(t.y),
        num(t.right()),
        num(t.bottom() - 6.0),
        num(t.right() - 6.0),
        num(t.bottom()),
        num(t.x)
    );
    for (k, line) in f.tab_text.iter().enumerate() {
        let _ = write!(
            s,
            r##"<text class="fz-fragment-label" x="{}" y="{}" fill="#0f172a" font-size="13">"##,
            num(line.x),
            num(line.y)
        );
        // The keyword in bold, as UML writes it.
        match line.text.strip_prefix(kind).filter(|_| k == 0) {
            Some(rest) => {
                let _ = write!(s, r#"<tspan font-weight="600">{kind}</tspan>"#);
                escape_into(s, rest);
            }
            None => escape_into(s, &line.text),
        }
        s.push_str("</text>");
    }
    for &y in &f.separators {
        let _ = write!(
            s,
            r##"<path class="fz-separator" d="M{},{} H{}" fill="none" stroke="#64748b" stroke-width="1" stroke-dasharray="6 4"/>"##,
            num(r.x),
            num(y),
            num(r.right())
        );
    }
    text(s, &f.guards, "#334155");
    s.push_str("</g>");
}

/// Each message: its arrow (dashed for a reply) and its label; `arrow`
/// is the id prefix of the arrowhead marker.
fn messages(s: &mut String, d: &Diagram, l: &SequenceLayout, arrow: &str) {
    for (e, m) in d.edges.iter().zip(&l.messages) {
        let extra = match m.kind {
            MessageKind::Call => "",
            MessageKind::Reply => " fz-reply",
            MessageKind::SelfCall => " fz-self",
        };
        let _ = write!(
            s,
            r#"<g class="fz-edge fz-message{extra}" data-from="{}" data-to="{}">"#,
            Esc(&d.nodes[e.from].id),
            Esc(&d.nodes[e.to].id)
        );
        let dash = if m.kind == MessageKind::Reply {
            r#" stroke-dasharray="6 4""#
        } else {
            ""
        };
        let _ = write!(
            s,
            r##"<path d="{}" fill="none" stroke="#475569" stroke-width="1.5" stroke-linejoin="round"{dash} marker-end="url(#{arrow}-arrow)"/>"##,
            PathD(&m.points, 4.0)
        );
        if let Some(label) = &m.label {
            svg::label_pill(s, label);
        }
        s.push_str("</g>");
    }
}

/// Each step on its lifeline: a box, a stadium (circle) or a hexagon
/// (diamond), with its text.
fn steps(s: &mut String, d: &Diagram, l: &SequenceLayout) {
    let (has_in, has_out) = svg::degrees(d);
    for (i, (n, st)) in d.nodes.iter().zip(&l.steps).enumerate() {
        let role = svg::role(n.shape, has_in[i], has_out[i]);
        let _ = write!(
            s,
            r#"<g class="fz-node fz-{}{role}" data-node="{}" data-lane="{}">"#,
            n.shape,
            Esc(&n.id),
            Esc(&d.lanes[n.lane].id)
        );
        let paint = Paint(
            svg::fill(n.shape, role),
            svg::stroke(n.shape, role),
            if role == " fz-end" { 2.5 } else { 1.5 },
        );
        let r = st.rect;
        match n.shape {
            Shape::Rectangle | Shape::Taskbox => svg::shape_rect(s, r, 6.0, paint),
            // A circle step is a pill: its label is wider than a circle.
            Shape::Circle => svg::shape_rect(s, r, r.h / 2.0, paint),
            Shape::Diamond => {
                let k = hex_inset(r.h);
                let _ = write!(
                    s,
                    r#"<polygon class="fz-shape" points="{},{} {},{} {},{} {},{} {},{} {},{}" {paint}/>"#,
                    num(r.x),
                    num(r.cy()),
                    num(r.x + k),
                    num(r.y),
                    num(r.right() - k),
                    num(r.y),
                    num(r.right()),
                    num(r.cy()),
                    num(r.right() - k),
                    num(r.bottom()),
                    num(r.x + k),
                    num(r.bottom())
                );
            }
        }
        text(s, &st.text, "#0f172a");
        s.push_str("</g>");
    }
}
