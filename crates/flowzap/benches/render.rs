//! `render`: parse + layout + SVG, per corpus diagram and for a synthetic
//! 10 lanes × 100 nodes diagram; and the seeds in the sequence and
//! architecture views (`render-sequence/…`, `render-architecture/…`).

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
    // The sequence and architecture views of the seeds: parse + layout +
    // SVG with the English wording, as `zapdoc render --view` does.
    for view in [flowzap::View::Sequence, flowzap::View::Architecture] {
        let mut group = c.benchmark_group(format!("render-{view}"));
        for (name, src) in corpus().into_iter().filter(|(n, _)| n.starts_with("seed-")) {
            group.bench_function(name.as_str(), |b| {
                b.iter(|| black_box(render_view(black_box(&src), view)))
            });
        }
        group.finish();
    }
}

fn render_view(src: &str, view: flowzap::View) -> String {
    let parsed = flowzap::parse(src);
    let english = flowzap::describe::English;
    let title = view.title(&parsed.diagram, &english);
    let opts = flowzap::svg::Options {
        title: &title,
        description: None,
        embed_style: true,
        decorative: false,
    };
    flowzap::view::render(&parsed.diagram, src, view, &opts, &english)
}

criterion_group!(render_benches, benches);
criterion_main!(render_benches);
