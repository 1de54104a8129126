//! Steps 1–5 of the build: configuration, translations and theme; content
//! and front matter; Markdown and diagrams; the site model and its link
//! checks; the theme bound to the model. Nothing is written.

use super::*;
use crate::util::Hidden;

impl Session {
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
        let (config, out_dir) = match configure(opts)? {
            Ok(c) => c,
            Err(errors) => return fail(errors, Vec::new()),
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
        for p in loaded.iter().flat_map(|f| &f.problems) {
            let list = if p.is_error() {
                &mut errors
            } else {
                &mut warnings
            };
            list.push(p.clone());
        }
        timings.lap("markdown and diagrams");

        // 5. The model, of the files that could be read: a page with bad
        // front matter leaves the others' problems (links, anchors,
        // translations) to report in the same run. Links to it are not
        // broken; its own error stands, and the build stops on it.
        let unloaded = Unloaded::new(content.failed.iter().map(String::as_str), &config);
        let site = match model(&config, &loaded, &unloaded) {
            Ok((site, site_warnings, broken)) => {
                warnings.extend(site_warnings);
                errors.extend(broken);
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
            warnings: warnings.clone(),
            timings: timings.laps,
            started,
        };
        Ok(Attempt {
            session: Some(session),
            errors,
            warnings,
        })
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
            // What cannot be listed is the build's to report.
            files.extend(
                crate::util::files_under(dir, Hidden::Include)
                    .filter_map(Result::ok)
                    .map(|(_, rel)| rel),
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
}

/// The model of the `loaded` files, its warnings and its broken `@/`
/// links (links to `unloaded` files excepted); `Err` when it cannot be
/// built.
fn model(
    config: &Config,
    loaded: &[LoadedFile],
    unloaded: &Unloaded,
) -> Result<(Site, Vec<Error>, Vec<Error>), Vec<Error>> {
    let files = loaded.iter().map(|f| f.file.clone()).collect();
    let bodies = loaded.iter().map(|f| f.body.clone()).collect();
    let (site, warnings) = Site::new(config.clone(), files, bodies)?;
    let broken = links::internal(&site, unloaded);
    Ok((site, warnings, broken))
}

/// `site.toml` with the options' overrides, and the output folder; the
/// configuration's errors inside, a bad `--base-url` (usage) outside.
fn configure(opts: &Options) -> Result<Result<(Config, PathBuf), Vec<Error>>, Failure> {
    let mut config = match Config::load(&opts.root) {
        Ok(c) => c,
        Err(errors) => return Ok(Err(errors)),
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
    Ok(Ok((config, out_dir)))
}
