//! Small helpers shared by several modules.

use std::path::{Path, PathBuf};

/// Append `s` to `out` escaped for HTML and XML, in text and in quoted
/// attribute values alike: `&` `<` `>` `"` `'` become `&amp;` `&lt;`
/// `&gt;` `&quot;` `&#39;`. The one escaper of the site; it is the diagram
/// engine's, which cannot call the site, so the workspace has one copy.
pub fn escape_into(out: &mut String, s: &str) {
    flowzap::svg::escape_into(out, s);
}

/// `s` escaped as [`escape_into`] does.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// Whether [`files_under`] lists hidden entries: files and folders whose
/// name starts with `.` (an editor's swap files, `.git`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    Include,
    /// Leave them out; a hidden folder is not even read.
    Skip,
}

/// What [`files_under`] could not list.
#[derive(Debug)]
pub enum WalkError {
    /// A folder or an entry could not be read; the walk goes on without it.
    Walk(walkdir::Error),
    /// A file whose path below the folder is not UTF-8, so it has no `/`
    /// path to give; the file itself is there.
    NotUtf8(PathBuf),
}

impl std::fmt::Display for WalkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WalkError::Walk(e) => e.fmt(f),
            WalkError::NotUtf8(path) => {
                write!(f, "`{}`: file names must be UTF-8", path.display())
            }
        }
    }
}

/// The files under `dir`, at any depth, each as its path and its path
/// relative to `dir` with `/` between names (on every platform, since the
/// site's paths are URLs). Depth-first, sorted by file name within each
/// folder, so that builds do not depend on the order the file system lists
/// entries in. Symbolic links are not followed and not listed.
pub fn files_under(
    dir: &Path,
    hidden: Hidden,
) -> impl Iterator<Item = Result<(PathBuf, String), WalkError>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(move |e| {
            hidden == Hidden::Include
                || e.depth() == 0
                || !e.file_name().to_string_lossy().starts_with('.')
        })
        .filter_map(move |entry| {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => return Some(Err(WalkError::Walk(e))),
            };
            if !entry.file_type().is_file() {
                return None;
            }
            // Never `None`: walkdir joins the entries' names onto `dir`.
            let rel = entry.path().strip_prefix(dir).ok()?;
            let names: Option<Vec<&str>> =
                rel.components().map(|c| c.as_os_str().to_str()).collect();
            Some(match names {
                Some(names) => Ok((entry.path().to_path_buf(), names.join("/"))),
                None => Err(WalkError::NotUtf8(entry.into_path())),
            })
        })
}

/// A hash of `value`, for fingerprints that tell whether an input changed
/// within one process (not stable across Rust versions).
pub(crate) fn hash_of(value: impl std::hash::Hash) -> u64 {
    use std::hash::Hasher;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// `bytes` in base64url (RFC 4648 §5: `-` and `_`, no padding), for data
/// in a URL.
pub fn base64url(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The length in bytes of the UTF-8 byte-order mark `text` starts with (3),
/// or 0 without one. Windows editors write one; it is not text. Callers
/// that report spans skip it but keep offsets into the whole file.
pub fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    }
}

/// "cannot read `path`: reason": the message for a file or folder that
/// could not be read (or looked at).
pub fn cannot_read(path: &Path, e: &std::io::Error) -> String {
    cannot("read", path, e)
}

/// "cannot `doing` `path`: reason": the message for a failed file
/// operation (`write`, `create`…).
pub fn cannot(doing: &str, path: &Path, e: &std::io::Error) -> String {
    format!("cannot {doing} `{}`: {}", path.display(), io_reason(e))
}

/// An I/O error as a short human reason, without the OS error number.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "no such file or directory".to_string(),
        ErrorKind::PermissionDenied => "permission denied".to_string(),
        ErrorKind::IsADirectory => "it is a directory".to_string(),
        _ => {
            let s = e.to_string();
            // "Foo bar (os error 21)" → "foo bar"
            let s = s.split(" (os error").next().unwrap_or(&s).to_string();
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_lowercase().chain(c).collect())
                .unwrap_or(s)
        }
    }
}

/// A URL-safe slug that keeps letters and digits of every script: ASCII is
/// lowercased, runs of anything else (spaces, punctuation) become one `-`.
/// `"API Key Rotation"` → `"api-key-rotation"`, `"审批 流程"` → `"审批-流程"`.
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    for c in s.chars() {
        if c.is_alphanumeric() || c == '_' {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

/// Percent-encode a URL for XML and HTTP headers: bytes outside the
/// unreserved set and the URL delimiters `/:?#[]@!$&'()*+,;=%` are escaped.
pub fn percent_encode_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:?#[]@!$&'()*+,;=%".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Whether `c` is a CJK ideograph, kana or hangul syllable: such text has
/// no spaces, so word counts and similarity treat each character as a word.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_text_and_both_quotes() {
        assert_eq!(
            escape(r#"<a href="x?a=1&b='2'">"#),
            "&lt;a href=&quot;x?a=1&amp;b=&#39;2&#39;&quot;&gt;"
        );
        // Everything else, non-ASCII included, is copied as it is.
        assert_eq!(escape("审批 → ok"), "审批 → ok");
        assert_eq!(escape(""), "");
        // Already escaped text is escaped again: the input is text, not HTML.
        assert_eq!(escape("&amp;"), "&amp;amp;");
    }

    #[test]
    fn escape_into_appends() {
        let mut out = String::from("<p>");
        escape_into(&mut out, "a<b");
        escape_into(&mut out, "&");
        assert_eq!(out, "<p>a&lt;b&amp;");
    }

    #[test]
    fn files_under_lists_sorted_relative_paths() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "b.md",
            "a/z.md",
            "a/b/c.txt",
            ".hidden.md",
            ".git/config",
            "a/.swp",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let list = |hidden| -> Vec<String> {
            files_under(root, hidden)
                .map(|found| {
                    let (path, rel) = found.unwrap();
                    assert_eq!(path, root.join(&rel));
                    rel
                })
                .collect()
        };
        assert_eq!(list(Hidden::Skip), ["a/b/c.txt", "a/z.md", "b.md"]);
        assert_eq!(
            list(Hidden::Include),
            [
                ".git/config",
                ".hidden.md",
                "a/.swp",
                "a/b/c.txt",
                "a/z.md",
                "b.md"
            ]
        );
    }

    #[test]
    fn files_under_a_hidden_root_are_listed() {
        // Only entries below the folder are hidden, not the folder itself.
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join(".site");
        std::fs::create_dir(&root).unwrap();
        std::fs::write(root.join("a.md"), "x").unwrap();
        let found: Vec<_> = files_under(&root, Hidden::Skip)
            .map(|f| f.unwrap().1)
            .collect();
        assert_eq!(found, ["a.md"]);
    }

    #[test]
    fn files_under_a_missing_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let found: Vec<_> = files_under(&dir.path().join("nope"), Hidden::Include).collect();
        assert!(matches!(found[..], [Err(WalkError::Walk(_))]), "{found:?}");
    }

    #[cfg(unix)]
    #[test]
    fn files_under_reports_names_that_are_not_utf8() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
        let Ok(()) = std::fs::write(dir.path().join(name), "x") else {
            // Some file systems (APFS, ZFS with utf8only) refuse such names.
            return;
        };
        std::fs::write(dir.path().join("ok.md"), "x").unwrap();
        let found: Vec<_> = files_under(dir.path(), Hidden::Include).collect();
        let [Err(e @ WalkError::NotUtf8(path)), Ok((_, ok))] = &found[..] else {
            panic!("{found:?}");
        };
        assert_eq!(path, &dir.path().join(name));
        assert_eq!(ok, "ok.md");
        assert!(
            e.to_string().ends_with("`: file names must be UTF-8"),
            "{e}"
        );
    }

    #[test]
    fn base64url_follows_rfc_4648() {
        // RFC 4648 §10, padding dropped: the engine is the URL-safe one
        // without padding.
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64url(plain.as_bytes()), coded);
        }
        // The URL-safe alphabet: `-` and `_` for `+` and `/`.
        assert_eq!(base64url(&[0xfb, 0xff, 0xbf]), "-_-_");
        assert_eq!(base64url("审批".as_bytes()), "5a6h5om5");
    }

    #[test]
    fn bom_len_counts_a_leading_mark_only() {
        assert_eq!(bom_len("\u{feff}# x"), 3);
        assert_eq!(bom_len("# x\u{feff}"), 0);
        assert_eq!(bom_len(""), 0);
    }

    #[test]
    fn slugs_keep_every_script() {
        assert_eq!(slugify("API Key Rotation"), "api-key-rotation");
        assert_eq!(slugify("  审批 流程! "), "审批-流程");
        assert_eq!(slugify("Étape—Deux"), "étape-deux");
        assert_eq!(slugify("a__b"), "a__b");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn urls_are_percent_encoded() {
        assert_eq!(percent_encode_url("/zh/审批/"), "/zh/%E5%AE%A1%E6%89%B9/");
        assert_eq!(percent_encode_url("https://a.b/x?y=1"), "https://a.b/x?y=1");
    }
}
