//! UI strings with Fluent: one `i18n/<lang>.ftl` per language, falling back
//! to the default language for a message a translation lacks. Every missing
//! message is recorded and reported once per build ([`Catalog::report`]).
//!
//! Bundles are the thread-safe kind, so one [`Catalog`] serves all rayon
//! workers; arguments are not wrapped in bidi isolation marks.

use crate::config::Config;
use crate::error::Error;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

/// The directory of `.ftl` files, below the site root.
pub const I18N_DIR: &str = "i18n";

/// A message argument.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Str(String),
    Number(f64),
}

/// What went wrong when formatting a message, recorded once.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Problem {
    /// Missing in `lang`, taken from the default language.
    FellBack,
    /// Missing in `lang` and in the default language.
    Missing,
    /// Formatting reported something (an unknown variable…).
    Format(String),
}

/// The Fluent bundles of every language.
pub struct Catalog {
    default: String,
    bundles: BTreeMap<String, FluentBundle<FluentResource>>,
    problems: Mutex<BTreeSet<(String, String, Problem)>>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("default", &self.default)
            .field("languages", &self.bundles.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Catalog {
    /// Load `root/i18n/<lang>.ftl` for every language; a missing file is an
    /// empty catalog (its messages fall back to the default language).
    pub fn load(root: &Path, config: &Config) -> Result<Catalog, Vec<Error>> {
        let mut sources = Vec::new();
        let mut errors = Vec::new();
        for lang in &config.languages {
            let path = root.join(I18N_DIR).join(format!("{}.ftl", lang.code));
            let display = format!("{I18N_DIR}/{}.ftl", lang.code);
            match std::fs::read_to_string(&path) {
                Ok(text) => sources.push((lang.code.clone(), display, text)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    sources.push((lang.code.clone(), display, String::new()))
                }
                Err(e) => errors.push(
                    Error::new(format!("cannot read: {}", crate::util::io_reason(&e)))
                        .in_file(display),
                ),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Catalog::from_sources(&config.default_language, sources)
    }

    /// Build from `(lang, display path, ftl text)`. Syntax errors and
    /// duplicate messages are errors located in the file.
    pub fn from_sources(
        default: &str,
        sources: Vec<(String, String, String)>,
    ) -> Result<Catalog, Vec<Error>> {
        let mut errors = Vec::new();
        let mut bundles = BTreeMap::new();
        for (lang, display, text) in sources {
            let shared: Arc<str> = Arc::from(text.as_str());
            let langid = match lang.parse::<unic_langid::LanguageIdentifier>() {
                Ok(l) => l,
                Err(_) => {
                    errors.push(Error::new(format!("`{lang}` is not a language code")));
                    continue;
                }
            };
            let resource = match FluentResource::try_new(text) {
                Ok(r) => r,
                Err((r, parse_errors)) => {
                    for pe in parse_errors {
                        errors.push(Error::new(format!("invalid Fluent: {}", pe.kind)).at(
                            &display,
                            &shared,
                            pe.pos.clone(),
                        ));
                    }
                    r
                }
            };
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            bundle.set_use_isolating(false);
            if let Err(e) = bundle.add_builtins() {
                errors.push(Error::new(format!("Fluent built-ins: {e}")).in_file(&display));
            }
            if let Err(add_errors) = bundle.add_resource(resource) {
                for e in add_errors {
                    errors.push(Error::new(format!("{e}")).in_file(&display));
                }
            }
            bundles.insert(lang, bundle);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Catalog {
            default: default.to_string(),
            bundles,
            problems: Mutex::new(BTreeSet::new()),
        })
    }

    /// The message `key` (or `key.attribute`) in `lang` with `args`. A
    /// message missing in `lang` comes from the default language, and one
    /// missing everywhere renders as its key; both are recorded.
    pub fn t(&self, lang: &str, key: &str, args: &[(&str, Arg)]) -> String {
        if let Some(s) = self.format(lang, key, args) {
            return s;
        }
        if lang != self.default
            && let Some(s) = self.format(&self.default, key, args)
        {
            self.record(lang, key, Problem::FellBack);
            return s;
        }
        self.record(lang, key, Problem::Missing);
        key.to_string()
    }

    fn format(&self, lang: &str, key: &str, args: &[(&str, Arg)]) -> Option<String> {
        let bundle = self.bundles.get(lang)?;
        let (id, attr) = match key.split_once('.') {
            Some((id, attr)) => (id, Some(attr)),
            None => (key, None),
        };
        let message = bundle.get_message(id)?;
        let pattern = match attr {
            Some(a) => message.get_attribute(a)?.value(),
            None => message.value()?,
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let v = match value {
                Arg::Str(s) => FluentValue::from(s.clone()),
                Arg::Number(n) => FluentValue::from(*n),
            };
            fluent_args.set(name.to_string(), v);
        }
        let mut errors = Vec::new();
        let text = bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned();
        for e in errors {
            self.record(lang, key, Problem::Format(e.to_string()));
        }
        Some(text)
    }

    fn record(&self, lang: &str, key: &str, problem: Problem) {
        self.problems
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert((lang.to_string(), key.to_string(), problem));
    }

    /// Warnings for every missing message and formatting problem seen so
    /// far, one per language and message, sorted.
    pub fn report(&self) -> Vec<Error> {
        let problems = self.problems.lock().unwrap_or_else(PoisonError::into_inner);
        problems
            .iter()
            .map(|(lang, key, problem)| {
                let file = format!("{I18N_DIR}/{lang}.ftl");
                match problem {
                    Problem::FellBack => Error::warning(format!(
                        "message `{key}` is missing; used the `{}` text",
                        self.default
                    ))
                    .in_file(file),
                    Problem::Missing if lang == &self.default => {
                        Error::warning(format!("message `{key}` is missing; shown as its key"))
                            .in_file(file)
                    }
                    Problem::Missing => Error::warning(format!(
                        "message `{key}` is missing here and in `{}`; shown as its key",
                        self.default
                    ))
                    .in_file(file),
                    Problem::Format(reason) => {
                        Error::warning(format!("message `{key}`: {reason}")).in_file(file)
                    }
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        let en = "pages = { $count ->\n    [one] one page\n   *[other] { $count } pages\n}\nhello = Hello, { $name }!\nonly-en = English only\n";
        let fr = "pages = { $count ->\n    [one] { $count } page\n   *[other] { $count } pages\n}\nhello = Bonjour, { $name } !\n";
        let zh = "pages = { $count } 个页面\n";
        Catalog::from_sources(
            "en",
            vec![
                ("en".into(), "i18n/en.ftl".into(), en.into()),
                ("fr".into(), "i18n/fr.ftl".into(), fr.into()),
                ("zh".into(), "i18n/zh.ftl".into(), zh.into()),
            ],
        )
        .unwrap()
    }

    #[test]
    fn plurals_follow_each_language() {
        let c = catalog();
        let n = |x: f64| [("count", Arg::Number(x))];
        assert_eq!(c.t("en", "pages", &n(1.0)), "one page");
        assert_eq!(c.t("en", "pages", &n(0.0)), "0 pages");
        assert_eq!(c.t("fr", "pages", &n(0.0)), "0 page");
        assert_eq!(c.t("fr", "pages", &n(1.0)), "1 page");
        assert_eq!(c.t("fr", "pages", &n(2.0)), "2 pages");
        assert_eq!(c.t("zh", "pages", &n(1.0)), "1 个页面");
        assert!(c.report().is_empty());
    }

    #[test]
    fn no_isolation_marks_and_fallback_reported_once() {
        let c = catalog();
        let name = [("name", Arg::Str("Ada".into()))];
        assert_eq!(c.t("fr", "hello", &name), "Bonjour, Ada !");
        assert_eq!(c.t("zh", "only-en", &[]), "English only");
        assert_eq!(c.t("zh", "only-en", &[]), "English only");
        assert_eq!(c.t("fr", "nowhere", &[]), "nowhere");
        let report = c.report();
        assert_eq!(report.len(), 2, "{report:?}");
        assert!(report.iter().all(|e| !e.is_error()));
    }

    #[test]
    fn syntax_errors_are_located() {
        let errs = Catalog::from_sources(
            "en",
            vec![(
                "en".into(),
                "i18n/en.ftl".into(),
                "ok = fine\nbad = { \n".into(),
            )],
        )
        .unwrap_err();
        assert_eq!(errs[0].path(), Some("i18n/en.ftl"));
        assert!(errs[0].line_col().is_some());
    }
}
