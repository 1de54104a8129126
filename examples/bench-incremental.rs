//! Time from a page edit written to disk to the new page on disk, on a
//! generated site:
//!
//! ```text
//! cargo run --release --example gen-site -- 10000 DIR --gallery
//! cargo run --release --example bench-incremental -- DIR [ROUNDS]
//! ```
//!
//! Three measurements, each over ROUNDS edits (default 10) of different
//! pages, reported as median and max:
//!
//! 1. `update`: the edit written, then [`Live::update`] called directly
//!    with its path; the clock stops when the new page is on disk.
//! 2. `serve`: a real `zapdoc serve` (watcher, debounce, update) on a free
//!    loopback port; the clock runs from the write until the page on disk
//!    holds the new text (polled every 0.2 ms).
//! 3. `title edit`: a change to what related pages are scored on (the
//!    title), which rebuilds the model in memory: the slow path.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};
use zapdoc::build::{Live, Options, Session};

fn page(root: &Path, n: usize) -> (PathBuf, PathBuf) {
    let name = format!("t{n:05}");
    (
        root.join(format!("content/templates/{name}.md")),
        root.join(format!("public/templates/{name}/index.html")),
    )
}

/// The page's text with a new sentence at the end of its first paragraph.
fn edited(text: &str, marker: &str) -> String {
    match text.find(".\n\n```") {
        Some(i) => format!("{} {marker}.{}", &text[..i], &text[i + 1..]),
        None => format!("{text}\n{marker}\n"),
    }
}

fn retitled(text: &str, marker: &str) -> String {
    text.replacen("title = \"", &format!("title = \"{marker} "), 1)
}

fn stats(name: &str, mut v: Vec<Duration>) {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<12} median {:>7.1} ms   min {:>7.1} ms   max {:>7.1} ms   ({} edits)",
        ms(v[v.len() / 2]),
        ms(v[0]),
        ms(v[v.len() - 1]),
        v.len()
    );
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(
        args.first()
            .ok_or("usage: bench-incremental DIR [ROUNDS]")?,
    );
    let rounds: usize = args
        .get(1)
        .map_or(Ok(10), |r| r.parse())
        .map_err(|e| format!("ROUNDS: {e}"))?;
    let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
    let write =
        |p: &Path, t: &str| std::fs::write(p, t).map_err(|e| format!("{}: {e}", p.display()));

    // 1. The update alone.
    let opts = Options::new(&root);
    let t = Instant::now();
    let session = Session::open(&opts).map_err(|e| format!("{e:?}"))?;
    let (mut session, _) = Live::start(session).map_err(|e| format!("{e:?}"))?;
    println!(
        "initial build: {:.0} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let mut times = Vec::new();
    let mut written = Vec::new();
    for round in 0..rounds {
        let (src, out) = page(&root, 100 + round * 7);
        let marker = format!("Edited in round {round} of the update bench");
        let text = edited(&read(&src)?, &marker);
        let start = Instant::now();
        write(&src, &text)?;
        let update = session
            .update(std::slice::from_ref(&src))
            .map_err(|e| format!("{e:?}"))?;
        let elapsed = start.elapsed();
        if !read(&out)?.contains(&marker) {
            return Err(format!("{} does not hold the edit", out.display()));
        }
        times.push(elapsed);
        written.push(update.written.len());
        if round == rounds - 1 {
            for (step, t) in &update.timings {
                println!("             {:>7.1} ms  {step}", t.as_secs_f64() * 1000.0);
            }
        }
    }
    stats("update", times);
    println!("             files written per edit: {written:?}");

    let mut times = Vec::new();
    let mut written = Vec::new();
    for round in 0..rounds.min(5) {
        let (src, out) = page(&root, 400 + round * 7);
        let marker = format!("Retitled{round}");
        let text = retitled(&read(&src)?, &marker);
        let start = Instant::now();
        write(&src, &text)?;
        let update = session
            .update(std::slice::from_ref(&src))
            .map_err(|e| format!("{e:?}"))?;
        let elapsed = start.elapsed();
        if !read(&out)?.contains(&marker) {
            return Err(format!("{} does not hold the edit", out.display()));
        }
        times.push(elapsed);
        written.push(update.written.len());
    }
    stats("title edit", times);
    println!("             files written per edit: {written:?}");
    drop(session);

    // 2. Through a real server: watcher, debounce, update.
    let mut serve = zapdoc::serve::ServeOptions::new(&root);
    serve.port = 0;
    serve.log = std::sync::Arc::new(|_: &str| {});
    let server = zapdoc::serve::start(serve)?;
    std::thread::sleep(Duration::from_millis(500));
    let mut times = Vec::new();
    for round in 0..rounds {
        let (src, out) = page(&root, 700 + round * 7);
        let marker = format!("Edited in round {round} of the serve bench");
        let text = edited(&read(&src)?, &marker);
        let start = Instant::now();
        write(&src, &text)?;
        loop {
            if std::fs::read_to_string(&out).is_ok_and(|t| t.contains(&marker)) {
                break;
            }
            if start.elapsed() > Duration::from_secs(30) {
                return Err(format!("{} never got the edit", out.display()));
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        times.push(start.elapsed());
        // Let the watcher settle between edits.
        std::thread::sleep(Duration::from_millis(300));
    }
    server.stop();
    stats("serve", times);
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
