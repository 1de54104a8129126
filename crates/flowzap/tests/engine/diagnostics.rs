//! One test per diagnostic: a small input, the code it must produce, and
//! the line and column the diagnostic points at.

use flowzap::{Code, Severity};

/// Parse `src` and assert a diagnostic `code` at `line`:`col`.
#[track_caller]
fn expect(src: &str, code: Code, line: usize, col: usize) {
    let parsed = flowzap::parse(src);
    let found = parsed.diagnostics.iter().find(|d| d.code == code);
    let Some(d) = found else {
        panic!("expected {code} in:\n{src}\ngot: {:#?}", parsed.diagnostics);
    };
    assert_eq!(
        d.line_col(src),
        (line, col),
        "{code} position; all: {:#?}",
        parsed.diagnostics
    );
    let rendered = d.render(src, "t.fz", false);
    let kind = if code.severity() == Severity::Error {
        "error"
    } else {
        "warning"
    };
    assert!(
        rendered.starts_with(&format!("{kind}[{code}]: ")),
        "{rendered}"
    );
    assert!(
        rendered.contains(&format!("--> t.fz:{line}:{col}")),
        "{rendered}"
    );
    if code.severity() == Severity::Warning {
        assert!(
            !parsed.has_errors(),
            "a warning case must still render: {:#?}",
            parsed.diagnostics
        );
    }
}

#[track_caller]
fn hint_of(src: &str, code: Code) -> String {
    flowzap::parse(src)
        .diagnostics
        .into_iter()
        .find(|d| d.code == code)
        .and_then(|d| d.hint)
        .unwrap_or_default()
}

const OK2: &str = "A { # A\nn1: circle label:\"a\"\nn2: rectangle label:\"b\"\nn1.handle(right) -> n2.handle(left)\n}\n";

#[test]
fn baseline_is_clean() {
    let p = flowzap::parse(OK2);
    assert!(p.diagnostics.is_empty(), "{:#?}", p.diagnostics);
}

#[test]
fn fz001_unknown_shape() {
    let src = "A { # A\n  n1: rect label:\"a\"\n}\n";
    expect(src, Code::UnknownShape, 2, 7);
    assert_eq!(
        hint_of(src, Code::UnknownShape),
        "did you mean `rectangle`?"
    );
    assert_eq!(
        hint_of("A { # A\nn1: Diamond\n}", Code::UnknownShape),
        "did you mean `diamond`?"
    );
}

#[test]
fn fz002_invalid_node_id() {
    expect(
        "A { # A\nstart: circle label:\"a\"\n}\n",
        Code::InvalidNodeId,
        2,
        1,
    );
}

#[test]
fn fz003_duplicate_node_points_at_both() {
    let src = "A { # A\nn1: circle\nn2: circle\nn1.handle(right) -> n2.handle(left)\n}\nB { # B\nn1: circle\n}\n";
    expect(src, Code::DuplicateNode, 7, 1);
    let d = flowzap::parse(src)
        .diagnostics
        .into_iter()
        .find(|d| d.code == Code::DuplicateNode)
        .unwrap();
    assert_eq!(
        flowzap::diagnostic::line_col(src, d.related[0].span.start),
        (2, 1)
    );
    assert!(d.render(src, "t.fz", false).contains("first declared here"));
}

#[test]
fn fz005_missing_handle() {
    let src = "A { # A\nn1: circle\nn2: circle\nn1 -> n2.handle(left)\n}\n";
    expect(src, Code::MissingHandle, 4, 1);
    assert!(hint_of(src, Code::MissingHandle).contains("n1.handle(right)"));
}

#[test]
fn fz006_invalid_handle() {
    let src = "A { # A\nn1: circle\nn2: circle\nn1.handle(up) -> n2.handle(left)\n}\n";
    expect(src, Code::InvalidHandle, 4, 11);
    assert!(hint_of(src, Code::InvalidHandle).starts_with("did you mean `top`?"));
}

#[test]
fn fz007_undefined_node() {
    expect(
        "A { # A\nn1: circle\nn1.handle(right) -> n9.handle(left)\n}\n",
        Code::UndefinedNode,
        3,
        21,
    );
}

#[test]
fn fz008_missing_lane_prefix() {
    let src = "A { # A\nn1: circle\nn1.handle(bottom) -> n2.handle(top)\n}\nBilling { # B\nn2: circle\n}\n";
    expect(src, Code::MissingLanePrefix, 3, 22);
    assert_eq!(hint_of(src, Code::MissingLanePrefix), "write `Billing.n2`");
}

#[test]
fn fz009_unknown_lane() {
    let src = "A { # A\nn1: circle\nn1.handle(bottom) -> Biling.n2.handle(top)\n}\nBilling { # B\nn2: circle\n}\n";
    expect(src, Code::UnknownLane, 3, 22);
    assert_eq!(hint_of(src, Code::UnknownLane), "did you mean `Billing`?");
}

#[test]
fn fz010_wrong_lane_prefix() {
    let src = "A { # A\nn1: circle\nn1.handle(bottom) -> C.n2.handle(top)\n}\nB { # B\nn2: circle\n}\nC { # C\nn3: circle\n}\n";
    expect(src, Code::WrongLanePrefix, 3, 22);
    assert_eq!(hint_of(src, Code::WrongLanePrefix), "write `B.n2`");
}

#[test]
fn fz011_loop_too_short() {
    expect(
        "A { # A\nn1: circle\nn2: circle\nn1.handle(right) -> n2.handle(left)\nloop [again] n1\n}\n",
        Code::LoopTooShort,
        5,
        1,
    );
}

#[test]
fn fz012_loop_unknown_node() {
    expect(
        "A { # A\nn1: circle\nn2: circle\nn1.handle(right) -> n2.handle(left)\nloop [again] n1 n7\n}\n",
        Code::LoopUnknownNode,
        5,
        17,
    );
}

#[test]
fn fz013_unclosed_lane() {
    expect(
        "A { # A\nn1: circle\nn2: circle\nn1.handle(right) -> n2.handle(left)\n",
        Code::UnclosedLane,
        1,
        1,
    );
}

#[test]
fn fz014_unexpected_close_brace() {
    expect(
        "A { # A\nn1: circle\n}\n}\n",
        Code::UnexpectedCloseBrace,
        4,
        1,
    );
}

#[test]
fn fz015_nested_lane() {
    expect(
        "A { # A\nn1: circle\nB { # B\nn2: circle\n}\n",
        Code::NestedLane,
        3,
        1,
    );
}

#[test]
fn a_nested_lane_is_reported_once_not_again_at_the_last_brace() {
    let p = flowzap::parse(
        "A { # A\nn1: circle\nB { # B\nn2: circle\n}\nn1.handle(right) -> n1.handle(left)\n}\n",
    );
    let codes: Vec<Code> = p.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::NestedLane], "{:#?}", p.diagnostics);
}

#[test]
fn headlines_shorten_hostile_names() {
    let long = "L".repeat(200_000);
    let src = format!("A {{ # A\nn1: circle\nn1.handle(bottom) -> {long}.n2.handle(top)\n}}\n");
    let p = flowzap::parse(&src);
    let d = p
        .diagnostics
        .iter()
        .find(|d| d.code == Code::UnknownLane)
        .unwrap();
    assert!(d.message.chars().count() < 80, "{}", d.message.len());
    assert!(d.message.ends_with("…`"), "{}", &d.message[..60]);
}

#[test]
fn numbering_compares_ids_as_text() {
    let gap = |ids: &[&str]| -> Option<String> {
        let mut src = String::from("A { # A\n");
        for id in ids {
            src.push_str(&format!("{id}: circle\n"));
        }
        for w in ids.windows(2) {
            src.push_str(&format!(
                "{}.handle(right) -> {}.handle(left)\n",
                w[0], w[1]
            ));
        }
        src.push_str("}\n");
        let p = flowzap::parse(&src);
        assert!(!p.has_errors(), "{:#?}", p.diagnostics);
        p.diagnostics
            .iter()
            .find(|d| d.code == Code::NumberingGap)
            .map(|d| d.message.clone())
    };
    assert_eq!(gap(&["n1", "n2"]), None);
    assert_eq!(gap(&["n2", "n1"]), None, "order does not matter");
    let m = gap(&["n0", "n00"]).unwrap();
    assert!(m.contains("`n0` stands where `n1` is missing"), "{m}");
    let m = gap(&["n1", "n18446744073709551616"]).unwrap();
    assert!(m.contains("where `n2` is missing"), "{m}");
}

#[test]
fn diagnostics_stop_at_a_cap_errors_first() {
    let mut src = String::from("A { # A\n");
    for i in 1..=2_000 {
        src.push_str(&format!("n{i}: circle label:\"x\" colour:\"red\"\n"));
    }
    src.push_str("n1: hexagon\n}\n");
    let p = flowzap::parse(&src);
    assert_eq!(p.diagnostics.len(), flowzap::MAX_DIAGNOSTICS);
    assert!(p.has_errors(), "the error after 2,000 warnings is kept");
    assert_eq!(p.omitted, 2_000 + 2 - flowzap::MAX_DIAGNOSTICS);
    let positions: Vec<usize> = p.diagnostics.iter().map(|d| d.span.start).collect();
    assert!(
        positions.windows(2).all(|w| w[0] <= w[1]),
        "sorted by position"
    );
}

#[test]
fn fz016_outside_lane() {
    expect(
        "n1: circle label:\"a\"\nA { # A\n}\n",
        Code::OutsideLane,
        1,
        1,
    );
}

#[test]
fn fz017_foreign_syntax() {
    expect("graph TD\n  A --> B\n", Code::ForeignSyntax, 1, 1);
    expect("A { # A\n  x --> y\n}\n", Code::ForeignSyntax, 2, 3);
    expect("sequenceDiagram\n", Code::ForeignSyntax, 1, 1);
    expect("@startuml\nA -> B\n@enduml\n", Code::ForeignSyntax, 1, 1);
    expect("```flowzap\nA { # A\n}\n", Code::ForeignSyntax, 1, 1);
    let d = flowzap::parse("flowchart LR\n").diagnostics;
    assert!(d[0].message.contains("Mermaid"), "{d:?}");
}

#[test]
fn fz018_chained_edge() {
    expect(
        "A { # A\nn1: circle\nn1.handle(right) -> n2.handle(left) -> n3.handle(left)\n}\n",
        Code::ChainedEdge,
        3,
        37,
    );
}

#[test]
fn fz019_unterminated_string() {
    expect(
        "A { # A\nn1: circle label:\"open\n}\n",
        Code::UnterminatedString,
        2,
        18,
    );
}

#[test]
fn fz020_unrecognized_line() {
    expect("A { # A\nthis is prose\n}\n", Code::UnrecognizedLine, 2, 1);
}

#[test]
fn fz021_empty_diagram() {
    expect("\n   \n\n", Code::EmptyDiagram, 1, 1);
    expect("", Code::EmptyDiagram, 1, 1);
}

#[test]
fn fz022_invalid_lane_id() {
    let src = "Sales Team { # Sales\n}\n";
    expect(src, Code::InvalidLaneId, 1, 1);
    assert!(hint_of(src, Code::InvalidLaneId).contains("`SalesTeam { # Sales Team`"));
}

#[test]
fn fz101_attribute_equals() {
    let src =
        "A { # A\nn1: circle label=\"a\"\nn2: circle\nn1.handle(right) -> n2.handle(left)\n}\n";
    expect(src, Code::AttributeEquals, 2, 12);
    assert_eq!(flowzap::parse(src).diagram.nodes[0].label, "a");
}

#[test]
fn fz102_edge_label_colon() {
    let src =
        "A { # A\nn1: circle\nn2: circle\nn1.handle(right) -> n2.handle(left) [label:\"x\"]\n}\n";
    expect(src, Code::EdgeLabelColon, 4, 38);
    assert_eq!(
        flowzap::parse(src).diagram.edges[0].label.as_deref(),
        Some("x")
    );
}

#[test]
fn fz103_lane_label_next_line() {
    let src = "A {\n  # Alpha\nn1: circle\nn2: circle\nn1.handle(right) -> n2.handle(left)\n}\n";
    expect(src, Code::LaneLabelNextLine, 2, 3);
    assert_eq!(flowzap::parse(src).diagram.lanes[0].label, "Alpha");
}

#[test]
fn fz104_lane_label_missing() {
    let src = "A {\nn1: circle\nn2: circle\nn1.handle(right) -> n2.handle(left)\n}\n";
    expect(src, Code::LaneLabelMissing, 1, 1);
    assert_eq!(flowzap::parse(src).diagram.lanes[0].label, "A");
}

#[test]
fn fz105_comment() {
    expect(
        "// the order flow\nA { # A\nn1: circle\nn2: circle\nn1.handle(right) -> n2.handle(left)\n}\n",
        Code::Comment,
        1,
        1,
    );
    // A `#` note inside a lane is skipped the same way.
    let src = "A { # A\n  # the happy path\nn1: circle\nn2: circle\nn1.handle(right) -> n2.handle(left)\n}\n";
    expect(src, Code::Comment, 2, 3);
    let p = flowzap::parse(src);
    assert_eq!(p.diagram.lanes[0].label, "A");
    assert_eq!(p.diagram.nodes.len(), 2);
}

#[test]
fn fz106_empty_lane_one_line() {
    expect(&format!("{OK2}B {{ }}\n"), Code::EmptyLaneOneLine, 6, 1);
    let p = flowzap::parse(&format!("{OK2}B {{}}\n"));
    assert_eq!(p.diagram.lanes[1].id, "B");
    assert!(!p.has_errors());
}

#[test]
fn fz107_numbering_gap() {
    expect(
        "A { # A\nn1: circle\nn3: circle\nn1.handle(right) -> n3.handle(left)\n}\n",
        Code::NumberingGap,
        3,
        1,
    );
}

#[test]
fn fz108_unknown_attribute() {
    let src =
        "A { # A\nn1: circle colour:\"red\"\nn2: circle\nn1.handle(right) -> n2.handle(left)\n}\n";
    expect(src, Code::UnknownAttribute, 2, 12);
    assert!(
        hint_of("A { # A\nn1: circle lable:\"x\"\n}", Code::UnknownAttribute)
            .starts_with("did you mean `label`?")
    );
}

#[test]
fn fz109_long_label() {
    let long = "x".repeat(51);
    expect(
        &format!(
            "A {{ # A\nn1: circle label:\"{long}\"\nn2: circle\nn1.handle(right) -> n2.handle(left)\n}}\n"
        ),
        Code::LongLabel,
        2,
        18,
    );
}

#[test]
fn fz110_special_characters() {
    let src = "A { # A\nn1: circle label:\"go \u{1F680}\"\nn2: circle label:\"a\u{7}b\"\nn1.handle(right) -> n2.handle(left)\n}\n";
    expect(src, Code::SpecialCharacters, 2, 18);
    assert_eq!(
        flowzap::parse(src).diagram.nodes[1].label,
        "ab",
        "control characters are dropped"
    );
}

#[test]
fn fz111_orphan_node() {
    expect(
        "A { # A\nn1: circle\nn2: circle\nn3: circle\nn1.handle(right) -> n2.handle(left)\n}\n",
        Code::OrphanNode,
        4,
        1,
    );
}

#[test]
fn fz113_lane_reopened() {
    // The statements of the second block join the first lane: no "not in
    // this lane" errors for edges between them.
    let src = "A { # A\nn1: circle\n}\nB { # B\nn2: circle\n}\nA {\nn3: rectangle\nn1.handle(right) -> n3.handle(left)\nn3.handle(bottom) -> B.n2.handle(top)\n}\n";
    expect(src, Code::LaneReopened, 7, 1);
    let p = flowzap::parse(src);
    assert_eq!(p.diagram.lanes.len(), 2);
    assert_eq!(p.diagram.nodes[2].lane, 0);
    assert_eq!(p.diagram.edges.len(), 2);
    assert!(
        !p.diagnostics
            .iter()
            .any(|d| d.code == Code::LaneLabelMissing),
        "{:#?}",
        p.diagnostics
    );
}

#[test]
fn fz114_handle_case() {
    let src = "A { # A\nn1: circle\nn2: circle\nn1.handle(Right) -> n2.handle(LEFT)\n}\n";
    expect(src, Code::HandleCase, 4, 11);
    let p = flowzap::parse(src);
    let e = &p.diagram.edges[0];
    assert_eq!(
        (e.from_handle.as_str(), e.to_handle.as_str()),
        ("right", "left")
    );
    assert_eq!(hint_of(src, Code::HandleCase), "write `.handle(right)`");
}

#[test]
fn fz115_label_line_brace() {
    // FlowZap keeps `Sales { # internal SLA 48h }` open: the next lines are
    // its content, and the next `}` closes it.
    let src = "Sales { # internal SLA 48h }\nn1: circle label:\"a\"\nn2: circle label:\"b\"\nn1.handle(right) -> n2.handle(left)\n}\n";
    expect(src, Code::LabelLineBrace, 1, 28);
    let p = flowzap::parse(src);
    assert_eq!(p.diagram.lanes[0].label, "internal SLA 48h");
    assert_eq!(p.diagram.nodes.len(), 2);
    // Followed by another lane (or the end), it is an empty lane.
    let src = format!("B {{ # Beta }}\n{OK2}C {{ # Gamma }}\n");
    let p = flowzap::parse(&src);
    assert!(!p.has_errors(), "{:#?}", p.diagnostics);
    let ids: Vec<&str> = p.diagram.lanes.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["B", "A", "C"]);
    assert_eq!(p.diagram.lanes[2].label, "Gamma");
}

#[test]
fn every_code_has_a_test_above() {
    let me = include_str!("diagnostics.rs");
    for code in Code::ALL {
        let name = format!("fn {}_", code.as_str().to_lowercase());
        assert!(me.contains(&name), "no test for {code}");
    }
}

#[test]
fn reports_every_problem_in_one_pass() {
    let src = "A { # A\nn1: rect\nn2: circle\nn1.handle(up) -> n2.handle(left)\nn2.handle(right) -> n9.handle(left)\n}\n";
    let p = flowzap::parse(src);
    let codes: Vec<Code> = p.errors().map(|d| d.code).collect();
    assert!(codes.contains(&Code::UnknownShape), "{codes:?}");
    assert!(codes.contains(&Code::InvalidHandle), "{codes:?}");
    assert!(codes.contains(&Code::UndefinedNode), "{codes:?}");
}

#[test]
fn unicode_ids_labels_and_escapes() {
    let src = "审批 { # 审批流程\nn1: circle label:\"开始\"\nn2: rectangle label:\"Dire \\\"oui\\\" \\\\ à l'équipe\"\nn1.handle(right) -> n2.handle(left) [label=\"通过\"]\nn2.handle(bottom) -> Équipe.n3.handle(top)\n}\nÉquipe { # Équipe\nn3: diamond label:\"Validé ?\"\n}\n";
    let p = flowzap::parse(src);
    assert!(p.diagnostics.is_empty(), "{:#?}", p.diagnostics);
    assert_eq!(p.diagram.lanes[0].id, "审批");
    assert_eq!(p.diagram.nodes[1].label, "Dire \"oui\" \\ à l'équipe");
    assert_eq!(p.diagram.edges[0].label.as_deref(), Some("通过"));
    assert_eq!(p.diagram.nodes[2].lane, 1);
}

#[test]
fn crlf_and_forward_references() {
    let src = "A { # A\r\nn1: circle\r\nn1.handle(right) -> n2.handle(left)\r\nn2: rectangle label:\"later\"\r\n}\r\n";
    let p = flowzap::parse(src);
    assert!(p.diagnostics.is_empty(), "{:#?}", p.diagnostics);
    assert_eq!(p.diagram.nodes[1].label, "later");
}

#[test]
fn taskbox_attributes() {
    let src = "A { # A\nn1: taskbox label:\"Review|Sign\" owner:\"Ann\" description:\"Check it\" system:\"ERP\"\nn2: circle\nn1.handle(right) -> n2.handle(left)\n}\n";
    let p = flowzap::parse(src);
    assert!(p.diagnostics.is_empty(), "{:#?}", p.diagnostics);
    let n = &p.diagram.nodes[0];
    assert_eq!(
        (
            n.owner.as_deref(),
            n.description.as_deref(),
            n.system.as_deref()
        ),
        (Some("Ann"), Some("Check it"), Some("ERP"))
    );
}

#[test]
fn the_docs_table_lists_every_code() {
    let table = include_str!("../../DIAGNOSTICS.md");
    for code in Code::ALL {
        let kind = if code.severity() == Severity::Error {
            "error"
        } else {
            "warning"
        };
        let row = format!("| {code} | {kind} | {} |", code.summary());
        assert!(
            table.lines().any(|l| l == row),
            "DIAGNOSTICS.md lacks the row `{row}`"
        );
    }
    // And lists nothing else as live: every row of the first table is a code.
    let live = table
        .split("## Retired codes")
        .next()
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("| FZ"))
        .count();
    assert_eq!(live, Code::ALL.len(), "rows in the live table");
}

#[test]
fn fz023_too_large() {
    let mut src = String::from("A { # A\n");
    for i in 1..=flowzap::MAX_NODES + 5 {
        src.push_str(&format!("n{i}: circle\n"));
    }
    src.push_str("}\n");
    expect(&src, Code::TooLarge, flowzap::MAX_NODES + 2, 1);
    let p = flowzap::parse(&src);
    assert_eq!(p.errors().filter(|d| d.code == Code::TooLarge).count(), 1);
}

#[test]
fn bidirectional_controls_are_dropped_from_labels_with_a_warning() {
    let src = "A { # A\nn1: circle label:\"\u{202e}gnp.exe\"\nn2: circle label:\"x\u{2067}y\u{2069}\"\nn1.handle(right) -> n2.handle(left)\n}\n";
    let p = flowzap::parse(src);
    assert!(!p.has_errors());
    assert_eq!(p.diagram.nodes[0].label, "gnp.exe");
    assert_eq!(p.diagram.nodes[1].label, "xy");
    let d = p
        .diagnostics
        .iter()
        .find(|d| d.code == Code::SpecialCharacters)
        .unwrap();
    assert_eq!(d.message, "label holds bidirectional control characters");
    let svg = flowzap::render_svg(&p.diagram, src);
    assert!(!svg.contains('\u{202e}') && !svg.contains('\u{2067}'));
}
