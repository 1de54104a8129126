//! Discover the site's Markdown under `content/`, detect each file's
//! language from its name (`name.LANG.md` beside `name.md`), and parse its
//! front matter — TOML between `+++` lines or YAML between `---` lines —
//! into typed [`FrontMatter`], with errors located in the file.
//!
//! Every file is read once, here; later stages borrow its text.

use crate::config::Config;
use crate::error::Error;
use crate::util::{Hidden, WalkError, bom_len, files_under};
use rayon::prelude::*;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The directory of Markdown, below the site root.
pub const CONTENT_DIR: &str = "content";

/// A page, or a section's `_index.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Page,
    Section,
}

/// The typed front matter every page and section may carry.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    #[serde(default, deserialize_with = "text::optional")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "text::optional")]
    pub description: Option<String>,
    /// `YYYY-MM-DD` or an RFC 3339 date-time, as written.
    pub date: Option<Date>,
    #[serde(default)]
    pub draft: bool,
    pub weight: Option<i64>,
    /// Overrides the slug taken from the file name.
    #[serde(default, deserialize_with = "text::optional")]
    pub slug: Option<String>,
    /// A category slug such as `business-operations`.
    #[serde(default, deserialize_with = "text::optional")]
    pub category: Option<String>,
    #[serde(default, deserialize_with = "text::list")]
    pub tags: Vec<String>,
    /// Slugs of related pages, listed before the computed ones.
    #[serde(default, deserialize_with = "text::list")]
    pub related: Vec<String>,
    /// A template name overriding `page.html` / `section.html`.
    #[serde(default, deserialize_with = "text::optional")]
    pub template: Option<String>,
    /// Sections: list this many pages per listing page (`…/page/2/`…).
    pub paginate_by: Option<usize>,
    /// Free-form data for templates.
    #[serde(default)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Text fields of front matter take strings only. serde's `String` takes
/// whatever scalar YAML hands it as text, so `title: 123` and `title: true`
/// would pass where TOML rejects `title = 123`; asking for any value and
/// accepting only a string makes both formats agree (`title: "123"` is
/// how to mean it).
mod text {
    use serde::de::{self, Deserialize, Deserializer, Visitor};
    use std::fmt;

    struct Text(String);

    impl<'de> Deserialize<'de> for Text {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
            struct TextVisitor;
            impl Visitor<'_> for TextVisitor {
                type Value = Text;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a string (put it in quotes)")
                }
                fn visit_str<E: de::Error>(self, s: &str) -> Result<Text, E> {
                    Ok(Text(s.to_string()))
                }
                fn visit_string<E: de::Error>(self, s: String) -> Result<Text, E> {
                    Ok(Text(s))
                }
            }
            d.deserialize_any(TextVisitor)
        }
    }

    pub(super) fn optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        Ok(Option::<Text>::deserialize(d)?.map(|t| t.0))
    }

    pub(super) fn list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        Ok(Vec::<Text>::deserialize(d)?
            .into_iter()
            .map(|t| t.0)
            .collect())
    }
}

/// A date from front matter: a TOML date literal or a YAML/TOML string,
/// validated and kept in its written ISO form (so it sorts as text).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub String);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        struct DateVisitor;
        impl<'de> Visitor<'de> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date like 2026-11-01")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Date, E> {
                parse_date(s).map_err(E::custom)
            }
            // TOML hands its date literals over as a one-entry map.
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
                let Some((_, value)) = map.next_entry::<String, String>()? else {
                    return Err(de::Error::custom("expected a date"));
                };
                parse_date(&value).map_err(de::Error::custom)
            }
        }
        d.deserialize_any(DateVisitor)
    }
}

fn parse_date(s: &str) -> Result<Date, String> {
    match s.parse::<toml::value::Datetime>() {
        Ok(dt) if dt.date.is_some() => Ok(Date(dt.to_string())),
        _ => Err(format!(
            "`{s}` is not a date like 2026-11-01 or 2026-11-01T09:30:00Z"
        )),
    }
}

/// One Markdown file with its front matter parsed.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub kind: Kind,
    /// The path shown in messages: `content/templates/x.zh.md`.
    pub display_path: String,
    /// Relative to `content/`, with `/`: `templates/x.zh.md`.
    pub rel_path: String,
    /// The translation key, the path without the language suffix:
    /// `templates/x.md`, `templates/_index.md`. Files sharing it are
    /// translations of each other.
    pub key: String,
    pub lang: String,
    /// Directory components below `content/`, as written.
    pub dirs: Vec<String>,
    /// File name without language suffix and `.md` (`_index` for sections).
    pub stem: String,
    pub front: FrontMatter,
    /// The whole file.
    pub source: Arc<str>,
    /// Byte offset of the Markdown body (after the front matter).
    pub body_start: usize,
}

impl SourceFile {
    /// The Markdown after the front matter.
    pub fn body(&self) -> &str {
        self.source.get(self.body_start..).unwrap_or("")
    }
}

/// A non-Markdown file under `content/`, copied beside the pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    pub src: PathBuf,
    /// Relative to `content/`, with `/`.
    pub rel_path: String,
}

/// Everything found under `content/`.
#[derive(Debug, Default)]
pub struct Content {
    /// Sorted by `rel_path`.
    pub files: Vec<SourceFile>,
    pub assets: Vec<Asset>,
    /// Markdown files that could not be read, below `content/` (each has
    /// its error beside the content).
    pub failed: Vec<String>,
    pub drafts_skipped: usize,
}

/// Walk `root/content`, read and parse every Markdown file (in parallel).
/// Drafts are dropped unless `drafts`. Files that fail are left out and
/// their errors returned beside the rest, so later stages can still report
/// the problems of the other files in the same run.
pub fn load(root: &Path, config: &Config, drafts: bool) -> (Content, Vec<Error>) {
    let dir = root.join(CONTENT_DIR);
    let mut errors = Vec::new();
    let mut markdown = Vec::new();
    let mut assets = Vec::new();
    if !dir.is_dir() {
        // A site without content builds nothing: say so rather than write
        // (or, under `serve`, swap in) an empty site.
        errors.push(
            Error::new(format!(
                "the site has no `{CONTENT_DIR}/` folder (looked in `{}`)",
                root.display()
            ))
            .with_hint(format!(
                "create `{CONTENT_DIR}/_index.md`, or run `zapdoc init` for a starting point"
            )),
        );
    } else {
        for found in files_under(&dir, Hidden::Skip) {
            let (src, rel_path) = match found {
                Ok(f) => f,
                Err(WalkError::Walk(e)) => {
                    errors.push(Error::new(format!("cannot walk `{CONTENT_DIR}/`: {e}")));
                    continue;
                }
                Err(e @ WalkError::NotUtf8(_)) => {
                    errors.push(Error::new(e.to_string()));
                    continue;
                }
            };
            if rel_path.ends_with(".md") {
                markdown.push((src, rel_path));
            } else {
                assets.push(Asset { src, rel_path });
            }
        }
    }
    let results: Vec<Result<Option<SourceFile>, Error>> = markdown
        .par_iter()
        .map(|(path, rel)| read_file(path, rel, config, drafts))
        .collect();
    let mut files = Vec::with_capacity(results.len());
    let mut failed = Vec::new();
    let mut drafts_skipped = 0;
    for (r, (_, rel)) in results.into_iter().zip(markdown) {
        match r {
            Ok(Some(f)) => files.push(f),
            Ok(None) => drafts_skipped += 1,
            Err(e) => {
                errors.push(e);
                failed.push(rel);
            }
        }
    }
    let content = Content {
        files,
        assets,
        failed,
        drafts_skipped,
    };
    (content, errors)
}

/// Read and parse one Markdown file, `rel_path` below `root/content`
/// (with `/`): `Ok(None)` when it is a draft and drafts are left out.
/// The incremental rebuild re-reads changed files with this.
pub fn load_file(
    root: &Path,
    rel_path: &str,
    config: &Config,
    drafts: bool,
) -> Result<Option<SourceFile>, Error> {
    let path = root.join(CONTENT_DIR).join(rel_path);
    read_file(&path, rel_path, config, drafts)
}

/// Read and parse one file; `Ok(None)` for a skipped draft.
fn read_file(
    path: &Path,
    rel_path: &str,
    config: &Config,
    drafts: bool,
) -> Result<Option<SourceFile>, Error> {
    let display_path = format!("{CONTENT_DIR}/{rel_path}");
    let bytes = std::fs::read(path).map_err(|e| {
        Error::new(format!("cannot read: {}", crate::util::io_reason(&e))).in_file(&display_path)
    })?;
    let text = String::from_utf8(bytes)
        .map_err(|e| Error::new(crate::error::not_utf8(e.as_bytes())).in_file(&display_path))?;
    let source: Arc<str> = Arc::from(text);
    if let Some(i) = source.find('\0') {
        return Err(Error::new("a NUL character is not allowed in Markdown").at(
            &display_path,
            &source,
            i..i + 1,
        ));
    }
    let (dirs, file_name) = match rel_path.rsplit_once('/') {
        Some((d, f)) => (d.split('/').map(str::to_string).collect(), f),
        None => (Vec::new(), rel_path),
    };
    let name = file_name.trim_end_matches(".md");
    let (stem, lang) = split_language(name, config).map_err(|msg| {
        Error::new(msg).in_file(&display_path).with_hint(format!(
            "the site's languages are {}; name translations `name.LANG.md`",
            config
                .languages
                .iter()
                .map(|l| l.code.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })?;
    let kind = if stem == "_index" {
        Kind::Section
    } else {
        Kind::Page
    };
    let (front, body_start) = parse_front_matter(&source, &display_path)?;
    if front.draft && !drafts {
        return Ok(None);
    }
    let mut key = dirs.join("/");
    if !key.is_empty() {
        key.push('/');
    }
    key.push_str(stem);
    key.push_str(".md");
    Ok(Some(SourceFile {
        kind,
        display_path,
        rel_path: rel_path.to_string(),
        key,
        lang: lang.to_string(),
        dirs,
        stem: stem.to_string(),
        front,
        source,
        body_start,
    }))
}

/// `"x.zh"` → `("x", "zh")`; `"x"` → `("x", default)`. A suffix that looks
/// like a language code but is not one of the site's is an error.
fn split_language<'a>(name: &'a str, config: &'a Config) -> Result<(&'a str, &'a str), String> {
    if let Some((stem, suffix)) = name.rsplit_once('.') {
        if config.has_language(suffix) && !stem.is_empty() {
            return Ok((stem, suffix));
        }
        if looks_like_language(suffix) {
            return Err(format!("`{suffix}` is not one of the site's languages"));
        }
    }
    Ok((name, config.default_language.as_str()))
}

fn looks_like_language(s: &str) -> bool {
    let (lang, region) = s.split_once('-').unwrap_or((s, ""));
    (2..=3).contains(&lang.len())
        && lang.chars().all(|c| c.is_ascii_lowercase())
        && (region.is_empty() || region.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Where a file's front matter and body lie.
struct Split {
    /// `+++` (TOML) or `---` (YAML); `None` when there is no front matter.
    fence: Option<&'static str>,
    /// The front matter's text range (empty without one).
    front: std::ops::Range<usize>,
    /// Where the Markdown body starts.
    body_start: usize,
}

/// Find the front matter (after an optional byte-order mark) and the body.
/// `Err` with the opening fence when the front matter is never closed.
fn split(source: &str) -> Result<Split, &'static str> {
    let bom = bom_len(source);
    let none = Split {
        fence: None,
        front: bom..bom,
        body_start: bom,
    };
    let text = &source[bom..];
    let fence = if text.starts_with("+++") {
        "+++"
    } else if text.starts_with("---") {
        "---"
    } else {
        return Ok(none);
    };
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != fence {
        // `---` followed by text is a Markdown rule or heading underline.
        return Ok(none);
    }
    let start = bom + first_line_end;
    let mut pos = start;
    for line in source[start..].split_inclusive('\n') {
        if line.trim_end() == fence {
            return Ok(Split {
                fence: Some(fence),
                front: start..pos,
                body_start: pos + line.len(),
            });
        }
        pos += line.len();
    }
    Err(fence)
}

/// Where the Markdown body of `source` starts, after its front matter
/// (which is not parsed); `None` when the front matter is never closed.
pub fn body_start(source: &str) -> Option<usize> {
    split(source).ok().map(|s| s.body_start)
}

/// Split off and parse the front matter; returns it and the body's offset.
fn parse_front_matter(source: &Arc<str>, path: &str) -> Result<(FrontMatter, usize), Error> {
    let bom = bom_len(source);
    let parts = split(source).map_err(|fence| {
        Error::new(format!(
            "front matter opened with `{fence}` is never closed"
        ))
        .at(path, source, bom..bom + 3)
        .with_hint(format!(
            "end the front matter with a line holding only `{fence}`"
        ))
    })?;
    let Some(fence) = parts.fence else {
        return Ok((FrontMatter::default(), parts.body_start));
    };
    let (start, fm_end, body_start) = (parts.front.start, parts.front.end, parts.body_start);
    let fm = &source[start..fm_end];
    let front = if fence == "+++" {
        toml::from_str::<FrontMatter>(fm).map_err(|e| {
            let err = Error::new(format!("invalid front matter: {}", e.message().trim()));
            match e.span() {
                Some(span) => err.at(path, source, span.start + start..span.end + start),
                None => err.at(path, source, bom..bom + 3),
            }
        })?
    } else {
        parse_yaml(fm).map_err(|(message, offset)| {
            Error::new(format!("invalid front matter: {message}")).at(
                path,
                source,
                start + offset..start + offset,
            )
        })?
    };
    Ok((front, body_start))
}

/// YAML front matter; on error the message and the byte offset in `fm`.
fn parse_yaml(fm: &str) -> Result<FrontMatter, (String, usize)> {
    if fm.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    let options = serde_saphyr::Options {
        with_snippet: false,
        // YAML 1.2, as Zola reads it: `yes`, `no`, `on`, `off` are text.
        strict_booleans: true,
        ..Default::default()
    };
    serde_saphyr::from_str_with_options::<FrontMatter>(fm, options).map_err(|e| {
        let message = e.to_string();
        let mut offset = match e.location() {
            Some(loc) => crate::error::offset_of(fm, loc.line() as usize, loc.column() as usize),
            None => 0,
        };
        // serde-saphyr locates an unknown field at its mapping; point at the key.
        if let Some(key) = message
            .strip_prefix("unknown field `")
            .and_then(|rest| rest.split_once('`'))
            .map(|(key, _)| key)
        {
            let mut pos = 0;
            for line in fm.split_inclusive('\n') {
                let trimmed = line.trim_start();
                if trimmed
                    .strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
                {
                    offset = pos + (line.len() - trimmed.len());
                    break;
                }
                pos += line.len();
            }
        }
        // A value of the wrong type is located at its mapping: point at the
        // line whose value it is (`date: 20260101`, not `title:` above it).
        if let Some(value) = message
            .strip_prefix("invalid type: ")
            .and_then(|rest| rest.split_once('`'))
            .and_then(|(_, rest)| rest.split_once('`'))
            .map(|(value, _)| value)
        {
            let mut pos = 0;
            for line in fm.split_inclusive('\n') {
                if let Some((_, v)) = line.split_once(':')
                    && v.trim().trim_matches(['"', '\'']) == value
                {
                    offset = pos + line.len() - v.trim_start().len();
                    break;
                }
                pos += line.len();
            }
        }
        // The location is reported separately; drop it from the text.
        let message = match message.rfind(" at line ") {
            Some(i) => message[..i].to_string(),
            None => message,
        };
        // "unexpected event: expected sequence start" means a list was due.
        let message = if message.contains("expected sequence start") {
            let line = &fm[fm[..offset].rfind('\n').map_or(0, |i| i + 1)..];
            match line.split_once(':') {
                Some((key, _)) if !key.trim().is_empty() => {
                    let key = key.trim();
                    format!("`{key}` must be a list, such as `{key}: [a, b]`")
                }
                _ => "a list was expected here, such as `[a, b]`".to_string(),
            }
        } else {
            message
        };
        (message, offset)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::parse(
            "title = \"T\"\ndefault_language = \"en\"\n[[languages]]\ncode = \"en\"\nname = \"English\"\n[[languages]]\ncode = \"zh\"\nname = \"中文\"\n",
            "site.toml",
        )
        .unwrap()
    }

    #[test]
    fn language_suffixes() {
        let c = config();
        assert_eq!(split_language("x.zh", &c).unwrap(), ("x", "zh"));
        assert_eq!(split_language("x", &c).unwrap(), ("x", "en"));
        assert_eq!(split_language("x.en", &c).unwrap(), ("x", "en"));
        assert_eq!(split_language("v1.2", &c).unwrap(), ("v1.2", "en"));
        assert!(split_language("x.de", &c).is_err());
    }

    #[test]
    fn toml_and_yaml_front_matter() {
        let src: Arc<str> =
            Arc::from("+++\ntitle = \"A\"\ndate = 2026-11-01\ntags = [\"x\"]\n+++\nbody");
        let (fm, start) = parse_front_matter(&src, "a.md").unwrap();
        assert_eq!(fm.title.as_deref(), Some("A"));
        assert_eq!(fm.date, Some(Date("2026-11-01".into())));
        assert_eq!(&src[start..], "body");

        let src: Arc<str> = Arc::from("---\ntitle: B\ndate: 2026-11-02\ndraft: true\n---\nbody");
        let (fm, start) = parse_front_matter(&src, "b.md").unwrap();
        assert_eq!(fm.title.as_deref(), Some("B"));
        assert_eq!(fm.date, Some(Date("2026-11-02".into())));
        assert!(fm.draft);
        assert_eq!(&src[start..], "body");
    }

    #[test]
    fn front_matter_after_a_byte_order_mark() {
        let src: Arc<str> = Arc::from("\u{feff}+++\ntitle = \"A\"\n+++\nbody");
        let (fm, start) = parse_front_matter(&src, "a.md").unwrap();
        assert_eq!(fm.title.as_deref(), Some("A"));
        assert_eq!(&src[start..], "body");
        let src: Arc<str> = Arc::from("\u{feff}---\ntitle: A\n");
        let e = parse_front_matter(&src, "a.md").unwrap_err();
        assert!(e.message().contains("never closed"), "{}", e.message());
    }

    #[test]
    fn yaml_errors_say_what_and_where() {
        let located = |fm: &str| {
            let src: Arc<str> = Arc::from(format!("---\n{fm}---\nbody"));
            let e = parse_front_matter(&src, "a.md").unwrap_err();
            (e.message().to_string(), e.line_col().unwrap())
        };
        let (m, at) = located("title: X\ndate: 20260101\n");
        assert!(m.contains("expected a date"), "{m}");
        assert_eq!(at, (3, 7), "on the date's value");
        let (m, at) = located("title: X\ntags: approval\n");
        assert_eq!(
            m,
            "invalid front matter: `tags` must be a list, such as `tags: [a, b]`"
        );
        assert_eq!(at.0, 3);
        // A number or a boolean is not text, in YAML as in TOML.
        let (m, at) = located("title: 123\n");
        assert!(m.contains("integer `123`, expected a string"), "{m}");
        assert_eq!(at, (2, 8));
        let (m, _) = located("title: X\ntags: [a, true]\n");
        assert!(m.contains("boolean `true`"), "{m}");
        let src: Arc<str> = Arc::from("+++\ntitle = 123\n+++\n");
        assert!(parse_front_matter(&src, "a.md").is_err());
    }

    #[test]
    fn yaml_text_stays_text() {
        let front = |fm: &str| {
            let src: Arc<str> = Arc::from(format!("---\n{fm}---\nbody"));
            parse_front_matter(&src, "a.md").map(|(f, _)| f)
        };
        let f =
            front("title: \"123\"\ndescription: yes\nslug: 'x'\ncategory: ~\ntags: [a, \"2\"]\n")
                .unwrap();
        assert_eq!(f.title.as_deref(), Some("123"));
        assert_eq!(f.description.as_deref(), Some("yes"));
        assert_eq!(f.slug.as_deref(), Some("x"));
        assert_eq!(f.category, None);
        assert_eq!(f.tags, ["a", "2"]);
        let f = front("title: |\n  Two\n  lines\n").unwrap();
        assert_eq!(f.title.as_deref(), Some("Two\nlines\n"));
    }

    #[test]
    fn front_matter_errors_are_located() {
        let src: Arc<str> = Arc::from("+++\ntitle = \"A\"\nweight = \"heavy\"\n+++\n");
        let e = parse_front_matter(&src, "a.md").unwrap_err();
        assert_eq!(e.line_col().map(|l| l.0), Some(3));

        let src: Arc<str> = Arc::from("---\ntitle: B\ncolour: red\n---\n");
        let e = parse_front_matter(&src, "b.md").unwrap_err();
        assert_eq!(e.line_col().map(|l| l.0), Some(3), "{e}");
        assert!(e.message().contains("colour"), "{e}");

        let src: Arc<str> = Arc::from("+++\ntitle = \"A\"\n");
        assert!(parse_front_matter(&src, "c.md").is_err());
    }

    #[test]
    fn no_front_matter_and_rules() {
        let src: Arc<str> = Arc::from("# Hi\n");
        assert_eq!(parse_front_matter(&src, "a.md").unwrap().1, 0);
        let src: Arc<str> = Arc::from("--- not front matter\n");
        assert_eq!(parse_front_matter(&src, "a.md").unwrap().1, 0);
    }
}
