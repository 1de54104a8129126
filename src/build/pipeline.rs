//! The stages of the pipeline as functions, shared by the one-shot build
//! and the in-memory [`super::Session`] of `zapdoc serve`.

use crate::config::Config;
use crate::content::SourceFile;
use crate::error::Error;
use crate::flowzap::describe;
use crate::i18n::{Catalog, DiagramWording};
use crate::links::Unloaded;
use crate::markdown::{self, Rendered};
use crate::output::SitemapUrl;
use crate::pagination::pager_path;
use crate::postprocess::{self, Links, Problem};
use crate::site::{Body, BodyDiagram, CategoryId, EntryId, Site, Stats};
use crate::theme::{Output, Prepared, Renderer};
use crate::{feed, flowzap, highlight, output, search};
use flowzap::View;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// One distinct diagram: laid out once, drawn once per view and reader
/// language (its accessible title and description are in that language)
/// and once as a decorative card preview.
pub(crate) struct CachedDiagram {
    svg: BTreeMap<(View, String), Arc<str>>,
    /// The same drawing as a decorative card preview.
    pub preview: Arc<str>,
    /// Lanes, nodes and edges; `None` for a diagram with errors.
    pub stats: Option<Stats>,
    pub diagnostics: Vec<flowzap::Diagnostic>,
    /// Diagnostics past the cap, not kept ([`flowzap::Parsed::omitted`]).
    pub omitted: usize,
    /// What later languages are drawn from; `None` for a diagram with
    /// errors, which draws as nothing.
    laid_out: Option<Arc<(flowzap::Diagram, flowzap::Layout)>>,
}

impl CachedDiagram {
    /// The drawing in `view` for a reader of `lang` (empty for a diagram
    /// with errors).
    pub fn svg(&self, view: View, lang: &str) -> Arc<str> {
        self.svg
            .get(&(view, lang.to_string()))
            .cloned()
            .unwrap_or_else(|| Arc::from(""))
    }

    fn lay_out(src: &str) -> CachedDiagram {
        let parsed = flowzap::parse(src);
        if parsed.has_errors() {
            return CachedDiagram {
                svg: BTreeMap::new(),
                preview: Arc::from(""),
                stats: None,
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
        let stats = Some(Stats {
            lanes: parsed.diagram.lanes.len(),
            steps: parsed.diagram.nodes.len(),
            connectors: parsed.diagram.edges.len(),
        });
        CachedDiagram {
            svg: BTreeMap::new(),
            preview,
            stats,
            diagnostics: parsed.diagnostics,
            omitted: parsed.omitted,
            laid_out: Some(Arc::new((parsed.diagram, layout))),
        }
    }

    /// A copy to add drawings to, with the drawings made so far or none.
    fn copy(&self, with_drawings: bool) -> CachedDiagram {
        CachedDiagram {
            svg: if with_drawings {
                self.svg.clone()
            } else {
                BTreeMap::new()
            },
            preview: Arc::clone(&self.preview),
            stats: self.stats,
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
    map: HashMap<String, Arc<CachedDiagram>>,
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
        let drawn: Vec<(String, Arc<CachedDiagram>, bool)> = need
            .par_iter()
            .map(|(src, langs)| {
                let (mut d, fresh) = match map.get(*src) {
                    Some(old) => (old.copy(true), false),
                    None => (CachedDiagram::lay_out(src), true),
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

    fn get(&self, source: &str) -> Option<&Arc<CachedDiagram>> {
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
        .map(|(file, r)| assemble(file, r, cache, config, catalog))
        .collect()
}

/// One file's body: its Markdown with each diagram drawn in place (and,
/// for a template, the three views), the files written beside it, and its
/// diagrams' problems located in the file.
fn assemble(
    file: SourceFile,
    r: Rendered,
    cache: &DiagramCache,
    config: &Config,
    catalog: Option<&Catalog>,
) -> LoadedFile {
    let diagrams: Vec<Option<&Arc<CachedDiagram>>> =
        r.diagrams.iter().map(|d| cache.get(&d.source)).collect();
    let problems = diagram_problems(&file, &r, &diagrams);
    let svgs: Vec<Arc<str>> = diagrams
        .iter()
        .zip(&r.diagrams)
        .map(|(d, fence)| d.map_or_else(|| Arc::from(""), |d| d.svg(fence.view, &file.lang)))
        .collect();
    // Each drawing is also written beside the page as a file of
    // its own, which the figure links to.
    let place = crate::site::entry_path(config, &file).ok();
    let files: Vec<Option<String>> = svgs
        .iter()
        .enumerate()
        .map(|(k, svg)| {
            let (slug, path) = place.as_ref()?;
            (!svg.is_empty()).then(|| diagram_file(path, slug, k))
        })
        .collect();
    let urls: Vec<Option<String>> = files
        .iter()
        .map(|f| f.as_deref().map(|f| config.link(f)))
        .collect();
    let link_text = catalog.map_or_else(
        || "Download SVG".to_string(),
        |c| c.t(&file.lang, "diagram-svg", &[]),
    );
    let switcher = shows_views(&file, &r);
    let html = r.assemble_html(|k| {
        let svg = svgs.get(k).map_or("", |s| &**s);
        let link = urls
            .get(k)
            .and_then(|u| u.as_deref())
            .map(|url| markdown::SvgLink {
                url,
                text: &link_text,
            });
        match diagrams.first().copied().flatten() {
            Some(d) if k == 0 && switcher && !svg.is_empty() => {
                let workflow = d.svg(View::Workflow, &file.lang);
                let link = link.filter(|_| r.diagrams[0].view == View::Workflow);
                let figure = markdown::figure(&workflow, link);
                views_block(d, figure, &file.lang, catalog)
            }
            _ => markdown::figure(svg, link),
        }
    });
    let chars = {
        let all: BTreeSet<char> = r
            .diagrams
            .iter()
            .flat_map(|d| crate::font::extra_chars(&d.source))
            .collect();
        all.into_iter().collect()
    };
    let fz_file = place
        .as_ref()
        .filter(|_| !r.diagrams.is_empty())
        .map(|(slug, path)| format!("{path}{}.fz", file_stem(slug)));
    let body_hash = hash_of(&html);
    let sources = r.diagrams.iter().map(|d| d.source.clone()).collect();
    let body_diagrams = r
        .diagrams
        .iter()
        .zip(diagrams.iter().zip(svgs))
        .zip(files)
        .map(|((fence, (d, svg)), file)| BodyDiagram {
            source: fence.source.clone(),
            svg,
            preview: d.map_or_else(|| Arc::from(""), |d| Arc::clone(&d.preview)),
            stats: d.and_then(|d| d.stats),
            file,
        })
        .collect();
    LoadedFile {
        file,
        body: Body {
            html_hash: body_hash,
            html: Arc::from(html),
            headings: r.headings,
            summary: r.summary,
            word_count: r.word_count,
            links: r.links,
            diagrams: body_diagrams,
            fz_file,
            chars,
        },
        diagrams: sources,
        problems,
    }
}

/// The problems of a file's diagrams, located in the file: each
/// diagnostic, a note when some were left out past the cap, and unknown
/// views in fence info strings.
fn diagram_problems(
    file: &SourceFile,
    r: &Rendered,
    diagrams: &[Option<&Arc<CachedDiagram>>],
) -> Vec<Error> {
    let mut problems = Vec::new();
    for (fence, d) in r.diagrams.iter().zip(diagrams) {
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
                .at(file.display_path.clone(), &file.source, at..at),
            );
        }
    }
    for fence in &r.diagrams {
        if let Some(u) = &fence.unknown_view {
            problems.push(unknown_view(u, file));
        }
    }
    problems
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
/// `lang`, the workflow's figure given (with its link to the SVG file).
fn views_block(
    d: &CachedDiagram,
    workflow: String,
    lang: &str,
    catalog: Option<&Catalog>,
) -> String {
    let word = |key: &str, english: &str| {
        catalog.map_or_else(|| english.to_string(), |c| c.t(lang, key, &[]))
    };
    let names = [
        word("diagram-view-workflow", "Workflow"),
        word("diagram-view-sequence", "Sequence"),
        word("diagram-view-architecture", "Architecture"),
    ];
    let figures = [
        workflow,
        markdown::figure(&d.svg(View::Sequence, lang), None),
        markdown::figure(&d.svg(View::Architecture, lang), None),
    ];
    let drawn: Vec<crate::views::Drawn<'_>> = View::ALL
        .iter()
        .zip(names.iter().zip(&figures))
        .map(|(&view, (name, figure))| crate::views::Drawn { view, name, figure })
        .collect();
    crate::views::switcher(&word("diagram-views", "Diagram views"), &drawn)
}

/// The name files written beside a page start with: its slug, or
/// `diagram` for a home page.
fn file_stem(slug: &str) -> &str {
    if slug.is_empty() { "diagram" } else { slug }
}

/// Where diagram `k` (from 0) of the page at site path `path` is written
/// as a standalone SVG: `templates/x/x.svg`, then `templates/x/x-2.svg`…
pub(crate) fn diagram_file(path: &str, slug: &str, k: usize) -> String {
    let stem = file_stem(slug);
    if k == 0 {
        format!("{path}{stem}.svg")
    } else {
        format!("{path}{stem}-{}.svg", k + 1)
    }
}

/// A drawing made for a page, which links the diagram stylesheet once, as
/// a standalone file: the stylesheet embedded after its title and
/// description, as [`flowzap::svg::Options::embed_style`] writes it.
pub(crate) fn standalone_svg(svg: &str) -> String {
    let style = format!("<style>{}</style>", flowzap::svg::stylesheet());
    let at = svg
        .find("</desc>")
        .map(|i| i + "</desc>".len())
        .or_else(|| svg.find('>').map(|i| i + 1))
        .unwrap_or(0);
    let mut out = String::with_capacity(svg.len() + style.len());
    out.push_str(&svg[..at]);
    out.push_str(&style);
    out.push_str(&svg[at..]);
    out
}

/// The files an output page writes beside it: on an entry's first page,
/// each diagram's standalone SVG and the first diagram's code as `.fz`,
/// exactly as the page shows it; nothing for other pages.
pub(crate) fn job_extras(site: &Site, job: Job) -> Vec<(String, Vec<u8>)> {
    let Job::Entry(i, 1) = job else {
        return Vec::new();
    };
    let body = &site.entries[i].body;
    let mut out: Vec<(String, Vec<u8>)> = body
        .diagrams
        .iter()
        .filter_map(|d| {
            let file = d.file.as_ref()?;
            Some((file.clone(), standalone_svg(&d.svg).into_bytes()))
        })
        .collect();
    if let (Some(file), Some(d)) = (&body.fz_file, body.diagrams.first()) {
        out.push((
            file.clone(),
            d.source.replace('\0', "\u{FFFD}").into_bytes(),
        ));
    }
    out
}

/// One output page to render. Listings (sections and categories) take
/// one job per listing page, numbered from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Job {
    /// An entry's listing page `k` (1 for a page).
    Entry(EntryId, usize),
    /// A category's listing page `k`.
    Category(CategoryId, usize),
    /// The 404 page of the language at this index of the configuration.
    NotFound(usize),
}

/// Every output page of the site.
pub(crate) fn jobs(site: &Site) -> Vec<Job> {
    let entries = site
        .entries
        .keys()
        .flat_map(|i| (1..=site.entry_pagers(i)).map(move |k| Job::Entry(i, k)));
    let categories = site
        .categories
        .keys()
        .flat_map(|c| (1..=site.category_pagers(c)).map(move |k| Job::Category(c, k)));
    entries
        .chain(categories)
        .chain((0..site.config.languages.len()).map(Job::NotFound))
        .collect()
}

/// The output file a job writes.
pub(crate) fn job_file(site: &Site, job: Job) -> String {
    match job {
        Job::Entry(i, k) => format!("{}index.html", pager_path(&site.entries[i].path, k)),
        Job::Category(c, k) => format!("{}index.html", pager_path(&site.categories[c].path, k)),
        Job::NotFound(l) => not_found_file(site, l),
    }
}

/// The 404 page of the language at index `l`: `404.html` for the default
/// language, `zh/404.html`… for the others (a host serves the root one;
/// see the configuration docs for pointing it at the others).
pub(crate) fn not_found_file(site: &Site, l: usize) -> String {
    let code = &site.config.languages[l].code;
    format!("{}404.html", site.config.lang_prefix(code))
}

/// A rendered, post-processed page.
pub(crate) struct Page {
    pub file: String,
    pub html: String,
}

/// What a page was made of, recorded by [`render_traced`] for the
/// incremental layer.
pub(crate) struct Trace {
    /// Entries the templates looked up with `get_page` / `get_section`.
    pub lookups: Vec<EntryId>,
    /// See [`fingerprint`].
    pub fingerprint: u64,
}

/// The page a job renders, prepared: its template and what it receives.
pub(crate) fn prepare<'a>(site: &'a Site, renderer: &'a Renderer, job: Job) -> Prepared<'a> {
    match job {
        Job::Entry(i, k) => renderer.prepare_entry(i, k),
        Job::Category(c, k) => renderer.prepare_category(c, k),
        Job::NotFound(l) => renderer.prepare_404(&site.config.languages[l].code),
    }
}

/// A fingerprint of everything an output page is made of: what its
/// template receives and the entries it looked up. `zapdoc serve` renders
/// again the pages whose fingerprint changed.
pub(crate) fn fingerprint(site: &Site, renderer: &Renderer, job: Job, lookups: &[EntryId]) -> u64 {
    let page = prepare(site, renderer, job);
    hash_of((renderer.context_hash(&page), renderer.lookups_hash(lookups)))
}

/// Render and post-process one output page.
/// Links to `unloaded` files (which `check` reports on their own) count
/// as resolved.
pub(crate) fn render_job(
    site: &Site,
    renderer: &Renderer,
    job: Job,
    unloaded: &Unloaded,
) -> Result<Page, Error> {
    let out = renderer.render(prepare(site, renderer, job))?;
    postprocess_job(site, renderer, job, out, unloaded)
}

/// [`render_job`], and what the page was made of: the incremental layer
/// compares it with a later [`fingerprint`] to tell whether the page
/// must be rendered again.
pub(crate) fn render_traced(
    site: &Site,
    renderer: &Renderer,
    job: Job,
    unloaded: &Unloaded,
) -> Result<(Page, Trace), Error> {
    let page = prepare(site, renderer, job);
    let context = renderer.context_hash(&page);
    let (out, lookups) = crate::theme::track_lookups(|| renderer.render(page));
    let fingerprint = hash_of((context, renderer.lookups_hash(&lookups)));
    let page = postprocess_job(site, renderer, job, out?, unloaded)?;
    Ok((
        page,
        Trace {
            lookups,
            fingerprint,
        },
    ))
}

/// Resolve the links of a rendered page and add its heading anchors.
fn postprocess_job(
    site: &Site,
    renderer: &Renderer,
    job: Job,
    out: Output,
    unloaded: &Unloaded,
) -> Result<Page, Error> {
    let Output { file, html, lang } = out;
    let resolve = |t: &str| {
        site.resolve_url(t, &lang)
            .or_else(|| unloaded.names(t).then(String::new))
    };
    let anchor_label = renderer.t(&lang, "anchor-link");
    let html = postprocess::process(
        &html,
        &Links {
            resolve: &resolve,
            base_url: &site.config.base_url,
            anchor_label: &anchor_label,
        },
    )
    .map_err(|p| {
        let entry = match job {
            Job::Entry(i, _) => Some(i),
            _ => None,
        };
        postprocess_error(site, entry, &file, p)
    })?;
    Ok(Page { file, html })
}

/// A generated file: highlight stylesheets, sitemap, robots.txt, and per
/// language the search index and the Atom feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Generated {
    SyntaxLight,
    SyntaxDark,
    Sitemap,
    Robots,
    /// The font diagram text is measured with, cut to the glyphs the
    /// site's diagrams draw, for the theme's @font-face.
    Font,
    /// The stylesheet inline diagrams rely on.
    DiagramCss,
    Search(String),
    Feed(String),
}

/// Every generated file with its path.
pub(crate) fn generated_files(site: &Site) -> Vec<(String, Generated)> {
    let config = &site.config;
    let mut out = vec![
        ("syntax-light.css".to_string(), Generated::SyntaxLight),
        ("syntax-dark.css".to_string(), Generated::SyntaxDark),
        ("robots.txt".to_string(), Generated::Robots),
        (super::FONT_FILE.to_string(), Generated::Font),
        (super::DIAGRAM_CSS.to_string(), Generated::DiagramCss),
    ];
    // A sitemap lists absolute URLs or is no sitemap: without an absolute
    // `base_url` there is none (the build says so, see [`base_url_note`]).
    if config.has_absolute_base_url() {
        out.push(("sitemap.xml".to_string(), Generated::Sitemap));
    }
    for l in &config.languages {
        out.push((
            search::file_name(&l.code),
            Generated::Search(l.code.clone()),
        ));
        out.push((feed::path(site, &l.code), Generated::Feed(l.code.clone())));
    }
    out
}

/// A hash of the parts of the model a generated file is made from: when
/// the hash stays, the file stays. For the incremental layer.
pub(crate) fn generated_input(site: &Site, what: &Generated) -> u64 {
    let config = &site.config;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    match what {
        Generated::SyntaxLight => config.markdown.highlight_theme.hash(&mut h),
        Generated::SyntaxDark => config.markdown.highlight_theme_dark.hash(&mut h),
        Generated::Robots => config.base_url.hash(&mut h),
        Generated::Font => font_chars(site).hash(&mut h),
        Generated::DiagramCss => {}
        Generated::Sitemap => {
            for (i, e) in site.entries.iter_enumerated() {
                (&e.url, &e.date, &e.translations, site.entry_pagers(i)).hash(&mut h);
            }
            for (c, cat) in site.categories.iter_enumerated() {
                (&cat.url, &cat.translations, site.category_pagers(c)).hash(&mut h);
            }
        }
        Generated::Search(lang) => {
            for e in site.entries.iter().filter(|e| &e.lang == lang) {
                (
                    (&e.key, e.kind, &e.url, &e.title, &e.description),
                    (&e.category, &e.body.summary, &e.tags),
                    e.body.headings.iter().map(|h| &h.text).collect::<Vec<_>>(),
                )
                    .hash(&mut h);
            }
        }
        Generated::Feed(lang) => {
            for e in site.entries.iter().filter(|e| &e.lang == lang) {
                (
                    (&e.key, e.kind, &e.url, &e.title, &e.description),
                    (&e.category, &e.body.summary),
                    (&e.date, &e.slug, &e.pages),
                )
                    .hash(&mut h);
            }
        }
    }
    h.finish()
}

/// What a build says about a root-relative `base_url`: the files that need
/// absolute URLs, and how to get them. `None` when `base_url` is absolute.
pub(crate) fn base_url_note(config: &Config) -> Option<String> {
    (!config.has_absolute_base_url()).then(|| {
        format!(
            "`base_url` is `{}`, not an absolute URL: sitemap.xml is not written and the Atom feeds' \
             ids are URNs instead of page URLs; set `base_url = \"https://…/\"` in site.toml, or \
             pass `--base-url`, for the site's public address",
            config.base_url
        )
    })
}

/// The characters beyond printable ASCII of every diagram of the site.
pub(crate) fn font_chars(site: &Site) -> BTreeSet<char> {
    site.entries
        .iter()
        .flat_map(|e| e.body.chars.iter().copied())
        .collect()
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
        Generated::SyntaxLight => highlight::stylesheet(
            &config.markdown.highlight_theme,
            highlight::LIGHT_BACKGROUND,
        )
        .unwrap_or_default()
        .into_bytes(),
        Generated::SyntaxDark => highlight::stylesheet(
            &config.markdown.highlight_theme_dark,
            highlight::DARK_BACKGROUND,
        )
        .unwrap_or_default()
        .into_bytes(),
        Generated::Sitemap => output::sitemap(sitemap_urls(site)).into_bytes(),
        Generated::Robots => output::robots(&config.link("sitemap.xml")).into_bytes(),
        // The bundled font always subsets (a unit test says so); were it
        // ever not to, the whole font is served rather than none.
        Generated::Font => crate::font::subset_woff2(font_chars(site))
            .or_else(|_| {
                ttf2woff2::encode(flowzap::text::FONT_OTF, Default::default())
                    .map_err(|e| e.to_string())
            })
            .unwrap_or_default(),
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
fn postprocess_error(site: &Site, entry: Option<EntryId>, file: &str, p: Problem) -> Error {
    match p {
        Problem::Rewrite(reason) => Error::new(format!("cannot process `{file}`: {reason}")),
        Problem::MissingTargets(targets) => {
            let target = targets.first().cloned().unwrap_or_default();
            let message = format!("link target `@/{target}` does not exist");
            // A link of the page's own text is located where it was
            // written; otherwise the template wrote it.
            let located = entry.and_then(|i| {
                let e = &site.entries[i];
                let source = e.source.as_ref()?;
                let link = e
                    .body
                    .links
                    .iter()
                    .find(|l| l.internal() == Some(&target))?;
                Some(
                    Error::new(message.clone())
                        .at(&e.display_path, source, link.span.clone())
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
    for (i, e) in site.entries.iter_enumerated() {
        for k in 1..=site.entry_pagers(i) {
            urls.push(SitemapUrl {
                loc: site.config.link(&pager_path(&e.path, k)),
                lastmod: e.date.as_ref().map(|d| d.chars().take(10).collect()),
                alternates: site.entry_alternates(i, k),
            });
        }
    }
    for (c, cat) in site.categories.iter_enumerated() {
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
