//! `parse`: FlowZap Code parsing throughput over the whole corpus.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use zapdoc::flowzap;

fn corpus() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/flowzap/examples");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the FlowZap corpus in ../shared/flowzap/examples")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "fz"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(p).unwrap(),
            )
        })
        .collect()
}

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
