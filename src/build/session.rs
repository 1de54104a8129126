//! A build kept in memory: every file read and rendered, the diagram cache,
//! the site model and the bound theme. [`Session::write_all`] writes the
//! whole site (what `zapdoc build` does); [`Session::update`] takes the
//! files that changed on disk and rebuilds only what they affect, writing
//! only the output files whose inputs changed (what `zapdoc serve` does).
//!
//! How an update finds its work:
//!
//! - a changed Markdown file is re-read and re-rendered alone; its diagrams
//!   come from the cache when their text did not change;
//! - the model is patched in place ([`Site::patch`]) when the structure
//!   stays (same pages, same related-score inputs), else rebuilt from the
//!   files in memory;
//! - every output page has a fingerprint of what its template receives,
//!   hashed from the very values the template is given
//!   ([`crate::theme`]'s typed values), and of the pages its templates
//!   looked up with `get_page`/`get_section`. Pages whose fingerprint
//!   changed are rendered and written; the others are not touched;
//! - the theme, `i18n/`, `templates/`, `static/` or `site.toml` changing
//!   rebuilds the model in memory (diagrams still from the cache) and
//!   rewrites the pages.
//!
//! A failed update (a broken diagram, a missing link target, a template
//! error) writes nothing and keeps the last good site and model.

use super::pipeline::{self, DiagramCache, Job, LoadedFile};
use super::{Failure, Options, Summary, Timings, input};
use crate::config::Config;
use crate::content::{self, Asset, CONTENT_DIR};
use crate::error::Error;
use crate::i18n::Catalog;
use crate::links::{self, Outputs, Unloaded};
use crate::output::{self, Staging};
use crate::search;
use crate::site::Site;
use crate::theme::{Renderer, Theme};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What an output page was last made of.
struct Made {
    fingerprint: u64,
    /// Entries looked up by its templates, as (key, language): indices
    /// change when the model is rebuilt.
    lookups: Vec<(String, String)>,
    /// Files written beside it ([`pipeline::job_extras`]): diagrams' SVG
    /// files and the `.fz` code, removed when the page no longer has them.
    extras: Vec<String>,
}

/// A site loaded in memory, ready to write and to update.
pub struct Session {
    opts: Options,
    config: Config,
    out_dir: PathBuf,
    catalog: Arc<Catalog>,
    /// The parsed theme, never bound: each model gets a fresh copy.
    theme: Theme,
    /// By path below `content/`.
    files: BTreeMap<String, LoadedFile>,
    assets: Vec<Asset>,
    /// Content files that could not be read (their errors are reported):
    /// the session of such a site serves `check`, never a build.
    unreadable: Vec<String>,
    /// The same, as links name them.
    unloaded: Unloaded,
    drafts_skipped: usize,
    cache: DiagramCache,
    site: Arc<Site>,
    renderer: Option<Renderer>,
    /// Output page file → what it was made of, for pages on disk.
    made: HashMap<String, Made>,
    /// Generated file (sitemap, index, feed…) → hash of the model parts it
    /// was made from.
    generated: HashMap<String, u64>,
    /// Per language, the search index in memory, patched on updates.
    indexes: HashMap<String, search::Builder>,
    warnings: Vec<Error>,
    timings: Vec<(&'static str, Duration)>,
    started: Instant,
    /// Markdown updates so far, to prune the diagram cache now and then.
    updates: usize,
}

/// A generated file written: its path, the hash of its inputs, and the
/// search index it came from (language, index) when it is one.
type GeneratedOut = (String, u64, Option<(String, search::Builder)>);

/// Prune the diagram cache every this many patched updates.
const PRUNE_EVERY: usize = 32;

/// The outcome of loading a site, for `zapdoc check`: the session when the
/// model could be built, and every problem found on the way.
pub struct Attempt {
    pub session: Option<Session>,
    pub errors: Vec<Error>,
    pub warnings: Vec<Error>,
}

/// What [`Session::update`] did.
#[derive(Debug, Default)]
pub struct Update {
    /// Output files written, relative to the output directory, sorted.
    pub written: Vec<String>,
    /// Output files removed.
    pub removed: Vec<String>,
    /// Whether the whole model was rebuilt (theme, configuration or a
    /// structural content change) rather than patched.
    pub rebuilt_model: bool,
    /// Diagrams rendered by this update (others came from the cache).
    pub diagrams_rendered: usize,
    pub elapsed: Duration,
    /// Wall time of each step, in order.
    pub timings: Vec<(&'static str, Duration)>,
    pub warnings: Vec<Error>,
}

impl Update {
    /// Nothing was written or removed.
    pub fn is_empty(&self) -> bool {
        self.written.is_empty() && self.removed.is_empty()
    }
}

/// How a changed path is handled.
enum Change {
    Markdown(String),
    Asset(String),
    Everything,
}

impl Session {
    /// Load the site at `opts.root` in memory. Nothing is written.
    pub fn open(opts: &Options) -> Result<Session, Failure> {
        let mut cache = DiagramCache::default();
        let attempt = Session::attempt(opts, &mut cache)?;
        match attempt {
            Attempt {
                session: Some(session),
                errors,
                ..
            } if errors.is_empty() => Ok(session),
            Attempt {
                errors, warnings, ..
            } => Err(input(errors, warnings)),
        }
    }

    /// Load the site as far as it goes, rendering diagrams through `cache`
    /// (taken by the session when there is one). `Err` only for usage and
    /// I/O problems; problems of the input are in the [`Attempt`].
    pub fn attempt(opts: &Options, cache: &mut DiagramCache) -> Result<Attempt, Failure> {
        let started = Instant::now();
        let mut timings = Timings::new();
        let fail = |errors: Vec<Error>, warnings: Vec<Error>| {
            let mut errors = errors;
            let mut warnings = warnings;
            crate::error::sort(&mut errors);
            crate::error::sort(&mut warnings);
            Ok(Attempt {
                session: None,
                errors,
                warnings,
            })
        };
        if !opts.root.is_dir() {
            return Err(Failure::Other(format!(
                "the site root `{}` is not a directory",
                opts.root.display()
            )));
        }
        // 1. Configuration, translations, theme.
        let mut config = match Config::load(&opts.root) {
            Ok(c) => c,
            Err(errors) => return fail(errors, Vec::new()),
        };
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
        timings.lap("content");

        // 3, 4. Markdown and diagrams.
        let loaded = pipeline::render_files(content.files, &config, catalog.as_ref(), cache);
        for f in &loaded {
            for p in &f.problems {
                if p.is_error() {
                    errors.push(p.clone());
                } else {
                    warnings.push(p.clone());
                }
            }
        }
        timings.lap("markdown and diagrams");

        // 5. The model, of the files that could be read: a page with bad
        // front matter leaves the others' problems (links, anchors,
        // translations) to report in the same run. Links to it are not
        // broken; its own error stands, and the build stops on it.
        let unloaded = Unloaded::new(content.failed.iter().map(String::as_str), &config);
        let files: Vec<_> = loaded.iter().map(|f| f.file.clone()).collect();
        let bodies: Vec<_> = loaded.iter().map(|f| f.body.clone()).collect();
        let site = match Site::new(config.clone(), files, bodies) {
            Ok((site, site_warnings)) => {
                warnings.extend(site_warnings);
                errors.extend(links::internal(&site, &unloaded));
                site
            }
            Err(e) => {
                errors.extend(e);
                return fail(errors, warnings);
            }
        };
        let (Some(catalog), Some(theme)) = (catalog, theme) else {
            return fail(errors, warnings);
        };
        let files: BTreeMap<String, LoadedFile> = loaded
            .into_iter()
            .map(|f| (f.file.rel_path.clone(), f))
            .collect();
        let site = Arc::new(site);
        let catalog = Arc::new(catalog);
        let renderer = theme
            .fresh_copy()
            .bind(Arc::clone(&site), Arc::clone(&catalog));
        timings.lap("site model");
        crate::error::sort(&mut errors);
        crate::error::sort(&mut warnings);
        let session = Session {
            opts: opts.clone(),
            config,
            out_dir,
            catalog,
            theme,
            files,
            assets: content.assets,
            unreadable: content.failed,
            unloaded,
            drafts_skipped: content.drafts_skipped,
            cache: std::mem::take(cache),
            site,
            renderer: Some(renderer),
            made: HashMap::new(),
            generated: HashMap::new(),
            indexes: HashMap::new(),
            warnings: warnings.clone(),
            timings: timings.laps,
            started,
            updates: 0,
        };
        Ok(Attempt {
            session: Some(session),
            errors,
            warnings,
        })
    }

    /// Content files (below `content/`) that could not be read.
    pub fn unreadable(&self) -> &[String] {
        &self.unreadable
    }

    /// What a build writes, for [`links::check`]: pages, the files beside
    /// them, generated files, static files and content assets. Computed
    /// from the model; nothing is rendered.
    pub fn outputs(&self) -> Outputs {
        let site = &*self.site;
        let jobs = pipeline::jobs(site);
        let mut files: Vec<String> = jobs.iter().map(|&j| pipeline::job_file(site, j)).collect();
        for e in &site.entries {
            files.extend(e.body.diagrams.iter().filter_map(|d| d.file.clone()));
            files.extend(e.body.fz_file.clone());
        }
        files.extend(
            pipeline::generated_files(site)
                .into_iter()
                .map(|(rel, ..)| rel),
        );
        for dir in &self.theme.static_dirs {
            files.extend(
                walkdir::WalkDir::new(dir)
                    .into_iter()
                    .filter_map(Result::ok)
                    .filter(|e| e.file_type().is_file())
                    .filter_map(|e| {
                        let rel = e.path().strip_prefix(dir).ok()?;
                        let parts: Option<Vec<&str>> =
                            rel.components().map(|c| c.as_os_str().to_str()).collect();
                        Some(parts?.join("/"))
                    }),
            );
        }
        files.extend(
            self.assets
                .iter()
                .map(|a| pipeline::asset_path(&a.rel_path)),
        );
        let pages = jobs.iter().filter_map(|&j| match j {
            Job::Entry(i, 1) => Some((pipeline::job_file(site, j), i)),
            _ => None,
        });
        Outputs::new(files, pages)
    }

    /// Give back the diagram cache, for a later attempt.
    pub fn into_cache(self) -> DiagramCache {
        self.cache
    }

    /// The Markdown files of the site, with their parsed front matter.
    pub fn sources(&self) -> impl Iterator<Item = &content::SourceFile> {
        self.files.values().map(|f| &f.file)
    }

    /// The site model.
    pub fn site(&self) -> &Site {
        &self.site
    }

    /// Where the site is written.
    pub fn output_dir(&self) -> &Path {
        &self.out_dir
    }

    /// Diagrams rendered since the session's cache was created (a diagram
    /// served from the cache does not count).
    pub fn diagrams_rendered(&self) -> usize {
        self.cache.renders()
    }

    /// Render every output page in memory, writing nothing: the template
    /// errors, missing link targets and missing Fluent messages found.
    pub fn render_check(&self) -> (Vec<Error>, Vec<Error>) {
        let Some(renderer) = &self.renderer else {
            return (Vec::new(), Vec::new());
        };
        let site = &*self.site;
        let mut errors: Vec<Error> = pipeline::jobs(site)
            .par_iter()
            .filter_map(|&job| pipeline::render_job(site, renderer, job, &self.unloaded).err())
            .collect();
        crate::error::sort(&mut errors);
        (errors, self.catalog.report())
    }

    /// Write the whole site: everything into a staging directory that
    /// replaces the output directory only when all went well.
    pub fn write_all(&mut self) -> Result<Summary, Failure> {
        let mut timings = Timings::new();
        let site = Arc::clone(&self.site);
        let Some(renderer) = &self.renderer else {
            return Err(Failure::Other("the site is not loaded".to_string()));
        };
        let staging = Staging::new(&self.out_dir, &self.opts.root, self.opts.force)
            .map_err(Failure::Other)?;
        // The diagram font's cut takes a while: it runs beside the pages.
        crate::font::prefetch(pipeline::font_chars(&site).into_iter().collect());
        let jobs = pipeline::jobs(&site);
        let bar = progress_bar(self.opts.progress, jobs.len());
        let results: Vec<Result<(String, Made), Error>> = jobs
            .par_iter()
            .map(|&job| {
                let page = pipeline::render_job(&site, renderer, job, &self.unloaded)?;
                staging
                    .write(&page.file, page.html.as_bytes())
                    .map_err(Error::new)?;
                let extras = pipeline::job_extras(&site, job);
                for (rel, bytes) in &extras {
                    staging.write(rel, bytes).map_err(Error::new)?;
                }
                bar.inc(1);
                let extras = extras.into_iter().map(|(rel, _)| rel).collect();
                let made = self.made_of(&page, extras);
                Ok((page.file, made))
            })
            .collect();
        bar.finish_and_clear();
        let mut errors = Vec::new();
        let mut made = HashMap::with_capacity(results.len());
        let mut files_written = jobs.len();
        for r in results {
            match r {
                Ok((file, m)) => {
                    files_written += m.extras.len();
                    made.insert(file, m);
                }
                Err(e) => errors.push(e),
            }
        }
        timings.lap("render and write");

        let catalog = &self.catalog;
        let files = pipeline::generated_files(&site);
        let outcomes: Vec<Result<GeneratedOut, String>> = files
            .into_par_iter()
            .map(|(rel, inputs, what)| {
                let mut index = None;
                let bytes = pipeline::generate(&site, catalog, &what, &mut index);
                staging.write(&rel, &bytes)?;
                let kept = match (what, index) {
                    (pipeline::Generated::Search(lang), Some(b)) => Some((lang, b)),
                    _ => None,
                };
                Ok((rel, inputs, kept))
            })
            .collect();
        let mut generated = HashMap::new();
        let mut indexes = HashMap::new();
        for o in outcomes {
            let (rel, inputs, kept) = o.map_err(Failure::Other)?;
            generated.insert(rel, inputs);
            indexes.extend(kept);
            files_written += 1;
        }
        // Static files are copied last, over what the build wrote: a
        // static file where a page goes hides that page, so say so. A file
        // the site's static/ shares with the theme's replaces it, as meant.
        let mut static_files = HashSet::new();
        let mut hidden = Vec::new();
        let extras: HashSet<&String> = made.values().flat_map(|m| &m.extras).collect();
        for dir in &self.theme.static_dirs {
            for rel in staging.copy_tree(dir).map_err(Failure::Other)? {
                let page = made.contains_key(&rel)
                    || generated.contains_key(&rel)
                    || extras.contains(&rel);
                if page {
                    let shown = dir.strip_prefix(&self.opts.root).unwrap_or(dir).join(&rel);
                    hidden.push(
                        Error::warning(format!(
                            "`{}` replaces the file zapdoc generates at `{rel}`",
                            shown.display()
                        ))
                        .with_hint("rename or remove the static file, unless it is meant to stand in for that page"),
                    );
                } else if static_files.insert(rel) {
                    files_written += 1;
                }
            }
        }
        for asset in &self.assets {
            staging
                .copy(&asset.src, &pipeline::asset_path(&asset.rel_path))
                .map_err(Failure::Other)?;
            files_written += 1;
        }
        timings.lap("static, sitemap, search, feeds");

        let mut warnings = self.warnings.clone();
        warnings.extend(self.catalog.report());
        warnings.extend(hidden);
        if !errors.is_empty() || (self.opts.deny_warnings && !warnings.is_empty()) {
            return Err(input(errors, warnings));
        }
        let mode = staging.commit().map_err(Failure::Other)?;
        timings.lap("commit");
        self.made = made;
        self.generated = generated;
        self.indexes = indexes;
        crate::error::sort(&mut warnings);
        let mut all_timings = self.timings.clone();
        all_timings.extend(timings.laps);
        let sections = site.entries.iter().filter(|e| e.is_section()).count();
        Ok(Summary {
            pages: site.page_count(),
            sections,
            category_pages: site.categories.len(),
            languages: site.config.languages.len(),
            diagrams: self.files.values().map(|f| f.diagrams.len()).sum(),
            distinct_diagrams: self.cache.len(),
            files: files_written,
            drafts_skipped: self.drafts_skipped,
            output: self.out_dir.clone(),
            mode,
            elapsed: self.started.elapsed(),
            timings: all_timings,
            warnings,
            notes: pipeline::base_url_note(&site.config).into_iter().collect(),
        })
    }

    fn made_of(&self, page: &pipeline::Page, extras: Vec<String>) -> Made {
        Made {
            extras,
            fingerprint: page.fingerprint,
            lookups: page
                .lookups
                .iter()
                .map(|&i| {
                    let e = &self.site.entries[i];
                    (e.key.clone(), e.lang.clone())
                })
                .collect(),
        }
    }

    /// Where a changed path belongs; `None` for paths the site does not
    /// read (editor backups, the output directory).
    fn classify(&self, path: &Path) -> Option<Change> {
        let root = &self.opts.root;
        let abs_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.clone());
        let rel = path
            .strip_prefix(&abs_root)
            .or_else(|_| path.strip_prefix(root))
            .unwrap_or(path);
        let abs_out = std::fs::canonicalize(&self.out_dir).unwrap_or_else(|_| self.out_dir.clone());
        if path.starts_with(&abs_out) || path.starts_with(&self.out_dir) {
            return None;
        }
        let name = rel.file_name()?.to_string_lossy();
        if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") {
            return None;
        }
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        match parts.split_first() {
            // `content/` itself appeared, went or was swapped (moved away
            // and back, restored from a copy): everything may differ.
            Some((first, rest)) if first == CONTENT_DIR && rest.is_empty() => {
                Some(Change::Everything)
            }
            Some((first, rest)) if first == CONTENT_DIR => {
                let rel = rest.join("/");
                if rel.ends_with(".md") {
                    Some(Change::Markdown(rel))
                } else {
                    Some(Change::Asset(rel))
                }
            }
            Some((first, _))
                if first == crate::config::FILE_NAME
                    || first == "themes"
                    || first == "templates"
                    || first == "static"
                    || first == crate::i18n::I18N_DIR =>
            {
                Some(Change::Everything)
            }
            _ => None,
        }
    }

    /// Rebuild what the changed `paths` (absolute, or relative to the site
    /// root) affect and write the output files that changed. On failure
    /// nothing is written and the session keeps its last good state.
    pub fn update(&mut self, paths: &[PathBuf]) -> Result<Update, Failure> {
        let start = Instant::now();
        let mut markdown: Vec<String> = Vec::new();
        let mut assets: Vec<String> = Vec::new();
        let mut everything = false;
        for p in paths {
            match self.classify(p) {
                Some(Change::Markdown(rel)) => markdown.push(rel),
                Some(Change::Asset(rel)) => assets.push(rel),
                Some(Change::Everything) => everything = true,
                None => {}
            }
        }
        markdown.sort();
        markdown.dedup();
        assets.sort();
        assets.dedup();
        let renders_before = self.cache.renders();
        let mut update = if everything {
            self.reload()?
        } else if markdown.is_empty() && assets.is_empty() {
            Update::default()
        } else {
            let mut u = if markdown.is_empty() {
                Update::default()
            } else {
                self.update_markdown(&markdown)?
            };
            self.update_assets(&assets, &mut u)?;
            u
        };
        update.written.sort();
        update.removed.sort();
        update.diagrams_rendered = self.cache.renders() - renders_before;
        update.elapsed = start.elapsed();
        Ok(update)
    }

    /// Theme, configuration or translations changed: load everything again
    /// (diagrams from the cache) and rewrite the site in place.
    fn reload(&mut self) -> Result<Update, Failure> {
        let attempt = Session::attempt(&self.opts, &mut self.cache)?;
        let mut next = match attempt {
            Attempt {
                session: Some(s),
                errors,
                ..
            } if errors.is_empty() => s,
            Attempt {
                session,
                errors,
                warnings,
            } => {
                if let Some(s) = session {
                    self.cache = s.cache;
                }
                return Err(input(errors, warnings));
            }
        };
        let site = Arc::clone(&next.site);
        let jobs = pipeline::jobs(&site);
        let pages = next.render_jobs(&jobs)?;
        let mut update = Update {
            rebuilt_model: true,
            ..Update::default()
        };
        let made = std::mem::take(&mut self.made);
        next.write_pages(pages, &jobs, &mut update)?;
        let extras: HashSet<&String> = next.made.values().flat_map(|m| &m.extras).collect();
        for (old, m) in &made {
            if !next.made.contains_key(old) {
                output::remove_in_place(&next.out_dir, old).map_err(Failure::Other)?;
                update.removed.push(old.clone());
            }
            for extra in m.extras.iter().filter(|x| !extras.contains(x)) {
                output::remove_in_place(&next.out_dir, extra).map_err(Failure::Other)?;
                update.removed.push(extra.clone());
            }
        }
        for dir in &next.theme.static_dirs {
            for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
                let entry = entry
                    .map_err(|e| Failure::Other(format!("cannot walk `{}`: {e}", dir.display())))?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let Some(rel) = entry.path().strip_prefix(dir).ok().and_then(|r| r.to_str()) else {
                    continue;
                };
                let rel = rel.replace('\\', "/");
                output::copy_in_place(&next.out_dir, entry.path(), &rel).map_err(Failure::Other)?;
                update.written.push(rel);
            }
        }
        for asset in &next.assets {
            let rel = pipeline::asset_path(&asset.rel_path);
            output::copy_in_place(&next.out_dir, &asset.src, &rel).map_err(Failure::Other)?;
            update.written.push(rel);
        }
        // Templates or Fluent strings may have changed what the files say.
        next.generated.clear();
        next.indexes.clear();
        next.write_generated(&mut update)?;
        update.warnings = next.warnings.clone();
        update.warnings.extend(next.catalog.report());
        *self = next;
        Ok(update)
    }

    fn render_jobs(&self, jobs: &[Job]) -> Result<Vec<pipeline::Page>, Failure> {
        let Some(renderer) = &self.renderer else {
            return Err(Failure::Other("the site is not loaded".to_string()));
        };
        let site = &*self.site;
        let results: Vec<Result<pipeline::Page, Error>> = jobs
            .par_iter()
            .map(|&job| pipeline::render_job(site, renderer, job, &self.unloaded))
            .collect();
        let mut pages = Vec::with_capacity(results.len());
        let mut errors = Vec::new();
        for r in results {
            match r {
                Ok(p) => pages.push(p),
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(pages)
        } else {
            Err(input(errors, Vec::new()))
        }
    }

    /// Write rendered pages and the files beside them in place, remove
    /// the files beside them they no longer have, and remember what they
    /// were made of.
    fn write_pages(
        &mut self,
        pages: Vec<pipeline::Page>,
        jobs: &[Job],
        update: &mut Update,
    ) -> Result<(), Failure> {
        let (out_dir, site) = (&self.out_dir, &*self.site);
        let written: Vec<Result<Vec<String>, String>> = pages
            .par_iter()
            .zip(jobs)
            .map(|(p, &job)| {
                output::write_in_place(out_dir, &p.file, p.html.as_bytes())?;
                let extras = pipeline::job_extras(site, job);
                for (rel, bytes) in &extras {
                    output::write_in_place(out_dir, rel, bytes)?;
                }
                Ok(extras.into_iter().map(|(rel, _)| rel).collect())
            })
            .collect();
        let mut extras = Vec::with_capacity(written.len());
        for r in written {
            extras.push(r.map_err(Failure::Other)?);
        }
        for (page, extras) in pages.into_iter().zip(extras) {
            if let Some(old) = self.made.get(&page.file) {
                for gone in old.extras.iter().filter(|x| !extras.contains(x)) {
                    output::remove_in_place(&self.out_dir, gone).map_err(Failure::Other)?;
                    update.removed.push(gone.clone());
                }
            }
            update.written.extend(extras.iter().cloned());
            let made = self.made_of(&page, extras);
            self.made.insert(page.file.clone(), made);
            update.written.push(page.file);
        }
        Ok(())
    }

    /// Regenerate the sitemap, search indexes and feeds whose inputs
    /// changed, in parallel, and write them.
    fn write_generated(&mut self, update: &mut Update) -> Result<(), Failure> {
        let stale: Vec<(String, u64, pipeline::Generated)> = pipeline::generated_files(&self.site)
            .into_iter()
            .filter(|(rel, inputs, _)| self.generated.get(rel) != Some(inputs))
            .collect();
        // Each search index travels with its job and comes back updated.
        let jobs: Vec<_> = stale
            .into_iter()
            .map(|(rel, inputs, what)| {
                let index = match &what {
                    pipeline::Generated::Search(lang) => self.indexes.remove(lang),
                    _ => None,
                };
                (rel, inputs, what, index)
            })
            .collect();
        let (site, catalog, out_dir) = (&*self.site, &*self.catalog, &self.out_dir);
        let done: Vec<_> = jobs
            .into_par_iter()
            .map(|(rel, inputs, what, mut index)| {
                let bytes = pipeline::generate(site, catalog, &what, &mut index);
                let written = output::write_in_place(out_dir, &rel, &bytes);
                (rel, inputs, what, index, written)
            })
            .collect();
        let mut failed = None;
        for (rel, inputs, what, index, written) in done {
            if let (pipeline::Generated::Search(lang), Some(b)) = (what, index) {
                self.indexes.insert(lang, b);
            }
            match written {
                Ok(()) => {
                    self.generated.insert(rel.clone(), inputs);
                    update.written.push(rel);
                }
                Err(e) => failed = Some(e),
            }
        }
        match failed {
            Some(e) => Err(Failure::Other(e)),
            None => Ok(()),
        }
    }

    fn rebind(&mut self) {
        self.renderer = Some(
            self.theme
                .fresh_copy()
                .bind(Arc::clone(&self.site), Arc::clone(&self.catalog)),
        );
    }

    /// Markdown files changed, appeared or disappeared.
    fn update_markdown(&mut self, rels: &[String]) -> Result<Update, Failure> {
        let mut timings = Timings::new();
        let root = self.opts.root.clone();
        let mut fresh = Vec::new();
        let mut gone = Vec::new();
        let mut errors = Vec::new();
        for rel in rels {
            let path = root.join(CONTENT_DIR).join(rel);
            if !path.is_file() {
                gone.push(rel.clone());
                continue;
            }
            match content::load_file(&root, rel, &self.config, self.opts.drafts) {
                Ok(Some(f)) => fresh.push(f),
                Ok(None) => gone.push(rel.clone()),
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Err(input(errors, Vec::new()));
        }
        let loaded =
            pipeline::render_files(fresh, &self.config, Some(&self.catalog), &mut self.cache);
        let mut warnings = Vec::new();
        for p in loaded.iter().flat_map(|f| &f.problems) {
            if p.is_error() {
                errors.push(p.clone());
            } else {
                warnings.push(p.clone());
            }
        }
        if !errors.is_empty() {
            return Err(input(errors, warnings));
        }
        timings.lap("read and render Markdown");
        let structural = !gone.iter().all(|g| !self.files.contains_key(g))
            || loaded
                .iter()
                .any(|f| !self.files.contains_key(&f.file.rel_path));
        let gone: Vec<String> = gone
            .into_iter()
            .filter(|g| self.files.contains_key(g))
            .collect();

        // The model: patched in place when the structure stays. The old
        // renderer's page summaries are kept to bind the theme again.
        let mut summaries = self.renderer.take().and_then(Renderer::into_summaries);
        let patched = if structural {
            None
        } else if let Some(site) = Arc::get_mut(&mut self.site) {
            let updates = loaded
                .iter()
                .map(|f| (f.file.clone(), f.body.clone()))
                .collect();
            match site.patch(updates) {
                Ok(p) => p,
                Err(e) => {
                    self.rebind();
                    return Err(input(e, warnings));
                }
            }
        } else {
            None
        };
        let rebuilt_model = patched.is_none();
        let mut files = if rebuilt_model {
            self.files.clone()
        } else {
            BTreeMap::new()
        };
        if rebuilt_model {
            for g in &gone {
                files.remove(g);
            }
            for f in &loaded {
                files.insert(f.file.rel_path.clone(), f.clone());
            }
            let sources = files.values().map(|f| f.file.clone()).collect();
            let bodies = files.values().map(|f| f.body.clone()).collect();
            let built = Site::new(self.config.clone(), sources, bodies).and_then(|(site, w)| {
                let broken = links::internal(&site, &Unloaded::default());
                if broken.is_empty() {
                    Ok((site, w))
                } else {
                    Err(broken)
                }
            });
            match built {
                Ok((site, site_warnings)) => {
                    warnings.extend(site_warnings);
                    self.site = Arc::new(site);
                    self.files = files;
                }
                Err(e) => {
                    self.rebind();
                    return Err(input(e, warnings));
                }
            }
        } else {
            for f in loaded {
                self.files.insert(f.file.rel_path.clone(), f);
            }
        }
        timings.lap("model");
        match (patched, summaries.take()) {
            (Some(changed), Some(previous)) => {
                self.renderer = Some(self.theme.fresh_copy().bind_reusing(
                    Arc::clone(&self.site),
                    Arc::clone(&self.catalog),
                    previous,
                    &changed,
                ));
            }
            (_, previous) => {
                // Thousands of template values: freed off the edit's path.
                std::thread::spawn(move || drop(previous));
                self.rebind();
            }
        }
        timings.lap("bind theme");
        // The pages whose inputs changed.
        let site = Arc::clone(&self.site);
        let Some(renderer) = &self.renderer else {
            return Err(Failure::Other("the site is not loaded".to_string()));
        };
        let checked: Vec<(Job, String, bool)> = pipeline::jobs(&site)
            .into_par_iter()
            .map(|job| {
                let file = pipeline::job_file(&site, job);
                let stale = match self.made.get(&file) {
                    None => true,
                    Some(m) => {
                        let lookups: Vec<usize> = m
                            .lookups
                            .iter()
                            .filter_map(|(k, l)| site.find(k, l))
                            .collect();
                        m.lookups.len() != lookups.len()
                            || pipeline::fingerprint(&site, renderer, job, &lookups)
                                != m.fingerprint
                    }
                };
                (job, file, stale)
            })
            .collect();
        let mut todo = Vec::new();
        let mut current: HashSet<String> = HashSet::with_capacity(checked.len());
        for (job, file, stale) in checked {
            if stale {
                todo.push(job);
            }
            current.insert(file);
        }
        timings.lap("find stale pages");
        let pages = self.render_jobs(&todo)?;
        timings.lap("render");
        let mut update = Update {
            rebuilt_model,
            ..Update::default()
        };
        self.write_pages(pages, &todo, &mut update)?;
        timings.lap("write");
        let vanished: Vec<String> = self
            .made
            .keys()
            .filter(|f| !current.contains(*f))
            .cloned()
            .collect();
        for f in vanished {
            output::remove_in_place(&self.out_dir, &f).map_err(Failure::Other)?;
            if let Some(m) = self.made.remove(&f) {
                for extra in m.extras {
                    output::remove_in_place(&self.out_dir, &extra).map_err(Failure::Other)?;
                    update.removed.push(extra);
                }
            }
            update.removed.push(f);
        }
        self.write_generated(&mut update)?;
        timings.lap("sitemap, search, feeds");
        // Diagrams no page uses any more are forgotten now and then (a
        // full pass over the pages costs more than the edit itself).
        self.updates += 1;
        if rebuilt_model || self.updates % PRUNE_EVERY == 0 {
            self.cache.retain(
                self.files
                    .values()
                    .flat_map(|f| f.diagrams.iter().map(String::as_str)),
            );
            timings.lap("prune diagram cache");
        }
        update.timings = timings.laps;
        update.warnings = warnings;
        update.warnings.extend(self.catalog.report());
        Ok(update)
    }

    /// Content files other than Markdown: copied or removed as they are.
    fn update_assets(&mut self, rels: &[String], update: &mut Update) -> Result<(), Failure> {
        for rel in rels {
            let src = self.opts.root.join(CONTENT_DIR).join(rel);
            let out = pipeline::asset_path(rel);
            let known = self.assets.iter().any(|a| &a.rel_path == rel);
            self.assets.retain(|a| &a.rel_path != rel);
            if src.is_dir() || (!src.exists() && !known) {
                // A folder, or a path that was never an asset (a section
                // folder removed whole): its files come as their own events.
                continue;
            }
            if src.is_file() {
                output::copy_in_place(&self.out_dir, &src, &out).map_err(Failure::Other)?;
                self.assets.push(Asset {
                    src,
                    rel_path: rel.clone(),
                });
                update.written.push(out);
            } else {
                output::remove_in_place(&self.out_dir, &out).map_err(Failure::Other)?;
                update.removed.push(out);
            }
        }
        Ok(())
    }
}

fn progress_bar(show: bool, len: usize) -> indicatif::ProgressBar {
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} rendering {pos}/{len} {wide_bar}")
    {
        bar.set_style(style);
    }
    bar
}
