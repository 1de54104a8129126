//! Syntax highlighting of fenced code with syntect, into CSS classes (`z-…`)
//! so one light and one dark stylesheet style every page.
//!
//! The syntax and theme sets load once per process, on first use.

use std::sync::OnceLock;
use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// The class prefix of highlighted spans: `<span class="z-keyword z-rust">`.
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "z-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
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
    let set = syntaxes();
    let syntax = set
        .find_syntax_by_token(lang)
        .or_else(|| set.find_syntax_by_name(lang))?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        // A grammar that fails on some input falls back to plain text.
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

/// Append `s` HTML-escaped (text and attribute safe).
pub fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
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

    #[test]
    fn unknown_language_is_escaped_plain() {
        let html = code_block("nosuchlang", "<b>&</b>\n");
        assert_eq!(
            html,
            "<pre class=\"code\" data-lang=\"nosuchlang\"><code>&lt;b&gt;&amp;&lt;/b&gt;\n</code></pre>\n"
        );
    }

    #[test]
    fn stylesheets_exist_for_default_themes() {
        assert!(stylesheet("InspiredGitHub").unwrap().contains(".z-"));
        assert!(stylesheet("base16-ocean.dark").is_some());
        assert!(stylesheet("nope").is_none());
    }
}
