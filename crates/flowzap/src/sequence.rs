//! The sequence view: the same diagram as a UML-style sequence diagram.
//!
//! Each lane is a participant, left to right in file order, with a header
//! box at the top (and a footer box at the bottom when the drawing is
//! taller than [`TALL`]) and a dashed lifeline. Each edge is a message, one
//! row each, top to bottom in edge order; an edge within one lane is a
//! self-message, and a message back to a participant that sent this one an
//! earlier message is a reply, drawn dashed. Each node is a step: a box on
//! its lifeline, drawn when the flow first reaches it — in the row of the
//! message that arrives at it (the arrow ends on the box), or in a row of
//! its own just before the first message it sends. Nodes no edge touches
//! come last.
//!
//! Fragments: a `loop [...]` frames the messages among its nodes, and the
//! branches leaving a diamond (two or more) are an `alt` fragment, one
//! operand per branch with its label as the guard. A fragment frames
//! exactly its messages: where other messages come between them in edge
//! order, it is drawn as several frames, one per unbroken run; frames that
//! would cross are split so that they nest.

use crate::ast::{Diagram, Node, Shape};
use crate::describe::{self, MessageKind, Wording};
use crate::geom::{Point, Rect};
use crate::labels::{self, PillSize};
use crate::model::{EdgeLabel, TextLine};
use crate::style::{self, line_h};
use crate::svg::{self, Esc, Options, Paint, PathD, escape_into, num, source_hash, text};
use crate::text;
use std::fmt::Write;

/// Sizes and spacing, in px.
pub mod metrics {
    pub const MARGIN: f32 = 16.0;
    pub const HEAD_PAD_X: f32 = 14.0;
    pub const HEAD_PAD_Y: f32 = 9.0;
    pub const HEAD_MIN_W: f32 = 100.0;
    pub const HEAD_TEXT_MAX: f32 = 160.0;
    pub const STEP_PAD_X: f32 = 12.0;
    pub const STEP_PAD_Y: f32 = 7.0;
    pub const STEP_MIN_W: f32 = 96.0;
    pub const STEP_MIN_H: f32 = 32.0;
    pub const STEP_TEXT_MAX: f32 = 150.0;
    /// Clear space between the widest boxes of neighbouring participants.
    pub const LANE_GAP: f32 = 36.0;
    /// Between rows.
    pub const ROW_GAP: f32 = 12.0;
    /// A self-message's loop: how far right of the lifeline, how tall.
    pub const SELF_W: f32 = 30.0;
    pub const SELF_H: f32 = 20.0;
    /// How far right of a box a self-message into that box turns.
    pub const SELF_BOX_W: f32 = 18.0;
    /// Between a message line and the pill of its label.
    pub const LABEL_GAP: f32 = 3.0;
    /// Clear space on either side of a label along its message.
    pub const LABEL_SIDE: f32 = 10.0;
    /// Between a fragment's frame and what it holds.
    pub const FRAME_PAD: f32 = 10.0;
    pub const TAB_TEXT_MAX: f32 = 240.0;
    /// Taller than this (about a screen), participants are named again at
    /// the bottom.
    pub const TALL: f32 = 900.0;
}

use metrics::*;

/// A participant: a lane's header (and footer) box and its lifeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Participant {
    /// The lifeline's x.
    pub x: f32,
    pub header: Rect,
    pub header_text: Vec<TextLine>,
    pub footer: Option<Rect>,
    pub footer_text: Vec<TextLine>,
    /// The lifeline runs from `lifeline.0` down to `lifeline.1`.
    pub lifeline: (f32, f32),
}

/// A node as a step on its lane's lifeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub rect: Rect,
    pub shape: Shape,
    pub text: Vec<TextLine>,
    pub lane: usize,
}

impl Step {
    /// How far in from the left and right ends the outline's straight top
    /// begins: the hexagon's point, the stadium's round end.
    pub fn end_inset(&self) -> f32 {
        match self.shape {
            Shape::Diamond => hex_inset(self.rect.h),
            Shape::Circle => self.rect.h / 2.0,
            _ => 0.0,
        }
    }

    /// Is `p` inside the step's outline (not just its bounding box)?
    pub fn outline_contains(&self, p: Point) -> bool {
        let r = &self.rect;
        if !r.contains(p) {
            return false;
        }
        let half = r.h / 2.0;
        match self.shape {
            Shape::Diamond => {
                let k = hex_inset(r.h) * ((p.y - r.cy()).abs() / half);
                p.x >= r.x + k - 0.01 && p.x <= r.right() - k + 0.01
            }
            Shape::Circle => {
                let c = if p.x < r.x + half {
                    r.x + half
                } else if p.x > r.right() - half {
                    r.right() - half
                } else {
                    return true;
                };
                (p.x - c).hypot(p.y - r.cy()) <= half + 0.01
            }
            _ => true,
        }
    }
}

fn hex_inset(h: f32) -> f32 {
    (h / 2.0).min(14.0)
}

/// A message: an arrow (orthogonal points, first to last) and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct MessageBox {
    pub points: Vec<Point>,
    pub label: Option<EdgeLabel>,
    pub kind: MessageKind,
}

impl MessageBox {
    /// The arrow and its label, arrowhead included.
    pub fn bbox(&self) -> Rect {
        let mut r = self
            .points
            .iter()
            .fold(None::<Rect>, |acc, p| {
                let pr = Rect::new(p.x, p.y, 0.0, 0.0);
                Some(acc.map_or(pr, |a| a.union(&pr)))
            })
            .unwrap_or_default()
            .inflate(5.0);
        if let Some(l) = &self.label {
            r = r.union(&l.rect);
        }
        r
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FragmentKind {
    Loop,
    Alt,
}

impl FragmentKind {
    pub fn keyword(self) -> &'static str {
        match self {
            FragmentKind::Loop => "loop",
            FragmentKind::Alt => "alt",
        }
    }
}

/// A fragment as planned: which messages it frames and how it nests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub kind: FragmentKind,
    /// The loop (index into [`Diagram::loops`]) or the decision node
    /// (index into [`Diagram::nodes`]).
    pub owner: usize,
    /// The first and last message it frames (edge indices; every message
    /// between them is one of its own).
    pub first: usize,
    pub last: usize,
    /// The fragment it lies in, and how deep.
    pub parent: Option<usize>,
    pub depth: usize,
}

impl Planned {
    pub fn messages(&self) -> std::ops::RangeInclusive<usize> {
        self.first..=self.last
    }
}

/// What the sequence view draws, before any geometry: each message's kind
/// and the fragments, outermost first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub kinds: Vec<MessageKind>,
    pub fragments: Vec<Planned>,
}

/// A laid-out fragment frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Fragment {
    pub plan: Planned,
    pub rect: Rect,
    /// The tab at the top-left corner, with the keyword and (for a loop)
    /// its condition.
    pub tab: Rect,
    pub tab_text: Vec<TextLine>,
    /// An `alt`'s guards, one per operand (its first beside the tab), and
    /// the dashed lines between operands.
    pub guards: Vec<TextLine>,
    pub separators: Vec<f32>,
}

/// A laid-out sequence diagram.
#[derive(Debug, Clone, PartialEq)]
pub struct SequenceLayout {
    pub width: f32,
    pub height: f32,
    pub participants: Vec<Participant>,
    /// One per node, in node order.
    pub steps: Vec<Step>,
    /// One per edge, in edge order.
    pub messages: Vec<MessageBox>,
    /// Outermost first.
    pub fragments: Vec<Fragment>,
}

/// Each message's kind: within a lane, a reply (a message to a participant
/// that sent this one an earlier message), or a call.
pub fn kinds(d: &Diagram) -> Vec<MessageKind> {
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
pub type LoopMessages = Vec<Vec<usize>>;
/// Each decision (node index) with two or more branches, and its branches.
pub type Alternatives = Vec<(usize, Vec<usize>)>;

/// The messages of each `loop` (edges between two of its nodes) and the
/// branches of each decision with two or more, in edge order.
pub fn groups(d: &Diagram) -> (LoopMessages, Alternatives) {
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
pub const MAX_LOOP_FRAMES: usize = 500;
pub const MAX_DEPTH: usize = 12;

/// Plan the sequence view: message kinds, and fragment frames that nest.
///
/// Two alts never cross (a message has one source). Each run of a loop's
/// messages is cut where it would cross a frame already planned (the
/// alts, then the earlier loops' pieces): where that frame begins or ends
/// inside the run. A piece inside an alt keeps to one operand (one
/// message), since operands are separated by a line across the frame. The
/// pieces then nest: a cut inside a planned frame would mean that frame
/// crosses another planned one. Linear in the run for each run.
pub fn plan(d: &Diagram) -> Plan {
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

/// One row of the drawing, top to bottom.
#[derive(Debug, Clone)]
enum Row {
    /// Steps that appear in a row of their own (one before the first
    /// message it sends, or several nodes no edge touches).
    Steps(Vec<usize>),
    /// A message; with the step it reaches when that step is new.
    Message(usize, Option<usize>),
    Open(usize),
    /// Operand `k` (from 1) of an `alt` fragment begins.
    Separator(usize, usize),
    Close(usize),
}

/// A step's size and its text relative to its centre:
/// (text, dy baseline, size, class).
struct StepSize {
    w: f32,
    h: f32,
    lines: Vec<(String, f32, f32, &'static str)>,
}

fn size_step(n: &Node) -> StepSize {
    let label = n.display_label();
    let mut rows: Vec<(String, f32, &'static str)> = Vec::new();
    let title = if n.shape == Shape::Taskbox {
        let mut parts = label.split('|').map(str::trim).filter(|p| !p.is_empty());
        let title = parts.next().unwrap_or(label).to_string();
        for item in parts {
            for l in text::wrap(&format!("• {item}"), style::SMALL_FONT, STEP_TEXT_MAX) {
                rows.push((l, style::SMALL_FONT, "fz-meta"));
            }
        }
        for (key, value) in [
            ("Owner", &n.owner),
            ("Description", &n.description),
            ("System", &n.system),
        ] {
            if let Some(v) = value
                && v != &title
            {
                for l in text::wrap(&format!("{key}: {v}"), style::SMALL_FONT, STEP_TEXT_MAX) {
                    rows.push((l, style::SMALL_FONT, "fz-meta"));
                }
            }
        }
        title
    } else {
        label.to_string()
    };
    let mut lines: Vec<(String, f32, &'static str)> =
        text::wrap(&title, style::FONT, STEP_TEXT_MAX)
            .into_iter()
            .map(|l| (l, style::FONT, "fz-label"))
            .collect();
    lines.extend(rows);
    let tw = lines
        .iter()
        .map(|(l, size, _)| text::width(l, *size))
        .fold(0.0, f32::max);
    let th: f32 = lines.iter().map(|(_, size, _)| line_h(*size)).sum();
    let h = (th + 2.0 * STEP_PAD_Y).max(STEP_MIN_H).ceil();
    let pad_x = match n.shape {
        Shape::Circle => h / 2.0,
        Shape::Diamond => hex_inset(h) + 8.0,
        _ => STEP_PAD_X,
    };
    let min_w = if n.shape == Shape::Circle {
        64.0
    } else {
        STEP_MIN_W
    };
    let w = (tw + 2.0 * pad_x).max(min_w).ceil();
    let mut top = -th / 2.0;
    let lines = lines
        .into_iter()
        .map(|(l, size, class)| {
            let lh = line_h(size);
            let baseline = top + lh / 2.0 + size * 0.35;
            top += lh;
            (l, baseline, size, class)
        })
        .collect();
    StepSize { w, h, lines }
}

/// Lines of text centred on `cx`, the first line's box at `top`.
fn block(lines: &[String], cx: f32, top: f32, size: f32, class: &'static str) -> Vec<TextLine> {
    let lh = line_h(size);
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| TextLine {
            width: text::width(l, size),
            text: l.clone(),
            x: cx,
            y: top + lh * (i as f32 + 0.5) + size * 0.35,
            size,
            centered: true,
            class,
        })
        .collect()
}

/// Bold text is wider than the regular face we measure: allow for it.
const BOLD: f32 = 1.08;

/// Lay out the sequence view of a diagram that parsed without errors.
pub fn layout(d: &Diagram) -> SequenceLayout {
    let plan = plan(d);
    let n_lanes = d.lanes.len();
    let sizes: Vec<StepSize> = d.nodes.iter().map(size_step).collect();
    // A branch of an `alt` is labelled by its guard, not twice.
    let mut guarded = vec![false; d.edges.len()];
    for f in plan
        .fragments
        .iter()
        .filter(|f| f.kind == FragmentKind::Alt)
    {
        for m in f.messages() {
            guarded[m] = true;
        }
    }
    let labels: Vec<Option<PillSize>> = d
        .edges
        .iter()
        .zip(&guarded)
        .map(|(e, &g)| e.label.as_deref().filter(|_| !g).map(labels::measure))
        .collect();

    // The rows, in time order.
    let mut rows: Vec<Row> = Vec::new();
    let mut placed = vec![false; d.nodes.len()];
    let mut opens: Vec<Vec<usize>> = vec![Vec::new(); d.edges.len()];
    let mut closes: Vec<Vec<usize>> = vec![Vec::new(); d.edges.len()];
    let mut seps: Vec<Vec<(usize, usize)>> = vec![Vec::new(); d.edges.len()];
    for (f, p) in plan.fragments.iter().enumerate() {
        opens[p.first].push(f);
        closes[p.last].insert(0, f);
        if p.kind == FragmentKind::Alt {
            for (k, m) in (p.first + 1..=p.last).enumerate() {
                seps[m].push((f, k + 1));
            }
        }
    }
    for (i, e) in d.edges.iter().enumerate() {
        if !placed[e.from] {
            placed[e.from] = true;
            rows.push(Row::Steps(vec![e.from]));
        }
        for &(f, k) in &seps[i] {
            rows.push(Row::Separator(f, k));
        }
        for &f in &opens[i] {
            rows.push(Row::Open(f));
        }
        let new_target = (!placed[e.to]).then_some(e.to);
        placed[e.to] = true;
        rows.push(Row::Message(i, new_target));
        for &f in &closes[i] {
            rows.push(Row::Close(f));
        }
    }
    // Nodes no edge reaches, in declaration order, several to a row when
    // they are on different lifelines.
    let mut pending: Vec<usize> = Vec::new();
    for (n, &done) in placed.iter().enumerate() {
        if done {
            continue;
        }
        if pending.iter().any(|&m| d.nodes[m].lane == d.nodes[n].lane) {
            rows.push(Row::Steps(std::mem::take(&mut pending)));
        }
        pending.push(n);
    }
    if !pending.is_empty() {
        rows.push(Row::Steps(pending));
    }

    // Columns: each lifeline far enough from the next for the widest boxes
    // on both, self-messages, and the labels of messages between them.
    let head_lines: Vec<Vec<String>> = d
        .lanes
        .iter()
        .map(|l| text::wrap(&l.label, style::FONT, HEAD_TEXT_MAX))
        .collect();
    let head_w: Vec<f32> = head_lines
        .iter()
        .map(|ls| (text::max_width(ls, style::FONT) * BOLD + 2.0 * HEAD_PAD_X).max(HEAD_MIN_W))
        .map(f32::ceil)
        .collect();
    let head_h = head_lines
        .iter()
        .map(|ls| line_h(style::FONT) * ls.len() as f32 + 2.0 * HEAD_PAD_Y)
        .fold(36.0, f32::max)
        .ceil();
    let mut half: Vec<f32> = head_w.iter().map(|w| w / 2.0).collect();
    for (n, s) in d.nodes.iter().zip(&sizes) {
        half[n.lane] = half[n.lane].max(s.w / 2.0);
    }
    let mut right: Vec<f32> = half.clone();
    let mut new_at: Vec<Option<usize>> = vec![None; d.edges.len()];
    for r in &rows {
        if let Row::Message(i, t) = r {
            new_at[*i] = *t;
        }
    }
    let self_reach = |i: usize| -> f32 {
        match new_at[i] {
            Some(t) => sizes[t].w / 2.0 + SELF_BOX_W,
            None => SELF_W,
        }
    };
    for (i, e) in d.edges.iter().enumerate() {
        let lane = d.nodes[e.from].lane;
        if lane == d.nodes[e.to].lane {
            let lw = labels[i].as_ref().map_or(0.0, |l| l.w + 6.0);
            right[lane] = right[lane].max(self_reach(i) + lw + 4.0);
        }
    }
    let mut gap: Vec<f32> = (0..n_lanes.saturating_sub(1))
        .map(|i| right[i].max(half[i]) + half[i + 1] + LANE_GAP)
        .collect();
    for (i, e) in d.edges.iter().enumerate() {
        let (a, b) = (d.nodes[e.from].lane, d.nodes[e.to].lane);
        if a == b {
            continue;
        }
        let box_half = new_at[i].map_or(0.0, |t| sizes[t].w / 2.0);
        let lw = labels[i].as_ref().map_or(24.0, |l| l.w);
        let need = lw + 2.0 * LABEL_SIDE + box_half + 8.0;
        let (lo, hi) = (a.min(b), a.max(b));
        let have: f32 = gap[lo..hi].iter().sum();
        if have < need {
            let per = (need - have) / (hi - lo) as f32;
            for g in &mut gap[lo..hi] {
                *g += per;
            }
        }
    }
    let max_depth = plan
        .fragments
        .iter()
        .map(|f| f.depth + 1)
        .max()
        .unwrap_or(0);
    let mut xs = Vec::with_capacity(n_lanes);
    let mut x = MARGIN + FRAME_PAD * max_depth as f32 + half.first().copied().unwrap_or(0.0);
    for i in 0..n_lanes {
        xs.push(x.round());
        if i < gap.len() {
            x += gap[i];
        }
    }

    // Rows, top to bottom.
    let header_top = MARGIN;
    let mut y = header_top + head_h + 20.0;
    let mut steps: Vec<Option<Step>> = vec![None; d.nodes.len()];
    let mut step_row: Vec<usize> = vec![0; d.nodes.len()];
    let mut messages: Vec<Option<MessageBox>> = vec![None; d.edges.len()];
    let mut frame_top: Vec<f32> = vec![0.0; plan.fragments.len()];
    let mut frame_bottom: Vec<f32> = vec![0.0; plan.fragments.len()];
    let mut frame_rows: Vec<(usize, usize)> = vec![(0, 0); plan.fragments.len()];
    let mut tabs: Vec<(Vec<String>, f32, f32)> = Vec::with_capacity(plan.fragments.len());
    for p in &plan.fragments {
        let words = match p.kind {
            FragmentKind::Loop => format!("loop [{}]", d.loops[p.owner].text),
            FragmentKind::Alt => "alt".to_string(),
        };
        let lines = text::wrap(&words, style::SMALL_FONT, TAB_TEXT_MAX);
        let w =
            (text::max_width(&lines, style::SMALL_FONT) * BOLD + 2.0 * style::LABEL_PAD_X + 6.0)
                .ceil();
        let h = (line_h(style::SMALL_FONT) * lines.len() as f32 + 4.0).max(20.0);
        tabs.push((lines, w, h));
    }
    // (fragment, operand k, y of the separator, top of the guard text)
    let mut guard_at: Vec<(usize, usize, f32, f32)> = Vec::new();
    let place_step = |n: usize, cx: f32, cy: f32| -> Step {
        let s = &sizes[n];
        Step {
            rect: Rect::centered(cx, cy, s.w, s.h),
            shape: d.nodes[n].shape,
            text: s
                .lines
                .iter()
                .map(|(t, dy, size, class)| TextLine {
                    width: text::width(t, *size),
                    text: t.clone(),
                    x: cx,
                    y: cy + dy,
                    size: *size,
                    centered: true,
                    class,
                })
                .collect(),
            lane: d.nodes[n].lane,
        }
    };
    for (ri, row) in rows.iter().enumerate() {
        match row {
            Row::Steps(ns) => {
                let h = ns.iter().map(|&n| sizes[n].h).fold(0.0, f32::max);
                for &n in ns {
                    let cx = xs[d.nodes[n].lane];
                    steps[n] = Some(place_step(n, cx, (y + h / 2.0).round()));
                    step_row[n] = ri;
                }
                y += h + ROW_GAP;
            }
            Row::Open(f) => {
                frame_top[*f] = y;
                frame_rows[*f].0 = ri;
                y += tabs[*f].2 + 8.0;
            }
            Row::Separator(f, k) => {
                let lh = line_h(style::SMALL_FONT);
                guard_at.push((*f, *k, (y - ROW_GAP / 2.0).round(), y));
                y += lh + 6.0;
            }
            Row::Close(f) => {
                frame_bottom[*f] = y - ROW_GAP + FRAME_PAD - 2.0;
                frame_rows[*f].1 = ri;
                y = frame_bottom[*f] + ROW_GAP;
            }
            Row::Message(i, new) => {
                let e = &d.edges[*i];
                let (a, b) = (d.nodes[e.from].lane, d.nodes[e.to].lane);
                let (xa, xb) = (xs[a], xs[b]);
                let lab = labels[*i].as_ref();
                let lab_h = lab.map_or(0.0, |l| l.h);
                let kind = plan.kinds[*i];
                if a != b {
                    let box_h = new.map_or(0.0, |t| sizes[t].h);
                    let above = (lab_h + LABEL_GAP).max(box_h / 2.0).max(6.0);
                    let below = (box_h / 2.0).max(6.0);
                    let ly = (y + above).round();
                    let end = match new {
                        Some(t) => {
                            let s = place_step(*t, xb, ly);
                            let edge = if xb > xa { s.rect.x } else { s.rect.right() };
                            steps[*t] = Some(s);
                            step_row[*t] = ri;
                            edge
                        }
                        None => xb,
                    };
                    let label = lab.map(|l| {
                        let cx = (xa + end) / 2.0;
                        let r = Rect::new((cx - l.w / 2.0).round(), ly - LABEL_GAP - l.h, l.w, l.h);
                        labels::pill(r, l.lines.clone())
                    });
                    messages[*i] = Some(MessageBox {
                        points: vec![Point::new(xa, ly), Point::new(end, ly)],
                        label,
                        kind,
                    });
                    y = ly + below + ROW_GAP;
                } else {
                    let reach = self_reach(*i);
                    // A self-message's label sits right of its loop, centred
                    // on `mid`; with its bottom edge.
                    let beside_loop = |mid: f32| {
                        let label = lab.map(|l| {
                            let r =
                                Rect::new(xa + reach + 6.0, (mid - l.h / 2.0).round(), l.w, l.h);
                            labels::pill(r, l.lines.clone())
                        });
                        let bottom = label.as_ref().map_or(0.0, |l| l.rect.bottom());
                        (label, bottom)
                    };
                    match new {
                        Some(t) => {
                            let h = sizes[*t].h;
                            let drop = 10.0 + h / 2.0;
                            let y0 = (y + (lab_h / 2.0 - drop / 2.0).max(0.0) + 2.0).round();
                            let cy = y0 + drop;
                            let s = place_step(*t, xa, cy);
                            let bottom = s.rect.bottom();
                            let end = s.rect.right();
                            steps[*t] = Some(s);
                            step_row[*t] = ri;
                            let mid = (y0 + cy) / 2.0;
                            let (label, lb) = beside_loop(mid);
                            messages[*i] = Some(MessageBox {
                                points: vec![
                                    Point::new(xa, y0),
                                    Point::new(xa + reach, y0),
                                    Point::new(xa + reach, cy),
                                    Point::new(end, cy),
                                ],
                                label,
                                kind,
                            });
                            y = bottom.max(lb) + ROW_GAP;
                        }
                        None => {
                            let y0 = (y + (lab_h / 2.0 - SELF_H / 2.0).max(0.0) + 2.0).round();
                            let y1 = y0 + SELF_H;
                            let mid = (y0 + y1) / 2.0;
                            let (label, lb) = beside_loop(mid);
                            messages[*i] = Some(MessageBox {
                                points: vec![
                                    Point::new(xa, y0),
                                    Point::new(xa + reach, y0),
                                    Point::new(xa + reach, y1),
                                    Point::new(xa, y1),
                                ],
                                label,
                                kind,
                            });
                            y = (y1 + 5.0).max(lb) + ROW_GAP;
                        }
                    }
                }
            }
        }
    }
    let content_bottom = y - ROW_GAP;
    let steps: Vec<Step> = steps
        .into_iter()
        .map(|s| s.expect("every node is placed"))
        .collect();
    let messages: Vec<MessageBox> = messages
        .into_iter()
        .map(|m| m.expect("every edge is placed"))
        .collect();

    // Frames, innermost first: around what their rows hold, wide enough
    // for their tab and guards.
    let mut order: Vec<usize> = (0..plan.fragments.len()).collect();
    order.sort_by_key(|&f| std::cmp::Reverse(plan.fragments[f].depth));
    let mut rects: Vec<Rect> = vec![Rect::default(); plan.fragments.len()];
    let lh = line_h(style::SMALL_FONT);
    let guard_text = |edge: usize| -> String {
        match &d.edges[edge].label {
            Some(l) => format!("[{l}]"),
            None => String::new(),
        }
    };
    for &f in &order {
        let p = &plan.fragments[f];
        let (r0, r1) = frame_rows[f];
        let mut ext: Option<Rect> = None;
        let mut add = |r: Rect| ext = Some(ext.map_or(r, |e| e.union(&r)));
        for m in p.messages() {
            add(messages[m].bbox());
        }
        for (n, s) in steps.iter().enumerate() {
            if step_row[n] > r0 && step_row[n] < r1 {
                add(s.rect);
            }
        }
        for (g, q) in plan.fragments.iter().enumerate() {
            if q.parent == Some(f) {
                add(rects[g]);
            }
        }
        let ext = ext.unwrap_or_default();
        let x0 = ext.x - FRAME_PAD;
        let mut right = ext.right() + FRAME_PAD;
        let tab_w = tabs[f].1;
        if p.kind == FragmentKind::Alt {
            let first = text::width(&guard_text(p.first), style::SMALL_FONT);
            right = right.max(x0 + tab_w + 8.0 + first + 10.0);
            for m in p.first + 1..=p.last {
                let gw = text::width(&guard_text(m), style::SMALL_FONT);
                right = right.max(x0 + 8.0 + gw + 10.0);
            }
        }
        right = right.max(x0 + tab_w + 16.0);
        rects[f] = Rect::new(
            x0.floor(),
            frame_top[f],
            (right - x0.floor()).ceil(),
            frame_bottom[f] - frame_top[f],
        );
    }
    let fragments: Vec<Fragment> = plan
        .fragments
        .iter()
        .enumerate()
        .map(|(f, p)| {
            let rect = rects[f];
            let (lines, w, h) = &tabs[f];
            let tab = Rect::new(rect.x, rect.y, *w, *h);
            let tab_text = lines
                .iter()
                .enumerate()
                .map(|(k, t)| TextLine {
                    width: text::width(t, style::SMALL_FONT) * BOLD,
                    text: t.clone(),
                    x: tab.x + style::LABEL_PAD_X,
                    y: tab.y + 2.0 + lh * (k as f32 + 0.5) + style::SMALL_FONT * 0.35,
                    size: style::SMALL_FONT,
                    centered: false,
                    class: "fz-fragment-label",
                })
                .collect();
            let mut guards = Vec::new();
            let mut separators = Vec::new();
            if p.kind == FragmentKind::Alt {
                let first = guard_text(p.first);
                guards.push(TextLine {
                    width: text::width(&first, style::SMALL_FONT),
                    text: first,
                    x: tab.right() + 8.0,
                    y: tab.y + 2.0 + lh * 0.5 + style::SMALL_FONT * 0.35,
                    size: style::SMALL_FONT,
                    centered: false,
                    class: "fz-guard",
                });
                for &(g, k, sep, top) in &guard_at {
                    if g != f {
                        continue;
                    }
                    separators.push(sep);
                    let t = guard_text(p.first + k);
                    guards.push(TextLine {
                        width: text::width(&t, style::SMALL_FONT),
                        text: t,
                        x: rect.x + 8.0,
                        y: top + lh * 0.5 + style::SMALL_FONT * 0.35,
                        size: style::SMALL_FONT,
                        centered: false,
                        class: "fz-guard",
                    });
                }
            }
            Fragment {
                plan: p.clone(),
                rect,
                tab,
                tab_text,
                guards,
                separators,
            }
        })
        .collect();

    // Participants: headers, lifelines, and footers on a tall drawing.
    let mut width = xs
        .iter()
        .zip(&right)
        .map(|(x, r)| x + r)
        .chain(fragments.iter().map(|f| f.rect.right()))
        .chain(messages.iter().map(|m| m.bbox().right()))
        .fold(0.0, f32::max);
    width = (width + MARGIN).ceil();
    let tall = content_bottom + 20.0 + head_h + MARGIN > TALL;
    let lifeline_end = content_bottom + 16.0;
    let participants: Vec<Participant> = (0..n_lanes)
        .map(|i| {
            let header = Rect::new(
                (xs[i] - head_w[i] / 2.0).round(),
                header_top,
                head_w[i],
                head_h,
            );
            let th = line_h(style::FONT) * head_lines[i].len() as f32;
            let header_text = block(
                &head_lines[i],
                header.cx(),
                header.cy() - th / 2.0,
                style::FONT,
                "fz-lane-label",
            );
            let footer = tall.then(|| Rect::new(header.x, lifeline_end, head_w[i], head_h));
            let footer_text = footer.map_or_else(Vec::new, |f| {
                block(
                    &head_lines[i],
                    f.cx(),
                    f.cy() - th / 2.0,
                    style::FONT,
                    "fz-lane-label",
                )
            });
            Participant {
                x: xs[i],
                header,
                header_text,
                footer,
                footer_text,
                lifeline: (header.bottom(), lifeline_end),
            }
        })
        .collect();
    let height = if tall {
        lifeline_end + head_h + MARGIN
    } else {
        lifeline_end + MARGIN
    }
    .ceil();
    SequenceLayout {
        width: width.max(120.0),
        height,
        participants,
        steps,
        messages,
        fragments,
    }
}

/// The default accessible title: the participants, in order.
pub fn title(d: &Diagram, w: &(impl Wording + ?Sized)) -> String {
    let lanes: Vec<&str> = d.lanes.iter().map(|l| l.label.as_str()).collect();
    w.sequence_title(&w.list(&lanes))
}

/// The sequence told as text: the participants, every message in order,
/// then the loops and the alternatives.
pub fn description(d: &Diagram, w: &(impl Wording + ?Sized)) -> String {
    let lanes: Vec<&str> = d.lanes.iter().map(|l| l.label.as_str()).collect();
    let mut sentences = vec![w.sequence_summary(lanes.len(), &w.list(&lanes), d.edges.len())];
    let kinds = kinds(d);
    for (i, (e, &kind)) in d.edges.iter().zip(&kinds).enumerate() {
        let (a, b) = (&d.nodes[e.from], &d.nodes[e.to]);
        sentences.push(w.message(&describe::Message {
            number: i + 1,
            from: &d.lanes[a.lane].label,
            to: &d.lanes[b.lane].label,
            from_step: a.display_label(),
            to_step: b.display_label(),
            label: e.label.as_deref(),
            kind,
        }));
    }
    let (loops, alts) = groups(d);
    for (lp, msgs) in d.loops.iter().zip(&loops) {
        if msgs.is_empty() {
            continue;
        }
        let numbers: Vec<String> = msgs.iter().map(|m| (m + 1).to_string()).collect();
        let numbers: Vec<&str> = numbers.iter().map(String::as_str).collect();
        sentences.push(w.loop_fragment(&lp.text, &w.list(&numbers)));
    }
    for (node, branches) in &alts {
        let parts: Vec<String> = branches
            .iter()
            .map(|&m| w.branch(d.edges[m].label.as_deref(), m + 1))
            .collect();
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        sentences.push(w.alt_fragment(d.nodes[*node].display_label(), &w.list(&parts)));
    }
    w.sentences(&sentences)
}

/// Write the SVG of a laid-out sequence diagram; `source` seeds the ids.
pub fn write(d: &Diagram, l: &SequenceLayout, source: &str, opts: &Options<'_>) -> String {
    let h = source_hash(source);
    let p = if opts.decorative { "fzsp" } else { "fzs" };
    let mut s = String::with_capacity(6144 + d.nodes.len() * 400 + d.edges.len() * 400);
    let english;
    let desc = match opts.description {
        Some(t) => t,
        None => {
            english = description(d, &describe::English);
            &english
        }
    };
    svg::open_svg(
        &mut s,
        "fz-sequence",
        (l.width, l.height),
        p,
        &h,
        opts,
        desc,
    );
    for (lane, part) in d.lanes.iter().zip(&l.participants) {
        let _ = write!(
            s,
            r#"<g class="fz-participant" data-lane="{}">"#,
            Esc(&lane.id)
        );
        let _ = write!(
            s,
            r##"<path class="fz-lifeline" d="M{},{} V{}" fill="none" stroke="#64748b" stroke-width="1" stroke-dasharray="5 4"/>"##,
            num(part.x),
            num(part.lifeline.0),
            num(part.lifeline.1)
        );
        for (r, t) in std::iter::once((part.header, &part.header_text))
            .chain(part.footer.map(|f| (f, &part.footer_text)))
        {
            let _ = write!(
                s,
                r##"<rect class="fz-lane-header" x="{}" y="{}" width="{}" height="{}" rx="4" fill="#e2e8f0" stroke="#cbd5e1" stroke-width="1"/>"##,
                num(r.x + 0.5),
                num(r.y + 0.5),
                num(r.w - 1.0),
                num(r.h - 1.0)
            );
            text(&mut s, t, "#0f172a");
        }
        s.push_str("</g>");
    }
    for f in &l.fragments {
        let kind = f.plan.kind.keyword();
        match f.plan.kind {
            FragmentKind::Loop => {
                let ids: Vec<&str> = d.loops[f.plan.owner]
                    .nodes
                    .iter()
                    .map(|&n| d.nodes[n].id.as_str())
                    .collect();
                let _ = write!(
                    s,
                    r#"<g class="fz-fragment fz-fragment-loop" data-kind="loop" data-nodes="{}">"#,
                    Esc(&ids.join(" "))
                );
            }
            FragmentKind::Alt => {
                let _ = write!(
                    s,
                    r#"<g class="fz-fragment fz-fragment-alt" data-kind="alt" data-decision="{}">"#,
                    Esc(&d.nodes[f.plan.owner].id)
                );
            }
        }
        let r = f.rect;
        let _ = write!(
            s,
            r##"<rect class="fz-fragment-frame" x="{}" y="{}" width="{}" height="{}" fill="none" stroke="#64748b" stroke-width="1.25"/>"##,
            num(r.x),
            num(r.y),
            num(r.w),
            num(r.h)
        );
        let t = f.tab;
        let _ = write!(
            s,
            r##"<path class="fz-fragment-tab" d="M{},{} H{} V{} L{},{} H{} Z" fill="#f1f5f9" stroke="#64748b" stroke-width="1"/>"##,
            num(t.x),
            num(t.y),
            num(t.right()),
            num(t.bottom() - 6.0),
            num(t.right() - 6.0),
            num(t.bottom()),
            num(t.x)
        );
        for (k, line) in f.tab_text.iter().enumerate() {
            let _ = write!(
                s,
                r##"<text class="fz-fragment-label" x="{}" y="{}" fill="#0f172a" font-size="13">"##,
                num(line.x),
                num(line.y)
            );
            // The keyword in bold, as UML writes it.
            match line.text.strip_prefix(kind).filter(|_| k == 0) {
                Some(rest) => {
                    let _ = write!(s, r#"<tspan font-weight="600">{kind}</tspan>"#);
                    escape_into(&mut s, rest);
                }
                None => escape_into(&mut s, &line.text),
            }
            s.push_str("</text>");
        }
        for &y in &f.separators {
            let _ = write!(
                s,
                r##"<path class="fz-separator" d="M{},{} H{}" fill="none" stroke="#64748b" stroke-width="1" stroke-dasharray="6 4"/>"##,
                num(r.x),
                num(y),
                num(r.right())
            );
        }
        text(&mut s, &f.guards, "#334155");
        s.push_str("</g>");
    }
    for (e, m) in d.edges.iter().zip(&l.messages) {
        let extra = match m.kind {
            MessageKind::Call => "",
            MessageKind::Reply => " fz-reply",
            MessageKind::SelfCall => " fz-self",
        };
        let _ = write!(
            s,
            r#"<g class="fz-edge fz-message{extra}" data-from="{}" data-to="{}">"#,
            Esc(&d.nodes[e.from].id),
            Esc(&d.nodes[e.to].id)
        );
        let dash = if m.kind == MessageKind::Reply {
            r#" stroke-dasharray="6 4""#
        } else {
            ""
        };
        let _ = write!(
            s,
            r##"<path d="{}" fill="none" stroke="#475569" stroke-width="1.5" stroke-linejoin="round"{dash} marker-end="url(#{p}-{h}-arrow)"/>"##,
            PathD(&m.points, 4.0)
        );
        if let Some(label) = &m.label {
            svg::label_pill(&mut s, label);
        }
        s.push_str("</g>");
    }
    let (has_in, has_out) = svg::degrees(d);
    for (i, (n, st)) in d.nodes.iter().zip(&l.steps).enumerate() {
        let role = svg::role(n.shape, has_in[i], has_out[i]);
        let _ = write!(
            s,
            r#"<g class="fz-node fz-{}{role}" data-node="{}" data-lane="{}">"#,
            n.shape,
            Esc(&n.id),
            Esc(&d.lanes[n.lane].id)
        );
        let paint = Paint(
            svg::fill(n.shape, role),
            svg::stroke(n.shape, role),
            if role == " fz-end" { 2.5 } else { 1.5 },
        );
        let r = st.rect;
        match n.shape {
            Shape::Rectangle | Shape::Taskbox => {
                let _ = write!(
                    s,
                    r#"<rect class="fz-shape" x="{}" y="{}" width="{}" height="{}" rx="6" {paint}/>"#,
                    num(r.x),
                    num(r.y),
                    num(r.w),
                    num(r.h)
                );
            }
            Shape::Circle => {
                let _ = write!(
                    s,
                    r#"<rect class="fz-shape" x="{}" y="{}" width="{}" height="{}" rx="{}" {paint}/>"#,
                    num(r.x),
                    num(r.y),
                    num(r.w),
                    num(r.h),
                    num(r.h / 2.0)
                );
            }
            Shape::Diamond => {
                let k = hex_inset(r.h);
                let _ = write!(
                    s,
                    r#"<polygon class="fz-shape" points="{},{} {},{} {},{} {},{} {},{} {},{}" {paint}/>"#,
                    num(r.x),
                    num(r.cy()),
                    num(r.x + k),
                    num(r.y),
                    num(r.right() - k),
                    num(r.y),
                    num(r.right()),
                    num(r.cy()),
                    num(r.right() - k),
                    num(r.bottom()),
                    num(r.x + k),
                    num(r.bottom())
                );
            }
        }
        text(&mut s, &st.text, "#0f172a");
        s.push_str("</g>");
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Diagram {
        let p = crate::parse(src);
        assert!(!p.has_errors(), "{:?}", p.diagnostics);
        p.diagram
    }

    const CHAT: &str = r#"Client { # Client
  n1: circle label:"Start"
  n2: rectangle label:"Send request"
  n5: rectangle label:"Show result"
  n1.handle(right) -> n2.handle(left)
  n2.handle(bottom) -> Server.n3.handle(top) [label="POST /orders"]
}
Server { # Server
  n3: diamond label:"Valid?"
  n4: rectangle label:"Store order"
  n6: rectangle label:"Reject"
  n3.handle(right) -> n4.handle(left) [label="Yes"]
  n3.handle(bottom) -> n6.handle(top) [label="No"]
  n4.handle(top) -> Client.n5.handle(bottom) [label="201 Created"]
  n6.handle(top) -> Client.n5.handle(bottom) [label="422"]
  loop [until stored] n3 n4
}
"#;

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
    fn messages_go_down_in_edge_order_and_steps_come_first() {
        let d = parse(CHAT);
        let l = layout(&d);
        let ys: Vec<f32> = l.messages.iter().map(|m| m.points[0].y).collect();
        assert!(ys.windows(2).all(|w| w[0] < w[1]), "{ys:?}");
        // A step's box is no lower than the first message touching it.
        for (i, e) in d.edges.iter().enumerate() {
            let m = &l.messages[i];
            let last = m.points.last().unwrap().y;
            assert!(l.steps[e.from].rect.y < m.points[0].y);
            assert!(l.steps[e.to].rect.y <= last);
        }
        // The arrow into a new step ends on its box.
        let to_n3 = &l.messages[1];
        let n3 = &l.steps[d.node_index("n3").unwrap()];
        assert_eq!(to_n3.points.last().unwrap().x, n3.rect.x);
        assert_eq!(to_n3.points[0].y, n3.rect.cy());
    }

    #[test]
    fn participants_are_left_to_right_in_file_order() {
        let d = parse(CHAT);
        let l = layout(&d);
        assert!(l.participants[0].x < l.participants[1].x);
        for (n, s) in d.nodes.iter().zip(&l.steps) {
            assert_eq!(s.rect.cx(), l.participants[n.lane].x);
        }
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

    #[test]
    fn nodes_without_edges_come_last() {
        let src = "A { # A\n  n1: rectangle label:\"x\"\n  n2: rectangle label:\"y\"\n}\nB { # B\n  n3: rectangle label:\"z\"\n}\n";
        let l = layout(&parse(src));
        assert!(l.steps[0].rect.bottom() < l.steps[1].rect.y);
        assert_eq!(l.steps[1].rect.y, l.steps[2].rect.y, "side by side");
    }

    #[test]
    fn a_tall_drawing_names_its_participants_again_at_the_bottom() {
        let short = layout(&parse(CHAT));
        assert!(short.participants.iter().all(|p| p.footer.is_none()));
        let long = layout(&parse(&crate::stress::diagram(2, 30)));
        assert!(long.height > TALL);
        for p in &long.participants {
            let f = p.footer.unwrap();
            assert_eq!(p.lifeline.1, f.y);
        }
    }
}
