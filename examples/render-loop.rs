//! Render one diagram many times, for profiling:
//! `cargo run --release --example render-loop -- FILE.fz 1000`.

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "../shared/flowzap/examples/seed-webhook-integration.fz".to_string());
    let times: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1000);
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let start = std::time::Instant::now();
    let mut bytes = 0;
    for _ in 0..times {
        let parsed = zapdoc::flowzap::parse(&src);
        bytes += zapdoc::flowzap::render_svg(&parsed.diagram, &src).len();
    }
    println!(
        "{:?} per render ({bytes} bytes)",
        start.elapsed() / times as u32
    );
}
