//! The incremental layer of `zapdoc serve` over the build: the files that
//! changed on disk are read again, the model patched (or rebuilt in
//! memory), and only the pages whose fingerprint changed rendered and
//! written.

use super::*;

/// The changed Markdown files, read and rendered; the paths of those
/// gone; the warnings met.
type Changed = (Vec<LoadedFile>, Vec<String>, Vec<Error>);

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
            for entry in crate::util::files_under(dir, crate::util::Hidden::Include) {
                let (path, rel) = entry
                    .map_err(|e| Failure::Other(format!("cannot walk `{}`: {e}", dir.display())))?;
                output::copy_in_place(&next.out_dir, &path, &rel).map_err(Failure::Other)?;
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
        let (loaded, gone, mut warnings) = self.read_changed(rels)?;
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
        if rebuilt_model {
            if let Err(e) = self.rebuild_model(&loaded, &gone, &mut warnings) {
                self.rebind();
                return Err(input(e, warnings));
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
        let (todo, current) = self.stale_jobs()?;
        timings.lap("find stale pages");
        let pages = self.render_jobs(&todo)?;
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

    /// The pages whose fingerprint changed (or that are new), and every
    /// output page of the site as it is now.
    fn stale_jobs(&self) -> Result<(Vec<Job>, HashSet<String>), Failure> {
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
            output::remove_in_place(&self.out_dir, &f).map_err(Failure::Other)?;
            if let Some(m) = self.made.remove(&f) {
                for extra in m.extras {
                    output::remove_in_place(&self.out_dir, &extra).map_err(Failure::Other)?;
                    update.removed.push(extra);
                }
            }
            update.removed.push(f);
        }
        Ok(())
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
