//! The FlowZap corpus (`tests/corpus/`: real diagrams with the graph
//! FlowZap's own parser extracts), shared by the tests and benches that
//! read it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The corpus folder, part of the repository; a missing corpus fails
/// loudly rather than skipping.
pub fn examples_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    assert!(
        dir.is_dir(),
        "the FlowZap corpus is missing: {}",
        dir.display()
    );
    dir
}

/// The `.fz` files directly in `dir`, sorted.
pub fn fz_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "fz"))
        .collect();
    files.sort();
    files
}

/// Every valid corpus diagram as (file stem, source), sorted by name.
pub fn corpus() -> Vec<(String, String)> {
    fz_files(&examples_dir())
        .into_iter()
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

/// An SVG laid out for a snapshot that reads as a diff: one element per
/// line, one CSS rule per line of the stylesheet, one sentence per line of
/// the description. Only whitespace changes (the space after a sentence
/// becomes its line break), so the snapshot still pins every byte that
/// matters.
pub fn readable(svg: &str) -> String {
    svg.replace("><", ">\n<")
        .lines()
        .map(|line| {
            if line.starts_with("<style") {
                line.replace('}', "}\n")
            } else if line.starts_with("<desc") {
                line.replace(". ", ".\n")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
