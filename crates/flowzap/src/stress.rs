//! Synthetic diagrams for stress tests and benchmarks: `lanes` lanes of
//! `per_lane` nodes each, with chains, decisions with retry edges, hops
//! between lanes and loops — the shapes real templates use, at scale.

use std::fmt::Write;

/// FlowZap Code for a synthetic diagram. Deterministic.
pub fn diagram(lanes: usize, per_lane: usize) -> String {
    let mut s = String::new();
    let id = |lane: usize, k: usize| lane * per_lane + k + 1;
    for lane in 0..lanes {
        let _ = writeln!(s, "L{lane} {{ # Lane {lane} team");
        for k in 0..per_lane {
            let n = id(lane, k);
            let shape = if k % 7 == 3 {
                "diamond"
            } else if k == 0 && lane == 0 {
                "circle"
            } else {
                "rectangle"
            };
            let _ = writeln!(s, "  n{n}: {shape} label:\"Step {n} of lane {lane}\"");
        }
        for k in 0..per_lane.saturating_sub(1) {
            let (a, b) = (id(lane, k), id(lane, k + 1));
            let label = if k % 7 == 3 { " [label=\"Yes\"]" } else { "" };
            let _ = writeln!(s, "  n{a}.handle(right) -> n{b}.handle(left){label}");
            if k % 7 == 3 && k >= 1 {
                let back = id(lane, k - 1);
                let _ = writeln!(
                    s,
                    "  n{a}.handle(bottom) -> n{back}.handle(bottom) [label=\"Retry\"]"
                );
                let _ = writeln!(s, "  loop [retry up to 3 times] n{back} n{a}");
            }
        }
        if lane + 1 < lanes {
            for k in (5..per_lane).step_by(10) {
                let (a, b) = (id(lane, k), id(lane + 1, k));
                let _ = writeln!(
                    s,
                    "  n{a}.handle(bottom) -> L{}.n{b}.handle(top) [label=\"Hand off\"]",
                    lane + 1
                );
            }
        }
        let _ = writeln!(s, "}}");
    }
    s
}
