//! What templates receive, as typed values.
//!
//! Every value a template sees is a `#[derive(Serialize, Hash)]` struct:
//! `Serialize` turns it into the tera value the template reads, `Hash`
//! gives the fingerprint `zapdoc serve` compares to find stale pages. Both
//! come from the same fields, so a field added for templates is in the
//! fingerprint too; nothing keeps a second list.
//!
//! Large values shown on many pages (page summaries with their diagram
//! previews, categories, the navigation) are built once per binding as a
//! [`Memo`]: the tera value and its hash, made together from one struct.

use crate::config::Config;
use crate::i18n::Catalog;
use crate::markdown::Heading;
use crate::pagination::pager_path;
use crate::site::{CategoryId, Entry, EntryId, Site, Stats};
use crate::util::hash_of;
use serde::{Serialize, Serializer};
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use tera::Value;
use typed_index_collections::{TiSlice, TiVec};

/// A value built once: the tera value a template reads and the hash of
/// the struct it was made from.
#[derive(Debug, Clone)]
pub(crate) struct Memo {
    value: Value,
    hash: u64,
}

impl Memo {
    pub(crate) fn new<T: Serialize + Hash>(of: &T) -> Memo {
        Memo {
            value: Value::from_serializable(of),
            hash: hash_of(of),
        }
    }

    /// Trusted HTML, inserted without escaping.
    pub(crate) fn html(text: &str) -> Memo {
        Memo {
            value: Value::safe_string(text),
            hash: hash_of(text),
        }
    }
}

// Serialized into a tera value, a `Value` passes through as it is: no
// copy of its strings, and safe strings stay safe.
impl Serialize for Memo {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

impl Hash for Memo {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

/// Trusted HTML computed from `source` when a template is rendered, and
/// fingerprinted by `source` (the HTML is a pure function of it).
struct Derived<'a> {
    source: &'a str,
    make: fn(&str) -> String,
}

impl Serialize for Derived<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Value::safe_string(&(self.make)(self.source)).serialize(s)
    }
}

impl Hash for Derived<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.source.hash(state);
    }
}

/// A diagram's code as text (escaped by templates), NUL shown as U+FFFD.
/// Copied only when rendered: fingerprints hash the code as it is.
struct Code<'a>(&'a str);

impl Serialize for Code<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.contains('\0') {
            s.serialize_str(&self.0.replace('\0', "\u{FFFD}"))
        } else {
            s.serialize_str(self.0)
        }
    }
}

impl Hash for Code<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

/// A page's rendered body: trusted HTML, fingerprinted by the hash made
/// when the body was rendered.
struct Content<'a>(&'a crate::site::Body);

impl Serialize for Content<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Value::safe_string(&self.0.html).serialize(s)
    }
}

impl Hash for Content<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.0.html_hash);
    }
}

/// Front matter `extra`: free-form data, fingerprinted through its JSON.
struct Extra<'a>(&'a serde_json::Map<String, serde_json::Value>);

impl Serialize for Extra<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl Hash for Extra<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        serde_json::to_string(self.0)
            .unwrap_or_default()
            .hash(state);
    }
}

/// A summary (or category) with more fields: what a page, a section, a
/// related card or a category with its pages is.
pub(crate) struct Merged<'a, T> {
    base: &'a Memo,
    more: T,
}

impl<T: Serialize> Serialize for Merged<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map: BTreeMap<String, Value> = self
            .base
            .value
            .as_map()
            .map(|m| {
                m.iter()
                    .filter_map(|(k, v)| k.as_str().map(|k| (k.to_string(), v.clone())))
                    .collect()
            })
            .unwrap_or_default();
        if let Some(more) = Value::from_serializable(&self.more).as_map() {
            for (k, v) in more.iter() {
                if let Some(k) = k.as_str() {
                    map.insert(k.to_string(), v.clone());
                }
            }
        }
        Value::from(map).serialize(s)
    }
}

impl<T: Hash> Hash for Merged<'_, T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.base.hash(state);
        self.more.hash(state);
    }
}

/// `config` in every template.
#[derive(Serialize, Hash)]
struct ConfigValue<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    default_language: &'a str,
    languages: Vec<LanguageValue<'a>>,
}

#[derive(Serialize, Hash)]
struct LanguageValue<'a> {
    code: &'a str,
    name: &'a str,
}

pub(crate) fn config(c: &Config) -> Memo {
    Memo::new(&ConfigValue {
        title: &c.title,
        description: &c.description,
        base_url: &c.base_url,
        default_language: &c.default_language,
        languages: c
            .languages
            .iter()
            .map(|l| LanguageValue {
                code: &l.code,
                name: &l.name,
            })
            .collect(),
    })
}

/// A category: `slug`, `name` (its Fluent message), `url`, `count`.
#[derive(Serialize, Hash)]
struct CategoryValue<'a> {
    slug: &'a str,
    name: String,
    url: &'a str,
    count: usize,
}

/// Each category's value, built once (its name is a Fluent lookup), not
/// once per page.
pub(crate) fn categories(site: &Site, catalog: &Catalog) -> TiVec<CategoryId, Memo> {
    site.categories
        .keys()
        .map(|c| category(site, catalog, c))
        .collect()
}

fn category(site: &Site, catalog: &Catalog, index: CategoryId) -> Memo {
    let c = &site.categories[index];
    Memo::new(&CategoryValue {
        slug: &c.slug,
        name: catalog.t(&c.lang, &format!("category-{}", c.slug), &[]),
        url: &c.url,
        count: c.pages.len(),
    })
}

/// A preview's identity: the diagram cache hands every page drawing the
/// same diagram the same `Arc`.
pub(crate) fn preview_key(preview: &Arc<str>) -> usize {
    Arc::as_ptr(preview) as *const u8 as usize
}

/// One value per distinct card preview of `site`: pages drawing the same
/// diagram share it instead of each holding a copy.
pub(crate) fn previews(site: &Site) -> HashMap<usize, Memo> {
    let mut previews = HashMap::new();
    for e in &site.entries {
        if let Some(d) = e.body.diagrams.first().filter(|d| !d.preview.is_empty()) {
            previews
                .entry(preview_key(&d.preview))
                .or_insert_with(|| Memo::html(&d.preview));
        }
    }
    previews
}

/// What a listing shows of a page or section.
#[derive(Serialize, Hash)]
struct SummaryValue<'a> {
    key: &'a str,
    lang: &'a str,
    title: &'a str,
    description: &'a str,
    /// The description's inline Markdown as HTML, and as plain text.
    description_html: Memo,
    description_text: String,
    /// The first diagram as a decorative card preview.
    preview: Option<Memo>,
    /// The first diagram's counts.
    stats: Option<Stats>,
    summary: &'a str,
    url: &'a str,
    path: String,
    slug: &'a str,
    date: Option<&'a str>,
    weight: i64,
    category: Option<&'a Memo>,
    tags: &'a [String],
    reading_time: usize,
    word_count: usize,
    is_section: bool,
    page_count: usize,
}

/// The summary of `e`; its preview from `previews` when it is there.
pub(crate) fn summary(
    categories: &TiSlice<CategoryId, Memo>,
    e: &Entry,
    previews: &HashMap<usize, Memo>,
) -> Memo {
    let (description_html, description_text) = crate::markdown::inline(&e.description);
    let first = e.body.diagrams.first();
    let preview = first.filter(|d| !d.preview.is_empty()).map(|d| {
        previews
            .get(&preview_key(&d.preview))
            .cloned()
            .unwrap_or_else(|| Memo::html(&d.preview))
    });
    Memo::new(&SummaryValue {
        key: &e.key,
        lang: &e.lang,
        title: &e.title,
        description: &e.description,
        description_html: Memo::html(&description_html),
        description_text,
        preview,
        stats: first.and_then(|d| d.stats),
        summary: &e.body.summary,
        url: &e.url,
        path: format!("/{}", e.path),
        slug: &e.slug,
        date: e.date.as_deref(),
        weight: e.weight,
        category: e.category_index.and_then(|i| categories.get(i)),
        tags: &e.tags,
        reading_time: e.reading_time,
        word_count: e.body.word_count,
        is_section: e.is_section(),
        page_count: e.pages.len(),
    })
}

/// A language's navigation: its home page, the home's subsections and its
/// categories. Built once per binding: every page shows them.
pub(crate) struct Nav {
    home: Option<Memo>,
    sections: Memo,
    categories: Memo,
}

pub(crate) fn nav(
    site: &Site,
    lang: &str,
    summaries: &TiSlice<EntryId, Memo>,
    categories: &TiSlice<CategoryId, Memo>,
) -> Nav {
    let home = site.home(lang);
    let sections: Vec<&Memo> = home
        .map(|h| {
            site.entries[h]
                .subsections
                .iter()
                .map(|&j| &summaries[j])
                .collect()
        })
        .unwrap_or_default();
    let of_lang: Vec<&Memo> = site
        .categories
        .iter()
        .zip(categories)
        .filter(|(c, _)| c.lang == lang)
        .map(|(_, v)| v)
        .collect();
    Nav {
        home: home.map(|h| summaries[h].clone()),
        sections: Memo::new(&sections),
        categories: Memo::new(&of_lang),
    }
}

/// The values built once per binding of the theme to a site.
pub(crate) struct Bound {
    pub site: Arc<Site>,
    pub catalog: Arc<Catalog>,
    /// Per entry: its summary (what listings show).
    pub summaries: TiVec<EntryId, Memo>,
    /// Per category: its value.
    pub categories: TiVec<CategoryId, Memo>,
    pub config: Memo,
    /// Per language.
    pub nav: HashMap<String, Nav>,
}

#[derive(Serialize, Hash)]
struct HeadingValue<'a> {
    level: u8,
    id: &'a str,
    text: &'a str,
}

fn headings(e: &Entry) -> Vec<HeadingValue<'_>> {
    e.body
        .headings
        .iter()
        .map(|h: &Heading| HeadingValue {
            level: h.level,
            id: &h.id,
            text: &h.text,
        })
        .collect()
}

/// A related card: the page's summary and whether it is in another
/// language than the reader's.
#[derive(Serialize, Hash)]
struct Fallback {
    fallback: bool,
}

/// What `page` adds to the page's summary.
#[derive(Serialize, Hash)]
pub(crate) struct PageFields<'a> {
    content: Content<'a>,
    headings: Vec<HeadingValue<'a>>,
    related: Vec<Merged<'a, Fallback>>,
    extra: Extra<'a>,
    /// The first diagram's code, to show and copy beside its drawing, to
    /// download and to open in FlowZap.
    source: Option<Code<'a>>,
    code: Option<Derived<'a>>,
    svg_url: Option<String>,
    fz_url: Option<String>,
    playground_url: Option<Derived<'a>>,
    edit_url: Option<String>,
}

/// FlowZap's playground, which opens the code given as `?code=` in
/// base64url.
pub const PLAYGROUND_URL: &str = "https://flowzap.xyz/playground?code=";

fn playground(source: &str) -> String {
    let source = source.replace('\0', "\u{FFFD}");
    format!(
        "{PLAYGROUND_URL}{}",
        crate::util::base64url(source.as_bytes())
    )
}

fn highlighted(source: &str) -> String {
    crate::highlight::flowzap_html(&source.replace('\0', "\u{FFFD}"))
}

/// `page` of entry `i`.
pub(crate) fn page(b: &Bound, i: EntryId) -> Merged<'_, PageFields<'_>> {
    let e = &b.site.entries[i];
    let config = &b.site.config;
    let first = e.body.diagrams.first();
    let link = |file: Option<&String>| file.map(|f| config.link(f));
    Merged {
        base: &b.summaries[i],
        more: PageFields {
            content: Content(&e.body),
            headings: headings(e),
            related: e
                .related
                .iter()
                .map(|r| Merged {
                    base: &b.summaries[r.entry],
                    more: Fallback {
                        fallback: r.fallback,
                    },
                })
                .collect(),
            extra: Extra(&e.extra),
            source: first.map(|d| Code(&d.source)),
            code: first.map(|d| Derived {
                source: &d.source,
                make: highlighted,
            }),
            svg_url: link(first.and_then(|d| d.file.as_ref())),
            fz_url: link(e.body.fz_file.as_ref()),
            playground_url: first.map(|d| Derived {
                source: &d.source,
                make: playground,
            }),
            edit_url: match &config.repository {
                Some(repo) if !e.display_path.is_empty() => Some(crate::util::percent_encode_url(
                    &format!("{repo}{}", e.display_path),
                )),
                _ => None,
            },
        },
    }
}

/// What `section` adds to the section's summary.
#[derive(Serialize, Hash)]
pub(crate) struct SectionFields<'a> {
    content: Content<'a>,
    headings: Vec<HeadingValue<'a>>,
    pages: Vec<&'a Memo>,
    subsections: Vec<&'a Memo>,
    extra: Extra<'a>,
}

/// `section` of entry `i`, listing `pages` (all of them, or those a
/// numbered listing page shows).
pub(crate) fn section<'a>(
    b: &'a Bound,
    i: EntryId,
    pages: &[EntryId],
) -> Merged<'a, SectionFields<'a>> {
    let e = &b.site.entries[i];
    Merged {
        base: &b.summaries[i],
        more: SectionFields {
            content: Content(&e.body),
            headings: headings(e),
            pages: list(b, pages),
            subsections: list(b, &e.subsections),
            extra: Extra(&e.extra),
        },
    }
}

fn list<'a>(b: &'a Bound, items: &[EntryId]) -> Vec<&'a Memo> {
    items.iter().map(|&i| &b.summaries[i]).collect()
}

/// A page or a section, as `get_page` / `get_section` return it.
#[derive(Serialize, Hash)]
#[serde(untagged)]
pub(crate) enum EntryValue<'a> {
    Page(Merged<'a, PageFields<'a>>),
    Section(Merged<'a, SectionFields<'a>>),
}

/// Entry `i` whole: a section lists all its pages.
pub(crate) fn entry(b: &Bound, i: EntryId) -> EntryValue<'_> {
    let e = &b.site.entries[i];
    if e.is_section() {
        EntryValue::Section(section(b, i, &e.pages))
    } else {
        EntryValue::Page(page(b, i))
    }
}

/// What `category` adds to the category's value.
#[derive(Serialize, Hash)]
pub(crate) struct CategoryPages<'a> {
    pages: Vec<&'a Memo>,
}

/// The `paginator` of a listing page, with Zola's names.
#[derive(Serialize, Hash)]
pub(crate) struct Paginator<'a> {
    /// This listing page's summaries.
    pages: Vec<&'a Memo>,
    current_index: usize,
    number_pagers: usize,
    paginate_by: usize,
    /// Items in the whole listing.
    total_pages: usize,
    first: String,
    last: String,
    previous: Option<String>,
    next: Option<String>,
    pagers: Vec<Pager>,
}

#[derive(Serialize, Hash)]
struct Pager {
    index: usize,
    url: String,
    current: bool,
}

/// Page `pager` of a listing of `items` at `first`, `per` to a page.
fn paginator<'a>(
    b: &'a Bound,
    items: &[EntryId],
    per: Option<usize>,
    pager: usize,
    first: &str,
) -> Paginator<'a> {
    let config = &b.site.config;
    let count = crate::pagination::pager_count(items.len(), per);
    let url = |k: usize| config.link(&pager_path(first, k));
    Paginator {
        pages: list(b, crate::pagination::pager_items(items, per, pager)),
        current_index: pager,
        number_pagers: count,
        paginate_by: per.unwrap_or(items.len()),
        total_pages: items.len(),
        first: url(1),
        last: url(count),
        previous: (pager > 1).then(|| url(pager - 1)),
        next: (pager < count).then(|| url(pager + 1)),
        pagers: (1..=count)
            .map(|k| Pager {
                index: k,
                url: url(k),
                current: k == pager,
            })
            .collect(),
    }
}

/// A language in the switcher: this content where translated, that
/// language's home otherwise.
#[derive(Serialize, Hash)]
struct SwitcherLink<'a> {
    code: &'a str,
    name: &'a str,
    url: String,
    translated: bool,
    current: bool,
}

#[derive(Serialize, Hash)]
struct Translation<'a> {
    lang: String,
    name: &'a str,
    url: String,
}

/// What every template receives.
#[derive(Serialize, Hash)]
pub(crate) struct Common<'a> {
    config: &'a Memo,
    lang: &'a str,
    lang_name: &'a str,
    current_path: String,
    current_url: String,
    languages: Vec<SwitcherLink<'a>>,
    translations: Vec<Translation<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nav_home: Option<Option<&'a Memo>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nav: Option<&'a Memo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    categories: Option<&'a Memo>,
}

/// `alternates`: (language, URL) of this content in each language it has.
fn common<'a>(
    b: &'a Bound,
    lang: &'a str,
    path: &str,
    alternates: Vec<(String, String)>,
) -> Common<'a> {
    let config = &b.site.config;
    let name_of = |code: &str| {
        config
            .languages
            .iter()
            .find(|l| l.code == code)
            .map(|l| l.name.as_str())
    };
    let nav = b.nav.get(lang);
    Common {
        config: &b.config,
        lang,
        lang_name: name_of(lang).unwrap_or(lang),
        current_path: format!("/{path}"),
        current_url: config.link(path),
        languages: config
            .languages
            .iter()
            .map(|l| {
                let translated = alternates.iter().find(|(code, _)| code == &l.code);
                SwitcherLink {
                    code: &l.code,
                    name: &l.name,
                    url: match translated {
                        Some((_, url)) => url.clone(),
                        None => config.link(&config.lang_prefix(&l.code)),
                    },
                    translated: translated.is_some(),
                    current: l.code == lang,
                }
            })
            .collect(),
        translations: alternates
            .into_iter()
            .map(|(code, url)| Translation {
                // Alternates come from the configured languages.
                name: name_of(&code).unwrap_or(""),
                lang: code,
                url,
            })
            .collect(),
        nav_home: nav.map(|n| n.home.as_ref()),
        nav: nav.map(|n| &n.sections),
        categories: nav.map(|n| &n.categories),
    }
}

/// Everything one output page's template receives.
#[derive(Serialize, Hash)]
pub(crate) struct PageContext<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    paginator: Option<Paginator<'a>>,
    /// The section of a page, or of a category's pages (breadcrumbs).
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<&'a Memo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<Merged<'a, PageFields<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<Merged<'a, SectionFields<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<Merged<'a, CategoryPages<'a>>>,
}

/// The context of page `pager` (from 1) of entry `i`. A numbered listing
/// page shows, and depends on, its own pages: `section.pages` and
/// `paginator.pages` are the same list.
pub(crate) fn entry_context(b: &Bound, i: EntryId, pager: usize) -> PageContext<'_> {
    let site = &b.site;
    let e = &site.entries[i];
    let path = pager_path(&e.path, pager);
    let common = common(b, &e.lang, &path, site.entry_alternates(i, pager));
    let parent = e.parent.map(|p| &b.summaries[p]);
    if e.is_section() {
        let shown = crate::pagination::pager_items(&e.pages, e.paginate_by, pager);
        PageContext {
            common,
            paginator: e
                .paginate_by
                .map(|_| paginator(b, &e.pages, e.paginate_by, pager, &e.path)),
            parent,
            page: None,
            section: Some(section(b, i, shown)),
            category: None,
        }
    } else {
        PageContext {
            common,
            paginator: None,
            parent,
            page: Some(page(b, i)),
            section: None,
            category: None,
        }
    }
}

/// The context of page `pager` (from 1) of category `c`.
pub(crate) fn category_context(b: &Bound, c: CategoryId, pager: usize) -> PageContext<'_> {
    let site = &b.site;
    let cat = &site.categories[c];
    let path = pager_path(&cat.path, pager);
    let per = site.config.category_paginate_by;
    let shown = crate::pagination::pager_items(&cat.pages, per, pager);
    PageContext {
        common: common(b, &cat.lang, &path, site.category_alternates(c, pager)),
        paginator: per.map(|_| paginator(b, &cat.pages, per, pager, &cat.path)),
        // The section its pages belong to, for breadcrumbs and "all".
        parent: cat
            .pages
            .first()
            .and_then(|&p| site.entries[p].parent)
            .map(|p| &b.summaries[p]),
        page: None,
        section: None,
        category: Some(Merged {
            base: &b.categories[c],
            more: CategoryPages {
                pages: list(b, shown),
            },
        }),
    }
}

/// The context of the 404 page of `lang`, written at `file`: its language
/// switcher leads to the languages' homes.
pub(crate) fn not_found_context<'a>(b: &'a Bound, lang: &'a str, file: &str) -> PageContext<'a> {
    PageContext {
        common: common(b, lang, file, Vec::new()),
        paginator: None,
        parent: None,
        page: None,
        section: None,
        category: None,
    }
}
