//! Writes the hostile inputs of the reliability benchmark (`bench/hostile.sh`
//! times them): diagrams that stress the router, the parser and its
//! diagnostics, and a page of repeated headings.
//!
//!     cargo run --example hostile -- OUTDIR
//!
//! Each case is a `.fz` file (rendered with `zapdoc render`) or a folder
//! holding one Markdown page (built with `zapdoc build` on a site made by
//! `zapdoc init`). Deterministic: the same files every run.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "hostile".to_string());
    let out = Path::new(&out);
    std::fs::create_dir_all(out).expect("create the output folder");
    let write = |name: &str, text: String| {
        std::fs::write(out.join(name), text).expect("write a case");
    };
    write("fan-in-199.fz", fan_in(199));
    write("complete-40.fz", complete(40));
    write("random-400x1200.fz", random(400, 1200));
    write("lanes-1000x10.fz", flowzap::stress::diagram(1000, 10));
    write("lanes-1000x10-linked.fz", linked_lanes(1000, 10));
    write("braces-10k.fz", "{\n".repeat(10_000));
    write("braces-100k.fz", "{\n".repeat(100_000));
    write("unknown-shapes-20k.fz", unknown_shapes(20_000));
    write("seed-webhook-integration.fz", SEED.to_string());
    write("stress-10x100.fz", flowzap::stress::diagram(10, 100));
    for n in [5_000, 20_000] {
        let mut page = String::from("+++\ntitle = \"Headings\"\n+++\n");
        for _ in 0..n {
            page.push_str("## same\n\ntext\n\n");
        }
        write(&format!("headings-{}k.md", n / 1000), page);
    }
}

const SEED: &str = include_str!("../crates/flowzap/tests/corpus/seed-webhook-integration.fz");

/// `n - 1` nodes in one lane, each with an edge into the last one.
fn fan_in(n: usize) -> String {
    let mut s = String::from("Hub { # Hub\n");
    for i in 1..=n {
        let _ = writeln!(s, "  n{i}: rectangle label:\"Node {i}\"");
    }
    for i in 1..n {
        let _ = writeln!(s, "  n{i}.handle(right) -> n{n}.handle(left)");
    }
    s.push_str("}\n");
    s
}

/// An edge between every ordered pair of `n` nodes, spread over four lanes.
fn complete(n: usize) -> String {
    let lanes = 4;
    let lane_of = |i: usize| (i - 1) % lanes;
    let mut s = String::new();
    for l in 0..lanes {
        let _ = writeln!(s, "L{l} {{ # Lane {l}");
        for i in (1..=n).filter(|&i| lane_of(i) == l) {
            let _ = writeln!(s, "  n{i}: rectangle label:\"Node {i}\"");
        }
        for i in (1..=n).filter(|&i| lane_of(i) == l) {
            for j in (1..=n).filter(|&j| j != i) {
                let prefix = if lane_of(j) == l {
                    String::new()
                } else {
                    format!("L{}.", lane_of(j))
                };
                let _ = writeln!(s, "  n{i}.handle(right) -> {prefix}n{j}.handle(left)");
            }
        }
        s.push_str("}\n");
    }
    s
}

/// `nodes` nodes over eight lanes and `edges` edges between random pairs
/// (a fixed linear congruential sequence), with random handles.
fn random(nodes: usize, edges: usize) -> String {
    let lanes = 8;
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |m: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % m
    };
    let lane_of = |i: usize| (i - 1) % lanes;
    let handles = ["left", "right", "top", "bottom"];
    let mut by_lane = vec![String::new(); lanes];
    for _ in 0..edges {
        let (a, b) = (1 + next(nodes), 1 + next(nodes));
        if a == b {
            continue;
        }
        let prefix = if lane_of(a) == lane_of(b) {
            String::new()
        } else {
            format!("L{}.", lane_of(b))
        };
        let (ha, hb) = (handles[next(4)], handles[next(4)]);
        let _ = writeln!(
            by_lane[lane_of(a)],
            "  n{a}.handle({ha}) -> {prefix}n{b}.handle({hb})"
        );
    }
    let mut s = String::new();
    for (l, lane_edges) in by_lane.iter().enumerate() {
        let _ = writeln!(s, "L{l} {{ # Lane {l}");
        for i in (1..=nodes).filter(|&i| lane_of(i) == l) {
            let _ = writeln!(s, "  n{i}: rectangle label:\"Node {i}\"");
        }
        s.push_str(lane_edges);
        s.push_str("}\n");
    }
    s
}

/// `lanes` lanes of `per_lane` nodes, each node chained to the next in its
/// lane and linked to the node below it in the next lane.
fn linked_lanes(lanes: usize, per_lane: usize) -> String {
    let mut s = String::new();
    let id = |l: usize, k: usize| l * per_lane + k + 1;
    for l in 0..lanes {
        let _ = writeln!(s, "L{l} {{ # Lane {l}");
        for k in 0..per_lane {
            let _ = writeln!(s, "  n{}: rectangle label:\"Step {k}\"", id(l, k));
        }
        for k in 0..per_lane {
            if k + 1 < per_lane {
                let _ = writeln!(
                    s,
                    "  n{}.handle(right) -> n{}.handle(left)",
                    id(l, k),
                    id(l, k + 1)
                );
            }
            if l + 1 < lanes {
                let _ = writeln!(
                    s,
                    "  n{}.handle(bottom) -> L{}.n{}.handle(top)",
                    id(l, k),
                    l + 1,
                    id(l + 1, k)
                );
            }
        }
        s.push_str("}\n");
    }
    s
}

/// One lane of `n` nodes, every one with a shape FlowZap does not know.
fn unknown_shapes(n: usize) -> String {
    let mut s = String::from("A { # A\n");
    for i in 1..=n {
        let _ = writeln!(s, "  n{i}: hexagon label:\"x\"");
    }
    s.push_str("}\n");
    s
}
