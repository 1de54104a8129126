//! `zapdoc check`: everything `build` would find, and more, without writing
//! anything:
//!
//! - front matter, content and configuration errors; every diagram's errors
//!   and warnings (the build pipeline in memory, [`Session::attempt`]);
//! - links in every language ([`links`]): `@/page.md` must name content,
//!   root-relative (`/docs/x/`) and relative (`../x/`) links a file the
//!   build writes, from Markdown or raw HTML; their `#anchors` (and
//!   same-page ones) a heading of the page they land on;
//! - template errors and missing Fluent messages met while rendering every
//!   page, and the messages of the default language's `.ftl` that another
//!   language's file lacks;
//! - per page, the languages it is not translated into; pages without a
//!   `title`.
//!
//! Problems are [`Error`]s (file, line, column, caret excerpt);
//! [`to_json`] gives the machine form for editors and CI.

use crate::build::{DiagramCache, Failure, Options, Session};
use crate::content::CONTENT_DIR;
use crate::error::{self, Error, Severity};
use crate::i18n::I18N_DIR;
use crate::links;
use crate::site::Site;
use std::collections::{BTreeSet, HashSet};
use std::path::Path;
use std::sync::Arc;

/// Check the site of `opts`: every problem, errors first then warnings,
/// each group sorted by file and position. `Err` only for usage and I/O.
pub fn check(opts: &Options) -> Result<Vec<Error>, Failure> {
    let mut cache = DiagramCache::default();
    let attempt = Session::attempt(opts, &mut cache)?;
    let mut errors = attempt.errors;
    let mut warnings = attempt.warnings;
    if let Some(session) = &attempt.session {
        let site = session.site();
        let (render_errors, fluent) = session.render_check();
        errors.extend(render_errors);
        errors.extend(links::check(site, &session.outputs()));
        warnings.extend(translations(site, session.unreadable()));
        warnings.extend(untitled(session));
        let (ftl, missing_keys) = fluent_keys(&opts.root, site);
        warnings.extend(ftl);
        // A message the static comparison reports needs no second line
        // from the render.
        warnings.extend(fluent.into_iter().filter(|w| {
            !missing_keys.iter().any(|(file, key)| {
                w.path() == Some(file.as_str()) && w.message().contains(&format!("`{key}`"))
            })
        }));
    }
    dedup(&mut errors);
    dedup(&mut warnings);
    error::sort(&mut errors);
    error::sort(&mut warnings);
    errors.extend(warnings);
    Ok(errors)
}

/// Drop repeats: the same message for the same line of the same file.
/// (The build and the anchor pass both meet a broken `[x](@/y.md)`, one
/// locating the link, the other its target, a few columns apart.)
fn dedup(list: &mut Vec<Error>) {
    let mut seen = HashSet::new();
    list.retain(|e| {
        seen.insert((
            e.severity(),
            e.path().map(str::to_string),
            e.line_col().map(|(line, _)| line),
            e.message().to_string(),
        ))
    });
}

/// A warning per page and language it is not translated into, located at
/// the first line of the page in the default language (else the first
/// language that has it).
fn translations(site: &Site, unreadable: &[String]) -> Vec<Error> {
    let mut warnings = Vec::new();
    let langs: Vec<&str> = site
        .config
        .languages
        .iter()
        .map(|l| l.code.as_str())
        .collect();
    let mut done = HashSet::new();
    for e in &site.entries {
        let Some(source) = &e.source else { continue };
        if !done.insert(e.key.as_str()) {
            continue;
        }
        let have: Vec<&str> = e
            .translations
            .iter()
            .map(|&t| site.entries[t].lang.as_str())
            .collect();
        // Report on the default language's file when there is one.
        let (path, src) = e
            .translations
            .iter()
            .map(|&t| &site.entries[t])
            .find(|t| t.lang == site.config.default_language)
            .and_then(|t| t.source.as_ref().map(|s| (t.display_path.as_str(), s)))
            .unwrap_or((e.display_path.as_str(), source));
        let first_line = src.find('\n').unwrap_or(src.len());
        for lang in &langs {
            if have.contains(lang) {
                continue;
            }
            let expected = expected_path(&e.key, lang, &site.config.default_language);
            // It is there, with an error of its own.
            if unreadable
                .iter()
                .any(|rel| expected == format!("{CONTENT_DIR}/{rel}"))
            {
                continue;
            }
            warnings.push(
                Error::warning(format!("not translated into `{lang}`"))
                    .at(path, src, 0..first_line)
                    .with_label(format!("no `{lang}` version of this page"))
                    .with_hint(format!(
                        "add `{expected}`; readers of `{lang}` see the default language meanwhile"
                    )),
            );
        }
    }
    warnings
}

/// `templates/x.md` in `zh` → `content/templates/x.zh.md`.
fn expected_path(key: &str, lang: &str, default: &str) -> String {
    let stem = key.strip_suffix(".md").unwrap_or(key);
    if lang == default {
        format!("{CONTENT_DIR}/{stem}.md")
    } else {
        format!("{CONTENT_DIR}/{stem}.{lang}.md")
    }
}

/// Pages whose front matter has no `title`.
fn untitled(session: &Session) -> Vec<Error> {
    session
        .sources()
        .filter(|f| f.kind == crate::content::Kind::Page && f.front.title.is_none())
        .map(|f| {
            let first_line = f.source.find('\n').unwrap_or(f.source.len());
            Error::warning("the page has no `title`; its file name stands in")
                .at(&f.display_path, &f.source, 0..first_line)
                .with_hint("add `title = \"…\"` to the front matter")
        })
        .collect()
}

/// Messages of the default language's `.ftl` missing from another
/// language's, located at the message in the default file; and the
/// (file, key) pairs reported.
fn fluent_keys(root: &Path, site: &Site) -> (Vec<Error>, BTreeSet<(String, String)>) {
    let mut warnings = Vec::new();
    let mut reported = BTreeSet::new();
    let default = &site.config.default_language;
    let read = |lang: &str| -> Option<(String, Arc<str>)> {
        let display = format!("{I18N_DIR}/{lang}.ftl");
        let text = std::fs::read_to_string(root.join(&display)).ok()?;
        Some((display, Arc::from(text)))
    };
    let Some((default_file, default_text)) = read(default) else {
        return (warnings, reported);
    };
    let wanted = message_ids(&default_text);
    for lang in &site.config.languages {
        if &lang.code == default {
            continue;
        }
        let (file, have) = match read(&lang.code) {
            Some((file, text)) => (file, message_ids(&text).into_iter().collect::<HashSet<_>>()),
            None => (format!("{I18N_DIR}/{}.ftl", lang.code), HashSet::new()),
        };
        for key in &wanted {
            if have.contains(key) {
                continue;
            }
            let at = find_message(&default_text, key);
            warnings.push(
                Error::warning(format!(
                    "message `{key}` is missing from `{file}`; the `{default}` text is shown"
                ))
                .at(&default_file, &default_text, at..at + key.len())
                .with_label(format!("not in `{file}`")),
            );
            reported.insert((file.clone(), key.clone()));
        }
    }
    (warnings, reported)
}

/// The ids of the messages a Fluent file defines: lines starting, at
/// column 0, with an identifier and `=` (terms start with `-`, comments
/// with `#`, continuation lines with a space: none of them qualify).
fn message_ids(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let (id, _) = line.split_once('=')?;
            let id = id.trim_end();
            let mut chars = id.chars();
            let first = chars.next()?;
            (first.is_ascii_alphabetic()
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .then(|| id.to_string())
        })
        .collect()
}

/// The offset of the line defining message `key`.
fn find_message(text: &str, key: &str) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
        {
            return offset;
        }
        offset += line.len();
    }
    0
}

/// The problems as a JSON array of `{severity, code, message, file, line,
/// column}` (`code`, `file`, `line`, `column` may be null).
pub fn to_json(problems: &[Error]) -> String {
    let items: Vec<serde_json::Value> = problems
        .iter()
        .map(|e| {
            let (line, column) = match e.line_col() {
                Some((l, c)) => (Some(l), Some(c)),
                None => (None, None),
            };
            serde_json::json!({
                "severity": match e.severity() {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                "code": e.code(),
                "message": e.message(),
                "file": e.path(),
                "line": line,
                "column": column,
            })
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_paths() {
        assert_eq!(
            expected_path("templates/x.md", "zh", "en"),
            "content/templates/x.zh.md"
        );
        assert_eq!(expected_path("_index.md", "en", "en"), "content/_index.md");
    }

    #[test]
    fn message_ids_skip_terms_comments_and_continuations() {
        let text =
            "# c = x\n-term = T\nhello = Hi\npages = { $n ->\n   *[other] x = y\n}\nnav_2 = N\n";
        assert_eq!(message_ids(text), ["hello", "pages", "nav_2"]);
    }

    #[test]
    fn messages_are_found_by_line() {
        let text = "a = A\nnav-home = Home\n";
        assert_eq!(find_message(text, "nav-home"), 6);
        assert_eq!(find_message(text, "nav"), 0);
    }

    #[test]
    fn json_has_every_field() {
        let src: Arc<str> = Arc::from("one\ntwo\n");
        let problems = vec![
            Error::new("bad").at("a.md", &src, 4..7),
            Error::warning("meh"),
        ];
        let v: serde_json::Value = serde_json::from_str(&to_json(&problems)).unwrap();
        assert_eq!(v[0]["severity"], "error");
        assert_eq!(v[0]["file"], "a.md");
        assert_eq!(v[0]["line"], 2);
        assert_eq!(v[0]["column"], 1);
        assert_eq!(v[1]["severity"], "warning");
        assert!(v[1]["line"].is_null());
    }
}
