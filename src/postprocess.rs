//! lol_html passes over each rendered page:
//!
//! - headings with an `id` get an anchor link (`<a class="anchor" href="#id">`)
//!   whose `#` is hidden from assistive technology and whose name is the
//!   page language's `anchor-link` message, visually hidden;
//! - external links get `rel="noopener"` (kept with any rel already there);
//! - internal links written `@/path/page.md` are resolved for the page's
//!   reader; a target that does not exist is reported.

use lol_html::html_content::{ContentType, Element};
use lol_html::{RewriteStrSettings, element, rewrite_str};
use std::cell::RefCell;

/// What a pass needs to know about the site.
pub struct Links<'a> {
    /// Resolves a `@/` target (without `@/`) to a URL for this page's reader.
    pub resolve: &'a dyn Fn(&str) -> Option<String>,
    /// The site's own absolute base URL, whose links are not external.
    pub base_url: &'a str,
    /// The accessible name of heading anchors, in the page's language.
    pub anchor_label: &'a str,
}

/// Why a page could not be processed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// `@/…` targets (without `@/`) that name no content.
    MissingTargets(Vec<String>),
    /// The HTML rewriter failed.
    Rewrite(String),
}

fn is_external(href: &str, base_url: &str) -> bool {
    let external =
        href.starts_with("http://") || href.starts_with("https://") || href.starts_with("//");
    let own = base_url.contains("://") && href.starts_with(base_url);
    external && !own
}

/// Where inline diagrams start; they hold nothing the passes rewrite.
const DIAGRAM_OPEN: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"fz\"";
const DIAGRAM_CLOSE: &str = "</svg>";
const MARKER: &str = "<!--zapdoc-diagram-->";

/// Cut the inline diagrams out of `html`, leaving a comment marker for each:
/// on gallery pages they are most of the bytes, and the rewriter would
/// tokenize every one of them for nothing.
fn set_diagrams_aside(html: &str) -> (String, Vec<&str>) {
    let mut rest = html;
    let mut out = String::with_capacity(html.len().min(64 * 1024));
    let mut aside = Vec::new();
    while let Some(start) = rest.find(DIAGRAM_OPEN) {
        let Some(len) = rest[start..].find(DIAGRAM_CLOSE) else {
            break;
        };
        let end = start + len + DIAGRAM_CLOSE.len();
        out.push_str(&rest[..start]);
        out.push_str(MARKER);
        aside.push(&rest[start..end]);
        rest = &rest[end..];
    }
    out.push_str(rest);
    (out, aside)
}

/// Put the diagrams back where [`set_diagrams_aside`] left its markers.
fn restore_diagrams(html: &str, aside: &[&str]) -> String {
    let mut out = String::with_capacity(html.len() + aside.iter().map(|d| d.len()).sum::<usize>());
    let mut parts = html.split(MARKER);
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for (part, diagram) in parts.zip(aside.iter().chain(std::iter::repeat(&""))) {
        out.push_str(diagram);
        out.push_str(part);
    }
    out
}

/// Run every pass over `html`.
pub fn process(html: &str, links: &Links<'_>) -> Result<String, Problem> {
    if html.contains(MARKER) {
        // The page itself holds the marker text: no shortcut.
        return rewrite(html, links);
    }
    let (light, aside) = set_diagrams_aside(html);
    let out = rewrite(&light, links)?;
    Ok(if aside.is_empty() {
        out
    } else {
        restore_diagrams(&out, &aside)
    })
}

fn rewrite(html: &str, links: &Links<'_>) -> Result<String, Problem> {
    let missing: RefCell<Vec<String>> = RefCell::new(Vec::new());
    let anchor = |el: &mut Element<'_, '_>| {
        if let Some(id) = el.get_attribute("id") {
            let mut a = String::from(" <a class=\"anchor\" href=\"#");
            crate::util::escape_into(&mut a, &id);
            a.push_str("\"><span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">");
            crate::util::escape_into(&mut a, links.anchor_label);
            a.push_str("</span></a>");
            el.append(&a, ContentType::Html);
        }
        Ok(())
    };
    let link = |el: &mut Element<'_, '_>| {
        let Some(href) = el.get_attribute("href") else {
            return Ok(());
        };
        if let Some(target) = href.strip_prefix("@/") {
            match (links.resolve)(target) {
                Some(url) => el.set_attribute("href", &url)?,
                None => missing.borrow_mut().push(target.to_string()),
            }
        } else if is_external(&href, links.base_url) {
            let rel = el.get_attribute("rel").unwrap_or_default();
            if !rel
                .split_ascii_whitespace()
                .any(|t| t.eq_ignore_ascii_case("noopener"))
            {
                let rel = if rel.trim().is_empty() {
                    "noopener".to_string()
                } else {
                    format!("{} noopener", rel.trim())
                };
                el.set_attribute("rel", &rel)?;
            }
        }
        Ok(())
    };
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!(
            "h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]",
            anchor
        ))
        .append_element_content_handler(element!("a[href]", link));
    let out = rewrite_str(html, settings).map_err(|e| Problem::Rewrite(e.to_string()))?;
    let missing = missing.into_inner();
    if missing.is_empty() {
        Ok(out)
    } else {
        Err(Problem::MissingTargets(missing))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagrams_pass_through_untouched() {
        let svg = format!(
            "{DIAGRAM_OPEN} viewBox=\"0 0 1 1\"><a href=\"https://x.org/\">x</a><text>&lt;</text></svg>"
        );
        let html = format!(
            "<h2 id=\"a\">A</h2><figure>{svg}</figure><p><a href=\"https://y.org/\">y</a></p><div>{svg}</div>"
        );
        let out = run(&html).unwrap();
        assert_eq!(out.matches(svg.as_str()).count(), 2, "{out}");
        assert!(
            out.contains("href=\"https://y.org/\" rel=\"noopener\""),
            "{out}"
        );
        assert!(out.contains("class=\"anchor\""), "{out}");
        assert!(!out.contains("zapdoc-diagram"), "{out}");
    }

    fn run(html: &str) -> Result<String, Problem> {
        let resolve = |t: &str| (t == "a.md").then(|| "/zh/a/".to_string());
        process(
            html,
            &Links {
                resolve: &resolve,
                base_url: "https://site.example/",
                anchor_label: "Link to <this> section",
            },
        )
    }

    #[test]
    fn headings_get_anchors() {
        let out = run("<h2 id=\"how\">How</h2><h3>No id</h3>").unwrap();
        assert_eq!(
            out,
            "<h2 id=\"how\">How <a class=\"anchor\" href=\"#how\"><span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">Link to &lt;this&gt; section</span></a></h2><h3>No id</h3>"
        );
    }

    #[test]
    fn external_links_get_noopener() {
        let out = run("<a href=\"https://x.org/\">x</a><a href=\"https://x.org/\" rel=\"nofollow\">y</a><a href=\"https://site.example/a/\">own</a><a href=\"/b/\">rel</a>").unwrap();
        assert!(
            out.contains("<a href=\"https://x.org/\" rel=\"noopener\">x</a>"),
            "{out}"
        );
        assert!(out.contains("rel=\"nofollow noopener\""), "{out}");
        assert!(
            out.contains("<a href=\"https://site.example/a/\">own</a>"),
            "{out}"
        );
        assert!(out.contains("<a href=\"/b/\">rel</a>"), "{out}");
    }

    #[test]
    fn internal_links_resolve_or_are_reported() {
        assert_eq!(
            run("<a href=\"@/a.md\">a</a>").unwrap(),
            "<a href=\"/zh/a/\">a</a>"
        );
        assert_eq!(
            run("<a href=\"@/nope.md\">a</a>"),
            Err(Problem::MissingTargets(vec!["nope.md".into()]))
        );
    }
}
