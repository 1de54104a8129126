//! `zapdoc fmt` through the binary: every flowzap fence of the bundled
//! site keeps its graph and settles after one run, prose is untouched, and
//! `--check` and errors give the documented exit codes.

use crate::support::{copy_tree, repo, stderr, zapdoc};
use std::process::Output;

fn fmt(args: &[&str]) -> Output {
    zapdoc(&[&["fmt"], args].concat())
}

/// Every ```flowzap fence body in `text`, in order.
fn fences(text: &str) -> Vec<String> {
    text.split("```flowzap")
        .skip(1)
        .map(|b| {
            let body = &b[b.find('\n').unwrap() + 1..];
            body[..body.find("```").unwrap()].to_string()
        })
        .collect()
}

#[test]
fn the_bundled_content_keeps_its_graphs_and_settles() {
    let repo = repo();
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("content");
    let originals = copy_tree(&repo.join("content"), &copy);
    let out = fmt(&[copy.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut diagrams = 0;
    for rel in &originals {
        let before = std::fs::read_to_string(repo.join("content").join(rel)).unwrap();
        let after = std::fs::read_to_string(copy.join(rel)).unwrap();
        let (a, b) = (fences(&before), fences(&after));
        assert_eq!(a.len(), b.len(), "{rel:?}");
        for (x, y) in a.iter().zip(&b) {
            let gx = flowzap::graph::to_json(&flowzap::parse(x).diagram);
            let gy = flowzap::graph::to_json(&flowzap::parse(y).diagram);
            assert_eq!(gx, gy, "{rel:?}");
            diagrams += 1;
        }
        // Outside the fences, nothing moved.
        let prose = |t: &str| -> Vec<String> {
            t.split("```flowzap")
                .enumerate()
                .map(|(i, p)| {
                    if i == 0 {
                        p.to_string()
                    } else {
                        p[p.find("```").unwrap()..].to_string()
                    }
                })
                .collect()
        };
        assert_eq!(prose(&before), prose(&after), "{rel:?}");
    }
    assert!(diagrams >= 45, "{diagrams}");
    let again = fmt(&["--check", copy.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
}

#[test]
fn check_lists_what_would_change_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let messy = dir.path().join("messy.fz");
    let text =
        "A {\n# Alpha\nn1:circle label=\"a\"\nn2: circle\nn1.handle(Right)->n2.handle(left)\n}\n";
    std::fs::write(&messy, text).unwrap();
    let out = fmt(&["--check", messy.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("would reformat:"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&messy).unwrap(), text);

    let out = fmt(&[messy.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&messy).unwrap(),
        "A { # Alpha\n  n1: circle label:\"a\"\n  n2: circle\n  n1.handle(right) -> n2.handle(left)\n}\n"
    );
    let out = fmt(&["--check", messy.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_file_with_errors_is_reported_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.md");
    let text = "# Page\n\n```flowzap\nA { # A\n  n1: rect\n}\n```\n\n```flowzap\nB {\n# B\nn2:circle\n}\n```\n";
    std::fs::write(&page, text).unwrap();
    let out = fmt(&[page.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("error[FZ001]: unknown shape `rect`"), "{err}");
    assert!(err.contains("page.md:5:7"), "{err}");
    assert!(err.contains("left unchanged:"), "{err}");
    assert_eq!(std::fs::read_to_string(&page).unwrap(), text);
    // Usage errors are exit 2.
    let out = fmt(&[dir.path().join("notes.txt").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
}
