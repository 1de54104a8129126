//! SVG output: a laid-out diagram as one self-contained, accessible `<svg>`.
//!
//! Conventions (stable; themes and tests rely on them): `svg.fz` with a
//! viewBox, `role="img"`, `<title>` and `<desc>` first; one `g.fz-lane` per
//! lane, `g.fz-loop` per loop, `g.fz-edge` per edge (path, then its label),
//! `g.fz-node` per node (outline first, then `<text>`); `data-*` attributes
//! name lanes, nodes and handles; ids carry a hash of the source so several
//! diagrams can share a page. Colours are CSS custom properties (`--fz-*`)
//! with a light set and a dark set; presentation attributes repeat the light
//! colours for renderers without CSS.

use crate::ast::{Diagram, Shape};
use crate::describe;
use crate::geom::{Point, Rect};
use crate::model::{EdgeLabel, Layout, TextLine};
use crate::text::FONT_STACK;
use std::fmt::Write;

/// Append `s` escaped for XML/HTML text and attribute values.
pub fn escape_into(out: &mut String, s: &str) {
    let mut rest = s;
    // Copy the runs between special characters whole.
    while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

/// Text escaped as it is written, for `write!` arguments.
pub(crate) struct Esc<'a>(pub(crate) &'a str);

impl std::fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut rest = self.0;
        while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
            f.write_str(&rest[..i])?;
            f.write_str(match rest.as_bytes()[i] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            rest = &rest[i + 1..];
        }
        f.write_str(rest)
    }
}

/// A short, stable hash of the diagram source (FNV-1a, 32 bits).
pub(crate) fn source_hash(source: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in source.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{h:08x}")
}

pub(crate) const CSS: &str = "\
:where(svg.fz){--fz-bg:#ffffff;--fz-lane-fill:#f8fafc;--fz-lane-fill-alt:#f1f5f9;--fz-lane-stroke:#cbd5e1;\
--fz-header-fill:#e2e8f0;--fz-header-text:#0f172a;--fz-node-fill:#ffffff;--fz-node-stroke:#475569;--fz-text:#0f172a;\
--fz-decision-fill:#fffbeb;--fz-decision-stroke:#b45309;--fz-start-fill:#ecfdf5;--fz-start-stroke:#047857;\
--fz-end-fill:#fef2f2;--fz-end-stroke:#b91c1c;--fz-task-fill:#eff6ff;--fz-task-stroke:#1d4ed8;--fz-meta-text:#334155;\
--fz-edge:#475569;--fz-edge-text:#1e293b;--fz-loop:#64748b;--fz-loop-fill:#f1f5f9}\
@media (prefers-color-scheme:dark){:where(svg.fz){--fz-bg:#0f172a;--fz-lane-fill:#111827;--fz-lane-fill-alt:#0b1324;\
--fz-lane-stroke:#334155;--fz-header-fill:#1e293b;--fz-header-text:#e2e8f0;--fz-node-fill:#1e293b;--fz-node-stroke:#94a3b8;\
--fz-text:#f1f5f9;--fz-decision-fill:#3b2f12;--fz-decision-stroke:#fbbf24;--fz-start-fill:#052e25;--fz-start-stroke:#34d399;\
--fz-end-fill:#3b1111;--fz-end-stroke:#f87171;--fz-task-fill:#172554;--fz-task-stroke:#93c5fd;--fz-meta-text:#cbd5e1;\
--fz-edge:#94a3b8;--fz-edge-text:#e2e8f0;--fz-loop:#94a3b8;--fz-loop-fill:#1e293b}}\
svg.fz text{font-size:14px}\
svg.fz .fz-lane-band{fill:var(--fz-lane-fill);stroke:var(--fz-lane-stroke)}\
svg.fz .fz-lane:nth-of-type(even) .fz-lane-band{fill:var(--fz-lane-fill-alt)}\
svg.fz .fz-lane-header{fill:var(--fz-header-fill);stroke:var(--fz-lane-stroke)}\
svg.fz .fz-lane-label{fill:var(--fz-header-text);font-weight:600}\
svg.fz .fz-shape{fill:var(--fz-node-fill);stroke:var(--fz-node-stroke)}\
svg.fz .fz-diamond .fz-shape{fill:var(--fz-decision-fill);stroke:var(--fz-decision-stroke)}\
svg.fz .fz-start .fz-shape{fill:var(--fz-start-fill);stroke:var(--fz-start-stroke)}\
svg.fz .fz-end .fz-shape{fill:var(--fz-end-fill);stroke:var(--fz-end-stroke)}\
svg.fz .fz-taskbox .fz-shape{fill:var(--fz-task-fill);stroke:var(--fz-task-stroke)}\
svg.fz .fz-divider{stroke:var(--fz-task-stroke)}\
svg.fz .fz-label{fill:var(--fz-text)}\
svg.fz .fz-meta{fill:var(--fz-meta-text);font-size:13px}\
svg.fz .fz-edge path{fill:none;stroke:var(--fz-edge)}\
svg.fz .fz-arrowhead{fill:var(--fz-edge)}\
svg.fz .fz-edge-label-bg{fill:var(--fz-bg)}\
svg.fz .fz-edge-label{fill:var(--fz-edge-text);font-size:13px}\
svg.fz .fz-loop-frame{fill:none;stroke:var(--fz-loop)}\
svg.fz .fz-loop-tab{fill:var(--fz-loop-fill);stroke:var(--fz-loop)}\
svg.fz .fz-loop-label{fill:var(--fz-text);font-size:13px}\
svg.fz .fz-lifeline{fill:none;stroke:var(--fz-loop)}\
svg.fz .fz-fragment-frame{fill:none;stroke:var(--fz-loop)}\
svg.fz .fz-fragment-tab{fill:var(--fz-loop-fill);stroke:var(--fz-loop)}\
svg.fz .fz-fragment-label{fill:var(--fz-text);font-size:13px}\
svg.fz .fz-guard{fill:var(--fz-meta-text);font-size:13px}\
svg.fz .fz-separator{fill:none;stroke:var(--fz-loop)}\
svg.fz .fz-dependency path{fill:none;stroke:var(--fz-edge)}\
svg.fz .fz-component .fz-title{fill:var(--fz-text);font-weight:600}\
svg.fz .fz-store .fz-shape,svg.fz .fz-queue .fz-shape{fill:var(--fz-task-fill);stroke:var(--fz-task-stroke)}\
svg.fz .fz-cap{fill:none;stroke:var(--fz-task-stroke)}\
svg.fz .fz-mark{fill:var(--fz-decision-fill);stroke:var(--fz-decision-stroke)}";

/// The stylesheet the SVGs rely on. A standalone SVG embeds it; a page with
/// many diagrams can serve it once (see [`Options::embed_style`]).
///
/// The colour rules sit in `@supports`: renderers without custom properties
/// (resvg, some feed readers) skip them and keep the light presentation
/// attributes instead of painting everything black.
pub fn stylesheet() -> String {
    format!("@supports (color:var(--fz-x)){{{CSS}}}")
}

/// How to write an SVG.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// Names the diagram for assistive technology.
    pub title: &'a str,
    /// The diagram told as text for assistive technology, in the reader's
    /// language (see [`crate::describe`]); `None` for the built-in English.
    pub description: Option<&'a str>,
    /// Embed [`stylesheet`] in the SVG (true for a standalone file; a site
    /// that links the stylesheet once per page passes false).
    pub embed_style: bool,
    /// A decorative copy (a card preview next to its own caption): hidden
    /// from assistive technology, no title or description, and ids under
    /// `fzp-` so it never clashes with the full diagram on the same page.
    pub decorative: bool,
}

/// Write the SVG for a laid-out diagram; `source` seeds the id prefix.
pub fn write(d: &Diagram, l: &Layout, source: &str, opts: &Options<'_>) -> String {
    let mut s = String::with_capacity(4096 + d.nodes.len() * 400 + d.edges.len() * 300);
    let ids = open_svg(
        &mut s,
        "fz-workflow",
        (l.width, l.height),
        ("fz", "fzp"),
        source,
        opts,
        || describe::description(d, &describe::English),
    );
    lanes(&mut s, d, l);
    loops(&mut s, d, l);
    edges(&mut s, d, l, &ids);
    nodes(&mut s, d, l);
    s.push_str("</svg>");
    s
}

/// Each lane: its band, alternately shaded, and its header.
fn lanes(s: &mut String, d: &Diagram, l: &Layout) {
    for (i, (lane, lb)) in d.lanes.iter().zip(&l.lanes).enumerate() {
        let fill = if i % 2 == 0 { "#f8fafc" } else { "#f1f5f9" };
        let _ = write!(s, r#"<g class="fz-lane" data-lane="{}">"#, Esc(&lane.id));
        let r = lb.rect;
        let _ = write!(
            s,
            r##"<rect class="fz-lane-band" x="{}" y="{}" width="{}" height="{}" fill="{fill}" stroke="#cbd5e1" stroke-width="1"/>"##,
            num(r.x + 0.5),
            num(r.y + 0.5),
            num(r.w - 1.0),
            num(r.h - 1.0)
        );
        let hr = lb.header;
        let _ = write!(
            s,
            r##"<rect class="fz-lane-header" x="{}" y="{}" width="{}" height="{}" fill="#e2e8f0" stroke="#cbd5e1" stroke-width="1"/>"##,
            num(hr.x + 0.5),
            num(hr.y + 0.5),
            num(hr.w - 1.0),
            num(hr.h - 1.0)
        );
        text(s, &lb.text, "#0f172a");
        s.push_str("</g>");
    }
}

/// Each loop: its dashed frames and its tab.
fn loops(s: &mut String, d: &Diagram, l: &Layout) {
    for (lp, lb) in d.loops.iter().zip(&l.loops) {
        let ids: Vec<&str> = lp.nodes.iter().map(|&n| d.nodes[n].id.as_str()).collect();
        let _ = write!(
            s,
            r#"<g class="fz-loop" data-nodes="{}">"#,
            Esc(&ids.join(" "))
        );
        for f in &lb.frames {
            let _ = write!(
                s,
                r##"<rect class="fz-loop-frame" x="{}" y="{}" width="{}" height="{}" rx="8" fill="none" stroke="#64748b" stroke-width="1.25" stroke-dasharray="6 4"/>"##,
                num(f.x),
                num(f.y),
                num(f.w),
                num(f.h)
            );
        }
        let t = lb.tab;
        let _ = write!(
            s,
            r##"<path class="fz-loop-tab" d="M{},{} V{} Q{},{} {},{} H{} Q{},{} {},{} V{} Z" fill="#f1f5f9" stroke="#64748b" stroke-width="1"/>"##,
            num(t.x),
            num(t.bottom()),
            num(t.y + 6.0),
            num(t.x),
            num(t.y),
            num(t.x + 6.0),
            num(t.y),
            num(t.right() - 6.0),
            num(t.right()),
            num(t.y),
            num(t.right()),
            num(t.y + 6.0),
            num(t.bottom())
        );
        text(s, &lb.text, "#0f172a");
        s.push_str("</g>");
    }
}

/// Each connector with its label; `arrow` is the id prefix of the
/// arrowhead marker.
fn edges(s: &mut String, d: &Diagram, l: &Layout, arrow: &str) {
    for (e, ep) in d.edges.iter().zip(&l.edges) {
        let _ = write!(
            s,
            r#"<g class="fz-edge" data-from="{}" data-to="{}" data-from-handle="{}" data-to-handle="{}">"#,
            Esc(&d.nodes[e.from].id),
            Esc(&d.nodes[e.to].id),
            e.from_handle,
            e.to_handle
        );
        let _ = write!(
            s,
            r##"<path d="{}" fill="none" stroke="#475569" stroke-width="1.5" stroke-linejoin="round" marker-end="url(#{arrow}-arrow)"/>"##,
            PathD(&ep.points, 6.0)
        );
        if let Some(label) = &ep.label {
            label_pill(s, label);
        }
        s.push_str("</g>");
    }
}

/// Each node: its outline by shape (start and end circles marked), a
/// taskbox's divider, and its text.
fn nodes(s: &mut String, d: &Diagram, l: &Layout) {
    let (has_in, has_out) = degrees(d);
    for (i, (n, nb)) in d.nodes.iter().zip(&l.nodes).enumerate() {
        let role = role(n.shape, has_in[i], has_out[i]);
        let _ = write!(
            s,
            r#"<g class="fz-node fz-{}{role}" data-node="{}" data-lane="{}">"#,
            n.shape,
            Esc(&n.id),
            Esc(&d.lanes[n.lane].id)
        );
        let r = nb.rect;
        // A start circle is drawn lighter, an end circle bolder.
        let width = match role {
            " fz-start" => 1.25,
            " fz-end" => 3.0,
            _ => 1.5,
        };
        let paint = Paint(fill(n.shape, role), stroke(n.shape, role), width);
        match n.shape {
            Shape::Rectangle | Shape::Taskbox => shape_rect(s, r, 6.0, paint),
            Shape::Circle => {
                let _ = write!(
                    s,
                    r#"<circle class="fz-shape" cx="{}" cy="{}" r="{}" {paint}/>"#,
                    num(r.cx()),
                    num(r.cy()),
                    num(r.w / 2.0)
                );
            }
            Shape::Diamond => {
                let _ = write!(
                    s,
                    r#"<polygon class="fz-shape" points="{},{} {},{} {},{} {},{}" {paint}/>"#,
                    num(r.cx()),
                    num(r.y),
                    num(r.right()),
                    num(r.cy()),
                    num(r.cx()),
                    num(r.bottom()),
                    num(r.x),
                    num(r.cy())
                );
            }
        }
        if let Some(y) = nb.divider {
            let _ = write!(
                s,
                r##"<path class="fz-divider" d="M{},{} H{}" stroke="#1d4ed8" stroke-width="1" stroke-opacity="0.4"/>"##,
                num(r.x + 8.0),
                num(y),
                num(r.right() - 8.0)
            );
        }
        text(s, &nb.text, "#0f172a");
        s.push_str("</g>");
    }
}

/// The opening of a view's SVG: the root element (classes `fz` and
/// `class`), title, description, the embedded stylesheet when asked for,
/// and the arrowhead marker `{ids}-arrow`. Returns `ids`, the stem of the
/// drawing's ids: the view's prefix (`prefixes.1` for a decorative copy)
/// and a hash of its `source`, so two drawings on one page never share an
/// id. The English description is made by `describe`, only when the
/// drawing has one and `opts` brings none.
pub(crate) fn open_svg(
    s: &mut String,
    class: &str,
    (width, height): (f32, f32),
    prefixes: (&str, &str),
    source: &str,
    opts: &Options<'_>,
    describe: impl FnOnce() -> String,
) -> String {
    let prefix = if opts.decorative {
        prefixes.1
    } else {
        prefixes.0
    };
    let ids = format!("{prefix}-{}", source_hash(source));
    let (w, h) = (num(width), num(height));
    let font = Esc(FONT_STACK);
    if opts.decorative {
        let _ = write!(
            s,
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="fz {class}" viewBox="0 0 {w} {h}" width="{w}" height="{h}" aria-hidden="true" focusable="false" font-family="{font}" font-size="14">"#
        );
    } else {
        let _ = write!(
            s,
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="fz {class}" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="{ids}-t {ids}-d" font-family="{font}" font-size="14">"#
        );
        let _ = write!(s, r#"<title id="{ids}-t">{}</title>"#, Esc(opts.title));
        let made;
        let description = match opts.description {
            Some(text) => text,
            None => {
                made = describe();
                &made
            }
        };
        let _ = write!(s, r#"<desc id="{ids}-d">{}</desc>"#, Esc(description));
    }
    if opts.embed_style {
        s.push_str("<style>@supports (color:var(--fz-x)){");
        s.push_str(CSS);
        s.push_str("}</style>");
    }
    let _ = write!(
        s,
        r##"<defs><marker id="{ids}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path class="fz-arrowhead" d="M0,1 L10,5 L0,9 z" fill="#475569"/></marker></defs>"##
    );
    ids
}

/// An edge label: its pill and its text.
pub(crate) fn label_pill(s: &mut String, label: &EdgeLabel) {
    let r = label.rect;
    let _ = write!(
        s,
        r##"<rect class="fz-edge-label-bg" x="{}" y="{}" width="{}" height="{}" rx="{}" fill="#ffffff"/>"##,
        num(r.x),
        num(r.y),
        num(r.w),
        num(r.h),
        num((r.h / 2.0).min(9.0))
    );
    text(s, &label.text, "#1e293b");
}

/// Whether each node has connectors in, and out.
pub(crate) fn degrees(d: &Diagram) -> (Vec<bool>, Vec<bool>) {
    let mut has_in = vec![false; d.nodes.len()];
    let mut has_out = vec![false; d.nodes.len()];
    for e in &d.edges {
        has_out[e.from] = true;
        has_in[e.to] = true;
    }
    (has_in, has_out)
}

/// A circle's role: a start (only connectors out) or an end (only in).
pub(crate) fn role(shape: Shape, has_in: bool, has_out: bool) -> &'static str {
    match shape {
        Shape::Circle if !has_in && has_out => " fz-start",
        Shape::Circle if has_in && !has_out => " fz-end",
        _ => "",
    }
}

/// The light fill and stroke a node is drawn with where CSS is not read.
pub(crate) fn fill(shape: Shape, role: &str) -> &'static str {
    match (shape, role) {
        (Shape::Circle, " fz-start") => "#ecfdf5",
        (Shape::Circle, " fz-end") => "#fef2f2",
        (Shape::Diamond, _) => "#fffbeb",
        (Shape::Taskbox, _) => "#eff6ff",
        _ => "#ffffff",
    }
}

pub(crate) fn stroke(shape: Shape, role: &str) -> &'static str {
    match (shape, role) {
        (Shape::Circle, " fz-start") => "#047857",
        (Shape::Circle, " fz-end") => "#b91c1c",
        (Shape::Diamond, _) => "#b45309",
        (Shape::Taskbox, _) => "#1d4ed8",
        _ => "#475569",
    }
}

/// A number with at most one decimal and no trailing zeros: compact and
/// stable. Written straight into the output, since a diagram has hundreds
/// of them and float formatting with a precision is slow.
#[derive(Clone, Copy)]
pub(crate) struct Num(f32);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tenths = (self.0 * 10.0).round() as i64;
        if tenths < 0 && tenths > -10 {
            f.write_str("-")?;
        }
        let (whole, frac) = (tenths / 10, (tenths % 10).unsigned_abs());
        if frac == 0 {
            write!(f, "{whole}")
        } else {
            write!(f, "{whole}.{frac}")
        }
    }
}

pub(crate) fn num(v: f32) -> Num {
    Num(v)
}

/// A node's or component's box: `r` with corners of radius `rx`.
pub(crate) fn shape_rect(s: &mut String, r: Rect, rx: f32, paint: impl std::fmt::Display) {
    let _ = write!(
        s,
        r#"<rect class="fz-shape" x="{}" y="{}" width="{}" height="{}" rx="{}" {paint}/>"#,
        num(r.x),
        num(r.y),
        num(r.w),
        num(r.h),
        num(rx)
    );
}

pub(crate) fn text(s: &mut String, lines: &[TextLine], fill: &str) {
    for t in lines {
        if t.text.is_empty() {
            continue;
        }
        let anchor = if t.centered { "middle" } else { "start" };
        let _ = write!(
            s,
            r#"<text class="{}" x="{}" y="{}" text-anchor="{anchor}" fill="{fill}""#,
            t.class,
            num(t.x),
            num(t.y)
        );
        if (t.size - 14.0).abs() > 0.01 {
            let _ = write!(s, r#" font-size="{}""#, num(t.size));
        }
        s.push('>');
        escape_into(s, &t.text);
        s.push_str("</text>");
    }
}

/// A shape's presentation attributes: fill, stroke and stroke width.
pub(crate) struct Paint(
    pub(crate) &'static str,
    pub(crate) &'static str,
    pub(crate) f32,
);

impl std::fmt::Display for Paint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Paint(fill, stroke, width) = self;
        write!(
            f,
            r#"fill="{fill}" stroke="{stroke}" stroke-width="{width}""#
        )
    }
}

/// An SVG path through orthogonal points, its bends rounded to the given radius.
pub(crate) struct PathD<'a>(pub(crate) &'a [Point], pub(crate) f32);

impl std::fmt::Display for PathD<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let PathD(points, r) = *self;
        let Some(first) = points.first() else {
            return Ok(());
        };
        write!(f, "M{},{}", num(first.x), num(first.y))?;
        for i in 1..points.len() {
            let p = points[i];
            if i + 1 < points.len() {
                let (a, n) = (points[i - 1], points[i + 1]);
                let len_in = (p.x - a.x).abs() + (p.y - a.y).abs();
                let len_out = (n.x - p.x).abs() + (n.y - p.y).abs();
                let rr = r.min(len_in / 2.0).min(len_out / 2.0);
                let dir_in = (sign(p.x - a.x), sign(p.y - a.y));
                let dir_out = (sign(n.x - p.x), sign(n.y - p.y));
                let before = Point::new(p.x - dir_in.0 * rr, p.y - dir_in.1 * rr);
                let after = Point::new(p.x + dir_out.0 * rr, p.y + dir_out.1 * rr);
                write!(
                    f,
                    " L{},{} Q{},{} {},{}",
                    num(before.x),
                    num(before.y),
                    num(p.x),
                    num(p.y),
                    num(after.x),
                    num(after.y)
                )?;
            } else {
                write!(f, " L{},{}", num(p.x), num(p.y))?;
            }
        }
        Ok(())
    }
}

/// -1, 0 or 1 (`f32::signum` says 1 for 0).
fn sign(v: f32) -> f32 {
    if v.abs() < 1e-3 { 0.0 } else { v.signum() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        let mut out = String::new();
        escape_into(&mut out, r#"<script>&"'"#);
        assert_eq!(out, "&lt;script&gt;&amp;&quot;&#39;");
        assert_eq!(
            Esc(r#"<script>&"'"#).to_string(),
            out,
            "the two escapers agree"
        );
    }

    #[test]
    fn numbers_are_compact() {
        assert_eq!(num(12.0).to_string(), "12");
        assert_eq!(num(12.25).to_string(), "12.3");
        assert_eq!(num(-0.04).to_string(), "0");
        assert_eq!(num(-0.3).to_string(), "-0.3");
        assert_eq!(num(-12.34).to_string(), "-12.3");
    }

    /// The hand-written formatting agrees with Rust's own rounding to one
    /// decimal over the range diagrams use.
    #[test]
    fn numbers_match_float_formatting() {
        for i in -200_000..200_000 {
            let v = i as f32 * 0.0137;
            let r = (v * 10.0).round() / 10.0;
            let expected = if r == r.trunc() {
                format!("{}", r as i64)
            } else {
                format!("{r:.1}")
            };
            assert_eq!(num(v).to_string(), expected, "{v}");
        }
    }

    #[test]
    fn rounded_path() {
        let d = PathD(
            &[
                Point::new(0.0, 0.0),
                Point::new(20.0, 0.0),
                Point::new(20.0, 20.0),
            ],
            6.0,
        )
        .to_string();
        assert_eq!(d, "M0,0 L14,0 Q20,0 20,6 L20,20");
    }
}
