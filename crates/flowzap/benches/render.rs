//! `render`: parse + layout + SVG, per corpus diagram and for a synthetic
//! 10 lanes × 100 nodes diagram.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

// The allocator the `zapdoc` binary runs with, so that this times what ships.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn render(src: &str) -> String {
    let parsed = flowzap::parse(src);
    flowzap::render_svg(&parsed.diagram, src)
}

#[path = "../tests/engine/support.rs"]
mod support;
use support::corpus;

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("render");
    for (name, src) in corpus() {
        group.bench_function(name.as_str(), |b| {
            b.iter(|| black_box(render(black_box(&src))))
        });
    }
    let stress = flowzap::stress::diagram(10, 100);
    group.sample_size(20);
    group.bench_function("stress-10x100", |b| {
        b.iter(|| black_box(render(black_box(&stress))))
    });
    group.finish();
}

criterion_group!(render_benches, benches);
criterion_main!(render_benches);
