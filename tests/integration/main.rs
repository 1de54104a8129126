//! zapdoc's integration tests, in one binary so that the library and its
//! dependencies are linked into a test executable once, not once per file.
//! `site` checks the generated site (`zapdoc build`), `author` the
//! commands an author runs beside it; `support` holds the fixtures they share.

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

/// The author's commands: `check`, `fmt`, `init`, `render`, `serve` and its
/// incremental rebuild, and the feeds and search index they read.
mod author {
    mod check;
    mod feed;
    mod fmt;
    mod incremental;
    mod init;
    mod search;
    mod serve;
    mod views;
}
