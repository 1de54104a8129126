//! The formatter over every corpus diagram: the graph it describes is the
//! same before and after, and a second run changes nothing.

use crate::support::{examples_dir, fz_files};

#[test]
fn formatting_keeps_the_graph_and_is_idempotent_over_the_corpus() {
    let dir = examples_dir();
    let mut files = fz_files(&dir);
    files.extend(fz_files(&dir.join("warnings")));
    assert!(files.len() >= 25, "{} files", files.len());
    let mut changed = 0;
    for path in files {
        let source = std::fs::read_to_string(&path).unwrap();
        let name = path.display();
        let once = flowzap::format::format(&source)
            .unwrap_or_else(|p| panic!("{name}: {:#?}", p.diagnostics));
        let before = flowzap::graph::to_json(&flowzap::parse(&source).diagram);
        let after = flowzap::parse(&once);
        assert!(!after.has_errors(), "{name}: {:#?}", after.diagnostics);
        assert_eq!(flowzap::graph::to_json(&after.diagram), before, "{name}");
        let twice = flowzap::format::format(&once).unwrap();
        assert_eq!(twice, once, "{name}: a second run changed it");
        changed += usize::from(once != source);
    }
    // The corpus is real-world text: some of it is not canonical.
    assert!(changed > 0);
}

#[test]
fn the_mechanical_fixes_leave_no_fixable_warning() {
    use flowzap::Code;
    let fixable = [
        Code::AttributeEquals,
        Code::EdgeLabelColon,
        Code::HandleCase,
        Code::LaneLabelNextLine,
        Code::LabelLineBrace,
    ];
    for path in fz_files(&examples_dir().join("warnings")) {
        let source = std::fs::read_to_string(&path).unwrap();
        let once = flowzap::format::format(&source).unwrap();
        let left: Vec<Code> = flowzap::parse(&once)
            .diagnostics
            .iter()
            .map(|d| d.code)
            .filter(|c| fixable.contains(c))
            .collect();
        assert!(left.is_empty(), "{}: {left:?}", path.display());
    }
}
