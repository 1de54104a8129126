//! The three views from an author's side: `zapdoc render --view`, a fence
//! choosing its view with ```` ```flowzap view=… ````, an unknown view
//! reported by `zapdoc check` with its file and line, and a template page
//! showing its diagram in the three views.

use crate::support::{DIAGRAM, TestSite, stderr, zapdoc_command};
use std::process::Output;

const CROSS: &str = "Web { # Web\n  n1: circle label:\"Start\"\n  n2: rectangle label:\"Send\"\n  n1.handle(right) -> n2.handle(left)\n  n2.handle(bottom) -> Db.n3.handle(top) [label=\"Save\"]\n}\nDb { # Orders database\n  n3: rectangle label:\"Write\"\n  n3.handle(top) -> Web.n2.handle(bottom) [label=\"OK\"]\n}\n";

fn zapdoc(args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = zapdoc_command()
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run zapdoc");
    // A usage error exits before reading: the pipe may be closed by then.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn root_class(svg: &str) -> String {
    let doc = roxmltree::Document::parse(svg).expect("valid XML");
    doc.root_element()
        .attribute("class")
        .unwrap_or_default()
        .to_string()
}

#[test]
fn render_draws_the_view_asked_for() {
    for (view, class) in [
        (None, "fz fz-workflow"),
        (Some("workflow"), "fz fz-workflow"),
        (Some("sequence"), "fz fz-sequence"),
        (Some("architecture"), "fz fz-architecture"),
    ] {
        let mut args = vec!["render", "-"];
        if let Some(v) = view {
            args.extend(["--view", v]);
        }
        let out = zapdoc(&args, CROSS);
        assert_eq!(out.status.code(), Some(0), "{view:?}");
        let svg = String::from_utf8(out.stdout).unwrap();
        assert_eq!(root_class(&svg), class, "{view:?}");
        assert!(
            svg.contains("<style>"),
            "a standalone file embeds its style"
        );
    }
    let arch = String::from_utf8(zapdoc(&["render", "-", "--view", "architecture"], CROSS).stdout)
        .unwrap();
    assert!(arch.contains("class=\"fz-component fz-store\" data-lane=\"Db\""));
    // JSON is the graph whatever the view.
    let json = zapdoc(&["render", "-", "--format", "json"], CROSS).stdout;
    let json_seq = zapdoc(
        &["render", "-", "--format", "json", "--view", "sequence"],
        CROSS,
    )
    .stdout;
    assert_eq!(json, json_seq);
    // A view that does not exist is a usage error, naming the views.
    let out = zapdoc(&["render", "-", "--view", "swimlane"], CROSS);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("sequence") && err.contains("architecture"),
        "{err}"
    );
}

fn page(site: &TestSite, rel: &str, body: &str) {
    site.write(
        &format!("{rel}.md"),
        &format!("+++\ntitle = \"Page\"\n+++\n{body}"),
    );
}

fn home(site: &TestSite) {
    site.write_translated("content/_index", "+++\ntitle = \"Home\"\n+++\n");
}

#[test]
fn a_fence_chooses_its_view() {
    let site = TestSite::new();
    home(&site);
    page(
        &site,
        "content/seq",
        &format!(
            "```flowzap view=sequence\n{CROSS}```\n\n```flowzap view=architecture\n{CROSS}```\n\n```flowzap\n{CROSS}```\n"
        ),
    );
    site.build_ok();
    let html = site.read("seq/index.html");
    let classes: Vec<&str> = html
        .match_indices("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"")
        .map(|(i, m)| {
            let rest = &html[i + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    assert_eq!(
        classes,
        ["fz fz-sequence", "fz fz-architecture", "fz fz-workflow"]
    );
    assert!(
        !html.contains("fz-views"),
        "only templates get the switcher"
    );
}

#[test]
fn an_unknown_view_is_an_error_with_file_and_line() {
    let site = TestSite::new();
    home(&site);
    page(
        &site,
        "content/bad",
        &format!("Intro.\n\n```flowzap view=swimlane\n{DIAGRAM}```\n"),
    );
    let out = site.check(&["--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let item = json
        .as_array()
        .unwrap()
        .iter()
        .find(|i| {
            i["message"]
                .as_str()
                .is_some_and(|m| m.contains("unknown diagram view `swimlane`"))
        })
        .unwrap_or_else(|| panic!("no unknown-view error: {json:#}"));
    assert_eq!(item["severity"].as_str(), Some("error"));
    assert_eq!(item["file"].as_str(), Some("content/bad.md"));
    // Front matter (3 lines), "Intro.", a blank line, then the fence.
    assert_eq!(item["line"].as_u64(), Some(6));
    assert_eq!(item["column"].as_u64(), Some(12));
    let out = site.check(&[]);
    let err = stderr(&out);
    assert!(err.contains("--> content/bad.md:6:12"), "{err}");
    assert!(
        err.contains("`sequence`"),
        "the hint names the views: {err}"
    );
    let errors = site.build_errors();
    assert!(
        errors
            .iter()
            .any(|e| e.message().contains("unknown diagram view")),
        "the build fails too"
    );
}

#[test]
fn a_template_shows_its_diagram_in_three_views() {
    let site = TestSite::new();
    home(&site);
    site.write_translated(
        "content/templates/_index",
        "+++\ntitle = \"Templates\"\n+++\n",
    );
    site.write_translated(
        "content/templates/orders",
        &format!(
            "+++\ntitle = \"Orders\"\ncategory = \"patterns\"\n+++\n```flowzap\n{CROSS}```\n\nAnd a second one:\n\n```flowzap\n{DIAGRAM}```\n"
        ),
    );
    site.build_ok();
    let html = site.read("fr/templates/orders/index.html");
    let block = &html[html.find("<div class=\"fz-views\">").expect("a switcher")..];
    let block = &block[..block.find("\n</div>\n").unwrap()];
    for (id, class, name) in [
        ("workflow", "fz fz-workflow", "Flux de travail"),
        ("sequence", "fz fz-sequence", "Séquence"),
        ("architecture", "fz fz-architecture", "Architecture"),
    ] {
        let at = block
            .find(&format!("<section class=\"fz-view\" id=\"{id}\""))
            .unwrap_or_else(|| panic!("no {id} section"));
        let section = &block[at..];
        let section = &section[..section.find("</section>").unwrap()];
        assert!(section.contains(&format!("aria-label=\"{name}\"")), "{id}");
        assert!(section.contains(&format!("class=\"{class}\"")), "{id}");
        assert!(
            section.contains(&format!(
                "<a href=\"#{id}\" aria-current=\"true\">{name}</a>"
            )),
            "{section}"
        );
    }
    // The description of each view is in the page's language.
    assert!(block.contains("Diagramme de séquence"), "French wording");
    // Only the first diagram gets the switcher.
    assert_eq!(html.matches("<div class=\"fz-views\">").count(), 1);
    assert_eq!(html.matches("class=\"fz fz-workflow\"").count(), 2);
}
