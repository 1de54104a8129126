//! Fuzz `zapdoc build` over small generated sites: front matter (TOML and
//! YAML, fields of the wrong type, hostile slugs and dates), Markdown
//! (headings, `@/`, relative and root links, raw HTML, bidi controls, NUL,
//! CR line endings) and ```flowzap fences (corpus diagrams, mutated).
//! Each round builds in-process; a panic is a failure, saved for replay.
//!
//!     cargo run --release --example fuzz-build -- SECONDS [SEED]
//!
//! The cargo-fuzz target (`fuzz/`) needs a nightly toolchain; this runs on
//! stable and is deterministic for a seed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/crates/flowzap/tests/corpus");

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() as usize) % n.max(1)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const TITLES: &[&str] = &[
    "title = \"Hello\"",
    "title = 123",
    "title = \"\u{202e}gnp.exe\"",
    "title = \"<script>alert(1)</script>\"",
    "title = \"审批 流程\"",
    "title = \"\"",
];
const EXTRAS: &[&str] = &[
    "slug = \"..\"",
    "slug = \"a/b\"",
    "slug = \"\"",
    "date = 20260101",
    "date = \"2026-13-45\"",
    "date = 2026-01-01",
    "tags = \"approval\"",
    "tags = [\"a\", \"b\", \"a\"]",
    "description = \"Use <textarea>this\"",
    "description = \"[x](javascript:alert(1)) **bold**\"",
    "draft = true",
    "weight = -3",
    "category = \"Ops\"",
    "related = [\"missing.md\"]",
    "translation_of = \"nowhere.md\"",
];
const BODY: &[&str] = &[
    "## Same\n\n## Same\n",
    "See [a](@/missing.md) and [b](@/a.md#nope) and [c](/docs/x/) and [d](../x/).\n",
    "<a href=\"@/missing.md\">raw</a> <textarea>\n",
    "Text with NUL \u{0}\n",
    "Line one\rLine two\rLine three\r",
    "```rust\nfn x() {}\n```\n",
    "```flowzap view=sequence\nA { # A\n  n1: circle\n}\n```\n",
    "```flowzap view=nope\nA { # A\n  n1: circle\n}\n```\n",
    "> quote\n\n- [ ] task\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    "# Title {#custom}\n\n[^1]\n\n[^1]: note\n",
];

fn mutate(rng: &mut Rng, text: &str) -> String {
    const TOKENS: &[&str] = &[
        "->", "{", "}", "\"", "[label=", ".handle(", ")", "loop [", "n1", "#", "\\", "\n",
        "\u{202e}", "```",
    ];
    let mut s: Vec<char> = text.chars().collect();
    for _ in 0..rng.below(4) {
        if s.is_empty() {
            break;
        }
        let i = rng.below(s.len());
        match rng.below(3) {
            0 => {
                let j = (i + rng.below(16)).min(s.len());
                s.drain(i..j);
            }
            1 => {
                let t = rng.pick(TOKENS);
                s.splice(i..i, t.chars());
            }
            _ => {
                let j = rng.below(s.len());
                s.swap(i, j);
            }
        }
    }
    s.into_iter().collect()
}

/// Front matter and body pieces that build cleanly, so half the pages
/// reach rendering instead of stopping at the first error.
const SAFE_TITLES: &[&str] = &[
    "title = \"Hello\"",
    "title = \"审批 流程\"",
    "title = \"<b>x</b>\"",
];
const SAFE_EXTRAS: &[&str] = &[
    "tags = [\"a\", \"b\", \"a\"]",
    "category = \"Ops\"",
    "weight = -3",
    "date = 2026-01-01",
    "description = \"Use <textarea>this\"",
];
const SAFE_BODY: &[&str] = &[
    "## Same\n\n## Same\n",
    "<a href=\"https://x.org\">raw</a> <textarea>\n",
    "Line one\rLine two\rLine three\r",
    "```rust\nfn x() {}\n```\n",
    "> quote\n\n- [ ] task\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    "# Title {#custom}\n\n[^1]\n\n[^1]: note\n",
];

fn page(rng: &mut Rng, diagrams: &[String]) -> String {
    let hostile = rng.below(2) == 0;
    let (titles, extras, body) = if hostile {
        (TITLES, EXTRAS, BODY)
    } else {
        (SAFE_TITLES, SAFE_EXTRAS, SAFE_BODY)
    };
    let yaml = rng.below(4) == 0;
    let mut fm: Vec<String> = vec![rng.pick(titles).to_string()];
    for _ in 0..rng.below(3) {
        fm.push(rng.pick(extras).to_string());
    }
    let mut out = String::new();
    if yaml {
        out.push_str("---\n");
        for line in &fm {
            let _ = writeln!(out, "{}", line.replacen(" = ", ": ", 1));
        }
        out.push_str("---\n");
    } else {
        out.push_str("+++\n");
        for line in &fm {
            let _ = writeln!(out, "{line}");
        }
        out.push_str("+++\n");
    }
    for _ in 0..1 + rng.below(3) {
        out.push_str(rng.pick(body));
        out.push('\n');
    }
    for _ in 0..rng.below(3) {
        let d = &diagrams[rng.below(diagrams.len())];
        let d = if hostile && rng.below(2) == 0 {
            mutate(rng, d)
        } else {
            d.clone()
        };
        let _ = write!(out, "```flowzap\n{d}```\n\n");
    }
    if hostile && rng.below(6) == 0 {
        out = mutate(rng, &out);
    }
    out
}

fn main() {
    let seconds: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let seed: u64 = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let mut diagrams = Vec::new();
    for e in std::fs::read_dir(CORPUS).expect("the corpus") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x == "fz") {
            diagrams.push(std::fs::read_to_string(&p).expect("read"));
        }
    }
    diagrams.sort();
    let work = tempfile::tempdir().expect("temp dir");
    let site = work.path().join("site");
    zapdoc::init::init(&site).expect("init");
    let mut rng = Rng(seed);
    let (start, limit) = (Instant::now(), Duration::from_secs(seconds));
    let (mut rounds, mut ok, mut refused, mut panics) = (0u64, 0u64, 0u64, Vec::<PathBuf>::new());
    std::panic::set_hook(Box::new(|_| {}));
    while start.elapsed() < limit {
        rounds += 1;
        let content = site.join("content");
        let _ = std::fs::remove_dir_all(&content);
        std::fs::create_dir_all(content.join("docs")).expect("content");
        let names = [
            "_index.md",
            "a.md",
            "a.zh.md",
            "docs/_index.md",
            "docs/b.fr.md",
        ];
        let mut files = Vec::new();
        for name in names.iter().take(1 + rng.below(names.len())) {
            let text = page(&mut rng, &diagrams);
            std::fs::write(content.join(name), &text).expect("write");
            files.push((name.to_string(), text));
        }
        let mut opts = zapdoc::build::Options::new(&site);
        opts.output = Some(work.path().join("public"));
        let result = std::panic::catch_unwind(|| zapdoc::build::build(&opts));
        match result {
            Ok(Ok(_)) => ok += 1,
            Ok(Err(_)) => refused += 1,
            Err(payload) => {
                let why = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                let dir = Path::new("fuzz-build-failures").join(format!("round-{rounds}"));
                let _ = std::fs::create_dir_all(&dir);
                let _ = std::fs::write(dir.join("PANIC.txt"), why);
                for (name, text) in &files {
                    let p = dir.join(name);
                    let _ = std::fs::create_dir_all(p.parent().expect("parent"));
                    let _ = std::fs::write(p, text);
                }
                panics.push(dir);
            }
        }
    }
    println!(
        "{rounds} builds in {:.0} s (seed {seed}): {ok} built, {refused} refused with errors, {} panics",
        start.elapsed().as_secs_f64(),
        panics.len()
    );
    for p in &panics {
        println!("  panic: {}", p.display());
    }
    if !panics.is_empty() {
        std::process::exit(1);
    }
}
