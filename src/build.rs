//! The build pipeline, top to bottom:
//!
//! 1. `site.toml` → [`Config`](crate::config::Config); `i18n/*.ftl` →
//!    [`Catalog`](crate::i18n::Catalog); theme templates parsed.
//! 2. `content/**` read and front matter parsed once ([`content::load`](crate::content::load)).
//! 3. Markdown rendered in parallel; ```flowzap fences collected.
//! 4. Every *distinct* diagram parsed and rendered once, in parallel (a
//!    [`DiagramCache`] keyed by the diagram's text); its diagnostics located
//!    at each occurrence in its `.md` file.
//! 5. The [`Site`](crate::site::Site) model: URLs, translations, categories,
//!    related pages.
//! 6. Every page, section, category page and `404.html` rendered in
//!    parallel (one shared tera), post-processed and written to staging.
//! 7. Static files, highlight stylesheets, the diagram font (a WOFF2 subset)
//!    and stylesheet, each diagram as a standalone SVG file beside its page,
//!    `sitemap.xml`, `robots.txt`, the per-language search indexes
//!    ([`crate::search`]) and Atom feeds ([`crate::feed`]).
//! 8. All errors reported together; only a clean build replaces the output.
//!
//! Steps 1–5 make a [`Session`], which [`build`] writes out once. `zapdoc
//! serve` wraps it in a [`Live`], the incremental layer, which writes it
//! while recording what each output file is made of, and then rebuilds
//! only what an edit affects ([`Live::update`]).

mod pipeline;
mod session;

pub use pipeline::DiagramCache;
pub use session::{Attempt, Live, Session, Update};

use crate::error::{self, Error};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Where the build writes the bundled Inter font (the one diagram text is
/// measured with) as a WOFF2 subset of the glyphs the site's diagrams draw
/// ([`crate::font`]), relative to the output directory.
pub const FONT_FILE: &str = "fonts/Inter-Regular.woff2";
/// Where the build writes the stylesheet inline diagrams rely on.
pub const DIAGRAM_CSS: &str = "flowzap.css";

/// What to build and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site root (holding `site.toml`).
    pub root: PathBuf,
    /// Output directory; default: `output_dir` of `site.toml`, under the root.
    pub output: Option<PathBuf>,
    /// Include pages marked `draft = true`.
    pub drafts: bool,
    /// Replace `base_url` of `site.toml`.
    pub base_url: Option<String>,
    /// Fail when there are warnings.
    pub deny_warnings: bool,
    /// Show a progress bar (on a terminal).
    pub progress: bool,
    /// Replace an output folder that holds files zapdoc did not write.
    pub force: bool,
}

impl Options {
    /// Build the site at `root` with the defaults of its `site.toml`.
    pub fn new(root: impl Into<PathBuf>) -> Options {
        Options {
            root: root.into(),
            output: None,
            drafts: false,
            base_url: None,
            deny_warnings: false,
            progress: false,
            force: false,
        }
    }
}

/// A successful build.
#[derive(Debug)]
pub struct Summary {
    /// Pages (not sections), all languages.
    pub pages: usize,
    pub sections: usize,
    pub category_pages: usize,
    pub languages: usize,
    /// ```flowzap blocks in the site.
    pub diagrams: usize,
    /// Distinct diagrams, each rendered once.
    pub distinct_diagrams: usize,
    /// Files written to the output directory.
    pub files: usize,
    pub drafts_skipped: usize,
    pub output: PathBuf,
    /// How the new site replaced the output folder.
    pub mode: crate::output::Mode,
    pub elapsed: Duration,
    /// Wall time of each stage, in order.
    pub timings: Vec<(&'static str, Duration)>,
    pub warnings: Vec<Error>,
    /// What the reader of the summary should know that is no problem of
    /// the input (and so not denied by `deny_warnings`): a root-relative
    /// `base_url` leaves the site without a sitemap.
    pub notes: Vec<String>,
}

/// Wall time per stage.
pub(crate) struct Timings {
    last: Instant,
    pub(crate) laps: Vec<(&'static str, Duration)>,
}

impl Timings {
    pub(crate) fn new() -> Timings {
        Timings {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    pub(crate) fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
    }
}

/// A failed build (nothing was written); the CLI's commands fail with it
/// too, with `Other` for usage and I/O.
#[derive(Debug)]
pub enum Failure {
    /// The input has errors (or warnings under `deny_warnings`), sorted by
    /// file and position.
    Input {
        errors: Vec<Error>,
        warnings: Vec<Error>,
    },
    /// Usage or I/O: one line.
    Other(String),
}

pub(crate) fn input(errors: Vec<Error>, warnings: Vec<Error>) -> Failure {
    let mut errors = error::merge_repeats(errors);
    let mut warnings = error::merge_repeats(warnings);
    error::sort(&mut errors);
    error::sort(&mut warnings);
    Failure::Input { errors, warnings }
}

/// Build the site described by `opts`: load it ([`Session::open`]) and
/// write it ([`Session::write_all`]).
pub fn build(opts: &Options) -> Result<Summary, Failure> {
    // Refuse a folder zapdoc must not replace before any work is done.
    crate::output::check(&opts.root, &output_dir(opts), opts.force).map_err(Failure::Other)?;
    Session::open(opts)?.write_all()
}

/// The output folder `opts` asks for: `--output`, else `output_dir` of
/// `site.toml` (`public` when that cannot be read) under the root.
pub fn output_dir(opts: &Options) -> PathBuf {
    if let Some(o) = &opts.output {
        return o.clone();
    }
    let dir = crate::config::Config::load(&opts.root)
        .map(|c| c.output_dir)
        .unwrap_or_else(|_| "public".to_string());
    opts.root.join(dir)
}
