//! `zapdoc init`: a new site that builds and checks clean, outside the
//! repository; a non-empty directory is refused.

use crate::support::{stderr, zapdoc_command};

fn zapdoc(args: &[&str], dir: &std::path::Path) -> std::process::Output {
    zapdoc_command()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run zapdoc")
}

#[test]
fn init_then_build_and_check() {
    let tmp = tempfile::tempdir().expect("tmp");
    let site = tmp.path().join("new-site");
    let out = zapdoc(&["init", "new-site"], tmp.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = zapdoc(
        &["build", "--root", "new-site", "--deny-warnings"],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = std::fs::read_to_string(site.join("public/templates/access-request/index.html"))
        .expect("the diagram page");
    assert!(page.contains("<svg"), "the diagram is rendered");
    for f in [
        "public/zh/templates/access-request/index.html",
        "public/fr/templates/access-request/index.html",
        "public/search-index.zh.json",
        "public/atom.xml",
        "public/search.js",
    ] {
        assert!(site.join(f).is_file(), "{f}");
    }
    let out = zapdoc(
        &["check", "--root", "new-site", "--deny-warnings"],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn init_refuses_a_non_empty_directory() {
    let tmp = tempfile::tempdir().expect("tmp");
    std::fs::write(tmp.path().join("keep.txt"), "mine").expect("write");
    let out = zapdoc(&["init", "."], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("error: ") && err.contains("not empty"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("keep.txt")).expect("kept"),
        "mine"
    );
    assert_eq!(std::fs::read_dir(tmp.path()).expect("dir").count(), 1);
}
