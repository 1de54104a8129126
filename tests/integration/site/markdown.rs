//! Markdown: extensions, syntect classes, ```flowzap fences (inline, each
//! distinct diagram once, errors located in the .md file), heading
//! anchors, external links, `@/` internal links.

use crate::support::{DIAGRAM, TestSite, snapshot, stderr};

#[test]
fn extensions_and_highlighting_into_classes() {
    let site = TestSite::new();
    site.write(
        "content/code.md",
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ text[^n]\n\n[^n]: a note\n\n- [x] done\n- [ ] todo\n\n```rust\nfn main() { let x = 1; }\n```\n\n```klingon\n<tlhIngan> & Hol\n```\n",
    );
    site.build_ok();
    let html = site.read("code/index.html");
    assert!(html.contains("<table>"), "{html}");
    assert!(html.contains("<del>old</del>"), "{html}");
    assert!(html.contains("footnote-definition"), "{html}");
    assert!(
        html.contains("<input disabled=\"\" type=\"checkbox\" checked=\"\"/>"),
        "{html}"
    );
    assert!(
        html.contains(
            "<pre class=\"code\" data-lang=\"rust\" tabindex=\"0\"><code><span class=\"z-"
        ),
        "{html}"
    );
    assert!(html.contains("&lt;tlhIngan&gt; &amp; Hol"), "{html}");
    // A light and a dark stylesheet for the classes.
    assert!(site.read("syntax-light.css").contains(".z-"));
    assert!(site.read("syntax-dark.css").contains(".z-"));
    assert_ne!(site.read("syntax-light.css"), site.read("syntax-dark.css"));
}

#[test]
fn flowzap_fences_become_inline_diagrams_rendered_once_each() {
    let site = TestSite::new();
    let other = DIAGRAM.replace("Do it", "Do it twice");
    for (name, d) in [("a", DIAGRAM), ("b", DIAGRAM), ("c", other.as_str())] {
        site.write(
            &format!("content/{name}.md"),
            &format!("Before.\n\n```flowzap\n{d}```\n\nAfter.\n"),
        );
    }
    site.write(
        "content/a.zh.md",
        &format!("之前。\n\n```flowzap\n{DIAGRAM}```\n"),
    );
    let summary = site.build_ok();
    assert_eq!(summary.diagrams, 4);
    assert_eq!(summary.distinct_diagrams, 2);
    let html = site.read("a/index.html");
    assert!(
        html.contains("<figure class=\"diagram\" style=\"--diagram-w:"),
        "the figure carries the diagram's natural width: {html}"
    );
    assert!(
        !html.contains("language-flowzap"),
        "the fence is not shown as code: {html}"
    );
    assert!(!html.contains("n1.handle"), "{html}");
    // The renderer's SVG is embedded as is, without its style block: the
    // page links the diagram stylesheet once.
    let parsed = zapdoc::flowzap::parse(DIAGRAM);
    let title = zapdoc::flowzap::default_title(&parsed.diagram);
    let opts = zapdoc::flowzap::svg::Options {
        title: &title,
        description: None,
        embed_style: false,
        decorative: false,
    };
    let svg = zapdoc::flowzap::render_svg_with(&parsed.diagram, DIAGRAM, &opts);
    // Below it, a link to the same drawing as a file of its own, written
    // beside the page, in the page's language.
    assert!(
        html.contains(&format!(
            " data-svg=\"/a/a.svg\">{svg}<div class=\"fz-actions\"><a href=\"/a/a.svg\" download type=\"image/svg+xml\">Download SVG</a></div></figure>"
        )),
        "{html}"
    );
    assert_eq!(site.read("flowzap.css"), zapdoc::flowzap::svg::stylesheet());
    // The file is standalone: the stylesheet embedded, as the renderer
    // writes it for a file.
    let standalone = zapdoc::flowzap::render_svg_with(
        &parsed.diagram,
        DIAGRAM,
        &zapdoc::flowzap::svg::Options {
            embed_style: true,
            ..opts
        },
    );
    assert_eq!(site.read("a/a.svg"), standalone);
    assert_eq!(site.read("a/a.fz"), DIAGRAM, "the code, exactly");
    let zh = site.read("zh/a/index.html");
    assert!(
        zh.contains("<a href=\"/zh/a/a.svg\" download type=\"image/svg+xml\">下载 SVG</a>"),
        "{zh}"
    );
    assert!(site.read("zh/a/a.svg").contains("泳道图"), "in Chinese");
}

/// A diagram's accessible title and description are in its page's
/// language, from built-in wording the site's i18n files may redefine, and
/// the diagram is still laid out once; a changed wording redraws it without
/// laying it out again.
#[test]
fn diagrams_are_described_in_the_readers_language() {
    let site = TestSite::new();
    site.write("content/a.md", &format!("```flowzap\n{DIAGRAM}```\n"));
    site.write("content/a.zh.md", &format!("```flowzap\n{DIAGRAM}```\n"));
    site.write("content/a.fr.md", &format!("```flowzap\n{DIAGRAM}```\n"));
    let summary = site.build_ok();
    assert_eq!(summary.distinct_diagrams, 1);
    let desc = |rel: &str| {
        let html = site.read(rel);
        let start = html.find("<desc").expect("a <desc>");
        let end = html[start..].find("</desc>").expect("closed") + start;
        let title = html.find("<title id=\"fz-").expect("an SVG <title>");
        let title_end = html[title..].find("</title>").expect("closed") + title;
        (
            html[title..title_end].to_string(),
            html[start..end].to_string(),
        )
    };
    let (en_title, en) = desc("a/index.html");
    let (zh_title, zh) = desc("zh/a/index.html");
    let (fr_title, fr) = desc("fr/a/index.html");
    assert!(en.contains("Swimlane diagram with"), "{en}");
    assert!(en_title.ends_with(">Diagram: Ops"), "{en_title}");
    assert!(zh.contains("泳道图，共 1 条泳道。"), "{zh}");
    assert!(zh_title.ends_with(">图表：Ops"), "{zh_title}");
    assert!(fr.contains("Diagramme en couloirs, 1 couloir."), "{fr}");
    assert!(fr_title.ends_with(">Diagramme\u{a0}: Ops"), "{fr_title}");

    let mut session = site.session();
    site.write(
        "i18n/zh.ftl",
        "home = 首页\nnot-found = 页面不存在\ndiagram-title = 流程图：{ $lanes }\n",
    );
    let update = site.update(&mut session, "i18n/zh.ftl");
    assert_eq!(update.diagrams_rendered, 0, "the layout is reused");
    let (zh_title, _) = desc("zh/a/index.html");
    assert!(zh_title.ends_with(">流程图：Ops"), "{zh_title}");
}

#[test]
fn a_broken_diagram_fails_the_build_at_its_md_line_and_keeps_public() {
    let site = TestSite::new();
    site.write("content/ok.md", "+++\ntitle = \"OK\"\n+++\nFine.\n");
    let out = site.run(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let before = snapshot(&site.public());
    assert!(!before.is_empty());

    // Line 8 of the file holds the bad shape (line 3 of the diagram).
    site.write(
        "content/broken.md",
        "+++\ntitle = \"Broken\"\n+++\nIntro.\n\n```flowzap\nOps { # Ops\n  n1: rect label:\"Start\"\n}\n```\n",
    );
    site.write(
        "content/ok.md",
        "+++\ntitle = \"OK changed\"\n+++\nChanged.\n",
    );
    let out = site.run(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error[FZ001]"), "{err}");
    assert!(err.contains("--> content/broken.md:8:7"), "{err}");
    assert!(err.contains("8 |   n1: rect"), "{err}");
    assert!(err.contains("^^^^"), "{err}");
    assert!(err.contains("nothing written"), "{err}");
    assert_eq!(
        snapshot(&site.public()),
        before,
        "public/ must be unchanged"
    );
    // No staging directory is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("zapdoc-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn errors_from_every_page_are_reported_together() {
    let site = TestSite::new();
    site.write(
        "content/one.md",
        "```flowzap\nOps { # Ops\n  n1: rect label:\"A\"\n}\n```\n",
    );
    site.write("content/two.zh.md", "see [x](@/missing.md)\n");
    site.write("content/three.md", "+++\ntitle = 3\n+++\n");
    let out = site.run(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    // Front matter, diagrams and links are checked in one run: a page
    // that cannot be read hides nobody else's errors.
    assert!(err.contains("--> content/three.md:2:9"), "{err}");
    assert!(err.contains("--> content/one.md:3:7"), "{err}");
    assert!(err.contains("--> content/two.zh.md:1:5"), "{err}");
    assert!(err.contains("3 error(s)"), "{err}");
}

#[test]
fn headings_get_anchor_links_and_external_links_noopener() {
    let site = TestSite::new();
    site.write(
        "content/p.md",
        "## How it works\n\n## How it works\n\n### Custom {#mine}\n\n[out](https://example.org/x) [in](/p/) [own](//cdn.example.org/a.js)\n",
    );
    site.build_ok();
    let html = site.read("p/index.html");
    // The `#` is decoration; the link's name says where it goes.
    assert!(html.contains("<h2 id=\"how-it-works\">How it works <a class=\"anchor\" href=\"#how-it-works\"><span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">Link to this section</span></a></h2>"), "{html}");
    assert!(html.contains("<h2 id=\"how-it-works-1\">"), "{html}");
    assert!(
        html.contains("<h3 id=\"mine\">Custom <a class=\"anchor\" href=\"#mine\""),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"https://example.org/x\" rel=\"noopener\">out</a>"),
        "{html}"
    );
    assert!(html.contains("<a href=\"/p/\">in</a>"), "{html}");
    assert!(
        html.contains("href=\"//cdn.example.org/a.js\" rel=\"noopener\""),
        "{html}"
    );
}

#[test]
fn internal_links_resolve_to_the_readers_language() {
    let site = TestSite::new();
    site.write(
        "content/docs/target.md",
        "+++\ntitle = \"Target\"\n+++\n## Part\n",
    );
    site.write("content/docs/target.zh.md", "+++\ntitle = \"目标\"\n+++\n");
    site.write("content/docs/en-only.md", "+++\ntitle = \"EN only\"\n+++\n");
    let body = "[t](@/docs/target.md#part) [e](@/docs/en-only.md) [z](@/docs/target.zh.md)\n";
    site.write("content/docs/source.md", body);
    site.write("content/docs/source.zh.md", body);
    site.write("content/docs/source.fr.md", body);
    site.build_ok();
    let en = site.read("docs/source/index.html");
    assert!(en.contains("<a href=\"/docs/target/#part\">t</a>"), "{en}");
    let zh = site.read("zh/docs/source/index.html");
    assert!(
        zh.contains("<a href=\"/zh/docs/target/#part\">t</a>"),
        "{zh}"
    );
    assert!(
        zh.contains("<a href=\"/docs/en-only/\">e</a>"),
        "falls back to the default language: {zh}"
    );
    // French has no translation: the default language's page.
    let fr = site.read("fr/docs/source/index.html");
    assert!(fr.contains("<a href=\"/docs/target/#part\">t</a>"), "{fr}");
    // An explicit language suffix picks that language.
    assert!(fr.contains("<a href=\"/zh/docs/target/\">z</a>"), "{fr}");
}

#[test]
fn a_missing_internal_link_target_is_an_error_with_file_and_line() {
    let site = TestSite::new();
    site.write(
        "content/a.md",
        "+++\ntitle = \"A\"\n+++\n\nIntro.\n\nSee [the guide](@/guide/nope.md).\n",
    );
    let errors = site.build_errors();
    assert_eq!(errors.len(), 1);
    let text = errors[0].render(false);
    assert!(
        text.contains("link target `@/guide/nope.md` does not exist"),
        "{text}"
    );
    assert!(text.contains("--> content/a.md:7:5"), "{text}");
}

#[test]
fn a_missing_target_in_raw_html_is_located_too() {
    let site = TestSite::new();
    site.write(
        "content/a.md",
        "Intro.\n\n<p><a href=\"@/nope.md\">x</a></p>\n",
    );
    let errors = site.build_errors();
    assert_eq!(errors[0].path(), Some("content/a.md"));
    assert_eq!(errors[0].line_col().map(|l| l.0), Some(3));
}
