//! What the sequence view draws before any geometry: each message's kind,
//! and the `loop` and `alt` fragments cut so that their frames nest.

use super::{FragmentKind, Plan, Planned};
use crate::ast::{Diagram, Shape};
use crate::describe::MessageKind;

/// Each message's kind: within a lane, a reply (a message to a participant
/// that sent this one an earlier message), or a call.
pub(super) fn kinds(d: &Diagram) -> Vec<MessageKind> {
    let mut sent: std::collections::HashSet<(usize, usize)> = std::collections::HashSet::new();
    d.edges
        .iter()
        .map(|e| {
            let (a, b) = (d.nodes[e.from].lane, d.nodes[e.to].lane);
            if a == b {
                MessageKind::SelfCall
            } else {
                let reply = sent.contains(&(b, a));
                sent.insert((a, b));
                if reply {
                    MessageKind::Reply
                } else {
                    MessageKind::Call
                }
            }
        })
        .collect()
}

/// The messages (edge indices) of each `loop`, in loop order.
pub(super) type LoopMessages = Vec<Vec<usize>>;
/// Each decision (node index) with two or more branches, and its branches.
pub(super) type Alternatives = Vec<(usize, Vec<usize>)>;

/// The messages of each `loop` (edges between two of its nodes) and the
/// branches of each decision with two or more, in edge order.
pub(super) fn groups(d: &Diagram) -> (LoopMessages, Alternatives) {
    let loops = d
        .loops
        .iter()
        .map(|lp| {
            let mut member = vec![false; d.nodes.len()];
            for &n in &lp.nodes {
                member[n] = true;
            }
            (0..d.edges.len())
                .filter(|&i| member[d.edges[i].from] && member[d.edges[i].to])
                .collect()
        })
        .collect();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); d.nodes.len()];
    for (i, e) in d.edges.iter().enumerate() {
        if d.nodes[e.from].shape == Shape::Diamond {
            out[e.from].push(i);
        }
    }
    let alts = out
        .into_iter()
        .enumerate()
        .filter(|(_, b)| b.len() >= 2)
        .collect();
    (loops, alts)
}

/// Unbroken runs of consecutive indices.
fn runs(ids: &[usize]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &i in ids {
        match out.last_mut() {
            Some(r) if r.1 + 1 == i => r.1 = i,
            _ => out.push((i, i)),
        }
    }
    out
}

/// At most this many `loop` frames, nested at most this deep: past them
/// (only a diagram written to be hostile gets there) further loops are
/// left unframed; the description still tells every loop.
pub(super) const MAX_LOOP_FRAMES: usize = 500;
/// See [`MAX_LOOP_FRAMES`].
pub(super) const MAX_DEPTH: usize = 12;

/// Plan the sequence view: message kinds, and fragment frames that nest.
///
/// Two alts never cross (a message has one source). Each run of a loop's
/// messages is cut where it would cross a frame already planned (the
/// alts, then the earlier loops' pieces): where that frame begins or ends
/// inside the run. A piece inside an alt keeps to one operand (one
/// message), since operands are separated by a line across the frame. The
/// pieces then nest: a cut inside a planned frame would mean that frame
/// crosses another planned one. Linear in the run for each run.
pub(super) fn plan(d: &Diagram) -> Plan {
    let (loops, alts) = groups(d);
    let m = d.edges.len();
    // (kind, owner, first, last)
    let mut frags: Vec<(FragmentKind, usize, usize, usize)> = Vec::new();
    let mut alt_of: Vec<Option<usize>> = vec![None; m];
    for (node, branches) in &alts {
        for (a, b) in runs(branches) {
            for slot in &mut alt_of[a..=b] {
                *slot = Some(frags.len());
            }
            frags.push((FragmentKind::Alt, *node, a, b));
        }
    }
    // Of the loop pieces planned so far: the furthest end of one starting
    // at each message, the earliest start of one ending at each.
    let mut max_end_from: Vec<Option<usize>> = vec![None; m];
    let mut min_start_to: Vec<Option<usize>> = vec![None; m];
    let mut loop_frames = 0;
    'loops: for (li, msgs) in loops.iter().enumerate() {
        for (a, b) in runs(msgs) {
            let outside = |f: Option<usize>| {
                f.is_some_and(|f| {
                    let (_, _, s, e) = frags[f];
                    s < a || e > b
                })
            };
            let mut cuts: Vec<usize> = Vec::new();
            for x in a + 1..=b {
                let (p, q) = (alt_of[x - 1], alt_of[x]);
                let by_alt = if p == q {
                    outside(p)
                } else {
                    outside(p) || outside(q)
                };
                let by_loop = max_end_from[x].is_some_and(|e| e > b)
                    || min_start_to[x - 1].is_some_and(|s| s < a);
                if by_alt || by_loop {
                    cuts.push(x);
                }
            }
            let mut start = a;
            for next in cuts.into_iter().chain(std::iter::once(b + 1)) {
                if loop_frames >= MAX_LOOP_FRAMES {
                    break 'loops;
                }
                let (s, e) = (start, next - 1);
                frags.push((FragmentKind::Loop, li, s, e));
                loop_frames += 1;
                max_end_from[s] = Some(max_end_from[s].map_or(e, |x| x.max(e)));
                min_start_to[e] = Some(min_start_to[e].map_or(s, |x| x.min(s)));
                start = next;
            }
        }
    }
    // Outermost first: by first message, longest first, a loop around an
    // alt framing the same messages.
    frags.sort_by_key(|f| (f.2, std::cmp::Reverse(f.3), f.0, f.1));
    let mut out: Vec<Planned> = Vec::with_capacity(frags.len());
    let mut stack: Vec<usize> = Vec::new();
    for f in &frags {
        while let Some(&top) = stack.last() {
            if out[top].first <= f.2 && f.3 <= out[top].last {
                break;
            }
            stack.pop();
        }
        if stack.len() >= MAX_DEPTH {
            continue;
        }
        out.push(Planned {
            kind: f.0,
            owner: f.1,
            first: f.2,
            last: f.3,
            parent: stack.last().copied(),
            depth: stack.len(),
        });
        stack.push(out.len() - 1);
    }
    Plan {
        kinds: kinds(d),
        fragments: out,
    }
}

#[cfg(test)]
mod tests {
    use super::super::layout;
    use super::super::test_support::{CHAT, parse};
    use super::*;

    #[test]
    fn kinds_tell_calls_replies_and_self_messages() {
        let d = parse(CHAT);
        assert_eq!(
            kinds(&d),
            [
                MessageKind::SelfCall,
                MessageKind::Call,
                MessageKind::SelfCall,
                MessageKind::SelfCall,
                MessageKind::Reply,
                MessageKind::Reply,
            ]
        );
    }

    #[test]
    fn loops_and_alts_frame_exactly_their_messages() {
        let d = parse(CHAT);
        let p = plan(&d);
        // alt after Valid? frames messages 2..3 (Yes, No); the loop's only
        // message among n3 and n4 is Yes (2), inside the alt's first operand.
        let alt = p
            .fragments
            .iter()
            .find(|f| f.kind == FragmentKind::Alt)
            .unwrap();
        assert_eq!((alt.first, alt.last), (2, 3));
        let lp = p
            .fragments
            .iter()
            .find(|f| f.kind == FragmentKind::Loop)
            .unwrap();
        assert_eq!((lp.first, lp.last), (2, 2));
        assert_eq!(lp.depth, 1);
        assert!(lp.parent.is_some());
    }

    #[test]
    fn crossing_loops_are_split_to_nest() {
        // loop A frames messages 0..=1, alt frames 1..=2: A is cut at 1.
        let src = r#"A { # A
  n1: rectangle label:"a"
  n2: diamond label:"b?"
  n3: rectangle label:"c"
  n4: rectangle label:"d"
  n1.handle(right) -> n2.handle(left)
  n2.handle(right) -> n1.handle(left) [label="again"]
  n2.handle(bottom) -> n3.handle(top) [label="on"]
  n3.handle(right) -> n4.handle(left)
  loop [twice] n1 n2
}
"#;
        let p = plan(&parse(src));
        let mut got: Vec<(FragmentKind, usize, usize, usize)> = p
            .fragments
            .iter()
            .map(|f| (f.kind, f.first, f.last, f.depth))
            .collect();
        got.sort();
        assert_eq!(
            got,
            [
                (FragmentKind::Loop, 0, 0, 0),
                (FragmentKind::Loop, 1, 1, 1),
                (FragmentKind::Alt, 1, 2, 0),
            ]
        );
    }

    /// Loops written to cross everything are planned in linear time per
    /// run, and their frames are capped in number and depth.
    #[test]
    fn hostile_loops_are_bounded() {
        let n = 400;
        let mut src = String::from("A { # A\n");
        for i in 1..=n {
            src.push_str(&format!("  n{i}: rectangle label:\"s{i}\"\n"));
        }
        for i in 1..n {
            src.push_str(&format!(
                "  n{i}.handle(right) -> n{}.handle(left)\n",
                i + 1
            ));
        }
        for k in 0..60 {
            let members: Vec<String> = (1..=n)
                .filter(|i| (i / (k % 7 + 2)) % 2 == 0)
                .map(|i| format!("n{i}"))
                .collect();
            src.push_str(&format!("  loop [x] {}\n", members.join(" ")));
        }
        for _ in 0..20 {
            src.push_str("  loop [same] n1 n2 n3\n");
        }
        src.push_str("}\n");
        let d = parse(&src);
        let p = plan(&d);
        let loops = p
            .fragments
            .iter()
            .filter(|f| f.kind == FragmentKind::Loop)
            .count();
        assert!(loops <= MAX_LOOP_FRAMES, "{loops}");
        assert!(p.fragments.iter().all(|f| f.depth < MAX_DEPTH));
        // They still nest: every pair is disjoint or one holds the other.
        for a in &p.fragments {
            for b in &p.fragments {
                let disjoint = a.last < b.first || b.last < a.first;
                let nested = (a.first <= b.first && b.last <= a.last)
                    || (b.first <= a.first && a.last <= b.last);
                assert!(disjoint || nested, "{a:?} {b:?}");
            }
        }
        let l = layout(&d);
        assert_eq!(l.fragments.len(), p.fragments.len());
    }
}
