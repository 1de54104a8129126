//! `site.toml` → [`Config`], with errors that name the key and its line.
//!
//! ```toml
//! title = "FlowZap Templates"
//! base_url = "/"                 # or "https://example.com/docs/"
//! default_language = "en"
//! theme = "default"
//! output_dir = "public"
//! # Optional: "Edit this page" links, this URL followed by the file's
//! # path from the site root (`content/docs/intro.md`).
//! repository = "https://github.com/org/repo/edit/main/"
//!
//! [[languages]]
//! code = "en"
//! name = "English"
//!
//! [markdown]
//! highlight_theme = "InspiredGitHub"
//! highlight_theme_dark = "base16-ocean.dark"
//!
//! [related]
//! category = 2.0
//! tags = 1.0
//! text = 3.0
//! limit = 4
//! ```
//!
//! Unknown keys and wrong types are errors located in the file.

use crate::error::Error;
use crate::highlight;
use serde::Deserialize;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;
use toml::Spanned;

/// One language the site is written in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// BCP 47 code, as it appears in file names (`page.zh.md`) and URLs (`/zh/`).
    pub code: String,
    /// Display name in the language itself ("中文", "Français").
    pub name: String,
}

/// Markdown and highlighting options.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkdownConfig {
    pub tables: bool,
    pub footnotes: bool,
    pub strikethrough: bool,
    pub tasklists: bool,
    pub smart_punctuation: bool,
    /// A syntect theme name for the light stylesheet.
    pub highlight_theme: String,
    /// A syntect theme name for the dark stylesheet.
    pub highlight_theme_dark: String,
}

/// Weights of the related-templates score.
#[derive(Debug, Clone, PartialEq)]
pub struct RelatedConfig {
    /// Added when two pages share their category.
    pub category: f64,
    /// Times the Jaccard similarity of the tag sets.
    pub tags: f64,
    /// Times the cosine similarity of title and description words.
    pub text: f64,
    /// How many related pages each page lists.
    pub limit: usize,
}

/// The site's configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// Always ends with `/`: `/` (root-relative) or `https://host/path/`.
    pub base_url: String,
    pub default_language: String,
    /// Default language first, then the others in file order.
    pub languages: Vec<Language>,
    pub theme: String,
    pub output_dir: String,
    /// Where category pages live, below the language prefix.
    pub category_path: String,
    /// Category pages list this many pages each, then continue on
    /// `…/page/2/` and so on; `None` lists every page on one.
    pub category_paginate_by: Option<usize>,
    pub markdown: MarkdownConfig,
    pub related: RelatedConfig,
    /// Where a content file is edited, as a prefix of its path from the
    /// site root: `https://github.com/org/repo/edit/main/` (always ends
    /// with `/`). Pages get `edit_url` when it is set.
    pub repository: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default = "default_base_url")]
    base_url: Spanned<String>,
    default_language: Spanned<String>,
    languages: Spanned<Vec<RawLanguage>>,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default = "default_output_dir")]
    output_dir: Spanned<String>,
    #[serde(default = "default_category_path")]
    category_path: Spanned<String>,
    #[serde(default)]
    category_paginate_by: usize,
    #[serde(default)]
    markdown: RawMarkdown,
    #[serde(default)]
    related: RawRelated,
    #[serde(default)]
    repository: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    code: Spanned<String>,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMarkdown {
    #[serde(default = "yes")]
    tables: bool,
    #[serde(default = "yes")]
    footnotes: bool,
    #[serde(default = "yes")]
    strikethrough: bool,
    #[serde(default = "yes")]
    tasklists: bool,
    #[serde(default)]
    smart_punctuation: bool,
    #[serde(default = "default_light_theme")]
    highlight_theme: Spanned<String>,
    #[serde(default = "default_dark_theme")]
    highlight_theme_dark: Spanned<String>,
}

impl Default for RawMarkdown {
    fn default() -> Self {
        RawMarkdown {
            tables: true,
            footnotes: true,
            strikethrough: true,
            tasklists: true,
            smart_punctuation: false,
            highlight_theme: default_light_theme(),
            highlight_theme_dark: default_dark_theme(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelated {
    #[serde(default = "default_w_category")]
    category: Spanned<f64>,
    #[serde(default = "default_w_tags")]
    tags: Spanned<f64>,
    #[serde(default = "default_w_text")]
    text: Spanned<f64>,
    #[serde(default = "default_limit")]
    limit: usize,
}

impl Default for RawRelated {
    fn default() -> Self {
        RawRelated {
            category: default_w_category(),
            tags: default_w_tags(),
            text: default_w_text(),
            limit: default_limit(),
        }
    }
}

fn yes() -> bool {
    true
}
fn unspanned<T>(v: T) -> Spanned<T> {
    Spanned::new(0..0, v)
}
fn default_base_url() -> Spanned<String> {
    unspanned("/".to_string())
}
fn default_theme() -> String {
    "default".to_string()
}
fn default_output_dir() -> Spanned<String> {
    unspanned("public".to_string())
}
fn default_category_path() -> Spanned<String> {
    unspanned("templates/category".to_string())
}
fn default_light_theme() -> Spanned<String> {
    unspanned("InspiredGitHub".to_string())
}
fn default_dark_theme() -> Spanned<String> {
    unspanned("base16-ocean.dark".to_string())
}
fn default_w_category() -> Spanned<f64> {
    unspanned(2.0)
}
fn default_w_tags() -> Spanned<f64> {
    unspanned(1.0)
}
fn default_w_text() -> Spanned<f64> {
    unspanned(3.0)
}
fn default_limit() -> usize {
    4
}

/// The name the configuration file has in the site root.
pub const FILE_NAME: &str = "site.toml";

impl Config {
    /// Read and parse `root/site.toml`.
    pub fn load(root: &Path) -> Result<Config, Vec<Error>> {
        let path = root.join(FILE_NAME);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| vec![Error::new(crate::util::cannot_read(&path, &e))])?;
        Config::parse(&text, FILE_NAME)
    }

    /// Parse the text of a `site.toml`; `path` names it in errors.
    pub fn parse(text: &str, path: &str) -> Result<Config, Vec<Error>> {
        let source: Arc<str> = Arc::from(text);
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let err = Error::new(format!("invalid configuration: {}", e.message().trim()));
            vec![match e.span() {
                Some(span) => err.at(path, &source, span),
                None => err.in_file(path),
            }]
        })?;
        let at = Located {
            path,
            source: &source,
        };
        let mut errors = Vec::new();
        let languages = languages(&raw, &at, &mut errors);
        let default_language = raw.default_language.get_ref().clone();
        let base_url = match normalize_base_url(raw.base_url.get_ref()) {
            Ok(u) => u,
            Err(reason) => {
                errors.push(at.error(format!("`base_url`: {reason}"), raw.base_url.span()));
                String::from("/")
            }
        };
        let output_dir = raw.output_dir.get_ref().clone();
        if output_dir.trim().is_empty() {
            errors.push(at.error("`output_dir` is empty".to_string(), raw.output_dir.span()));
        }
        let category_path = raw.category_path.get_ref().trim_matches('/').to_string();
        if category_path.is_empty() || category_path.split('/').any(|s| s.is_empty() || s == "..") {
            errors.push(at.error(
                "`category_path` must be a relative path like `templates/category`".to_string(),
                raw.category_path.span(),
            ));
        }
        check_themes_and_weights(&raw, &at, &mut errors);
        let repository = repository(&raw, &at, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Config {
            repository,
            title: raw.title,
            description: raw.description,
            base_url,
            default_language,
            languages,
            theme: raw.theme,
            output_dir,
            category_path,
            category_paginate_by: Some(raw.category_paginate_by).filter(|&n| n > 0),
            markdown: MarkdownConfig {
                tables: raw.markdown.tables,
                footnotes: raw.markdown.footnotes,
                strikethrough: raw.markdown.strikethrough,
                tasklists: raw.markdown.tasklists,
                smart_punctuation: raw.markdown.smart_punctuation,
                highlight_theme: raw.markdown.highlight_theme.into_inner(),
                highlight_theme_dark: raw.markdown.highlight_theme_dark.into_inner(),
            },
            related: RelatedConfig {
                category: raw.related.category.into_inner(),
                tags: raw.related.tags.into_inner(),
                text: raw.related.text.into_inner(),
                limit: raw.related.limit,
            },
        })
    }

    /// Replace the base URL (the `--base-url` flag); the reason on failure.
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        self.base_url = normalize_base_url(url)?;
        Ok(())
    }

    /// Whether `code` is one of the site's languages.
    pub fn has_language(&self, code: &str) -> bool {
        self.languages.iter().any(|l| l.code == code)
    }

    /// The URL path prefix of a language: `""` for the default, `"zh/"` else.
    pub fn lang_prefix(&self, code: &str) -> String {
        if code == self.default_language {
            String::new()
        } else {
            format!("{code}/")
        }
    }

    /// A site path (no leading slash, e.g. `zh/templates/x/`) as a link:
    /// root-relative or under the configured base URL.
    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path.trim_start_matches('/'))
    }

    /// Whether the base URL is absolute (has a scheme and host).
    pub fn has_absolute_base_url(&self) -> bool {
        self.base_url.starts_with("http://") || self.base_url.starts_with("https://")
    }
}

/// Where `site.toml` is, for located errors.
struct Located<'a> {
    path: &'a str,
    source: &'a Arc<str>,
}

impl Located<'_> {
    /// An error at `span`; a span at 0..0 (a key that is missing, so
    /// nowhere in the file) names the file only.
    fn error(&self, message: String, span: Range<usize>) -> Error {
        if span.is_empty() && span.start == 0 {
            Error::new(message).in_file(self.path)
        } else {
            Error::new(message).at(self.path, self.source, span)
        }
    }
}

/// The configured languages, valid and distinct, the default one first.
fn languages(raw: &RawConfig, at: &Located, errors: &mut Vec<Error>) -> Vec<Language> {
    let mut languages: Vec<Language> = Vec::new();
    for lang in raw.languages.get_ref() {
        let code = lang.code.get_ref();
        if code.parse::<unic_langid::LanguageIdentifier>().is_err()
            || code.is_empty()
            || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            errors.push(at.error(
                format!("`languages.code`: `{code}` is not a language code like `en` or `zh-TW`"),
                lang.code.span(),
            ));
        } else if languages.iter().any(|l| &l.code == code) {
            errors.push(at.error(
                format!("`languages.code`: `{code}` is listed twice"),
                lang.code.span(),
            ));
        } else {
            languages.push(Language {
                code: code.clone(),
                name: lang.name.clone(),
            });
        }
    }
    if raw.languages.get_ref().is_empty() {
        errors.push(at.error(
            "`languages` is empty: list at least the default language".to_string(),
            raw.languages.span(),
        ));
    }
    let default_language = raw.default_language.get_ref();
    match languages.iter().position(|l| &l.code == default_language) {
        Some(i) => {
            let default = languages.remove(i);
            languages.insert(0, default);
        }
        None if raw.languages.get_ref().is_empty() => {}
        None => errors.push(
            at.error(
                format!("`default_language`: `{default_language}` is not one of `languages`"),
                raw.default_language.span(),
            )
            .with_hint(format!(
                "the languages are: {}",
                languages
                    .iter()
                    .map(|l| l.code.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        ),
    }
    languages
}

/// The highlight themes must exist, the related weights be numbers ≥ 0.
fn check_themes_and_weights(raw: &RawConfig, at: &Located, errors: &mut Vec<Error>) {
    for (key, theme) in [
        ("markdown.highlight_theme", &raw.markdown.highlight_theme),
        (
            "markdown.highlight_theme_dark",
            &raw.markdown.highlight_theme_dark,
        ),
    ] {
        if !highlight::theme_exists(theme.get_ref()) {
            errors.push(
                at.error(
                    format!("`{key}`: no highlight theme named `{}`", theme.get_ref()),
                    theme.span(),
                )
                .with_hint(format!(
                    "the themes are: {}",
                    highlight::theme_names().join(", ")
                )),
            );
        }
    }
    for (key, weight) in [
        ("related.category", &raw.related.category),
        ("related.tags", &raw.related.tags),
        ("related.text", &raw.related.text),
    ] {
        if !weight.get_ref().is_finite() || *weight.get_ref() < 0.0 {
            errors.push(at.error(format!("`{key}` must be a number ≥ 0"), weight.span()));
        }
    }
}

/// `repository`, with a final `/`: an absolute http(s) URL.
fn repository(raw: &RawConfig, at: &Located, errors: &mut Vec<Error>) -> Option<String> {
    let r = raw.repository.as_ref()?;
    let url = r.get_ref().trim();
    if url.starts_with("https://") || url.starts_with("http://") {
        let slash = if url.ends_with('/') { "" } else { "/" };
        return Some(format!("{url}{slash}"));
    }
    errors.push(
        at.error(
            "`repository` must be an absolute http(s) URL".to_string(),
            r.span(),
        )
        .with_hint(
            "the URL that, followed by `content/…/page.md`, edits a file: \
             `https://github.com/org/repo/edit/main/`",
        ),
    );
    None
}

/// `/`, `/docs/`, `https://example.com/`, `https://example.com/docs/`:
/// always ending with a slash.
fn normalize_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let absolute = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let ok = match absolute {
        Some(rest) => !rest.is_empty() && !rest.starts_with('/'),
        None => url.starts_with('/') && !url.starts_with("//"),
    };
    if !ok
        || url
            .chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>')
    {
        return Err(format!(
            "`{url}` is neither root-relative (`/`, `/docs/`) nor an http(s) URL"
        ));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "title = \"T\"\ndefault_language = \"en\"\n[[languages]]\ncode = \"zh\"\nname = \"中文\"\n[[languages]]\ncode = \"en\"\nname = \"English\"\n";

    #[test]
    fn default_language_comes_first() {
        let c = Config::parse(MINIMAL, "site.toml").unwrap();
        assert_eq!(c.languages[0].code, "en");
        assert_eq!(c.base_url, "/");
        assert_eq!(c.lang_prefix("zh"), "zh/");
        assert_eq!(c.link("zh/x/"), "/zh/x/");
    }

    #[test]
    fn base_urls_are_normalized() {
        assert_eq!(
            normalize_base_url("https://a.b/docs").unwrap(),
            "https://a.b/docs/"
        );
        assert_eq!(normalize_base_url("/docs").unwrap(), "/docs/");
        assert!(normalize_base_url("docs").is_err());
        assert!(normalize_base_url("//a.b").is_err());
        assert!(normalize_base_url("https://").is_err());
    }

    #[test]
    fn repository_urls_end_with_a_slash() {
        let c = Config::parse(MINIMAL, "site.toml").unwrap();
        assert_eq!(c.repository, None);
        let text = format!("repository = \"https://git.example/o/r/edit/main\"\n{MINIMAL}");
        let c = Config::parse(&text, "site.toml").unwrap();
        assert_eq!(
            c.repository.as_deref(),
            Some("https://git.example/o/r/edit/main/")
        );
        let text = format!("repository = \"git.example/o/r\"\n{MINIMAL}");
        let errs = Config::parse(&text, "site.toml").unwrap_err();
        assert_eq!(errs[0].line_col(), Some((1, 14)), "{errs:?}");
    }

    #[test]
    fn unknown_default_language_is_located() {
        let text = MINIMAL.replace("default_language = \"en\"", "default_language = \"de\"");
        let errs = Config::parse(&text, "site.toml").unwrap_err();
        assert_eq!(errs[0].line_col(), Some((2, 20)));
    }
}
