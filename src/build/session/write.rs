//! Steps 6–8 of the build: every output page rendered in parallel and
//! written to staging with the files beside it, then generated files,
//! static files and assets; only a clean build replaces the output. Each
//! page's fingerprint is recorded for the incremental layer.

use super::*;

/// Generated files with the hash of their inputs, and the search indexes
/// (per language) kept for updates.
type Generated = (HashMap<String, u64>, HashMap<String, search::Builder>);

impl Session {
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
        let staging = Staging::new(&self.out_dir, &self.opts.root, self.opts.force)
            .map_err(Failure::Other)?;
        // The diagram font's cut takes a while: it runs beside the pages.
        crate::font::prefetch(pipeline::font_chars(&self.site).into_iter().collect());
        let (made, errors) = self.write_pages_to(&staging)?;
        timings.lap("render and write");
        let (generated, indexes) = self.write_generated_to(&staging)?;
        let (static_files, hidden) = self.copy_static_to(&staging, &made, &generated)?;
        for asset in &self.assets {
            staging
                .copy(&asset.src, &pipeline::asset_path(&asset.rel_path))
                .map_err(Failure::Other)?;
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
        let files = made.len()
            + made.values().map(|m| m.extras.len()).sum::<usize>()
            + generated.len()
            + static_files
            + self.assets.len();
        self.made = made;
        self.generated = generated;
        self.indexes = indexes;
        crate::error::sort(&mut warnings);
        let mut all_timings = self.timings.clone();
        all_timings.extend(timings.laps);
        let site = &self.site;
        Ok(Summary {
            pages: site.page_count(),
            sections: site.entries.iter().filter(|e| e.is_section()).count(),
            category_pages: site.categories.len(),
            languages: site.config.languages.len(),
            diagrams: self.files.values().map(|f| f.diagrams.len()).sum(),
            distinct_diagrams: self.cache.len(),
            files,
            drafts_skipped: self.drafts_skipped,
            output: self.out_dir.clone(),
            mode,
            elapsed: self.started.elapsed(),
            timings: all_timings,
            warnings,
            notes: pipeline::base_url_note(&site.config).into_iter().collect(),
        })
    }

    /// Render every output page in parallel and write it, with the files
    /// beside it, to `staging`: what each page was made of, and the errors
    /// of the pages that failed.
    fn write_pages_to(
        &self,
        staging: &Staging,
    ) -> Result<(HashMap<String, Made>, Vec<Error>), Failure> {
        let site = &*self.site;
        let Some(renderer) = &self.renderer else {
            return Err(Failure::Other("the site is not loaded".to_string()));
        };
        let jobs = pipeline::jobs(site);
        let bar = progress_bar(self.opts.progress, jobs.len());
        let results: Vec<Result<(String, Made), Error>> = jobs
            .par_iter()
            .map(|&job| {
                let page = pipeline::render_job(site, renderer, job, &self.unloaded)?;
                staging
                    .write(&page.file, page.html.as_bytes())
                    .map_err(Error::new)?;
                let extras = pipeline::job_extras(site, job);
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
        for r in results {
            match r {
                Ok((file, m)) => {
                    made.insert(file, m);
                }
                Err(e) => errors.push(e),
            }
        }
        Ok((made, errors))
    }

    /// Write the generated files (stylesheets, font, sitemap, robots.txt,
    /// search indexes, feeds): each one's input hash, and the search
    /// indexes kept for updates.
    fn write_generated_to(&self, staging: &Staging) -> Result<Generated, Failure> {
        let (site, catalog) = (&*self.site, &self.catalog);
        let outcomes: Vec<Result<GeneratedOut, String>> = pipeline::generated_files(site)
            .into_par_iter()
            .map(|(rel, inputs, what)| {
                let mut index = None;
                let bytes = pipeline::generate(site, catalog, &what, &mut index);
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
        }
        Ok((generated, indexes))
    }

    /// Copy the static folders (theme first, then the site's) last, over
    /// what the build wrote: the number of static files, and a warning
    /// for each that hides a file the build made. A file the site's
    /// static/ shares with the theme's replaces it, as meant.
    fn copy_static_to(
        &self,
        staging: &Staging,
        made: &HashMap<String, Made>,
        generated: &HashMap<String, u64>,
    ) -> Result<(usize, Vec<Error>), Failure> {
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
                } else {
                    static_files.insert(rel);
                }
            }
        }
        Ok((static_files.len(), hidden))
    }

    pub(super) fn made_of(&self, page: &pipeline::Page, extras: Vec<String>) -> Made {
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
