//! Themes and Fluent: site templates override theme templates file by
//! file; `t` (with plural-correct arguments and fallback), `url`,
//! `get_page`, `get_section`; missing messages reported once per build.

use crate::support::{TestSite, stderr};

const PLURALS: &str = r#"{% extends "base.html" %}
{% block content %}{% for n in [0, 1, 2, 5] %}[{{ t(key="apples", count=n) }}]{% endfor %}
[{{ t(key="greet", name=page.title) }}]{% endblock content %}
"#;

fn plural_site() -> TestSite {
    let site = TestSite::new();
    site.write(
        "i18n/en.ftl",
        "home = Home\nnot-found = Not found\napples = { $count ->\n    [one] one apple\n   *[other] { $count } apples\n}\ngreet = Hello { $name }\n",
    );
    site.write(
        "i18n/fr.ftl",
        "home = Accueil\nnot-found = Introuvable\napples = { $count ->\n    [one] { $count } pomme\n   *[other] { $count } pommes\n}\ngreet = Bonjour { $name }\n",
    );
    site.write(
        "i18n/zh.ftl",
        "home = 首页\nnot-found = 页面不存在\napples = { $count ->\n   *[other] { $count } 个苹果\n}\n",
    );
    site.write("templates/plurals.html", PLURALS);
    for (file, title) in [("p.md", "Ada"), ("p.zh.md", "阿达"), ("p.fr.md", "Adèle")] {
        site.write(
            &format!("content/{file}"),
            &format!("+++\ntitle = \"{title}\"\ntemplate = \"plurals.html\"\n+++\n"),
        );
    }
    site
}

#[test]
fn t_is_plural_correct_in_each_language() {
    let site = plural_site();
    let summary = site.build_ok();
    let en = site.read("p/index.html");
    assert!(
        en.contains("[0 apples][one apple][2 apples][5 apples]"),
        "{en}"
    );
    assert!(en.contains("[Hello Ada]"), "{en}");
    let fr = site.read("fr/p/index.html");
    assert!(
        fr.contains("[0 pomme][1 pomme][2 pommes][5 pommes]"),
        "{fr}"
    );
    assert!(fr.contains("[Bonjour Adèle]"), "no isolation marks: {fr}");
    let zh = site.read("zh/p/index.html");
    assert!(
        zh.contains("[0 个苹果][1 个苹果][2 个苹果][5 个苹果]"),
        "{zh}"
    );
    // `greet` is missing in zh: the English text, reported once.
    assert!(zh.contains("[Hello 阿达]"), "{zh}");
    let missing: Vec<_> = summary
        .warnings
        .iter()
        .filter(|w| w.message().contains("`greet`"))
        .collect();
    assert_eq!(missing.len(), 1, "{:?}", summary.warnings);
    assert_eq!(missing[0].path(), Some("i18n/zh.ftl"));
}

#[test]
fn missing_messages_are_reported_once_and_denied_on_request() {
    let site = TestSite::new();
    site.write("i18n/fr.ftl", "not-found = Introuvable\n");
    for i in 0..5 {
        site.write(&format!("content/p{i}.fr.md"), "x\n");
    }
    let out = site.run(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.matches("message `home` is missing").count(), 1, "{err}");
    assert!(err.contains("i18n/fr.ftl"), "{err}");
    assert!(
        site.read("fr/p0/index.html").contains(">Home</a>"),
        "falls back to English"
    );

    std::fs::remove_dir_all(site.public()).unwrap();
    let out = site.run(&["--deny-warnings"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("denied by --deny-warnings"));
    assert!(!site.public().exists(), "nothing written");
}

#[test]
fn fluent_syntax_errors_are_located() {
    let site = TestSite::new();
    site.write("i18n/zh.ftl", "home = 首页\nbroken = {\n");
    site.write("content/_index.md", "Home.\n");
    let errors = site.build_errors();
    assert_eq!(errors[0].path(), Some("i18n/zh.ftl"));
    let text = errors[0].render(false);
    assert!(text.contains("--> i18n/zh.ftl:2:"), "{text}");
    assert!(text.contains("broken = {"), "{text}");
}

#[test]
fn site_templates_override_theme_templates_file_by_file() {
    let site = TestSite::new();
    site.write("templates/page.html", "{% extends \"base.html\" %}{% block content %}OVERRIDE {{ page.title }}{% endblock content %}");
    site.write("content/a.md", "+++\ntitle = \"A\"\n+++\n");
    site.build_ok();
    let html = site.read("a/index.html");
    assert!(html.contains("OVERRIDE A"), "{html}");
    assert!(
        html.contains("<html lang=\"en\">"),
        "the theme's base.html still applies: {html}"
    );
}

#[test]
fn url_get_page_and_get_section_follow_the_language() {
    let site = TestSite::new();
    site.write(
        "templates/page.html",
        r#"{% extends "base.html" %}{% block content %}
[{{ url(path="@/docs/b.md") }}][{{ url(path="/docs/") }}][{{ url(path="app.js", asset=true) }}]
{% set b = get_page(path="docs/b.md") %}[{{ b.title }}|{{ b.lang }}]
{% set s = get_section(path="docs/_index.md") %}[{{ s.title }}:{% for p in s.pages %}{{ p.title }},{% endfor %}]
[{% for tr in translations %}{{ tr.lang }}={{ tr.url }};{% endfor %}][{{ lang }}|{{ config.title }}]
{% endblock content %}"#,
    );
    site.write("content/docs/_index.md", "+++\ntitle = \"Docs\"\n+++\n");
    site.write("content/docs/_index.zh.md", "+++\ntitle = \"文档\"\n+++\n");
    site.write("content/docs/a.md", "+++\ntitle = \"A\"\nweight = 1\n+++\n");
    site.write(
        "content/docs/a.zh.md",
        "+++\ntitle = \"甲\"\nweight = 1\n+++\n",
    );
    site.write("content/docs/b.md", "+++\ntitle = \"B\"\nweight = 2\n+++\n");
    site.build_ok();
    let zh = site.read("zh/docs/a/index.html");
    assert!(zh.contains("[/docs/b/][/zh/docs/][/app.js]"), "{zh}");
    assert!(zh.contains("[B|en]"), "untranslated page falls back: {zh}");
    assert!(zh.contains("[文档:甲,]"), "{zh}");
    assert!(
        zh.contains("[en=/docs/a/;zh=/zh/docs/a/;][zh|Test Site]"),
        "{zh}"
    );
    let en = site.read("docs/a/index.html");
    assert!(en.contains("[Docs:A,B,]"), "sorted by weight: {en}");
}

#[test]
fn template_errors_name_the_template_file_and_line() {
    let site = TestSite::new();
    site.write("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ page.nope.deeper }}\n{% endblock content %}");
    site.write("content/a.md", "x\n");
    let errors = site.build_errors();
    let text = errors[0].render(false);
    assert!(text.contains("templates/page.html:3:"), "{text}");
    assert!(
        text.contains("content/a.md"),
        "names the page being rendered: {text}"
    );
}

#[test]
fn a_template_mistake_met_on_every_page_is_reported_once() {
    let site = TestSite::new();
    site.write("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ page.nope.deeper }}\n{% endblock content %}");
    for name in ["a", "b", "c"] {
        site.write(&format!("content/{name}.md"), "x\n");
    }
    let errors = site.build_errors();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let text = errors[0].render(false);
    assert!(
        text.starts_with("error: template error: Field `nope`"),
        "{text}"
    );
    assert!(text.contains("and 2 more time(s)"), "{text}");
}

#[test]
fn unknown_filters_are_each_located_in_the_theme_file() {
    let site = TestSite::new();
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ page.title | shout }}\n<p>{{ page.title | shout }}</p>\n{% endblock content %}",
    );
    site.write("content/a.md", "x\n");
    let texts: Vec<String> = site
        .build_errors()
        .iter()
        .map(|e| e.render(false))
        .collect();
    assert_eq!(texts.len(), 2, "{texts:#?}");
    assert!(
        texts[0].starts_with("error: template error: Unknown filter `shout`"),
        "{}",
        texts[0]
    );
    assert!(!texts[0].contains("error: error"), "{}", texts[0]);
    assert!(texts[0].contains("templates/page.html:3:"), "{}", texts[0]);
    assert!(texts[1].contains("templates/page.html:4:"), "{}", texts[1]);
}
