//! zapdoc's integration tests, in one binary: the library and its
//! dependencies are linked into one test executable, not one per file, and
//! every test runs under one harness. `site` checks the generated site
//! (`zapdoc build`), `author` the commands an author runs beside it;
//! `support` holds the fixtures they share.
//!
//! `cargo test --test integration author::serve` runs one module's tests.

mod support;

/// The generated site: configuration, content, Markdown, output, themes,
/// and the bundled gallery and docs.
mod site {
    mod config;
    mod content;
    mod docs_examples;
    mod gallery;
    mod markdown;
    mod output;
    mod pagination;
    mod reader;
    mod theme;
}

/// What an author runs and gets beside the pages: `check`, `fmt`, `init`,
/// `render --view`, `serve` and its incremental rebuild, feeds, search.
mod author {
    mod check;
    mod equivalence;
    mod feed;
    mod fmt;
    mod incremental;
    mod init;
    mod search;
    mod serve;
    mod views;
}
