//! `zapdoc check`: planted problems are each found with file and line, in
//! the human and the JSON form; exit codes follow errors and warnings.

use crate::support::{DIAGRAM, TestSite, stderr, zapdoc};

fn clean_site() -> TestSite {
    let site = TestSite::new();
    site.write_translated("content/_index", "+++\ntitle = \"Home\"\n+++\n");
    site.write_translated(
        "content/templates/_index",
        "+++\ntitle = \"Templates\"\n+++\n",
    );
    site.write_translated("content/templates/alpha",
        &format!(
            "+++\ntitle = \"Alpha\"\n+++\n## How it works\n\nSee [how](#how-it-works).\n\n```flowzap\n{DIAGRAM}```\n"
        ),
    );
    site
}

#[test]
fn a_clean_site_passes() {
    let site = clean_site();
    let out = site.check(&["--deny-warnings"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("check: 0 error(s), 0 warning(s)"), "{err}");
    assert!(!site.public().exists(), "check writes nothing");
}

#[test]
fn planted_problems_are_found_with_file_and_line() {
    let site = clean_site();
    // Line 5: a broken link; line 7: a broken anchor; line 10: a bad diagram.
    site.write_translated("content/templates/beta",
        "+++\ntitle = \"Beta\"\n+++\n\nSee [nothing](@/templates/nope.md).\n\nSee [alpha](@/templates/alpha.md#nowhere).\n\n```flowzap\nOps { # Ops\n  n1: rect label:\"x\"\n}\n```\n",
    );
    // A page only in English: missing zh and fr translations.
    site.write(
        "content/templates/gamma.md",
        "+++\ntitle = \"Gamma\"\n+++\nAlone.\n",
    );
    // A Fluent message the other languages lack.
    site.write(
        "i18n/en.ftl",
        "home = Home\nnot-found = Not found\nonly-english = Only\n",
    );
    let out = site.check(&["--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let items = json.as_array().expect("an array");
    let find = |needle: &str, file: &str| {
        items
            .iter()
            .find(|i| {
                i["message"].as_str().is_some_and(|m| m.contains(needle))
                    && i["file"].as_str() == Some(file)
            })
            .unwrap_or_else(|| panic!("no `{needle}` in {file}: {json:#}"))
    };
    let link = find(
        "`@/templates/nope.md` does not exist",
        "content/templates/beta.md",
    );
    assert_eq!(
        (link["severity"].as_str(), link["line"].as_u64()),
        (Some("error"), Some(5))
    );
    assert_eq!(link["column"].as_u64(), Some(5));
    let reported = items
        .iter()
        .filter(|i| {
            i["message"]
                .as_str()
                .is_some_and(|m| m.contains("`@/templates/nope.md` does not exist"))
                && i["file"].as_str() == Some("content/templates/beta.md")
        })
        .count();
    assert_eq!(reported, 1, "a broken link is reported once: {json:#}");
    let anchor = find("anchor `#nowhere`", "content/templates/beta.md");
    assert_eq!(
        (anchor["severity"].as_str(), anchor["line"].as_u64()),
        (Some("error"), Some(7))
    );
    let diagram = find("unknown shape `rect`", "content/templates/beta.md");
    assert_eq!(diagram["code"].as_str(), Some("FZ001"));
    assert_eq!(
        (diagram["line"].as_u64(), diagram["column"].as_u64()),
        (Some(11), Some(7))
    );
    // The same problems in the other languages' files are found too.
    find("anchor `#nowhere`", "content/templates/beta.zh.md");
    find("unknown shape `rect`", "content/templates/beta.fr.md");
    let missing = find("not translated into `zh`", "content/templates/gamma.md");
    assert_eq!(
        (missing["severity"].as_str(), missing["line"].as_u64()),
        (Some("warning"), Some(1))
    );
    find("not translated into `fr`", "content/templates/gamma.md");
    let key = find(
        "message `only-english` is missing from `i18n/zh.ftl`",
        "i18n/en.ftl",
    );
    assert_eq!(key["line"].as_u64(), Some(3));

    // The human form: rustc-style with the location.
    let out = site.check(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("--> content/templates/beta.md:5:5"), "{err}");
    assert!(err.contains("--> content/templates/beta.md:7:"), "{err}");
    assert!(err.contains("error[FZ001]: unknown shape `rect`"), "{err}");
    assert!(err.contains("--> content/templates/gamma.md:1:1"), "{err}");
    assert!(!site.public().exists(), "check writes nothing");
}

#[test]
fn warnings_fail_only_when_denied() {
    let site = clean_site();
    site.write(
        "content/templates/gamma.md",
        "+++\ntitle = \"Gamma\"\n+++\nAlone.\n",
    );
    assert_eq!(site.check(&[]).status.code(), Some(0));
    assert_eq!(site.check(&["--deny-warnings"]).status.code(), Some(1));
}

#[test]
fn usage_problems_exit_2() {
    let out = zapdoc(&["check", "--root", "/nonexistent/zapdoc-site"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.starts_with("error: "), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

/// Every kind of site link is checked where it is written: `@/` links and
/// `href`s in raw HTML, root-relative and relative links against the files
/// the build writes (under the base URL's path), and anchors against the
/// headings of the page a link lands on.
#[test]
fn links_of_every_kind_are_checked_where_written() {
    let site = clean_site();
    site.write(
        "content/docs/a.md",
        "+++\ntitle = \"A\"\n+++\n\
         <a href=\"@/docs/gone.md\">raw</a>\n\n\
         [ok](/templates/alpha/) [bad](/docs/zzz/) [ok](../../templates/) [bad](../b/)\n\n\
         [ok](/templates/alpha/#how-it-works) [bad](../../templates/alpha/#nowhere)\n\n\
         [ok](/templates/alpha/alpha.svg) [ok](/style.css) <img src=\"../../nope.png\">\n",
    );
    let out = site.check(&[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for (message, at) in [
        (
            "link target `@/docs/gone.md` does not exist",
            "content/docs/a.md:4:10",
        ),
        (
            "link target `/docs/zzz/` does not exist",
            "content/docs/a.md:6:25",
        ),
        (
            "link target `../b/` does not exist",
            "content/docs/a.md:6:66",
        ),
        (
            "anchor `#nowhere` does not exist in `content/templates/alpha.md`",
            "content/docs/a.md:8:38",
        ),
        (
            "link target `../../nope.png` does not exist",
            "content/docs/a.md:10:61",
        ),
    ] {
        assert!(err.contains(message), "no `{message}` in:\n{err}");
        assert!(err.contains(&format!("--> {at}")), "not at {at}:\n{err}");
    }
    assert!(err.contains("check: 5 error(s)"), "{err}");

    // Under a base URL with a path, a root-relative link must carry it.
    let toml = crate::support::read(&site.root().join("site.toml")).replace(
        "base_url = \"/\"",
        "base_url = \"https://example.org/project/\"",
    );
    site.write("site.toml", &toml);
    let out = site.check(&[]);
    let err = stderr(&out);
    assert!(
        err.contains("link `/templates/alpha/` is outside the site's base path `/project/`"),
        "{err}"
    );
}

/// A page whose front matter cannot be read hides none of the other
/// pages' problems, and links to it are not called broken.
#[test]
fn a_bad_front_matter_hides_no_other_problem() {
    let site = clean_site();
    site.write("content/docs/broken.md", "+++\ntitle = \n+++\n");
    site.write(
        "content/docs/b.md",
        "+++\ntitle = \"B\"\n+++\n[x](@/docs/broken.md) [y](@/docs/none.md) [z](#nowhere)\n",
    );
    let out = site.check(&[]);
    let err = stderr(&out);
    assert!(err.contains("--> content/docs/broken.md:2:9"), "{err}");
    assert!(
        err.contains("link target `@/docs/none.md` does not exist"),
        "{err}"
    );
    assert!(err.contains("anchor `#nowhere` does not exist"), "{err}");
    assert!(!err.contains("`@/docs/broken.md` does not exist"), "{err}");
    assert!(err.contains("check: 3 error(s)"), "{err}");
    // The broken page's missing translations are its own error's business.
    assert!(!err.contains("content/docs/broken.zh.md"), "{err}");
}
