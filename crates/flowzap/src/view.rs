//! One FlowZap code, three views: the workflow (swimlanes, [`crate::layout`]
//! and [`crate::svg`]), the [`crate::sequence`] diagram and the
//! [`crate::architecture`] diagram. Every view's SVG keeps the same
//! guarantees: deterministic bytes, `role="img"` with a `<title>` and a
//! `<desc>` in the reader's language, `--fz-*` colours with a dark set, no
//! script and no `foreignObject`, escaped text, and ids that differ per
//! view so the three views of one diagram can share a page.

use crate::architecture;
use crate::ast::Diagram;
use crate::describe::{self, Wording};
use crate::sequence;
use crate::svg::{self, Options};

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
    /// Every view, the workflow first.
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
            View::Sequence => sequence::title(d, w),
            View::Architecture => architecture::title(d, w),
        }
    }

    /// The diagram in this view told as text.
    pub fn description(self, d: &Diagram, w: &(impl Wording + ?Sized)) -> String {
        match self {
            View::Workflow => describe::description(d, w),
            View::Sequence => sequence::description(d, w),
            View::Architecture => architecture::description(d, w),
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
        View::Workflow => svg::write(d, &crate::layout(d), source, opts),
        View::Sequence => sequence::write(d, &sequence::layout(d), source, opts),
        View::Architecture => {
            let l = architecture::layout(d, wording);
            architecture::write(d, &l, source, opts)
        }
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
