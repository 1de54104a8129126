//! A build kept in memory: every file read and rendered, the diagram cache,
//! the site model and the bound theme, loaded by [`Session::open`] (steps
//! 1–5, `load.rs`) and written whole by [`Session::write_all`] (steps 6–8,
//! `write.rs`): what `zapdoc build` does, top to bottom.
//!
//! `zapdoc serve` wraps the session in a [`Live`] (`live.rs`), the
//! incremental layer: it writes the site once while recording what each
//! output file was made of, then takes the files that change on disk and
//! rewrites only the output files whose inputs changed.

mod live;
mod load;
mod write;

pub use live::Live;
use write::{Written, WrittenPage};

use super::pipeline::{self, DiagramCache, Job, LoadedFile};
use super::{Failure, Options, Summary, Timings, input};
use crate::config::Config;
use crate::content::{self, Asset, CONTENT_DIR};
use crate::error::Error;
use crate::i18n::Catalog;
use crate::links::{self, Outputs, Unloaded};
use crate::output::{self, Staging};
use crate::search;
use crate::site::{EntryId, Site};
use crate::theme::{Renderer, Theme};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A site loaded in memory, ready to write and to update.
pub struct Session {
    opts: Options,
    config: Config,
    out_dir: PathBuf,
    catalog: Arc<Catalog>,
    /// The parsed theme, never bound: each model gets a fresh copy.
    theme: Theme,
    /// By path below `content/`.
    files: BTreeMap<String, LoadedFile>,
    assets: Vec<Asset>,
    /// Content files that could not be read (their errors are reported):
    /// the session of such a site serves `check`, never a build.
    unreadable: Vec<String>,
    /// The same, as links name them.
    unloaded: Unloaded,
    drafts_skipped: usize,
    cache: DiagramCache,
    site: Arc<Site>,
    renderer: Option<Renderer>,
    warnings: Vec<Error>,
    timings: Vec<(&'static str, Duration)>,
    started: Instant,
}

/// The outcome of loading a site, for `zapdoc check`: the session when the
/// model could be built, and every problem found on the way.
pub struct Attempt {
    pub session: Option<Session>,
    pub errors: Vec<Error>,
    pub warnings: Vec<Error>,
}

/// What [`Session::update`] did.
#[derive(Debug, Default)]
pub struct Update {
    /// Output files written, relative to the output directory, sorted.
    pub written: Vec<String>,
    /// Output files removed.
    pub removed: Vec<String>,
    /// Whether the whole model was rebuilt (theme, configuration or a
    /// structural content change) rather than patched.
    pub rebuilt_model: bool,
    /// Diagrams rendered by this update (others came from the cache).
    pub diagrams_rendered: usize,
    pub elapsed: Duration,
    /// Wall time of each step, in order.
    pub timings: Vec<(&'static str, Duration)>,
    pub warnings: Vec<Error>,
}

impl Update {
    /// Nothing was written or removed.
    pub fn is_empty(&self) -> bool {
        self.written.is_empty() && self.removed.is_empty()
    }
}

/// How a changed path is handled.
enum Change {
    Markdown(String),
    Asset(String),
    Everything,
}

impl Session {
    /// Load the site at `opts.root` in memory. Nothing is written.
    pub fn open(opts: &Options) -> Result<Session, Failure> {
        let mut cache = DiagramCache::default();
        let attempt = Session::attempt(opts, &mut cache)?;
        match attempt {
            Attempt {
                session: Some(session),
                errors,
                ..
            } if errors.is_empty() => Ok(session),
            Attempt {
                errors, warnings, ..
            } => Err(input(errors, warnings)),
        }
    }

    /// Content files (below `content/`) that could not be read.
    pub fn unreadable(&self) -> &[String] {
        &self.unreadable
    }

    /// Give back the diagram cache, for a later attempt.
    pub fn into_cache(self) -> DiagramCache {
        self.cache
    }

    /// The Markdown files of the site, with their parsed front matter.
    pub fn sources(&self) -> impl Iterator<Item = &content::SourceFile> {
        self.files.values().map(|f| &f.file)
    }

    /// The site model.
    pub fn site(&self) -> &Site {
        &self.site
    }

    /// Where the site is written.
    pub fn output_dir(&self) -> &Path {
        &self.out_dir
    }

    /// Diagrams rendered since the session's cache was created (a diagram
    /// served from the cache does not count).
    pub fn diagrams_rendered(&self) -> usize {
        self.cache.renders()
    }
}
