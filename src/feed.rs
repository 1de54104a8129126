//! Atom feeds: one `atom.xml` per language for the gallery — the pages of
//! the `templates/` section (every page of the language when the site has
//! no such section) — at `/atom.xml` for the default language and
//! `/<lang>/atom.xml` for the others.
//!
//! Deterministic: entries newest first, then by slug; the feed's `updated`
//! is its newest entry's date (never the clock). Text is escaped, so the
//! feed is valid XML whatever the titles hold. Links are absolute when the
//! site's `base_url` is, and so are the ids, which are the URLs. Atom ids
//! must be absolute IRIs, so with a root-relative `base_url` they are
//! `urn:uuid:` names made from the site's title and the page's path
//! instead: stable across builds, though not the ones the feed will have
//! once the site has its address (the build notes it).

use crate::site::{Entry, Site};
use crate::util::escape;
use std::fmt::Write as _;

/// The section whose pages the feed lists.
pub const SECTION_KEY: &str = "templates/_index.md";

/// The feed's file name, below a language's prefix.
pub const FILE_NAME: &str = "atom.xml";

/// Where the feed of `lang` is written, relative to the output root.
pub fn path(site: &Site, lang: &str) -> String {
    format!("{}{FILE_NAME}", site.config.lang_prefix(lang))
}

/// An RFC 3339 date-time from a front matter date: a bare date is
/// midnight UTC, a local date-time is taken as UTC.
fn rfc3339(date: &str) -> String {
    if date.len() == 10 {
        return format!("{date}T00:00:00Z");
    }
    let time = date.split_once('T').map_or("", |(_, t)| t);
    if time.ends_with('Z') || time.contains('+') || time.contains('-') {
        date.to_string()
    } else {
        format!("{date}Z")
    }
}

const EPOCH: &str = "1970-01-01T00:00:00Z";

/// A `urn:uuid:` for a root-relative `path` of the site titled `site`:
/// FNV-1a (128 bits, stable across Rust versions) of both, shaped as an
/// RFC 9562 version 8 UUID.
fn urn(site: &str, path: &str) -> String {
    let mut h: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    for b in site.bytes().chain([0]).chain(path.bytes()) {
        h ^= u128::from(b);
        h = h.wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b);
    }
    // Version 8 (custom), variant 0b10.
    h = (h & !(0xf << 76)) | (0x8 << 76);
    h = (h & !(0x3 << 62)) | (0x2 << 62);
    let x = format!("{h:032x}");
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &x[..8],
        &x[8..12],
        &x[12..16],
        &x[16..20],
        &x[20..]
    )
}

/// The pages of the feed of `lang`, newest first, then by slug.
fn pages<'a>(site: &'a Site, lang: &str) -> Vec<&'a Entry> {
    let mut pages: Vec<&Entry> = match site.find(SECTION_KEY, lang) {
        Some(s) => site.entries[s]
            .pages
            .iter()
            .map(|&i| &site.entries[i])
            .collect(),
        None => site
            .entries
            .iter()
            .filter(|e| e.lang == lang && !e.is_section())
            .collect(),
    };
    pages.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| a.slug.cmp(&b.slug))
            .then_with(|| a.key.cmp(&b.key))
    });
    pages
}

/// The Atom feed of `lang`.
pub fn atom(site: &Site, lang: &str) -> String {
    let config = &site.config;
    let entries = pages(site, lang);
    let section = site.find(SECTION_KEY, lang).map(|s| &site.entries[s]);
    let home_url = site
        .home(lang)
        .map_or_else(|| config.link(""), |h| site.entries[h].url.clone());
    let (title, alternate) = match section {
        Some(s) => (format!("{} — {}", config.title, s.title), s.url.clone()),
        None => (config.title.clone(), home_url),
    };
    let self_url = config.link(&path(site, lang));
    let updated = entries
        .iter()
        .filter_map(|e| e.date.as_deref())
        .max()
        .map_or_else(|| EPOCH.to_string(), rfc3339);
    let url = |u: &str| escape(&crate::util::percent_encode_url(u));
    let id = |u: &str| {
        if config.has_absolute_base_url() {
            url(u)
        } else {
            urn(&config.title, u)
        }
    };
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        escape(lang)
    );
    let _ = writeln!(out, "  <title>{}</title>", escape(&title));
    if !config.description.is_empty() {
        let _ = writeln!(
            out,
            "  <subtitle>{}</subtitle>",
            escape(&config.description)
        );
    }
    let _ = writeln!(out, "  <id>{}</id>", id(&self_url));
    let _ = writeln!(
        out,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        url(&self_url)
    );
    let _ = writeln!(
        out,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        url(&alternate)
    );
    let _ = writeln!(out, "  <updated>{updated}</updated>");
    let _ = writeln!(out, "  <generator>zapdoc</generator>");
    for e in entries {
        out.push_str("  <entry>\n");
        let _ = writeln!(out, "    <title>{}</title>", escape(&e.title));
        let _ = writeln!(out, "    <id>{}</id>", id(&e.url));
        let _ = writeln!(
            out,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            url(&e.url)
        );
        let date = e.date.as_deref().map_or_else(|| EPOCH.to_string(), rfc3339);
        let _ = writeln!(out, "    <updated>{date}</updated>");
        if e.date.is_some() {
            let _ = writeln!(out, "    <published>{date}</published>");
        }
        let _ = writeln!(
            out,
            "    <author><name>{}</name></author>",
            escape(&config.title)
        );
        if let Some(c) = &e.category {
            let _ = writeln!(out, "    <category term=\"{}\"/>", escape(c));
        }
        // A summary is text: the description's inline Markdown goes.
        let summary = if e.description.is_empty() {
            e.body.summary.clone()
        } else {
            crate::markdown::inline(&e.description).1
        };
        if !summary.is_empty() {
            let _ = writeln!(out, "    <summary>{}</summary>", escape(&summary));
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urns_are_stable_uuids() {
        let a = urn("Site", "/templates/x/");
        assert_eq!(a, urn("Site", "/templates/x/"));
        assert_ne!(a, urn("Site", "/templates/y/"));
        assert_ne!(a, urn("Other", "/templates/x/"));
        assert_eq!(a.len(), "urn:uuid:".len() + 36);
        let hex: Vec<&str> = a["urn:uuid:".len()..].split('-').collect();
        assert_eq!(
            hex.iter().map(|h| h.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(hex[2].starts_with('8'), "version 8: {a}");
        assert!(
            matches!(&hex[3][..1], "8" | "9" | "a" | "b"),
            "variant: {a}"
        );
    }

    #[test]
    fn dates_become_rfc3339() {
        assert_eq!(rfc3339("2026-11-01"), "2026-11-01T00:00:00Z");
        assert_eq!(rfc3339("2026-11-01T09:30:00Z"), "2026-11-01T09:30:00Z");
        assert_eq!(rfc3339("2026-11-01T09:30:00"), "2026-11-01T09:30:00Z");
        assert_eq!(
            rfc3339("2026-11-01T09:30:00+02:00"),
            "2026-11-01T09:30:00+02:00"
        );
    }
}
