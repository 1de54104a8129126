//! The fixtures the tests share: a small site in a temporary directory
//! ([`TestSite`]), built through the library or the `zapdoc` binary and its
//! output read back; the repository's own files; running the binary.
//! Each test writes only the files it is about.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;
use zapdoc::build::{Failure, Live, Options, Session, Summary, Update};

pub const SITE_TOML: &str = r#"title = "Test Site"
description = "A site for tests"
base_url = "/"
default_language = "en"
theme = "mini"

[[languages]]
code = "en"
name = "English"

[[languages]]
code = "zh"
name = "中文"

[[languages]]
code = "fr"
name = "Français"
"#;

const BASE: &str = r#"<!DOCTYPE html>
<html lang="{{ lang }}">
<head><title>{% block title %}{{ config.title }}{% endblock title %}</title>
<link rel="stylesheet" href="{{ url(path='style.css', asset=true) }}">
{% for tr in translations %}<link rel="alternate" hreflang="{{ tr.lang }}" href="{{ tr.url }}">
{% endfor %}</head>
<body>
<nav>{% for l in languages %}<a class="lang" href="{{ l.url }}">{{ l.name }}</a>{% endfor %}</nav>
<a class="home" href="{{ url(path='/') }}">{{ t(key="home") }}</a>
{% block content %}{% endblock content %}
</body>
</html>
"#;

const PAGE: &str = r#"{% extends "base.html" %}
{% block title %}{{ page.title }}{% endblock title %}
{% block content %}<h1 class="title">{{ page.title }}</h1>
<p class="description">{{ page.description }}</p>
{% if page.category %}<a class="category" href="{{ page.category.url }}">{{ page.category.name }}</a>{% endif %}
<div class="content">{{ page.content }}</div>
<ul class="related">{% for r in page.related %}<li><a href="{{ r.url }}">{{ r.title }}</a>{% if r.fallback %} (fallback){% endif %}</li>{% endfor %}</ul>
{% endblock content %}
"#;

const SECTION: &str = r#"{% extends "base.html" %}
{% block content %}<h1 class="title">{{ section.title }}</h1>
<div class="content">{{ section.content }}</div>
<ul class="pages">{% for p in section.pages %}<li><a href="{{ p.url }}">{{ p.title }}</a></li>{% endfor %}</ul>
{% endblock content %}
"#;

const CATEGORY: &str = r#"{% extends "base.html" %}
{% block content %}<h1 class="title">{{ category.name }}</h1>
<ul class="pages">{% for p in category.pages %}<li><a href="{{ p.url }}">{{ p.title }}</a></li>{% endfor %}</ul>
{% endblock content %}
"#;

const NOT_FOUND: &str = r#"{% extends "base.html" %}
{% block content %}<h1>{{ t(key="not-found") }}</h1>{% endblock content %}
"#;

pub struct TestSite {
    dir: TempDir,
}

impl TestSite {
    /// site.toml (en, zh, fr), the `mini` theme and minimal i18n files.
    pub fn new() -> TestSite {
        let site = TestSite::empty();
        site.write("site.toml", SITE_TOML);
        site.write("themes/mini/templates/base.html", BASE);
        site.write("themes/mini/templates/page.html", PAGE);
        site.write("themes/mini/templates/section.html", SECTION);
        site.write("themes/mini/templates/index.html", SECTION);
        site.write("themes/mini/templates/category.html", CATEGORY);
        site.write("themes/mini/templates/404.html", NOT_FOUND);
        site.write("themes/mini/static/style.css", "body { margin: 0 }\n");
        site.write("i18n/en.ftl", "home = Home\nnot-found = Not found\n");
        site.write("i18n/zh.ftl", "home = 首页\nnot-found = 页面不存在\n");
        site.write(
            "i18n/fr.ftl",
            "home = Accueil\nnot-found = Page introuvable\n",
        );
        site
    }

    /// An empty temporary directory, for the files a test writes itself.
    pub fn empty() -> TestSite {
        TestSite {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    /// The same `{rel}.md` in every language of the site: `{rel}.md`,
    /// `{rel}.zh.md` and `{rel}.fr.md`.
    pub fn write_translated(&self, rel: &str, text: &str) {
        for lang in ["", ".zh", ".fr"] {
            self.write(&format!("{rel}{lang}.md"), text);
        }
    }

    /// Copy the repository's `rel` folder (`themes/default`, `i18n`…) to
    /// the same place in the site.
    pub fn copy_from_repo(&self, rel: &str) {
        copy_tree(&repo().join(rel), &self.root().join(rel));
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.root().join(rel)).expect("remove");
    }

    pub fn options(&self) -> Options {
        Options::new(self.root())
    }

    pub fn build(&self) -> Result<Summary, Failure> {
        zapdoc::build::build(&self.options())
    }

    /// Build and panic with every message when it fails.
    pub fn build_ok(&self) -> Summary {
        match self.build() {
            Ok(s) => s,
            Err(Failure::Input { errors, warnings }) => panic!(
                "build failed:\n{}",
                errors
                    .iter()
                    .chain(&warnings)
                    .map(|e| e.render(false))
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
            Err(Failure::Other(m)) => panic!("build failed: {m}"),
        }
    }

    /// The errors of a build that must fail on its input.
    pub fn build_errors(&self) -> Vec<zapdoc::error::Error> {
        match self.build() {
            Ok(_) => panic!("the build should have failed"),
            Err(Failure::Input { errors, .. }) => errors,
            Err(Failure::Other(m)) => panic!("expected input errors, got: {m}"),
        }
    }

    /// A session on the site with every output written, as `serve` starts.
    pub fn session(&self) -> Live {
        let s = Session::open(&self.options()).unwrap_or_else(|e| panic!("open: {e:?}"));
        let (live, _) = Live::start(s).unwrap_or_else(|e| panic!("start: {e:?}"));
        live
    }

    /// Tell `session` that `rel` changed on disk; panic with every message
    /// when the update fails.
    pub fn update(&self, session: &mut Live, rel: &str) -> Update {
        match session.update(&[self.root().join(rel)]) {
            Ok(u) => u,
            Err(Failure::Input { errors, .. }) => panic!(
                "update failed: {}",
                errors.iter().map(|e| e.render(false)).collect::<String>()
            ),
            Err(Failure::Other(m)) => panic!("update failed: {m}"),
        }
    }

    /// A file of the output, as text.
    pub fn read(&self, rel: &str) -> String {
        read(&self.public().join(rel))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.public().join(rel).exists()
    }

    /// Run the binary: `zapdoc build --root <site> ARGS…`.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command("build", args)
    }

    /// Run the binary: `zapdoc check --root <site> ARGS…`.
    pub fn check(&self, args: &[&str]) -> Output {
        self.command("check", args)
    }

    fn command(&self, command: &str, args: &[&str]) -> Output {
        zapdoc_command()
            .arg(command)
            .arg("--root")
            .arg(self.root())
            .args(args)
            .output()
            .expect("run zapdoc")
    }
}

/// The `zapdoc` binary under test, to be given its arguments.
pub fn zapdoc_command() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zapdoc"))
}

/// Run `zapdoc ARGS…` to the end.
pub fn zapdoc(args: &[&str]) -> Output {
    zapdoc_command().args(args).output().expect("run zapdoc")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The repository: the bundled site, its theme, i18n files and docs.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A file as text, or a panic naming it.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Copy the folder `from` into `to` (created if need be); the copied
/// files' paths relative to both.
pub fn copy_tree(from: &Path, to: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for e in walkdir::WalkDir::new(from) {
        let e = e.expect("walk");
        let rel = e.path().strip_prefix(from).expect("prefix");
        if e.file_type().is_dir() {
            std::fs::create_dir_all(to.join(rel)).expect("mkdir");
        } else {
            std::fs::copy(e.path(), to.join(rel)).expect("copy");
            files.push(rel.to_path_buf());
        }
    }
    files
}

/// The HTML pages among the files an update wrote.
pub fn written_pages(u: &Update) -> Vec<&str> {
    u.written
        .iter()
        .map(String::as_str)
        .filter(|f| f.ends_with(".html"))
        .collect()
}

/// Every file under `dir` with its bytes, sorted by path.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.expect("walk");
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("prefix")
                .display()
                .to_string();
            out.push((rel, std::fs::read(e.path()).expect("read")));
        }
    }
    out
}

/// A valid diagram.
pub const DIAGRAM: &str = "Ops { # Ops\n  n1: circle label:\"Start\"\n  n2: rectangle label:\"Do it\"\n  n1.handle(right) -> n2.handle(left)\n}\n";
