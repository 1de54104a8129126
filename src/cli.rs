//! Command-line interface: argument parsing and exit codes.
//!
//! Exit codes: 0 success (warnings allowed), 1 when the input has errors
//! (diagram or site), 2 for usage and I/O errors.

use crate::build::Failure;
use crate::flowzap;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "zapdoc",
    version,
    about = "Static documentation sites with FlowZap diagrams rendered to inline SVG"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Render one FlowZap Code diagram (a .fz file, or - for stdin).
    Render(RenderArgs),
    /// Build the site: Markdown in every language, diagrams inline, into public/.
    Build(BuildArgs),
    /// Build, serve on loopback, rebuild on change and reload the browsers.
    Serve(ServeArgs),
    /// Check diagrams, links, anchors, translations and Fluent messages; write nothing.
    Check(CheckArgs),
    /// Create a new multilingual site with one diagram page in DIR.
    Init(InitArgs),
    /// Format FlowZap Code in .fz files and in the ```flowzap fences of Markdown files.
    Fmt(FmtArgs),
}

#[derive(Debug, clap::Args)]
struct FmtArgs {
    /// Files or folders (default: the site's content/).
    paths: Vec<PathBuf>,
    /// The site root whose content/ is formatted when no PATH is given.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Write nothing; list the files that would change and exit 1 if any would.
    #[arg(long)]
    check: bool,
}

#[derive(Debug, clap::Args)]
struct ServeArgs {
    /// The site root, holding site.toml.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Output directory (default: `output_dir` of site.toml, under the root).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// The port to listen on (0 picks a free one).
    #[arg(short, long, default_value_t = 1111)]
    port: u16,
    /// The address to listen on; loopback unless you mean to share the site.
    #[arg(short, long, default_value = "127.0.0.1")]
    interface: std::net::IpAddr,
    /// Replace the output folder even if it holds files zapdoc did not
    /// write (never the site's own sources).
    #[arg(long)]
    force: bool,
    /// Include pages marked `draft = true`.
    #[arg(long)]
    drafts: bool,
    /// Replace `base_url` (default `/`, so links stay on this server).
    #[arg(long)]
    base_url: Option<String>,
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// The site root, holding site.toml.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Check pages marked `draft = true` too.
    #[arg(long)]
    drafts: bool,
    /// Fail (exit 1) when there are warnings.
    #[arg(long)]
    deny_warnings: bool,
    /// `human` (rustc-style, on stderr) or `json` (an array on stdout).
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    format: CheckFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum CheckFormat {
    Human,
    Json,
}

#[derive(Debug, clap::Args)]
struct InitArgs {
    /// The new site's directory (missing or empty).
    dir: PathBuf,
}

#[derive(Debug, clap::Args)]
struct BuildArgs {
    /// The site root, holding site.toml.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Output directory (default: `output_dir` of site.toml, under the root).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Replace the output folder even if it holds files zapdoc did not
    /// write (never the site's own sources).
    #[arg(long)]
    force: bool,
    /// Include pages marked `draft = true`.
    #[arg(long)]
    drafts: bool,
    /// Replace `base_url` of site.toml (e.g. https://example.com/docs/).
    #[arg(long)]
    base_url: Option<String>,
    /// Fail (exit 1, nothing written) when there are warnings.
    #[arg(long)]
    deny_warnings: bool,
    /// Print the wall time of each build stage.
    #[arg(long)]
    timings: bool,
}

#[derive(Debug, clap::Args)]
struct RenderArgs {
    /// The diagram file; `-` reads standard input.
    file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Svg)]
    format: Format,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Fail (exit 1) when the diagram has warnings.
    #[arg(long)]
    deny_warnings: bool,
    /// Which drawing of the diagram (SVG only; `--format json` is the
    /// graph whatever the view).
    #[arg(long, value_enum, default_value_t = ViewArg::Workflow)]
    view: ViewArg,
}

/// The views of `zapdoc render --view`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum ViewArg {
    /// Swimlanes: lanes as bands, steps and connectors.
    Workflow,
    /// Participants and their lifelines, messages in the order written.
    Sequence,
    /// Components and the dependencies between them.
    Architecture,
}

impl From<ViewArg> for flowzap::View {
    fn from(v: ViewArg) -> Self {
        match v {
            ViewArg::Workflow => flowzap::View::Workflow,
            ViewArg::Sequence => flowzap::View::Sequence,
            ViewArg::Architecture => flowzap::View::Architecture,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Svg,
    Json,
}

const EXIT_INPUT: u8 = 1;
const EXIT_USAGE: u8 = 2;

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Render(args) => render(&args),
        Command::Build(args) => build(&args),
        Command::Serve(args) => serve(&args),
        Command::Check(args) => check(&args),
        Command::Init(args) => init(&args),
        Command::Fmt(args) => fmt(&args),
    };
    match result {
        Ok(code) => code,
        // Only `build` ends here with problems of the input: `render` and
        // `check` report theirs and exit 1 themselves.
        Err(Failure::Input { errors, warnings }) => {
            let color = std::io::stderr().is_terminal();
            let mut stderr = std::io::stderr().lock();
            for e in errors.iter().chain(&warnings) {
                let _ = writeln!(stderr, "{}\n", e.render(color));
            }
            let why = if errors.is_empty() {
                format!("{} warning(s) denied by --deny-warnings", warnings.len())
            } else {
                format!("{} error(s), {} warning(s)", errors.len(), warnings.len())
            };
            let _ = writeln!(stderr, "error: build failed: {why}; nothing written");
            ExitCode::from(EXIT_INPUT)
        }
        Err(Failure::Other(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn render(args: &RenderArgs) -> Result<ExitCode, Failure> {
    let (name, source) = read_input(&args.file)?;
    let parsed = flowzap::parse(&source);
    let color = std::io::stderr().is_terminal();
    let mut stderr = std::io::stderr().lock();
    // Printed like every other problem zapdoc reports (one renderer).
    let text: std::sync::Arc<str> = std::sync::Arc::from(source.as_str());
    for d in &parsed.diagnostics {
        let e = crate::error::Error::from_diagram(d, &name, &text);
        let _ = writeln!(stderr, "{}", e.render(color));
    }
    if parsed.omitted > 0 {
        let _ = writeln!(
            stderr,
            "note: {name}: {} more problem(s) not shown (the first {} are)\n",
            parsed.omitted,
            flowzap::MAX_DIAGNOSTICS
        );
    }
    let errors = parsed.errors().count();
    let warnings = parsed.diagnostics.len() - errors;
    if errors > 0 {
        let more = if parsed.omitted > 0 {
            format!(" shown, {} more", parsed.omitted)
        } else {
            String::new()
        };
        let _ = writeln!(
            stderr,
            "error: {name}: {errors} error(s), {warnings} warning(s){more}; nothing rendered"
        );
        return Ok(ExitCode::from(EXIT_INPUT));
    }
    if args.deny_warnings && warnings > 0 {
        let _ = writeln!(
            stderr,
            "error: {name}: {warnings} warning(s) denied by --deny-warnings"
        );
        return Ok(ExitCode::from(EXIT_INPUT));
    }
    let out = match args.format {
        Format::Json => {
            let mut json = flowzap::graph::to_json(&parsed.diagram);
            json.push('\n');
            json
        }
        Format::Svg => {
            let view = flowzap::View::from(args.view);
            let english = flowzap::describe::English;
            let title = view.title(&parsed.diagram, &english);
            let opts = flowzap::svg::Options {
                title: &title,
                description: None,
                embed_style: true,
                decorative: false,
            };
            flowzap::view::render(&parsed.diagram, &source, view, &opts, &english)
        }
    };
    write_output(args.output.as_ref(), &out)?;
    Ok(ExitCode::SUCCESS)
}

fn build(args: &BuildArgs) -> Result<ExitCode, Failure> {
    let color = std::io::stderr().is_terminal();
    let opts = crate::build::Options {
        root: args.root.clone(),
        output: args.output.clone(),
        drafts: args.drafts,
        base_url: args.base_url.clone(),
        deny_warnings: args.deny_warnings,
        progress: color,
        force: args.force,
    };
    let s = crate::build::build(&opts)?;
    let mut stderr = std::io::stderr().lock();
    for w in &s.warnings {
        let _ = writeln!(stderr, "{}\n", w.render(color));
    }
    for note in &s.notes {
        let _ = writeln!(stderr, "note: {note}\n");
    }
    if args.timings {
        for (stage, t) in &s.timings {
            let _ = writeln!(stderr, "{:>8.1} ms  {stage}", t.as_secs_f64() * 1000.0);
        }
    }
    let drafts = if s.drafts_skipped > 0 {
        format!(", {} draft(s) skipped", s.drafts_skipped)
    } else {
        String::new()
    };
    let _ = writeln!(
        stderr,
        "Built {} pages, {} sections and {} category pages in {} languages, {} diagrams ({} distinct), {} files, {} warning(s){drafts} in {} ms → {}{}",
        s.pages,
        s.sections,
        s.category_pages,
        s.languages,
        s.diagrams,
        s.distinct_diagrams,
        s.files,
        s.warnings.len(),
        s.elapsed.as_millis(),
        s.output.display(),
        match s.mode {
            crate::output::Mode::Renamed => String::new(),
            m => format!(" ({})", m.describe()),
        }
    );
    Ok(ExitCode::SUCCESS)
}

fn serve(args: &ServeArgs) -> Result<ExitCode, Failure> {
    let color = std::io::stderr().is_terminal();
    let mut opts = crate::serve::ServeOptions::new(&args.root);
    opts.build.output = args.output.clone();
    opts.build.drafts = args.drafts;
    opts.build.force = args.force;
    opts.build.base_url = args.base_url.clone();
    opts.build.progress = color;
    opts.port = args.port;
    opts.interface = args.interface;
    opts.color = color;
    if !args.interface.is_loopback() {
        eprintln!(
            "warning: serving on {}: other machines on the network can read the site",
            args.interface
        );
    }
    let server = crate::serve::start(opts).map_err(Failure::Other)?;
    eprintln!("Press Ctrl-C to stop.");
    server.wait();
    Ok(ExitCode::SUCCESS)
}

fn check(args: &CheckArgs) -> Result<ExitCode, Failure> {
    let mut opts = crate::build::Options::new(&args.root);
    opts.drafts = args.drafts;
    let problems = match crate::lint::check(&opts) {
        Ok(p) => p,
        Err(f @ Failure::Other(_)) => return Err(f),
        // Problems of the input are what `check` reports, not a failure.
        Err(Failure::Input { errors, warnings }) => errors.into_iter().chain(warnings).collect(),
    };
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = problems.len() - errors;
    match args.format {
        CheckFormat::Json => {
            let mut out = crate::lint::to_json(&problems);
            out.push('\n');
            write_output(None, &out)?;
        }
        CheckFormat::Human => {
            let color = std::io::stderr().is_terminal();
            let mut stderr = std::io::stderr().lock();
            for p in &problems {
                let _ = writeln!(stderr, "{}\n", p.render(color));
            }
            let _ = writeln!(stderr, "check: {errors} error(s), {warnings} warning(s)");
        }
    }
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);
    Ok(if failed {
        ExitCode::from(EXIT_INPUT)
    } else {
        ExitCode::SUCCESS
    })
}

fn fmt(args: &FmtArgs) -> Result<ExitCode, Failure> {
    let color = std::io::stderr().is_terminal();
    let paths = if args.paths.is_empty() {
        vec![args.root.join("content")]
    } else {
        args.paths.clone()
    };
    let report = crate::fmt::run(&paths, args.check, color).map_err(Failure::Other)?;
    let mut stderr = std::io::stderr().lock();
    for (file, outcome) in &report.files {
        if let crate::fmt::Outcome::Failed(errors) = outcome {
            for e in errors {
                let _ = writeln!(
                    stderr,
                    "{e}
"
                );
            }
            let _ = writeln!(stderr, "left unchanged: {}", file.display());
        }
    }
    let changed: Vec<_> = report.changed().collect();
    for file in &changed {
        let verb = if args.check {
            "would reformat"
        } else {
            "reformatted"
        };
        let _ = writeln!(stderr, "{verb}: {}", file.display());
    }
    let _ = writeln!(
        stderr,
        "fmt: {} file(s) {}, {} unchanged, {} with errors",
        changed.len(),
        if args.check {
            "to reformat"
        } else {
            "reformatted"
        },
        report.files.len() - changed.len() - report.failed(),
        report.failed()
    );
    let failed = report.failed() > 0 || (args.check && !changed.is_empty());
    Ok(if failed {
        ExitCode::from(EXIT_INPUT)
    } else {
        ExitCode::SUCCESS
    })
}

fn init(args: &InitArgs) -> Result<ExitCode, Failure> {
    let written = crate::init::init(&args.dir).map_err(Failure::Other)?;
    eprintln!(
        "Created a site with {} files in {}.\nNext: zapdoc serve --root {}",
        written.len(),
        args.dir.display(),
        args.dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Read a file (or stdin for `-`) as UTF-8, with errors that say what failed.
fn read_input(path: &PathBuf) -> Result<(String, String), Failure> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Failure::Other(format!("cannot read standard input: {e}")))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            Failure::Other(format!(
                "standard input is {}",
                crate::error::not_utf8(e.as_bytes())
            ))
        })?;
        return Ok(("<stdin>".to_string(), strip_bom(text)));
    }
    let name = path.display().to_string();
    let bytes =
        std::fs::read(path).map_err(|e| Failure::Other(crate::util::cannot_read(path, &e)))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Failure::Other(format!(
            "`{name}` is {}",
            crate::error::not_utf8(e.as_bytes())
        ))
    })?;
    Ok((name, strip_bom(text)))
}

/// Drop a leading UTF-8 byte-order mark (Windows editors write one): it is
/// not text, and would shift every column of line 1.
fn strip_bom(mut text: String) -> String {
    text.drain(..crate::util::bom_len(&text));
    text
}

fn write_output(path: Option<&PathBuf>, text: &str) -> Result<(), Failure> {
    match path {
        Some(p) => {
            std::fs::write(p, text).map_err(|e| Failure::Other(crate::util::cannot("write", p, &e)))
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .map_err(|e| Failure::Other(format!("cannot write to standard output: {e}")))
        }
    }
}
