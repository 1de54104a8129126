//! Syntax highlighting of fenced code with syntect, into CSS classes (`z-…`)
//! so one light and one dark stylesheet style every page.
//!
//! A language is looked up in syntect's default syntaxes first, then in the
//! larger set `two-face` takes from bat (TOML, TypeScript, Dockerfile, SCSS,
//! Kotlin, Swift, INI, Nix, Zig…), since a docs site shows configuration
//! files as often as code. The defaults go first because bat's grammars for
//! the languages both have cost more (12 % more regex searches on the
//! pages `gen-site` writes), and a site without such a block never loads
//! the second set.
//! Each set loads once per process, on first use.

use std::sync::OnceLock;
use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// The class prefix of highlighted spans: `<span class="z-keyword z-rust">`.
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "z-" };

fn defaults() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

fn extras() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(two_face::syntax::extra_newlines)
}

/// The syntax of a fence's language, with the set it belongs to.
fn syntax_of(lang: &str) -> Option<(&'static SyntaxReference, &'static SyntaxSet)> {
    [defaults, extras].into_iter().find_map(|set| {
        let set = set();
        set.find_syntax_by_token(lang)
            .or_else(|| set.find_syntax_by_name(lang))
            .map(|syntax| (syntax, set))
    })
}

fn themes() -> &'static ThemeSet {
    static SET: OnceLock<ThemeSet> = OnceLock::new();
    SET.get_or_init(ThemeSet::load_defaults)
}

/// Whether syntect bundles a theme of that name.
pub fn theme_exists(name: &str) -> bool {
    themes().themes.contains_key(name)
}

/// The bundled theme names, sorted.
pub fn theme_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = themes().themes.keys().map(String::as_str).collect();
    names.sort_unstable();
    names
}

/// The stylesheet of a theme for the classes [`code_block`] writes; `None`
/// for an unknown theme.
pub fn stylesheet(theme: &str) -> Option<String> {
    let theme = themes().themes.get(theme)?;
    css_for_theme_with_class_style(theme, CLASS_STYLE).ok()
}

/// A fenced code block as HTML: `<pre class="code" data-lang="rust"><code>…`.
/// Known languages get classed spans; unknown ones (and an empty info
/// string) are escaped plain text.
pub fn code_block(lang: &str, code: &str) -> String {
    let mut out = String::with_capacity(code.len() * 2 + 64);
    out.push_str("<pre class=\"code\"");
    if !lang.is_empty() {
        out.push_str(" data-lang=\"");
        push_escaped(&mut out, lang);
        out.push('"');
    }
    out.push_str("><code>");
    match highlighted(lang, code) {
        Some(html) => out.push_str(&html),
        None => push_escaped(&mut out, code),
    }
    out.push_str("</code></pre>\n");
    out
}

fn highlighted(lang: &str, code: &str) -> Option<String> {
    if lang.is_empty() {
        return None;
    }
    let (syntax, set) = syntax_of(lang)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        // A grammar that fails on some input falls back to plain text.
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

/// FlowZap Code as HTML spans for a `<code>` element, with classes a theme
/// styles (syntect has no grammar for it). A small line scanner, not the
/// parser: it never fails, and the text of the spans is the input exactly.
///
/// Classes: `fzc-lane` (a lane id, declared or as a prefix), `fzc-label` (the
/// lane's `# display label`), `fzc-node` (`n12`), `fzc-shape` (`circle`…),
/// `fzc-key` (`label`, `owner`…), `fzc-kw` (`handle`, `loop`), `fzc-dir`
/// (`left`…), `fzc-str` (strings), `fzc-text` (a loop's bracketed text),
/// `fzc-op` (`->`), `fzc-punct` and `fzc-comment` (`//` lines).
pub fn flowzap_html(code: &str) -> String {
    let mut out = String::with_capacity(code.len() * 3);
    for line in code.split_inclusive('\n') {
        flowzap_line(&mut out, line);
    }
    out
}

fn span(out: &mut String, class: &str, text: &str) {
    if text.is_empty() {
        return;
    }
    out.push_str("<span class=\"");
    out.push_str(class);
    out.push_str("\">");
    push_escaped(out, text);
    out.push_str("</span>");
}

fn flowzap_line(out: &mut String, line: &str) {
    let body = line.trim_end_matches(['\n', '\r']);
    let eol = &line[body.len()..];
    if body.trim_start().starts_with("//") {
        let indent = body.len() - body.trim_start().len();
        out.push_str(&body[..indent]);
        span(out, "fzc-comment", &body[indent..]);
        out.push_str(eol);
        return;
    }
    let mut rest = body;
    let mut after_loop = false;
    while let Some(c) = rest.chars().next() {
        let (taken, class) = if c == '"' {
            // A string, `\"` and `\\` escaped; unterminated runs to the end.
            let mut end = rest.len();
            let mut escaped = false;
            for (i, ch) in rest.char_indices().skip(1) {
                if escaped {
                    escaped = false;
                } else if ch == '\\' {
                    escaped = true;
                } else if ch == '"' {
                    end = i + 1;
                    break;
                }
            }
            (end, Some("fzc-str"))
        } else if c == '#' {
            (rest.len(), Some("fzc-label"))
        } else if rest.starts_with("->") {
            (2, Some("fzc-op"))
        } else if c == '[' && after_loop {
            out.push_str("<span class=\"fzc-punct\">[</span>");
            rest = &rest[1..];
            let end = rest.find(']').unwrap_or(rest.len());
            span(out, "fzc-text", &rest[..end]);
            rest = &rest[end..];
            after_loop = false;
            continue;
        } else if c.is_alphanumeric() || c == '_' {
            let end = rest
                .char_indices()
                .find(|&(_, ch)| !(ch.is_alphanumeric() || ch == '_'))
                .map_or(rest.len(), |(i, _)| i);
            let word = &rest[..end];
            let next = rest[end..].trim_start().chars().next();
            after_loop = word == "loop";
            let class = match word {
                "circle" | "rectangle" | "diamond" | "taskbox" => "fzc-shape",
                "label" | "owner" | "description" | "system" => "fzc-key",
                "handle" | "loop" => "fzc-kw",
                "left" | "right" | "top" | "bottom" => "fzc-dir",
                w if w.len() > 1
                    && w.starts_with('n')
                    && w[1..].bytes().all(|b| b.is_ascii_digit()) =>
                {
                    "fzc-node"
                }
                _ if matches!(next, Some('{' | '.')) => "fzc-lane",
                _ => "",
            };
            (end, (!class.is_empty()).then_some(class))
        } else if c.is_whitespace() {
            let end = rest
                .char_indices()
                .find(|&(_, ch)| !ch.is_whitespace())
                .map_or(rest.len(), |(i, _)| i);
            (end, None)
        } else {
            (c.len_utf8(), Some("fzc-punct"))
        };
        match class {
            Some(class) => span(out, class, &rest[..taken]),
            None => push_escaped(out, &rest[..taken]),
        }
        rest = &rest[taken..];
    }
    out.push_str(eol);
}

/// Append `s` HTML-escaped (text and attribute safe). The diagram writer's
/// escaper is the one escaper of the crate: site code may use flowzap, not
/// the other way round.
pub fn push_escaped(out: &mut String, s: &str) {
    crate::flowzap::svg::escape_into(out, s);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes() {
        let html = code_block("rust", "fn main() {}\n");
        assert!(html.contains("class=\"z-"), "{html}");
        assert!(html.starts_with("<pre class=\"code\" data-lang=\"rust\"><code>"));
    }

    /// The languages of a docs site's configuration snippets, which
    /// syntect's own set lacks.
    #[test]
    fn config_languages_get_classes() {
        for (lang, code) in [
            ("toml", "[markdown]\ntables = true\n"),
            ("yaml", "title: Hello\n"),
            ("ts", "const x: number = 1;\n"),
            ("dockerfile", "FROM debian\n"),
        ] {
            let html = code_block(lang, code);
            assert!(html.contains("class=\"z-"), "{lang}: {html}");
            // The block ends with a newline after `</pre>`.
            assert_eq!(text_of(&html), format!("{code}\n"), "{lang}");
        }
    }

    #[test]
    fn unknown_language_is_escaped_plain() {
        let html = code_block("nosuchlang", "<b>&</b>\n");
        assert_eq!(
            html,
            "<pre class=\"code\" data-lang=\"nosuchlang\"><code>&lt;b&gt;&amp;&lt;/b&gt;\n</code></pre>\n"
        );
    }

    /// The text of highlighted HTML, tags removed and entities decoded.
    fn text_of(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    #[test]
    fn flowzap_tokens_get_classes() {
        let code = "Key_Vault { # Key <Vault>\n  n5: rectangle label:\"Generate \\\"new\\\" key\"\n  n5.handle(right) -> Services.n9.handle(top) [label=\"Yes & no\"]\n  loop [retry up to 3 times] n5 n7\n  // a comment\n}\n";
        let html = flowzap_html(code);
        for want in [
            "<span class=\"fzc-lane\">Key_Vault</span>",
            "<span class=\"fzc-label\"># Key &lt;Vault&gt;</span>",
            "<span class=\"fzc-node\">n5</span>",
            "<span class=\"fzc-shape\">rectangle</span>",
            "<span class=\"fzc-key\">label</span>",
            "<span class=\"fzc-str\">&quot;Generate \\&quot;new\\&quot; key&quot;</span>",
            "<span class=\"fzc-kw\">handle</span>",
            "<span class=\"fzc-dir\">right</span>",
            "<span class=\"fzc-op\">-&gt;</span>",
            "<span class=\"fzc-lane\">Services</span>",
            "<span class=\"fzc-str\">&quot;Yes &amp; no&quot;</span>",
            "<span class=\"fzc-kw\">loop</span>",
            "<span class=\"fzc-text\">retry up to 3 times</span>",
            "<span class=\"fzc-comment\">// a comment</span>",
        ] {
            assert!(html.contains(want), "missing {want} in {html}");
        }
        // `retry`, `up`… inside the loop text are not classed on their own.
        assert!(!html.contains(">retry<"), "{html}");
    }

    #[test]
    fn flowzap_highlighting_keeps_the_text_exactly() {
        for code in [
            "",
            "A {\r\n}\r\n",
            "审批 { # 审批流程\n  n1: circle label:\"开始\"\n}",
            "X { \"unterminated\n  loop [no end n1\n  ]]]->->#\"\\\n\u{1F600}",
            "graph TD\n  A --> B\n",
        ] {
            let html = flowzap_html(code);
            assert_eq!(text_of(&html), code, "{html}");
            assert!(!html.contains("<span class=\"\">"), "{html}");
        }
    }

    #[test]
    fn stylesheets_exist_for_default_themes() {
        assert!(stylesheet("InspiredGitHub").unwrap().contains(".z-"));
        assert!(stylesheet("base16-ocean.dark").is_some());
        assert!(stylesheet("nope").is_none());
    }
}
