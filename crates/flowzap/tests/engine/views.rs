//! The sequence and architecture views over every diagram we know: zero
//! defects, valid XML, the conventions themes and `svgcheck.mjs` read,
//! escaping, determinism, ids that differ per view, and snapshots of the
//! seeds.

use flowzap::check::{check_architecture, check_sequence};
use flowzap::describe::English;
use flowzap::svg::Options;
use flowzap::{View, architecture, sequence};

use crate::support::{corpus, readable};

fn parse(src: &str) -> flowzap::Diagram {
    let parsed = flowzap::parse(src);
    assert!(!parsed.has_errors(), "{:?}", parsed.diagnostics);
    parsed.diagram
}

fn draw(d: &flowzap::Diagram, src: &str, view: View) -> String {
    let title = view.title(d, &English);
    flowzap::view::render(
        d,
        src,
        view,
        &Options {
            title: &title,
            description: None,
            embed_style: true,
            decorative: false,
        },
        &English,
    )
}

fn defects(d: &flowzap::Diagram) -> Vec<String> {
    let mut out = check_sequence(d, &sequence::layout(d)).defects;
    out.extend(
        check_architecture(d, &architecture::layout(d, &English))
            .defects
            .into_iter()
            .map(|x| format!("architecture: {x}")),
    );
    out
}

fn has_class(n: &roxmltree::Node<'_, '_>, c: &str) -> bool {
    n.attribute("class")
        .is_some_and(|v| v.split(' ').any(|x| x == c))
}

/// What themes, the viewer and `svgcheck.mjs` read, through a real XML
/// parser.
fn check_svg(name: &str, d: &flowzap::Diagram, view: View, svg: &str) {
    let doc = roxmltree::Document::parse(svg)
        .unwrap_or_else(|e| panic!("{name} {view}: invalid XML: {e}"));
    let root = doc.root_element();
    assert_eq!(root.attribute("role"), Some("img"), "{name} {view}");
    assert_eq!(
        root.attribute("class"),
        Some(format!("fz fz-{view}").as_str()),
        "{name}"
    );
    let kids: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(kids[0].tag_name().name(), "title", "{name} {view}");
    assert_eq!(kids[1].tag_name().name(), "desc", "{name} {view}");
    for id in root.attribute("aria-labelledby").unwrap().split(' ') {
        assert!(
            doc.descendants().any(|n| n.attribute("id") == Some(id)),
            "{name} {view}: {id}"
        );
    }
    for n in doc.descendants() {
        let tag = n.tag_name().name();
        assert!(tag != "foreignObject" && tag != "script", "{name} {view}");
    }
    let count = |c: &str| doc.descendants().filter(|n| has_class(n, c)).count();
    let outline = |g: roxmltree::Node<'_, '_>| {
        let first = g.children().find(|n| n.is_element()).unwrap();
        assert!(
            ["rect", "circle", "ellipse", "polygon", "path"].contains(&first.tag_name().name()),
            "{name} {view}: the first shape is the outline"
        );
    };
    match view {
        View::Sequence => {
            assert_eq!(count("fz-node"), d.nodes.len(), "{name}: one step per node");
            assert_eq!(
                count("fz-edge"),
                d.edges.len(),
                "{name}: one message per edge"
            );
            assert_eq!(count("fz-participant"), d.lanes.len(), "{name}");
            assert_eq!(count("fz-lane"), 0, "{name}: no workflow lanes");
            let ids: Vec<&str> = d.nodes.iter().map(|n| n.id.as_str()).collect();
            for g in doc.descendants().filter(|n| has_class(n, "fz-node")) {
                outline(g);
                assert!(ids.contains(&g.attribute("data-node").unwrap()));
            }
            for g in doc.descendants().filter(|n| has_class(n, "fz-edge")) {
                assert!(ids.contains(&g.attribute("data-from").unwrap()), "{name}");
                assert!(ids.contains(&g.attribute("data-to").unwrap()), "{name}");
            }
        }
        View::Architecture => {
            assert_eq!(count("fz-node"), 0, "{name}: no nodes in the architecture");
            assert_eq!(count("fz-edge"), 0, "{name}");
            assert_eq!(count("fz-component"), d.lanes.len(), "{name}");
            assert_eq!(
                count("fz-dependency"),
                architecture::dependencies(d).len(),
                "{name}"
            );
            let lanes: Vec<&str> = d.lanes.iter().map(|l| l.id.as_str()).collect();
            for g in doc.descendants().filter(|n| has_class(n, "fz-component")) {
                outline(g);
                assert!(lanes.contains(&g.attribute("data-lane").unwrap()));
            }
            for g in doc.descendants().filter(|n| has_class(n, "fz-dependency")) {
                assert!(lanes.contains(&g.attribute("data-from").unwrap()), "{name}");
                assert!(lanes.contains(&g.attribute("data-to").unwrap()), "{name}");
            }
        }
        View::Workflow => unreachable!(),
    }
    assert!(
        !svg.contains("href=\"http"),
        "{name}: no external resources"
    );
}

const VIEWS: [View; 2] = [View::Sequence, View::Architecture];

#[test]
fn corpus_diagrams_draw_both_views_without_defects() {
    let mut failures = Vec::new();
    for (name, src) in corpus() {
        let d = parse(&src);
        for view in VIEWS {
            check_svg(&name, &d, view, &draw(&d, &src, view));
        }
        failures.extend(defects(&d).into_iter().map(|x| format!("{name}: {x}")));
    }
    assert!(
        failures.is_empty(),
        "{} defects:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_edge_cases_draw_both_views_without_defects() {
    let src = include_str!("../fixtures/edge-cases.fz");
    let d = parse(src);
    for view in VIEWS {
        check_svg("edge-cases", &d, view, &draw(&d, src, view));
    }
    assert_eq!(defects(&d), Vec::<String>::new());
}

#[test]
fn the_stress_diagram_draws_both_views_without_defects() {
    let src = flowzap::stress::diagram(10, 100);
    let d = parse(&src);
    for view in VIEWS {
        check_svg("stress", &d, view, &draw(&d, &src, view));
    }
    let found = defects(&d);
    assert!(
        found.is_empty(),
        "{} defects, first: {:#?}",
        found.len(),
        &found[..found.len().min(10)]
    );
}

#[test]
fn text_is_escaped_in_both_views() {
    let src = "A { # <b>Lane</b> & \"co\"\nn1: rectangle label:\"<script>alert('x')</script>\"\nn2: diamond label:\"a & b\"\nn1.handle(right) -> n2.handle(left) [label=\"\\\"quoted\\\" <i>\"]\nn2.handle(bottom) -> B.n3.handle(top) [label=\"x<y\"]\nloop [a <b> loop] n1 n2\n}\nB { # db <store>\nn3: rectangle label:\"z\"\n}\n";
    let d = parse(src);
    for view in VIEWS {
        let svg = draw(&d, src, view);
        check_svg("escape", &d, view, &svg);
        assert!(
            !svg.contains("<script>") && !svg.contains("<b>") && !svg.contains("<i>"),
            "{view}"
        );
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let texts: String = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "text")
            .map(|n| n.descendants().filter_map(|t| t.text()).collect::<String>())
            .collect::<String>();
        assert!(texts.contains("<b>Lane</b> & \"co\""), "{view}: {texts}");
        if view == View::Sequence {
            assert!(texts.contains("<script>alert('x')</script>"), "{texts}");
            assert!(texts.contains("\"quoted\" <i>"), "{texts}");
            assert!(texts.contains("loop [a <b> loop]"), "{texts}");
        } else {
            assert!(texts.contains("x<y"), "{texts}");
        }
    }
}

#[test]
fn views_are_deterministic_and_their_ids_differ() {
    let (_, src) = corpus()
        .into_iter()
        .find(|(n, _)| n == "seed-api-key-rotation")
        .unwrap();
    let d = parse(&src);
    let mut ids = std::collections::BTreeSet::new();
    for view in View::ALL {
        let a = draw(&d, &src, view);
        let b = draw(&parse(&src), &src, view);
        assert_eq!(a, b, "{view}");
        let doc = roxmltree::Document::parse(&a).unwrap();
        for id in doc.descendants().filter_map(|n| n.attribute("id")) {
            assert!(
                ids.insert(id.to_string()),
                "{view}: {id} shared with another view"
            );
        }
    }
}

#[test]
fn dark_mode_and_custom_properties_cover_the_new_views() {
    let css = flowzap::svg::stylesheet();
    assert!(css.contains("prefers-color-scheme:dark"));
    for class in [
        "fz-lifeline",
        "fz-fragment-frame",
        "fz-fragment-tab",
        "fz-fragment-label",
        "fz-guard",
        "fz-dependency",
        "fz-store",
        "fz-queue",
        "fz-cap",
    ] {
        let rule = &css[css
            .find(&format!(".{class}"))
            .unwrap_or_else(|| panic!("no rule for {class}"))..];
        let rule = &rule[..rule.find('}').unwrap()];
        assert!(rule.contains("var(--fz-"), "{class}: {rule}");
    }
}

#[test]
fn decorative_copies_of_the_views_are_hidden() {
    let src = "A { # A\nn1: circle label:\"Go\"\nn2: rectangle label:\"Do\"\nn1.handle(right) -> B.n3.handle(left)\n}\nB { # B\nn3: rectangle label:\"x\"\n}\n";
    let d = parse(src);
    for view in VIEWS {
        let svg = flowzap::view::render(
            &d,
            src,
            view,
            &Options {
                title: "T",
                description: None,
                embed_style: false,
                decorative: true,
            },
            &English,
        );
        let open = &svg[..svg.find('>').unwrap()];
        assert!(open.contains("aria-hidden=\"true\"") && !open.contains("role="));
        assert!(!svg.contains("<title") && !svg.contains("<desc"));
        roxmltree::Document::parse(&svg).unwrap();
    }
}

/// The seeds' descriptions say every message in order, and the
/// architecture's say every arrow.
#[test]
fn descriptions_tell_the_views_as_text() {
    let (_, src) = corpus()
        .into_iter()
        .find(|(n, _)| n == "seed-api-key-rotation")
        .unwrap();
    let d = parse(&src);
    let seq = View::Sequence.description(&d, &English);
    assert!(
        seq.starts_with(
            "Sequence diagram with 4 participants (Scheduler, Key Vault, Services, Cleanup) and 18 messages."
        ),
        "{seq}"
    );
    assert!(
        seq.contains("Message 2, Scheduler to Key Vault: Initiate (Trigger rotation job to Generate new API key)."),
        "{seq}"
    );
    assert!(
        seq.contains("Loop, retry up to 3 times: messages 4, 6."),
        "{seq}"
    );
    assert!(
        seq.contains("Alternatives after Key generated?: Yes (message 5), No - Retry (message 6)."),
        "{seq}"
    );
    let arch = View::Architecture.description(&d, &English);
    assert!(
        arch.contains("Cleanup sends to Scheduler: Complete, Failed."),
        "{arch}"
    );
    assert_eq!(
        View::Architecture.title(&d, &English),
        "Architecture diagram: Scheduler, Key Vault, Services, Cleanup"
    );
}

#[test]
fn seeds_snapshot_sequence() {
    for (name, src) in corpus().into_iter().filter(|(n, _)| n.starts_with("seed-")) {
        let svg = draw(&parse(&src), &src, View::Sequence);
        // One element per line, so a change reads as a diff of elements.
        insta::assert_snapshot!(format!("{name}.sequence"), readable(&svg));
    }
}

#[test]
fn seeds_snapshot_architecture() {
    for (name, src) in corpus().into_iter().filter(|(n, _)| n.starts_with("seed-")) {
        let svg = draw(&parse(&src), &src, View::Architecture);
        insta::assert_snapshot!(format!("{name}.architecture"), readable(&svg));
    }
}
