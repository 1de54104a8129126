//! Output: pretty URLs, static files, sitemap with hreflang, 404, robots,
//! `<html lang>` everywhere, categories, related pages, and byte-identical
//! rebuilds.

use crate::support::{DIAGRAM, SITE_TOML, TestSite, repo, snapshot, stderr};

fn multilingual_site() -> TestSite {
    let site = TestSite::new();
    site.write(
        "i18n/en.ftl",
        "home = Home\nnot-found = Not found\ncategory-ops = Operations\n",
    );
    site.write(
        "i18n/zh.ftl",
        "home = 首页\nnot-found = 页面不存在\ncategory-ops = 运营\n",
    );
    site.write("content/_index.md", "+++\ntitle = \"Home\"\n+++\n");
    site.write(
        "content/templates/_index.md",
        "+++\ntitle = \"Templates\"\n+++\n",
    );
    site.write(
        "content/templates/_index.zh.md",
        "+++\ntitle = \"模板\"\n+++\n",
    );
    for (slug, title, zh, cat, tags, date) in [
        (
            "alpha",
            "Alpha key rotation",
            Some("甲"),
            "ops",
            "[\"security\", \"api\"]",
            "2026-01-01",
        ),
        (
            "beta",
            "Beta key backup",
            Some("乙"),
            "ops",
            "[\"security\"]",
            "2026-02-01",
        ),
        (
            "gamma",
            "Gamma webhook",
            None,
            "patterns",
            "[\"api\"]",
            "2026-03-01",
        ),
        ("delta", "Delta report", None, "other", "[]", "2026-04-01"),
    ] {
        let fm = |t: &str| {
            format!(
                "+++\ntitle = \"{t}\"\ncategory = \"{cat}\"\ntags = {tags}\ndate = {date}\n+++\n"
            )
        };
        site.write(
            &format!("content/templates/{slug}.md"),
            &format!("{}\nText about {slug}.\n\n```flowzap\n{DIAGRAM}```\n\n```rust\nfn {slug}() {{}}\n```\n", fm(title)),
        );
        if let Some(z) = zh {
            site.write(
                &format!("content/templates/{slug}.zh.md"),
                &format!("{}\n中文。\n", fm(z)),
            );
        }
    }
    site.write("static/robots-note.txt", "static file\n");
    site.write(
        "content/templates/pic.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site
}

#[test]
fn every_page_has_html_lang_and_pretty_urls() {
    let site = multilingual_site();
    let summary = site.build_ok();
    assert_eq!(summary.pages, 6);
    assert_eq!(summary.languages, 3);
    for (file, lang) in [
        ("index.html", "en"),
        ("zh/index.html", "zh"),
        ("fr/index.html", "fr"),
        ("templates/index.html", "en"),
        ("zh/templates/index.html", "zh"),
        ("templates/alpha/index.html", "en"),
        ("zh/templates/alpha/index.html", "zh"),
        ("templates/category/ops/index.html", "en"),
        ("zh/templates/category/ops/index.html", "zh"),
        ("404.html", "en"),
    ] {
        let html = site.read(file);
        assert!(
            html.contains(&format!("<html lang=\"{lang}\">")),
            "{file}: {html}"
        );
    }
    assert!(site.exists("style.css"), "theme static files are copied");
    assert!(
        site.exists("robots-note.txt"),
        "site static files are copied"
    );
    assert!(
        site.exists("templates/pic.svg"),
        "content assets are copied"
    );
}

#[test]
fn categories_are_pages_per_language_named_by_fluent() {
    let site = multilingual_site();
    site.build_ok();
    let en = site.read("templates/category/ops/index.html");
    assert!(en.contains("<h1 class=\"title\">Operations</h1>"), "{en}");
    assert!(
        en.contains("Alpha key rotation") && en.contains("Beta key backup"),
        "{en}"
    );
    let zh = site.read("zh/templates/category/ops/index.html");
    assert!(zh.contains("<h1 class=\"title\">运营</h1>"), "{zh}");
    assert!(zh.contains("甲") && !zh.contains("Gamma"), "{zh}");
    let page = site.read("zh/templates/alpha/index.html");
    assert!(
        page.contains("<a class=\"category\" href=\"/zh/templates/category/ops/\">运营</a>"),
        "{page}"
    );
}

#[test]
fn related_pages_prefer_the_readers_language_and_mark_fallbacks() {
    let site = multilingual_site();
    site.write(
        "content/templates/delta.md",
        "+++\ntitle = \"Delta report\"\nrelated = [\"gamma\", \"nope\"]\n+++\n",
    );
    let summary = site.build_ok();
    // The missing explicit slug is a warning, not an error.
    assert!(
        summary
            .warnings
            .iter()
            .any(|w| w.message().contains("`nope`")),
        "{:?}",
        summary.warnings
    );
    let delta = site.read("templates/delta/index.html");
    let related = delta.split("class=\"related\"").nth(1).unwrap();
    assert!(
        related.starts_with("><li><a href=\"/templates/gamma/\">Gamma webhook</a></li>"),
        "explicit first: {related}"
    );
    // Alpha: Beta shares category and a tag, so it ranks first.
    let alpha = site.read("templates/alpha/index.html");
    let related = alpha.split("class=\"related\"").nth(1).unwrap();
    assert!(
        related.starts_with("><li><a href=\"/templates/beta/\">"),
        "{related}"
    );
    // In Chinese, Beta is translated; Gamma is not and falls back.
    let zh = site.read("zh/templates/alpha/index.html");
    let related = zh.split("class=\"related\"").nth(1).unwrap();
    assert!(
        related.contains("<a href=\"/zh/templates/beta/\">乙</a></li>"),
        "{related}"
    );
    assert!(
        related.contains("<a href=\"/templates/gamma/\">Gamma webhook</a> (fallback)"),
        "{related}"
    );
}

#[test]
fn sitemap_has_hreflang_alternates_and_robots_and_404_exist() {
    let site = multilingual_site();
    // A root-relative base URL gives no sitemap (its URLs must be
    // absolute), and the build says so.
    let summary = site.build_ok();
    assert!(!site.exists("sitemap.xml"));
    assert!(
        summary.notes.iter().any(|n| n.contains("sitemap.xml")),
        "{:?}",
        summary.notes
    );
    assert!(!site.read("robots.txt").contains("Sitemap:"));
    let mut opts = site.options();
    opts.base_url = Some("https://example.com/".into());
    let summary = zapdoc::build::build(&opts).expect("builds");
    assert!(summary.notes.is_empty(), "{:?}", summary.notes);
    let xml = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap is XML");
    let urls: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("url"))
        .collect();
    assert_eq!(
        urls.len(),
        6 + 2 + 3 + 4,
        "pages, sections, homes, categories: {xml}"
    );
    assert!(
        xml.contains("<loc>https://example.com/zh/templates/alpha/</loc>"),
        "{xml}"
    );
    assert!(
        xml.contains(
            "<xhtml:link rel=\"alternate\" hreflang=\"zh\" href=\"https://example.com/zh/templates/alpha/\"/>"
        ),
        "{xml}"
    );
    assert!(xml.contains("<lastmod>2026-01-01</lastmod>"), "{xml}");
    let robots = site.read("robots.txt");
    assert!(robots.starts_with("User-agent: *"), "{robots}");
    assert!(
        robots.contains("Sitemap: https://example.com/sitemap.xml"),
        "{robots}"
    );
    // A 404 page per language, in that language; not in the sitemap.
    assert!(site.read("404.html").contains("Not found"));
    let zh = site.read("zh/404.html");
    assert!(
        zh.contains("<html lang=\"zh\">") && zh.contains("页面不存在"),
        "{zh}"
    );
    let fr = site.read("fr/404.html");
    assert!(
        fr.contains("<html lang=\"fr\">") && fr.contains("Page introuvable"),
        "{fr}"
    );
    assert!(!xml.contains("404"), "{xml}");
}

#[test]
fn building_twice_gives_byte_identical_output() {
    let site = multilingual_site();
    site.build_ok();
    let first = snapshot(&site.public());
    site.build_ok();
    let second = snapshot(&site.public());
    assert_eq!(first.len(), second.len());
    for ((pa, a), (pb, b)) in first.iter().zip(&second) {
        assert_eq!(pa, pb);
        assert!(a == b, "{pa} differs between builds");
    }
    // A fresh copy of the same input builds identically too.
    let other = multilingual_site();
    other.build_ok();
    assert_eq!(snapshot(&other.public()), first);
}

#[test]
fn output_dir_flag_and_stale_files_are_replaced() {
    let site = multilingual_site();
    let out_dir = site.root().join("elsewhere/site");
    let out = site.run(&["--output", out_dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out_dir.join("zh/templates/alpha/index.html").exists());
    std::fs::write(out_dir.join("stale.html"), "old").unwrap();
    let out = site.run(&["--output", out_dir.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(
        !out_dir.join("stale.html").exists(),
        "the new build replaces the old whole"
    );
    let err = stderr(&out);
    assert!(err.contains("Built 6 pages"), "{err}");
    assert!(err.contains("4 diagrams (1 distinct)"), "{err}");
}

#[test]
fn the_bundled_site_builds_in_every_language() {
    let repo = repo();
    let out = tempfile::tempdir().unwrap();
    let mut opts = zapdoc::build::Options::new(repo);
    opts.output = Some(out.path().join("public"));
    let summary = match zapdoc::build::build(&opts) {
        Ok(s) => s,
        Err(e) => panic!("{e:?}"),
    };
    assert!(summary.pages >= 9, "{summary:?}");
    for home in ["index.html", "zh/index.html", "fr/index.html"] {
        assert!(out.path().join("public").join(home).exists(), "{home}");
    }
    for seed in [
        "api-key-rotation",
        "callback-pattern",
        "webhook-integration",
    ] {
        for (prefix, file) in [("", ""), ("zh/", ".zh"), ("fr/", ".fr")] {
            let md =
                std::fs::read_to_string(repo.join(format!("content/templates/{seed}{file}.md")))
                    .unwrap();
            let title = md
                .lines()
                .find_map(|l| l.strip_prefix("title = \""))
                .unwrap()
                .trim_end_matches('"');
            let html = std::fs::read_to_string(
                out.path()
                    .join(format!("public/{prefix}templates/{seed}/index.html")),
            )
            .unwrap();
            let escaped = title
                .replace('&', "&amp;")
                .replace('\'', "&#39;")
                .replace('"', "&quot;");
            assert!(
                html.contains(&format!("<h1>{escaped}</h1>")),
                "{seed}{file}: {title}"
            );
            assert!(html.contains("<figure class=\"diagram\""), "{seed}{file}");
        }
    }
}

/// Every file under the site root (the output excluded), to show a refused
/// build touched nothing.
fn sources(site: &TestSite) -> Vec<(String, Vec<u8>)> {
    snapshot(site.root())
        .into_iter()
        .filter(|(p, _)| !p.starts_with("public/") && !p.starts_with("public."))
        .collect()
}

#[test]
fn an_output_inside_the_sources_is_refused_and_nothing_is_lost() {
    let site = multilingual_site();
    let before = sources(&site);
    assert!(before.iter().any(|(p, _)| p.starts_with("content/")));
    for (output, why) in [
        ("content", "inside the site's `content/`"),
        ("content/templates", "inside the site's `content/`"),
        ("themes", "inside the site's `themes/`"),
        (".", "holds the site's own sources"),
        ("..", "holds the site's own sources"),
    ] {
        for force in [false, true] {
            let dest = site.root().join(output);
            let mut args = vec!["--output", dest.to_str().unwrap()];
            if force {
                args.push("--force");
            }
            let out = site.run(&args);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{output}: {err}");
            assert!(err.contains(why), "{output}: {err}");
            assert!(err.contains("help:"), "{err}");
            assert_eq!(sources(&site), before, "{output} --force={force}");
        }
    }
    // The same refusal through site.toml's `output_dir`.
    site.write(
        "site.toml",
        &format!("output_dir = \"content\"\n{}", SITE_TOML),
    );
    let before = sources(&site);
    let out = site.run(&[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(sources(&site), before);
}

#[test]
fn an_unmarked_folder_is_replaced_only_with_force() {
    let site = multilingual_site();
    let docs = site.root().join("docs");
    std::fs::create_dir_all(docs.join("notes")).unwrap();
    std::fs::write(docs.join("notes/plan.txt"), "my plan").unwrap();
    std::fs::write(docs.join("README"), "mine").unwrap();
    let out = site.run(&["--output", docs.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("holds 2 entries that zapdoc did not write"),
        "{err}"
    );
    assert!(err.contains("--force"), "{err}");
    assert_eq!(
        std::fs::read_to_string(docs.join("notes/plan.txt")).unwrap(),
        "my plan"
    );
    assert_eq!(
        std::fs::read_to_string(docs.join("README")).unwrap(),
        "mine"
    );

    // --force takes the folder over; from then on it is zapdoc's.
    let out = site.run(&["--output", docs.to_str().unwrap(), "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!docs.join("README").exists());
    assert!(docs.join("zh/templates/alpha/index.html").exists());
    assert!(docs.join(zapdoc::output::MARKER).is_file());
    let out = site.run(&["--output", docs.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn an_empty_or_missing_folder_needs_no_force() {
    let site = multilingual_site();
    let empty = site.root().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = site.run(&["--output", empty.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(empty.join("index.html").exists());
    let out = site.run(&["--output", site.root().join("new/site").to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn staging_folders_of_interrupted_builds_are_removed() {
    let site = multilingual_site();
    site.build_ok();
    // A pid above Linux's maximum (2^22) belongs to no running process.
    let tmp = site.root().join("public.zapdoc-tmp-99999999");
    let old = site.root().join("public.zapdoc-old-99999998");
    let other = site.root().join("public-backup");
    for d in [&tmp, &old, &other] {
        std::fs::create_dir_all(d.join("a")).unwrap();
        std::fs::write(d.join("a/index.html"), "half").unwrap();
    }
    site.build_ok();
    if cfg!(target_os = "linux") {
        assert!(!tmp.exists() && !old.exists());
    }
    assert!(other.join("a/index.html").exists(), "not ours: kept");
    assert!(site.exists("index.html"));
}

#[test]
fn a_static_file_over_a_generated_page_is_a_warning_and_counted_once() {
    let site = multilingual_site();
    let before = site.build_ok();
    site.write("static/index.html", "<p>mine</p>\n");
    site.write("static/robots.txt", "User-agent: *\n");
    site.write("static/extra.txt", "x\n");
    let after = site.build_ok();
    let shown: Vec<String> = after.warnings.iter().map(|w| w.render(false)).collect();
    assert!(
        shown.iter().any(|w| w
            .contains("`static/index.html` replaces the file zapdoc generates at `index.html`")),
        "{shown:#?}"
    );
    assert!(
        shown.iter().any(|w| w.contains("`static/robots.txt`")),
        "{shown:#?}"
    );
    assert_eq!(
        after.files,
        before.files + 1,
        "only extra.txt is a new file"
    );
    assert_eq!(
        site.read("index.html"),
        "<p>mine</p>\n",
        "the static file wins, as before"
    );
}
