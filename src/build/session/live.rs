//! The incremental layer of `zapdoc serve` over the build ([`Live`]): the
//! site is written once, recording what each output file was made of;
//! then the files that change on disk are read again, the model patched
//! (or rebuilt in memory), and only the output files whose inputs changed
//! rendered and written.
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

use super::*;

/// The changed Markdown files, read and rendered; the paths of those
/// gone; the warnings met.
type Changed = (Vec<LoadedFile>, Vec<String>, Vec<Error>);

/// A page rendered with what it was made of.
type Traced = (pipeline::Page, pipeline::Trace);

/// Prune the diagram cache every this many patched updates.
const PRUNE_EVERY: usize = 32;

/// A written site kept in memory for updates.
pub struct Live {
    session: Session,
    /// Output page file → what it was made of, for pages on disk.
    made: HashMap<String, Made>,
    /// Generated file (sitemap, index, feed…) → hash of the model parts it
    /// was made from.
    generated: HashMap<String, u64>,
    /// Per language, the search index in memory, patched on updates.
    indexes: HashMap<String, search::Builder>,
    /// Markdown updates so far, to prune the diagram cache now and then.
    updates: usize,
}

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

impl Made {
    fn of(site: &Site, trace: &pipeline::Trace, extras: Vec<String>) -> Made {
        Made {
            extras,
            fingerprint: trace.fingerprint,
            lookups: trace
                .lookups
                .iter()
                .map(|&i| {
                    let e = &site.entries[i];
                    (e.key.clone(), e.lang.clone())
                })
                .collect(),
        }
    }
}

impl Live {
    /// Write the whole site, as [`Session::write_all`] does, recording
    /// what each output file was made of.
    pub fn start(session: Session) -> Result<(Live, Summary), Failure> {
        let Written {
            summary,
            pages,
            generated,
            indexes,
        } = session.write(true)?;
        let site = &*session.site;
        let made = pages
            .into_iter()
            .filter_map(
                |WrittenPage {
                     file,
                     extras,
                     trace,
                 }| {
                    // A page without a trace is rendered again on the next update.
                    trace.map(|t| (file, Made::of(site, &t, extras)))
                },
            )
            .collect();
        let generated = generated
            .par_iter()
            .map(|(rel, what)| (rel.clone(), pipeline::generated_input(site, what)))
            .collect();
        let live = Live {
            session,
            made,
            generated,
            indexes,
            updates: 0,
        };
        Ok((live, summary))
    }

    /// The session underneath.
    pub fn session(&self) -> &Session {
        &self.session
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
            match self.session.classify(p) {
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
        let renders_before = self.session.cache.renders();
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
            self.session.update_assets(&assets, &mut u)?;
            u
        };
        update.written.sort();
        update.removed.sort();
        update.diagrams_rendered = self.session.cache.renders() - renders_before;
        update.elapsed = start.elapsed();
        Ok(update)
    }

    /// Theme, configuration or translations changed: load everything again
    /// (diagrams from the cache) and rewrite the site in place.
    fn reload(&mut self) -> Result<Update, Failure> {
        let attempt = Session::attempt(&self.session.opts, &mut self.session.cache)?;
        let session = match attempt {
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
                    self.session.cache = s.cache;
                }
                return Err(input(errors, warnings));
            }
        };
        let jobs = pipeline::jobs(&session.site);
        let pages = session.render_traced_jobs(&jobs)?;
        let mut update = Update {
            rebuilt_model: true,
            ..Update::default()
        };
        let mut next = Live {
            session,
            made: HashMap::new(),
            generated: HashMap::new(),
            indexes: HashMap::new(),
            updates: self.updates,
        };
        next.write_pages(pages, &jobs, &mut update)?;
        let out_dir = &next.session.out_dir;
        let extras: HashSet<&String> = next.made.values().flat_map(|m| &m.extras).collect();
        for (old, m) in &self.made {
            if !next.made.contains_key(old) {
                output::remove_in_place(out_dir, old).map_err(Failure::Other)?;
                update.removed.push(old.clone());
            }
            for extra in m.extras.iter().filter(|x| !extras.contains(x)) {
                output::remove_in_place(out_dir, extra).map_err(Failure::Other)?;
                update.removed.push(extra.clone());
            }
        }
        for dir in &next.session.theme.static_dirs {
            for entry in crate::util::files_under(dir, crate::util::Hidden::Include) {
                let (path, rel) = entry
                    .map_err(|e| Failure::Other(format!("cannot walk `{}`: {e}", dir.display())))?;
                output::copy_in_place(out_dir, &path, &rel).map_err(Failure::Other)?;
                update.written.push(rel);
            }
        }
        for asset in &next.session.assets {
            let rel = pipeline::asset_path(&asset.rel_path);
            output::copy_in_place(out_dir, &asset.src, &rel).map_err(Failure::Other)?;
            update.written.push(rel);
        }
        // Templates or Fluent strings may have changed what the files say:
        // the fresh layer has no generated file on record.
        next.write_generated(&mut update)?;
        update.warnings = next.session.warnings.clone();
        update.warnings.extend(next.session.catalog.report());
        *self = next;
        Ok(update)
    }

    /// Write rendered pages and the files beside them in place, remove
    /// the files beside them they no longer have, and remember what they
    /// were made of.
    fn write_pages(
        &mut self,
        pages: Vec<Traced>,
        jobs: &[Job],
        update: &mut Update,
    ) -> Result<(), Failure> {
        let (out_dir, site) = (&self.session.out_dir, &*self.session.site);
        let written: Vec<Result<Vec<String>, String>> = pages
            .par_iter()
            .zip(jobs)
            .map(|((p, _), &job)| {
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
        for ((page, trace), extras) in pages.into_iter().zip(extras) {
            if let Some(old) = self.made.get(&page.file) {
                for gone in old.extras.iter().filter(|x| !extras.contains(x)) {
                    output::remove_in_place(out_dir, gone).map_err(Failure::Other)?;
                    update.removed.push(gone.clone());
                }
            }
            update.written.extend(extras.iter().cloned());
            let made = Made::of(site, &trace, extras);
            self.made.insert(page.file.clone(), made);
            update.written.push(page.file);
        }
        Ok(())
    }

    /// Regenerate the sitemap, search indexes and feeds whose inputs
    /// changed, in parallel, and write them.
    fn write_generated(&mut self, update: &mut Update) -> Result<(), Failure> {
        let site = &*self.session.site;
        let stale: Vec<(String, u64, pipeline::Generated)> = pipeline::generated_files(site)
            .into_par_iter()
            .map(|(rel, what)| (rel, pipeline::generated_input(site, &what), what))
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
        let (catalog, out_dir) = (&*self.session.catalog, &self.session.out_dir);
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

    /// Markdown files changed, appeared or disappeared.
    fn update_markdown(&mut self, rels: &[String]) -> Result<Update, Failure> {
        let mut timings = Timings::new();
        let (loaded, gone, mut warnings) = self.session.read_changed(rels)?;
        timings.lap("read and render Markdown");
        let structural = !gone.iter().all(|g| !self.session.files.contains_key(g))
            || loaded
                .iter()
                .any(|f| !self.session.files.contains_key(&f.file.rel_path));
        let gone: Vec<String> = gone
            .into_iter()
            .filter(|g| self.session.files.contains_key(g))
            .collect();

        // The model: patched in place when the structure stays. The old
        // renderer's page summaries are kept to bind the theme again.
        let mut summaries = self
            .session
            .renderer
            .take()
            .and_then(Renderer::into_summaries);
        let patched = if structural {
            None
        } else if let Some(site) = Arc::get_mut(&mut self.session.site) {
            let updates = loaded
                .iter()
                .map(|f| (f.file.clone(), f.body.clone()))
                .collect();
            match site.patch(updates) {
                Ok(p) => p,
                Err(e) => {
                    self.session.rebind();
                    return Err(input(e, warnings));
                }
            }
        } else {
            None
        };
        let rebuilt_model = patched.is_none();
        if rebuilt_model {
            if let Err(e) = self.session.rebuild_model(&loaded, &gone, &mut warnings) {
                self.session.rebind();
                return Err(input(e, warnings));
            }
        } else {
            for f in loaded {
                self.session.files.insert(f.file.rel_path.clone(), f);
            }
        }
        timings.lap("model");
        match (patched, summaries.take()) {
            (Some(changed), Some(previous)) => {
                self.session.renderer = Some(self.session.theme.fresh_copy().bind_reusing(
                    Arc::clone(&self.session.site),
                    Arc::clone(&self.session.catalog),
                    previous,
                    &changed,
                ));
            }
            (_, previous) => {
                // Thousands of template values: freed off the edit's path.
                std::thread::spawn(move || drop(previous));
                self.session.rebind();
            }
        }
        timings.lap("bind theme");
        let (todo, current) = self.stale_jobs()?;
        timings.lap("find stale pages");
        let pages = self.session.render_traced_jobs(&todo)?;
        timings.lap("render");
        let mut update = Update {
            rebuilt_model,
            ..Update::default()
        };
        self.write_pages(pages, &todo, &mut update)?;
        timings.lap("write");
        self.remove_vanished(&current, &mut update)?;
        self.write_generated(&mut update)?;
        timings.lap("sitemap, search, feeds");
        // Diagrams no page uses any more are forgotten now and then (a
        // full pass over the pages costs more than the edit itself).
        self.updates += 1;
        if rebuilt_model || self.updates % PRUNE_EVERY == 0 {
            self.session.cache.retain(
                self.session
                    .files
                    .values()
                    .flat_map(|f| f.diagrams.iter().map(String::as_str)),
            );
            timings.lap("prune diagram cache");
        }
        update.timings = timings.laps;
        update.warnings = warnings;
        update.warnings.extend(self.session.catalog.report());
        Ok(update)
    }

    /// The pages whose fingerprint changed (or that are new), and every
    /// output page of the site as it is now.
    fn stale_jobs(&self) -> Result<(Vec<Job>, HashSet<String>), Failure> {
        let site = Arc::clone(&self.session.site);
        let Some(renderer) = &self.session.renderer else {
            return Err(Failure::Other("the site is not loaded".to_string()));
        };
        let checked: Vec<(Job, String, bool)> = pipeline::jobs(&site)
            .into_par_iter()
            .map(|job| {
                let file = pipeline::job_file(&site, job);
                let stale = match self.made.get(&file) {
                    None => true,
                    Some(m) => {
                        let lookups: Vec<EntryId> = m
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
        Ok((todo, current))
    }

    /// Remove the pages (and the files beside them) the site no longer
    /// makes: those written before and not in `current`.
    fn remove_vanished(
        &mut self,
        current: &HashSet<String>,
        update: &mut Update,
    ) -> Result<(), Failure> {
        let vanished: Vec<String> = self
            .made
            .keys()
            .filter(|f| !current.contains(*f))
            .cloned()
            .collect();
        for f in vanished {
            output::remove_in_place(&self.session.out_dir, &f).map_err(Failure::Other)?;
            if let Some(m) = self.made.remove(&f) {
                for extra in m.extras {
                    output::remove_in_place(&self.session.out_dir, &extra)
                        .map_err(Failure::Other)?;
                    update.removed.push(extra);
                }
            }
            update.removed.push(f);
        }
        Ok(())
    }
}

impl Session {
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

    /// Render `jobs` in parallel, recording what each page was made of;
    /// all of them or the errors.
    fn render_traced_jobs(&self, jobs: &[Job]) -> Result<Vec<Traced>, Failure> {
        let Some(renderer) = &self.renderer else {
            return Err(Failure::Other("the site is not loaded".to_string()));
        };
        let site = &*self.site;
        let results: Vec<Result<Traced, Error>> = jobs
            .par_iter()
            .map(|&job| pipeline::render_traced(site, renderer, job, &self.unloaded))
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

    fn rebind(&mut self) {
        self.renderer = Some(
            self.theme
                .fresh_copy()
                .bind(Arc::clone(&self.site), Arc::clone(&self.catalog)),
        );
    }

    /// Build the model again from the files in memory, with `loaded` in
    /// and `gone` out, and check its `@/` links; kept only when it holds.
    fn rebuild_model(
        &mut self,
        loaded: &[LoadedFile],
        gone: &[String],
        warnings: &mut Vec<Error>,
    ) -> Result<(), Vec<Error>> {
        let mut files = self.files.clone();
        for g in gone {
            files.remove(g);
        }
        for f in loaded {
            files.insert(f.file.rel_path.clone(), f.clone());
        }
        let sources = files.values().map(|f| f.file.clone()).collect();
        let bodies = files.values().map(|f| f.body.clone()).collect();
        let (site, site_warnings) = Site::new(self.config.clone(), sources, bodies)?;
        let broken = links::internal(&site, &Unloaded::default());
        if !broken.is_empty() {
            return Err(broken);
        }
        warnings.extend(site_warnings);
        self.site = Arc::new(site);
        self.files = files;
        Ok(())
    }

    /// Read and render the changed Markdown files `rels` (see [`Changed`]);
    /// those no longer
    /// there (or now drafts) are `gone`. Warnings beside them; the errors
    /// of any file fail the update.
    fn read_changed(&mut self, rels: &[String]) -> Result<Changed, Failure> {
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
        Ok((loaded, gone, warnings))
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
