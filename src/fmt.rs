//! `zapdoc fmt`: FlowZap Code in canonical layout ([`flowzap::format`]),
//! in `.fz` files and in the ```` ```flowzap ```` fences of Markdown files,
//! rewritten in place.
//!
//! A file is all or nothing: when one of its diagrams has errors, the file
//! is left untouched and the errors are reported, located in the file.
//! Markdown outside the fences is kept byte for byte, and a file written
//! with CRLF line endings keeps them. Each rewrite is atomic (a sibling
//! temporary file renamed over the original, which keeps its permissions).

use crate::flowzap;
use crate::util::{Hidden, WalkError, files_under};
use std::path::{Path, PathBuf};

/// What happened to one file.
#[derive(Debug)]
pub enum Outcome {
    /// Already in canonical layout.
    Unchanged,
    /// Rewritten (or, under `--check`, would be).
    Changed,
    /// Left untouched: its diagnostics, rendered (rustc-style).
    Failed(Vec<String>),
}

/// The files `fmt` looked at, in order, with what happened to each.
#[derive(Debug, Default)]
pub struct Report {
    pub files: Vec<(PathBuf, Outcome)>,
}

impl Report {
    /// Files that changed (or would).
    pub fn changed(&self) -> impl Iterator<Item = &Path> {
        self.files
            .iter()
            .filter(|(_, o)| matches!(o, Outcome::Changed))
            .map(|(p, _)| p.as_path())
    }

    /// Files left untouched because of errors.
    pub fn failed(&self) -> usize {
        self.files
            .iter()
            .filter(|(_, o)| matches!(o, Outcome::Failed(_)))
            .count()
    }
}

/// Format the `.fz` and `.md` files at `paths` (folders are searched);
/// with `check`, write nothing. `Err` for usage and I/O problems.
pub fn run(paths: &[PathBuf], check: bool, color: bool) -> Result<Report, String> {
    let mut report = Report::default();
    for file in collect(paths)? {
        let bytes = std::fs::read(&file).map_err(|e| crate::util::cannot_read(&file, &e))?;
        let name = file.display().to_string();
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let why = crate::error::not_utf8(e.as_bytes());
                report.files.push((
                    file,
                    Outcome::Failed(vec![format!("error: `{name}` is {why}")]),
                ));
                continue;
            }
        };
        let result = if is_markdown(&file) {
            format_markdown(&text, &name, color)
        } else {
            flowzap::format::format(&text).map_err(|parsed| {
                let source: std::sync::Arc<str> = std::sync::Arc::from(text.as_str());
                parsed
                    .errors()
                    .map(|d| crate::error::Error::from_diagram(d, &name, &source).render(color))
                    .collect()
            })
        };
        let outcome = match result {
            Err(errors) => Outcome::Failed(errors),
            Ok(new) if new == text => Outcome::Unchanged,
            Ok(new) => {
                if !check {
                    replace(&file, &new)?;
                }
                Outcome::Changed
            }
        };
        report.files.push((file, outcome));
    }
    Ok(report)
}

fn is_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "md")
}

fn is_diagram(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "fz")
}

/// The files named, and the `.fz` and `.md` files under the folders named,
/// each once, in order.
fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| crate::util::cannot_read(path, &e))?;
        if meta.is_dir() {
            for found in files_under(path, Hidden::Include) {
                let file = match found {
                    Ok((file, _)) => file,
                    // Formatting needs the path only, not a UTF-8 name.
                    Err(WalkError::NotUtf8(file)) => file,
                    Err(WalkError::Walk(e)) => {
                        return Err(format!("cannot walk `{}`: {e}", path.display()));
                    }
                };
                if is_markdown(&file) || is_diagram(&file) {
                    files.push(file);
                }
            }
        } else if is_markdown(path) || is_diagram(path) {
            files.push(path.clone());
        } else {
            return Err(format!(
                "`{}` is neither a FlowZap file (.fz) nor Markdown (.md)",
                path.display()
            ));
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(f.clone()));
    Ok(files)
}

/// `text` with every ```flowzap fence formatted, or the errors of the
/// fences that have some (located in the file). A file written with CRLF
/// throughout is formatted as LF and written back with CRLF.
fn format_markdown(text: &str, name: &str, color: bool) -> Result<String, Vec<String>> {
    let crlf_only =
        text.contains("\r\n") && text.matches('\n').count() == text.matches("\r\n").count();
    if crlf_only {
        let lf = text.replace("\r\n", "\n");
        return format_lf_markdown(&lf, name, color).map(|out| out.replace('\n', "\r\n"));
    }
    format_lf_markdown(text, name, color)
}

fn format_lf_markdown(text: &str, name: &str, color: bool) -> Result<String, Vec<String>> {
    let Some(body_start) = crate::content::body_start(text) else {
        return Err(vec![format!(
            "error: `{name}`: its front matter is never closed (run `zapdoc check`)"
        )]);
    };
    let mut errors = Vec::new();
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let source: std::sync::Arc<str> = std::sync::Arc::from(text);
    for fence in crate::markdown::flowzap_fences(&text[body_start..], body_start) {
        match flowzap::format::format(&fence.source) {
            Err(parsed) => errors.extend(parsed.errors().map(|d| {
                crate::error::Error::from_diagram(&fence.locate(d), name, &source).render(color)
            })),
            Ok(formatted) if formatted == fence.source => {}
            Ok(formatted) => match fence.in_file(text) {
                Some((range, indent)) => {
                    let mut new = String::with_capacity(formatted.len() + 16);
                    for (i, line) in formatted.lines().enumerate() {
                        if i > 0 {
                            new.push_str(&indent);
                        }
                        new.push_str(line);
                        new.push('\n');
                    }
                    if new != text[range.clone()] {
                        edits.push((range, new));
                    }
                }
                None => {
                    let line = text[..fence.to_file_offset(0)].lines().count().max(1);
                    errors.push(format!(
                        "error: {name}:{line}: this ```flowzap fence cannot be rewritten in place (its lines are indented unevenly, or its line endings are mixed); format it by hand"
                    ));
                }
            },
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut out = text.to_string();
    for (range, new) in edits.into_iter().rev() {
        out.replace_range(range, &new);
    }
    Ok(out)
}

/// Replace `path`'s contents atomically, keeping its permissions.
fn replace(path: &Path, text: &str) -> Result<(), String> {
    let io = |what: &str, p: &Path, e: std::io::Error| {
        format!(
            "cannot {what} `{}`: {}",
            p.display(),
            crate::util::io_reason(&e)
        )
    };
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tmp = path.with_file_name(format!(".{name}.zapdoc-fmt-{}", std::process::id()));
    std::fs::write(&tmp, text).map_err(|e| io("write", &tmp, e))?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(&tmp, meta.permissions());
    }
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io("replace", path, e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_outside_the_fences_is_kept_byte_for_byte() {
        let md = "+++\ntitle = \"x\"\n+++\nIntro  with  spaces.\r\n\n```flowzap\nA {\n# Alpha\nn1:circle\n}\n```\n\n- item\n\n  ```flowzap\n  B { # B\n    n2: circle\n  }\n  ```\n\n```rust\nfn  x() {}\n```\n";
        let out = format_markdown(md, "a.md", false).unwrap();
        assert_eq!(
            out,
            "+++\ntitle = \"x\"\n+++\nIntro  with  spaces.\r\n\n```flowzap\nA { # Alpha\n  n1: circle\n}\n```\n\n- item\n\n  ```flowzap\n  B { # B\n    n2: circle\n  }\n  ```\n\n```rust\nfn  x() {}\n```\n"
        );
        assert_eq!(format_markdown(&out, "a.md", false).unwrap(), out);
    }

    #[test]
    fn a_fence_with_errors_leaves_the_file_alone_and_is_located() {
        let md = "# T\n\n```flowzap\nA { # A\n  n1: rect\n}\n```\n";
        let errors = format_markdown(md, "a.md", false).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].contains("a.md:5:7"), "{}", errors[0]);
    }

    #[test]
    fn crlf_fences_stay_crlf() {
        let md = "```flowzap\r\nA { # A\r\nn1: circle\r\n}\r\n```\r\n";
        let out = format_markdown(md, "a.md", false).unwrap();
        assert_eq!(out, "```flowzap\r\nA { # A\r\n  n1: circle\r\n}\r\n```\r\n");
    }
}
