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

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A staging directory beside the final output directory.
#[derive(Debug)]
pub struct Staging {
    tmp: PathBuf,
    dest: PathBuf,
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

impl Staging {
    /// Create an empty staging directory beside `dest` (which need not exist).
    pub fn new(dest: &Path) -> Result<Staging, String> {
        if dest.file_name().is_none() {
            return Err(format!(
                "`{}` cannot be the output directory",
                dest.display()
            ));
        }
        if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| io("create", parent, &e))?;
        }
        let tmp = sibling(dest, "tmp");
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp).map_err(|e| io("remove", &tmp, &e))?;
        }
        std::fs::create_dir(&tmp).map_err(|e| io("create", &tmp, &e))?;
        Ok(Staging {
            tmp,
            dest: dest.to_path_buf(),
            committed: false,
        })
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

    /// Copy the tree under `src` into the staging root; returns the number
    /// of files. Later copies overwrite earlier ones (site over theme).
    pub fn copy_tree(&self, src: &Path) -> Result<usize, String> {
        let mut n = 0;
        for entry in walkdir::WalkDir::new(src).sort_by_file_name() {
            let entry = entry.map_err(|e| format!("cannot walk `{}`: {e}", src.display()))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(src)
                .ok()
                .and_then(|r| r.to_str())
                .ok_or_else(|| format!("`{}`: file names must be UTF-8", entry.path().display()))?
                .replace('\\', "/");
            self.copy(entry.path(), &rel)?;
            n += 1;
        }
        Ok(n)
    }

    fn path_of(&self, rel: &str) -> Result<PathBuf, String> {
        if rel.split('/').any(|c| c == "..") || rel.starts_with('/') {
            return Err(format!("refusing to write outside the output: `{rel}`"));
        }
        Ok(self.tmp.join(rel))
    }

    /// Put the staging directory in place of the output directory: the old
    /// one is renamed away, the new one renamed in, then the old deleted.
    pub fn commit(mut self) -> Result<(), String> {
        let old = sibling(&self.dest, "old");
        if old.exists() {
            std::fs::remove_dir_all(&old).map_err(|e| io("remove", &old, &e))?;
        }
        let had_old = self.dest.exists();
        if had_old {
            std::fs::rename(&self.dest, &old).map_err(|e| io("move away", &self.dest, &e))?;
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
        Ok(())
    }
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

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    crate::highlight::push_escaped(&mut out, s);
    out
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
            xml_escape(&crate::util::percent_encode_url(&u.loc))
        );
        if let Some(d) = &u.lastmod {
            let _ = writeln!(out, "    <lastmod>{}</lastmod>", xml_escape(d));
        }
        if u.alternates.len() > 1 {
            for (lang, href) in &u.alternates {
                let _ = writeln!(
                    out,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    xml_escape(lang),
                    xml_escape(&crate::util::percent_encode_url(href))
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

        let s = Staging::new(&dest).unwrap();
        s.write("a/index.html", b"new").unwrap();
        drop(s);
        assert!(dest.join("old.html").exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

        let s = Staging::new(&dest).unwrap();
        s.write("a/index.html", b"new").unwrap();
        assert!(s.write("../x", b"").is_err());
        s.commit().unwrap();
        assert!(!dest.join("old.html").exists());
        assert_eq!(std::fs::read(dest.join("a/index.html")).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
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
