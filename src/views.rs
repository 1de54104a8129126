//! The gallery's view switcher: a template's diagram in its three views
//! (workflow, sequence, architecture), one shown at a time.
//!
//! Each view is a `<section>` whose id is the view's name, holding a row of
//! links to the three (`#workflow`, `#sequence`, `#architecture`, the
//! current one marked `aria-current`) and the view's figure. The theme shows
//! the `:target` section, or the first (the workflow) when none is, so the
//! switcher needs no JavaScript, works from the keyboard, and the choice
//! lives in the URL. Without CSS the three views follow one another.

use crate::flowzap::View;
use crate::util::escape_into;

/// The ids the switcher gives its sections (a page must not use them for
/// anything else).
pub fn section_id(view: View) -> &'static str {
    view.as_str()
}

/// One view, drawn and wrapped in its figure.
#[derive(Debug, Clone, Copy)]
pub struct Drawn<'a> {
    pub view: View,
    /// The view's name, in the page's language.
    pub name: &'a str,
    /// Its `<figure>`.
    pub figure: &'a str,
}

/// The switcher over `views` (the first is shown when no view is chosen);
/// `label` names the row of links for assistive technology.
pub fn switcher(label: &str, views: &[Drawn<'_>]) -> String {
    let mut out = String::with_capacity(
        256 * views.len() + views.iter().map(|v| v.figure.len()).sum::<usize>(),
    );
    out.push_str("<div class=\"fz-views\">\n");
    for v in views {
        out.push_str("<section class=\"fz-view\" id=\"");
        out.push_str(section_id(v.view));
        out.push_str("\" tabindex=\"-1\" aria-label=\"");
        escape_into(&mut out, v.name);
        out.push_str("\">\n<nav class=\"fz-view-tabs\" aria-label=\"");
        escape_into(&mut out, label);
        out.push_str("\">");
        for (k, w) in views.iter().enumerate() {
            if k > 0 {
                out.push_str("<span aria-hidden=\"true\"> · </span>");
            }
            out.push_str("<a href=\"#");
            out.push_str(section_id(w.view));
            out.push('"');
            if w.view == v.view {
                out.push_str(" aria-current=\"true\"");
            }
            out.push('>');
            escape_into(&mut out, w.name);
            out.push_str("</a>");
        }
        out.push_str("</nav>\n");
        out.push_str(v.figure.trim_end());
        out.push_str("\n</section>\n");
    }
    out.push_str("</div>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_links_to_all_views_and_marks_its_own() {
        let views = [
            Drawn {
                view: View::Workflow,
                name: "Workflow",
                figure: "<figure class=\"diagram\"><svg class=\"fz fz-workflow\"/></figure>\n",
            },
            Drawn {
                view: View::Sequence,
                name: "Séquence & co",
                figure: "<figure class=\"diagram\"><svg class=\"fz fz-sequence\"/></figure>",
            },
        ];
        let html = switcher("Diagram <views>", &views);
        assert!(
            html.starts_with(
                "<div class=\"fz-views\">\n<section class=\"fz-view\" id=\"workflow\""
            ),
            "{html}"
        );
        assert_eq!(html.matches("<section").count(), 2);
        assert_eq!(html.matches("href=\"#sequence\"").count(), 2);
        assert_eq!(html.matches("aria-current=\"true\"").count(), 2);
        assert!(html.contains("<a href=\"#sequence\" aria-current=\"true\">Séquence &amp; co</a>"));
        assert!(html.contains("aria-label=\"Diagram &lt;views&gt;\""));
        assert!(html.contains("<svg class=\"fz fz-sequence\"/></figure>\n</section>"));
        // The workflow section comes first: the theme shows it by default.
        assert!(html.find("id=\"workflow\"") < html.find("id=\"sequence\""));
    }
}
