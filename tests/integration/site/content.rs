//! content/: pages and sections, translations beside each other, TOML and
//! YAML front matter with located errors, drafts, Unicode slugs.

use crate::support::TestSite;

#[test]
fn toml_and_yaml_front_matter_become_typed_fields() {
    let site = TestSite::new();
    site.write(
        "content/a.md",
        "+++\ntitle = \"From TOML\"\ndescription = \"toml desc\"\ndate = 2026-11-01\ntags = [\"x\"]\n+++\nBody A\n",
    );
    site.write(
        "content/b.md",
        "---\ntitle: From YAML\ndescription: yaml desc\ndate: 2026-11-02\ntags: [y]\n---\nBody B\n",
    );
    site.build_ok();
    let a = site.read("a/index.html");
    assert!(a.contains("<h1 class=\"title\">From TOML</h1>"), "{a}");
    assert!(a.contains("toml desc"));
    let b = site.read("b/index.html");
    assert!(b.contains("<h1 class=\"title\">From YAML</h1>"), "{b}");
    assert!(b.contains("<p>Body B</p>"), "{b}");
}

#[test]
fn front_matter_errors_are_located_in_the_file() {
    let site = TestSite::new();
    site.write("content/good.md", "+++\ntitle = \"Good\"\n+++\n");
    site.write(
        "content/bad-toml.md",
        "+++\ntitle = \"T\"\nweight = \"heavy\"\n+++\n",
    );
    site.write("content/bad-yaml.md", "---\ntitle: Y\nauthor: me\n---\n");
    let errors = site.build_errors();
    assert_eq!(errors.len(), 2, "{errors:?}");
    let toml = errors
        .iter()
        .find(|e| e.path() == Some("content/bad-toml.md"))
        .unwrap();
    assert_eq!(toml.line_col(), Some((3, 10)), "{toml}");
    let yaml = errors
        .iter()
        .find(|e| e.path() == Some("content/bad-yaml.md"))
        .unwrap();
    assert_eq!(yaml.line_col().map(|l| l.0), Some(3), "{yaml}");
    assert!(yaml.message().contains("author"), "{yaml}");
}

#[test]
fn drafts_are_skipped_unless_asked_for() {
    let site = TestSite::new();
    site.write(
        "content/draft.md",
        "+++\ntitle = \"WIP\"\ndraft = true\n+++\n",
    );
    site.write("content/done.md", "+++\ntitle = \"Done\"\n+++\n");
    let summary = site.build_ok();
    assert_eq!(summary.drafts_skipped, 1);
    assert!(!site.exists("draft/index.html"));
    assert!(site.exists("done/index.html"));

    let out = site.run(&["--drafts"]);
    assert!(out.status.success());
    assert!(site.exists("draft/index.html"));
}

#[test]
fn translations_are_linked_and_urls_are_per_language() {
    let site = TestSite::new();
    site.write("content/_index.md", "+++\ntitle = \"Welcome\"\n+++\n");
    site.write("content/_index.zh.md", "+++\ntitle = \"欢迎\"\n+++\n");
    site.write("content/guide/_index.md", "+++\ntitle = \"Guide\"\n+++\n");
    site.write(
        "content/guide/_index.fr.md",
        "+++\ntitle = \"Guide FR\"\n+++\n",
    );
    site.write("content/guide/start.md", "+++\ntitle = \"Start\"\n+++\n");
    site.write("content/guide/start.zh.md", "+++\ntitle = \"开始\"\n+++\n");
    site.write(
        "content/guide/start.fr.md",
        "+++\ntitle = \"Démarrer\"\n+++\n",
    );
    site.write(
        "content/guide/only-en.md",
        "+++\ntitle = \"English only\"\n+++\n",
    );
    let summary = site.build_ok();
    assert_eq!(summary.pages, 4);

    let zh = site.read("zh/guide/start/index.html");
    assert!(zh.contains("<html lang=\"zh\">"), "{zh}");
    for (lang, href) in [
        ("en", "/guide/start/"),
        ("zh", "/zh/guide/start/"),
        ("fr", "/fr/guide/start/"),
    ] {
        assert!(
            zh.contains(&format!(
                "<link rel=\"alternate\" hreflang=\"{lang}\" href=\"{href}\">"
            )),
            "{zh}"
        );
    }
    // A page without translations has only itself as alternate.
    let only = site.read("guide/only-en/index.html");
    assert_eq!(only.matches("rel=\"alternate\"").count(), 1, "{only}");
    // Homes exist in every language, with or without _index.LANG.md.
    assert!(site.read("index.html").contains("Welcome"));
    assert!(site.read("zh/index.html").contains("欢迎"));
    assert!(site.read("fr/index.html").contains("<html lang=\"fr\">"));
    // The French section lists the French page.
    assert!(site.read("fr/guide/index.html").contains("Démarrer"));
}

#[test]
fn slugs_come_from_file_names_unicode_included() {
    let site = TestSite::new();
    site.write("content/Release Notes 2.md", "+++\ntitle = \"R\"\n+++\n");
    site.write("content/审批 流程.zh.md", "+++\ntitle = \"审批\"\n+++\n");
    site.write(
        "content/custom.md",
        "+++\ntitle = \"C\"\nslug = \"My Own\"\n+++\n",
    );
    site.build_ok();
    assert!(site.exists("release-notes-2/index.html"));
    assert!(site.exists("zh/审批-流程/index.html"));
    assert!(site.exists("my-own/index.html"));
}

#[test]
fn unknown_language_suffix_and_url_clash_are_errors() {
    let site = TestSite::new();
    site.write("content/page.de.md", "hi\n");
    let errors = site.build_errors();
    assert!(
        errors[0]
            .message()
            .contains("`de` is not one of the site's languages"),
        "{}",
        errors[0]
    );
    site.remove("content/page.de.md");

    site.write("content/A b.md", "one\n");
    site.write("content/a-b.md", "two\n");
    let errors = site.build_errors();
    assert!(
        errors[0]
            .message()
            .contains("would both be written to `/a-b/`"),
        "{}",
        errors[0]
    );
}

#[test]
fn untitled_sections_take_their_folder_name() {
    let site = TestSite::new();
    site.write("content/_index.md", "+++\n+++\n");
    site.write("content/Guides/_index.md", "+++\n+++\nAll guides.\n");
    site.write("content/Guides/one.md", "+++\n+++\nText.\n");
    site.build_ok();
    assert!(
        site.read("index.html")
            .contains("<h1 class=\"title\">Test Site</h1>")
    );
    let section = site.read("guides/index.html");
    assert!(
        section.contains("<h1 class=\"title\">Guides</h1>"),
        "{section}"
    );
    assert!(
        site.read("guides/one/index.html")
            .contains("<h1 class=\"title\">one</h1>")
    );
}

#[test]
fn a_slug_with_no_letters_is_blamed_on_its_line() {
    let site = TestSite::new();
    site.write(
        "content/x.md",
        "+++\ntitle = \"X\"\nslug = \"..\"\n+++\nBody\n",
    );
    let errors = site.build_errors();
    let text = errors[0].render(false);
    assert!(
        text.contains("`slug = \"..\"` has no letters or digits"),
        "{text}"
    );
    assert!(text.contains("content/x.md:3:1"), "{text}");
    // Without a slug, the file name is to blame.
    let site = TestSite::new();
    site.write("content/--.md", "+++\ntitle = \"X\"\n+++\nBody\n");
    let text = site.build_errors()[0].render(false);
    assert!(
        text.contains("the file name has no letters or digits"),
        "{text}"
    );
}
