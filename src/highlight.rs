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

use crate::util::escape_into;
use std::sync::OnceLock;
use syntect::highlighting::{Color, ThemeSet};
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

/// The default theme's code background in light mode (`--code-bg` of
/// `style.css`): what `syntax-light.css` is made readable on.
pub const LIGHT_BACKGROUND: [u8; 3] = [0xf8, 0xfa, 0xfc];
/// The default theme's code background in dark mode.
pub const DARK_BACKGROUND: [u8; 3] = [0x0f, 0x17, 0x2a];
/// WCAG AA for body text. Colours are adjusted a little past it, so a
/// checker's rounding never puts them below.
pub const MIN_CONTRAST: f64 = 4.5;
const TARGET_CONTRAST: f64 = 4.55;

/// The stylesheet of a theme for the classes [`code_block`] writes, its
/// colours made readable on `background` (see [`readable`]); `None` for an
/// unknown theme.
pub fn stylesheet(theme: &str, background: [u8; 3]) -> Option<String> {
    let mut theme = themes().themes.get(theme)?.clone();
    if let Some(fg) = &mut theme.settings.foreground {
        *fg = readable(*fg, background);
    }
    for item in &mut theme.scopes {
        // A scope with a background of its own is read on that.
        let under = item
            .style
            .background
            .map_or(background, |b| over(b, background));
        if let Some(fg) = &mut item.style.foreground {
            *fg = readable(*fg, under);
        }
    }
    css_for_theme_with_class_style(&theme, CLASS_STYLE).ok()
}

/// `fg` drawn over the opaque `bg`.
fn over(fg: Color, bg: [u8; 3]) -> [u8; 3] {
    let a = f64::from(fg.a) / 255.0;
    let mix = |f: u8, b: u8| (f64::from(f) * a + f64::from(b) * (1.0 - a)).round() as u8;
    [mix(fg.r, bg[0]), mix(fg.g, bg[1]), mix(fg.b, bg[2])]
}

/// WCAG relative luminance of an sRGB colour.
fn luminance(c: [u8; 3]) -> f64 {
    let lin = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
}

/// WCAG contrast ratio of two opaque colours, from 1 to 21.
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `fg` as it is when it reads on `bg` at [`MIN_CONTRAST`]; otherwise
/// mixed towards black (on a light background) or white (on a dark one)
/// in steps of 1 %, the first step that reads. Deterministic, and it keeps
/// the colour's hue as far as it can.
pub fn readable(fg: Color, bg: [u8; 3]) -> Color {
    let seen = over(fg, bg);
    if contrast(seen, bg) >= MIN_CONTRAST {
        return fg;
    }
    let target: [u8; 3] = if contrast([0; 3], bg) >= contrast([255; 3], bg) {
        [0; 3]
    } else {
        [255; 3]
    };
    let step = |k: u32| {
        let t = f64::from(k) / 100.0;
        let mix = |i: usize| {
            (f64::from(seen[i]) + (f64::from(target[i]) - f64::from(seen[i])) * t).round() as u8
        };
        [mix(0), mix(1), mix(2)]
    };
    let c = (1..=100)
        .map(step)
        .find(|&c| contrast(c, bg) >= TARGET_CONTRAST)
        .unwrap_or(target);
    Color {
        r: c[0],
        g: c[1],
        b: c[2],
        a: 0xFF,
    }
}

/// A fenced code block as HTML: `<pre class="code" data-lang="rust" tabindex="0"><code>…`.
/// Known languages get classed spans; unknown ones (and an empty info
/// string) are escaped plain text.
pub fn code_block(lang: &str, code: &str) -> String {
    let mut out = String::with_capacity(code.len() * 2 + 64);
    out.push_str("<pre class=\"code\"");
    if !lang.is_empty() {
        out.push_str(" data-lang=\"");
        escape_into(&mut out, lang);
        out.push('"');
    }
    // Focusable, so that a keyboard scrolls a wide block without a script.
    out.push_str(" tabindex=\"0\"><code>");
    match highlighted(lang, code) {
        Some(html) => out.push_str(&html),
        None => escape_into(&mut out, code),
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
    escape_into(out, text);
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
            // The parser's own word lists: a keyword the language gains is
            // highlighted without a second list to update.
            let class = match word {
                w if flowzap::Shape::from_keyword(w).is_some() => "fzc-shape",
                w if flowzap::NODE_ATTRIBUTES.contains(&w) => "fzc-key",
                "handle" | "loop" => "fzc-kw",
                w if flowzap::Handle::from_keyword(w).is_some() => "fzc-dir",
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
            None => escape_into(out, &rest[..taken]),
        }
        rest = &rest[taken..];
    }
    out.push_str(eol);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes() {
        let html = code_block("rust", "fn main() {}\n");
        assert!(html.contains("class=\"z-"), "{html}");
        assert!(html.starts_with("<pre class=\"code\" data-lang=\"rust\" tabindex=\"0\"><code>"));
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
            "<pre class=\"code\" data-lang=\"nosuchlang\" tabindex=\"0\"><code>&lt;b&gt;&amp;&lt;/b&gt;\n</code></pre>\n"
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
        assert!(
            stylesheet("InspiredGitHub", LIGHT_BACKGROUND)
                .unwrap()
                .contains(".z-")
        );
        assert!(stylesheet("base16-ocean.dark", DARK_BACKGROUND).is_some());
        assert!(stylesheet("nope", LIGHT_BACKGROUND).is_none());
    }

    fn hex(s: &str) -> [u8; 3] {
        let v = |i: usize| u8::from_str_radix(&s[i..i + 2], 16).unwrap();
        [v(0), v(2), v(4)]
    }

    /// Every rule's `color` with the background it is read on: its own
    /// `background-color` over the page's code background `bg`, or `bg`.
    /// `.z-code`, the theme's own page colours, is not a class code blocks
    /// carry.
    fn colours(css: &str, bg: [u8; 3]) -> Vec<([u8; 3], [u8; 3])> {
        let colour = |v: &str| {
            let v = v.trim().trim_end_matches(';');
            let rgb = hex(v);
            let a = if v.len() >= 8 {
                u8::from_str_radix(&v[6..8], 16).unwrap()
            } else {
                0xFF
            };
            Color {
                r: rgb[0],
                g: rgb[1],
                b: rgb[2],
                a,
            }
        };
        css.split('}')
            .filter(|rule| !rule.lines().any(|l| l.trim() == ".z-code {"))
            .filter_map(|rule| {
                let value = |key: &str| {
                    rule.lines()
                        .find_map(|l| l.trim().strip_prefix(key))
                        .map(colour)
                };
                let fg = value("color: #")?;
                let under = value("background-color: #").map_or(bg, |b| over(b, bg));
                Some((over(fg, under), under))
            })
            .collect()
    }

    #[test]
    fn contrast_ratios_match_wcag() {
        assert!((contrast([0; 3], [255; 3]) - 21.0).abs() < 1e-9);
        assert!((contrast([7; 3], [7; 3]) - 1.0).abs() < 1e-9);
        // The colours the bundled themes had below AA on the default
        // theme's code backgrounds.
        for (c, bg) in [
            ("969896", LIGHT_BACKGROUND),
            ("63a35c", LIGHT_BACKGROUND),
            ("0086b3", LIGHT_BACKGROUND),
            ("4183c4", LIGHT_BACKGROUND),
            ("65737e", DARK_BACKGROUND),
            ("bf616a", DARK_BACKGROUND),
        ] {
            assert!(contrast(hex(c), bg) < MIN_CONTRAST, "{c}");
        }
        assert!((contrast(hex("767676"), [255; 3]) - 4.54).abs() < 0.01);
    }

    /// Every foreground colour of the generated stylesheets reads at AA on
    /// the code background it is served for, for every bundled theme.
    #[test]
    fn highlighted_code_reads_at_aa() {
        for bg in [LIGHT_BACKGROUND, DARK_BACKGROUND] {
            for name in theme_names() {
                let css = stylesheet(name, bg).unwrap();
                let found = colours(&css, bg);
                assert!(!found.is_empty(), "{name}");
                for (c, under) in found {
                    let ratio = contrast(c, under);
                    assert!(
                        ratio >= MIN_CONTRAST,
                        "{name} on {under:?}: {c:?} is {ratio:.2}:1"
                    );
                }
            }
        }
        // The default pair: the reported colours are gone, the ones that
        // read are kept.
        let light = stylesheet("InspiredGitHub", LIGHT_BACKGROUND).unwrap();
        let dark = stylesheet("base16-ocean.dark", DARK_BACKGROUND).unwrap();
        for c in ["#969896", "#63a35c", "#0086b3", "#4183c4"] {
            assert!(!light.contains(&format!(" color: {c}")), "{c} in {light}");
        }
        for c in ["#65737e", "#bf616a"] {
            assert!(!dark.contains(&format!(" color: {c}")), "{c} in {dark}");
        }
        assert!(light.contains("#323232"), "{light}");
        assert!(dark.contains("#c0c5ce"), "{dark}");
    }

    #[test]
    fn readable_colours_keep_their_hue() {
        let fg = Color {
            r: 0x96,
            g: 0x98,
            b: 0x96,
            a: 0xFF,
        };
        let c = readable(fg, LIGHT_BACKGROUND);
        let rgb = [c.r, c.g, c.b];
        assert!(contrast(rgb, LIGHT_BACKGROUND) >= MIN_CONTRAST);
        assert!(c.r < fg.r && c.r == c.b, "darker, still grey: {rgb:?}");
        // Deterministic, and a colour that reads is left alone.
        assert_eq!(readable(fg, LIGHT_BACKGROUND), c);
        assert_eq!(readable(c, LIGHT_BACKGROUND), c);
        let on_dark = readable(fg, [0; 3]);
        assert_eq!(on_dark, fg);
    }
}
