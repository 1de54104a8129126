//! The functions templates call: `t`, `url`, `get_page`, `get_section`;
//! and the record of the entries a render looked up, which its output
//! depends on too.

use super::values::{self, Bound};
use crate::i18n::Arg;
use crate::site::EntryId;
use std::sync::{Arc, OnceLock};
use tera::{Kwargs, State, Tera, TeraResult, Value};

/// Register `t`, `url`, `get_page` and `get_section`, reading the site
/// from `slot` once bound.
pub(super) fn register(tera: &mut Tera, slot: &Arc<OnceLock<Arc<Bound>>>) {
    fn bound(slot: &OnceLock<Arc<Bound>>) -> TeraResult<&Bound> {
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

fn kwarg_str(kwargs: &Kwargs, name: &str) -> TeraResult<String> {
    kwargs.must_get::<String>(name)
}

fn current_lang(b: &Bound, kwargs: &Kwargs, state: &State) -> TeraResult<String> {
    if let Some(l) = kwargs.get::<String>("lang")? {
        return Ok(l);
    }
    Ok(state
        .get::<String>("lang")?
        .unwrap_or_else(|| b.site.config.default_language.clone()))
}

fn fn_t(b: &Bound, kwargs: Kwargs, state: &State) -> TeraResult<String> {
    let key = kwarg_str(&kwargs, "key")?;
    let lang = current_lang(b, &kwargs, state)?;
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
    Ok(b.catalog.t(&lang, &key, &borrowed))
}

fn fn_url(b: &Bound, kwargs: Kwargs, state: &State) -> TeraResult<String> {
    let path = kwarg_str(&kwargs, "path")?;
    let lang = current_lang(b, &kwargs, state)?;
    let site = &b.site;
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
    static LOOKUPS: std::cell::RefCell<Option<Vec<EntryId>>> = const { std::cell::RefCell::new(None) };
}

/// Run `render` (one render call of a [`super::Renderer`]) and return, beside its
/// result, the entries its templates looked up with `get_page` or
/// `get_section`: the output depends on them too. Rendering is synchronous,
/// so the lookups are those of this thread.
pub fn track_lookups<T>(render: impl FnOnce() -> T) -> (T, Vec<EntryId>) {
    let previous = LOOKUPS.with(|l| l.replace(Some(Vec::new())));
    let out = render();
    let mut seen = LOOKUPS.with(|l| l.replace(previous)).unwrap_or_default();
    seen.sort_unstable();
    seen.dedup();
    (out, seen)
}

fn fn_get(b: &Bound, kwargs: Kwargs, state: &State, section: bool) -> TeraResult<Value> {
    let path = kwarg_str(&kwargs, "path")?;
    let lang = current_lang(b, &kwargs, state)?;
    let target = path.trim_start_matches("@/");
    let i = b
        .site
        .resolve(target, &lang)
        .filter(|&i| b.site.entries[i].is_section() == section)
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
    Ok(Value::from_serializable(&values::entry(b, i)))
}
