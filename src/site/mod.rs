//! The whole site as a model: every page and section in every language,
//! their URLs, translations (files sharing a path without the language
//! suffix), the section tree, categories, related templates and the
//! resolution of `@/path/page.md` links.
//!
//! URLs: the default language at `/`, the others under `/<lang>/`, pretty
//! (`templates/x.md` → `/templates/x/` → `templates/x/index.html`).
//! Everything is sorted, so the same input always gives the same model.

mod id;
mod related;

pub use id::{Categories, CategoryId, Entries, EntryId};

use crate::config::Config;
use crate::content::{Kind, SourceFile};
use crate::error::Error;
use crate::markdown::{Heading, Link};
use crate::pagination;
use crate::util::slugify;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use typed_index_collections::{TiSlice, TiVec};

/// A Markdown body after rendering, diagrams in place.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// Shared: the incremental rebuild keeps bodies of unchanged pages.
    pub html: Arc<str>,
    /// `hash_of(html)`, made with it: what the fingerprint of a page that
    /// shows the body takes instead of hashing it again.
    pub html_hash: u64,
    pub headings: Vec<Heading>,
    pub summary: String,
    pub word_count: usize,
    /// Links into the site ([`crate::links`] checks where they land).
    pub links: Vec<Link>,
    /// The ```flowzap blocks, in order: what a theme shows as a card
    /// preview or as the page's copyable code.
    pub diagrams: Vec<BodyDiagram>,
    /// Where the first diagram's code is written as a `.fz` file, relative
    /// to the output root (`templates/x/x.fz`); `None` without a diagram.
    pub fz_file: Option<String>,
    /// The characters of its diagrams' code beyond printable ASCII, sorted
    /// and distinct: what they add to the diagram font ([`crate::font`]).
    pub chars: Vec<char>,
}

/// A diagram's counts, as template pages and cards show them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Stats {
    pub lanes: usize,
    /// Nodes.
    pub steps: usize,
    /// Edges.
    pub connectors: usize,
}

/// One ```flowzap block of a body.
#[derive(Debug, Clone, Default)]
pub struct BodyDiagram {
    /// The block's text.
    pub source: String,
    /// Its SVG (shared with every page holding the same diagram).
    pub svg: Arc<str>,
    /// The same drawing as a decorative card preview (no accessible name,
    /// `fzp-` ids).
    pub preview: Arc<str>,
    /// Its counts; `None` for a diagram with errors.
    pub stats: Option<Stats>,
    /// Where its standalone SVG file is written, relative to the output
    /// root (`templates/x/x.svg`, `templates/x/x-2.svg`…); `None` when it
    /// draws nothing.
    pub file: Option<String>,
}

/// A related page as a reader in some language sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Related {
    pub entry: EntryId,
    /// The page is not translated into the reader's language; this is the
    /// default language's version.
    pub fallback: bool,
}

/// One page or section in one language.
#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: Kind,
    /// Translation key: the content path without language suffix.
    pub key: String,
    pub lang: String,
    /// `content/…` path for messages; empty for a generated home page.
    pub display_path: String,
    /// The file's text, for errors located in it; `None` when generated.
    pub source: Option<Arc<str>>,
    pub slug: String,
    /// Site path without leading slash: `zh/templates/x/` (`""` for the
    /// default home).
    pub path: String,
    /// The link: root-relative or under the base URL.
    pub url: String,
    pub title: String,
    pub description: String,
    pub date: Option<String>,
    pub weight: i64,
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub template: Option<String>,
    pub extra: serde_json::Map<String, serde_json::Value>,
    pub body: Body,
    /// Minutes, at least 1.
    pub reading_time: usize,
    /// The section this belongs to (same language); `None` for the home.
    pub parent: Option<EntryId>,
    /// Sections: their pages, sorted by weight, date (newest first), title.
    pub pages: Vec<EntryId>,
    /// Sections: their subsections, sorted like pages.
    pub subsections: Vec<EntryId>,
    /// The same content in the other languages (and this one), in the
    /// configured language order.
    pub translations: Vec<EntryId>,
    pub related: Vec<Related>,
    /// The front matter's `related` slugs, as written.
    pub related_slugs: Vec<String>,
    pub category_index: Option<CategoryId>,
    /// Sections: pages per listing page, when the listing paginates.
    pub paginate_by: Option<usize>,
}

impl Entry {
    pub fn is_section(&self) -> bool {
        self.kind == Kind::Section
    }
}

/// The pages of one category in one language.
#[derive(Debug, Clone)]
pub struct Category {
    pub slug: String,
    pub lang: String,
    pub path: String,
    pub url: String,
    /// Pages, sorted like a section's.
    pub pages: Vec<EntryId>,
    /// The same category in the other languages (and this one).
    pub translations: Vec<CategoryId>,
}

/// The model of the whole site.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    /// Sorted by key, then language in configured order.
    pub entries: Entries,
    pub categories: Categories,
    /// (key, lang) → entry.
    by_key: HashMap<(String, String), EntryId>,
    /// lang → home entry.
    homes: BTreeMap<String, EntryId>,
}

/// The home page's key.
pub const HOME_KEY: &str = "_index.md";

impl Site {
    /// Build the model from parsed files and their rendered bodies (same
    /// order). Returns warnings beside the site; all errors together.
    pub fn new(
        config: Config,
        files: Vec<SourceFile>,
        bodies: Vec<Body>,
    ) -> Result<(Site, Vec<Error>), Vec<Error>> {
        let mut errors = Vec::new();
        let mut warnings = Vec::new();
        let lang_rank: HashMap<&str, usize> = config
            .languages
            .iter()
            .enumerate()
            .map(|(i, l)| (l.code.as_str(), i))
            .collect();

        // Entries, with their sources kept aside for located errors.
        let mut items: Vec<(Entry, Option<SourceFile>)> = Vec::with_capacity(files.len() + 3);
        for (file, body) in files.into_iter().zip(bodies) {
            match entry_for(&config, &file, body) {
                Ok(e) => items.push((e, Some(file))),
                Err(e) => errors.push(e),
            }
        }
        // A home page in every language, even without `_index.md`.
        for lang in &config.languages {
            let has_home = items
                .iter()
                .any(|(e, _)| e.key == HOME_KEY && e.lang == lang.code);
            if !has_home {
                items.push((generated_home(&config, &lang.code), None));
            }
        }
        items.sort_by(|(a, _), (b, _)| {
            (a.key.as_str(), lang_rank.get(a.lang.as_str()))
                .cmp(&(b.key.as_str(), lang_rank.get(b.lang.as_str())))
        });

        // Two files for one key and language (`x.md` and `x.en.md`), and
        // two entries on one URL.
        let items: TiVec<EntryId, (Entry, Option<SourceFile>)> = items.into();
        let mut by_key: HashMap<(String, String), EntryId> = HashMap::new();
        let mut by_path: HashMap<String, EntryId> = HashMap::new();
        for (i, (e, _)) in items.iter_enumerated() {
            if let Some(&j) = by_key.get(&(e.key.clone(), e.lang.clone())) {
                errors.push(
                    Error::new(format!(
                        "`{}` is the same page as `{}` in `{}`",
                        e.display_path, items[j].0.display_path, e.lang
                    ))
                    .in_file(&e.display_path),
                );
                continue;
            }
            if let Some(&j) = by_path.get(&e.path) {
                errors.push(
                    Error::new(format!(
                        "`{}` and `{}` would both be written to `/{}`",
                        items[j].0.display_path, e.display_path, e.path
                    ))
                    .in_file(&e.display_path)
                    .with_hint("give one of them another file name or a `slug`"),
                );
                continue;
            }
            by_key.insert((e.key.clone(), e.lang.clone()), i);
            by_path.insert(e.path.clone(), i);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let (mut entries, sources): (Entries, TiVec<EntryId, Option<SourceFile>>) =
            items.into_iter().unzip();
        let homes: BTreeMap<String, EntryId> = config
            .languages
            .iter()
            .filter_map(|l| {
                by_key
                    .get(&(HOME_KEY.to_string(), l.code.clone()))
                    .map(|&i| (l.code.clone(), i))
            })
            .collect();

        link_translations(&mut entries, &by_key, &config);
        link_sections(&mut entries, &by_key);

        let categories = build_categories(&mut entries, &config);
        let related_warnings = related::compute(&mut entries, &sources, &by_key, &config);
        warnings.extend(related_warnings);

        Ok((
            Site {
                config,
                entries,
                categories,
                by_key,
                homes,
            },
            warnings,
        ))
    }

    /// The entry of `key` in `lang`.
    pub fn find(&self, key: &str, lang: &str) -> Option<EntryId> {
        self.by_key
            .get(&(key.to_string(), lang.to_string()))
            .copied()
    }

    /// The home page of a language.
    pub fn home(&self, lang: &str) -> Option<EntryId> {
        self.homes.get(lang).copied()
    }

    /// Resolve a content path (`templates/x.md`, `templates/x.zh.md`,
    /// optionally with `#fragment`) for a reader of `lang`: the entry in
    /// that language, else in the default language.
    pub fn resolve(&self, target: &str, lang: &str) -> Option<EntryId> {
        let (path, _) = split_fragment(target);
        resolve_key(&self.by_key, &self.config, path, lang)
    }

    /// The URL of a `@/…` target (without the `@/`) for a reader of `lang`,
    /// fragment kept.
    pub fn resolve_url(&self, target: &str, lang: &str) -> Option<String> {
        let i = self.resolve(target, lang)?;
        let (_, fragment) = split_fragment(target);
        Some(format!("{}{}", self.entries[i].url, fragment))
    }

    /// How many listing pages entry `i` takes: more than one for a
    /// paginated section with more pages than fit on one.
    pub fn entry_pagers(&self, i: EntryId) -> usize {
        let e = &self.entries[i];
        match e.kind {
            Kind::Section => pagination::pager_count(e.pages.len(), e.paginate_by),
            Kind::Page => 1,
        }
    }

    /// How many listing pages category `c` takes.
    pub fn category_pagers(&self, c: CategoryId) -> usize {
        pagination::pager_count(
            self.categories[c].pages.len(),
            self.config.category_paginate_by,
        )
    }

    /// Page `pager` of entry `i` in each language it is translated into
    /// (this one included), as (language, URL): only the translations
    /// that have that many listing pages.
    pub fn entry_alternates(&self, i: EntryId, pager: usize) -> Vec<(String, String)> {
        self.alternates(&self.entries[i].translations, pager, |t| {
            let e = &self.entries[t];
            (&e.lang, &e.path, self.entry_pagers(t))
        })
    }

    /// Page `pager` of category `c` in each language it exists in, as
    /// (language, URL), like [`Site::entry_alternates`].
    pub fn category_alternates(&self, c: CategoryId, pager: usize) -> Vec<(String, String)> {
        self.alternates(&self.categories[c].translations, pager, |t| {
            let c = &self.categories[t];
            (&c.lang, &c.path, self.category_pagers(t))
        })
    }

    /// Page `pager` of each of `translations`, given each one's language,
    /// path and number of listing pages.
    fn alternates<'a, I: Copy>(
        &'a self,
        translations: &[I],
        pager: usize,
        of: impl Fn(I) -> (&'a String, &'a String, usize),
    ) -> Vec<(String, String)> {
        translations
            .iter()
            .map(|&t| of(t))
            .filter(|&(_, _, pagers)| pager <= pagers)
            .map(|(lang, path, _)| {
                let url = self.config.link(&pagination::pager_path(path, pager));
                (lang.clone(), url)
            })
            .collect()
    }

    /// Number of pages (not sections) in all languages.
    pub fn page_count(&self) -> usize {
        self.entries.iter().filter(|e| !e.is_section()).count()
    }
}

/// `"a.md#b"` → `("a.md", "#b")`.
fn split_fragment(target: &str) -> (&str, &str) {
    match target.find('#') {
        Some(i) => (&target[..i], &target[i..]),
        None => (target, ""),
    }
}

fn resolve_key(
    by_key: &HashMap<(String, String), EntryId>,
    config: &Config,
    path: &str,
    lang: &str,
) -> Option<EntryId> {
    let path = path.trim_start_matches('/');
    let get = |k: &str, l: &str| by_key.get(&(k.to_string(), l.to_string())).copied();
    // An explicit language: `templates/x.zh.md`.
    if let Some(stem) = path.strip_suffix(".md")
        && let Some((base, suffix)) = stem.rsplit_once('.')
        && config.has_language(suffix)
    {
        return get(&format!("{base}.md"), suffix);
    }
    // A directory names its section.
    let key = if path.is_empty() || path.ends_with('/') {
        format!("{path}{HOME_KEY}")
    } else {
        path.to_string()
    };
    get(&key, lang).or_else(|| get(&key, &config.default_language))
}

/// The slug and site path (`zh/templates/x/`) of a content file: known
/// before the model is built, so a page's body can link to files written
/// beside it.
pub(crate) fn entry_path(config: &Config, file: &SourceFile) -> Result<(String, String), Error> {
    let prefix = config.lang_prefix(&file.lang);
    let dir_path: String = file
        .dirs
        .iter()
        .map(|d| {
            let s = slugify(d);
            format!("{}/", if s.is_empty() { "_" } else { &s })
        })
        .collect();
    Ok(match file.kind {
        Kind::Section => (
            file.dirs.last().map(|d| slugify(d)).unwrap_or_default(),
            format!("{prefix}{dir_path}"),
        ),
        Kind::Page => {
            let slug = slugify(file.front.slug.as_deref().unwrap_or(&file.stem));
            if slug.is_empty() {
                if let Some(given) = &file.front.slug {
                    // Blame the front matter's `slug` line, not the file name.
                    let error = Error::new(format!(
                        "`slug = {given:?}` has no letters or digits, so it makes no URL"
                    ))
                    .with_hint(
                        "give a slug such as `approval-flow`, or remove it to use the file name",
                    );
                    let mut start = 0;
                    let mut at = None;
                    for l in file.source.split_inclusive('\n') {
                        let t = l.trim_start();
                        if t.starts_with("slug") && t[4..].trim_start().starts_with(['=', ':']) {
                            at = Some(start + l.len() - t.len());
                            break;
                        }
                        start += l.len();
                    }
                    return Err(match at {
                        Some(at) => error.at(&file.display_path, &file.source, at..at + 4),
                        None => error.in_file(&file.display_path),
                    });
                }
                return Err(Error::new(
                    "the page's slug is empty: the file name has no letters or digits",
                )
                .in_file(&file.display_path)
                .with_hint("set `slug` in the front matter"));
            }
            let path = format!("{prefix}{dir_path}{slug}/");
            (slug, path)
        }
    })
}

fn entry_for(config: &Config, file: &SourceFile, body: Body) -> Result<Entry, Error> {
    let fm = &file.front;
    if fm.paginate_by.is_some() && file.kind == Kind::Page {
        let error = Error::new("`paginate_by` only applies to sections");
        let error = match file.source.find("paginate_by") {
            Some(at) => error
                .at(
                    &file.display_path,
                    &file.source,
                    at..at + "paginate_by".len(),
                )
                .with_label("on a page"),
            None => error.in_file(&file.display_path),
        };
        return Err(error.with_hint("move it to the section's `_index.md`"));
    }
    let (slug, path) = entry_path(config, file)?;
    // Without a title: the site's for the home page, the folder's name for
    // a section (not `_index`), the file's name for a page.
    let title = fm
        .title
        .clone()
        .unwrap_or_else(|| match (file.kind, file.dirs.last()) {
            (Kind::Section, None) => config.title.clone(),
            (Kind::Section, Some(dir)) => dir.clone(),
            (Kind::Page, _) => file.stem.clone(),
        });
    let reading_time = body.word_count.div_ceil(200).max(1);
    Ok(Entry {
        kind: file.kind,
        key: file.key.clone(),
        lang: file.lang.clone(),
        display_path: file.display_path.clone(),
        source: Some(Arc::clone(&file.source)),
        slug,
        url: config.link(&path),
        path,
        title,
        description: fm.description.clone().unwrap_or_default(),
        date: fm.date.as_ref().map(|d| d.0.clone()),
        weight: fm.weight.unwrap_or(0),
        category: fm
            .category
            .as_ref()
            .map(|c| slugify(c))
            .filter(|c| !c.is_empty()),
        tags: fm.tags.clone(),
        template: fm.template.clone(),
        extra: fm.extra.clone(),
        body,
        reading_time,
        parent: None,
        pages: Vec::new(),
        subsections: Vec::new(),
        translations: Vec::new(),
        related: Vec::new(),
        related_slugs: fm.related.clone(),
        category_index: None,
        paginate_by: fm.paginate_by.filter(|&n| n > 0),
    })
}

fn generated_home(config: &Config, lang: &str) -> Entry {
    let path = config.lang_prefix(lang);
    Entry {
        kind: Kind::Section,
        key: HOME_KEY.to_string(),
        lang: lang.to_string(),
        display_path: String::new(),
        source: None,
        slug: String::new(),
        url: config.link(&path),
        path,
        title: config.title.clone(),
        description: config.description.clone(),
        date: None,
        weight: 0,
        category: None,
        tags: Vec::new(),
        template: None,
        extra: serde_json::Map::new(),
        body: Body::default(),
        reading_time: 1,
        parent: None,
        pages: Vec::new(),
        subsections: Vec::new(),
        translations: Vec::new(),
        related: Vec::new(),
        related_slugs: Vec::new(),
        category_index: None,
        paginate_by: None,
    }
}

fn link_translations(
    entries: &mut Entries,
    by_key: &HashMap<(String, String), EntryId>,
    config: &Config,
) {
    for e in entries.iter_mut() {
        e.translations = config
            .languages
            .iter()
            .filter_map(|l| by_key.get(&(e.key.clone(), l.code.clone())).copied())
            .collect();
    }
}

/// The key of the section a content path belongs to: the nearest ancestor
/// directory's `_index.md` that exists in `lang`.
fn parent_section(
    key: &str,
    is_section: bool,
    lang: &str,
    by_key: &HashMap<(String, String), EntryId>,
) -> Option<EntryId> {
    if key == HOME_KEY {
        return None;
    }
    let mut dir = key.rsplit_once('/').map_or("", |(d, _)| d);
    if is_section {
        dir = dir.rsplit_once('/').map_or("", |(d, _)| d);
    }
    loop {
        let candidate = if dir.is_empty() {
            HOME_KEY.to_string()
        } else {
            format!("{dir}/{HOME_KEY}")
        };
        if let Some(&i) = by_key.get(&(candidate, lang.to_string())) {
            return Some(i);
        }
        if dir.is_empty() {
            return None;
        }
        dir = dir.rsplit_once('/').map_or("", |(d, _)| d);
    }
}

/// Weight, then date (newest first), then title, then key.
fn listing_order(entries: &TiSlice<EntryId, Entry>, list: &mut [EntryId]) {
    list.sort_by(|&a, &b| {
        let (a, b) = (&entries[a], &entries[b]);
        a.weight
            .cmp(&b.weight)
            .then_with(|| b.date.cmp(&a.date))
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.key.cmp(&b.key))
    });
}

fn link_sections(entries: &mut Entries, by_key: &HashMap<(String, String), EntryId>) {
    let mut children: BTreeMap<EntryId, (Vec<EntryId>, Vec<EntryId>)> = BTreeMap::new();
    for (i, e) in entries.iter_mut_enumerated() {
        let parent = parent_section(&e.key, e.is_section(), &e.lang, by_key);
        e.parent = parent;
        if let Some(p) = parent {
            let slot = children.entry(p).or_default();
            if e.is_section() {
                slot.1.push(i);
            } else {
                slot.0.push(i);
            }
        }
    }
    for (p, (mut pages, mut subsections)) in children {
        listing_order(entries, &mut pages);
        listing_order(entries, &mut subsections);
        entries[p].pages = pages;
        entries[p].subsections = subsections;
    }
}

fn build_categories(entries: &mut Entries, config: &Config) -> Categories {
    let mut groups: BTreeMap<(String, String), Vec<EntryId>> = BTreeMap::new();
    for (i, e) in entries.iter_enumerated() {
        if let (Some(c), Kind::Page) = (&e.category, e.kind) {
            groups
                .entry((c.clone(), e.lang.clone()))
                .or_default()
                .push(i);
        }
    }
    let lang_rank = |l: &str| config.languages.iter().position(|x| x.code == l);
    let mut keys: Vec<(String, String)> = groups.keys().cloned().collect();
    keys.sort_by(|a, b| (&a.0, lang_rank(&a.1)).cmp(&(&b.0, lang_rank(&b.1))));
    let mut categories = Categories::with_capacity(keys.len());
    for (slug, lang) in &keys {
        let mut pages = groups
            .remove(&(slug.clone(), lang.clone()))
            .unwrap_or_default();
        listing_order(entries, &mut pages);
        let path = format!(
            "{}{}/{}/",
            config.lang_prefix(lang),
            config.category_path,
            slug
        );
        let id = categories.next_key();
        for &p in &pages {
            entries[p].category_index = Some(id);
        }
        categories.push(Category {
            slug: slug.clone(),
            lang: lang.clone(),
            url: config.link(&path),
            path,
            pages,
            translations: Vec::new(),
        });
    }
    let translations: Vec<Vec<CategoryId>> = categories
        .iter()
        .map(|c| {
            categories
                .iter_enumerated()
                .filter(|(_, other)| other.slug == c.slug)
                .map(|(j, _)| j)
                .collect()
        })
        .collect();
    for (c, t) in categories.iter_mut().zip(translations) {
        c.translations = t;
    }
    categories
}

/// In-place updates, for the incremental rebuild of `zapdoc serve`.
impl Site {
    /// Replace existing pages by new versions of their files, keeping the
    /// model's structure: translations, sections, categories and related
    /// pages are reused, listings re-sorted. Returns the entries changed,
    /// or `Ok(None)` when the edit is structural — a file that is not in
    /// the model yet, a changed slug, or a change to what the related
    /// score reads (title, description, category, tags, `related`) — and
    /// the model must be rebuilt with [`Site::new`] to stay exact. On
    /// error (a link to a missing page) the model is left untouched.
    pub fn patch(
        &mut self,
        updates: Vec<(SourceFile, Body)>,
    ) -> Result<Option<Vec<EntryId>>, Vec<Error>> {
        let mut errors = Vec::new();
        let mut staged: Vec<(EntryId, Entry)> = Vec::with_capacity(updates.len());
        for (file, body) in updates {
            let Some(i) = self.find(&file.key, &file.lang) else {
                return Ok(None);
            };
            let old = &self.entries[i];
            let mut new = match entry_for(&self.config, &file, body) {
                Ok(e) => e,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            if new.path != old.path
                || new.kind != old.kind
                || new.title != old.title
                || new.description != old.description
                || new.category != old.category
                || new.tags != old.tags
                || new.related_slugs != old.related_slugs
            {
                return Ok(None);
            }
            errors.extend(crate::links::internal_of(
                &new,
                |path, lang| resolve_key(&self.by_key, &self.config, path, lang).is_some(),
                &crate::links::Unloaded::default(),
            ));
            new.parent = old.parent;
            new.pages = old.pages.clone();
            new.subsections = old.subsections.clone();
            new.translations = old.translations.clone();
            new.related = old.related.clone();
            new.category_index = old.category_index;
            staged.push((i, new));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut changed = Vec::with_capacity(staged.len());
        for (i, new) in staged {
            let resort = {
                let old = &self.entries[i];
                old.weight != new.weight || old.date != new.date
            };
            self.entries[i] = new;
            if resort {
                if let Some(p) = self.entries[i].parent {
                    let mut pages = std::mem::take(&mut self.entries[p].pages);
                    listing_order(&self.entries, &mut pages);
                    self.entries[p].pages = pages;
                    let mut subs = std::mem::take(&mut self.entries[p].subsections);
                    listing_order(&self.entries, &mut subs);
                    self.entries[p].subsections = subs;
                }
                if let Some(c) = self.entries[i].category_index {
                    let mut pages = std::mem::take(&mut self.categories[c].pages);
                    listing_order(&self.entries, &mut pages);
                    self.categories[c].pages = pages;
                }
            }
            changed.push(i);
        }
        Ok(Some(changed))
    }
}
