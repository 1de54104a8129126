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
//! One [`Renderer`] is shared by all rayon workers.

use crate::config::Config;
use crate::error::Error;
use crate::i18n::{Arg, Catalog};
use crate::pagination::pager_path;
use crate::site::{Entry, Site};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use tera::{Context, Kwargs, State, Tera, TeraResult, Value};

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
    slot: Arc<OnceLock<Arc<Data>>>,
    /// Template name → (display path, text), for located errors.
    files: HashMap<String, (String, Arc<str>)>,
    /// Static directories to copy, theme first then the site's.
    pub static_dirs: Vec<PathBuf>,
}

/// A theme bound to a built site: renders every output page.
pub struct Renderer {
    tera: Tera,
    files: HashMap<String, (String, Arc<str>)>,
    data: Arc<Data>,
}

/// Pre-built template values, shared by the render functions.
struct Data {
    site: Arc<Site>,
    catalog: Arc<Catalog>,
    /// Per entry: its summary (what listings show).
    summaries: Vec<Value>,
    /// Per category: its value (its name is a Fluent lookup, made once).
    categories: Vec<Value>,
    config: Value,
    /// Per language: what every page's navigation shows.
    nav: HashMap<String, Nav>,
}

/// A language's navigation: its home page and the home's subsections
/// (summaries), and its categories. Built once per binding: every page
/// shows them, and a full `get_section` of the home would list every page.
struct Nav {
    home: Value,
    sections: Value,
    categories: Value,
}

fn obj(pairs: Vec<(&'static str, Value)>) -> Value {
    Value::from(pairs.into_iter().collect::<BTreeMap<&'static str, Value>>())
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
            for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
                let entry = match entry {
                    Ok(e) => e,
                    Err(e) => {
                        errors.push(Error::new(format!("cannot walk `{display_prefix}`: {e}")));
                        continue;
                    }
                };
                if !entry.file_type().is_file() {
                    continue;
                }
                let Some(name) = entry
                    .path()
                    .strip_prefix(dir)
                    .ok()
                    .and_then(|r| r.to_str())
                    .map(|r| r.replace('\\', "/"))
                else {
                    continue;
                };
                let display = format!("{display_prefix}/{name}");
                match std::fs::read_to_string(entry.path()) {
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
        let slot: Arc<OnceLock<Arc<Data>>> = Arc::new(OnceLock::new());
        register(&mut tera, &slot);
        if let Err(e) = tera.add_raw_templates(files.iter().map(|(n, (_, t))| (n.as_str(), &**t))) {
            let files: HashMap<String, (String, Arc<str>)> = files.into_iter().collect();
            return Err(tera_errors(&e, &files));
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
        let slot: Arc<OnceLock<Arc<Data>>> = Arc::new(OnceLock::new());
        register(&mut tera, &slot);
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
        changed: &[usize],
    ) -> Renderer {
        let mut summaries = previous.0;
        if summaries.len() != site.entries.len() {
            return self.bind(site, catalog);
        }
        let categories: Vec<Value> = (0..site.categories.len())
            .map(|c| category_value(&site, &catalog, c))
            .collect();
        for &i in changed {
            if let Some(e) = site.entries.get(i) {
                summaries[i] = summary(&categories, e, &HashMap::new());
            }
        }
        self.bind_with(site, catalog, summaries, categories)
    }

    /// Bind to a site: register the functions and pre-build the values.
    pub fn bind(self, site: Arc<Site>, catalog: Arc<Catalog>) -> Renderer {
        // Each category's value once (its name is a Fluent lookup), not
        // once per page.
        let categories: Vec<Value> = (0..site.categories.len())
            .map(|c| category_value(&site, &catalog, c))
            .collect();
        // One template value per distinct preview: pages drawing the same
        // diagram share it instead of each holding a copy.
        let mut previews: HashMap<usize, Value> = HashMap::new();
        for e in &site.entries {
            if let Some(d) = e.body.diagrams.first().filter(|d| !d.preview.is_empty()) {
                previews
                    .entry(preview_key(&d.preview))
                    .or_insert_with(|| Value::safe_string(&d.preview));
            }
        }
        let summaries = site
            .entries
            .par_iter()
            .map(|e| summary(&categories, e, &previews))
            .collect();
        self.bind_with(site, catalog, summaries, categories)
    }

    /// `categories`: each category's value, as [`category_value`] makes it.
    fn bind_with(
        self,
        site: Arc<Site>,
        catalog: Arc<Catalog>,
        summaries: Vec<Value>,
        categories: Vec<Value>,
    ) -> Renderer {
        let config = config_value(&site.config);
        let nav = site
            .config
            .languages
            .iter()
            .map(|l| {
                let home = site.home(&l.code);
                let nav = Nav {
                    home: home.map_or_else(Value::none, |h| summaries[h].clone()),
                    sections: home.map_or_else(
                        || Value::from(Vec::<Value>::new()),
                        |h| {
                            let subs = &site.entries[h].subsections;
                            Value::from(
                                subs.iter()
                                    .map(|&j| summaries[j].clone())
                                    .collect::<Vec<_>>(),
                            )
                        },
                    ),
                    categories: Value::from(
                        site.categories
                            .iter()
                            .zip(&categories)
                            .filter(|(c, _)| c.lang == l.code)
                            .map(|(_, v)| v.clone())
                            .collect::<Vec<Value>>(),
                    ),
                };
                (l.code.clone(), nav)
            })
            .collect();
        let data = Arc::new(Data {
            site,
            catalog,
            summaries,
            categories,
            config,
            nav,
        });
        // A fresh slot is always empty; a second bind cannot happen.
        let _ = self.slot.set(Arc::clone(&data));
        let tera = self.tera;
        Renderer {
            tera,
            files: self.files,
            data,
        }
    }
}

/// The page summaries a [`Renderer`] built, kept for the next binding.
pub struct Summaries(Vec<Value>);

impl Renderer {
    /// Take the renderer apart, releasing its hold on the site, and keep
    /// the page summaries for [`Theme::bind_reusing`]. `None` if the
    /// bound data is still shared (it never is once the renderer is gone).
    pub fn into_summaries(self) -> Option<Summaries> {
        // The template functions hold the data too: drop them first.
        drop(self.tera);
        Arc::try_unwrap(self.data)
            .ok()
            .map(|d| Summaries(d.summaries))
    }
}

/// Register `t`, `url`, `get_page` and `get_section`, reading the site
/// from `slot` once bound.
fn register(tera: &mut Tera, slot: &Arc<OnceLock<Arc<Data>>>) {
    fn bound(slot: &OnceLock<Arc<Data>>) -> TeraResult<&Data> {
        slot.get()
            .map(|d| &**d)
            .ok_or_else(|| tera::Error::message("the theme is not bound to a site yet"))
    }
    let s = Arc::clone(slot);
    tera.register_function("t", move |kwargs: Kwargs, state: &State| {
        fn_t(bound(&s)?, kwargs, state)
    });
    let s = Arc::clone(slot);
    tera.register_function("url", move |kwargs: Kwargs, state: &State| {
        fn_url(bound(&s)?, kwargs, state)
    });
    let s = Arc::clone(slot);
    tera.register_function("get_page", move |kwargs: Kwargs, state: &State| {
        fn_get(bound(&s)?, kwargs, state, false)
    });
    let s = Arc::clone(slot);
    tera.register_function("get_section", move |kwargs: Kwargs, state: &State| {
        fn_get(bound(&s)?, kwargs, state, true)
    });
}

fn config_value(c: &Config) -> Value {
    let languages: Vec<Value> = c
        .languages
        .iter()
        .map(|l| {
            obj(vec![
                ("code", l.code.as_str().into()),
                ("name", l.name.as_str().into()),
            ])
        })
        .collect();
    obj(vec![
        ("title", c.title.as_str().into()),
        ("description", c.description.as_str().into()),
        ("base_url", c.base_url.as_str().into()),
        ("default_language", c.default_language.as_str().into()),
        ("languages", languages.into()),
    ])
}

fn category_value(site: &Site, catalog: &Catalog, index: usize) -> Value {
    let c = &site.categories[index];
    obj(vec![
        ("slug", c.slug.as_str().into()),
        (
            "name",
            catalog
                .t(&c.lang, &format!("category-{}", c.slug), &[])
                .into(),
        ),
        ("url", c.url.as_str().into()),
        ("count", c.pages.len().into()),
    ])
}

/// A preview's identity: the diagram cache hands every page drawing the
/// same diagram the same `Arc`.
fn preview_key(preview: &Arc<str>) -> usize {
    Arc::as_ptr(preview) as *const u8 as usize
}

/// What a listing shows of a page or section; the preview comes from
/// `previews` when it is there.
fn summary(categories: &[Value], e: &Entry, previews: &HashMap<usize, Value>) -> Value {
    let category = match e.category_index.and_then(|i| categories.get(i)) {
        Some(c) => c.clone(),
        None => Value::none(),
    };
    let tags: Vec<Value> = e.tags.iter().map(|t| Value::from(t.as_str())).collect();
    let (description_html, description_text) = crate::markdown::inline(&e.description);
    let preview = e
        .body
        .diagrams
        .first()
        .filter(|d| !d.preview.is_empty())
        .map_or_else(Value::none, |d| {
            previews
                .get(&preview_key(&d.preview))
                .cloned()
                .unwrap_or_else(|| Value::safe_string(&d.preview))
        });
    let stats = e
        .body
        .diagrams
        .first()
        .and_then(|d| d.stats)
        .map_or_else(Value::none, |s| {
            obj(vec![
                ("lanes", s.lanes.into()),
                ("steps", s.steps.into()),
                ("connectors", s.connectors.into()),
            ])
        });
    obj(vec![
        ("key", e.key.as_str().into()),
        ("lang", e.lang.as_str().into()),
        ("title", e.title.as_str().into()),
        ("description", e.description.as_str().into()),
        ("description_html", Value::safe_string(&description_html)),
        ("description_text", description_text.into()),
        ("preview", preview),
        ("stats", stats),
        ("summary", e.body.summary.as_str().into()),
        ("url", e.url.as_str().into()),
        ("path", format!("/{}", e.path).into()),
        ("slug", e.slug.as_str().into()),
        ("date", e.date.as_deref().into()),
        ("weight", e.weight.into()),
        ("category", category),
        ("tags", tags.into()),
        ("reading_time", e.reading_time.into()),
        ("word_count", e.body.word_count.into()),
        ("is_section", e.is_section().into()),
        ("page_count", e.pages.len().into()),
    ])
}

fn kwarg_str(kwargs: &Kwargs, name: &str) -> TeraResult<String> {
    kwargs.must_get::<String>(name)
}

fn current_lang(data: &Data, kwargs: &Kwargs, state: &State) -> TeraResult<String> {
    if let Some(l) = kwargs.get::<String>("lang")? {
        return Ok(l);
    }
    Ok(state
        .get::<String>("lang")?
        .unwrap_or_else(|| data.site.config.default_language.clone()))
}

fn fn_t(data: &Data, kwargs: Kwargs, state: &State) -> TeraResult<String> {
    let key = kwarg_str(&kwargs, "key")?;
    let lang = current_lang(data, &kwargs, state)?;
    let mut args: Vec<(String, Arg)> = Vec::new();
    for (k, v) in kwargs.iter() {
        let Some(name) = k.as_str() else { continue };
        if name == "key" || name == "lang" {
            continue;
        }
        let arg = match v.as_f64() {
            Some(n) if v.is_number() => Arg::Number(n),
            _ => Arg::Str(v.as_str().map_or_else(|| v.to_string(), str::to_string)),
        };
        args.push((name.to_string(), arg));
    }
    args.sort_by(|a, b| a.0.cmp(&b.0));
    let borrowed: Vec<(&str, Arg)> = args.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    Ok(data.catalog.t(&lang, &key, &borrowed))
}

fn fn_url(data: &Data, kwargs: Kwargs, state: &State) -> TeraResult<String> {
    let path = kwarg_str(&kwargs, "path")?;
    let lang = current_lang(data, &kwargs, state)?;
    let site = &data.site;
    if let Some(target) = path.strip_prefix("@/") {
        return site
            .resolve_url(target, &lang)
            .ok_or_else(|| tera::Error::message(format!("url: no page `{path}`")));
    }
    if path.starts_with("http://") || path.starts_with("https://") || path.starts_with("//") {
        return Ok(path);
    }
    let asset = kwargs.get::<bool>("asset")?.unwrap_or(false);
    let path = path.trim_start_matches('/');
    Ok(if asset {
        site.config.link(path)
    } else {
        site.config
            .link(&format!("{}{path}", site.config.lang_prefix(&lang)))
    })
}

thread_local! {
    /// Entries looked up by `get_page` / `get_section` during the render
    /// running on this thread, when [`track_lookups`] is collecting.
    static LOOKUPS: std::cell::RefCell<Option<Vec<usize>>> = const { std::cell::RefCell::new(None) };
}

/// Run `render` (one render call of a [`Renderer`]) and return, beside its
/// result, the entries its templates looked up with `get_page` or
/// `get_section`: the output depends on them too. Rendering is synchronous,
/// so the lookups are those of this thread.
pub fn track_lookups<T>(render: impl FnOnce() -> T) -> (T, Vec<usize>) {
    let previous = LOOKUPS.with(|l| l.replace(Some(Vec::new())));
    let out = render();
    let mut seen = LOOKUPS.with(|l| l.replace(previous)).unwrap_or_default();
    seen.sort_unstable();
    seen.dedup();
    (out, seen)
}

fn fn_get(data: &Data, kwargs: Kwargs, state: &State, section: bool) -> TeraResult<Value> {
    let path = kwarg_str(&kwargs, "path")?;
    let lang = current_lang(data, &kwargs, state)?;
    let target = path.trim_start_matches("@/");
    let i = data
        .site
        .resolve(target, &lang)
        .filter(|&i| data.site.entries[i].is_section() == section)
        .ok_or_else(|| {
            let what = if section { "get_section" } else { "get_page" };
            tera::Error::message(format!(
                "{what}: no {} `{path}`",
                if section { "section" } else { "page" }
            ))
        })?;
    LOOKUPS.with(|l| {
        if let Some(seen) = l.borrow_mut().as_mut() {
            seen.push(i);
        }
    });
    Ok(if section {
        section_value(data, i, list(data, &data.site.entries[i].pages))
    } else {
        page_value(data, i)
    })
}

fn list(data: &Data, items: &[usize]) -> Value {
    Value::from(
        items
            .iter()
            .map(|&i| data.summaries[i].clone())
            .collect::<Vec<Value>>(),
    )
}

fn with(base: &Value, extra: Vec<(&'static str, Value)>) -> Value {
    let mut map: BTreeMap<String, Value> = base
        .as_map()
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| k.as_str().map(|k| (k.to_string(), v.clone())))
                .collect()
        })
        .unwrap_or_default();
    for (k, v) in extra {
        map.insert(k.to_string(), v);
    }
    Value::from(map)
}

fn headings(e: &Entry) -> Value {
    Value::from(
        e.body
            .headings
            .iter()
            .map(|h| {
                obj(vec![
                    ("level", h.level.into()),
                    ("id", h.id.as_str().into()),
                    ("text", h.text.as_str().into()),
                ])
            })
            .collect::<Vec<Value>>(),
    )
}

fn page_value(data: &Data, i: usize) -> Value {
    let e = &data.site.entries[i];
    let related: Vec<Value> = e
        .related
        .iter()
        .map(|r| {
            with(
                &data.summaries[r.entry],
                vec![("fallback", r.fallback.into())],
            )
        })
        .collect();
    let extra = Value::from_serializable(&e.extra);
    // The first diagram's code, to show and copy beside its drawing, to
    // download and to open in FlowZap.
    let config = &data.site.config;
    let link = |file: Option<&String>| file.map_or_else(Value::none, |f| config.link(f).into());
    let (source, code, playground) = match e.body.diagrams.first() {
        Some(d) => {
            let source = d.source.replace('\0', "\u{FFFD}");
            let code = crate::highlight::flowzap_html(&source);
            let playground = format!(
                "{PLAYGROUND_URL}{}",
                crate::util::base64url(source.as_bytes())
            );
            (source.into(), Value::safe_string(&code), playground.into())
        }
        None => (Value::none(), Value::none(), Value::none()),
    };
    let svg_url = link(e.body.diagrams.first().and_then(|d| d.file.as_ref()));
    let fz_url = link(e.body.fz_file.as_ref());
    let edit_url = match &config.repository {
        Some(repo) if !e.display_path.is_empty() => {
            crate::util::percent_encode_url(&format!("{repo}{}", e.display_path)).into()
        }
        _ => Value::none(),
    };
    with(
        &data.summaries[i],
        vec![
            ("content", Value::safe_string(&e.body.html)),
            ("headings", headings(e)),
            ("related", related.into()),
            ("extra", extra),
            ("source", source),
            ("code", code),
            ("svg_url", svg_url),
            ("fz_url", fz_url),
            ("playground_url", playground),
            ("edit_url", edit_url),
        ],
    )
}

/// FlowZap's playground, which opens the code given as `?code=` in
/// base64url.
pub const PLAYGROUND_URL: &str = "https://flowzap.xyz/playground?code=";

/// A section with `pages` as its listed pages: all of them, or on a
/// numbered listing page only those that page shows.
fn section_value(data: &Data, i: usize, pages: Value) -> Value {
    let e = &data.site.entries[i];
    with(
        &data.summaries[i],
        vec![
            ("content", Value::safe_string(&e.body.html)),
            ("headings", headings(e)),
            ("pages", pages),
            ("subsections", list(data, &e.subsections)),
            ("extra", Value::from_serializable(&e.extra)),
        ],
    )
}

/// The `paginator` of page `pager` of a listing of `items` at `first`,
/// with Zola's names: `pages` (given: this page's summaries), `current_index`,
/// `number_pagers`, `paginate_by`, `total_pages` (items in the whole
/// listing), `first`, `last`, `previous`, `next` (URLs, none at the ends)
/// and `pagers` (every page as `index`, `url`, `current`).
fn paginator(
    data: &Data,
    pages: Value,
    items: &[usize],
    per: Option<usize>,
    pager: usize,
    first: &str,
) -> Value {
    let config = &data.site.config;
    let count = crate::pagination::pager_count(items.len(), per);
    let url = |k: usize| Value::from(config.link(&pager_path(first, k)));
    let pagers: Vec<Value> = (1..=count)
        .map(|k| {
            obj(vec![
                ("index", k.into()),
                ("url", url(k)),
                ("current", (k == pager).into()),
            ])
        })
        .collect();
    obj(vec![
        ("pages", pages),
        ("current_index", pager.into()),
        ("number_pagers", count.into()),
        ("paginate_by", per.unwrap_or(items.len()).into()),
        ("total_pages", items.len().into()),
        ("first", url(1)),
        ("last", url(count)),
        (
            "previous",
            if pager > 1 {
                url(pager - 1)
            } else {
                Value::none()
            },
        ),
        (
            "next",
            if pager < count {
                url(pager + 1)
            } else {
                Value::none()
            },
        ),
        ("pagers", pagers.into()),
    ])
}

/// Turn a tera error into a site error located in the template file;
/// `rendering` names the page being rendered (a label under the caret, so
/// the same mistake met on every page reads as one).
fn tera_error(
    e: &tera::Error,
    files: &HashMap<String, (String, Arc<str>)>,
    rendering: Option<&str>,
) -> Error {
    let report = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    let mut message = match report {
        Some(r) => r.message().to_string(),
        None => e.to_string(),
    };
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(&format!(": {s}"));
        source = s.source();
    }
    let error = Error::new(format!("template error: {message}"));
    let error = match report.and_then(|r| files.get(r.filename()).map(|f| (r, f))) {
        Some((r, (display, text))) => error.at(display.as_str(), text, r.span().range.clone()),
        None => error,
    };
    match rendering {
        Some(what) => error.with_label(format!("while rendering {what}")),
        None => error,
    }
}

/// The errors of loading the templates. Tera checks every filter, test and
/// function call when templates are added and reports the unknown ones as
/// one message of reports it has already rendered (`error: Unknown filter
/// `x`` / `--> page.html:2:34`): each becomes an error of its own, located
/// in the theme file by its path.
fn tera_errors(e: &tera::Error, files: &HashMap<String, (String, Arc<str>)>) -> Vec<Error> {
    let tera::ErrorKind::Msg(text) = e.kind() else {
        return vec![tera_error(e, files, None)];
    };
    let mut errors = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(message) = line.trim().strip_prefix("error: ") else {
            continue;
        };
        let located = lines
            .peek()
            .and_then(|l| l.trim().strip_prefix("--> "))
            .and_then(|at| {
                let mut parts = at.rsplitn(3, ':');
                let col: usize = parts.next()?.parse().ok()?;
                let line: usize = parts.next()?.parse().ok()?;
                let (display, text) = files.get(parts.next()?)?;
                let start = crate::error::offset_of(text, line, col);
                let end = text[start..]
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .map_or(text.len(), |n| start + n.max(1));
                Some(Error::new(format!("template error: {message}")).at(
                    display.as_str(),
                    text,
                    start..end,
                ))
            });
        errors.push(located.unwrap_or_else(|| Error::new(format!("template error: {message}"))));
    }
    if errors.is_empty() {
        errors.push(tera_error(e, files, None));
    }
    errors
}

/// One page of output: where it goes and its HTML.
pub struct Output {
    /// Relative to the output directory: `zh/templates/x/index.html`.
    pub file: String,
    pub html: String,
    /// The reader's language (for link resolution afterwards).
    pub lang: String,
}

impl Renderer {
    fn render(&self, template: &str, ctx: &Context, what: &str) -> Result<String, Error> {
        if !self.tera.contains_template(template) {
            return Err(Error::new(format!(
                "template `{template}` not found while rendering {what}"
            )));
        }
        self.tera
            .render(template, ctx)
            .map_err(|e| tera_error(&e, &self.files, Some(what)))
    }

    fn base_context(&self, lang: &str, path: &str, alternates: Vec<(String, String)>) -> Context {
        let site = &self.data.site;
        let mut ctx = Context::new();
        ctx.insert_value("config", self.data.config.clone());
        ctx.insert("lang", lang);
        let lang_name = site
            .config
            .languages
            .iter()
            .find(|l| l.code == lang)
            .map_or(lang, |l| l.name.as_str());
        ctx.insert("lang_name", lang_name);
        ctx.insert("current_path", &format!("/{path}"));
        ctx.insert("current_url", &site.config.link(path));
        // The language switcher: every language, linking to this content
        // where translated and to that language's home otherwise.
        let switcher: Vec<Value> = site
            .config
            .languages
            .iter()
            .map(|l| {
                let translated = alternates.iter().find(|(code, _)| code == &l.code);
                let url = match translated {
                    Some((_, url)) => url.clone(),
                    None => site.config.link(&site.config.lang_prefix(&l.code)),
                };
                obj(vec![
                    ("code", l.code.as_str().into()),
                    ("name", l.name.as_str().into()),
                    ("url", url.into()),
                    ("translated", translated.is_some().into()),
                    ("current", (l.code == lang).into()),
                ])
            })
            .collect();
        ctx.insert_value("languages", switcher.into());
        let translations: Vec<Value> = alternates
            .iter()
            .map(|(code, url)| {
                let name = site
                    .config
                    .languages
                    .iter()
                    .find(|l| &l.code == code)
                    .map_or(code.as_str(), |l| l.name.as_str());
                obj(vec![
                    ("lang", code.as_str().into()),
                    ("name", name.into()),
                    ("url", url.as_str().into()),
                ])
            })
            .collect();
        ctx.insert_value("translations", translations.into());
        // The navigation and categories of this language.
        if let Some(nav) = self.data.nav.get(lang) {
            ctx.insert_value("nav_home", nav.home.clone());
            ctx.insert_value("nav", nav.sections.clone());
            ctx.insert_value("categories", nav.categories.clone());
        }
        ctx
    }

    /// Render page `pager` (from 1) of entry `i` with its template. Only a
    /// paginated section has pages past the first.
    pub fn render_entry(&self, i: usize, pager: usize) -> Result<Output, Error> {
        let site = &self.data.site;
        let e = &site.entries[i];
        let path = pager_path(&e.path, pager);
        let mut ctx = self.base_context(&e.lang, &path, site.entry_alternates(i, pager));
        let (template, key, value) = if e.is_section() {
            let default = if e.key == crate::site::HOME_KEY {
                "index.html"
            } else {
                "section.html"
            };
            // A numbered listing page shows, and depends on, its own pages:
            // `section.pages` and `paginator.pages` are the same list.
            let shown = crate::pagination::pager_items(&e.pages, e.paginate_by, pager);
            let pages = list(&self.data, shown);
            if e.paginate_by.is_some() {
                let paginator = paginator(
                    &self.data,
                    pages.clone(),
                    &e.pages,
                    e.paginate_by,
                    pager,
                    &e.path,
                );
                ctx.insert_value("paginator", paginator);
            }
            (default, "section", section_value(&self.data, i, pages))
        } else {
            ("page.html", "page", page_value(&self.data, i))
        };
        if let Some(parent) = e.parent {
            ctx.insert_value("parent", self.data.summaries[parent].clone());
        }
        ctx.insert_value(key, value);
        let template = e.template.as_deref().unwrap_or(template);
        let what = if pager > 1 {
            format!("/{path}")
        } else if e.display_path.is_empty() {
            format!("/{}", e.path)
        } else {
            format!("`{}`", e.display_path)
        };
        let html = self.render(template, &ctx, &what)?;
        Ok(Output {
            file: format!("{path}index.html"),
            html,
            lang: e.lang.clone(),
        })
    }

    /// Render page `pager` (from 1) of category `c` with `category.html`.
    pub fn render_category(&self, c: usize, pager: usize) -> Result<Output, Error> {
        let site = &self.data.site;
        let cat = &site.categories[c];
        let path = pager_path(&cat.path, pager);
        let mut ctx = self.base_context(&cat.lang, &path, site.category_alternates(c, pager));
        let per = site.config.category_paginate_by;
        let shown = crate::pagination::pager_items(&cat.pages, per, pager);
        let pages = list(&self.data, shown);
        if per.is_some() {
            let paginator = paginator(&self.data, pages.clone(), &cat.pages, per, pager, &cat.path);
            ctx.insert_value("paginator", paginator);
        }
        let value = with(&self.data.categories[c], vec![("pages", pages)]);
        ctx.insert_value("category", value);
        // The section its pages belong to, for breadcrumbs and "all".
        if let Some(parent) = cat.pages.first().and_then(|&p| site.entries[p].parent) {
            ctx.insert_value("parent", self.data.summaries[parent].clone());
        }
        let html = self.render("category.html", &ctx, &format!("/{path}"))?;
        Ok(Output {
            file: format!("{path}index.html"),
            html,
            lang: cat.lang.clone(),
        })
    }

    /// Render the 404 page of `lang`: `404.html` for the default language,
    /// `<lang>/404.html` for the others, each with its language's
    /// navigation; its language switcher leads to the languages' homes.
    pub fn render_404(&self, lang: &str) -> Result<Output, Error> {
        let config = &self.data.site.config;
        let file = format!("{}404.html", config.lang_prefix(lang));
        let ctx = self.base_context(lang, &file, Vec::new());
        let html = self.render("404.html", &ctx, &file)?;
        Ok(Output {
            file,
            html,
            lang: lang.to_string(),
        })
    }

    /// The message `key` in `lang`, for markup written after the templates
    /// (heading anchors' names).
    pub fn t(&self, lang: &str, key: &str) -> String {
        self.data.catalog.t(lang, key, &[])
    }
}
