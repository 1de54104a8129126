//! Paginated listings: `paginate_by` in a section's front matter and
//! `category_paginate_by` in site.toml split a listing over `…/page/N/`,
//! each page with its `paginator`; translations, the sitemap and the
//! incremental rebuild follow the numbered pages; the navigation every page
//! shows (`nav`) does not make pages depend on every other page.

use crate::support::{SITE_TOML, TestSite, written_pages};

/// A section template that prints the paginator as plain lines.
const SECTION: &str = r#"{% extends "base.html" %}
{% block content %}<h1 class="title">{{ section.title }}</h1>
{% if paginator %}<p class="pager">page {{ paginator.current_index }} of {{ paginator.number_pagers }}, {{ paginator.total_pages }} items by {{ paginator.paginate_by }}</p>
<p class="prev">{{ paginator.previous }}</p><p class="next">{{ paginator.next }}</p>
<p class="ends">{{ paginator.first }} {{ paginator.last }}</p>
<ul class="pages">{% for p in paginator.pages %}<li>{{ p.title }}</li>{% endfor %}</ul>
<ol class="pagers">{% for p in paginator.pagers %}<li{% if p.current %} class="current"{% endif %}>{{ p.url }}</li>{% endfor %}</ol>
{% else %}<p class="pager">not paginated</p>{% endif %}
<p class="all">{{ section.pages | length }}</p>
{% endblock content %}
"#;

const CATEGORY: &str = r#"{% extends "base.html" %}
{% block content %}<h1>{{ category.name }}</h1>
<ul class="pages">{% for p in category.pages %}<li>{{ p.title }}</li>{% endfor %}</ul>
{% if paginator %}<p class="pager">page {{ paginator.current_index }} of {{ paginator.number_pagers }}</p>{% endif %}
{% endblock content %}
"#;

/// Five English pages (weights 1–5) and three Chinese ones, two per page.
fn site() -> TestSite {
    let site = TestSite::new();
    site.write("templates/section.html", SECTION);
    site.write("templates/index.html", SECTION);
    site.write("templates/category.html", CATEGORY);
    site.write(
        "content/templates/_index.md",
        "+++\ntitle = \"Templates\"\npaginate_by = 2\n+++\n",
    );
    site.write(
        "content/templates/_index.zh.md",
        "+++\ntitle = \"模板\"\npaginate_by = 2\n+++\n",
    );
    for w in 1..=5 {
        site.write(
            &format!("content/templates/p{w}.md"),
            &format!(
                "+++\ntitle = \"Page {w}\"\nweight = {w}\ncategory = \"ops\"\n+++\nText {w}.\n"
            ),
        );
        if w <= 3 {
            site.write(
                &format!("content/templates/p{w}.zh.md"),
                &format!(
                    "+++\ntitle = \"页 {w}\"\nweight = {w}\ncategory = \"ops\"\n+++\n文 {w}。\n"
                ),
            );
        }
    }
    site
}

fn between<'a>(html: &'a str, open: &str, close: &str) -> &'a str {
    let start = html
        .find(open)
        .unwrap_or_else(|| panic!("no `{open}` in:\n{html}"))
        + open.len();
    let end = html[start..].find(close).expect("closing tag") + start;
    &html[start..end]
}

fn titles(html: &str) -> Vec<String> {
    between(html, "<ul class=\"pages\">", "</ul>")
        .split("<li>")
        .skip(1)
        .map(|s| s.trim_end_matches("</li>").to_string())
        .collect()
}

#[test]
fn a_paginated_section_splits_its_pages_over_numbered_pages() {
    let site = site();
    site.build_ok();
    let first = site.read("templates/index.html");
    assert_eq!(titles(&first), ["Page 1", "Page 2"]);
    assert!(first.contains("page 1 of 3, 5 items by 2"), "{first}");
    assert_eq!(between(&first, "<p class=\"prev\">", "</p>"), "");
    assert_eq!(
        between(&first, "<p class=\"next\">", "</p>"),
        "/templates/page/2/"
    );
    assert_eq!(
        between(&first, "<p class=\"ends\">", "</p>"),
        "/templates/ /templates/page/3/"
    );
    // `section.pages` too holds the pages of this listing page: a page
    // depends on the pages it shows, not on the whole section.
    assert_eq!(between(&first, "<p class=\"all\">", "</p>"), "2");

    let second = site.read("templates/page/2/index.html");
    assert_eq!(titles(&second), ["Page 3", "Page 4"]);
    assert!(second.contains("page 2 of 3"));
    assert_eq!(
        between(&second, "<p class=\"prev\">", "</p>"),
        "/templates/"
    );
    assert!(second.contains("<li class=\"current\">/templates/page/2/</li>"));

    let last = site.read("templates/page/3/index.html");
    assert_eq!(titles(&last), ["Page 5"]);
    assert_eq!(between(&last, "<p class=\"next\">", "</p>"), "");
    assert!(!site.exists("templates/page/4/index.html"));
    assert!(
        !site.exists("templates/page/1/index.html"),
        "page 1 is the section itself"
    );
}

#[test]
fn translations_link_only_to_numbered_pages_they_have() {
    let site = site();
    site.build_ok();
    // zh has three pages: two listing pages.
    let zh2 = site.read("zh/templates/page/2/index.html");
    assert_eq!(titles(&zh2), ["页 3"]);
    assert!(!site.exists("zh/templates/page/3/index.html"));
    let en2 = site.read("templates/page/2/index.html");
    assert!(en2.contains(r#"hreflang="zh" href="/zh/templates/page/2/""#));
    let en3 = site.read("templates/page/3/index.html");
    assert!(
        !en3.contains(r#"hreflang="zh""#),
        "no zh page 3 to link to: {en3}"
    );
    // The sitemap (of a site with an address) lists every numbered page
    // with the same alternates.
    let mut opts = site.options();
    opts.base_url = Some("https://example.com/".into());
    zapdoc::build::build(&opts).expect("builds");
    let sitemap = site.read("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.com/templates/page/3/</loc>"),
        "{sitemap}"
    );
    assert!(sitemap.contains("<loc>https://example.com/zh/templates/page/2/</loc>"));
    assert!(!sitemap.contains("/zh/templates/page/3/"));
}

#[test]
fn a_section_without_paginate_by_lists_everything_on_one_page() {
    let site = site();
    site.write(
        "content/templates/_index.md",
        "+++\ntitle = \"Templates\"\n+++\n",
    );
    site.build_ok();
    let html = site.read("templates/index.html");
    assert!(html.contains("not paginated"));
    assert!(!site.exists("templates/page/2/index.html"));
}

#[test]
fn category_pages_paginate_by_the_site_setting() {
    let site = site();
    site.write(
        "site.toml",
        &SITE_TOML.replace(
            "theme = \"mini\"\n",
            "theme = \"mini\"\ncategory_paginate_by = 4\n",
        ),
    );
    site.build_ok();
    let first = site.read("templates/category/ops/index.html");
    assert_eq!(titles(&first), ["Page 1", "Page 2", "Page 3", "Page 4"]);
    assert!(first.contains("page 1 of 2"));
    let second = site.read("templates/category/ops/page/2/index.html");
    assert_eq!(titles(&second), ["Page 5"]);
    assert!(!site.exists("zh/templates/category/ops/page/2/index.html"));
}

#[test]
fn paginate_by_on_a_page_is_an_error_at_the_key() {
    let site = site();
    site.write(
        "content/templates/p2.md",
        "+++\ntitle = \"Page 2\"\npaginate_by = 3\n+++\nText.\n",
    );
    let errors = site.build_errors();
    let text: String = errors.iter().map(|e| e.render(false)).collect();
    assert!(
        text.contains("`paginate_by` only applies to sections"),
        "{text}"
    );
    assert!(text.contains("content/templates/p2.md:3:1"), "{text}");
    assert!(text.contains("_index.md"), "the hint names the fix: {text}");
    assert!(!site.exists("index.html"), "nothing written");
}

#[test]
fn paginate_by_of_the_wrong_type_is_a_located_error() {
    let site = site();
    site.write(
        "content/templates/_index.md",
        "+++\ntitle = \"Templates\"\npaginate_by = \"two\"\n+++\n",
    );
    let text: String = site
        .build_errors()
        .iter()
        .map(|e| e.render(false))
        .collect();
    assert!(text.contains("content/templates/_index.md:3"), "{text}");
}

#[test]
fn numbered_pages_come_and_go_with_the_pages_they_list() {
    let site = site();
    let mut s = site.session();
    site.remove("content/templates/p5.md");
    let u = site.update(&mut s, "content/templates/p5.md");
    assert!(
        u.removed
            .contains(&"templates/page/3/index.html".to_string()),
        "{:?}",
        u.removed
    );
    assert!(!site.exists("templates/page/3/index.html"));
    site.write(
        "content/templates/p6.md",
        "+++\ntitle = \"Page 6\"\nweight = 6\n+++\nText 6.\n",
    );
    let u = site.update(&mut s, "content/templates/p6.md");
    assert!(
        u.written
            .contains(&"templates/page/3/index.html".to_string()),
        "{:?}",
        u.written
    );
    assert_eq!(
        titles(&site.read("templates/page/3/index.html")),
        ["Page 6"]
    );
}

/// Pages directly under the home page, whose base template shows the
/// navigation: the home section lists every page, but the navigation only
/// shows its subsections.
fn flat_site() -> TestSite {
    let site = TestSite::new();
    site.write(
        "templates/base.html",
        r#"<!DOCTYPE html>
<html lang="{{ lang }}"><head><title>{% block title %}{{ config.title }}{% endblock title %}</title></head>
<body><nav><a class="home" href="{{ nav_home.url }}">{{ nav_home.title }}</a>{% for s in nav %}<a class="section" href="{{ s.url }}">{{ s.title }}</a>{% endfor %}</nav>
{% block content %}{% endblock content %}</body></html>
"#,
    );
    site.write(
        "content/_index.md",
        "+++\ntitle = \"Home\"\npaginate_by = 10\n+++\n",
    );
    site.write("content/docs/_index.md", "+++\ntitle = \"Docs\"\n+++\n");
    site.write(
        "content/docs/intro.md",
        "+++\ntitle = \"Intro\"\n+++\nHi.\n",
    );
    for i in 0..6 {
        site.write(
            &format!("content/p{i}.md"),
            &format!("+++\ntitle = \"P{i}\"\n+++\nFirst paragraph {i}.\n"),
        );
    }
    site
}

#[test]
fn every_page_shows_the_navigation_without_depending_on_every_page() {
    let site = flat_site();
    let mut s = site.session();
    let page = site.read("p3/index.html");
    assert!(
        page.contains(
            r#"<a class="home" href="/">Home</a><a class="section" href="/docs/">Docs</a>"#
        ),
        "{page}"
    );
    // A new first paragraph changes p0's summary: the home page lists it,
    // but the other pages only show the navigation.
    site.write(
        "content/p0.md",
        "+++\ntitle = \"P0\"\n+++\nAnother first paragraph.\n",
    );
    let u = site.update(&mut s, "content/p0.md");
    let html = written_pages(&u);
    assert!(html.contains(&"p0/index.html"), "{html:?}");
    assert!(!html.contains(&"p3/index.html"), "{html:?}");
    assert!(!html.contains(&"docs/intro/index.html"), "{html:?}");

    // A section's title is in every page's navigation.
    site.write("content/docs/_index.md", "+++\ntitle = \"Guides\"\n+++\n");
    let u = site.update(&mut s, "content/docs/_index.md");
    assert!(
        u.written.contains(&"p3/index.html".to_string()),
        "{:?}",
        u.written
    );
    assert!(site.read("p3/index.html").contains(">Guides</a>"));
}

#[test]
fn an_edit_rewrites_only_the_numbered_page_that_shows_it() {
    let site = site();
    let mut s = site.session();
    // A new first paragraph: p5's summary changes; it is on page 3.
    site.write(
        "content/templates/p5.md",
        "+++\ntitle = \"Page 5\"\nweight = 5\ncategory = \"ops\"\n+++\nNew text 5.\n",
    );
    let u = site.update(&mut s, "content/templates/p5.md");
    assert!(!u.rebuilt_model);
    assert!(
        u.written
            .contains(&"templates/page/3/index.html".to_string()),
        "{:?}",
        u.written
    );
    for untouched in ["templates/index.html", "templates/page/2/index.html"] {
        assert!(
            !u.written.contains(&untouched.to_string()),
            "{untouched} does not show p5: {:?}",
            u.written
        );
    }
}
