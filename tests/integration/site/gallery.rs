//! The bundled site as a templates gallery: built once through the library
//! into the target directory, then checked page by page against its own
//! content files — every template in three languages, category pages that
//! list exactly their templates, related links that resolve, the code shown
//! being the diagram's code, and a link checker over the whole output.

use crate::support::{self, TestSite, repo};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use zapdoc::build::{Options, build};

const LANGS: [&str; 3] = ["en", "zh", "fr"];

/// The bundled site's output, built once per test run.
fn public() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("gallery-public");
        let mut opts = Options::new(repo());
        opts.output = Some(out.clone());
        opts.deny_warnings = true;
        if let Err(e) = build(&opts) {
            panic!("the bundled site does not build: {e:?}");
        }
        out
    })
}

fn prefix(lang: &str) -> &'static str {
    match lang {
        "zh" => "zh/",
        "fr" => "fr/",
        _ => "",
    }
}

/// A file of the bundled site's output, as text.
fn read(rel: &str) -> String {
    support::read(&public().join(rel))
}

/// A template's content file, as far as these tests need it.
#[derive(Debug)]
struct Template {
    slug: String,
    category: String,
    related: Vec<String>,
    description: String,
    /// The first ```flowzap block.
    code: String,
}

fn template(slug: &str, lang: &str) -> Template {
    let name = match lang {
        "en" => format!("{slug}.md"),
        l => format!("{slug}.{l}.md"),
    };
    let path = repo().join("content/templates").join(&name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{} is missing: {e}", path.display()));
    let rest = text.strip_prefix("+++\n").expect("TOML front matter");
    let end = rest.find("\n+++\n").expect("front matter end");
    let front: toml::Table = toml::from_str(&rest[..end]).expect("valid front matter");
    let body = &rest[end + 5..];
    let start = body.find("```flowzap\n").expect("a flowzap block") + 11;
    let len = body[start..].find("\n```").expect("closed block") + 1;
    let s = |k: &str| {
        front
            .get(k)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string()
    };
    Template {
        slug: slug.to_string(),
        category: s("category"),
        related: front
            .get("related")
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default(),
        description: s("description"),
        code: body[start..start + len].to_string(),
    }
}

/// Slugs of the templates: `content/templates/<slug>.md`.
fn slugs() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(repo().join("content/templates"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".md").map(String::from))
        .filter(|n| n != "_index" && !n.contains('.') && !n.starts_with("_index"))
        .collect();
    out.sort();
    out
}

/// Attribute values of every element matching `selector`.
fn attrs(html: &str, selector: &str, attr: &str) -> Vec<String> {
    use lol_html::{RewriteStrSettings, element, rewrite_str};
    let found = std::cell::RefCell::new(Vec::new());
    rewrite_str(
        html,
        RewriteStrSettings::new().append_element_content_handler(element!(selector, |el| {
            if let Some(v) = el.get_attribute(attr) {
                found.borrow_mut().push(v);
            }
            Ok(())
        })),
    )
    .unwrap();
    found.into_inner()
}

fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text inside the first `open` … `close`, tags removed, entities decoded.
fn text_between(html: &str, open: &str, close: &str) -> Option<String> {
    let start = html.find(open)? + open.len();
    let end = start + html[start..].find(close)?;
    let mut out = String::new();
    let mut in_tag = false;
    for c in html[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    Some(decode(&out))
}

/// A Fluent message of the bundled `i18n/<lang>.ftl` (single-line ones).
fn ftl(lang: &str, key: &str) -> String {
    let text = std::fs::read_to_string(repo().join(format!("i18n/{lang}.ftl"))).unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{key} = ")))
        .unwrap_or_else(|| panic!("no `{key}` in {lang}.ftl"))
        .to_string()
}

#[test]
fn every_template_exists_in_three_languages() {
    let slugs = slugs();
    assert!(slugs.len() >= 16, "{slugs:?}");
    for slug in &slugs {
        for lang in LANGS {
            let t = template(slug, lang);
            assert!(!t.category.is_empty(), "{slug}.{lang}: no category");
            let html = read(&format!("{}templates/{slug}/index.html", prefix(lang)));
            assert!(
                html.contains(&format!("<html lang=\"{lang}\">")),
                "{slug} {lang}"
            );
            assert!(
                html.contains("<figure class=\"diagram\""),
                "{slug} {lang}: no diagram"
            );
            // The switcher leads to the same template in every language.
            for other in LANGS {
                let want = format!("/{}templates/{slug}/", prefix(other));
                let hrefs = attrs(&html, &format!(".langs a[hreflang=\"{other}\"]"), "href");
                assert_eq!(
                    hrefs,
                    std::slice::from_ref(&want),
                    "{slug} {lang} → {other}"
                );
                let alt = attrs(
                    &html,
                    &format!("link[rel=alternate][hreflang=\"{other}\"]"),
                    "href",
                );
                assert_eq!(alt, [want], "{slug} {lang} alternate {other}");
            }
        }
    }
}

/// Every template page shows its diagram in the three views, each drawn
/// at build time in the page's language, behind a switcher of links to
/// `#workflow`, `#sequence` and `#architecture` (no script needed); card
/// previews stay workflows.
#[test]
fn template_pages_switch_between_three_views() {
    for slug in slugs() {
        for lang in LANGS {
            let html = read(&format!("{}templates/{slug}/index.html", prefix(lang)));
            let at = html
                .find("<div class=\"fz-views\">")
                .unwrap_or_else(|| panic!("{slug} {lang}: no view switcher"));
            let block = &html[at..];
            let block = &block[..block.find("\n</div>\n").unwrap()];
            let ids = attrs(block, "section.fz-view", "id");
            assert_eq!(
                ids,
                ["workflow", "sequence", "architecture"],
                "{slug} {lang}"
            );
            for (id, class) in [
                ("workflow", "fz fz-workflow"),
                ("sequence", "fz fz-sequence"),
                ("architecture", "fz fz-architecture"),
            ] {
                let svgs = attrs(
                    block,
                    &format!("section#{id} figure.diagram > svg"),
                    "class",
                );
                assert_eq!(svgs, [class], "{slug} {lang} {id}");
                let current = attrs(
                    block,
                    &format!("section#{id} .fz-view-tabs a[aria-current]"),
                    "href",
                );
                assert_eq!(current, [format!("#{id}")], "{slug} {lang}");
                let tabs = attrs(block, &format!("section#{id} .fz-view-tabs a"), "href");
                assert_eq!(
                    tabs,
                    ["#workflow", "#sequence", "#architecture"],
                    "{slug} {lang}"
                );
            }
            // The words are the page's language's.
            let names = attrs(block, "section.fz-view", "aria-label");
            let want: Vec<String> = ["workflow", "sequence", "architecture"]
                .iter()
                .map(|v| builtin_ftl(lang, &format!("diagram-view-{v}")))
                .collect();
            assert_eq!(names, want, "{slug} {lang}");
            assert!(!html.contains("<script>") || !block.contains("<script"));
        }
    }
    let index = read("templates/index.html");
    let previews = attrs(&index, ".card-preview svg", "class");
    assert!(!previews.is_empty());
    assert!(
        previews.iter().all(|c| c == "fz fz-workflow"),
        "card previews are workflows: {previews:?}"
    );
}

/// A single-line message of zapdoc's built-in `src/i18n_builtin/<lang>.ftl`.
fn builtin_ftl(lang: &str, key: &str) -> String {
    let text =
        std::fs::read_to_string(repo().join(format!("src/i18n_builtin/{lang}.ftl"))).unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{key} = ")))
        .unwrap_or_else(|| panic!("no `{key}` in the built-in {lang}.ftl"))
        .to_string()
}

#[test]
fn template_pages_show_their_own_flowzap_code() {
    for slug in slugs() {
        for lang in LANGS {
            let t = template(&slug, lang);
            let html = read(&format!("{}templates/{slug}/index.html", prefix(lang)));
            let shown = text_between(&html, "<code id=\"flowzap-source\">", "</code></pre>")
                .unwrap_or_else(|| panic!("{slug} {lang}: no code block"));
            assert_eq!(shown, t.code, "{slug} {lang}");
            assert!(
                html.contains("<pre class=\"code fz-source\" data-lang=\"flowzap\""),
                "{slug} {lang}"
            );
            assert!(
                html.contains("<span class=\"fzc-node\">n1</span>"),
                "{slug} {lang}"
            );
            assert_eq!(
                attrs(&html, "button.copy", "data-copy"),
                ["flowzap-source"],
                "{slug} {lang}"
            );
        }
    }
}

#[test]
fn descriptions_are_inline_html_on_screen_and_plain_in_meta() {
    let mut with_markup = 0;
    for slug in slugs() {
        for lang in LANGS {
            let t = template(&slug, lang);
            let html = read(&format!("{}templates/{slug}/index.html", prefix(lang)));
            let meta = attrs(&html, "meta[name=description]", "content");
            assert_eq!(meta.len(), 1, "{slug} {lang}");
            assert!(!meta[0].is_empty(), "{slug} {lang}: empty meta description");
            assert!(
                !meta[0].contains("**") && !meta[0].contains('<'),
                "{}",
                meta[0]
            );
            if t.description.contains("**") {
                with_markup += 1;
                let lead = text_between(&html, "<p class=\"lead\">", "</p>").unwrap();
                assert!(!lead.contains("**"), "{slug} {lang}: {lead}");
                let raw_lead = &html[html.find("<p class=\"lead\">").unwrap()..];
                assert!(raw_lead[..raw_lead.find("</p>").unwrap()].contains("<strong>"));
                assert_eq!(meta[0], t.description.replace("**", ""), "{slug} {lang}");
            }
        }
    }
    assert!(
        with_markup > 0,
        "no description uses inline Markdown any more"
    );
}

#[test]
fn every_category_page_lists_exactly_its_templates() {
    let slugs = slugs();
    for lang in LANGS {
        let mut expected: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for slug in &slugs {
            let t = template(slug, lang);
            expected
                .entry(t.category.clone())
                .or_default()
                .insert(format!("/{}templates/{}/", prefix(lang), t.slug));
        }
        assert!(expected.len() >= 2, "{lang}: {expected:?}");
        let dir = public().join(format!("{}templates/category", prefix(lang)));
        let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .collect();
        let want: BTreeSet<String> = expected.keys().cloned().collect();
        assert_eq!(on_disk, want, "{lang}: category pages");
        for (cat, pages) in &expected {
            let html = read(&format!(
                "{}templates/category/{cat}/index.html",
                prefix(lang)
            ));
            let listed: Vec<String> = attrs(&html, ".cards .card-title a", "href");
            let set: BTreeSet<String> = listed.iter().cloned().collect();
            assert_eq!(listed.len(), set.len(), "{lang} {cat}: listed twice");
            assert_eq!(&set, pages, "{lang} {cat}");
            // The name comes from Fluent, in the reader's language.
            let name = ftl(lang, &format!("category-{cat}"));
            assert!(
                html.contains(&format!("<h1>{name}</h1>")),
                "{lang} {cat}: {name}"
            );
            assert_eq!(
                attrs(&html, ".filter a[aria-current]", "data-filter"),
                std::slice::from_ref(cat),
                "{lang} {cat}"
            );
        }
        // The gallery index lists them all, each card tagged for the filter.
        let index = read(&format!("{}templates/index.html", prefix(lang)));
        let all: BTreeSet<String> = expected.values().flatten().cloned().collect();
        let listed: BTreeSet<String> = attrs(&index, "[data-filter-list] .card-title a", "href")
            .into_iter()
            .collect();
        assert_eq!(listed, all, "{lang}: gallery index");
        let tagged = attrs(&index, "[data-filter-list] .card", "data-category");
        assert_eq!(tagged.len(), all.len(), "{lang}");
        let filters: BTreeSet<String> = attrs(&index, ".filter a[data-filter]", "href")
            .into_iter()
            .collect();
        for cat in expected.keys() {
            let url = format!("/{}templates/category/{cat}/", prefix(lang));
            assert!(filters.contains(&url), "{lang}: no filter entry for {cat}");
        }
        assert_eq!(
            attrs(
                &index,
                "[data-filter-list] .card-preview svg.fz",
                "aria-hidden"
            )
            .len(),
            all.len(),
            "{lang}: every card has a diagram preview"
        );
    }
}

#[test]
fn related_templates_resolve_with_explicit_ones_first() {
    for slug in slugs() {
        for lang in LANGS {
            let t = template(&slug, lang);
            let own = format!("/{}templates/{slug}/", prefix(lang));
            let html = read(&format!("{}templates/{slug}/index.html", prefix(lang)));
            let section = &html[html
                .find("<aside class=\"related\"")
                .unwrap_or_else(|| panic!("{slug} {lang}: no related templates"))..];
            let related = attrs(section, ".card-title a", "href");
            // `[related] limit = 4` in site.toml; an explicit list longer
            // than that is honoured in full.
            let most = t.related.len().max(4);
            assert!(
                !related.is_empty() && related.len() <= most,
                "{slug} {lang}: {related:?}"
            );
            assert!(!related.contains(&own), "{slug} {lang}: links to itself");
            for href in &related {
                let file = public()
                    .join(href.trim_start_matches('/'))
                    .join("index.html");
                assert!(file.is_file(), "{slug} {lang}: {href} does not resolve");
            }
            let explicit: Vec<String> = t
                .related
                .iter()
                .map(|r| format!("/{}templates/{r}/", prefix(lang)))
                .collect();
            assert_eq!(
                &related[..explicit.len()],
                &explicit[..],
                "{slug} {lang}: explicit related first"
            );
        }
    }
}

/// Links of a built site that point at nothing: `(page, link)` pairs.
/// Checks `href`/`src` of every HTML page and `url()` of every stylesheet,
/// for root-relative and relative links; `#fragment`s must name an id.
fn broken_links(out: &Path) -> Vec<(String, String)> {
    let mut broken = Vec::new();
    let mut ids: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    let mut links: Vec<(PathBuf, String)> = Vec::new();
    for entry in walkdir::WalkDir::new(out).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path().to_path_buf();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext == "html" {
            let html = std::fs::read_to_string(&path).unwrap();
            for attr in ["href", "src"] {
                for v in attrs(&html, &format!("[{attr}]"), attr) {
                    links.push((path.clone(), v));
                }
            }
            ids.insert(
                path.clone(),
                attrs(&html, "[id]", "id").into_iter().collect(),
            );
        } else if ext == "css" {
            let css = std::fs::read_to_string(&path).unwrap();
            for part in css.split("url(").skip(1) {
                let end = part.find(')').unwrap_or(part.len());
                let v = part[..end].trim().trim_matches(['"', '\'']).to_string();
                links.push((path.clone(), v));
            }
        }
    }
    for (page, link) in links {
        if link.contains("://")
            || link.starts_with("//")
            || link.starts_with("mailto:")
            || link.starts_with("data:")
        {
            continue;
        }
        let (path, fragment) = link.split_once('#').unwrap_or((&link, ""));
        // Browsers match a fragment after percent-decoding it (`#审批`).
        let fragment = &percent_encoding::percent_decode_str(fragment)
            .decode_utf8_lossy()
            .into_owned();
        let target = if path.is_empty() {
            page.clone()
        } else {
            let base = if let Some(abs) = path.strip_prefix('/') {
                out.join(abs)
            } else {
                page.parent().unwrap().join(path)
            };
            if path.ends_with('/') || base.is_dir() {
                base.join("index.html")
            } else {
                base
            }
        };
        let page_name = page.strip_prefix(out).unwrap().display().to_string();
        let missing_fragment = !fragment.is_empty()
            && target.extension().is_some_and(|e| e == "html")
            && !ids.get(&target).is_some_and(|ids| ids.contains(fragment));
        if !target.is_file() || missing_fragment {
            broken.push((page_name, link.clone()));
        }
    }
    broken
}

#[test]
fn no_link_in_the_site_points_to_a_missing_file() {
    let broken = broken_links(public());
    assert!(broken.is_empty(), "broken links: {broken:#?}");
}

#[test]
fn the_link_checker_finds_what_is_missing() {
    let dir = TestSite::empty();
    dir.write(
        "index.html",
        "<a href=\"/a/\">ok</a><a href=\"/gone/\">x</a><a href=\"a/#top\">ok</a><a href=\"/a/#nope\">x</a><link href=\"s.css\"><img src=\"pic.png\"><a href=\"https://x.org/\">ext</a><a href=\"#here\" id=\"here\">self</a>",
    );
    dir.write(
        "a/index.html",
        "<h1 id=\"top\">A</h1><script src=\"../app.js\"></script>",
    );
    dir.write(
        "s.css",
        "@font-face{src:url(\"fonts/x.otf\")} a{background:url(data:image/png;base64,AA)}",
    );
    let mut broken = broken_links(dir.root());
    broken.sort();
    let want: Vec<(String, String)> = [
        ("a/index.html", "../app.js"),
        ("index.html", "/a/#nope"),
        ("index.html", "/gone/"),
        ("index.html", "pic.png"),
        ("s.css", "fonts/x.otf"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(broken, want);
}

#[test]
fn ids_are_unique_on_every_page() {
    for entry in walkdir::WalkDir::new(public()) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let ids = attrs(&html, "[id]", "id");
        let set: BTreeSet<&String> = ids.iter().collect();
        assert_eq!(
            set.len(),
            ids.len(),
            "{}: duplicate ids",
            entry.path().display()
        );
    }
}

#[test]
fn the_theme_serves_the_font_diagrams_are_measured_with() {
    // The bundled font cut to the characters of the site's diagram code.
    let mut chars = BTreeSet::new();
    for entry in walkdir::WalkDir::new(repo().join("content")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for fence in zapdoc::markdown::flowzap_fences(&text, 0) {
                chars.extend(zapdoc::font::extra_chars(&fence.source));
            }
        }
    }
    assert!(chars.contains(&'é'), "the French diagrams' accents");
    let font = std::fs::read(public().join(zapdoc::build::FONT_FILE)).unwrap();
    assert_eq!(&font[..4], b"wOF2");
    assert!(font.len() < 40 * 1024, "{} bytes", font.len());
    assert!(font == zapdoc::font::subset_woff2(chars).unwrap());
    let css = read("style.css");
    let face = &css[css.find("@font-face").expect("an @font-face")..];
    let face = &face[..face.find('}').unwrap()];
    assert!(
        face.contains(&format!(
            "font-family: \"{}\"",
            zapdoc::flowzap::text::FONT_FAMILY
        )),
        "{face}"
    );
    assert!(
        face.contains(&format!(
            "url(\"{}\") format(\"woff2\")",
            zapdoc::build::FONT_FILE
        )),
        "{face}"
    );
}

#[test]
fn home_pages_feature_templates_and_link_every_section() {
    for lang in LANGS {
        let html = read(&format!("{}index.html", prefix(lang)));
        let cards = attrs(&html, ".cards .card-title a", "href");
        assert!(!cards.is_empty() && cards.len() <= 6, "{lang}: {cards:?}");
        for href in &cards {
            assert!(
                href.starts_with(&format!("/{}templates/", prefix(lang))),
                "{href}"
            );
        }
        let nav = attrs(&html, ".main-nav a", "href");
        assert_eq!(
            nav,
            [
                format!("/{}templates/", prefix(lang)),
                format!("/{}docs/", prefix(lang))
            ],
            "{lang}"
        );
        // The search box hook of issue 6 is in the header.
        assert!(html.contains("<div class=\"site-search\">"), "{lang}");
    }
}

/// Every ```flowzap block of the bundled site (content/) renders cleanly,
/// in all three views (a template shows them all; a fence may choose any).
#[test]
fn bundled_site_diagrams_render_without_defects() {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "md") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&repo().join("content"), &mut files);
    files.sort();
    let mut diagrams = 0;
    let mut failures = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        // Fences open a line (maybe indented, in a list): ```flowzap, or
        // ```flowzap view=….
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            let open = line.trim_start();
            let Some(info) = open.strip_prefix("```flowzap") else {
                continue;
            };
            if !info.is_empty() && !info.starts_with(' ') {
                continue;
            }
            let indent = line.len() - open.len();
            let mut src = String::new();
            for l in lines.by_ref() {
                if l.trim_start().starts_with("```") {
                    break;
                }
                src.push_str(l.get(indent..).unwrap_or(l.trim_start()));
                src.push('\n');
            }
            let src = src.as_str();
            diagrams += 1;
            let parsed = flowzap::parse(src);
            if parsed.diagnostics.iter().any(|_| true) {
                failures.push(format!(
                    "{}: {:?}",
                    path.display(),
                    parsed
                        .diagnostics
                        .iter()
                        .map(|d| d.message.clone())
                        .collect::<Vec<_>>()
                ));
                continue;
            }
            let d = &parsed.diagram;
            let layout = flowzap::layout(d);
            let english = flowzap::describe::English;
            let defects = flowzap::check::check(d, &layout)
                .defects
                .into_iter()
                .chain(flowzap::check::check_sequence(d, &flowzap::sequence::layout(d)).defects)
                .chain(
                    flowzap::check::check_architecture(
                        d,
                        &flowzap::architecture::layout(d, &english),
                    )
                    .defects,
                );
            for defect in defects {
                failures.push(format!("{}: {defect}", path.display()));
            }
        }
    }
    assert!(
        diagrams >= 45,
        "expected the bundled gallery's diagrams, found {diagrams}"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The markup of a page as a snapshot reads best: each inline SVG and
/// each code block cut down to its opening tag (the engine's snapshots pin
/// the drawings, the highlighting tests the code), every other byte as
/// written.
fn outline(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 4);
    let mut rest = html;
    loop {
        let next = ["<svg", "<pre"]
            .into_iter()
            .filter_map(|open| rest.find(open).map(|at| (at, open)))
            .min();
        let Some((at, open)) = next else {
            out.push_str(rest);
            return out;
        };
        let close = if open == "<svg" { "</svg>" } else { "</pre>" };
        let tag_end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        out.push_str(&rest[..tag_end]);
        out.push('…');
        match rest[tag_end..].find(close) {
            Some(e) => {
                out.push_str(close);
                rest = &rest[tag_end + e + close.len()..];
            }
            None => return out,
        }
    }
}

#[test]
fn outline_keeps_everything_but_drawings_and_code() {
    let html = r#"<p>a</p><svg class="fz" viewBox="0 0 1 1"><g><text>x</text></g></svg><pre class="z"><code>fn</code></pre><b>b</b>"#;
    assert_eq!(
        outline(html),
        r#"<p>a</p><svg class="fz" viewBox="0 0 1 1">…</svg><pre class="z">…</pre><b>b</b>"#
    );
}

/// The theme's markup, pinned for one page of each kind in the bundled
/// site: a template page (Chinese), a category listing (French) and a docs
/// page (English). A change to the theme shows here as a diff to review
/// (`cargo insta review`).
#[test]
fn page_markup_snapshots() {
    for (name, rel) in [
        ("template-zh", "zh/templates/api-key-rotation/index.html"),
        ("category-fr", "fr/templates/category/patterns/index.html"),
        ("docs-en", "docs/writing-content/index.html"),
    ] {
        insta::assert_snapshot!(name, outline(&read(rel)));
    }
}
