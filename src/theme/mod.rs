//! The tera environment: templates from `themes/<name>/templates`, each
//! overridable by a file of the same name in the site's own `templates/`;
//! the render context of pages, sections, categories and the 404 page; and
//! the functions templates call:
//!
//! - `t(key="…", name=value…)`: a Fluent message in the current language,
//!   with arguments (plural-aware through Fluent);
//! - `url(path="…")`: a link in the current language — `@/x.md` resolves a
//!   page, `/templates/` gets the language prefix, `asset=true` skips it;
//! - `get_page(path="templates/x.md")`, `get_section(path="templates/_index.md")`:
//!   another page or section, in the current language when translated.
//!
//! Besides its fields, every page and section summary carries
//! `description_html` (the description's inline Markdown as HTML),
//! `description_text` (the same as plain text, for `<meta>`) and `preview`
//! (its first diagram as a decorative card preview, or none) and `stats`
//! (its first diagram's `lanes`, `steps` and `connectors`, or none); a page
//! also carries `source` and `code` (its first diagram's FlowZap code, raw
//! and highlighted), `svg_url` and `fz_url` (that diagram as a standalone
//! SVG file and its code as a `.fz` file, both written beside the page),
//! `playground_url` (the code opened in FlowZap's playground) and
//! `edit_url` (the file in the `repository` of `site.toml`, when set).
//! Every template gets `categories`: those of its language.
//!
//! The values are typed (`theme/values.rs`): one struct per value, whose
//! `Serialize` is what the template reads and whose `Hash` is the page's
//! fingerprint for `zapdoc serve`. One [`Renderer`] is shared by all rayon
//! workers.

mod errors;
mod functions;
mod values;

pub use functions::track_lookups;
pub use values::PLAYGROUND_URL;

use crate::config::Config;
use crate::error::Error;
use crate::i18n::Catalog;
use crate::site::{CategoryId, EntryId, Site};
use crate::util::{Hidden, WalkError, files_under, hash_of};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use tera::{Context, Tera};
use typed_index_collections::TiVec;
use values::{Bound, Memo, PageContext};

/// Templates every theme must provide.
pub const REQUIRED: [&str; 5] = [
    "index.html",
    "section.html",
    "page.html",
    "category.html",
    "404.html",
];

/// The theme's templates, parsed, before they are bound to a site.
pub struct Theme {
    tera: Tera,
    /// Filled by [`Theme::bind`]; the functions read the site through it.
    slot: Arc<OnceLock<Arc<Bound>>>,
    /// Template name → (display path, text), for located errors.
    files: HashMap<String, (String, Arc<str>)>,
    /// Static directories to copy, theme first then the site's.
    pub static_dirs: Vec<PathBuf>,
}

/// A theme bound to a built site: renders every output page.
pub struct Renderer {
    tera: Tera,
    files: HashMap<String, (String, Arc<str>)>,
    bound: Arc<Bound>,
}

impl Theme {
    /// Read `root/themes/<theme>/templates/**` and `root/templates/**`.
    pub fn load(root: &Path, config: &Config) -> Result<Theme, Vec<Error>> {
        let theme_dir = root.join("themes").join(&config.theme);
        let theme_templates = theme_dir.join("templates");
        let site_templates = root.join("templates");
        let mut errors = Vec::new();
        if !theme_templates.is_dir() {
            return Err(vec![
                Error::new(format!(
                    "theme `{}` not found: no directory `themes/{}/templates`",
                    config.theme, config.theme
                ))
                .in_file(crate::config::FILE_NAME),
            ]);
        }
        let mut files: BTreeMap<String, (String, Arc<str>)> = BTreeMap::new();
        for (dir, display_prefix) in [
            (
                &theme_templates,
                format!("themes/{}/templates", config.theme),
            ),
            (&site_templates, "templates".to_string()),
        ] {
            if !dir.is_dir() {
                continue;
            }
            for found in files_under(dir, Hidden::Include) {
                let (path, name) = match found {
                    Ok(f) => f,
                    Err(WalkError::Walk(e)) => {
                        errors.push(Error::new(format!("cannot walk `{display_prefix}`: {e}")));
                        continue;
                    }
                    // No template can name it, so it cannot matter.
                    Err(WalkError::NotUtf8(_)) => continue,
                };
                let display = format!("{display_prefix}/{name}");
                match std::fs::read_to_string(&path) {
                    Ok(text) => {
                        files.insert(name, (display, Arc::from(text)));
                    }
                    Err(e) => errors.push(
                        Error::new(format!("cannot read: {}", crate::util::io_reason(&e)))
                            .in_file(display),
                    ),
                }
            }
        }
        for name in REQUIRED {
            if !files.contains_key(name) {
                errors.push(Error::new(format!(
                    "the theme has no `{name}` (looked in themes/{}/templates and templates)",
                    config.theme
                )));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        // Functions first: tera checks calls when templates are added.
        let slot: Arc<OnceLock<Arc<Bound>>> = Arc::new(OnceLock::new());
        functions::register(&mut tera, &slot);
        if let Err(e) = tera.add_raw_templates(files.iter().map(|(n, (_, t))| (n.as_str(), &**t))) {
            let files: HashMap<String, (String, Arc<str>)> = files.into_iter().collect();
            return Err(errors::tera_errors(&e, &files));
        }
        let mut static_dirs = vec![theme_dir.join("static")];
        static_dirs.push(root.join("static"));
        static_dirs.retain(|d| d.is_dir());
        Ok(Theme {
            tera,
            slot,
            files: files.into_iter().collect(),
            static_dirs,
        })
    }

    /// An unbound copy of the parsed templates, to bind to a rebuilt site
    /// without reading and parsing the theme again (`zapdoc serve`).
    pub fn fresh_copy(&self) -> Theme {
        let mut tera = self.tera.clone();
        let slot: Arc<OnceLock<Arc<Bound>>> = Arc::new(OnceLock::new());
        functions::register(&mut tera, &slot);
        Theme {
            tera,
            slot,
            files: self.files.clone(),
            static_dirs: self.static_dirs.clone(),
        }
    }

    /// Bind to a site whose structure did not change since `previous`
    /// was made (same entries, same categories): the page summaries are
    /// taken over, only those of the `changed` entries built again.
    pub fn bind_reusing(
        self,
        site: Arc<Site>,
        catalog: Arc<Catalog>,
        previous: Summaries,
        changed: &[EntryId],
    ) -> Renderer {
        let mut summaries = previous.0;
        if summaries.len() != site.entries.len() {
            return self.bind(site, catalog);
        }
        let categories = values::categories(&site, &catalog);
        for &i in changed {
            if let Some(e) = site.entries.get(i) {
                summaries[i] = values::summary(&categories, e, &HashMap::new());
            }
        }
        self.bind_with(site, catalog, summaries, categories)
    }

    /// Bind to a site: register the functions and pre-build the values.
    pub fn bind(self, site: Arc<Site>, catalog: Arc<Catalog>) -> Renderer {
        let categories = values::categories(&site, &catalog);
        let previews = values::previews(&site);
        let summaries: Vec<Memo> = site
            .entries
            .raw
            .par_iter()
            .map(|e| values::summary(&categories, e, &previews))
            .collect();
        let summaries = summaries.into();
        self.bind_with(site, catalog, summaries, categories)
    }

    fn bind_with(
        self,
        site: Arc<Site>,
        catalog: Arc<Catalog>,
        summaries: TiVec<EntryId, Memo>,
        categories: TiVec<CategoryId, Memo>,
    ) -> Renderer {
        let nav = site
            .config
            .languages
            .iter()
            .map(|l| {
                let nav = values::nav(&site, &l.code, &summaries, &categories);
                (l.code.clone(), nav)
            })
            .collect();
        let bound = Arc::new(Bound {
            config: values::config(&site.config),
            site,
            catalog,
            summaries,
            categories,
            nav,
        });
        // A fresh slot is always empty; a second bind cannot happen.
        let _ = self.slot.set(Arc::clone(&bound));
        Renderer {
            tera: self.tera,
            files: self.files,
            bound,
        }
    }
}

/// The page summaries a [`Renderer`] built, kept for the next binding.
pub struct Summaries(TiVec<EntryId, Memo>);

/// One page of output: where it goes and its HTML.
pub struct Output {
    /// Relative to the output directory: `zh/templates/x/index.html`.
    pub file: String,
    pub html: String,
    /// The reader's language (for link resolution afterwards).
    pub lang: String,
}

/// An output page ready to render: its template, everything the template
/// receives, and where it goes.
pub struct Prepared<'a> {
    template: &'a str,
    context: PageContext<'a>,
    file: String,
    lang: &'a str,
    /// The page, for errors: `content/x.md` or `/zh/x/page/2/`.
    what: String,
}

impl Renderer {
    /// Take the renderer apart, releasing its hold on the site, and keep
    /// the page summaries for [`Theme::bind_reusing`]. `None` if the
    /// bound data is still shared (it never is once the renderer is gone).
    pub fn into_summaries(self) -> Option<Summaries> {
        // The template functions hold the data too: drop them first.
        drop(self.tera);
        Arc::try_unwrap(self.bound)
            .ok()
            .map(|b| Summaries(b.summaries))
    }

    /// Page `pager` (from 1) of entry `i`, with its template. Only a
    /// paginated section has pages past the first.
    pub fn prepare_entry(&self, i: EntryId, pager: usize) -> Prepared<'_> {
        let e = &self.bound.site.entries[i];
        let path = crate::pagination::pager_path(&e.path, pager);
        let default = if !e.is_section() {
            "page.html"
        } else if e.key == crate::site::HOME_KEY {
            "index.html"
        } else {
            "section.html"
        };
        let what = if pager > 1 {
            format!("/{path}")
        } else if e.display_path.is_empty() {
            format!("/{}", e.path)
        } else {
            format!("`{}`", e.display_path)
        };
        Prepared {
            template: e.template.as_deref().unwrap_or(default),
            context: values::entry_context(&self.bound, i, pager),
            file: format!("{path}index.html"),
            lang: &e.lang,
            what,
        }
    }

    /// Page `pager` (from 1) of category `c`, with `category.html`.
    pub fn prepare_category(&self, c: CategoryId, pager: usize) -> Prepared<'_> {
        let cat = &self.bound.site.categories[c];
        let path = crate::pagination::pager_path(&cat.path, pager);
        Prepared {
            template: "category.html",
            context: values::category_context(&self.bound, c, pager),
            file: format!("{path}index.html"),
            lang: &cat.lang,
            what: format!("/{path}"),
        }
    }

    /// The 404 page of `lang`: `404.html` for the default language,
    /// `<lang>/404.html` for the others.
    pub fn prepare_404<'a>(&'a self, lang: &'a str) -> Prepared<'a> {
        let config = &self.bound.site.config;
        let file = format!("{}404.html", config.lang_prefix(lang));
        Prepared {
            template: "404.html",
            context: values::not_found_context(&self.bound, lang, &file),
            what: file.clone(),
            file,
            lang,
        }
    }

    /// Render a prepared page.
    pub fn render(&self, page: Prepared<'_>) -> Result<Output, Error> {
        let Prepared {
            template,
            context,
            file,
            lang,
            what,
        } = page;
        if !self.tera.contains_template(template) {
            return Err(Error::new(format!(
                "template `{template}` not found while rendering {what}"
            )));
        }
        let ctx = Context::from_serialize(&context)
            .map_err(|e| Error::new(format!("cannot build the values of {what}: {e}")))?;
        let html = self
            .tera
            .render(template, &ctx)
            .map_err(|e| errors::tera_error(&e, &self.files, Some(&what)))?;
        Ok(Output {
            file,
            html,
            lang: lang.to_string(),
        })
    }

    /// A fingerprint of what a page's template receives: when it stays
    /// (and [`Renderer::lookups_hash`] of the entries it looked up stays),
    /// the page's output stays.
    pub fn context_hash(&self, page: &Prepared<'_>) -> u64 {
        hash_of((page.template, &page.context))
    }

    /// A fingerprint of the entries a render looked up with `get_page` /
    /// `get_section`, as those functions return them.
    pub fn lookups_hash(&self, looked_up: &[EntryId]) -> u64 {
        let looked: Vec<u64> = looked_up
            .iter()
            .filter(|&&i| self.bound.site.entries.get(i).is_some())
            .map(|&i| hash_of(values::entry(&self.bound, i)))
            .collect();
        hash_of(looked)
    }

    pub fn render_entry(&self, i: EntryId, pager: usize) -> Result<Output, Error> {
        self.render(self.prepare_entry(i, pager))
    }

    pub fn render_category(&self, c: CategoryId, pager: usize) -> Result<Output, Error> {
        self.render(self.prepare_category(c, pager))
    }

    pub fn render_404(&self, lang: &str) -> Result<Output, Error> {
        self.render(self.prepare_404(lang))
    }

    /// The message `key` in `lang`, for markup written after the templates
    /// (heading anchors' names).
    pub fn t(&self, lang: &str, key: &str) -> String {
        self.bound.catalog.t(lang, key, &[])
    }
}
