//! Synthetic site generator for benchmarks:
//!
//! ```text
//! cargo run --release --example gen-site -- N DIR
//! zapdoc build --root DIR
//! ```
//!
//! Writes N Markdown files in total under `DIR/content/templates/`, split
//! over English, Chinese and French (translations beside each other), each
//! with front matter, prose, a list, a Rust code block and — in most pages —
//! a ```flowzap diagram: some diagrams repeat across pages, some are unique.
//! Also writes `site.toml` and copies the bundled theme and `i18n/`.
//! The output is deterministic: the same N gives the same files.
//!
//! With `--gallery` (`gen-site N DIR --gallery`) it also writes
//! `content/templates/_index.md` in each language, so the pages form the
//! gallery section of the bundled site instead of sitting directly under
//! the home page.
//!
//! Listings paginate by 24, as in the bundled site: the section (or, without
//! `--gallery`, the home page) through `paginate_by` in its `_index.md`, the
//! category pages through `category_paginate_by` in `site.toml`. With
//! `--unpaginated` every listing is one page.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const EN: &[&str] = &[
    "workflow", "approval", "request", "service", "payment", "customer", "invoice", "retry",
    "queue", "event", "handler", "review", "deploy", "rollback", "audit", "report", "token",
    "webhook", "schedule", "notify", "validate", "store", "archive", "export", "policy", "signal",
    "batch", "stream", "cache", "index", "merge", "branch", "release", "ticket",
];
const FR: &[&str] = &[
    "processus",
    "validation",
    "demande",
    "service",
    "paiement",
    "client",
    "facture",
    "reprise",
    "file",
    "événement",
    "revue",
    "déploiement",
    "retour",
    "audit",
    "rapport",
    "jeton",
    "planifier",
    "notifier",
    "vérifier",
    "stocker",
    "archiver",
    "exporter",
    "politique",
    "signal",
    "lot",
    "flux",
    "cache",
    "index",
    "fusion",
    "branche",
    "version",
    "ticket",
];
const ZH: &str = "流程审批请求服务支付客户发票重试队列事件处理评审部署回滚审计报告令牌通知验证存储归档导出策略信号批量缓存索引合并分支发布工单";
const TAGS: &[&str] = &[
    "security",
    "api",
    "automation",
    "webhooks",
    "async",
    "retry",
    "billing",
    "compliance",
    "data",
    "ops",
];
const CATEGORIES: &[&str] = &["business-operations", "patterns"];

/// A small deterministic generator (64-bit LCG), so runs are reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn words(rng: &mut Rng, lang: &str, n: usize) -> String {
    let mut s = String::new();
    match lang {
        "zh" => {
            let chars: Vec<char> = ZH.chars().collect();
            for i in 0..n * 2 {
                s.push(chars[rng.below(chars.len())]);
                if i % 17 == 16 {
                    s.push('，');
                }
            }
            s.push('。');
        }
        _ => {
            let pool = if lang == "fr" { FR } else { EN };
            for i in 0..n {
                if i > 0 {
                    s.push(' ');
                }
                s.push_str(pool[rng.below(pool.len())]);
            }
            s.push('.');
        }
    }
    s
}

/// Diagram `variant`: small variants repeat across pages, large ones are unique.
fn diagram(variant: usize) -> String {
    let steps = 3 + variant % 4;
    let mut d = String::from("Client { # Client\n  n1: circle label:\"Start\"\n");
    let _ = writeln!(d, "  n2: rectangle label:\"Send request {variant}\"");
    d.push_str("  n1.handle(right) -> n2.handle(left)\n");
    d.push_str("  n2.handle(bottom) -> Service.n3.handle(top) [label=\"Submit\"]\n}\n\n");
    d.push_str("Service { # Service\n");
    for i in 0..steps {
        let id = 3 + i;
        if i == 1 {
            let _ = writeln!(d, "  n{id}: diamond label:\"Valid?\"");
        } else {
            let _ = writeln!(d, "  n{id}: rectangle label:\"Step {i} of {variant}\"");
        }
    }
    let end = 3 + steps;
    let _ = writeln!(d, "  n{end}: circle label:\"End\"");
    for i in 0..steps {
        let (a, b) = (3 + i, 4 + i);
        let _ = writeln!(d, "  n{a}.handle(right) -> n{b}.handle(left)");
    }
    d.push_str("}\n");
    d
}

fn page(rng: &mut Rng, index: usize, lang: &str) -> String {
    let title = match lang {
        "zh" => format!(
            "模板 {index}：{}",
            words(rng, "zh", 4).trim_end_matches('。')
        ),
        "fr" => format!(
            "Modèle {index} : {}",
            words(rng, "fr", 3).trim_end_matches('.')
        ),
        _ => format!(
            "Template {index}: {}",
            words(rng, "en", 3).trim_end_matches('.')
        ),
    };
    let description = words(rng, lang, 14);
    let category = CATEGORIES[index % CATEGORIES.len()];
    let t1 = TAGS[index % TAGS.len()];
    let t2 = TAGS[(index / 3 + 1) % TAGS.len()];
    let mut s = String::with_capacity(2048);
    let _ = write!(
        s,
        "+++\ntitle = \"{title}\"\ndescription = \"{description}\"\ncategory = \"{category}\"\ntags = [\"{t1}\", \"{t2}\"]\nweight = {}\ndate = 2026-{:02}-{:02}\n+++\n\n",
        index % 50,
        1 + index % 12,
        1 + index % 28
    );
    let _ = writeln!(s, "{}\n", words(rng, lang, 45));
    // Most pages hold a diagram: small variants repeat, every 7th is unique.
    if index % 5 != 4 {
        let variant = if index % 7 == 0 {
            1000 + index
        } else {
            index % 40
        };
        let _ = writeln!(s, "```flowzap\n{}```\n", diagram(variant));
    }
    let heading = match lang {
        "zh" => "使用场景",
        "fr" => "Quand l’utiliser",
        _ => "When to use it",
    };
    let _ = writeln!(s, "## {heading}\n");
    for _ in 0..4 {
        let _ = writeln!(s, "- {}", words(rng, lang, 10));
    }
    let _ = writeln!(s, "\n{}\n", words(rng, lang, 40));
    let _ = writeln!(
        s,
        "```rust\nfn step_{index}(input: &str) -> Result<String, Error> {{\n    let value = input.trim();\n    Ok(format!(\"{{value}}-{index}\"))\n}}\n```\n"
    );
    let _ = writeln!(s, "{}", words(rng, lang, 30));
    s
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

fn generate(n: usize, dir: &Path, gallery: bool, paginate: bool) -> std::io::Result<usize> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(dir)?;
    let content = dir.join("content");
    if content.exists() {
        std::fs::remove_dir_all(&content)?;
    }
    let templates = content.join("templates");
    std::fs::create_dir_all(&templates)?;
    std::fs::write(
        dir.join("site.toml"),
        format!(
            "title = \"Synthetic Site\"\ndescription = \"Generated for benchmarks\"\nbase_url = \"/\"\ndefault_language = \"en\"\ntheme = \"default\"\n{}\n[[languages]]\ncode = \"en\"\nname = \"English\"\n\n[[languages]]\ncode = \"zh\"\nname = \"中文\"\n\n[[languages]]\ncode = \"fr\"\nname = \"Français\"\n",
            if paginate {
                "category_paginate_by = 24\n"
            } else {
                ""
            }
        ),
    )?;
    copy_dir(&repo.join("themes/default"), &dir.join("themes/default"))?;
    copy_dir(&repo.join("i18n"), &dir.join("i18n"))?;
    let paginate_by = if paginate { "paginate_by = 24\n" } else { "" };
    if gallery {
        for (suffix, title) in [("", "Templates"), (".zh", "模板"), (".fr", "Modèles")] {
            std::fs::write(
                templates.join(format!("_index{suffix}.md")),
                format!("+++\ntitle = \"{title}\"\n{paginate_by}+++\n"),
            )?;
        }
    } else if paginate {
        for suffix in ["", ".zh", ".fr"] {
            std::fs::write(
                content.join(format!("_index{suffix}.md")),
                format!("+++\n{paginate_by}+++\n"),
            )?;
        }
    }
    let mut rng = Rng(0x5eed);
    let mut written = 0;
    let mut index = 0;
    'outer: loop {
        for (lang, suffix) in [("en", ""), ("zh", ".zh"), ("fr", ".fr")] {
            if written == n {
                break 'outer;
            }
            let text = page(&mut rng, index, lang);
            std::fs::write(templates.join(format!("t{index:05}{suffix}.md")), text)?;
            written += 1;
        }
        index += 1;
    }
    Ok(written)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(dir)) = (
        args.first().and_then(|a| a.parse::<usize>().ok()),
        args.get(1).map(PathBuf::from),
    ) else {
        eprintln!(
            "usage: gen-site N DIR [--gallery] [--unpaginated]   (N Markdown files in en, zh and fr under DIR)"
        );
        return ExitCode::from(2);
    };
    let gallery = args.iter().skip(2).any(|a| a == "--gallery");
    let paginate = !args.iter().skip(2).any(|a| a == "--unpaginated");
    match generate(n, &dir, gallery, paginate) {
        Ok(written) => {
            eprintln!(
                "wrote {written} Markdown files in 3 languages to {}",
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", dir.display());
            ExitCode::from(2)
        }
    }
}
