//! Render one diagram many times, for profiling, and report where the time
//! goes: `cargo run --release --example render-loop -- FILE.fz 1000`
//! (or `stress:10x100` for a generated diagram of 10 lanes × 100 nodes).

use std::time::{Duration, Instant};

// The allocator the `zapdoc` binary runs with, so that this times what ships.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "tests/corpus/seed-webhook-integration.fz".to_string());
    let times: u32 = args.next().and_then(|n| n.parse().ok()).unwrap_or(1000);
    // `stress:LANESxNODES` renders a generated diagram instead of a file.
    let src = match path.strip_prefix("stress:").and_then(|s| s.split_once('x')) {
        Some((lanes, nodes)) => flowzap::stress::diagram(
            lanes.parse().expect("lanes"),
            nodes.parse().expect("nodes per lane"),
        ),
        None => std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")),
    };
    let title = "t";
    let opts = flowzap::svg::Options {
        title,
        description: None,
        embed_style: true,
        decorative: false,
    };
    // The fastest of five rounds: this is for comparing builds on a noisy
    // machine, where the minimum is the stable statistic.
    let mut fastest = (
        Duration::MAX,
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
    );
    let mut bytes = 0;
    for _ in 0..5 {
        let (mut parse, mut layout, mut write) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
        let start = Instant::now();
        for _ in 0..times {
            let t0 = Instant::now();
            let parsed = flowzap::parse(&src);
            let t1 = Instant::now();
            let l = flowzap::layout(&parsed.diagram);
            let t2 = Instant::now();
            bytes = flowzap::svg::write(&parsed.diagram, &l, &src, &opts).len();
            let t3 = Instant::now();
            parse += t1 - t0;
            layout += t2 - t1;
            write += t3 - t2;
        }
        let total = start.elapsed() / times;
        if total < fastest.0 {
            fastest = (total, parse / times, layout / times, write / times);
        }
    }
    let (total, parse, layout, write) = fastest;
    println!(
        "{total:?} per render ({bytes} bytes): parse {parse:?}, layout {layout:?}, svg {write:?}"
    );
}
