//! The search index written at build time, and the theme's search.js run
//! on it: Chinese found by a two-character word, French with or without
//! accents.

use crate::support::{TestSite, repo, stderr};
use zapdoc::search::Index;

fn site() -> TestSite {
    let site = TestSite::new();
    site.write("content/_index.md", "+++\ntitle = \"Home\"\n+++\n");
    for (slug, en, zh, fr) in [
        (
            "key-rotation",
            ("API key rotation", "Rotate keys with an approval step."),
            ("API 密钥轮换", "定期轮换密钥，并经过审批流程。"),
            (
                "Rotation des clés",
                "Étape de vérification du déploiement des clés.",
            ),
        ),
        (
            "invoice",
            ("Invoice approval", "Route invoices to a manager."),
            ("发票处理", "把发票交给经理。"),
            ("Facture", "Envoyer la facture au responsable."),
        ),
    ] {
        for (suffix, (title, description)) in [("", en), (".zh", zh), (".fr", fr)] {
            site.write(
                &format!("content/templates/{slug}{suffix}.md"),
                &format!(
                    "+++\ntitle = \"{title}\"\ndescription = \"{description}\"\ntags = [\"ops\"]\n+++\nText of {slug}.\n\n## Étapes détaillées\n"
                ),
            );
        }
    }
    site.build_ok();
    site
}

fn index(site: &TestSite, lang: &str) -> Index {
    Index::from_json(&site.read(&format!("search-index.{lang}.json"))).expect("an index")
}

fn titles(index: &Index, hits: Vec<usize>) -> Vec<String> {
    hits.into_iter()
        .map(|d| index.docs[d].title.clone())
        .collect()
}

#[test]
fn one_index_per_language_in_utf8_json() {
    let site = site();
    for lang in ["en", "zh", "fr"] {
        let text = std::fs::read(site.public().join(format!("search-index.{lang}.json")))
            .expect("index file");
        let text = String::from_utf8(text).expect("UTF-8");
        let index = Index::from_json(&text).expect("parses");
        assert_eq!(index.lang, lang);
        assert_eq!(index.docs.len(), 2, "{lang}: the two pages, not the home");
        assert!(index.docs.iter().all(|d| d.url.contains("/templates/")));
    }
    // Text is written as UTF-8, not escaped.
    assert!(site.read("search-index.zh.json").contains("密钥轮换"));
}

#[test]
fn chinese_is_found_by_a_two_character_word() {
    let site = site();
    let zh = index(&site, "zh");
    // 审批 appears only inside the description's unbroken Chinese text.
    assert_eq!(titles(&zh, zh.query("审批")), ["API 密钥轮换"]);
    assert_eq!(titles(&zh, zh.query("发票")), ["发票处理"]);
    assert!(zh.query("批审").is_empty(), "bigrams keep character order");
}

#[test]
fn french_matches_with_or_without_accents() {
    let site = site();
    let fr = index(&site, "fr");
    for q in [
        "vérification",
        "verification",
        "VÉRIFICATION",
        "deploiement",
        "déploiement",
    ] {
        assert_eq!(titles(&fr, fr.query(q)), ["Rotation des clés"], "{q}");
    }
    // Headings are searchable too, and prefixes match while typing.
    assert_eq!(fr.query("detaill").len(), 2);
    assert_eq!(titles(&fr, fr.query("clés facture")), Vec::<String>::new());
}

/// search.js, run by Node on the same index, finds the same pages (when
/// Node is installed; the test says so when it is not).
#[test]
fn search_js_agrees_with_the_index() {
    let site = site();
    let node = std::process::Command::new("node").arg("--version").output();
    if node.map(|o| !o.status.success()).unwrap_or(true) {
        eprintln!("SKIPPED: node is not installed; search.js not exercised");
        return;
    }
    let script = format!(
        r#"const s = require({js:?});
const fs = require("fs");
const zh = JSON.parse(fs.readFileSync({zh:?}, "utf8"));
const fr = JSON.parse(fs.readFileSync({fr:?}, "utf8"));
const t = (ix, q) => s.query(ix, q).map(d => ix.docs[d].title);
console.log(JSON.stringify([t(zh, "审批"), t(fr, "verification"), t(fr, "Vérif"), t(zh, "批审"), s.tokens("Étape 审批流程")]));
"#,
        js = site.public().join("search.js").display().to_string(),
        zh = site
            .public()
            .join("search-index.zh.json")
            .display()
            .to_string(),
        fr = site
            .public()
            .join("search-index.fr.json")
            .display()
            .to_string(),
    );
    // The test theme is not the default one: take search.js from the repository.
    std::fs::copy(
        repo().join("themes/default/static/search.js"),
        site.public().join("search.js"),
    )
    .expect("copy search.js");
    let out = std::process::Command::new("node")
        .arg("-e")
        .arg(&script)
        .output()
        .expect("node runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        got,
        serde_json::json!([
            ["API 密钥轮换"],
            ["Rotation des clés"],
            ["Rotation des clés"],
            [],
            zapdoc::search::tokens("Étape 审批流程")
        ])
    );
}
