//! The incremental rebuild behind `zapdoc serve` ([`Live::update`]):
//! an edit re-renders the page and the pages that show it, nothing else;
//! unchanged diagrams come from the cache; a failed update writes nothing;
//! and the result is the same as a full build.

use crate::support::{DIAGRAM, TestSite, snapshot, written_pages};
use std::path::PathBuf;
use zapdoc::build::Failure;

fn site() -> TestSite {
    let site = TestSite::new();
    site.write("content/_index.md", "+++\ntitle = \"Home\"\n+++\nHello.\n");
    site.write(
        "content/templates/_index.md",
        "+++\ntitle = \"Templates\"\n+++\n",
    );
    site.write(
        "content/templates/_index.zh.md",
        "+++\ntitle = \"模板\"\n+++\n",
    );
    for (slug, cat, tags) in [
        ("alpha", "ops", "[\"api\"]"),
        ("beta", "ops", "[\"api\"]"),
        ("gamma", "patterns", "[\"other\"]"),
        ("delta", "patterns", "[\"misc\"]"),
    ] {
        site.write(
            &format!("content/templates/{slug}.md"),
            &format!(
                "+++\ntitle = \"{slug} title\"\ncategory = \"{cat}\"\ntags = {tags}\n+++\nAbout {slug}.\n\n```flowzap\n{DIAGRAM}```\n"
            ),
        );
    }
    site.write(
        "content/templates/alpha.zh.md",
        "+++\ntitle = \"甲\"\ncategory = \"ops\"\n+++\n中文。\n",
    );
    site.write(
        "content/docs/guide.md",
        "+++\ntitle = \"Guide\"\n+++\nSee [gamma](@/templates/gamma.md).\n",
    );
    site
}

#[test]
fn a_body_edit_rewrites_only_that_page() {
    let site = site();
    let mut s = site.session();
    let rendered = s.session().diagrams_rendered();
    // A new paragraph: the first paragraph (what listings show) stays.
    site.write(
        "content/templates/alpha.md",
        &format!(
            "+++\ntitle = \"alpha title\"\ncategory = \"ops\"\ntags = [\"api\"]\n+++\nAbout alpha.\n\nMore text here.\n\n```flowzap\n{DIAGRAM}```\n"
        ),
    );
    let u = site.update(&mut s, "content/templates/alpha.md");
    assert!(!u.rebuilt_model, "a body edit patches the model");
    assert_eq!(u.diagrams_rendered, 0, "the unchanged diagram is cached");
    assert_eq!(s.session().diagrams_rendered(), rendered);
    // The page is redone, and the pages that list it (its word count
    // changed); the pages that do not show it are not.
    let written = written_pages(&u);
    assert!(
        written.contains(&"templates/alpha/index.html"),
        "{written:?}"
    );
    assert!(
        !written.contains(&"index.html"),
        "the home does not list it"
    );
    assert!(!written.contains(&"docs/guide/index.html"), "{written:?}");
    assert!(
        !written.contains(&"zh/templates/alpha/index.html"),
        "{written:?}"
    );
    assert!(
        site.read("templates/alpha/index.html")
            .contains("More text here.")
    );
}

#[test]
fn a_title_edit_updates_listings_related_and_translations() {
    let site = site();
    let mut s = site.session();
    site.write(
        "content/templates/beta.md",
        &format!(
            "+++\ntitle = \"Beta renamed\"\ncategory = \"ops\"\ntags = [\"api\"]\n+++\nAbout beta.\n\n```flowzap\n{DIAGRAM}```\n"
        ),
    );
    let u = site.update(&mut s, "content/templates/beta.md");
    let written = written_pages(&u);
    for f in [
        "templates/beta/index.html",
        "templates/index.html",
        "templates/category/ops/index.html",
        // alpha lists beta as related (same category and tag).
        "templates/alpha/index.html",
    ] {
        assert!(written.contains(&f), "{f} not in {written:?}");
        assert!(site.read(f).contains("Beta renamed"), "{f}");
    }
    assert!(!written.contains(&"docs/guide/index.html"), "{written:?}");
    assert!(u.written.iter().any(|f| f == "search-index.en.json"));
    assert!(!u.written.iter().any(|f| f == "search-index.zh.json"));
}

#[test]
fn only_the_changed_diagram_is_rendered_again() {
    let site = site();
    let mut s = site.session();
    let other = DIAGRAM.replace("Do it", "Do it now");
    site.write(
        "content/templates/delta.md",
        &format!(
            "+++\ntitle = \"delta title\"\ncategory = \"patterns\"\ntags = [\"misc\"]\n+++\nAbout delta.\n\n```flowzap\n{other}```\n"
        ),
    );
    let u = site.update(&mut s, "content/templates/delta.md");
    assert_eq!(u.diagrams_rendered, 1);
    // Listings show the first diagram as a card preview: they are redone
    // with the page; pages that do not show delta are not.
    let written = written_pages(&u);
    for f in [
        "templates/delta/index.html",
        "templates/index.html",
        "templates/category/patterns/index.html",
    ] {
        assert!(written.contains(&f), "{f} not in {written:?}");
    }
    assert!(!written.contains(&"docs/guide/index.html"), "{written:?}");
    assert!(!written.contains(&"index.html"), "{written:?}");
    assert!(
        site.read("templates/delta/index.html")
            .contains("Do it now")
    );
}

#[test]
fn added_and_removed_pages_rebuild_the_model() {
    let site = site();
    let mut s = site.session();
    site.write(
        "content/templates/epsilon.md",
        "+++\ntitle = \"Epsilon\"\ncategory = \"ops\"\n+++\nNew.\n",
    );
    let u = site.update(&mut s, "content/templates/epsilon.md");
    assert!(u.rebuilt_model);
    assert!(site.read("templates/index.html").contains("Epsilon"));
    assert!(site.exists("templates/epsilon/index.html"));

    site.remove("content/templates/epsilon.md");
    let u = site.update(&mut s, "content/templates/epsilon.md");
    assert!(
        u.removed
            .contains(&"templates/epsilon/index.html".to_string())
    );
    assert!(!site.exists("templates/epsilon/index.html"));
    assert!(!site.read("templates/index.html").contains("Epsilon"));
}

#[test]
fn a_failed_update_writes_nothing_and_recovers() {
    let site = site();
    let mut s = site.session();
    let before = snapshot(&site.public());
    site.write(
        "content/templates/gamma.md",
        "+++\ntitle = \"gamma title\"\ncategory = \"patterns\"\n+++\nBroken.\n\n```flowzap\nOps { # Ops\n  n1: rect label:\"x\"\n}\n```\n",
    );
    match s.update(&[site.root().join("content/templates/gamma.md")]) {
        Err(Failure::Input { errors, .. }) => {
            let e = &errors[0];
            assert_eq!(e.path(), Some("content/templates/gamma.md"));
            assert_eq!(e.line_col(), Some((9, 7)));
        }
        other => panic!("expected input errors, got {other:?}"),
    }
    assert_eq!(snapshot(&site.public()), before, "nothing written");
    // A broken link is refused the same way.
    site.write(
        "content/templates/gamma.md",
        "+++\ntitle = \"gamma title\"\ncategory = \"patterns\"\n+++\n[x](@/templates/nope.md)\n",
    );
    assert!(
        s.update(&[site.root().join("content/templates/gamma.md")])
            .is_err()
    );
    assert_eq!(snapshot(&site.public()), before, "nothing written");
    // Fixed: the session goes on.
    site.write(
        "content/templates/gamma.md",
        "+++\ntitle = \"gamma title\"\ncategory = \"patterns\"\ntags = [\"other\"]\n+++\nFixed.\n",
    );
    site.update(&mut s, "content/templates/gamma.md");
    assert!(site.read("templates/gamma/index.html").contains("Fixed."));
}

#[test]
fn updates_end_where_a_full_build_ends() {
    let site = site();
    let mut s = site.session();
    let edits: [(&str, String); 4] = [
        (
            "content/templates/alpha.md",
            "+++\ntitle = \"Alpha two\"\ncategory = \"patterns\"\ntags = [\"misc\"]\nweight = 5\n+++\nChanged.\n".to_string(),
        ),
        (
            "content/templates/beta.md",
            format!("+++\ntitle = \"beta title\"\ncategory = \"ops\"\ntags = [\"api\"]\nweight = -1\n+++\nAbout beta, longer now.\n\n```flowzap\n{DIAGRAM}```\n"),
        ),
        (
            "content/templates/zeta.fr.md",
            "+++\ntitle = \"Zêta\"\n+++\nNouveau.\n".to_string(),
        ),
        (
            "i18n/en.ftl",
            "home = Home page\nnot-found = Not found\n".to_string(),
        ),
    ];
    for (rel, text) in &edits {
        site.write(rel, text);
        let paths: Vec<PathBuf> = vec![site.root().join(rel)];
        if let Err(e) = s.update(&paths) {
            panic!("{rel}: {e:?}");
        }
    }
    let incremental = snapshot(&site.public());
    drop(s);
    site.build_ok();
    let full = snapshot(&site.public());
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&incremental), names(&full));
    for ((name, a), (_, b)) in incremental.iter().zip(&full) {
        assert!(
            a == b,
            "{name} differs:\n--- incremental\n{}\n--- full\n{}",
            String::from_utf8_lossy(a),
            String::from_utf8_lossy(b)
        );
    }
}

/// Each diagram is also a standalone SVG file beside its page, and the
/// first one's code a `.fz` file: an edit rewrites them, a removed diagram
/// or page takes its files along, and the diagram font follows the
/// characters the diagrams draw; the output is a full build's.
#[test]
fn diagram_files_follow_their_diagrams() {
    let site = site();
    let mut s = site.session();
    let page = |body: &str| {
        format!(
            "+++\ntitle = \"delta title\"\ncategory = \"patterns\"\ntags = [\"misc\"]\n+++\nAbout delta.\n\n{body}"
        )
    };
    let read_font = || std::fs::read(site.public().join(zapdoc::build::FONT_FILE)).unwrap();
    let font = read_font();
    assert_eq!(site.read("templates/delta/delta.fz"), DIAGRAM);
    let before = site.read("templates/delta/delta.svg");

    // An edited diagram, a second one with a character beyond ASCII.
    let edited = DIAGRAM.replace("Do it", "Do it now");
    let second = DIAGRAM.replace("Do it", "Prüfen");
    site.write(
        "content/templates/delta.md",
        &page(&format!(
            "```flowzap\n{edited}```\n\n```flowzap\n{second}```\n"
        )),
    );
    let u = site.update(&mut s, "content/templates/delta.md");
    for f in [
        "templates/delta/delta.svg",
        "templates/delta/delta-2.svg",
        "templates/delta/delta.fz",
        zapdoc::build::FONT_FILE,
    ] {
        assert!(
            u.written.iter().any(|w| w == f),
            "{f} not in {:?}",
            u.written
        );
    }
    let svg = site.read("templates/delta/delta.svg");
    assert!(svg != before && svg.contains("Do it now") && svg.contains("<style>"));
    assert!(site.read("templates/delta/delta-2.svg").contains("Prüfen"));
    assert_eq!(site.read("templates/delta/delta.fz"), edited);
    assert!(read_font() != font, "ü is drawn now");

    // Diagrams removed: their files go, and the font loses the ü.
    site.write("content/templates/delta.md", &page("No diagram.\n"));
    let u = site.update(&mut s, "content/templates/delta.md");
    for f in [
        "templates/delta/delta.svg",
        "templates/delta/delta-2.svg",
        "templates/delta/delta.fz",
    ] {
        assert!(
            u.removed.iter().any(|r| r == f),
            "{f} not in {:?}",
            u.removed
        );
        assert!(!site.exists(f), "{f}");
    }
    assert!(read_font() == font);

    // A page removed takes its files along.
    assert!(site.exists("templates/beta/beta.svg"));
    site.remove("content/templates/beta.md");
    let u = site.update(&mut s, "content/templates/beta.md");
    assert!(u.removed.iter().any(|r| r == "templates/beta/beta.svg"));
    assert!(!site.exists("templates/beta/beta.svg"));
    assert!(!site.exists("templates/beta/beta.fz"));

    let incremental = snapshot(&site.public());
    drop(s);
    site.build_ok();
    assert!(
        incremental == snapshot(&site.public()),
        "a full build differs"
    );
}
