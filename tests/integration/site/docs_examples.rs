//! The bundled docs show what zapdoc accepts: every complete `site.toml`
//! in `content/docs/configuration*.md` (a ```toml block with a `title =`
//! line) parses as a `Config` and passes `zapdoc check` on a site with the
//! bundled theme, the same in every language; every front matter example
//! (a fenced block opening with `+++` or `---`) in
//! `content/docs/writing-content*.md` parses as `FrontMatter` and checks
//! without errors as a page, or as a section when it sets `paginate_by`.
//! The docs also name every key the parsers accept.

use crate::support::{TestSite, read, repo, stderr};
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use zapdoc::config::Config;
use zapdoc::content::FrontMatter;

/// The file suffixes of the docs' languages: English, Chinese, French.
const LANGUAGES: [&str; 3] = ["", ".zh", ".fr"];

/// A fenced code block of a docs page.
struct Block {
    info: String,
    text: String,
    /// `content/docs/x.md:LINE`, the opening fence.
    origin: String,
}

/// The fenced code blocks of `content/docs/<name><lang>.md`, outermost only
/// (a ```` fence holding ``` fences is one block).
fn blocks(name: &str, lang: &str) -> Vec<Block> {
    let rel = format!("content/docs/{name}{lang}.md");
    let text = read(&repo().join(&rel));
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    for (event, range) in Parser::new(&text).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let line = text[..range.start].matches('\n').count() + 1;
                open = Some(Block {
                    info: info.trim().to_string(),
                    text: String::new(),
                    origin: format!("{rel}:{line}"),
                });
            }
            Event::Text(t) => {
                if let Some(b) = open.as_mut() {
                    b.text.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => out.extend(open.take()),
            _ => {}
        }
    }
    out
}

/// The ```toml blocks that are a whole `site.toml`.
fn site_tomls(lang: &str) -> Vec<Block> {
    blocks("configuration", lang)
        .into_iter()
        .filter(|b| b.info == "toml" && b.text.lines().any(|l| l.starts_with("title =")))
        .collect()
}

/// The blocks that are a file opening with front matter, and that front
/// matter (between the fences, without them).
fn front_matters(lang: &str) -> Vec<(Block, String)> {
    blocks("writing-content", lang)
        .into_iter()
        .filter_map(|b| {
            let mut lines = b.text.split_inclusive('\n');
            let fence = lines.next()?.trim_end().to_string();
            if fence != "+++" && fence != "---" {
                return None;
            }
            let mut front = String::new();
            for line in lines {
                if line.trim_end() == fence {
                    return Some((b, front));
                }
                front.push_str(line);
            }
            panic!("{}: front matter example never closed", b.origin)
        })
        .collect()
}

/// A site with the bundled theme and i18n files and an empty `content/`.
fn bundled_site(site_toml: &str) -> TestSite {
    let site = TestSite::empty();
    site.copy_from_repo("themes");
    site.copy_from_repo("i18n");
    std::fs::create_dir(site.root().join("content")).expect("mkdir content");
    site.write("site.toml", site_toml);
    site
}

fn parse_config(block: &Block) -> Config {
    Config::parse(&block.text, "site.toml").unwrap_or_else(|errors| {
        panic!(
            "{}: the example is not a valid site.toml:\n{}\n{}",
            block.origin,
            errors
                .iter()
                .map(|e| e.render(false))
                .collect::<Vec<_>>()
                .join("\n"),
            block.text
        )
    })
}

#[test]
fn site_toml_examples_are_accepted() {
    let mut english: Vec<Config> = Vec::new();
    for lang in LANGUAGES {
        let examples = site_tomls(lang);
        // Translations may translate `title` and `description`, nothing else.
        let configs: Vec<Config> = examples
            .iter()
            .map(|b| Config {
                title: String::new(),
                description: String::new(),
                ..parse_config(b)
            })
            .collect();
        assert!(
            examples.len() >= 2,
            "configuration{lang}.md: expected a complete and a minimal site.toml, found {}",
            examples.len()
        );
        if lang.is_empty() {
            english = configs;
        } else {
            assert!(
                configs == english,
                "configuration{lang}.md: the examples differ from configuration.md's"
            );
        }
        for block in &examples {
            let site = bundled_site(&block.text);
            let out = site.check(&["--deny-warnings"]);
            assert!(
                out.status.success(),
                "{}: zapdoc check rejects the example:\n{}\n{}",
                block.origin,
                stderr(&out),
                block.text
            );
        }
    }
}

#[test]
fn front_matter_examples_are_accepted() {
    let site_toml = read(&repo().join("site.toml"));
    let mut counts = Vec::new();
    for lang in LANGUAGES {
        let examples = front_matters(lang);
        for (block, front) in &examples {
            if block.text.starts_with("+++") {
                if let Err(e) = toml::from_str::<FrontMatter>(front) {
                    panic!(
                        "{}: the example is not valid front matter: {}\n{front}",
                        block.origin,
                        e.message()
                    );
                }
            }
            // The whole example as a file of the bundled site.
            let site = bundled_site(&site_toml);
            let file = if front.contains("paginate_by") {
                "content/templates/_index.md"
            } else {
                "content/templates/example.md"
            };
            site.write(file, &block.text);
            let out = site.check(&[]);
            assert!(
                out.status.success(),
                "{}: zapdoc check rejects the example as `{file}`:\n{}\n{}",
                block.origin,
                stderr(&out),
                block.text
            );
        }
        assert!(
            examples.iter().any(|(b, _)| b.text.starts_with("+++"))
                && examples.iter().any(|(b, _)| b.text.starts_with("---"))
                && examples.iter().any(|(_, fm)| fm.contains("paginate_by")),
            "writing-content{lang}.md: expected TOML, YAML and section (`paginate_by`) front matter examples"
        );
        counts.push(examples.len());
    }
    assert!(
        counts.iter().all(|&n| n == counts[0]),
        "the languages show different numbers of front matter examples: {counts:?}"
    );
}

/// The names in a serde "unknown field `x`, expected one of `a`, `b`".
fn expected_fields(message: &str) -> Vec<String> {
    let (_, list) = message
        .split_once("expected")
        .unwrap_or_else(|| panic!("no field list in: {message}"));
    let names: Vec<String> = list
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    assert!(!names.is_empty(), "no field list in: {message}");
    names
}

/// The keys a table of site.toml accepts, from the error on an unknown one.
fn config_keys(with_unknown: &str) -> Vec<String> {
    let errors = Config::parse(with_unknown, "site.toml").expect_err("an unknown key");
    expected_fields(errors[0].message())
}

#[test]
fn docs_name_every_key() {
    let base = "title = \"T\"\ndefault_language = \"en\"\n";
    let language = "[[languages]]\ncode = \"en\"\nname = \"English\"\n";
    let tables = [
        (
            "top-level",
            config_keys(&format!("{base}zz_unknown = 1\n{language}")),
        ),
        (
            "[[languages]]",
            config_keys(&format!("{base}{language}zz_unknown = 1\n")),
        ),
        (
            "[markdown]",
            config_keys(&format!("{base}{language}[markdown]\nzz_unknown = 1\n")),
        ),
        (
            "[related]",
            config_keys(&format!("{base}{language}[related]\nzz_unknown = 1\n")),
        ),
    ];
    let front_matter = expected_fields(
        toml::from_str::<FrontMatter>("zz_unknown = 1")
            .expect_err("an unknown field")
            .message(),
    );
    for lang in LANGUAGES {
        for (page, groups) in [
            ("configuration", tables.to_vec()),
            (
                "writing-content",
                vec![("front matter", front_matter.clone())],
            ),
        ] {
            let rel = format!("content/docs/{page}{lang}.md");
            let text = read(&repo().join(&rel));
            for (group, keys) in groups {
                for key in keys {
                    assert!(
                        text.contains(&format!("| `{key}` |")),
                        "{rel}: the {group} key `{key}` has no row in a table"
                    );
                }
            }
        }
    }
}
