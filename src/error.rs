//! Site-level errors and warnings: a message, optionally located in a file
//! (path, byte span → line and column) and rendered rustc-style with a caret
//! excerpt, like the diagram diagnostics of [`crate::flowzap`].
//!
//! Every stage of the build collects these instead of stopping at the first
//! one, so a failed build reports everything that is wrong at once.

use crate::flowzap;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use flowzap::diagnostic::clamp;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// How bad an [`Error`] is: errors fail the build, warnings only with
/// `--deny-warnings`. The engine's type, so a diagram diagnostic keeps its
/// severity as it is.
pub use flowzap::Severity;

/// A located problem in the site's input. (Boxed: it travels in `Result`s
/// on every page's path and should stay one pointer wide.)
#[derive(Debug, Clone)]
pub struct Error(Box<Inner>);

#[derive(Debug, Clone)]
struct Inner {
    severity: Severity,
    code: Option<String>,
    message: String,
    path: Option<String>,
    at: Option<At>,
    hint: Option<String>,
}

/// Where in a file: the whole file's text and a byte span in it.
#[derive(Debug, Clone)]
struct At {
    source: Arc<str>,
    span: Range<usize>,
    label: Option<String>,
    related: Vec<(Range<usize>, String)>,
}

impl Error {
    /// An error with a message and nothing else.
    pub fn new(message: impl Into<String>) -> Self {
        Error(Box::new(Inner {
            severity: Severity::Error,
            code: None,
            message: message.into(),
            path: None,
            at: None,
            hint: None,
        }))
    }

    /// A warning with a message.
    pub fn warning(message: impl Into<String>) -> Self {
        let mut e = Error::new(message);
        e.0.severity = Severity::Warning;
        e
    }

    /// Names the file the problem is in, without a position.
    pub fn in_file(mut self, path: impl Into<String>) -> Self {
        self.0.path = Some(path.into());
        self
    }

    /// Locates the problem at byte `span` of `source`, the text of file `path`.
    pub fn at(mut self, path: impl Into<String>, source: &Arc<str>, span: Range<usize>) -> Self {
        self.0.path = Some(path.into());
        self.0.at = Some(At {
            source: Arc::clone(source),
            span: clamp(source, &span),
            label: None,
            related: Vec::new(),
        });
        self
    }

    /// The text shown under the caret (only for located errors).
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        if let Some(at) = &mut self.0.at {
            at.label = Some(label.into());
        }
        self
    }

    /// A `help:` line under the excerpt.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.0.hint = Some(hint.into());
        self
    }

    /// A diagram diagnostic, already shifted into `source` (the text of `path`).
    pub fn from_diagram(d: &flowzap::Diagnostic, path: &str, source: &Arc<str>) -> Self {
        let mut e = Error::new(d.message.clone()).at(path, source, d.span.clone());
        e.0.severity = d.severity();
        e.0.code = Some(d.code.as_str().to_string());
        if let Some(label) = &d.label {
            e = e.with_label(label.clone());
        }
        if let Some(at) = &mut e.0.at {
            at.related = d
                .related
                .iter()
                .map(|r| (clamp(source, &r.span), r.message.clone()))
                .collect();
        }
        if let Some(hint) = &d.hint {
            e = e.with_hint(hint.clone());
        }
        e
    }

    pub fn severity(&self) -> Severity {
        self.0.severity
    }

    pub fn is_error(&self) -> bool {
        self.0.severity == Severity::Error
    }

    /// The message alone, without location.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The stable code of a diagram diagnostic (`FZ001`…), if any.
    pub fn code(&self) -> Option<&str> {
        self.0.code.as_deref()
    }

    /// The file, as shown to the user (relative to the site root).
    pub fn path(&self) -> Option<&str> {
        self.0.path.as_deref()
    }

    /// 1-based line and column (in characters), for located errors.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        self.0
            .at
            .as_ref()
            .map(|at| line_col(&at.source, at.span.start))
    }

    /// Sort key: file, position, message — so reports are deterministic.
    fn sort_key(&self) -> (Option<&str>, usize, &str) {
        (
            self.0.path.as_deref(),
            self.0.at.as_ref().map_or(0, |a| a.span.start),
            &self.0.message,
        )
    }

    /// Render rustc-style: `error: message`, ` --> path:line:col`, the
    /// source line with a caret, and the hint. `color` adds ANSI styles.
    pub fn render(&self, color: bool) -> String {
        let level = match self.0.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let message = match (&self.0.path, &self.0.at) {
            (Some(path), None) => format!("{path}: {}", self.0.message),
            _ => self.0.message.clone(),
        };
        let mut title = level.primary_title(message.as_str());
        if let Some(code) = &self.0.code {
            title = title.id(code.as_str());
        }
        let mut report: Vec<Group<'_>> = Vec::new();
        match (&self.0.at, &self.0.path) {
            (Some(at), Some(path)) => {
                let mut snippet = Snippet::source(&*at.source)
                    .path(path.as_str())
                    .line_start(1)
                    .annotation(
                        AnnotationKind::Primary
                            .span(at.span.clone())
                            .label(at.label.as_deref()),
                    );
                for (span, message) in &at.related {
                    snippet = snippet.annotation(
                        AnnotationKind::Context
                            .span(span.clone())
                            .label(message.as_str()),
                    );
                }
                report.push(title.element(snippet));
            }
            _ => report.push(Group::with_title(title)),
        }
        if let Some(hint) = &self.0.hint {
            report.push(Group::with_title(
                Level::HELP.secondary_title(hint.as_str()),
            ));
        }
        renderer.render(&report)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for Error {}

/// Sort errors by file and position (stable for equal keys), so that the same
/// broken site always reports in the same order whatever the thread timing.
pub fn sort(errors: &mut [Error]) {
    errors.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// A span made safe for slicing and for annotate-snippets: inside the
/// source, on char boundaries.
/// The same problem met more than once (a template mistake met on every
/// page that uses the template) reported once: errors with the same
/// severity, message, file and span are merged, the first kept, its label
/// saying how many more times it was met.
pub fn merge_repeats(errors: Vec<Error>) -> Vec<Error> {
    let key = |e: &Error| {
        (
            e.0.severity,
            e.0.message.clone(),
            e.0.path.clone(),
            e.0.at.as_ref().map(|a| a.span.clone()),
        )
    };
    let mut first: std::collections::HashMap<_, usize> = std::collections::HashMap::new();
    let mut kept: Vec<(Error, usize)> = Vec::with_capacity(errors.len());
    for e in errors {
        match first.entry(key(&e)) {
            std::collections::hash_map::Entry::Occupied(o) => kept[*o.get()].1 += 1,
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(kept.len());
                kept.push((e, 0));
            }
        }
    }
    kept.into_iter()
        .map(|(mut e, more)| {
            if more > 0
                && let Some(at) = e.0.at.as_mut()
            {
                let label = at.label.take().unwrap_or_default();
                let sep = if label.is_empty() { "" } else { " " };
                at.label = Some(format!("{label}{sep}and {more} more time(s)"));
            }
            e
        })
        .collect()
}

/// 1-based line and column (in characters) of byte `offset` in `source`:
/// the engine's, so a diagram diagnostic and a site error count alike.
pub use flowzap::diagnostic::line_col;

/// Why `bytes` are not UTF-8, for a person: where the first bad byte is
/// (line and column, counting the valid text before it), and what the file
/// probably is when it starts like UTF-16.
pub fn not_utf8(bytes: &[u8]) -> String {
    let valid = match std::str::from_utf8(bytes) {
        Ok(_) => return "it is UTF-8".to_string(),
        Err(e) => e.valid_up_to(),
    };
    let looks_utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if looks_utf16 {
        return "not UTF-8: it looks like UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8".to_string();
    }
    let before = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
    let (line, col) = line_col(before, before.len());
    format!(
        "not UTF-8: invalid byte 0x{:02X} at line {line}, column {col}; save the file as UTF-8",
        bytes[valid]
    )
}

/// The byte offset of 1-based `line` and `col` (in characters) in `source`,
/// clamped to the text. Used to turn (line, column) positions reported by
/// other parsers into spans.
pub fn offset_of(source: &str, line: usize, col: usize) -> usize {
    let mut offset = 0;
    for (i, l) in source.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let in_line = l
                .char_indices()
                .nth(col.saturating_sub(1))
                .map_or(l.trim_end_matches('\n').len(), |(b, _)| b);
            return offset + in_line;
        }
        offset += l.len();
    }
    source.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn located_error_renders_path_line_and_caret() {
        let src: Arc<str> = Arc::from("a = 1\nbogus = 2\n");
        let e = Error::new("unknown key `bogus`")
            .at("site.toml", &src, 6..11)
            .with_label("not a setting")
            .with_hint("remove it");
        let out = e.render(false);
        assert!(out.starts_with("error: unknown key `bogus`"), "{out}");
        assert!(out.contains("--> site.toml:2:1"), "{out}");
        assert!(out.contains("^^^^^"), "{out}");
        assert!(out.contains("help: remove it"), "{out}");
        assert_eq!(e.line_col(), Some((2, 1)));
    }

    #[test]
    fn unlocated_error_names_the_file() {
        let out = Error::warning("missing").in_file("x.md").render(false);
        assert!(out.starts_with("warning: x.md: missing"), "{out}");
    }

    #[test]
    fn spans_are_clamped_to_char_boundaries() {
        let src: Arc<str> = Arc::from("审批");
        let e = Error::new("x").at("a", &src, 1..100);
        assert_eq!(e.line_col(), Some((1, 1)));
        let _ = e.render(false);
    }

    #[test]
    fn not_utf8_says_where_and_spots_utf16() {
        assert_eq!(
            not_utf8(b"ab\nc\xffd"),
            "not UTF-8: invalid byte 0xFF at line 2, column 2; save the file as UTF-8"
        );
        assert!(not_utf8(b"\xff\xfea\0b\0").contains("looks like UTF-16"));
        assert!(not_utf8(b"\xfe\xff\0a").contains("looks like UTF-16"));
        let mut cjk = "中文\n好".as_bytes().to_vec();
        cjk.push(0xff);
        assert_eq!(
            not_utf8(&cjk),
            "not UTF-8: invalid byte 0xFF at line 2, column 2; save the file as UTF-8"
        );
    }

    #[test]
    fn offset_of_counts_characters() {
        let s = "ab\n审批x\n";
        assert_eq!(offset_of(s, 1, 1), 0);
        assert_eq!(offset_of(s, 2, 3), 3 + 6);
        assert_eq!(offset_of(s, 9, 1), s.len());
    }
}
