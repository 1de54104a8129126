//! Atom feeds: one per language for the templates section, valid XML,
//! sorted, escaped, absolute with an absolute base URL.

use crate::support::TestSite;

fn site() -> TestSite {
    let site = TestSite::new();
    site.write("content/_index.md", "+++\ntitle = \"Home\"\n+++\n");
    site.write(
        "content/templates/_index.md",
        "+++\ntitle = \"Templates\"\n+++\n",
    );
    site.write(
        "content/templates/_index.zh.md",
        "+++\ntitle = \"模板\"\n+++\n",
    );
    for (slug, date) in [
        ("b-second", "2026-02-01"),
        ("a-second", "2026-02-01"),
        ("old", "2025-01-01"),
    ] {
        site.write(
            &format!("content/templates/{slug}.md"),
            &format!("+++\ntitle = \"{slug} <&> \\\"q\\\"\"\ndescription = \"About {slug} & co\"\ndate = {date}\ncategory = \"ops\"\n+++\nText.\n"),
        );
    }
    site.write(
        "content/templates/old.zh.md",
        "+++\ntitle = \"旧的\"\ndate = 2025-01-01\n+++\n中文。\n",
    );
    site.write(
        "content/docs/guide.md",
        "+++\ntitle = \"Not in the feed\"\n+++\n",
    );
    site
}

#[test]
fn a_feed_per_language_sorted_and_escaped() {
    let site = site();
    site.build_ok();
    let en = site.read("atom.xml");
    let doc = roxmltree::Document::parse(&en).expect("valid XML");
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(
        feed.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let titles: Vec<&str> = feed
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .filter_map(|e| {
            e.children()
                .find(|c| c.has_tag_name("title"))
                .and_then(|t| t.text())
        })
        .collect();
    assert_eq!(
        titles,
        ["a-second <&> \"q\"", "b-second <&> \"q\"", "old <&> \"q\""],
        "newest first, then by slug; the docs page is not in it"
    );
    let updated = feed
        .children()
        .find(|c| c.has_tag_name("updated"))
        .and_then(|t| t.text());
    assert_eq!(updated, Some("2026-02-01T00:00:00Z"));
    assert!(
        en.contains("<link rel=\"alternate\" type=\"text/html\" href=\"/templates/a-second/\"/>")
    );

    let zh = site.read("zh/atom.xml");
    let doc = roxmltree::Document::parse(&zh).expect("valid XML");
    assert_eq!(
        doc.root_element()
            .children()
            .filter(|n| n.has_tag_name("entry"))
            .count(),
        1
    );
    assert!(zh.contains("旧的"));
    assert!(site.exists("fr/atom.xml"), "every language has a feed");
}

#[test]
fn absolute_base_urls_give_absolute_links_and_builds_are_deterministic() {
    let site = site();
    let mut opts = site.options();
    opts.base_url = Some("https://example.com/docs/".into());
    zapdoc::build::build(&opts).expect("builds");
    let first = site.read("zh/atom.xml");
    assert!(
        first.contains("<id>https://example.com/docs/zh/atom.xml</id>"),
        "{first}"
    );
    assert!(
        first.contains("href=\"https://example.com/docs/zh/templates/old/\""),
        "{first}"
    );
    zapdoc::build::build(&opts).expect("builds");
    assert_eq!(site.read("zh/atom.xml"), first);
}
