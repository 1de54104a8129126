//! What the build gives the bundled theme for readers (issue 14), on a small
//! site with the default theme: a template's actions and counts, docs
//! pages' "Edit this page" from `repository`, sharing cards whose `og:url`
//! is absolute only when `base_url` is, plain-text descriptions in the
//! search index and the feeds, and feed ids that are absolute URLs or, with
//! a root-relative `base_url`, stable `urn:uuid:` names.

use crate::support::{DIAGRAM, SITE_TOML, TestSite, written_pages};

fn site() -> TestSite {
    let site = TestSite::new();
    site.copy_from_repo("themes/default");
    site.copy_from_repo("i18n");
    let toml = SITE_TOML.replace("theme = \"mini\"", "theme = \"default\"");
    site.write(
        "site.toml",
        &format!("repository = \"https://git.example/o/r/edit/main\"\n{toml}"),
    );
    site.write("content/_index.md", "+++\ntitle = \"Home\"\n+++\nHello.\n");
    site.write(
        "content/templates/_index.md",
        "+++\ntitle = \"Templates\"\n+++\n",
    );
    site.write(
        "content/templates/ops.md",
        &format!(
            "+++\ntitle = \"Ops\"\ncategory = \"patterns\"\ndescription = \"Runs **the** `ops` [flow](/x/).\"\n+++\nAbout.\n\n```flowzap\n{DIAGRAM}```\n"
        ),
    );
    site.write("content/docs/_index.md", "+++\ntitle = \"Docs\"\n+++\n");
    site.write(
        "content/docs/intro.md",
        "+++\ntitle = \"Intro\"\n+++\n## First\n\nText.\n\n## Second\n\nMore.\n",
    );
    site
}

/// The `content` of the first `<meta property="NAME">`, if any.
fn meta(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("property=\"{name}\" content=\""))?;
    let rest = &html[at + name.len() + 21..];
    Some(rest[..rest.find('"')?].to_string())
}

#[test]
fn template_pages_get_their_actions_and_counts() {
    let site = site();
    site.build_ok();
    let html = site.read("templates/ops/index.html");
    let code = zapdoc::util::base64url(DIAGRAM.as_bytes());
    for want in [
        format!("href=\"https://flowzap.xyz/playground?code={code}\""),
        "href=\"/templates/ops/ops.fz\" download type=\"text/plain\"".to_string(),
        "href=\"/templates/ops/ops.svg\" download type=\"image/svg+xml\"".to_string(),
        "<li>1 lane</li>".to_string(),
        "<li>2 steps</li>".to_string(),
        "<li>1 connector</li>".to_string(),
    ] {
        assert!(html.contains(&want), "{want} not in {html}");
    }
    assert_eq!(site.read("templates/ops/ops.fz"), DIAGRAM);
    assert!(site.read("templates/ops/ops.svg").starts_with("<svg"));
    // Cards show the counts too.
    let listing = site.read("templates/index.html");
    assert!(listing.contains("1 lane · 2 steps"), "{listing}");
}

#[test]
fn docs_pages_link_their_source_in_the_repository() {
    let site = site();
    site.build_ok();
    let html = site.read("docs/intro/index.html");
    assert!(
        html.contains("href=\"https://git.example/o/r/edit/main/content/docs/intro.md\""),
        "{html}"
    );
    // Heading anchors are named for screen readers, the # is not read.
    assert!(
        html.contains("<span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">Link to this section</span>"),
        "{html}"
    );
}

#[test]
fn og_url_and_feed_ids_are_absolute_only_with_an_absolute_base_url() {
    let site = site();
    let summary = site.build_ok();
    assert_eq!(summary.notes.len(), 1, "{:?}", summary.notes);
    let html = site.read("templates/ops/index.html");
    assert_eq!(meta(&html, "og:url"), None, "no relative og:url");
    assert!(html.contains("<link rel=\"canonical\" href=\"/templates/ops/\">"));
    let feed = site.read("atom.xml");
    let ids: Vec<&str> = feed
        .lines()
        .filter_map(|l| l.trim().strip_prefix("<id>")?.strip_suffix("</id>"))
        .collect();
    assert_eq!(ids.len(), 2, "{feed}");
    assert!(ids.iter().all(|i| i.starts_with("urn:uuid:")), "{ids:?}");
    assert!(
        feed.contains("<summary>Runs the ops flow.</summary>"),
        "{feed}"
    );
    roxmltree::Document::parse(&feed).expect("valid XML");

    let mut opts = site.options();
    opts.base_url = Some("https://example.com/docs/".into());
    let summary = zapdoc::build::build(&opts).expect("builds");
    assert!(summary.notes.is_empty(), "{:?}", summary.notes);
    let html = site.read("templates/ops/index.html");
    assert_eq!(
        meta(&html, "og:url").as_deref(),
        Some("https://example.com/docs/templates/ops/")
    );
    let feed = site.read("atom.xml");
    assert!(
        feed.contains("<id>https://example.com/docs/templates/ops/</id>"),
        "{feed}"
    );
    assert!(
        site.read("sitemap.xml")
            .contains("<loc>https://example.com/docs/templates/ops/</loc>")
    );
}

#[test]
fn the_search_index_holds_descriptions_as_text() {
    let site = site();
    site.build_ok();
    let index = zapdoc::search::Index::from_json(&site.read("search-index.en.json")).unwrap();
    let doc = index
        .docs
        .iter()
        .find(|d| d.title == "Ops")
        .expect("indexed");
    assert_eq!(doc.description, "Runs the ops flow.");
}

/// A docs page lists its section's pages beside it, but not in a section
/// of more than 150 pages: every page would carry the whole list and be
/// rebuilt whenever any sibling's summary changes.
#[test]
fn the_docs_sidebar_is_left_out_of_very_large_sections() {
    let site = site();
    site.build_ok();
    let intro = site.read("docs/intro/index.html");
    assert!(intro.contains("class=\"docs-nav\""), "{intro}");

    for k in 0..151 {
        site.write(
            &format!("content/docs/p{k:03}.md"),
            &format!("+++\ntitle = \"Page {k}\"\n+++\nText {k}.\n"),
        );
    }
    let mut session = site.session();
    let intro = site.read("docs/intro/index.html");
    assert!(!intro.contains("class=\"docs-nav\""), "a 152-page sidebar");
    assert!(intro.contains("<h1"), "still a page");
    // Without the list, a sibling's edit leaves the page alone.
    site.write(
        "content/docs/p000.md",
        "+++\ntitle = \"Page 0\"\n+++\nAnother first paragraph.\n",
    );
    let update = site.update(&mut session, "content/docs/p000.md");
    let written = written_pages(&update);
    assert!(written.contains(&"docs/p000/index.html"), "{written:?}");
    assert!(!written.contains(&"docs/intro/index.html"), "{written:?}");
}
