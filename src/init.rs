//! `zapdoc init DIR`: a working multilingual site (English, Chinese,
//! French) with one template page holding a FlowZap diagram, the bundled
//! default theme and its UI strings. The theme and strings are embedded in
//! the binary at compile time (see the crate's `build.rs`), so `init` works
//! anywhere, not only in the repository.

use std::path::{Path, PathBuf};

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
}

/// The files of the bundled theme and UI strings: (path in a site, bytes).
pub fn bundled_files() -> &'static [(&'static str, &'static [u8])] {
    bundled::FILES
}

const SITE_TOML: &str = r#"title = "My FlowZap site"
description = "Swimlane workflows written in FlowZap Code, rendered by zapdoc."
# Root-relative: the site works on any host. Override with `zapdoc build --base-url`.
base_url = "/"
default_language = "en"
theme = "default"
output_dir = "public"

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

const DIAGRAM: &str = r#"```flowzap
Requester { # Requester
  n1: circle label:"Start"
  n2: rectangle label:"Submit request"
  n1.handle(right) -> n2.handle(left)
  n2.handle(bottom) -> Approver.n3.handle(top) [label="Request"]
}

Approver { # Approver
  n3: diamond label:"Approve?"
  n4: rectangle label:"Grant access"
  n5: circle label:"End"
  n3.handle(right) -> n4.handle(left) [label="Yes"]
  n4.handle(right) -> n5.handle(left)
}
```
"#;

/// (path, text) of the site's own files.
fn site_files() -> Vec<(&'static str, String)> {
    let page = |title: &str, description: &str, body: &str| {
        format!(
            "+++\ntitle = \"{title}\"\ndescription = \"{description}\"\ncategory = \"business-operations\"\ntags = [\"approval\"]\ndate = 2026-01-01\n+++\n\n{body}\n\n{DIAGRAM}"
        )
    };
    vec![
        ("site.toml", SITE_TOML.to_string()),
        (
            "content/_index.md",
            "+++\ntitle = \"My FlowZap site\"\ndescription = \"Swimlane workflows in FlowZap Code.\"\n+++\n\nWelcome. Browse the [templates](@/templates/_index.md).\n".to_string(),
        ),
        (
            "content/_index.zh.md",
            "+++\ntitle = \"我的 FlowZap 网站\"\ndescription = \"用 FlowZap Code 编写的泳道流程图。\"\n+++\n\n欢迎。浏览[模板](@/templates/_index.md)。\n".to_string(),
        ),
        (
            "content/_index.fr.md",
            "+++\ntitle = \"Mon site FlowZap\"\ndescription = \"Des flux en couloirs écrits en FlowZap Code.\"\n+++\n\nBienvenue. Parcourez les [modèles](@/templates/_index.md).\n".to_string(),
        ),
        (
            "content/templates/_index.md",
            "+++\ntitle = \"Templates\"\ndescription = \"Swimlane templates.\"\n+++\n".to_string(),
        ),
        (
            "content/templates/_index.zh.md",
            "+++\ntitle = \"模板\"\ndescription = \"泳道流程模板。\"\n+++\n".to_string(),
        ),
        (
            "content/templates/_index.fr.md",
            "+++\ntitle = \"Modèles\"\ndescription = \"Modèles de flux en couloirs.\"\n+++\n".to_string(),
        ),
        (
            "content/templates/access-request.md",
            page(
                "Access request approval",
                "A requester asks for access; an approver grants it.",
                "A request goes from the requester to an approver, who grants access. Edit the diagram below and run `zapdoc serve` to see it change as you type.",
            ),
        ),
        (
            "content/templates/access-request.zh.md",
            page(
                "访问申请审批",
                "申请人提交访问申请，审批人批准并授予权限。",
                "申请从申请人流向审批人，由审批人授予权限。",
            ),
        ),
        (
            "content/templates/access-request.fr.md",
            page(
                "Approbation d’une demande d’accès",
                "Un demandeur sollicite un accès ; un approbateur l’accorde.",
                "La demande va du demandeur à l’approbateur, qui accorde l’accès.",
            ),
        ),
    ]
}

/// Write a new site into `dir`, which must be missing or empty. Returns the
/// files written (relative to `dir`). `Err` is one line.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, String> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err(format!("`{}` exists and is not a directory", dir.display()));
        }
        let mut entries = std::fs::read_dir(dir).map_err(|e| crate::util::cannot_read(dir, &e))?;
        if entries.next().is_some() {
            return Err(format!(
                "`{}` is not empty; choose a new or empty directory",
                dir.display()
            ));
        }
    }
    let mut written = Vec::new();
    let mut write = |rel: &str, bytes: &[u8]| -> Result<(), String> {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| crate::util::cannot("create", parent, &e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| crate::util::cannot("write", &path, &e))?;
        written.push(PathBuf::from(rel));
        Ok(())
    };
    for (rel, text) in site_files() {
        write(rel, text.as_bytes())?;
    }
    for (rel, bytes) in bundled_files() {
        write(rel, bytes)?;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_theme_is_bundled() {
        let names: Vec<&str> = bundled_files().iter().map(|(n, _)| *n).collect();
        for required in crate::theme::REQUIRED {
            let path = format!("themes/default/templates/{required}");
            assert!(names.contains(&path.as_str()), "{path} in {names:?}");
        }
        assert!(names.contains(&"i18n/zh.ftl"));
    }
}
