//! Whose folder is the output? zapdoc replaces its output folder whole, so
//! before it touches one it must know the folder is its own.
//!
//! * Every site zapdoc writes carries a marker file, [`MARKER`].
//! * An output that is, contains or lies inside the site's sources (the
//!   root itself, `content/`, `themes/`, `templates/`, `static/`, `i18n/`)
//!   is refused outright, `--force` or not.
//! * An existing folder that is neither empty nor marked is refused unless
//!   the user says `--force`: it holds files zapdoc did not write.
//! * Staging folders left by an interrupted build (`public.zapdoc-tmp-<pid>`,
//!   `public.zapdoc-old-<pid>`, or the same names with a leading dot inside a
//!   mounted output) are removed once their process is gone.

use std::path::{Component, Path, PathBuf};

/// The file that marks a folder as zapdoc's output.
pub const MARKER: &str = ".zapdoc-output";

/// What the marker says to whoever opens it.
pub(crate) const MARKER_TEXT: &str = "This folder is a site written by zapdoc.\n\
zapdoc build replaces everything in it; keep your own files elsewhere.\n";

/// The site's source folders, which no output may touch.
const SOURCES: [&str; 5] = ["content", "themes", "templates", "static", "i18n"];

/// Refuse an output folder zapdoc must not replace: see the module doc.
pub(crate) fn check(root: &Path, dest: &Path, force: bool) -> Result<(), String> {
    let root_abs = resolve(root);
    let dest_abs = resolve(dest);
    let shown = dest.display();
    if dest_abs == root_abs || root_abs.starts_with(&dest_abs) {
        return Err(format!(
            "refusing to build into `{shown}`: it holds the site's own sources (`site.toml`, `content/`)\n\
             help: choose a folder of its own, such as `{}`",
            dest.join("public").display()
        ));
    }
    for source in SOURCES {
        let s = root_abs.join(source);
        if dest_abs.starts_with(&s) {
            return Err(format!(
                "refusing to build into `{shown}`: it lies inside the site's `{source}/`, which the build reads\n\
                 help: choose a folder outside the sources, such as `public`"
            ));
        }
    }
    let entries = match std::fs::read_dir(dest) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) if dest.exists() && !dest.is_dir() => {
            let _ = e;
            return Err(format!(
                "refusing to build into `{shown}`: it is a file, not a folder"
            ));
        }
        Err(e) => {
            return Err(format!(
                "cannot read the output folder `{shown}`: {}",
                crate::util::io_reason(&e)
            ));
        }
    };
    if force || dest.join(MARKER).is_file() {
        return Ok(());
    }
    // Our own leftovers inside a mounted output do not make it foreign.
    let foreign = entries
        .filter_map(Result::ok)
        .filter(|e| leftover_pid(&e.file_name().to_string_lossy(), "").is_none())
        .count();
    if foreign == 0 {
        return Ok(());
    }
    Err(format!(
        "refusing to replace `{shown}`: it holds {foreign} entr{} that zapdoc did not write (no `{MARKER}` marker)\n\
         help: build into an empty or new folder, or pass `--force` to replace everything in `{shown}`",
        if foreign == 1 { "y" } else { "ies" }
    ))
}

/// `path` made absolute and free of `.`/`..`, symbolic links resolved as
/// far as the path exists (the rest need not exist yet).
pub(crate) fn resolve(path: &Path) -> PathBuf {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut lexical = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                lexical.pop();
            }
            Component::CurDir => {}
            other => lexical.push(other),
        }
    }
    // Canonicalize the longest existing prefix; append the rest.
    let mut existing = lexical.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => rest.push(name.to_os_string()),
            None => break,
        }
        existing.pop();
    }
    let mut out = std::fs::canonicalize(&existing).unwrap_or(existing);
    out.extend(rest.iter().rev());
    out
}

/// The pid in a staging folder's name: `{base}.zapdoc-tmp-<pid>` or
/// `{base}.zapdoc-old-<pid>` (`base` empty for the dot-names used inside a
/// mounted output).
pub(crate) fn leftover_pid(name: &str, base: &str) -> Option<u32> {
    let rest = name.strip_prefix(base)?;
    let rest = rest
        .strip_prefix(".zapdoc-tmp-")
        .or_else(|| rest.strip_prefix(".zapdoc-old-"))?;
    if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    rest.parse().ok()
}

/// Whether the process `pid` is still running. Where that cannot be told,
/// a process is presumed alive: a leftover kept is better than a build
/// of another process removed under it.
fn alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

/// Remove the staging folders of interrupted builds in `dir` whose names
/// start with `base` and whose process is gone. Returns the removed paths.
pub(crate) fn remove_leftovers(dir: &Path, base: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = leftover_pid(&name, base) else {
            continue;
        };
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && !alive(pid) && std::fs::remove_dir_all(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    removed.sort();
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.toml"), "").unwrap();
        for s in ["content", "themes", "static"] {
            std::fs::create_dir(dir.path().join(s)).unwrap();
        }
        dir
    }

    #[test]
    fn sources_are_refused_even_with_force() {
        let dir = site();
        let root = dir.path();
        for dest in [
            root.to_path_buf(),
            root.join("content"),
            root.join("content/docs/out"),
            root.join("themes"),
            root.join("i18n"),
            root.join("."),
            root.join("public/.."),
            root.parent().unwrap().to_path_buf(),
        ] {
            let e = check(root, &dest, true).unwrap_err();
            assert!(e.starts_with("refusing to build into"), "{dest:?}: {e}");
            assert!(e.contains("help:"), "{e}");
        }
        assert!(check(root, &root.join("public"), false).is_ok());
        assert!(check(root, &root.join("contents"), false).is_ok());
    }

    #[test]
    fn a_foreign_folder_needs_force_and_a_marked_one_does_not() {
        let dir = site();
        let out = dir.path().join("docs");
        std::fs::create_dir(&out).unwrap();
        assert!(check(dir.path(), &out, false).is_ok(), "empty is fine");
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        let e = check(dir.path(), &out, false).unwrap_err();
        assert!(e.contains("holds 1 entry that zapdoc did not write"), "{e}");
        assert!(e.contains("--force"), "{e}");
        assert!(check(dir.path(), &out, true).is_ok());
        std::fs::write(out.join(MARKER), MARKER_TEXT).unwrap();
        assert!(check(dir.path(), &out, false).is_ok());
    }

    #[test]
    fn a_file_is_not_an_output_folder() {
        let dir = site();
        let out = dir.path().join("public");
        std::fs::write(&out, "x").unwrap();
        assert!(
            check(dir.path(), &out, true)
                .unwrap_err()
                .contains("is a file")
        );
    }

    #[test]
    fn leftover_names() {
        assert_eq!(leftover_pid("public.zapdoc-tmp-42", "public"), Some(42));
        assert_eq!(leftover_pid("public.zapdoc-old-7", "public"), Some(7));
        assert_eq!(leftover_pid(".zapdoc-tmp-7", ""), Some(7));
        assert_eq!(leftover_pid("public.zapdoc-tmp-", "public"), None);
        assert_eq!(leftover_pid("public.zapdoc-tmp-4x", "public"), None);
        assert_eq!(leftover_pid("site.zapdoc-tmp-4", "public"), None);
    }

    #[test]
    fn leftovers_of_dead_processes_go_and_live_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        // A pid above Linux's maximum (2^22) is never running.
        let dead = dir.path().join("public.zapdoc-tmp-99999999");
        let mine = dir
            .path()
            .join(format!("public.zapdoc-old-{}", std::process::id()));
        let other = dir.path().join("public.zapdoc-tmp-12x");
        for d in [&dead, &mine, &other] {
            std::fs::create_dir(d).unwrap();
            std::fs::write(d.join("index.html"), "x").unwrap();
        }
        let removed = remove_leftovers(dir.path(), "public");
        if cfg!(target_os = "linux") {
            assert_eq!(removed, vec![dead.clone()]);
            assert!(!dead.exists());
        }
        assert!(mine.exists() && other.exists());
    }
}
