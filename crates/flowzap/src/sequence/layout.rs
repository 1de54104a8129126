//! The sequence view's geometry: the rows in time order, a column per
//! participant, then steps, messages and fragment frames placed row by row.

use super::metrics::*;
use super::plan::plan;
use super::{
    Fragment, FragmentKind, MessageBox, Participant, Plan, SequenceLayout, Step, hex_inset,
};
use crate::ast::{Diagram, Node, Shape};
use crate::describe::MessageKind;
use crate::geom::{Point, Rect};
use crate::labels::{self, PillSize};
use crate::model::TextLine;
use crate::style::{self, line_h};
use crate::text;

/// Bold text is wider than the regular face we measure: allow for it.
const BOLD: f32 = 1.08;

/// Lay out the sequence view of a diagram that parsed without errors.
pub fn layout(d: &Diagram) -> SequenceLayout {
    let plan = plan(d);
    let sizes: Vec<StepSize> = d.nodes.iter().map(size_step).collect();
    let pills = pills(d, &plan);
    let rows = rows(d, &plan);
    let (new_at, reach) = new_steps(&rows, &sizes, d.edges.len());
    let heads = Heads::new(d);
    let columns = Columns::new(d, &plan, &sizes, &pills, &new_at, &reach, &heads);
    let tabs: Vec<Tab> = plan
        .fragments
        .iter()
        .map(|p| Tab::new(d, p.kind, p.owner))
        .collect();

    let header_top = MARGIN;
    let mut placer = Placer {
        d,
        sizes: &sizes,
        pills: &pills,
        kinds: &plan.kinds,
        xs: &columns.xs,
        reach: &reach,
        y: header_top + heads.h + 20.0,
        steps: vec![None; d.nodes.len()],
        step_row: vec![0; d.nodes.len()],
        messages: vec![None; d.edges.len()],
        frames: vec![FrameRows::default(); plan.fragments.len()],
        guards: Vec::new(),
    };
    for (ri, row) in rows.iter().enumerate() {
        placer.row(ri, row, &tabs);
    }
    let content_bottom = placer.y - ROW_GAP;
    let Placer {
        steps,
        step_row,
        messages,
        frames,
        guards,
        ..
    } = placer;
    let steps: Vec<Step> = steps
        .into_iter()
        .map(|s| s.expect("every node is placed"))
        .collect();
    let messages: Vec<MessageBox> = messages
        .into_iter()
        .map(|m| m.expect("every edge is placed"))
        .collect();

    let placed = Placed {
        steps: &steps,
        step_row: &step_row,
        messages: &messages,
    };
    let rects = frame_rects(d, &plan, &tabs, &frames, &placed);
    let fragments = fragments(d, &plan, &tabs, &rects, &guards);

    // Participants: headers, lifelines, and footers on a tall drawing.
    let mut width = columns
        .xs
        .iter()
        .zip(&columns.right)
        .map(|(x, r)| x + r)
        .chain(fragments.iter().map(|f| f.rect.right()))
        .chain(messages.iter().map(|m| m.bbox().right()))
        .fold(0.0, f32::max);
    width = (width + MARGIN).ceil();
    let tall = content_bottom + 20.0 + heads.h + MARGIN > TALL;
    let lifeline_end = content_bottom + 16.0;
    let participants = participants(&heads, &columns.xs, header_top, lifeline_end, tall);
    let height = if tall {
        lifeline_end + heads.h + MARGIN
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

/// One row of the drawing, top to bottom.
#[derive(Debug, Clone)]
enum Row {
    /// Steps that appear in a row of their own (one before the first
    /// message it sends, or several nodes no edge touches).
    Steps(Vec<usize>),
    /// A message; with the step it reaches when that step is new.
    Message(usize, Option<usize>),
    /// Fragment `f` opens: its tab.
    Open(usize),
    /// Operand `k` (from 1) of an `alt` fragment begins.
    Separator(usize, usize),
    /// Fragment `f` closes.
    Close(usize),
}

/// For each of the `m` messages: the step it reaches when that step is
/// new (read off the rows), and how far right of the lifeline it turns
/// when it is a self-message: past the box it reaches, if new.
fn new_steps(rows: &[Row], sizes: &[StepSize], m: usize) -> (Vec<Option<usize>>, Vec<f32>) {
    let mut new_at: Vec<Option<usize>> = vec![None; m];
    for r in rows {
        if let Row::Message(i, t) = r {
            new_at[*i] = *t;
        }
    }
    let reach = new_at
        .iter()
        .map(|t| match t {
            Some(t) => sizes[*t].w / 2.0 + SELF_BOX_W,
            None => SELF_W,
        })
        .collect();
    (new_at, reach)
}

/// The pill of each message's label; none for a branch of an `alt`,
/// which its guard labels instead.
fn pills(d: &Diagram, plan: &Plan) -> Vec<Option<PillSize>> {
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
    d.edges
        .iter()
        .zip(&guarded)
        .map(|(e, &g)| e.label.as_deref().filter(|_| !g).map(labels::measure))
        .collect()
}

/// The rows in time order: each message with what opens, separates and
/// closes around it, a step before the first message it sends when no
/// message has reached it yet, and the nodes no edge touches last.
fn rows(d: &Diagram, plan: &Plan) -> Vec<Row> {
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
    rows
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

/// The participants' header boxes: each lane's label wrapped, the boxes'
/// widths, and the one height they share.
struct Heads {
    lines: Vec<Vec<String>>,
    w: Vec<f32>,
    h: f32,
}

impl Heads {
    fn new(d: &Diagram) -> Self {
        let lines: Vec<Vec<String>> = d
            .lanes
            .iter()
            .map(|l| text::wrap(&l.label, style::FONT, HEAD_TEXT_MAX))
            .collect();
        let w: Vec<f32> = lines
            .iter()
            .map(|ls| (text::max_width(ls, style::FONT) * BOLD + 2.0 * HEAD_PAD_X).max(HEAD_MIN_W))
            .map(f32::ceil)
            .collect();
        let h = lines
            .iter()
            .map(|ls| line_h(style::FONT) * ls.len() as f32 + 2.0 * HEAD_PAD_Y)
            .fold(36.0, f32::max)
            .ceil();
        Heads { lines, w, h }
    }
}

/// Where the lifelines go, and how far right of its lifeline each
/// participant's boxes and self-messages reach.
struct Columns {
    xs: Vec<f32>,
    right: Vec<f32>,
}

impl Columns {
    /// Each lifeline far enough from the next for the widest boxes on
    /// both, self-messages, and the labels of messages between them.
    fn new(
        d: &Diagram,
        plan: &Plan,
        sizes: &[StepSize],
        pills: &[Option<PillSize>],
        new_at: &[Option<usize>],
        reach: &[f32],
        heads: &Heads,
    ) -> Self {
        let n_lanes = d.lanes.len();
        let mut half: Vec<f32> = heads.w.iter().map(|w| w / 2.0).collect();
        for (n, s) in d.nodes.iter().zip(sizes) {
            half[n.lane] = half[n.lane].max(s.w / 2.0);
        }
        let mut right: Vec<f32> = half.clone();
        for (i, e) in d.edges.iter().enumerate() {
            let lane = d.nodes[e.from].lane;
            if lane == d.nodes[e.to].lane {
                let lw = pills[i].as_ref().map_or(0.0, |l| l.w + 6.0);
                right[lane] = right[lane].max(reach[i] + lw + 4.0);
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
            let lw = pills[i].as_ref().map_or(24.0, |l| l.w);
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
        Columns { xs, right }
    }
}

/// A fragment's tab: its keyword (and a loop's condition) wrapped, and
/// the tab's size.
struct Tab {
    lines: Vec<String>,
    w: f32,
    h: f32,
}

impl Tab {
    /// The tab of a fragment of `kind` whose owner (loop or decision) is
    /// `owner`.
    fn new(d: &Diagram, kind: FragmentKind, owner: usize) -> Self {
        let words = match kind {
            FragmentKind::Loop => format!("loop [{}]", d.loops[owner].text),
            FragmentKind::Alt => "alt".to_string(),
        };
        let lines = text::wrap(&words, style::SMALL_FONT, TAB_TEXT_MAX);
        let w =
            (text::max_width(&lines, style::SMALL_FONT) * BOLD + 2.0 * style::LABEL_PAD_X + 6.0)
                .ceil();
        let h = (line_h(style::SMALL_FONT) * lines.len() as f32 + 4.0).max(20.0);
        Tab { lines, w, h }
    }
}

/// Where a fragment's frame begins and ends, in y and in rows.
#[derive(Debug, Clone, Copy, Default)]
struct FrameRows {
    top: f32,
    bottom: f32,
    first_row: usize,
    last_row: usize,
}

/// Where an `alt` operand after the first begins: its separator line and
/// the top of its guard's text.
struct GuardRow {
    fragment: usize,
    operand: usize,
    separator: f32,
    top: f32,
}

/// Places the rows top to bottom: `y` is where the next row begins.
struct Placer<'a> {
    d: &'a Diagram,
    sizes: &'a [StepSize],
    pills: &'a [Option<PillSize>],
    kinds: &'a [MessageKind],
    xs: &'a [f32],
    reach: &'a [f32],
    y: f32,
    steps: Vec<Option<Step>>,
    /// The row each step is drawn in.
    step_row: Vec<usize>,
    messages: Vec<Option<MessageBox>>,
    frames: Vec<FrameRows>,
    guards: Vec<GuardRow>,
}

impl Placer<'_> {
    /// Place row `ri`.
    fn row(&mut self, ri: usize, row: &Row, tabs: &[Tab]) {
        match row {
            Row::Steps(ns) => {
                let h = ns.iter().map(|&n| self.sizes[n].h).fold(0.0, f32::max);
                for &n in ns {
                    let cx = self.xs[self.d.nodes[n].lane];
                    self.place_step(ri, n, cx, (self.y + h / 2.0).round());
                }
                self.y += h + ROW_GAP;
            }
            Row::Open(f) => {
                self.frames[*f].top = self.y;
                self.frames[*f].first_row = ri;
                self.y += tabs[*f].h + 8.0;
            }
            Row::Separator(f, k) => {
                let lh = line_h(style::SMALL_FONT);
                self.guards.push(GuardRow {
                    fragment: *f,
                    operand: *k,
                    separator: (self.y - ROW_GAP / 2.0).round(),
                    top: self.y,
                });
                self.y += lh + 6.0;
            }
            Row::Close(f) => {
                let frame = &mut self.frames[*f];
                frame.bottom = self.y - ROW_GAP + FRAME_PAD - 2.0;
                frame.last_row = ri;
                self.y = frame.bottom + ROW_GAP;
            }
            Row::Message(i, new) => {
                let e = &self.d.edges[*i];
                if self.d.nodes[e.from].lane != self.d.nodes[e.to].lane {
                    self.message_across(ri, *i, *new);
                } else {
                    self.self_message(ri, *i, *new);
                }
            }
        }
    }

    /// Step `n` centred at (`cx`, `cy`), drawn in row `ri`.
    fn place_step(&mut self, ri: usize, n: usize, cx: f32, cy: f32) -> Rect {
        let s = &self.sizes[n];
        let step = Step {
            rect: Rect::centered(cx, cy, s.w, s.h),
            shape: self.d.nodes[n].shape,
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
            lane: self.d.nodes[n].lane,
        };
        let rect = step.rect;
        self.steps[n] = Some(step);
        self.step_row[n] = ri;
        rect
    }

    /// Message `i` between two participants, its label above the arrow; it
    /// ends on the box of the step `new` it reaches first.
    fn message_across(&mut self, ri: usize, i: usize, new: Option<usize>) {
        let e = &self.d.edges[i];
        let (a, b) = (self.d.nodes[e.from].lane, self.d.nodes[e.to].lane);
        let (xa, xb) = (self.xs[a], self.xs[b]);
        let lab = self.pills[i].as_ref();
        let lab_h = lab.map_or(0.0, |l| l.h);
        let box_h = new.map_or(0.0, |t| self.sizes[t].h);
        let above = (lab_h + LABEL_GAP).max(box_h / 2.0).max(6.0);
        let below = (box_h / 2.0).max(6.0);
        let ly = (self.y + above).round();
        let end = match new {
            Some(t) => {
                let r = self.place_step(ri, t, xb, ly);
                if xb > xa { r.x } else { r.right() }
            }
            None => xb,
        };
        let label = lab.map(|l| {
            let cx = (xa + end) / 2.0;
            let r = Rect::new((cx - l.w / 2.0).round(), ly - LABEL_GAP - l.h, l.w, l.h);
            labels::pill(r, l.lines.clone())
        });
        self.messages[i] = Some(MessageBox {
            points: vec![Point::new(xa, ly), Point::new(end, ly)],
            label,
            kind: self.kinds[i],
        });
        self.y = ly + below + ROW_GAP;
    }

    /// Message `i` within one participant: a loop out to the right and
    /// back, into the box of the step `new` when it reaches one first.
    fn self_message(&mut self, ri: usize, i: usize, new: Option<usize>) {
        let xa = self.xs[self.d.nodes[self.d.edges[i].from].lane];
        let lab = self.pills[i].as_ref();
        let lab_h = lab.map_or(0.0, |l| l.h);
        let reach = self.reach[i];
        // The label sits right of the loop, centred on `mid`; with its
        // bottom edge.
        let beside_loop = |mid: f32| {
            let label = lab.map(|l| {
                let r = Rect::new(xa + reach + 6.0, (mid - l.h / 2.0).round(), l.w, l.h);
                labels::pill(r, l.lines.clone())
            });
            let bottom = label.as_ref().map_or(0.0, |l| l.rect.bottom());
            (label, bottom)
        };
        let kind = self.kinds[i];
        match new {
            Some(t) => {
                let h = self.sizes[t].h;
                let drop = 10.0 + h / 2.0;
                let y0 = (self.y + (lab_h / 2.0 - drop / 2.0).max(0.0) + 2.0).round();
                let cy = y0 + drop;
                let r = self.place_step(ri, t, xa, cy);
                let mid = (y0 + cy) / 2.0;
                let (label, lb) = beside_loop(mid);
                self.messages[i] = Some(MessageBox {
                    points: vec![
                        Point::new(xa, y0),
                        Point::new(xa + reach, y0),
                        Point::new(xa + reach, cy),
                        Point::new(r.right(), cy),
                    ],
                    label,
                    kind,
                });
                self.y = r.bottom().max(lb) + ROW_GAP;
            }
            None => {
                let y0 = (self.y + (lab_h / 2.0 - SELF_H / 2.0).max(0.0) + 2.0).round();
                let y1 = y0 + SELF_H;
                let mid = (y0 + y1) / 2.0;
                let (label, lb) = beside_loop(mid);
                self.messages[i] = Some(MessageBox {
                    points: vec![
                        Point::new(xa, y0),
                        Point::new(xa + reach, y0),
                        Point::new(xa + reach, y1),
                        Point::new(xa, y1),
                    ],
                    label,
                    kind,
                });
                self.y = (y1 + 5.0).max(lb) + ROW_GAP;
            }
        }
    }
}

/// The steps and messages once every row is placed.
struct Placed<'a> {
    steps: &'a [Step],
    step_row: &'a [usize],
    messages: &'a [MessageBox],
}

/// An `alt` operand's guard: the branch's label in brackets.
fn guard_text(d: &Diagram, edge: usize) -> String {
    match &d.edges[edge].label {
        Some(l) => format!("[{l}]"),
        None => String::new(),
    }
}

/// Each fragment's frame, innermost first: around what its rows hold (its
/// messages, the steps drawn between them, the frames nested in it), wide
/// enough for its tab and guards.
fn frame_rects(
    d: &Diagram,
    plan: &Plan,
    tabs: &[Tab],
    frames: &[FrameRows],
    placed: &Placed<'_>,
) -> Vec<Rect> {
    let mut order: Vec<usize> = (0..plan.fragments.len()).collect();
    order.sort_by_key(|&f| std::cmp::Reverse(plan.fragments[f].depth));
    let mut rects: Vec<Rect> = vec![Rect::default(); plan.fragments.len()];
    for &f in &order {
        let p = &plan.fragments[f];
        let (r0, r1) = (frames[f].first_row, frames[f].last_row);
        let mut ext: Option<Rect> = None;
        let mut add = |r: Rect| ext = Some(ext.map_or(r, |e| e.union(&r)));
        for m in p.messages() {
            add(placed.messages[m].bbox());
        }
        for (n, s) in placed.steps.iter().enumerate() {
            if placed.step_row[n] > r0 && placed.step_row[n] < r1 {
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
        let tab_w = tabs[f].w;
        if p.kind == FragmentKind::Alt {
            let first = text::width(&guard_text(d, p.first), style::SMALL_FONT);
            right = right.max(x0 + tab_w + 8.0 + first + 10.0);
            for m in p.first + 1..=p.last {
                let gw = text::width(&guard_text(d, m), style::SMALL_FONT);
                right = right.max(x0 + 8.0 + gw + 10.0);
            }
        }
        right = right.max(x0 + tab_w + 16.0);
        rects[f] = Rect::new(
            x0.floor(),
            frames[f].top,
            (right - x0.floor()).ceil(),
            frames[f].bottom - frames[f].top,
        );
    }
    rects
}

/// The fragments with their frames `rects`: tabs with their text, and an
/// `alt`'s guards and separators.
fn fragments(
    d: &Diagram,
    plan: &Plan,
    tabs: &[Tab],
    rects: &[Rect],
    guard_rows: &[GuardRow],
) -> Vec<Fragment> {
    let lh = line_h(style::SMALL_FONT);
    let guard = |text: String, x: f32, top: f32| TextLine {
        width: text::width(&text, style::SMALL_FONT),
        text,
        x,
        y: top + lh * 0.5 + style::SMALL_FONT * 0.35,
        size: style::SMALL_FONT,
        centered: false,
        class: "fz-guard",
    };
    plan.fragments
        .iter()
        .enumerate()
        .map(|(f, p)| {
            let rect = rects[f];
            let Tab { lines, w, h } = &tabs[f];
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
                guards.push(guard(
                    guard_text(d, p.first),
                    tab.right() + 8.0,
                    tab.y + 2.0,
                ));
                for g in guard_rows.iter().filter(|g| g.fragment == f) {
                    separators.push(g.separator);
                    guards.push(guard(
                        guard_text(d, p.first + g.operand),
                        rect.x + 8.0,
                        g.top,
                    ));
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
        .collect()
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

/// The participants on lifelines at `xs`: header boxes at `header_top`,
/// lifelines down to `lifeline_end`, and footer boxes there when `tall`.
fn participants(
    heads: &Heads,
    xs: &[f32],
    header_top: f32,
    lifeline_end: f32,
    tall: bool,
) -> Vec<Participant> {
    (0..xs.len())
        .map(|i| {
            let header = Rect::new(
                (xs[i] - heads.w[i] / 2.0).round(),
                header_top,
                heads.w[i],
                heads.h,
            );
            let th = line_h(style::FONT) * heads.lines[i].len() as f32;
            let header_text = block(
                &heads.lines[i],
                header.cx(),
                header.cy() - th / 2.0,
                style::FONT,
                "fz-lane-label",
            );
            let footer = tall.then(|| Rect::new(header.x, lifeline_end, heads.w[i], heads.h));
            let footer_text = footer.map_or_else(Vec::new, |f| {
                block(
                    &heads.lines[i],
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
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{CHAT, parse};
    use super::*;

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
