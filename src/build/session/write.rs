//! Steps 6–8 of the build: every output page rendered in parallel and
//! written to staging with the files beside it, then generated files,
//! static files and assets; only a clean build replaces the output.
//! Asked to, it records what each page was made of, for the incremental
//! layer ([`super::Live`]).

use super::*;

/// The generated files written, and the search indexes (per language),
/// which the incremental layer keeps to patch.
type GeneratedOut = (
    Vec<(String, pipeline::Generated)>,
    HashMap<String, search::Builder>,
);

/// What [`Session::write`] did.
pub(super) struct Written {
    pub(super) summary: Summary,
    pub(super) pages: Vec<WrittenPage>,
    pub(super) generated: Vec<(String, pipeline::Generated)>,
    pub(super) indexes: HashMap<String, search::Builder>,
}

/// An output page written.
pub(super) struct WrittenPage {
    pub(super) file: String,
    /// Files written beside it ([`pipeline::job_extras`]).
    pub(super) extras: Vec<String>,
    /// What it was made of, when the write was traced.
    pub(super) trace: Option<pipeline::Trace>,
}

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
    pub fn write_all(&self) -> Result<Summary, Failure> {
        self.write(false).map(|w| w.summary)
    }

    /// [`Session::write_all`]; with `traced`, what each page was made of
    /// is recorded too, for the incremental layer.
    pub(super) fn write(&self, traced: bool) -> Result<Written, Failure> {
        let mut timings = Timings::new();
        let staging = Staging::new(&self.out_dir, &self.opts.root, self.opts.force)
            .map_err(Failure::Other)?;
        // The diagram font's cut takes a while: it runs beside the pages.
        crate::font::prefetch(pipeline::font_chars(&self.site).into_iter().collect());
        let (pages, errors) = self.write_pages_to(&staging, traced)?;
        timings.lap("render and write");
        let (generated, indexes) = self.write_generated_to(&staging)?;
        let mine: HashSet<&str> = pages
            .iter()
            .flat_map(|p| std::iter::once(&p.file).chain(&p.extras))
            .chain(generated.iter().map(|(rel, _)| rel))
            .map(String::as_str)
            .collect();
        let (static_files, hidden) = self.copy_static_to(&staging, &mine)?;
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
        let files = mine.len() + static_files + self.assets.len();
        crate::error::sort(&mut warnings);
        let mut all_timings = self.timings.clone();
        all_timings.extend(timings.laps);
        let site = &self.site;
        let summary = Summary {
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
        };
        Ok(Written {
            summary,
            pages,
            generated,
            indexes,
        })
    }

    /// Render every output page in parallel and write it, with the files
    /// beside it, to `staging`: the pages written (traced when asked),
    /// and the errors of the pages that failed.
    fn write_pages_to(
        &self,
        staging: &Staging,
        traced: bool,
    ) -> Result<(Vec<WrittenPage>, Vec<Error>), Failure> {
        let site = &*self.site;
        let Some(renderer) = &self.renderer else {
            return Err(Failure::Other("the site is not loaded".to_string()));
        };
        let jobs = pipeline::jobs(site);
        let bar = progress_bar(self.opts.progress, jobs.len());
        let results: Vec<Result<WrittenPage, Error>> = jobs
            .par_iter()
            .map(|&job| {
                let (page, trace) = if traced {
                    let (page, trace) =
                        pipeline::render_traced(site, renderer, job, &self.unloaded)?;
                    (page, Some(trace))
                } else {
                    (
                        pipeline::render_job(site, renderer, job, &self.unloaded)?,
                        None,
                    )
                };
                staging
                    .write(&page.file, page.html.as_bytes())
                    .map_err(Error::new)?;
                let extras = pipeline::job_extras(site, job);
                for (rel, bytes) in &extras {
                    staging.write(rel, bytes).map_err(Error::new)?;
                }
                bar.inc(1);
                Ok(WrittenPage {
                    file: page.file,
                    extras: extras.into_iter().map(|(rel, _)| rel).collect(),
                    trace,
                })
            })
            .collect();
        bar.finish_and_clear();
        let mut errors = Vec::new();
        let mut pages = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(p) => pages.push(p),
                Err(e) => errors.push(e),
            }
        }
        Ok((pages, errors))
    }

    /// Write the generated files (stylesheets, font, sitemap, robots.txt,
    /// search indexes, feeds): those written, and the search indexes.
    fn write_generated_to(&self, staging: &Staging) -> Result<GeneratedOut, Failure> {
        let (site, catalog) = (&*self.site, &self.catalog);
        let outcomes: Vec<Result<_, String>> = pipeline::generated_files(site)
            .into_par_iter()
            .map(|(rel, what)| {
                let mut index = None;
                let bytes = pipeline::generate(site, catalog, &what, &mut index);
                staging.write(&rel, &bytes)?;
                let kept = match (&what, index) {
                    (pipeline::Generated::Search(lang), Some(b)) => Some((lang.clone(), b)),
                    _ => None,
                };
                Ok(((rel, what), kept))
            })
            .collect();
        let mut generated = Vec::with_capacity(outcomes.len());
        let mut indexes = HashMap::new();
        for o in outcomes {
            let (file, kept) = o.map_err(Failure::Other)?;
            generated.push(file);
            indexes.extend(kept);
        }
        Ok((generated, indexes))
    }

    /// Copy the static folders (theme first, then the site's) last, over
    /// what the build wrote (`mine`): the number of static files, and a
    /// warning for each that hides a file the build made. A file the
    /// site's static/ shares with the theme's replaces it, as meant.
    fn copy_static_to(
        &self,
        staging: &Staging,
        mine: &HashSet<&str>,
    ) -> Result<(usize, Vec<Error>), Failure> {
        let mut static_files = HashSet::new();
        let mut hidden = Vec::new();
        for dir in &self.theme.static_dirs {
            for rel in staging.copy_tree(dir).map_err(Failure::Other)? {
                if mine.contains(rel.as_str()) {
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
