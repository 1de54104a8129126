//! The `zapdoc` command line.

use std::process::ExitCode;

// A build allocates many short-lived strings across threads (Markdown
// events, template values, highlighted spans); mimalloc handles that
// pattern markedly better than glibc's allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    zapdoc::cli::main()
}
