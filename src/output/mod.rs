//! Writing the site: everything goes into a sibling staging directory
//! (`public.zapdoc-tmp-<pid>`), which replaces the output directory only
//! when the whole build succeeded ([`Staging::commit`]). A failed build
//! drops the staging directory and leaves the previous site untouched.
//!
//! `zapdoc serve` rebuilds a few files at a time: [`write_in_place`] and
//! [`remove_in_place`] change one file of the live output directory, each
//! write atomic (a sibling temporary file renamed over the old one), so a
//! reader never sees half a page.
//!
//! Also the small generated files: `sitemap.xml` (with hreflang
//! alternates) and `robots.txt`.

use crate::util::{Hidden, WalkError, files_under};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

mod guard;

pub use guard::MARKER;

/// Refuse an output folder zapdoc must not write into: one that is, holds
/// or lies inside the site's sources, or (without `force`) a folder of
/// files zapdoc did not write. [`Staging::new`] checks this itself;
/// `zapdoc serve` checks it before serving the folder.
pub fn check(root: &Path, dest: &Path, force: bool) -> Result<(), String> {
    guard::check(root, dest, force)
}

/// How a finished build was put in place of the output folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The staging folder was renamed over the output folder: readers see
    /// the old site or the new one, never a mix.
    Renamed,
    /// The output folder cannot be renamed (a mount point, such as a Docker
    /// volume): its entries were swapped for the new ones, one rename each.
    InPlace,
}

impl Mode {
    /// How the mode reads in a summary line.
    pub fn describe(self) -> &'static str {
        match self {
            Mode::Renamed => "replaced whole",
            Mode::InPlace => "filled entry by entry: it is a mount point and cannot be renamed",
        }
    }
}

/// A staging directory beside the final output directory (or inside it,
/// when the output is a mount point and cannot be renamed).
#[derive(Debug)]
pub struct Staging {
    tmp: PathBuf,
    dest: PathBuf,
    mode: Mode,
    committed: bool,
}

fn io(what: &str, path: &Path, e: &std::io::Error) -> String {
    format!(
        "cannot {what} `{}`: {}",
        path.display(),
        crate::util::io_reason(e)
    )
}

fn sibling(dest: &Path, tag: &str) -> PathBuf {
    let name = dest
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    dest.with_file_name(format!("{name}.zapdoc-{tag}-{}", std::process::id()))
}

/// A staging name inside the output folder itself (for [`Mode::InPlace`]).
fn inner(dest: &Path, tag: &str) -> PathBuf {
    dest.join(format!(".zapdoc-{tag}-{}", std::process::id()))
}

/// Whether `dest` is the root of a mounted file system (it cannot be
/// renamed away then).
fn is_mount_point(dest: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let real = guard::resolve(dest);
        match (
            std::fs::metadata(&real),
            real.parent().map(std::fs::metadata),
        ) {
            (Ok(d), Some(Ok(p))) => d.is_dir() && d.dev() != p.dev(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = dest;
        false
    }
}

impl Staging {
    /// Create an empty staging directory for the output folder `dest`
    /// (which need not exist) of the site at `root`, after making sure the
    /// folder is zapdoc's to replace (see `output/guard.rs`); `force` takes over a
    /// folder of other files. Staging folders of interrupted builds are
    /// removed on the way.
    pub fn new(dest: &Path, root: &Path, force: bool) -> Result<Staging, String> {
        guard::check(root, dest, force)?;
        let Some(name) = dest.file_name() else {
            return Err(format!(
                "`{}` cannot be the output directory",
                dest.display()
            ));
        };
        let parent = dest
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| io("create", parent, &e))?;
        guard::remove_leftovers(parent, &name.to_string_lossy());
        if dest.is_dir() {
            guard::remove_leftovers(dest, "");
        }
        let (tmp, mode) = if is_mount_point(dest) {
            (inner(dest, "tmp"), Mode::InPlace)
        } else {
            (sibling(dest, "tmp"), Mode::Renamed)
        };
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp).map_err(|e| io("remove", &tmp, &e))?;
        }
        std::fs::create_dir(&tmp).map_err(|e| io("create", &tmp, &e))?;
        let staging = Staging {
            tmp,
            dest: dest.to_path_buf(),
            mode,
            committed: false,
        };
        staging.write(MARKER, guard::MARKER_TEXT.as_bytes())?;
        Ok(staging)
    }

    /// The staging directory itself.
    pub fn dir(&self) -> &Path {
        &self.tmp
    }

    /// Write `bytes` at `rel` (a `/`-separated path) in the staging directory.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), String> {
        let path = self.path_of(rel)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io("create", parent, &e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| io("write", &path, &e))
    }

    /// Copy a file to `rel`.
    pub fn copy(&self, src: &Path, rel: &str) -> Result<(), String> {
        let path = self.path_of(rel)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io("create", parent, &e))?;
        }
        std::fs::copy(src, &path)
            .map(|_| ())
            .map_err(|e| io("copy", src, &e))
    }

    /// Copy the tree under `src` into the staging root; returns the files
    /// copied (`/`-separated, relative). Later copies overwrite earlier
    /// ones (site over theme).
    pub fn copy_tree(&self, src: &Path) -> Result<Vec<String>, String> {
        copy_tree(src, &self.tmp)
    }

    fn path_of(&self, rel: &str) -> Result<PathBuf, String> {
        if rel.split('/').any(|c| c == "..") || rel.starts_with('/') {
            return Err(format!("refusing to write outside the output: `{rel}`"));
        }
        Ok(self.tmp.join(rel))
    }

    /// Put the staging directory in place of the output directory. Renamed:
    /// the old one is renamed away, the new one renamed in, then the old
    /// deleted. When the output folder cannot be renamed (a mount point),
    /// its entries are swapped instead ([`Mode::InPlace`]).
    pub fn commit(mut self) -> Result<Mode, String> {
        if self.mode == Mode::InPlace {
            swap_entries(&self.dest, &self.tmp)?;
            self.committed = true;
            return Ok(Mode::InPlace);
        }
        let old = sibling(&self.dest, "old");
        if old.exists() {
            std::fs::remove_dir_all(&old).map_err(|e| io("remove", &old, &e))?;
        }
        let had_old = self.dest.exists();
        if had_old && let Err(e) = std::fs::rename(&self.dest, &old) {
            if !cannot_rename(&e) {
                return Err(io("move away", &self.dest, &e));
            }
            // Found out only now (not a mount point we could see): copy the
            // site into the folder, then swap entries there.
            let inside = inner(&self.dest, "tmp");
            copy_tree(&self.tmp, &inside)
                .and_then(|_| swap_entries(&self.dest, &inside))
                .inspect_err(|_| {
                    let _ = std::fs::remove_dir_all(&inside);
                })?;
            return Ok(Mode::InPlace);
        }
        if let Err(e) = std::fs::rename(&self.tmp, &self.dest) {
            // Put the previous site back before giving up.
            if had_old {
                let _ = std::fs::rename(&old, &self.dest);
            }
            return Err(io("move into place", &self.dest, &e));
        }
        self.committed = true;
        if had_old {
            std::fs::remove_dir_all(&old).map_err(|e| io("remove", &old, &e))?;
        }
        Ok(Mode::Renamed)
    }
}

/// Errors that mean "this folder cannot be renamed", not "something broke".
fn cannot_rename(e: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(
        e.kind(),
        ErrorKind::ResourceBusy | ErrorKind::CrossesDevices
    )
}

/// Copy the files under `src` into `dest` (created as needed); returns
/// their paths relative to `src`, `/`-separated.
fn copy_tree(src: &Path, dest: &Path) -> Result<Vec<String>, String> {
    let mut copied = Vec::new();
    for found in files_under(src, Hidden::Include) {
        let (from, rel) = found.map_err(|e| match e {
            WalkError::Walk(e) => format!("cannot walk `{}`: {e}", src.display()),
            e @ WalkError::NotUtf8(_) => e.to_string(),
        })?;
        let to = dest.join(&rel);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io("create", parent, &e))?;
        }
        std::fs::copy(&from, &to).map_err(|e| io("copy", &from, &e))?;
        copied.push(rel);
    }
    Ok(copied)
}

/// Replace the entries of `dest` with those of `fresh`, a folder inside
/// it: the old entries are renamed into a sibling holding folder, the new
/// ones renamed up, then the old ones deleted. Each step is a rename on
/// one file system, so the folder is mixed only for that instant; on a
/// failure the old entries are put back.
fn swap_entries(dest: &Path, fresh: &Path) -> Result<(), String> {
    let old = inner(dest, "old");
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(|e| io("remove", &old, &e))?;
    }
    std::fs::create_dir(&old).map_err(|e| io("create", &old, &e))?;
    let names = |dir: &Path| -> Result<Vec<std::ffi::OsString>, String> {
        let mut v: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| io("read", dir, &e))?
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .filter(|n| guard::leftover_pid(&n.to_string_lossy(), "").is_none())
            .collect();
        v.sort();
        Ok(v)
    };
    let mut moved = Vec::new();
    for name in names(dest)? {
        if let Err(e) = std::fs::rename(dest.join(&name), old.join(&name)) {
            for back in &moved {
                let _ = std::fs::rename(old.join(back), dest.join(back));
            }
            let _ = std::fs::remove_dir(&old);
            return Err(io("move away", &dest.join(&name), &e));
        }
        moved.push(name);
    }
    for name in names(fresh)? {
        std::fs::rename(fresh.join(&name), dest.join(&name))
            .map_err(|e| io("move into place", &dest.join(&name), &e))?;
    }
    let _ = std::fs::remove_dir(fresh);
    std::fs::remove_dir_all(&old).map_err(|e| io("remove", &old, &e))
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

/// `dir/rel`, refusing paths that would leave `dir`.
fn inside(dir: &Path, rel: &str) -> Result<PathBuf, String> {
    if rel.is_empty()
        || rel.starts_with('/')
        || rel.split('/').any(|c| c == ".." || c == ".")
        || rel.contains('\\')
    {
        return Err(format!("refusing to write outside the output: `{rel}`"));
    }
    Ok(dir.join(rel))
}

/// Replace (or create) the file `rel` of the live output directory `dir`
/// atomically: write a temporary file beside it, then rename it over.
pub fn write_in_place(dir: &Path, rel: &str, bytes: &[u8]) -> Result<(), String> {
    let path = inside(dir, rel)?;
    let parent = path.parent().unwrap_or(dir);
    std::fs::create_dir_all(parent).map_err(|e| io("create", parent, &e))?;
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tmp = parent.join(format!(".{name}.zapdoc-tmp-{}", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| io("write", &tmp, &e))?;
    std::fs::rename(&tmp, &path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io("move into place", &path, &e)
    })
}

/// Copy `src` over the file `rel` of the live output directory, atomically.
pub fn copy_in_place(dir: &Path, src: &Path, rel: &str) -> Result<(), String> {
    let bytes = std::fs::read(src).map_err(|e| io("read", src, &e))?;
    write_in_place(dir, rel, &bytes)
}

/// Remove the file `rel` of the live output directory (gone already is
/// fine), and its directory when that leaves it empty.
pub fn remove_in_place(dir: &Path, rel: &str) -> Result<(), String> {
    let path = inside(dir, rel)?;
    match std::fs::remove_file(&path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io("remove", &path, &e)),
    }
    if let Some(parent) = path.parent().filter(|p| *p != dir) {
        // Fails harmlessly when other files remain.
        let _ = std::fs::remove_dir(parent);
    }
    Ok(())
}

/// One `<url>` of the sitemap.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SitemapUrl {
    pub loc: String,
    pub lastmod: Option<String>,
    /// (hreflang, href), the page itself included.
    pub alternates: Vec<(String, String)>,
}

/// `sitemap.xml` with `xhtml:link` hreflang alternates, sorted by location.
pub fn sitemap(mut urls: Vec<SitemapUrl>) -> String {
    urls.sort();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for u in &urls {
        let _ = writeln!(
            out,
            "  <url>\n    <loc>{}</loc>",
            crate::util::escape(&crate::util::percent_encode_url(&u.loc))
        );
        if let Some(d) = &u.lastmod {
            let _ = writeln!(out, "    <lastmod>{}</lastmod>", crate::util::escape(d));
        }
        if u.alternates.len() > 1 {
            for (lang, href) in &u.alternates {
                let _ = writeln!(
                    out,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    crate::util::escape(lang),
                    crate::util::escape(&crate::util::percent_encode_url(href))
                );
            }
        }
        out.push_str("  </url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// `robots.txt`: everything allowed, pointing at the sitemap when its URL
/// is absolute (the protocol requires that).
pub fn robots(sitemap_url: &str) -> String {
    let mut out = String::from("User-agent: *\nAllow: /\n");
    if sitemap_url.starts_with("http://") || sitemap_url.starts_with("https://") {
        let _ = writeln!(
            out,
            "\nSitemap: {}",
            crate::util::percent_encode_url(sitemap_url)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_and_drop_discards() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("public");
        std::fs::create_dir(&dest).unwrap();
        std::fs::write(dest.join("old.html"), "old").unwrap();

        std::fs::write(dest.join(MARKER), "").unwrap();
        let s = Staging::new(&dest, dir.path(), false).unwrap();
        s.write("a/index.html", b"new").unwrap();
        drop(s);
        assert!(dest.join("old.html").exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

        let s = Staging::new(&dest, dir.path(), false).unwrap();
        s.write("a/index.html", b"new").unwrap();
        assert!(s.write("../x", b"").is_err());
        assert_eq!(s.commit().unwrap(), Mode::Renamed);
        assert!(!dest.join("old.html").exists());
        assert!(dest.join(MARKER).is_file(), "the new site is marked");
        assert_eq!(std::fs::read(dest.join("a/index.html")).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_unmarked_folder_is_kept_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("docs");
        std::fs::create_dir(&dest).unwrap();
        std::fs::write(dest.join("mine.txt"), "keep").unwrap();
        assert!(Staging::new(&dest, dir.path(), false).is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let s = Staging::new(&dest, dir.path(), true).unwrap();
        s.write("index.html", b"new").unwrap();
        s.commit().unwrap();
        assert!(!dest.join("mine.txt").exists());
        assert!(dest.join(MARKER).is_file());
    }

    #[test]
    fn swapping_entries_replaces_the_folder_contents() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("public");
        std::fs::create_dir_all(dest.join("old/deep")).unwrap();
        std::fs::write(dest.join("old/deep/a.html"), "old").unwrap();
        std::fs::write(dest.join("index.html"), "old").unwrap();
        let fresh = inner(&dest, "tmp");
        std::fs::create_dir_all(fresh.join("new")).unwrap();
        std::fs::write(fresh.join("new/b.html"), "new").unwrap();
        std::fs::write(fresh.join("index.html"), "new").unwrap();
        swap_entries(&dest, &fresh).unwrap();
        let mut names: Vec<_> = std::fs::read_dir(&dest)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["index.html", "new"]);
        assert_eq!(std::fs::read(dest.join("index.html")).unwrap(), b"new");
        assert_eq!(std::fs::read(dest.join("new/b.html")).unwrap(), b"new");
    }

    #[test]
    fn in_place_writes_replace_and_refuse_escapes() {
        let dir = tempfile::tempdir().unwrap();
        write_in_place(dir.path(), "a/index.html", b"one").unwrap();
        write_in_place(dir.path(), "a/index.html", b"two").unwrap();
        assert_eq!(
            std::fs::read(dir.path().join("a/index.html")).unwrap(),
            b"two"
        );
        assert_eq!(std::fs::read_dir(dir.path().join("a")).unwrap().count(), 1);
        assert!(write_in_place(dir.path(), "../x", b"").is_err());
        assert!(write_in_place(dir.path(), "/x", b"").is_err());
        remove_in_place(dir.path(), "a/index.html").unwrap();
        remove_in_place(dir.path(), "a/index.html").unwrap();
        assert!(!dir.path().join("a").exists());
    }

    #[test]
    fn sitemap_lists_alternates() {
        let xml = sitemap(vec![SitemapUrl {
            loc: "https://x.org/a/".into(),
            lastmod: Some("2026-11-01".into()),
            alternates: vec![
                ("en".into(), "https://x.org/a/".into()),
                ("zh".into(), "https://x.org/zh/a/".into()),
            ],
        }]);
        assert!(xml.contains("<loc>https://x.org/a/</loc>"));
        assert!(xml.contains("hreflang=\"zh\" href=\"https://x.org/zh/a/\""));
        assert!(roxmltree::Document::parse(&xml).is_ok());
    }

    #[test]
    fn robots_names_absolute_sitemaps_only() {
        assert!(robots("https://x.org/sitemap.xml").contains("Sitemap: https://x.org/sitemap.xml"));
        assert!(!robots("/sitemap.xml").contains("Sitemap"));
    }
}
