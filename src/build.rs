//! The build pipeline, top to bottom:
//!
//! 1. `site.toml` → [`Config`]; `i18n/*.ftl` → [`Catalog`]; theme templates parsed.
//! 2. `content/**` read and front matter parsed once ([`content::load`]).
//! 3. Markdown rendered in parallel; ```flowzap fences collected.
//! 4. Every *distinct* diagram parsed and rendered once, in parallel; its
//!    diagnostics located at each occurrence in its `.md` file.
//! 5. The [`Site`] model: URLs, translations, categories, related pages.
//! 6. Every page, section, category page and `404.html` rendered in
//!    parallel (one shared tera), post-processed and written to staging.
//! 7. Static files, highlight stylesheets, the diagram font, `sitemap.xml`, `robots.txt`.
//! 8. All errors reported together; only a clean build replaces the output.

use crate::config::Config;
use crate::content;
use crate::error::{self, Error};
use crate::i18n::Catalog;
use crate::markdown::{self, Rendered};
use crate::output::{self, SitemapUrl, Staging};
use crate::postprocess::{self, Links, Problem};
use crate::site::{Body, BodyDiagram, Site};
use crate::theme::{Output, Theme};
use crate::{flowzap, highlight};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Where the build writes the bundled Inter font (the one diagram text is
/// measured with), relative to the output directory.
pub const FONT_FILE: &str = "fonts/Inter-Regular.otf";
/// Where the build writes the stylesheet inline diagrams rely on.
pub const DIAGRAM_CSS: &str = "flowzap.css";

/// What to build and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site root (holding `site.toml`).
    pub root: PathBuf,
    /// Output directory; default: `output_dir` of `site.toml`, under the root.
    pub output: Option<PathBuf>,
    /// Include pages marked `draft = true`.
    pub drafts: bool,
    /// Replace `base_url` of `site.toml`.
    pub base_url: Option<String>,
    /// Fail when there are warnings.
    pub deny_warnings: bool,
    /// Show a progress bar (on a terminal).
    pub progress: bool,
}

impl Options {
    /// Build the site at `root` with the defaults of its `site.toml`.
    pub fn new(root: impl Into<PathBuf>) -> Options {
        Options {
            root: root.into(),
            output: None,
            drafts: false,
            base_url: None,
            deny_warnings: false,
            progress: false,
        }
    }
}

/// A successful build.
#[derive(Debug)]
pub struct Summary {
    /// Pages (not sections), all languages.
    pub pages: usize,
    pub sections: usize,
    pub category_pages: usize,
    pub languages: usize,
    /// ```flowzap blocks in the site.
    pub diagrams: usize,
    /// Distinct diagrams, each rendered once.
    pub distinct_diagrams: usize,
    /// Files written to the output directory.
    pub files: usize,
    pub drafts_skipped: usize,
    pub output: PathBuf,
    pub elapsed: Duration,
    /// Wall time of each stage, in order.
    pub timings: Vec<(&'static str, Duration)>,
    pub warnings: Vec<Error>,
}

/// Wall time per stage.
struct Timings {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Timings {
    fn new() -> Timings {
        Timings {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
    }
}

/// A failed build. Nothing was written.
#[derive(Debug)]
pub enum Failure {
    /// The input has errors (or warnings under `deny_warnings`), sorted by
    /// file and position.
    Input {
        errors: Vec<Error>,
        warnings: Vec<Error>,
    },
    /// Usage or I/O: one line.
    Other(String),
}

fn input(mut errors: Vec<Error>, mut warnings: Vec<Error>) -> Failure {
    error::sort(&mut errors);
    error::sort(&mut warnings);
    Failure::Input { errors, warnings }
}

/// The result of step 4 for one distinct diagram.
struct DiagramOut {
    svg: Arc<str>,
    preview: Arc<str>,
    diagnostics: Vec<flowzap::Diagnostic>,
}

/// Build the site described by `opts`.
pub fn build(opts: &Options) -> Result<Summary, Failure> {
    let start = Instant::now();
    let mut timings = Timings::new();
    if !opts.root.is_dir() {
        return Err(Failure::Other(format!(
            "the site root `{}` is not a directory",
            opts.root.display()
        )));
    }
    // 1. Configuration, translations, theme.
    let mut config = Config::load(&opts.root).map_err(|e| input(e, Vec::new()))?;
    if let Some(url) = &opts.base_url {
        config
            .set_base_url(url)
            .map_err(|reason| Failure::Other(format!("--base-url: {reason}")))?;
    }
    let out_dir = match &opts.output {
        Some(o) => o.clone(),
        None => opts.root.join(&config.output_dir),
    };
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let catalog = Catalog::load(&opts.root, &config)
        .map_err(|e| errors.extend(e))
        .ok();
    let theme = Theme::load(&opts.root, &config)
        .map_err(|e| errors.extend(e))
        .ok();

    timings.lap("config, i18n, theme");
    // 2. Content.
    let (content, content_errors) = content::load(&opts.root, &config, opts.drafts);
    errors.extend(content_errors);
    let files = content.files;

    timings.lap("content");
    // 3. Markdown, in parallel.
    let rendered: Vec<Rendered> = files
        .par_iter()
        .map(|f| markdown::render(f.body(), f.body_start, &config.markdown))
        .collect();

    timings.lap("markdown");
    // 4. Distinct diagrams, once each, in parallel. Each fence gets the
    // index of its distinct diagram (the map hashes the diagram's text).
    let mut distinct: HashMap<&str, usize> = HashMap::new();
    let mut sources: Vec<String> = Vec::new();
    let mut occurrences = 0;
    let fence_ids: Vec<Vec<usize>> = rendered
        .iter()
        .map(|r| {
            r.diagrams
                .iter()
                .map(|d| {
                    occurrences += 1;
                    *distinct.entry(d.source.as_str()).or_insert_with(|| {
                        sources.push(d.source.clone());
                        sources.len() - 1
                    })
                })
                .collect()
        })
        .collect();
    drop(distinct);
    let diagrams: Vec<DiagramOut> = sources
        .par_iter()
        .map(|src| {
            let parsed = flowzap::parse(src);
            // One layout, two drawings: the diagram, and the decorative copy
            // listings show as a card preview. Both rely on the diagram
            // stylesheet the theme links once per page.
            let (svg, preview) = if parsed.has_errors() {
                (Arc::from(""), Arc::from(""))
            } else {
                let d = &parsed.diagram;
                let layout = flowzap::layout(d);
                let title = flowzap::default_title(d);
                let draw = |decorative| {
                    let opts = flowzap::svg::Options {
                        title: &title,
                        embed_style: false,
                        decorative,
                    };
                    Arc::from(flowzap::svg::write(d, &layout, src, &opts))
                };
                (draw(false), draw(true))
            };
            DiagramOut {
                svg,
                preview,
                diagnostics: parsed.diagnostics,
            }
        })
        .collect();
    for ((f, r), ids) in files.iter().zip(&rendered).zip(&fence_ids) {
        for (fence, &i) in r.diagrams.iter().zip(ids) {
            for d in &diagrams[i].diagnostics {
                let e = Error::from_diagram(&fence.locate(d), &f.display_path, &f.source);
                if e.is_error() {
                    errors.push(e);
                } else {
                    warnings.push(e);
                }
            }
        }
    }
    let bodies: Vec<Body> = rendered
        .into_par_iter()
        .zip(fence_ids)
        .map(|(r, ids)| {
            let html = r.assemble(|k| ids.get(k).map_or("", |&i| &*diagrams[i].svg));
            let body_diagrams = r
                .diagrams
                .into_iter()
                .zip(&ids)
                .map(|(fence, &i)| BodyDiagram {
                    source: fence.source,
                    svg: Arc::clone(&diagrams[i].svg),
                    preview: Arc::clone(&diagrams[i].preview),
                })
                .collect();
            Body {
                html,
                headings: r.headings,
                summary: r.summary,
                word_count: r.word_count,
                links: r.links,
                diagrams: body_diagrams,
            }
        })
        .collect();
    let distinct_diagrams = diagrams.len();
    drop(diagrams);

    timings.lap("diagrams");
    // 5. The model (its link checks need every file, so not after errors).
    if !errors.is_empty() {
        return Err(input(errors, warnings));
    }
    let (site, site_warnings) = match Site::new(config, files, bodies) {
        Ok(s) => s,
        Err(e) => {
            errors.extend(e);
            return Err(input(errors, warnings));
        }
    };
    warnings.extend(site_warnings);
    let (Some(catalog), Some(theme)) = (catalog, theme) else {
        return Err(input(errors, warnings));
    };
    if !errors.is_empty() {
        return Err(input(errors, warnings));
    }
    let site = Arc::new(site);
    let catalog = Arc::new(catalog);
    let static_dirs = theme.static_dirs.clone();
    let renderer = theme.bind(Arc::clone(&site), Arc::clone(&catalog));

    timings.lap("site model");
    // 6. Render, post-process and write, in parallel.
    let staging = Staging::new(&out_dir).map_err(Failure::Other)?;
    #[derive(Clone, Copy)]
    enum Job {
        Entry(usize),
        Category(usize),
        NotFound,
    }
    let jobs: Vec<Job> = (0..site.entries.len())
        .map(Job::Entry)
        .chain((0..site.categories.len()).map(Job::Category))
        .chain(std::iter::once(Job::NotFound))
        .collect();
    let bar = if opts.progress {
        let bar = indicatif::ProgressBar::new(jobs.len() as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{spinner} rendering {pos}/{len} {wide_bar}")
        {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let base_url = site.config.base_url.clone();
    let results: Vec<Result<(), Error>> = jobs
        .par_iter()
        .map(|&job| {
            let out = match job {
                Job::Entry(i) => renderer.render_entry(i),
                Job::Category(c) => renderer.render_category(c),
                Job::NotFound => renderer.render_404(),
            }?;
            let Output { file, html, lang } = out;
            let resolve = |t: &str| site.resolve_url(t, &lang);
            let html = postprocess::process(
                &html,
                &Links {
                    resolve: &resolve,
                    base_url: &base_url,
                },
            )
            .map_err(|p| postprocess_error(&site, job_entry(job), &file, p))?;
            staging.write(&file, html.as_bytes()).map_err(Error::new)?;
            bar.inc(1);
            Ok(())
        })
        .collect();
    bar.finish_and_clear();
    fn job_entry(job: Job) -> Option<usize> {
        match job {
            Job::Entry(i) => Some(i),
            _ => None,
        }
    }
    for r in results {
        if let Err(e) = r {
            errors.push(e);
        }
    }
    let mut files_written = jobs.len();

    timings.lap("render and write");
    // 7. Static files, stylesheets, sitemap, robots, content assets.
    let mut write = |rel: &str, bytes: &[u8]| -> Result<(), Failure> {
        staging.write(rel, bytes).map_err(Failure::Other)?;
        files_written += 1;
        Ok(())
    };
    for (name, theme_name) in [
        ("syntax-light.css", &site.config.markdown.highlight_theme),
        (
            "syntax-dark.css",
            &site.config.markdown.highlight_theme_dark,
        ),
    ] {
        let css = highlight::stylesheet(theme_name).unwrap_or_default();
        write(name, css.as_bytes())?;
    }
    write(
        "sitemap.xml",
        output::sitemap(sitemap_urls(&site)).as_bytes(),
    )?;
    // The font the diagrams were measured with, for the theme's @font-face,
    // and the diagrams' stylesheet, linked once per page.
    write(FONT_FILE, flowzap::text::FONT_OTF)?;
    write(DIAGRAM_CSS, flowzap::svg::stylesheet().as_bytes())?;
    write(
        "robots.txt",
        output::robots(&site.config.link("sitemap.xml")).as_bytes(),
    )?;
    for dir in &static_dirs {
        files_written += staging.copy_tree(dir).map_err(Failure::Other)?;
    }
    for asset in &content.assets {
        let rel = asset_path(&asset.rel_path);
        staging.copy(&asset.src, &rel).map_err(Failure::Other)?;
        files_written += 1;
    }

    timings.lap("static, sitemap");
    // 8. Report or commit.
    warnings.extend(catalog.report());
    if !errors.is_empty() || (opts.deny_warnings && !warnings.is_empty()) {
        return Err(input(errors, warnings));
    }
    staging.commit().map_err(Failure::Other)?;
    timings.lap("commit");
    error::sort(&mut warnings);
    let sections = site.entries.iter().filter(|e| e.is_section()).count();
    Ok(Summary {
        pages: site.page_count(),
        sections,
        category_pages: site.categories.len(),
        languages: site.config.languages.len(),
        diagrams: occurrences,
        distinct_diagrams,
        files: files_written,
        drafts_skipped: content.drafts_skipped,
        output: out_dir,
        elapsed: start.elapsed(),
        timings: timings.laps,
        warnings,
    })
}

/// A content asset keeps its place, with directory names slugged like the
/// pages beside it: `content/templates/x.png` → `templates/x.png`.
fn asset_path(rel: &str) -> String {
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

/// Every output page with its translations, for the sitemap.
fn sitemap_urls(site: &Site) -> Vec<SitemapUrl> {
    let mut urls = Vec::with_capacity(site.entries.len() + site.categories.len());
    for e in &site.entries {
        urls.push(SitemapUrl {
            loc: e.url.clone(),
            lastmod: e.date.as_ref().map(|d| d.chars().take(10).collect()),
            alternates: e
                .translations
                .iter()
                .map(|&t| (site.entries[t].lang.clone(), site.entries[t].url.clone()))
                .collect(),
        });
    }
    for c in &site.categories {
        urls.push(SitemapUrl {
            loc: c.url.clone(),
            lastmod: None,
            alternates: c
                .translations
                .iter()
                .map(|&t| {
                    (
                        site.categories[t].lang.clone(),
                        site.categories[t].url.clone(),
                    )
                })
                .collect(),
        });
    }
    urls
}
