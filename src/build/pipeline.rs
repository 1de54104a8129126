//! The stages of the pipeline as functions, shared by the one-shot build
//! and the in-memory [`super::Session`] of `zapdoc serve`.

use crate::config::Config;
use crate::content::SourceFile;
use crate::error::Error;
use crate::flowzap::describe;
use crate::i18n::{Catalog, DiagramWording};
use crate::markdown::{self, Rendered};
use crate::output::SitemapUrl;
use crate::pagination::{self, pager_path};
use crate::postprocess::{self, Links, Problem};
use crate::site::{Body, BodyDiagram, Site};
use crate::theme::{Output, Renderer};
use crate::{feed, flowzap, highlight, output, search};
use flowzap::View;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// One distinct diagram: laid out once, drawn once per view and reader
/// language (its accessible title and description are in that language)
/// and once as a decorative card preview.
pub(crate) struct Diagram {
    svg: BTreeMap<(View, String), Arc<str>>,
    /// The same drawing as a decorative card preview.
    pub preview: Arc<str>,
    pub diagnostics: Vec<flowzap::Diagnostic>,
    /// Diagnostics past the cap, not kept ([`flowzap::Parsed::omitted`]).
    pub omitted: usize,
    /// What later languages are drawn from; `None` for a diagram with
    /// errors, which draws as nothing.
    laid_out: Option<Arc<(flowzap::Diagram, flowzap::Layout)>>,
}

impl Diagram {
    /// The drawing in `view` for a reader of `lang` (empty for a diagram
    /// with errors).
    pub fn svg(&self, view: View, lang: &str) -> Arc<str> {
        self.svg
            .get(&(view, lang.to_string()))
            .cloned()
            .unwrap_or_else(|| Arc::from(""))
    }

    fn lay_out(src: &str) -> Diagram {
        let parsed = flowzap::parse(src);
        if parsed.has_errors() {
            return Diagram {
                svg: BTreeMap::new(),
                preview: Arc::from(""),
                diagnostics: parsed.diagnostics,
                omitted: parsed.omitted,
                laid_out: None,
            };
        }
        let layout = flowzap::layout(&parsed.diagram);
        // The preview has no title or description, so one serves every
        // language. Drawings rely on the diagram stylesheet the theme links
        // once per page.
        let opts = flowzap::svg::Options {
            title: "",
            description: None,
            embed_style: false,
            decorative: true,
        };
        let preview = Arc::from(flowzap::svg::write(&parsed.diagram, &layout, src, &opts));
        Diagram {
            svg: BTreeMap::new(),
            preview,
            diagnostics: parsed.diagnostics,
            omitted: parsed.omitted,
            laid_out: Some(Arc::new((parsed.diagram, layout))),
        }
    }

    /// A copy to add drawings to, with the drawings made so far or none.
    fn copy(&self, with_drawings: bool) -> Diagram {
        Diagram {
            svg: if with_drawings {
                self.svg.clone()
            } else {
                BTreeMap::new()
            },
            preview: Arc::clone(&self.preview),
            diagnostics: self.diagnostics.clone(),
            omitted: self.omitted,
            laid_out: self.laid_out.clone(),
        }
    }

    /// Draw the diagram in `view` for readers of `lang`, in the catalog's
    /// wording (English without one). The workflow is drawn from the
    /// layout made once; the other views are laid out here (their boxes
    /// hold words of the reader's language).
    fn draw(&mut self, src: &str, view: View, lang: &str, catalog: Option<&Catalog>) {
        let Some(laid_out) = &self.laid_out else {
            return;
        };
        let (d, layout) = &**laid_out;
        let english = describe::English;
        let wording = catalog.map(|catalog| DiagramWording { catalog, lang });
        let w: &dyn describe::Wording = match &wording {
            Some(w) => w,
            None => &english,
        };
        let (title, description) = (view.title(d, w), view.description(d, w));
        let opts = flowzap::svg::Options {
            title: &title,
            description: Some(&description),
            embed_style: false,
            decorative: false,
        };
        let svg = match view {
            View::Workflow => flowzap::svg::write(d, layout, src, &opts),
            _ => flowzap::view::render(d, src, view, &opts, w),
        };
        self.svg.insert((view, lang.to_string()), Arc::from(svg));
    }
}

/// Rendered diagrams keyed by their source text: a diagram that does not
/// change is never laid out again, across rebuilds of a session, and is
/// drawn again only for a view or a language it was not drawn for, or
/// when the catalog (the wording of its description) changed.
#[derive(Default)]
pub struct DiagramCache {
    map: HashMap<String, Arc<Diagram>>,
    renders: usize,
    /// The catalog the drawings were worded from.
    catalog: Option<u64>,
}

impl DiagramCache {
    /// Lay out and draw, in parallel, every `(source, view, language)` not
    /// in the cache yet.
    fn ensure<'a>(
        &mut self,
        wanted: impl Iterator<Item = (&'a str, View, &'a str)>,
        catalog: Option<&Catalog>,
    ) {
        let fingerprint = catalog.map(Catalog::fingerprint);
        if self.catalog != fingerprint {
            // New wording: keep the layouts, drop the drawings.
            for d in self.map.values_mut() {
                *d = Arc::new(d.copy(false));
            }
            self.catalog = fingerprint;
        }
        let mut need: BTreeMap<&str, BTreeSet<(View, &str)>> = BTreeMap::new();
        for (src, view, lang) in wanted {
            let drawn = self.map.get(src).is_some_and(|d| {
                d.laid_out.is_none() || d.svg.contains_key(&(view, lang.to_string()))
            });
            if !drawn {
                need.entry(src).or_default().insert((view, lang));
            }
        }
        let need: Vec<(&str, BTreeSet<(View, &str)>)> = need.into_iter().collect();
        let map = &self.map;
        let drawn: Vec<(String, Arc<Diagram>, bool)> = need
            .par_iter()
            .map(|(src, langs)| {
                let (mut d, fresh) = match map.get(*src) {
                    Some(old) => (old.copy(true), false),
                    None => (Diagram::lay_out(src), true),
                };
                for (view, lang) in langs {
                    d.draw(src, *view, lang, catalog);
                }
                (src.to_string(), Arc::new(d), fresh)
            })
            .collect();
        for (src, d, fresh) in drawn {
            self.renders += usize::from(fresh);
            self.map.insert(src, d);
        }
    }

    fn get(&self, source: &str) -> Option<&Arc<Diagram>> {
        self.map.get(source)
    }

    /// Forget diagrams no page uses any more.
    pub(crate) fn retain<'a>(&mut self, used: impl Iterator<Item = &'a str>) {
        let used: HashSet<&str> = used.collect();
        self.map.retain(|k, _| used.contains(k.as_str()));
    }

    /// Distinct diagrams held.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// How many diagrams this cache has rendered since it was created.
    pub fn renders(&self) -> usize {
        self.renders
    }
}

/// A Markdown file read, rendered, its diagrams in place.
#[derive(Clone)]
pub(crate) struct LoadedFile {
    pub file: SourceFile,
    pub body: Body,
    /// Hash of the body's HTML, for the incremental rebuild's fingerprints.
    pub body_hash: u64,
    /// The ```flowzap sources of the file, in order.
    pub diagrams: Vec<String>,
    /// Diagram errors and warnings, located in the file.
    pub problems: Vec<Error>,
}

pub(crate) use crate::util::hash_of;

/// Render the Markdown of `files` and their diagrams (through `cache`), in
/// parallel.
pub(crate) fn render_files(
    files: Vec<SourceFile>,
    config: &Config,
    catalog: Option<&Catalog>,
    cache: &mut DiagramCache,
) -> Vec<LoadedFile> {
    let rendered: Vec<Rendered> = files
        .par_iter()
        .map(|f| markdown::render(f.body(), f.body_start, &config.markdown))
        .collect();
    // Each fence in its view; a template's diagram in all three, for the
    // gallery's switcher.
    let wanted: Vec<(&str, View, &str)> = rendered
        .iter()
        .zip(&files)
        .flat_map(|(r, f)| {
            let switcher = shows_views(f, r);
            r.diagrams.iter().enumerate().flat_map(move |(k, d)| {
                let views = if switcher && k == 0 {
                    View::ALL.to_vec()
                } else {
                    vec![d.view]
                };
                views
                    .into_iter()
                    .map(move |v| (d.source.as_str(), v, f.lang.as_str()))
            })
        })
        .collect();
    cache.ensure(wanted.into_iter(), catalog);
    let cache = &*cache;
    files
        .into_par_iter()
        .zip(rendered)
        .map(|(file, r)| {
            let mut problems = Vec::new();
            let diagrams: Vec<Option<&Arc<Diagram>>> =
                r.diagrams.iter().map(|d| cache.get(&d.source)).collect();
            for (fence, d) in r.diagrams.iter().zip(&diagrams) {
                for diag in d.iter().flat_map(|d| &d.diagnostics) {
                    problems.push(Error::from_diagram(
                        &fence.locate(diag),
                        &file.display_path,
                        &file.source,
                    ));
                }
                if let Some(d) = d.filter(|d| d.omitted > 0) {
                    let at = fence.to_file_offset(0);
                    problems.push(
                        Error::warning(format!(
                            "this diagram has {} more problem(s) than the {} shown",
                            d.omitted,
                            flowzap::MAX_DIAGNOSTICS
                        ))
                        .at(
                            file.display_path.clone(),
                            &file.source,
                            at..at,
                        ),
                    );
                }
            }
            for fence in &r.diagrams {
                if let Some(u) = &fence.unknown_view {
                    problems.push(unknown_view(u, &file));
                }
            }
            let svgs: Vec<Arc<str>> = diagrams
                .iter()
                .zip(&r.diagrams)
                .map(|(d, fence)| {
                    d.map_or_else(|| Arc::from(""), |d| d.svg(fence.view, &file.lang))
                })
                .collect();
            let switcher = shows_views(&file, &r);
            let html = r.assemble_html(|k| {
                let svg = svgs.get(k).map_or("", |s| &**s);
                match diagrams.first().copied().flatten() {
                    Some(d) if k == 0 && switcher && !svg.is_empty() => {
                        views_block(d, &file.lang, catalog)
                    }
                    _ => markdown::figure(svg),
                }
            });
            let body_hash = hash_of(&html);
            let sources = r.diagrams.iter().map(|d| d.source.clone()).collect();
            let body_diagrams = r
                .diagrams
                .iter()
                .zip(diagrams.iter().zip(svgs))
                .map(|(fence, (d, svg))| BodyDiagram {
                    source: fence.source.clone(),
                    svg,
                    preview: d.map_or_else(|| Arc::from(""), |d| Arc::clone(&d.preview)),
                })
                .collect();
            LoadedFile {
                file,
                body: Body {
                    html: Arc::from(html),
                    headings: r.headings,
                    summary: r.summary,
                    word_count: r.word_count,
                    links: r.links,
                    diagrams: body_diagrams,
                },
                body_hash,
                diagrams: sources,
                problems,
            }
        })
        .collect()
}

/// Does this page show its first diagram in the three views? A template
/// of the gallery does: a page with a category and a diagram.
fn shows_views(file: &SourceFile, r: &Rendered) -> bool {
    file.front.category.is_some() && !r.diagrams.is_empty()
}

/// A fence's `view=` that names no view, as an error located on it.
fn unknown_view(u: &markdown::UnknownView, file: &SourceFile) -> Error {
    Error::new(format!("unknown diagram view `{}`", u.name))
        .at(file.display_path.clone(), &file.source, u.span.clone())
        .with_label("not a view")
        .with_hint("the views are `workflow` (the default), `sequence` and `architecture`")
}

/// The gallery's switcher over the three views of `d` for a reader of
/// `lang`.
fn views_block(d: &Diagram, lang: &str, catalog: Option<&Catalog>) -> String {
    let word = |key: &str, english: &str| {
        catalog.map_or_else(|| english.to_string(), |c| c.t(lang, key, &[]))
    };
    let names = [
        word("diagram-view-workflow", "Workflow"),
        word("diagram-view-sequence", "Sequence"),
        word("diagram-view-architecture", "Architecture"),
    ];
    let figures = [
        markdown::figure(&d.svg(View::Workflow, lang)),
        markdown::figure(&d.svg(View::Sequence, lang)),
        markdown::figure(&d.svg(View::Architecture, lang)),
    ];
    let drawn: Vec<crate::views::Drawn<'_>> = View::ALL
        .iter()
        .zip(names.iter().zip(&figures))
        .map(|(&view, (name, figure))| crate::views::Drawn { view, name, figure })
        .collect();
    crate::views::switcher(&word("diagram-views", "Diagram views"), &drawn)
}

/// One output page to render. Listings (sections and categories) take
/// one job per listing page, numbered from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Job {
    Entry(usize, usize),
    Category(usize, usize),
    NotFound,
}

/// Every output page of the site.
pub(crate) fn jobs(site: &Site) -> Vec<Job> {
    let entries = (0..site.entries.len())
        .flat_map(|i| (1..=site.entry_pagers(i)).map(move |k| Job::Entry(i, k)));
    let categories = (0..site.categories.len())
        .flat_map(|c| (1..=site.category_pagers(c)).map(move |k| Job::Category(c, k)));
    entries
        .chain(categories)
        .chain(std::iter::once(Job::NotFound))
        .collect()
}

/// The output file a job writes.
pub(crate) fn job_file(site: &Site, job: Job) -> String {
    match job {
        Job::Entry(i, k) => format!("{}index.html", pager_path(&site.entries[i].path, k)),
        Job::Category(c, k) => format!("{}index.html", pager_path(&site.categories[c].path, k)),
        Job::NotFound => "404.html".to_string(),
    }
}

/// A rendered, post-processed page.
pub(crate) struct Page {
    pub file: String,
    pub html: String,
    /// Entries the templates looked up with `get_page` / `get_section`.
    pub lookups: Vec<usize>,
}

/// Render and post-process one output page.
pub(crate) fn render_job(site: &Site, renderer: &Renderer, job: Job) -> Result<Page, Error> {
    let (out, lookups) = crate::theme::track_lookups(|| match job {
        Job::Entry(i, k) => renderer.render_entry(i, k),
        Job::Category(c, k) => renderer.render_category(c, k),
        Job::NotFound => renderer.render_404(),
    });
    let Output { file, html, lang } = out?;
    let resolve = |t: &str| site.resolve_url(t, &lang);
    let html = postprocess::process(
        &html,
        &Links {
            resolve: &resolve,
            base_url: &site.config.base_url,
        },
    )
    .map_err(|p| {
        let entry = match job {
            Job::Entry(i, _) => Some(i),
            _ => None,
        };
        postprocess_error(site, entry, &file, p)
    })?;
    Ok(Page {
        file,
        html,
        lookups,
    })
}

/// A generated file: highlight stylesheets, sitemap, robots.txt, and per
/// language the search index and the Atom feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Generated {
    SyntaxLight,
    SyntaxDark,
    Sitemap,
    Robots,
    /// The font diagram text is measured with, for the theme's @font-face.
    Font,
    /// The stylesheet inline diagrams rely on.
    DiagramCss,
    Search(String),
    Feed(String),
}

/// Every generated file with its path and a hash of the parts of the
/// model it is made from: when the hash stays, the file stays.
pub(crate) fn generated_files(site: &Site) -> Vec<(String, u64, Generated)> {
    let config = &site.config;
    let mut out = vec![
        (
            "syntax-light.css".to_string(),
            hash_of(&config.markdown.highlight_theme),
            Generated::SyntaxLight,
        ),
        (
            "syntax-dark.css".to_string(),
            hash_of(&config.markdown.highlight_theme_dark),
            Generated::SyntaxDark,
        ),
        (
            "robots.txt".to_string(),
            hash_of(&config.base_url),
            Generated::Robots,
        ),
        (super::FONT_FILE.to_string(), 0, Generated::Font),
        (super::DIAGRAM_CSS.to_string(), 0, Generated::DiagramCss),
    ];
    let sitemap = {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for (i, e) in site.entries.iter().enumerate() {
            (&e.url, &e.date, &e.translations, site.entry_pagers(i)).hash(&mut h);
        }
        for (c, cat) in site.categories.iter().enumerate() {
            (&cat.url, &cat.translations, site.category_pagers(c)).hash(&mut h);
        }
        h.finish()
    };
    out.push(("sitemap.xml".to_string(), sitemap, Generated::Sitemap));
    let per_lang: Vec<Vec<(String, u64, Generated)>> = config
        .languages
        .par_iter()
        .map(|l| {
            let mut search = std::collections::hash_map::DefaultHasher::new();
            let mut feed = std::collections::hash_map::DefaultHasher::new();
            for e in site.entries.iter().filter(|e| e.lang == l.code) {
                let common = (
                    (&e.key, e.kind, &e.url, &e.title, &e.description),
                    (&e.category, &e.body.summary),
                );
                common.hash(&mut search);
                (
                    &e.tags,
                    e.body.headings.iter().map(|h| &h.text).collect::<Vec<_>>(),
                )
                    .hash(&mut search);
                common.hash(&mut feed);
                (&e.date, &e.slug, &e.pages).hash(&mut feed);
            }
            vec![
                (
                    search::file_name(&l.code),
                    search.finish(),
                    Generated::Search(l.code.clone()),
                ),
                (
                    feed::path(site, &l.code),
                    feed.finish(),
                    Generated::Feed(l.code.clone()),
                ),
            ]
        })
        .collect();
    out.extend(per_lang.into_iter().flatten());
    out
}

/// The bytes of a generated file. A search index comes from `index`,
/// brought up to date (or made, when there is none yet).
pub(crate) fn generate(
    site: &Site,
    catalog: &Catalog,
    what: &Generated,
    index: &mut Option<search::Builder>,
) -> Vec<u8> {
    let config = &site.config;
    match what {
        Generated::SyntaxLight => highlight::stylesheet(&config.markdown.highlight_theme)
            .unwrap_or_default()
            .into_bytes(),
        Generated::SyntaxDark => highlight::stylesheet(&config.markdown.highlight_theme_dark)
            .unwrap_or_default()
            .into_bytes(),
        Generated::Sitemap => output::sitemap(sitemap_urls(site)).into_bytes(),
        Generated::Robots => output::robots(&config.link("sitemap.xml")).into_bytes(),
        Generated::Font => flowzap::text::FONT_OTF.to_vec(),
        Generated::DiagramCss => flowzap::svg::stylesheet().into_bytes(),
        Generated::Search(lang) => {
            let docs = search::docs(site, catalog, lang);
            let builder = match index.take() {
                Some(mut b) => {
                    b.update(docs);
                    b
                }
                None => search::Builder::new(lang, docs),
            };
            let json = builder.to_json().into_bytes();
            *index = Some(builder);
            json
        }
        Generated::Feed(lang) => feed::atom(site, lang).into_bytes(),
    }
}

/// A content asset keeps its place, with directory names slugged like the
/// pages beside it: `content/templates/x.png` → `templates/x.png`.
pub(crate) fn asset_path(rel: &str) -> String {
    let (dirs, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    let mut out: String = dirs
        .split('/')
        .filter(|d| !d.is_empty())
        .map(|d| {
            let s = crate::util::slugify(d);
            format!("{}/", if s.is_empty() { "_" } else { &s })
        })
        .collect();
    out.push_str(name);
    out
}

/// A failed post-processing pass as an error, located in the page's
/// Markdown when the missing target is written there.
fn postprocess_error(site: &Site, entry: Option<usize>, file: &str, p: Problem) -> Error {
    match p {
        Problem::Rewrite(reason) => Error::new(format!("cannot process `{file}`: {reason}")),
        Problem::MissingTargets(targets) => {
            let target = targets.first().cloned().unwrap_or_default();
            let message = format!("link target `@/{target}` does not exist");
            let located = entry.and_then(|i| {
                let e = &site.entries[i];
                let source = e.source.as_ref()?;
                let at = source.find(&format!("@/{target}"))?;
                Some(
                    Error::new(message.clone())
                        .at(&e.display_path, source, at..at + target.len() + 2)
                        .with_label("no such page"),
                )
            });
            located.unwrap_or_else(|| {
                Error::new(format!("{message} (in the template output `{file}`)"))
            })
        }
    }
}

/// Every output page with its translations, for the sitemap: numbered
/// listing pages too, each with the same page number of its translations.
fn sitemap_urls(site: &Site) -> Vec<SitemapUrl> {
    let mut urls = Vec::with_capacity(site.entries.len() + site.categories.len());
    for (i, e) in site.entries.iter().enumerate() {
        for k in 1..=site.entry_pagers(i) {
            urls.push(SitemapUrl {
                loc: site.config.link(&pager_path(&e.path, k)),
                lastmod: e.date.as_ref().map(|d| d.chars().take(10).collect()),
                alternates: site.entry_alternates(i, k),
            });
        }
    }
    for (c, cat) in site.categories.iter().enumerate() {
        for k in 1..=site.category_pagers(c) {
            urls.push(SitemapUrl {
                loc: site.config.link(&pager_path(&cat.path, k)),
                lastmod: None,
                alternates: site.category_alternates(c, k),
            });
        }
    }
    urls
}

/// Fingerprints of what each output page is made of, to find the pages an
/// edit changes. A listing shows its pages' summaries, so a page's
/// *summary* fingerprint is kept apart from its *own* (everything its
/// template receives).
pub(crate) struct Fingerprints {
    pub own: Vec<u64>,
    /// `own` without the section's pages: a numbered listing page adds
    /// the pages it shows.
    base: Vec<u64>,
    summary: Vec<u64>,
    /// Per language, what every page's navigation shows: the home page,
    /// its subsections and the language's categories.
    nav: HashMap<String, u64>,
}

impl Fingerprints {
    /// `body_hash` of entry `i`: see [`LoadedFile::body_hash`] (0 for a
    /// generated page).
    pub fn new(site: &Site, body_hash: impl Fn(usize) -> u64 + Sync) -> Fingerprints {
        let summary: Vec<u64> = site
            .entries
            .par_iter()
            .map(|e| {
                let category = e.category_index.map(|c| {
                    let c = &site.categories[c];
                    (&c.slug, &c.url, c.pages.len())
                });
                // Listings show the first diagram as a card preview.
                let preview = e.body.diagrams.first().map(|d| &d.source);
                hash_of((
                    (&e.key, &e.lang, &e.title, &e.description, &e.body.summary),
                    preview,
                    (&e.url, &e.path, &e.slug, &e.date, e.weight),
                    (category, &e.tags, e.reading_time, e.body.word_count),
                    (e.is_section(), e.pages.len()),
                ))
            })
            .collect();
        let nav: HashMap<String, u64> = site
            .config
            .languages
            .iter()
            .map(|l| {
                let home = site.home(&l.code);
                let subsections: Vec<u64> = home
                    .map(|h| {
                        site.entries[h]
                            .subsections
                            .iter()
                            .map(|&j| summary[j])
                            .collect()
                    })
                    .unwrap_or_default();
                // Every template also gets the language's categories.
                let categories: Vec<(&str, &str, usize)> = site
                    .categories
                    .iter()
                    .filter(|c| c.lang == l.code)
                    .map(|c| (c.slug.as_str(), c.url.as_str(), c.pages.len()))
                    .collect();
                let hash = hash_of((home.map(|h| summary[h]), subsections, categories));
                (l.code.clone(), hash)
            })
            .collect();
        let own: Vec<(u64, u64)> = (0..site.entries.len())
            .into_par_iter()
            .map(|i| {
                let e = &site.entries[i];
                let s = |list: &[usize]| list.iter().map(|&j| summary[j]).collect::<Vec<u64>>();
                // The language switcher of page k links to page k of each
                // translation that has one.
                let translations: Vec<(&str, &str, usize)> = e
                    .translations
                    .iter()
                    .map(|&t| {
                        let tr = &site.entries[t];
                        (tr.lang.as_str(), tr.url.as_str(), site.entry_pagers(t))
                    })
                    .collect();
                let related: Vec<(u64, bool)> = e
                    .related
                    .iter()
                    .map(|r| (summary[r.entry], r.fallback))
                    .collect();
                let extra = serde_json::to_string(&e.extra).unwrap_or_default();
                let base = hash_of((
                    (summary[i], body_hash(i), extra, &e.template),
                    (translations, e.parent.map(|p| summary[p])),
                    (s(&e.subsections), related),
                    (e.paginate_by, nav.get(&e.lang)),
                ));
                (base, hash_of((base, s(&e.pages))))
            })
            .collect();
        let (base, own) = own.into_iter().unzip();
        Fingerprints {
            own,
            base,
            summary,
            nav,
        }
    }

    /// The fingerprint of an output page, given the entries its templates
    /// looked up.
    pub fn of(&self, site: &Site, job: Job, lookups: &[usize]) -> u64 {
        let looked: Vec<u64> = lookups
            .iter()
            .map(|&i| self.own.get(i).copied().unwrap_or(0))
            .collect();
        match job {
            Job::Entry(i, k) => {
                let e = &site.entries[i];
                if e.paginate_by.is_some() {
                    let shown = pagination::pager_items(&e.pages, e.paginate_by, k);
                    let pages: Vec<u64> = shown.iter().map(|&p| self.summary[p]).collect();
                    let count = site.entry_pagers(i);
                    hash_of((self.base.get(i), k, count, pages, looked))
                } else {
                    hash_of((self.own.get(i), k, looked))
                }
            }
            Job::Category(c, k) => {
                let cat = &site.categories[c];
                let per = site.config.category_paginate_by;
                let pages: Vec<u64> = pagination::pager_items(&cat.pages, per, k)
                    .iter()
                    .map(|&p| self.summary[p])
                    .collect();
                let count = site.category_pagers(c);
                let translations: Vec<(&str, &str, usize)> = cat
                    .translations
                    .iter()
                    .map(|&t| {
                        let tr = &site.categories[t];
                        (tr.lang.as_str(), tr.url.as_str(), site.category_pagers(t))
                    })
                    .collect();
                let nav = self.nav.get(&cat.lang);
                // Its breadcrumb and "all" entry show the pages' section.
                let parent = cat
                    .pages
                    .first()
                    .and_then(|&p| site.entries[p].parent)
                    .map(|p| self.summary[p]);
                let paging = (k, count, cat.pages.len());
                hash_of((
                    (&cat.slug, &cat.lang, &cat.url),
                    (pages, translations, looked),
                    (nav, paging, parent),
                ))
            }
            Job::NotFound => hash_of((looked, self.nav.get(&site.config.default_language))),
        }
    }
}
