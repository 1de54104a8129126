//! site.toml: unknown keys and wrong types name the key and its line; the
//! default language must be listed; `--base-url` replaces the base URL.

use crate::support::{SITE_TOML, TestSite, stderr};

#[test]
fn unknown_key_is_named_with_its_line() {
    let site = TestSite::new();
    site.write(
        "site.toml",
        &SITE_TOML.replace("theme = \"mini\"", "theme = \"mini\"\ncolour = \"blue\""),
    );
    let out = site.run(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("unknown field `colour`"), "{err}");
    assert!(err.contains("--> site.toml:6:1"), "{err}");
    assert!(err.contains("^^^^^^"), "{err}");
    assert!(!site.exists(""), "nothing may be written");
}

#[test]
fn wrong_type_is_named_with_its_line() {
    let site = TestSite::new();
    site.write(
        "site.toml",
        &SITE_TOML.replace("title = \"Test Site\"", "title = 42"),
    );
    let errors = site.build_errors();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].path(), Some("site.toml"));
    assert_eq!(errors[0].line_col().map(|(l, _)| l), Some(1));
    assert!(
        errors[0].message().contains("invalid type"),
        "{}",
        errors[0]
    );
}

#[test]
fn unknown_key_in_a_table_and_bad_default_language() {
    let site = TestSite::new();
    site.write(
        "site.toml",
        &format!("{}\n[related]\nbogus = 1\n", SITE_TOML),
    );
    let errors = site.build_errors();
    assert!(errors[0].message().contains("bogus"), "{}", errors[0]);

    site.write(
        "site.toml",
        &SITE_TOML.replace("default_language = \"en\"", "default_language = \"de\""),
    );
    let errors = site.build_errors();
    let text = errors[0].render(false);
    assert!(text.contains("`de` is not one of `languages`"), "{text}");
    assert!(text.contains("site.toml:4:"), "{text}");
}

#[test]
fn unknown_highlight_theme_is_located() {
    let site = TestSite::new();
    site.write(
        "site.toml",
        &format!("{}\n[markdown]\nhighlight_theme = \"Nope\"\n", SITE_TOML),
    );
    let errors = site.build_errors();
    assert!(
        errors[0].message().contains("markdown.highlight_theme"),
        "{}",
        errors[0]
    );
    assert!(errors[0].line_col().is_some());
}

#[test]
fn base_url_override_is_followed_by_links() {
    let site = TestSite::new();
    site.write("content/docs/intro.md", "+++\ntitle = \"Intro\"\n+++\nHi\n");
    site.write(
        "content/docs/intro.zh.md",
        "+++\ntitle = \"介绍\"\n+++\n你好\n",
    );
    let out = site.run(&["--base-url", "https://example.com/docs"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = site.read("zh/docs/intro/index.html");
    assert!(
        html.contains("href=\"https://example.com/docs/style.css\""),
        "{html}"
    );
    assert!(
        html.contains("hreflang=\"en\" href=\"https://example.com/docs/docs/intro/\""),
        "{html}"
    );
    assert!(
        html.contains("class=\"home\" href=\"https://example.com/docs/zh/\""),
        "{html}"
    );
    let sitemap = site.read("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.com/docs/zh/docs/intro/</loc>"),
        "{sitemap}"
    );
    assert!(
        site.read("robots.txt")
            .contains("Sitemap: https://example.com/docs/sitemap.xml")
    );

    // Without the flag, links are root-relative.
    let out = site.run(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = site.read("zh/docs/intro/index.html");
    assert!(html.contains("href=\"/style.css\""), "{html}");
    assert!(html.contains("class=\"home\" href=\"/zh/\""), "{html}");
}

#[test]
fn invalid_base_url_is_a_usage_error() {
    let site = TestSite::new();
    let out = site.run(&["--base-url", "example.com"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.starts_with("error: --base-url:"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}
