//! `parse`: FlowZap Code parsing throughput over the whole corpus.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

#[path = "../tests/engine/support.rs"]
mod support;
use support::corpus;

fn parse(c: &mut Criterion) {
    let corpus = corpus();
    let total: usize = corpus.iter().map(|(_, s)| s.len()).sum();
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("corpus", |b| {
        b.iter(|| {
            for (_, src) in &corpus {
                black_box(flowzap::parse(black_box(src)));
            }
        })
    });
    let (name, seed) = corpus
        .iter()
        .find(|(n, _)| n == "seed-webhook-integration")
        .expect("seed");
    group.throughput(Throughput::Bytes(seed.len() as u64));
    group.bench_function(name.as_str(), |b| {
        b.iter(|| black_box(flowzap::parse(black_box(seed))))
    });
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
