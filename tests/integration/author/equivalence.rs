//! The incremental rebuild is a layer over the full build, never a second
//! opinion: over the bundled gallery (its real theme, its three languages,
//! its diagrams), three rounds of every kind of edit — bodies, front
//! matter, diagrams, translations added and removed, templates, `.ftl`
//! messages — on seeded random targets, each applied with
//! [`Live::update`], must leave the output byte for byte what a full
//! build of the same files writes.
//!
//! A field a template reads but the fingerprints miss shows up here as a
//! stale page (drop one on purpose, and this test names the file).

use crate::support::{copy_tree, read, repo, snapshot};
use std::path::{Path, PathBuf};
use zapdoc::build::{Failure, Live, Options, Session};

/// A small deterministic generator (xorshift64*): the same seed, the same
/// edits, so a failure replays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Copy the repository's own site (configuration, content, themes,
/// translations) into `to`.
fn copy_bundled_site(to: &Path) {
    std::fs::copy(repo().join("site.toml"), to.join("site.toml")).expect("site.toml");
    for dir in ["content", "themes", "i18n", "static", "templates"] {
        if repo().join(dir).is_dir() {
            copy_tree(&repo().join(dir), &to.join(dir));
        }
    }
}

fn files_under(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == ext))
        .map(|e| e.into_path())
        .collect();
    out.sort();
    out
}

/// Replace the value of the TOML front matter line `key = …`, or add
/// the line when the page has none.
fn set_front(text: &str, key: &str, value: &str) -> String {
    let (front, body) = text
        .strip_prefix("+++\n")
        .and_then(|t| t.split_once("\n+++\n"))
        .expect("TOML front matter");
    let mut lines: Vec<String> = front.lines().map(str::to_string).collect();
    let line = format!("{key} = {value}");
    match lines
        .iter()
        .position(|l| l.split_once('=').is_some_and(|(k, _)| k.trim() == key))
    {
        Some(i) => lines[i] = line,
        None => lines.push(line),
    }
    format!("+++\n{}\n+++\n{body}", lines.join("\n"))
}

/// The kinds of edit [`edit`] makes, taken in turn.
const KINDS: usize = 11;

/// Edit `n` to the site at `root`: its kind is `n % KINDS`, what it edits
/// is drawn from `rng`. Returns the paths it touched and what it did, for
/// the failure message.
fn edit(root: &Path, rng: &mut Rng, n: usize) -> (Vec<PathBuf>, String) {
    let pages: Vec<PathBuf> = files_under(&root.join("content"), "md")
        .into_iter()
        .filter(|p| {
            !p.file_name()
                .is_some_and(|f| f.to_string_lossy().starts_with("_index"))
        })
        .collect();
    let page = rng.pick(&pages).clone();
    let text = read(&page);
    let shown = page
        .strip_prefix(root)
        .expect("prefix")
        .display()
        .to_string();
    let write = |path: &Path, text: &str| std::fs::write(path, text).expect("write");
    match n % KINDS {
        0 => {
            write(&page, &format!("{text}\nAnother paragraph, edit {n}.\n"));
            (vec![page], format!("body of {shown}"))
        }
        1 => {
            // One letter of the body's last line: the word count stays, so
            // only the body itself tells the page changed.
            let at = text.trim_end().rfind(|c: char| c.is_ascii_alphabetic());
            let edited = match at {
                Some(i) if i > text.find("\n+++\n").unwrap_or(0) + 5 => {
                    let swapped = if &text[i..=i] == "x" { "y" } else { "x" };
                    format!("{}{swapped}{}", &text[..i], &text[i + 1..])
                }
                _ => format!("{text}\nWord{n}\n"),
            };
            write(&page, &edited);
            (vec![page], format!("a letter of the body of {shown}"))
        }
        2 => {
            write(&page, &set_front(&text, "title", &format!("\"Title {n}\"")));
            (vec![page], format!("title of {shown}"))
        }
        3 => {
            let value = format!("\"Described by edit {n}.\"");
            write(&page, &set_front(&text, "description", &value));
            (vec![page], format!("description of {shown}"))
        }
        4 => {
            let tags = rng.pick(&["[\"api\"]", "[\"security\", \"edit\"]", "[]"]);
            write(&page, &set_front(&text, "tags", tags));
            (vec![page], format!("tags of {shown}"))
        }
        5 => {
            let weight = rng.below(20).to_string();
            write(&page, &set_front(&text, "weight", &weight));
            (vec![page], format!("weight of {shown}"))
        }
        6 => {
            // A diagram's label: the page, its card preview and its files.
            match text.find("label:\"") {
                Some(i) => {
                    let at = i + "label:\"".len();
                    write(&page, &format!("{}E{n} {}", &text[..at], &text[at..]));
                    (vec![page], format!("a diagram label of {shown}"))
                }
                None => {
                    write(&page, &format!("{text}\nNo diagram here, edit {n}.\n"));
                    (vec![page], format!("body of {shown}"))
                }
            }
        }
        7 => {
            // A translation comes or goes.
            let name = page
                .file_name()
                .expect("name")
                .to_string_lossy()
                .to_string();
            let parts: Vec<&str> = name.split('.').collect();
            if parts.len() == 3 {
                std::fs::remove_file(&page).expect("remove");
                (vec![page], format!("{shown} removed"))
            } else {
                let lang = rng.pick(&["zh", "fr"]);
                let to = page.with_file_name(format!("{}.{lang}.md", parts[0]));
                let title = format!("\"Traduction {n}\"");
                write(&to, &set_front(&text, "title", &title));
                let label = to.strip_prefix(root).expect("prefix").display().to_string();
                (vec![to], format!("{label} written"))
            }
        }
        8 => {
            // A template: visible text inside the first element it closes.
            let templates = files_under(&root.join("themes"), "html");
            let file = rng.pick(&templates).clone();
            let t = read(&file);
            let at = t.find("</").unwrap_or(t.len());
            write(
                &file,
                &format!("{}<i hidden>t{n}</i>{}", &t[..at], &t[at..]),
            );
            let label = file
                .strip_prefix(root)
                .expect("prefix")
                .display()
                .to_string();
            (vec![file], format!("template {label}"))
        }
        9 => {
            // A Fluent message's value.
            let ftls = files_under(&root.join("i18n"), "ftl");
            let file = rng.pick(&ftls).clone();
            let t = read(&file);
            let messages: Vec<usize> = t
                .lines()
                .enumerate()
                .filter(|(_, l)| {
                    l.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                        && l.contains(" = ")
                        && !l.trim_end().ends_with('=')
                        && !l.contains('{')
                })
                .map(|(i, _)| i)
                .collect();
            let target = *rng.pick(&messages);
            let edited: Vec<String> = t
                .lines()
                .enumerate()
                .map(|(i, l)| {
                    if i == target {
                        format!("{l} {n}")
                    } else {
                        l.to_string()
                    }
                })
                .collect();
            write(&file, &(edited.join("\n") + "\n"));
            let label = file
                .strip_prefix(root)
                .expect("prefix")
                .display()
                .to_string();
            (
                vec![file],
                format!("message on line {} of {label}", target + 1),
            )
        }
        _ => {
            let category = rng.pick(&["\"business-operations\"", "\"patterns\""]);
            write(&page, &set_front(&text, "category", category));
            (vec![page], format!("category of {shown}"))
        }
    }
}

fn messages(f: Failure) -> String {
    match f {
        Failure::Input { errors, .. } => errors.iter().map(|e| e.render(false)).collect(),
        Failure::Other(m) => m,
    }
}

/// The first difference between two outputs, named.
fn difference(incremental: &[(String, Vec<u8>)], full: &[(String, Vec<u8>)]) -> Option<String> {
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    let (a, b) = (names(incremental), names(full));
    if a != b {
        let only_inc: Vec<_> = a.iter().filter(|n| !b.contains(n)).collect();
        let only_full: Vec<_> = b.iter().filter(|n| !a.contains(n)).collect();
        return Some(format!(
            "file sets differ: only incremental {only_inc:?}, only full {only_full:?}"
        ));
    }
    incremental
        .iter()
        .zip(full)
        .find(|((_, x), (_, y))| x != y)
        .map(|((name, x), (_, y))| {
            let (x, y) = (String::from_utf8_lossy(x), String::from_utf8_lossy(y));
            let at = x.chars().zip(y.chars()).take_while(|(p, q)| p == q).count();
            let around = |s: &str| {
                s.chars()
                    .skip(at.saturating_sub(80))
                    .take(240)
                    .collect::<String>()
            };
            format!(
                "{name} differs at character {at}:\n--- incremental\n{}\n--- full\n{}",
                around(&x),
                around(&y)
            )
        })
}

#[test]
fn random_edits_to_the_bundled_site_rebuild_exactly_like_a_full_build() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("site");
    std::fs::create_dir_all(&root).expect("mkdir");
    copy_bundled_site(&root);
    let live = Options::new(&root);
    let mut full = Options::new(&root);
    full.output = Some(dir.path().join("full"));

    let session = Session::open(&live).unwrap_or_else(|e| panic!("open: {}", messages(e)));
    let (mut session, _) =
        Live::start(session).unwrap_or_else(|e| panic!("start: {}", messages(e)));
    let mut rng = Rng(0x005E_ED0F_2A9D);
    let mut done = Vec::new();
    for n in 0..3 * KINDS {
        let (paths, what) = edit(&root, &mut rng, n);
        done.push(what);
        if let Err(e) = session.update(&paths) {
            panic!("update after {done:?}: {}", messages(e));
        }
        // Comparing after every edit names the edit that went wrong.
        zapdoc::build::build(&full).unwrap_or_else(|e| panic!("full build: {}", messages(e)));
        let out = live.root.join("public");
        if let Some(diff) = difference(
            &snapshot(&out),
            &snapshot(full.output.as_ref().expect("set")),
        ) {
            panic!("after edits {done:?}\n{diff}");
        }
    }
}
