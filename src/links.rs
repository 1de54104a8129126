//! Links written in pages, and where they arrive: the one resolver for
//! every site link a body holds ([`Link`], from Markdown and raw HTML).
//!
//! - `@/path/page.md` must name content: [`internal`] (and
//!   [`internal_of`] for one page), whose errors fail `build`;
//! - root-relative (`/docs/x/`) and relative (`../x/`) links must name a
//!   file the build writes, and any `#anchor` a heading of the page it
//!   lands on: [`check`], run by `zapdoc check` over [`Outputs`].
//!
//! Every error is located on the link in its source file.

use crate::config::Config;
use crate::content::CONTENT_DIR;
use crate::error::Error;
use crate::markdown::Link;
use crate::site::{Entry, EntryId, HOME_KEY, Site};
use percent_encoding::percent_decode_str;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Content files that exist but could not be read (bad front matter, not
/// UTF-8): links to them are not reported as broken, their own error is.
#[derive(Debug, Default, Clone)]
pub struct Unloaded {
    /// Content paths as a link names them: `docs/x.md` and, for a
    /// translation, `docs/x.zh.md` too.
    names: HashSet<String>,
}

impl Unloaded {
    /// From the content-relative paths of the files that failed.
    pub fn new<'a>(rel_paths: impl IntoIterator<Item = &'a str>, config: &Config) -> Unloaded {
        let mut names = HashSet::new();
        for rel in rel_paths {
            names.insert(rel.to_string());
            if let Some(stem) = rel.strip_suffix(".md")
                && let Some((base, lang)) = stem.rsplit_once('.')
                && config.has_language(lang)
            {
                names.insert(format!("{base}.md"));
            }
        }
        Unloaded { names }
    }

    /// Whether a `@/` target names a file that failed.
    pub(crate) fn names(&self, target: &str) -> bool {
        let (path, _) = split_fragment(target);
        let path = path.trim_start_matches('/');
        if path.is_empty() || path.ends_with('/') {
            self.names.contains(&format!("{path}{HOME_KEY}"))
        } else {
            self.names.contains(path)
        }
    }
}

/// `"a.md#b"` → `("a.md", Some("b"))`.
fn split_fragment(dest: &str) -> (&str, Option<&str>) {
    match dest.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (dest, None),
    }
}

/// The broken `@/` links of every page of `site`.
pub fn internal(site: &Site, unloaded: &Unloaded) -> Vec<Error> {
    site.entries
        .iter()
        .flat_map(|e| internal_of(e, |path, lang| site.resolve(path, lang).is_some(), unloaded))
        .collect()
}

/// The broken `@/` links of one page; `resolves(path, lang)` says whether
/// a content path names an entry for a reader of `lang`.
pub fn internal_of(
    entry: &Entry,
    resolves: impl Fn(&str, &str) -> bool,
    unloaded: &Unloaded,
) -> Vec<Error> {
    let Some(source) = &entry.source else {
        return Vec::new();
    };
    let mut errors = Vec::new();
    for link in &entry.body.links {
        let Some(target) = link.internal() else {
            continue;
        };
        let (path, _) = split_fragment(target);
        if resolves(path, &entry.lang) || unloaded.names(path) {
            continue;
        }
        errors.push(
            Error::new(format!("link target `@/{path}` does not exist"))
                .at(&entry.display_path, source, link.span.clone())
                .with_label("no such page")
                .with_hint("internal links name a file under content/, like `@/templates/x.md`"),
        );
    }
    errors
}

/// What a build of the site writes, for links to land on.
#[derive(Debug, Default)]
pub struct Outputs {
    /// Every file, relative to the output root: `docs/x/index.html`.
    files: HashSet<String>,
    /// The file of each entry's first page → the entry.
    pages: HashMap<String, EntryId>,
}

impl Outputs {
    /// From every file written, and the file of each entry's first page.
    pub fn new(
        files: impl IntoIterator<Item = String>,
        pages: impl IntoIterator<Item = (String, EntryId)>,
    ) -> Outputs {
        let pages: HashMap<String, EntryId> = pages.into_iter().collect();
        let mut files: HashSet<String> = files.into_iter().collect();
        files.extend(pages.keys().cloned());
        Outputs { files, pages }
    }

    /// The file a site path lands on, the way a static server maps it:
    /// `docs/x/` and `docs/x` to `docs/x/index.html`, a file to itself.
    fn land(&self, path: &str) -> Option<String> {
        let candidates = if path.is_empty() || path.ends_with('/') {
            vec![format!("{path}index.html")]
        } else {
            vec![path.to_string(), format!("{path}/index.html")]
        };
        candidates.into_iter().find(|f| self.files.contains(f))
    }
}

/// Where a root-relative or relative link points, in site paths.
#[derive(Debug, PartialEq, Eq)]
enum Resolved {
    /// A path below the output root, without leading `/`.
    Path(String),
    /// A root-relative link that does not start with the base URL's path.
    OutsideBase,
    /// A relative link with more `..` than the page is deep.
    AboveRoot,
}

/// Resolve a link (query and fragment already stripped) written on the
/// page at site path `page` (`docs/a/`), under the base path `base`
/// (`/` or `/project/`).
fn resolve_path(link: &str, page: &str, base: &str) -> Resolved {
    let decoded = percent_decode_str(link).decode_utf8_lossy();
    let (mut parts, rest): (Vec<&str>, &str) = if let Some(abs) = decoded.strip_prefix('/') {
        let base = base.trim_start_matches('/');
        match abs.strip_prefix(base) {
            Some(rest) => (Vec::new(), rest),
            None if format!("{abs}/") == base => (Vec::new(), ""),
            None => return Resolved::OutsideBase,
        }
    } else {
        // The page is served as a folder (`docs/a/`): relative links
        // start from it.
        let dir: Vec<&str> = page.split('/').filter(|s| !s.is_empty()).collect();
        (dir, &decoded[..])
    };
    // `..` and `.` at the end name a folder, as in a browser.
    let last = rest.rsplit('/').next().unwrap_or("");
    let trailing = matches!(last, "" | "." | "..");
    for seg in rest.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Resolved::AboveRoot;
                }
            }
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if trailing && !path.is_empty() {
        path.push('/');
    }
    Resolved::Path(path)
}

/// The path part of a base URL: `https://x.org/docs/` → `/docs/`.
fn base_path(config: &Config) -> String {
    let url = &config.base_url;
    let path = match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None if url.starts_with('/') => url.as_str(),
        // A relative base URL: pages link relative to wherever they are
        // served from, so root-relative links are taken from the root.
        None => "/",
    };
    if path.ends_with('/') {
        path.to_string()
    } else {
        format!("{path}/")
    }
}

/// Root-relative and relative links that land on no file of `outputs`,
/// and `#anchors` (on any site link) that name no heading of the page
/// they land on.
pub fn check(site: &Site, outputs: &Outputs) -> Vec<Error> {
    let base = base_path(&site.config);
    let mut errors = Vec::new();
    for (me, entry) in site.entries.iter_enumerated() {
        let Some(source) = &entry.source else {
            continue;
        };
        for link in &entry.body.links {
            let (target, fragment) = split_fragment(&link.dest);
            let landed = if target.is_empty() {
                Some(me)
            } else if let Some(path) = target.strip_prefix("@/") {
                // Broken ones are `internal`'s to report.
                site.resolve(path, &entry.lang)
            } else {
                let at = Located {
                    entry,
                    source,
                    link,
                };
                let path = target.split('?').next().unwrap_or(target);
                match landing(path, entry, &base, outputs) {
                    Ok(page) => page,
                    Err(e) => {
                        errors.push(at.error(e));
                        continue;
                    }
                }
            };
            let (Some(landed), Some(fragment)) = (landed, fragment) else {
                continue;
            };
            if let Some(e) = missing_anchor(site, me, landed, fragment) {
                errors.push(
                    Located {
                        entry,
                        source,
                        link,
                    }
                    .error(e),
                );
            }
        }
    }
    errors
}

/// Where a broken link is, for its error.
struct Located<'a> {
    entry: &'a Entry,
    source: &'a Arc<str>,
    link: &'a Link,
}

/// An error about a link, before it is located.
struct Broken {
    message: String,
    label: String,
    hint: String,
}

impl Located<'_> {
    fn error(&self, b: Broken) -> Error {
        Error::new(b.message)
            .at(
                &self.entry.display_path,
                self.source,
                self.link.span.clone(),
            )
            .with_label(b.label)
            .with_hint(b.hint)
    }
}

/// The entry a root-relative or relative link lands on (`None` for a
/// file that is no page), or why it lands nowhere.
fn landing(
    path: &str,
    entry: &Entry,
    base: &str,
    outputs: &Outputs,
) -> Result<Option<EntryId>, Broken> {
    let via_at = "name the page with `@/…`, which zapdoc resolves in the reader's language";
    match resolve_path(path, &entry.path, base) {
        Resolved::Path(p) => match outputs.land(&p) {
            Some(file) => Ok(outputs.pages.get(&file).copied()),
            None => Err(Broken {
                message: format!("link target `{path}` does not exist"),
                label: format!("the site has nothing at `{base}{p}`"),
                hint: format!(
                    "link to a page's folder (`{base}docs/x/`) or a file the site writes, or {via_at}"
                ),
            }),
        },
        Resolved::OutsideBase => Err(Broken {
            message: format!("link `{path}` is outside the site's base path `{base}`"),
            label: format!("every page is under `{base}`"),
            hint: format!(
                "write `{base}{}`, or {via_at}",
                path.trim_start_matches('/')
            ),
        }),
        Resolved::AboveRoot => Err(Broken {
            message: format!("link `{path}` climbs above the site root"),
            label: format!("from `{base}{}`", entry.path),
            hint: format!("drop a `../`, or {via_at}"),
        }),
    }
}

/// `#fragment` on a link from entry `from` that lands on entry `to`, when
/// `to` has no heading with that id.
fn missing_anchor(site: &Site, from: EntryId, to: EntryId, fragment: &str) -> Option<Broken> {
    let fragment = percent_decode_str(fragment).decode_utf8_lossy();
    if fragment.is_empty() {
        return None;
    }
    let target = &site.entries[to];
    if target.body.headings.iter().any(|h| h.id == fragment) {
        return None;
    }
    let known: Vec<&str> = target.body.headings.iter().map(|h| h.id.as_str()).collect();
    let shown = if target.display_path.is_empty() {
        format!("{CONTENT_DIR}/{}", target.key)
    } else {
        target.display_path.clone()
    };
    Some(Broken {
        message: format!(
            "anchor `#{fragment}` does not exist in `{}`",
            if from == to {
                &site.entries[from].display_path
            } else {
                &shown
            }
        ),
        label: "no heading with this id".to_string(),
        hint: if known.is_empty() {
            format!("`{shown}` has no headings")
        } else {
            format!("anchors of `{shown}`: {}", known.join(", "))
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_like_a_static_server() {
        let r = |link, page| resolve_path(link, page, "/");
        assert_eq!(r("/docs/x/", "a/"), Resolved::Path("docs/x/".into()));
        assert_eq!(r("../x/", "docs/a/"), Resolved::Path("docs/x/".into()));
        assert_eq!(
            r("./img/p.png", "docs/a/"),
            Resolved::Path("docs/a/img/p.png".into())
        );
        assert_eq!(r("b", "docs/a/"), Resolved::Path("docs/a/b".into()));
        assert_eq!(r("..", "docs/a/"), Resolved::Path("docs/".into()));
        assert_eq!(r("/", "docs/a/"), Resolved::Path("".into()));
        assert_eq!(r("caf%C3%A9/", ""), Resolved::Path("café/".into()));
        assert_eq!(r("../../../x", "docs/a/"), Resolved::AboveRoot);
    }

    #[test]
    fn root_relative_links_must_stay_under_the_base_path() {
        let r = |link| resolve_path(link, "docs/a/", "/project/");
        assert_eq!(r("/project/docs/x/"), Resolved::Path("docs/x/".into()));
        assert_eq!(r("/project"), Resolved::Path("".into()));
        assert_eq!(r("/docs/x/"), Resolved::OutsideBase);
        assert_eq!(r("../x/"), Resolved::Path("docs/x/".into()));
    }

    #[test]
    fn folders_land_on_their_index() {
        let out = Outputs::new(
            ["docs/x/index.html".to_string(), "img/p.png".to_string()],
            [("index.html".to_string(), EntryId::from(0))],
        );
        assert_eq!(out.land("docs/x/").as_deref(), Some("docs/x/index.html"));
        assert_eq!(out.land("docs/x").as_deref(), Some("docs/x/index.html"));
        assert_eq!(out.land("").as_deref(), Some("index.html"));
        assert_eq!(out.land("img/p.png").as_deref(), Some("img/p.png"));
        assert_eq!(out.land("img/"), None);
        assert_eq!(out.land("docs/y/"), None);
    }

    #[test]
    fn failed_files_are_named_with_and_without_language() {
        let config = Config::parse(
            "title = \"t\"\nbase_url = \"/\"\ndefault_language = \"en\"\n[[languages]]\ncode = \"en\"\nname = \"English\"\n[[languages]]\ncode = \"zh\"\nname = \"中文\"\n",
            "site.toml",
        )
        .unwrap();
        let u = Unloaded::new(["docs/x.zh.md", "guide/_index.md"], &config);
        assert!(u.names("docs/x.zh.md"));
        assert!(u.names("docs/x.md"));
        assert!(u.names("guide/"));
        assert!(!u.names("docs/y.md"));
    }
}
