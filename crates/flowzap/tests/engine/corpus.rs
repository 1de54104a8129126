//! The FlowZap corpus in `tests/corpus/`: every valid example
//! parses to the same lanes, nodes and edges that FlowZap's own parser
//! extracts (`*.graph.json`); every invalid one is rejected; every warnings
//! one warns.

use serde_json::Value;

use crate::support::{examples_dir, fz_files};

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

#[test]
fn valid_examples_match_flowzaps_own_graph() {
    let files = fz_files(&examples_dir());
    assert!(
        files.len() >= 20,
        "expected the whole corpus, found {} files",
        files.len()
    );
    for path in files {
        let source = std::fs::read_to_string(&path).unwrap();
        let parsed = flowzap::parse(&source);
        let name = path.display();
        assert!(
            !parsed.has_errors(),
            "{name}: unexpected errors:\n{}",
            parsed
                .errors()
                .map(|d| d.render(&source, &name.to_string(), false))
                .collect::<String>()
        );
        assert_same_graph(&path, &parsed);
    }
}

/// Our graph export agrees with FlowZap's (`*.graph.json` beside `path`) on
/// lanes, nodes and edges, in order.
fn assert_same_graph(path: &std::path::Path, parsed: &flowzap::Parsed) {
    let name = path.display();
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(path.with_extension("graph.json")).unwrap())
            .unwrap();
    let ours: Value = serde_json::from_str(&flowzap::graph::to_json(&parsed.diagram)).unwrap();

    let lanes = |v: &Value| -> Vec<(String, String)> {
        v["lanes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| (s(&l["id"]).to_string(), s(&l["label"]).to_string()))
            .collect()
    };
    assert_eq!(lanes(&ours), lanes(&expected), "{name}: lanes");

    let nodes = |v: &Value| -> Vec<[String; 4]> {
        v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| {
                [s(&n["id"]), s(&n["laneId"]), s(&n["label"]), s(&n["shape"])].map(str::to_string)
            })
            .collect()
    };
    assert_eq!(nodes(&ours), nodes(&expected), "{name}: nodes");

    let edges = |v: &Value| -> Vec<[String; 5]> {
        v["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                [
                    s(&e["from"]),
                    s(&e["to"]),
                    s(&e["sourceHandle"]),
                    s(&e["targetHandle"]),
                    s(&e["label"]),
                ]
                .map(str::to_string)
            })
            .collect()
    };
    assert_eq!(edges(&ours), edges(&expected), "{name}: edges");
}

#[test]
fn invalid_examples_are_rejected_on_the_right_line() {
    let files = fz_files(&examples_dir().join("invalid"));
    assert!(!files.is_empty());
    // The first line each file goes wrong on, read by a person.
    let first_bad_line = |name: &str| match name {
        "mcp-readme-v1-0-2-legacy-invalid.fz" => 3,
        "mcp-syntax-schematic-placeholder.fz" => 2,
        other => panic!("new invalid example {other}: add its expected line here"),
    };
    for path in files {
        let source = std::fs::read_to_string(&path).unwrap();
        let parsed = flowzap::parse(&source);
        let first = parsed
            .errors()
            .next()
            .unwrap_or_else(|| panic!("{}: no error", path.display()));
        let file = path.file_name().unwrap().to_str().unwrap();
        assert_eq!(
            first.line_col(&source).0,
            first_bad_line(file),
            "{file}: {first:?}"
        );
        let out = first.render(&source, file, false);
        assert!(out.starts_with(&format!("error[{}]", first.code)), "{out}");
    }
}

#[test]
fn warning_examples_render_with_warnings() {
    let files = fz_files(&examples_dir().join("warnings"));
    assert!(!files.is_empty());
    for path in files {
        let source = std::fs::read_to_string(&path).unwrap();
        let parsed = flowzap::parse(&source);
        assert!(
            !parsed.has_errors(),
            "{}: {:?}",
            path.display(),
            parsed.diagnostics
        );
        assert!(
            parsed.warnings().count() > 0,
            "{}: no warning",
            path.display()
        );
        if path.with_extension("graph.json").exists() {
            assert_same_graph(&path, &parsed);
        }
    }
}
