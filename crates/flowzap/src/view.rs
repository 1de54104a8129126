//! One FlowZap code, three views: the workflow (swimlanes, [`super::layout`]
//! and [`super::svg`]), the [`super::sequence`] diagram and the
//! [`super::architecture`] diagram. Every view's SVG keeps the same
//! guarantees: deterministic bytes, `role="img"` with a `<title>` and a
//! `<desc>` in the reader's language, `--fz-*` colours with a dark set, no
//! script and no `foreignObject`, escaped text, and ids that differ per
//! view so the three views of one diagram can share a page.

use super::ast::{Diagram, Shape};
use super::describe::{self, Wording};
use super::layout::EdgeLabel;
use super::svg::{self, CSS, Esc, Options, num, text};
use super::text::FONT_STACK;
use std::fmt::Write;

/// Which drawing of a diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum View {
    /// Swimlanes: lanes as bands, nodes, connectors.
    #[default]
    Workflow,
    /// Participants, lifelines, messages in edge order.
    Sequence,
    /// Components and what depends on what.
    Architecture,
}

impl View {
    pub const ALL: [View; 3] = [View::Workflow, View::Sequence, View::Architecture];

    /// The name used in `view=…` and `--view`.
    pub fn as_str(self) -> &'static str {
        match self {
            View::Workflow => "workflow",
            View::Sequence => "sequence",
            View::Architecture => "architecture",
        }
    }

    /// The view with this name.
    pub fn from_name(name: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.as_str() == name)
    }

    /// The accessible title of a diagram in this view, when its page gives
    /// none.
    pub fn title(self, d: &Diagram, w: &(impl Wording + ?Sized)) -> String {
        match self {
            View::Workflow => describe::title(d, w),
            View::Sequence => super::sequence::title(d, w),
            View::Architecture => super::architecture::title(d, w),
        }
    }

    /// The diagram in this view told as text.
    pub fn description(self, d: &Diagram, w: &(impl Wording + ?Sized)) -> String {
        match self {
            View::Workflow => describe::description(d, w),
            View::Sequence => super::sequence::description(d, w),
            View::Architecture => super::architecture::description(d, w),
        }
    }
}

impl std::fmt::Display for View {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for View {
    type Err = String;

    fn from_str(s: &str) -> Result<View, String> {
        View::from_name(s).ok_or_else(|| {
            format!("unknown view `{s}`; the views are workflow, sequence and architecture")
        })
    }
}

/// Lay out and draw a diagram that parsed without errors in `view`.
/// `wording` words what the architecture view writes in its boxes and
/// beside its arrows (step counts, "+2 more"); the title and description
/// come from `opts`.
pub fn render(
    d: &Diagram,
    source: &str,
    view: View,
    opts: &Options<'_>,
    wording: &(impl Wording + ?Sized),
) -> String {
    match view {
        View::Workflow => svg::write(d, &super::layout::layout(d), source, opts),
        View::Sequence => super::sequence::write(d, &super::sequence::layout(d), source, opts),
        View::Architecture => {
            let l = super::architecture::layout(d, wording);
            super::architecture::write(d, &l, source, opts)
        }
    }
}

/// The opening of a view's SVG: the root element (classes `fz` and
/// `class`), title, description, the embedded stylesheet when asked for,
/// and the arrowhead marker `{prefix}-{hash}-arrow`.
pub(crate) fn open_svg(
    s: &mut String,
    class: &str,
    (width, height): (f32, f32),
    prefix: &str,
    hash: &str,
    opts: &Options<'_>,
    description: &str,
) {
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
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="fz {class}" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="{prefix}-{hash}-t {prefix}-{hash}-d" font-family="{font}" font-size="14">"#
        );
        let _ = write!(
            s,
            r#"<title id="{prefix}-{hash}-t">{}</title>"#,
            Esc(opts.title)
        );
        let _ = write!(
            s,
            r#"<desc id="{prefix}-{hash}-d">{}</desc>"#,
            Esc(description)
        );
    }
    if opts.embed_style {
        s.push_str("<style>@supports (color:var(--fz-x)){");
        s.push_str(CSS);
        s.push_str("}</style>");
    }
    let _ = write!(
        s,
        r##"<defs><marker id="{prefix}-{hash}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path class="fz-arrowhead" d="M0,1 L10,5 L0,9 z" fill="#475569"/></marker></defs>"##
    );
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_are_named() {
        for v in View::ALL {
            assert_eq!(View::from_name(v.as_str()), Some(v));
            assert_eq!(v.as_str().parse::<View>(), Ok(v));
        }
        assert_eq!(View::default(), View::Workflow);
        let err = "swim".parse::<View>().unwrap_err();
        assert!(err.contains("`swim`") && err.contains("sequence"), "{err}");
    }

    #[test]
    fn each_view_has_its_root_class_and_its_own_ids() {
        let src = "A { # A\n  n1: circle label:\"Go\"\n  n2: rectangle label:\"Do\"\n  n1.handle(right) -> B.n3.handle(left) [label=\"x\"]\n}\nB { # Store\n  n3: rectangle label:\"Keep\"\n  n3.handle(left) -> A.n2.handle(right)\n}\n";
        let d = crate::parse(src).diagram;
        let mut ids = std::collections::BTreeSet::new();
        for v in View::ALL {
            let title = v.title(&d, &describe::English);
            let svg = render(
                &d,
                src,
                v,
                &Options {
                    title: &title,
                    description: None,
                    embed_style: true,
                    decorative: false,
                },
                &describe::English,
            );
            assert!(
                svg.starts_with(&format!(
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"fz fz-{v}\""
                )),
                "{v}"
            );
            let doc = roxmltree_free_ids(&svg);
            for id in doc {
                assert!(ids.insert(id.clone()), "{v}: {id} is used by another view");
            }
        }
    }

    /// Every `id="…"` of an SVG.
    fn roxmltree_free_ids(svg: &str) -> Vec<String> {
        svg.split(" id=\"")
            .skip(1)
            .map(|s| s[..s.find('"').unwrap()].to_string())
            .collect()
    }
}
