//! UI strings with Fluent: one `i18n/<lang>.ftl` per language, falling back
//! to the default language for a message a translation lacks. Every missing
//! message is recorded and reported once per build ([`Catalog::report`]).
//!
//! Bundles are the thread-safe kind, so one [`Catalog`] serves all rayon
//! workers; arguments are not wrapped in bidi isolation marks.
//!
//! The wording of diagrams' accessible titles and descriptions is built in
//! for English, Chinese and French (`src/i18n_builtin/`), under the site's
//! own messages, which may redefine it; [`DiagramWording`] reads it.

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
    /// Missing in `lang` and in the default language, taken from the
    /// built-in English.
    BuiltIn,
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
    /// A hash of every `.ftl` text, to tell when a catalog changed.
    fingerprint: u64,
}

/// Built-in messages by primary language subtag: what the site's own
/// `.ftl` files may leave out.
const BUILTIN: &[(&str, &str)] = &[
    ("en", include_str!("i18n_builtin/en.ftl")),
    ("fr", include_str!("i18n_builtin/fr.ftl")),
    ("zh", include_str!("i18n_builtin/zh.ftl")),
];

/// The built-in English messages on their own: the last resort of a
/// language whose default language has no built-in wording either.
fn english_builtin() -> &'static FluentBundle<FluentResource> {
    static BUNDLE: std::sync::OnceLock<FluentBundle<FluentResource>> = std::sync::OnceLock::new();
    BUNDLE.get_or_init(|| {
        let en = "en".parse::<unic_langid::LanguageIdentifier>();
        let mut bundle = FluentBundle::new_concurrent(en.into_iter().collect());
        bundle.set_use_isolating(false);
        if let Some(text) = builtin("en")
            && let Ok(resource) = FluentResource::try_new(text.to_string())
        {
            let _ = bundle.add_resource(resource);
        }
        bundle
    })
}

fn builtin(lang: &str) -> Option<&'static str> {
    let primary = lang.split(['-', '_']).next().unwrap_or(lang);
    BUILTIN
        .iter()
        .find(|(code, _)| code.eq_ignore_ascii_case(primary))
        .map(|&(_, text)| text)
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
        let fingerprint = crate::util::hash_of((default, &sources));
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
            // Built-in messages go in under the site's: the ones the site
            // defines itself are refused, which is the point.
            if let Some(text) = builtin(&lang)
                && let Ok(resource) = FluentResource::try_new(text.to_string())
            {
                let _ = bundle.add_resource(resource);
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
            fingerprint,
        })
    }

    /// Changes whenever any `.ftl` text or the default language does.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
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
        if let Some(s) = self.format_in(english_builtin(), lang, key, args) {
            self.record(lang, key, Problem::BuiltIn);
            return s;
        }
        self.record(lang, key, Problem::Missing);
        key.to_string()
    }

    fn format(&self, lang: &str, key: &str, args: &[(&str, Arg)]) -> Option<String> {
        self.format_in(self.bundles.get(lang)?, lang, key, args)
    }

    fn format_in(
        &self,
        bundle: &FluentBundle<FluentResource>,
        lang: &str,
        key: &str,
        args: &[(&str, Arg)],
    ) -> Option<String> {
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
        let mut out = Vec::new();
        // Diagram wording a language lacks is one warning, not one per
        // message: it is one thing to translate.
        let mut wording: BTreeMap<(&str, &Problem), Vec<&str>> = BTreeMap::new();
        for (lang, key, problem) in problems.iter() {
            let file = format!("{I18N_DIR}/{lang}.ftl");
            let fallback = matches!(problem, Problem::FellBack | Problem::BuiltIn);
            if fallback && key.starts_with(DIAGRAM_PREFIX) {
                wording.entry((lang, problem)).or_default().push(key);
                continue;
            }
            out.push(match problem {
                Problem::FellBack => Error::warning(format!(
                    "message `{key}` is missing; used the `{}` text",
                    self.default
                ))
                .in_file(file),
                Problem::BuiltIn => Error::warning(format!(
                    "message `{key}` is missing; used zapdoc's built-in English text"
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
            });
        }
        for ((lang, problem), keys) in wording {
            let from = match problem {
                Problem::FellBack => format!("the `{}` text", self.default),
                _ => "zapdoc's built-in English text".to_string(),
            };
            let keys: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
            out.push(
                Error::warning(format!(
                    "{} message(s) for diagram descriptions missing ({}); diagrams on `{lang}` \
                     pages are described with {from}",
                    keys.len(),
                    keys.join(", ")
                ))
                .in_file(format!("{I18N_DIR}/{lang}.ftl"))
                .with_hint(
                    "screen readers read these descriptions; define the messages in this file \
                     (the docs' Configuration page lists them)",
                ),
            );
        }
        out
    }
}

/// The messages diagram descriptions are worded from.
const DIAGRAM_PREFIX: &str = "diagram-";

/// The accessible wording of diagrams in one language, from the catalog's
/// `diagram-*` messages.
pub struct DiagramWording<'a> {
    pub catalog: &'a Catalog,
    pub lang: &'a str,
}

impl DiagramWording<'_> {
    fn t(&self, key: &str, args: &[(&str, &str)]) -> String {
        let args: Vec<(&str, Arg)> = args
            .iter()
            .map(|&(k, v)| (k, Arg::Str(v.to_string())))
            .collect();
        self.catalog.t(self.lang, key, &args)
    }
}

impl crate::flowzap::describe::Wording for DiagramWording<'_> {
    fn title(&self, lanes: &str) -> String {
        self.t("diagram-title", &[("lanes", lanes)])
    }

    fn summary(&self, lanes: usize) -> String {
        let count = [("count", Arg::Number(lanes as f64))];
        self.catalog.t(self.lang, "diagram-summary", &count)
    }

    fn step(&self, label: &str, shape: crate::flowzap::Shape) -> String {
        use crate::flowzap::Shape;
        let shape = match shape {
            Shape::Circle => "circle",
            Shape::Rectangle => "rectangle",
            Shape::Diamond => "diamond",
            Shape::Taskbox => "taskbox",
        };
        self.t("diagram-step", &[("label", label), ("shape", shape)])
    }

    fn lane(&self, lane: &str, steps: &str) -> String {
        self.t("diagram-lane", &[("lane", lane), ("steps", steps)])
    }

    fn empty_lane(&self, lane: &str) -> String {
        self.t("diagram-lane-empty", &[("lane", lane)])
    }

    fn edge(&self, from: &str, to: &str, to_lane: Option<&str>, label: Option<&str>) -> String {
        let mut args = vec![("from", from), ("to", to)];
        let key = match (to_lane, label) {
            (None, None) => "diagram-edge",
            (Some(lane), None) => {
                args.push(("lane", lane));
                "diagram-edge-lane"
            }
            (None, Some(label)) => {
                args.push(("label", label));
                "diagram-edge-label"
            }
            (Some(lane), Some(label)) => {
                args.extend([("lane", lane), ("label", label)]);
                "diagram-edge-lane-label"
            }
        };
        self.t(key, &args)
    }

    fn repeat(&self, text: &str, steps: &str) -> String {
        self.t("diagram-loop", &[("text", text), ("steps", steps)])
    }

    fn list(&self, items: &[&str]) -> String {
        items.join(&self.t("diagram-list-separator", &[]))
    }

    fn sequence_title(&self, participants: &str) -> String {
        self.t("diagram-sequence-title", &[("participants", participants)])
    }

    fn sequence_summary(&self, count: usize, participants: &str, messages: usize) -> String {
        let args = [
            ("count", Arg::Number(count as f64)),
            ("participants", Arg::Str(participants.to_string())),
            ("messages", Arg::Number(messages as f64)),
        ];
        self.catalog.t(self.lang, "diagram-sequence-summary", &args)
    }

    fn message(&self, m: &crate::flowzap::describe::Message<'_>) -> String {
        let mut args = vec![
            ("number", Arg::Number(m.number as f64)),
            ("kind", Arg::Str(m.kind.as_str().to_string())),
            ("from", Arg::Str(m.from.to_string())),
            ("to", Arg::Str(m.to.to_string())),
            ("fromStep", Arg::Str(m.from_step.to_string())),
            ("toStep", Arg::Str(m.to_step.to_string())),
        ];
        let key = match m.label {
            Some(label) => {
                args.push(("label", Arg::Str(label.to_string())));
                "diagram-message-label"
            }
            None => "diagram-message",
        };
        self.catalog.t(self.lang, key, &args)
    }

    fn loop_fragment(&self, text: &str, numbers: &str) -> String {
        self.t(
            "diagram-sequence-loop",
            &[("text", text), ("numbers", numbers)],
        )
    }

    fn alt_fragment(&self, decision: &str, branches: &str) -> String {
        self.t(
            "diagram-sequence-alt",
            &[("decision", decision), ("branches", branches)],
        )
    }

    fn branch(&self, guard: Option<&str>, number: usize) -> String {
        let mut args = vec![("number", Arg::Number(number as f64))];
        let key = match guard {
            Some(g) => {
                args.push(("guard", Arg::Str(g.to_string())));
                "diagram-branch"
            }
            None => "diagram-branch-unlabelled",
        };
        self.catalog.t(self.lang, key, &args)
    }

    fn architecture_title(&self, components: &str) -> String {
        self.t("diagram-architecture-title", &[("components", components)])
    }

    fn architecture_summary(&self, count: usize) -> String {
        let args = [("count", Arg::Number(count as f64))];
        self.catalog
            .t(self.lang, "diagram-architecture-summary", &args)
    }

    fn component_counts(&self, steps: usize, decisions: usize) -> String {
        let n = |k: usize| [("count", Arg::Number(k as f64))];
        let steps = self
            .catalog
            .t(self.lang, "diagram-component-steps", &n(steps));
        if decisions == 0 {
            steps
        } else {
            let d = self
                .catalog
                .t(self.lang, "diagram-component-decisions", &n(decisions));
            format!("{steps} · {d}")
        }
    }

    fn component(
        &self,
        name: &str,
        kind: crate::flowzap::describe::ComponentKind,
        counts: &str,
        decisions: &str,
    ) -> String {
        let mut args = vec![("name", name), ("kind", kind.as_str()), ("counts", counts)];
        if decisions.is_empty() {
            self.t("diagram-component", &args)
        } else {
            args.push(("decisions", decisions));
            self.t("diagram-component-decides", &args)
        }
    }

    fn dependency(&self, from: &str, to: &str, labels: Option<&str>) -> String {
        match labels {
            Some(l) => self.t(
                "diagram-dependency-label",
                &[("from", from), ("to", to), ("labels", l)],
            ),
            None => self.t("diagram-dependency", &[("from", from), ("to", to)]),
        }
    }

    fn more(&self, n: usize) -> String {
        let args = [("count", Arg::Number(n as f64))];
        self.catalog.t(self.lang, "diagram-more", &args)
    }

    fn sentences(&self, sentences: &[String]) -> String {
        sentences.join(&self.t("diagram-sentence-separator", &[]))
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

    /// Diagrams are described in the page's language without the site
    /// defining a single `diagram-*` message; a message the site defines
    /// wins over the built-in one; nothing is reported missing.
    #[test]
    fn diagram_wording_is_built_in_and_overridable() {
        use crate::flowzap::describe::{description, title};
        let src = "A { # 前台\n  n1: circle label:\"开始\"\n  n2: rectangle label:\"Fix\"\n  n1.handle(right) -> n2.handle(left) [label=\"Go\"]\n}\nB { # Back\n}\n";
        let parsed = crate::flowzap::parse(src);
        assert!(!parsed.has_errors());
        let d = &parsed.diagram;
        let c = Catalog::from_sources(
            "en",
            vec![
                ("en".into(), "i18n/en.ftl".into(), String::new()),
                ("zh".into(), "i18n/zh.ftl".into(), String::new()),
                (
                    "fr".into(),
                    "i18n/fr.ftl".into(),
                    "diagram-lane-empty = Couloir { $lane } sans étape.\n".into(),
                ),
            ],
        )
        .unwrap();
        let w = |lang| DiagramWording { catalog: &c, lang };
        assert_eq!(
            description(d, &w("en")),
            description(d, &crate::flowzap::describe::English),
            "the built-in English is flowzap's own"
        );
        assert_eq!(
            description(d, &w("zh")),
            "泳道图，共 2 条泳道。泳道“前台”：开始（事件）、Fix（步骤）。泳道“Back”：空。开始 通向 Fix（Go）。"
        );
        assert_eq!(title(d, &w("zh")), "图表：前台、Back");
        assert_eq!(
            description(d, &w("fr")),
            "Diagramme en couloirs, 2 couloirs. Couloir 前台\u{a0}: 开始 (événement), Fix (étape). \
             Couloir Back sans étape. 开始 mène à Fix (Go)."
        );
        assert!(c.report().is_empty(), "{:?}", c.report());
    }

    /// The sequence and architecture views are described in the page's
    /// language from built-in messages, the English ones word for word
    /// flowzap's own.
    #[test]
    fn the_new_views_are_described_in_three_languages() {
        use crate::flowzap::View;
        use crate::flowzap::describe::{English, Wording};
        let src = "A { # Web\n  n1: circle label:\"Go\"\n  n2: diamond label:\"Ok?\"\n  n1.handle(right) -> n2.handle(left)\n  n2.handle(bottom) -> B.n3.handle(top) [label=\"Yes\"]\n  n2.handle(right) -> B.n4.handle(left)\n  loop [twice] n1 n2\n}\nB { # Orders db\n  n3: rectangle label:\"Save\"\n  n4: rectangle label:\"Skip\"\n  n3.handle(top) -> A.n2.handle(bottom) [label=\"Saved\"]\n}\n";
        let parsed = crate::flowzap::parse(src);
        assert!(!parsed.has_errors(), "{:?}", parsed.diagnostics);
        let d = &parsed.diagram;
        let c = Catalog::from_sources(
            "en",
            ["en", "zh", "fr"]
                .iter()
                .map(|l| (l.to_string(), format!("i18n/{l}.ftl"), String::new()))
                .collect(),
        )
        .unwrap();
        let w = |lang| DiagramWording { catalog: &c, lang };
        for view in [View::Sequence, View::Architecture] {
            assert_eq!(view.description(d, &w("en")), view.description(d, &English));
            assert_eq!(view.title(d, &w("en")), view.title(d, &English));
        }
        let seq = View::Sequence.description(d, &w("zh"));
        assert!(
            seq.starts_with("时序图，共 2 个参与者（Web、Orders db），4 条消息。"),
            "{seq}"
        );
        assert!(
            seq.contains("第 4 条消息：Orders db 回复 Web，内容为“Saved”（从 Save 到 Ok?）。"),
            "{seq}"
        );
        assert!(seq.contains("循环“twice”：第 1 条消息。"), "{seq}");
        let arch = View::Architecture.description(d, &w("fr"));
        assert!(
            arch.contains("Stockage de données Orders db\u{a0}: 2 étapes."),
            "{arch}"
        );
        assert!(
            arch.contains("Web envoie à Orders db\u{a0}: Yes."),
            "{arch}"
        );
        assert_eq!(w("fr").component_counts(3, 1), "3 étapes · 1 décision");
        assert_eq!(w("zh").more(2), "另有 2 项");
        assert_eq!(w("fr").more(1), "+1 autre");
        assert!(c.report().is_empty(), "{:?}", c.report());
    }

    /// With no built-in wording for the language nor for the default one,
    /// diagrams are still described (in English), and each message used is
    /// reported once as a warning to translate.
    #[test]
    fn diagram_wording_without_a_built_in_language_falls_back_to_english() {
        use crate::flowzap::describe::{English, description};
        let parsed = crate::flowzap::parse("A { # Ops\n  n1: circle label:\"Go\"\n}\n");
        let c = Catalog::from_sources(
            "de",
            vec![("de".into(), "i18n/de.ftl".into(), "home = Start\n".into())],
        )
        .unwrap();
        let w = DiagramWording {
            catalog: &c,
            lang: "de",
        };
        assert_eq!(
            description(&parsed.diagram, &w),
            description(&parsed.diagram, &English)
        );
        let report = c.report();
        assert_eq!(report.len(), 1, "one warning for the wording: {report:?}");
        let text = report[0].render(false);
        assert!(!report[0].is_error());
        assert_eq!(report[0].path(), Some("i18n/de.ftl"));
        assert!(text.contains("built-in English"), "{text}");
        assert!(text.contains("`diagram-summary`"), "{text}");
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
