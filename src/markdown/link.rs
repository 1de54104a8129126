//! Links written in a page that point inside the site, collected while
//! the Markdown is rendered: Markdown links and images, and the `href` and
//! `src` attributes of raw HTML, each with its place in the file
//! ([`crate::links`] checks where they land).

use std::ops::Range;

/// A link or image destination written in a page that points inside the
/// site: `@/path/page.md` (resolved in the reader's language), `#anchor`,
/// root-relative `/docs/x/` or relative `../x/`, from Markdown or from raw
/// HTML (`href`, `src`). Links with a scheme (`https:`, `mailto:`) or
/// protocol-relative ones (`//host/x`) point elsewhere and are not kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// As written, fragment included: `@/templates/x.md#how`, `../x/`.
    pub dest: String,
    /// Where the link is, in the whole file.
    pub span: Range<usize>,
}

impl Link {
    /// The content path of a `@/` link, fragment included
    /// (`templates/x.md#how`); `None` for other links.
    pub fn internal(&self) -> Option<&str> {
        self.dest.strip_prefix("@/")
    }
}

/// Whether a destination points inside the site (see [`Link`]).
pub(super) fn is_site_link(dest: &str) -> bool {
    if dest.is_empty() || dest.starts_with("//") {
        return false;
    }
    // A scheme: a letter, then letters, digits, `+`, `-` or `.`, then `:`
    // before any `/`, `?` or `#`.
    let head = dest.split(['/', '?', '#']).next().unwrap_or("");
    match head.split_once(':') {
        Some((scheme, _)) => {
            let mut chars = scheme.chars();
            !(chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
        }
        None => true,
    }
}

/// The `href` and `src` values of the tags in a piece of raw HTML, with
/// their byte ranges in it. Quoted or bare values, names in any case.
fn html_link_values(html: &str) -> Vec<(Range<usize>, &str)> {
    let bytes = html.as_bytes();
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    for name in ["href", "src"] {
        let mut from = 0;
        while let Some(found) = lower[from..].find(name) {
            let at = from + found;
            from = at + name.len();
            // A whole attribute name: after whitespace, before `=`.
            if at == 0 || !bytes[at - 1].is_ascii_whitespace() {
                continue;
            }
            let mut i = at + name.len();
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if bytes.get(i) != Some(&b'=') {
                continue;
            }
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let (start, end) = match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let Some(len) = html[i + 1..].find(q as char) else {
                        continue;
                    };
                    (i + 1, i + 1 + len)
                }
                Some(_) => {
                    let len = html[i..]
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .unwrap_or(html.len() - i);
                    (i, i + len)
                }
                None => continue,
            };
            out.push((start..end, &html[start..end]));
            from = end;
        }
    }
    out.sort_by_key(|(r, _)| r.start);
    out
}

/// Keep the site links of the raw HTML at `range` of `body`. The source
/// text is scanned, not the event's, so spans stay true inside containers
/// (a block quote's `> ` is not part of the event).
pub(super) fn html_links(links: &mut Vec<Link>, body: &str, range: Range<usize>, offset: usize) {
    let Some(html) = body.get(range.clone()) else {
        return;
    };
    for (r, value) in html_link_values(html) {
        if is_site_link(value) {
            links.push(Link {
                dest: value.to_string(),
                span: offset + range.start + r.start..offset + range.start + r.end,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::render;
    use crate::markdown::tests::cfg;

    #[test]
    fn site_links_are_kept_from_markdown_and_raw_html() {
        let body = "[a](/docs/x/) [b](../y/#top) [c](#here) ![i](img/p.png)\n\n\
                    [ext](https://e.com/) [m](mailto:a@b.c) [p](//cdn/x.js)\n\n\
                    <p><a class=x HREF = '@/raw.md'>r</a> <img src=pic.png></p>\n\n\
                    > <a href=\"../quoted/\">q</a>\n";
        let r = render(body, 3, &cfg());
        let dests: Vec<&str> = r.links.iter().map(|l| l.dest.as_str()).collect();
        assert_eq!(
            dests,
            [
                "/docs/x/",
                "../y/#top",
                "#here",
                "img/p.png",
                "@/raw.md",
                "pic.png",
                "../quoted/"
            ]
        );
        // Raw HTML spans cover the value as written in the file.
        for l in &r.links[4..] {
            assert_eq!(&body[l.span.start - 3..l.span.end - 3], l.dest);
        }
    }

    #[test]
    fn schemes_are_told_from_relative_paths() {
        for outside in [
            "https://a.b/",
            "mailto:x@y",
            "tel:+1",
            "//h/x",
            "JavaScript:x",
            "",
        ] {
            assert!(!is_site_link(outside), "{outside}");
        }
        for inside in ["@/a.md", "/a/", "a/b:c", "./x", "#f", "?q=1", "a.png"] {
            assert!(is_site_link(inside), "{inside}");
        }
    }
}
