//! Markdown → HTML fragment with pulldown-cmark (tables, footnotes,
//! strikethrough, task lists, heading ids), plus what later stages need:
//! headings, a summary, `@/` internal links and the ```flowzap fences.
//!
//! Fences are dispatched here: ```flowzap blocks are *not* rendered inline —
//! their text is returned in [`Rendered::diagrams`] so the build can render
//! every distinct diagram of the site once, in parallel, and splice the SVG
//! back with [`Rendered::assemble`]. Other fences go to [`crate::highlight`].
//!
//! All offsets are byte offsets into the whole file, so errors point at the
//! `.md` file's own lines.

mod fence;
mod link;

pub use fence::{Fence, UnknownView};
pub use link::Link;

use crate::config::MarkdownConfig;
use crate::highlight;
use fence::code_text;
use link::{html_links, is_site_link};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Stands in for a diagram in the HTML until [`Rendered::assemble`]. NUL
/// never reaches the HTML otherwise: text events are cleaned of it.
const MARKER: &str = "\u{0}zapdoc-diagram\u{0}";

/// A heading of the page, for tables of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A rendered Markdown body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// HTML around the diagrams: `diagrams.len() + 1` pieces.
    pieces: Vec<String>,
    pub diagrams: Vec<Fence>,
    pub headings: Vec<Heading>,
    /// Links into the site, in the order written.
    pub links: Vec<Link>,
    /// The first paragraph as plain text.
    pub summary: String,
    /// Words, counting each CJK character as one.
    pub word_count: usize,
}

/// The link under an inline diagram to its standalone SVG file.
#[derive(Debug, Clone, Copy)]
pub struct SvgLink<'a> {
    pub url: &'a str,
    /// The link's text, in the page's language.
    pub text: &'a str,
}

impl Rendered {
    /// The HTML with diagram `i` replaced by `svg(i)`.
    pub fn assemble<'a>(&self, svg: impl Fn(usize) -> &'a str) -> String {
        self.assemble_linked(svg, |_| None)
    }

    /// The HTML with diagram `i` replaced by `svg(i)` in a figure that,
    /// when `link(i)` gives one, names the diagram's standalone SVG file
    /// (`data-svg`) and links to it below the drawing — the link works
    /// without JavaScript.
    pub fn assemble_linked<'a, 'b>(
        &self,
        svg: impl Fn(usize) -> &'a str,
        link: impl Fn(usize) -> Option<SvgLink<'b>>,
    ) -> String {
        self.assemble_html(|i| figure(svg(i), link(i)))
    }

    /// The HTML with diagram `i` replaced by `html(i)`, as given: a
    /// [`figure`], or a block of several (the gallery's view switcher).
    pub fn assemble_html(&self, html: impl Fn(usize) -> String) -> String {
        let mut out = String::with_capacity(self.pieces.iter().map(String::len).sum::<usize>());
        for (i, piece) in self.pieces.iter().enumerate() {
            if i > 0 {
                out.push_str(&html(i - 1));
            }
            out.push_str(piece);
        }
        out
    }
}

/// A drawing in its figure, which, when `link` gives one, names the
/// diagram's standalone SVG file (`data-svg`) and links to it below the
/// drawing — the link works without JavaScript.
pub fn figure(svg: &str, link: Option<SvgLink<'_>>) -> String {
    let mut out = String::with_capacity(svg.len() + 256);
    out.push_str("<figure class=\"diagram\"");
    // The natural width, so a theme can scale the diagram down to a
    // readable minimum and let the figure scroll beyond.
    if let Some(w) = svg_width(svg) {
        out.push_str(&format!(" style=\"--diagram-w:{w}px\""));
    }
    let link = link.filter(|_| !svg.is_empty());
    if let Some(l) = link {
        out.push_str(" data-svg=\"");
        crate::util::escape_into(&mut out, l.url);
        out.push('"');
    }
    out.push('>');
    out.push_str(svg);
    if let Some(l) = link {
        out.push_str("<div class=\"fz-actions\"><a href=\"");
        crate::util::escape_into(&mut out, l.url);
        out.push_str("\" download type=\"image/svg+xml\">");
        crate::util::escape_into(&mut out, l.text);
        out.push_str("</a></div>");
    }
    out.push_str("</figure>\n");
    out
}

/// The `width` attribute of an SVG's opening tag, when it is a plain
/// positive number.
fn svg_width(svg: &str) -> Option<f64> {
    let tag = &svg[..svg.find('>')?];
    let rest = &tag[tag.find(" width=\"")? + 8..];
    let w: f64 = rest[..rest.find('"')?].parse().ok()?;
    (w.is_finite() && w > 0.0).then_some(w)
}

/// A one-line Markdown text (a front matter `description`) as inline HTML
/// and as plain text. Only inline markup is kept (emphasis, strong,
/// strikethrough, code, links, inline HTML); block structure (paragraphs,
/// lists, headings) is flattened so the HTML fits inside a `<p>`.
pub fn inline(text: &str) -> (String, String) {
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut plain = String::new();
    let options = Options::ENABLE_STRIKETHROUGH;
    let mut blocks = 0;
    // Whether each open link is kept (a `javascript:` one is not).
    let mut links: Vec<bool> = Vec::new();
    for event in Parser::new_ext(text, options) {
        match event {
            e @ (Event::Text(_) | Event::Code(_)) => events.push(read_text(e, &mut plain)),
            Event::SoftBreak | Event::HardBreak => {
                plain.push(' ');
                events.push(Event::Text(" ".into()));
            }
            // Raw HTML is dropped, its text kept: a description is shown in
            // every listing, where one unclosed `<textarea>` or a
            // `<script>` would take the rest of the page with it.
            Event::InlineHtml(_) | Event::Html(_) => {}
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let keep = safe_url(&dest_url);
                links.push(keep);
                if keep {
                    events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Link) if links.pop().unwrap_or(false) => {
                events.push(Event::End(TagEnd::Link));
            }
            Event::Start(tag @ (Tag::Emphasis | Tag::Strong | Tag::Strikethrough)) => {
                events.push(Event::Start(tag));
            }
            Event::End(tag @ (TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough)) => {
                events.push(Event::End(tag));
            }
            // A new block after the first one: keep the words apart.
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::CodeBlock(_)) => {
                if blocks > 0 {
                    plain.push(' ');
                    events.push(Event::Text(" ".into()));
                }
                blocks += 1;
            }
            _ => {}
        }
    }
    let mut html = String::with_capacity(text.len() + 16);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    (html.trim().to_string(), plain)
}

/// A link target fit for a listing: not a `javascript:`, `vbscript:` or
/// `data:` URL (scheme compared as browsers do, ignoring case, spaces and
/// control characters).
fn safe_url(url: &str) -> bool {
    let scheme: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take_while(|&c| c != ':')
        .collect::<String>()
        .to_ascii_lowercase();
    !(url.contains(':') && matches!(scheme.as_str(), "javascript" | "vbscript" | "data"))
}

fn parser_options(cfg: &MarkdownConfig) -> Options {
    let mut o = Options::ENABLE_HEADING_ATTRIBUTES;
    for (on, flag) in [
        (cfg.tables, Options::ENABLE_TABLES),
        (cfg.footnotes, Options::ENABLE_FOOTNOTES),
        (cfg.strikethrough, Options::ENABLE_STRIKETHROUGH),
        (cfg.tasklists, Options::ENABLE_TASKLISTS),
        (cfg.smart_punctuation, Options::ENABLE_SMART_PUNCTUATION),
    ] {
        if on {
            o.insert(flag);
        }
    }
    o
}

fn clean(s: CowStr<'_>) -> CowStr<'_> {
    if s.contains('\0') {
        CowStr::from(s.replace('\0', "\u{FFFD}"))
    } else {
        s
    }
}

/// The ```flowzap fences of `body` (which starts `offset` bytes into its
/// file), without rendering anything: for tools that rewrite them.
pub fn flowzap_fences(body: &str, offset: usize) -> Vec<Fence> {
    let mut fences = Vec::new();
    let mut iter = Parser::new_ext(body, Options::empty()).into_offset_iter();
    while let Some((event, range)) = iter.next() {
        if let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) = event
            && info.split_whitespace().next() == Some("flowzap")
        {
            let (text, map) = code_text(&mut iter, body, offset);
            fences.push(Fence::new(text, map, offset + range.start).with_view(
                body,
                range.start,
                offset,
            ));
        }
    }
    fences
}

/// A code block (its start consumed, the rest taken from `iter`) as the
/// HTML that stands for it: highlighted code, or for a ```flowzap fence
/// the marker its drawing replaces, the fence kept in `diagrams`. `at` is
/// (the body's offset in its file, the block's start in the body).
fn code_block<'a>(
    iter: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
    kind: &CodeBlockKind<'_>,
    body: &str,
    (offset, start): (usize, usize),
    diagrams: &mut Vec<Fence>,
) -> Event<'a> {
    let lang = match kind {
        CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or(""),
        CodeBlockKind::Indented => "",
    };
    let (text, map) = code_text(iter, body, offset);
    if lang == "flowzap" {
        diagrams.push(Fence::new(text, map, offset + start).with_view(body, start, offset));
        Event::Html(CowStr::Borrowed(MARKER))
    } else {
        Event::Html(highlight::code_block(lang, &text).into())
    }
}

/// The events of a heading up to its end (consumed from `iter`), text
/// cleaned, and its plain text.
fn heading_events<'a>(
    iter: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
) -> (Vec<Event<'a>>, String) {
    let mut inner = Vec::new();
    let mut text = String::new();
    for (e, _) in iter.by_ref() {
        match e {
            Event::End(TagEnd::Heading(_)) => break,
            other => inner.push(read_text(other, &mut text)),
        }
    }
    (inner, text)
}

/// A text or inline-code event with its words added to `plain` and its text
/// cleaned; any other event as it is.
fn read_text<'a>(event: Event<'a>, plain: &mut String) -> Event<'a> {
    match event {
        Event::Text(t) => {
            plain.push_str(&t);
            Event::Text(clean(t))
        }
        Event::Code(t) => {
            plain.push_str(&t);
            Event::Code(clean(t))
        }
        other => other,
    }
}

/// Render `body`, which starts `offset` bytes into its file.
pub fn render(body: &str, offset: usize, cfg: &MarkdownConfig) -> Rendered {
    let mut out = Rendered::default();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut ids = HeadingIds::default();
    let mut iter = Parser::new_ext(body, parser_options(cfg)).into_offset_iter();
    let mut first_paragraph: Option<String> = None;
    let mut in_paragraph = false;

    while let Some((event, range)) = iter.next() {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let at = (offset, range.start);
                events.push(code_block(&mut iter, &kind, body, at, &mut out.diagrams));
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let (inner, text) = heading_events(&mut iter);
                let id = ids.unique(id.map(|s| s.to_string()), &text);
                out.word_count += count_words(&text);
                out.headings.push(Heading {
                    level: level as u8,
                    id: id.clone(),
                    text,
                });
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(id.into()),
                    classes,
                    attrs,
                }));
                events.extend(inner);
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                if let Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } = &tag
                    && is_site_link(dest_url)
                {
                    out.links.push(Link {
                        dest: dest_url.to_string(),
                        span: offset + range.start..offset + range.end,
                    });
                }
                events.push(Event::Start(tag));
            }
            Event::Start(Tag::Paragraph) => {
                in_paragraph = first_paragraph.is_none();
                if in_paragraph {
                    first_paragraph = Some(String::new());
                }
                events.push(Event::Start(Tag::Paragraph));
            }
            Event::End(TagEnd::Paragraph) => {
                in_paragraph = false;
                events.push(Event::End(TagEnd::Paragraph));
            }
            Event::Text(t) => {
                out.word_count += count_words(&t);
                if in_paragraph && let Some(p) = &mut first_paragraph {
                    p.push_str(&t);
                }
                events.push(Event::Text(clean(t)));
            }
            Event::Code(t) => {
                out.word_count += count_words(&t);
                if in_paragraph && let Some(p) = &mut first_paragraph {
                    p.push_str(&t);
                }
                events.push(Event::Code(clean(t)));
            }
            Event::SoftBreak if in_paragraph => {
                if let Some(p) = &mut first_paragraph {
                    p.push(' ');
                }
                events.push(Event::SoftBreak);
            }
            Event::Html(h) => {
                html_links(&mut out.links, body, range, offset);
                events.push(Event::Html(clean(h)));
            }
            Event::InlineHtml(h) => {
                html_links(&mut out.links, body, range, offset);
                events.push(Event::InlineHtml(clean(h)));
            }
            other => events.push(other),
        }
    }

    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    out.pieces = html.split(MARKER).map(str::to_string).collect();
    // Every marker came from a diagram and text cannot hold one, so this
    // holds; keep the invariant even if it ever did not.
    out.pieces.resize(out.diagrams.len() + 1, String::new());
    out.summary = first_paragraph.unwrap_or_default().trim().to_string();
    out
}

/// The heading ids of one page, made unique.
#[derive(Default)]
struct HeadingIds {
    taken: HashSet<String>,
    /// For each base id, the suffix to try next: a page of 20,000 `## same`
    /// headings costs 20,000 tries, not 200 million.
    next: HashMap<String, usize>,
}

impl HeadingIds {
    /// The heading's id: its `{#id}` if given, else a slug of its text;
    /// made unique within the page with `-1`, `-2`…
    fn unique(&mut self, given: Option<String>, text: &str) -> String {
        let base = given.unwrap_or_else(|| {
            let s = crate::util::slugify(text);
            if s.is_empty() {
                "section".to_string()
            } else {
                s
            }
        });
        let mut id = base.clone();
        if self.taken.contains(&id) {
            let n = self.next.entry(base.clone()).or_insert(1);
            loop {
                id = format!("{base}-{n}");
                *n += 1;
                if !self.taken.contains(&id) {
                    break;
                }
            }
        }
        self.taken.insert(id.clone());
        id
    }
}

/// Words separated by white space, each CJK character counting as one.
fn count_words(s: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in s.chars() {
        if crate::util::is_cjk(c) {
            n += 1;
            in_word = false;
        } else if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            n += 1;
            in_word = true;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flowzap::View;

    /// Every extension on, for tests here and in the submodules.
    pub(super) fn cfg() -> MarkdownConfig {
        MarkdownConfig {
            tables: true,
            footnotes: true,
            strikethrough: true,
            tasklists: true,
            smart_punctuation: false,
            highlight_theme: String::new(),
            highlight_theme_dark: String::new(),
        }
    }

    #[test]
    fn diagrams_are_cut_out_and_spliced_back() {
        let body = "Intro text.\n\n```flowzap\nA { # A\n}\n```\n\nAfter.\n";
        let r = render(body, 100, &cfg());
        assert_eq!(r.diagrams.len(), 1);
        assert_eq!(r.diagrams[0].source, "A { # A\n}\n");
        let start = body.find("A {").unwrap();
        assert_eq!(r.diagrams[0].to_file_offset(0), 100 + start);
        assert_eq!(r.diagrams[0].to_file_offset(4), 100 + start + 4);
        let html = r.assemble(|_| "<svg/>");
        assert!(
            html.contains("<figure class=\"diagram\"><svg/></figure>"),
            "{html}"
        );
        assert!(html.contains("<p>After.</p>"));
        assert_eq!(r.summary, "Intro text.");
    }

    #[test]
    fn a_fence_chooses_its_view() {
        let body = "```flowzap view=sequence\nA { # A\n}\n```\n\n~~~flowzap  view=\"architecture\" x=1\nA { # A\n}\n~~~\n\n```flowzap\nA { # A\n}\n```\n\n```flowzap view=swim\nA { # A\n}\n```\n";
        let r = render(body, 7, &cfg());
        let views: Vec<View> = r.diagrams.iter().map(|d| d.view).collect();
        assert_eq!(
            views,
            [
                View::Sequence,
                View::Architecture,
                View::Workflow,
                View::Workflow
            ]
        );
        assert!(r.diagrams[..3].iter().all(|d| d.unknown_view.is_none()));
        let unknown = r.diagrams[3].unknown_view.as_ref().unwrap();
        assert_eq!(unknown.name, "swim");
        let at = body.find("view=swim").unwrap();
        assert_eq!(unknown.span, 7 + at..7 + at + "view=swim".len());
        assert_eq!(r.diagrams[0].source, "A { # A\n}\n");
        let fences = flowzap_fences(body, 0);
        assert_eq!(fences[1].view, View::Architecture);
    }

    #[test]
    fn blocks_replace_diagrams_as_given() {
        let r = render("a\n\n```flowzap\nA { # A\n}\n```\n\nb\n", 0, &cfg());
        let html = r.assemble_html(|k| format!("<div id=\"views-{k}\"></div>"));
        assert_eq!(html, "<p>a</p>\n<div id=\"views-0\"></div>\n<p>b</p>\n");
        assert_eq!(
            figure("<svg width=\"20\"></svg>", None),
            "<figure class=\"diagram\" style=\"--diagram-w:20px\"><svg width=\"20\"></svg></figure>\n"
        );
    }

    #[test]
    fn indented_fences_map_each_line() {
        let body = "- item\n\n  ```flowzap\n  A { # A\n  }\n  ```\n";
        let r = render(body, 0, &cfg());
        let f = &r.diagrams[0];
        assert_eq!(f.source, "A { # A\n}\n");
        let second = f.source.find('}').unwrap();
        assert_eq!(f.to_file_offset(second), body.find('}').unwrap());
    }

    #[test]
    fn headings_get_unique_ids() {
        let r = render(
            "# Hello World\n\n## Hello World\n\n## Custom {#mine}\n",
            0,
            &cfg(),
        );
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["hello-world", "hello-world-1", "mine"]);
        let html = r.assemble(|_| "");
        assert!(html.contains("<h2 id=\"hello-world-1\">"), "{html}");
        // A suffix already taken by a heading of that name is skipped.
        let r = render("## a-1\n\n## a\n\n## a\n\n## a\n", 0, &cfg());
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["a-1", "a", "a-2", "a-3"]);
    }

    #[test]
    fn internal_links_are_collected_with_spans() {
        let body = "See [x](@/templates/x.md#how).\n";
        let r = render(body, 10, &cfg());
        assert_eq!(r.links[0].internal(), Some("templates/x.md#how"));
        assert_eq!(r.links[0].span.start, 10 + 4);
    }

    #[test]
    fn nul_never_reaches_the_html() {
        let r = render("a\0b\n\n<i>\0</i>\n", 0, &cfg());
        assert!(!r.assemble(|_| "").contains('\0'));
        assert!(r.diagrams.is_empty());
    }

    #[test]
    fn extensions_and_highlighting() {
        let body = "| a |\n|---|\n| b |\n\n~~s~~ [^1]\n\n[^1]: note\n\n- [x] done\n\n```rust\nfn x() {}\n```\n\n```nope\n<x>\n```\n";
        let html = render(body, 0, &cfg()).assemble(|_| "");
        assert!(html.contains("<table>"));
        assert!(html.contains("<del>s</del>"));
        assert!(html.contains("footnote"));
        assert!(html.contains("type=\"checkbox\""));
        assert!(html.contains("class=\"z-"));
        assert!(html.contains("&lt;x&gt;"));
    }

    #[test]
    fn figures_carry_the_natural_width() {
        let r = render("```flowzap\nA { # A\n}\n```\n", 0, &cfg());
        let html = r.assemble(|_| "<svg class=\"fz\" viewBox=\"0 0 640 90\" width=\"640\" height=\"90\"><text width=\"9\"/></svg>");
        assert!(
            html.starts_with("<figure class=\"diagram\" style=\"--diagram-w:640px\"><svg"),
            "{html}"
        );
        for bad in [
            "<svg/>",
            "<svg width=\"-3\">",
            "<svg width=\"x\">",
            "<svg><g width=\"5\"/></svg>",
        ] {
            let html = r.assemble(|_| bad);
            assert!(
                html.starts_with("<figure class=\"diagram\"><svg"),
                "{bad}: {html}"
            );
        }
    }

    #[test]
    fn figures_link_their_standalone_svg() {
        let r = render(
            "```flowzap\nA { # A\n}\n```\n\n```flowzap\nB { # B\n}\n```\n",
            0,
            &cfg(),
        );
        let svg = "<svg class=\"fz\" width=\"640\" height=\"90\"></svg>";
        let html = r.assemble_linked(
            |k| if k == 0 { svg } else { "" },
            |k| {
                Some(SvgLink {
                    url: if k == 0 { "/t/x/x.svg" } else { "/t/x/x-2.svg" },
                    text: "Download <SVG>",
                })
            },
        );
        assert!(
            html.starts_with(
                "<figure class=\"diagram\" style=\"--diagram-w:640px\" data-svg=\"/t/x/x.svg\"><svg class=\"fz\" width=\"640\" height=\"90\"></svg><div class=\"fz-actions\"><a href=\"/t/x/x.svg\" download type=\"image/svg+xml\">Download &lt;SVG&gt;</a></div></figure>\n"
            ),
            "{html}"
        );
        // A diagram that draws nothing (it has errors) has no file to link.
        assert!(!html.contains("x-2.svg"), "{html}");
    }

    #[test]
    fn inline_descriptions_keep_inline_markup_only() {
        let (html, plain) = inline("Covers **new keys**, `dual` *grace* and [docs](/d/).");
        assert_eq!(
            html,
            "Covers <strong>new keys</strong>, <code>dual</code> <em>grace</em> and <a href=\"/d/\">docs</a>."
        );
        assert_eq!(plain, "Covers new keys, dual grace and docs.");
        let (html, plain) = inline("# Title\n\n- one\n- two <b>&amp;</b>\n\nThree & <x>");
        assert!(
            !html.contains("<h1") && !html.contains("<li") && !html.contains("<p"),
            "{html}"
        );
        assert_eq!(plain, "Title one two & Three &");
        assert_eq!(inline(""), (String::new(), String::new()));
        let (html, _) = inline("审批 **流程**,包含");
        assert_eq!(html, "审批 <strong>流程</strong>,包含");
    }

    #[test]
    fn descriptions_keep_no_raw_html_and_no_script_links() {
        let (html, plain) = inline("Use <textarea>this <b>now</b>");
        assert_eq!(html, "Use this now");
        assert_eq!(plain, "Use this now");
        let (html, _) = inline("<script>alert(1)</script> and <img src=x onerror=alert(1)>");
        assert!(!html.contains('<'), "{html}");
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " java\tscript:x",
            "data:text/html,x",
        ] {
            let (html, _) = inline(&format!("[click](<{url}>) here"));
            assert_eq!(html, "click here", "{url}");
        }
        let (html, _) = inline("[docs](/d/) and [ext](https://x.org/a:b)");
        assert!(
            html.contains("href=\"/d/\"") && html.contains("href=\"https://x.org/a:b\""),
            "{html}"
        );
    }

    #[test]
    fn words_count_cjk_characters() {
        assert_eq!(count_words("hello big world"), 3);
        assert_eq!(count_words("审批流程 ok"), 5);
    }
}
