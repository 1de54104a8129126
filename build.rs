//! Cargo build script: embeds the bundled default theme and its UI strings
//! (`themes/default/**`, `i18n/*.ftl`) in the binary, so `zapdoc init` can
//! write a working site anywhere. The list is generated, so files the theme
//! gains or loses are picked up without editing code.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, base: &Path, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect(&path, base, out);
        } else if let Ok(rel) = path.strip_prefix(base) {
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push((rel.join("/"), path.clone()));
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let mut files = Vec::new();
    let theme = manifest.join("themes/default");
    collect(&theme, &manifest, &mut files);
    for lang in ["en", "zh", "fr"] {
        let p = manifest.join("i18n").join(format!("{lang}.ftl"));
        if p.is_file() {
            files.push((format!("i18n/{lang}.ftl"), p));
        }
    }
    let mut code = String::from(
        "/// Bundled files: (path in a site, contents).\npub const FILES: &[(&str, &[u8])] = &[\n",
    );
    for (rel, path) in &files {
        let _ = writeln!(
            code,
            "    ({rel:?}, include_bytes!({:?})),",
            path.display().to_string()
        );
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("bundled.rs");
    std::fs::write(&out, code).expect("write bundled.rs");
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=i18n");
    for (_, path) in &files {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}
