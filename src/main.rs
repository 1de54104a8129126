//! The `zapdoc` command line.

use std::process::ExitCode;

fn main() -> ExitCode {
    zapdoc::cli::main()
}
