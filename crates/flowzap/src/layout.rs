//! Swimlane layout: node sizes from their text, columns from a layered
//! ranking shared by all lanes, sub-rows for nodes that share a lane and a
//! column, then coordinates. Connectors are routed by [`crate::route`] and
//! their labels placed by [`crate::labels`].
//!
//! Lanes are horizontal bands in file order with a header band on the left.
//! A right→left edge advances at least one column; a top/bottom hop keeps its
//! column when it can, so a hop between lanes runs straight down.

use crate::ast::{Diagram, Handle, Node, Shape};
use crate::geom::{Point, Rect};
use crate::labels;
use crate::model::{LaneBox, Layout, LoopBox, NodeBox, TextLine};
use crate::route;
use crate::text;

use crate::style::*;

/// Lay out a diagram that parsed without errors.
pub fn layout(d: &Diagram) -> Layout {
    let sizes: Vec<Sized> = d.nodes.iter().map(size_node).collect();
    // Rank, stack, and where a stacked node's vertical connector would have
    // to squeeze past its neighbour in the stack, move it a column right and
    // rank again.
    let mut extra: Vec<(usize, usize, usize)> = Vec::new();
    let (mut columns, mut sub_rows);
    let mut rounds = 0;
    loop {
        columns = rank(d, &extra);
        sub_rows = order_sub_rows(d, &columns);
        let conflicts = stack_conflicts(d, &columns, &sub_rows);
        rounds += 1;
        if conflicts.is_empty() || rounds > 64 {
            break;
        }
        let before = extra.len();
        for c in conflicts {
            if !extra.contains(&c) {
                extra.push(c);
            }
        }
        if extra.len() == before {
            break;
        }
    }
    let mut l = place(d, &sizes, &columns, &sub_rows);
    place_loops(d, &mut l);
    connect(d, &mut l);
    l
}

/// Route every connector of `d` over `l` and place the labels: the last
/// stage of a layout, shared with the architecture view's stand-in.
pub(crate) fn connect(d: &Diagram, l: &mut Layout) {
    let paths = route::route(d, l);
    l.edges = labels::place_all(d, l, paths);
}

/// A node's size and its text relative to its centre.
struct Sized {
    w: f32,
    h: f32,
    /// (text, dx, dy-baseline, size, centered, class)
    lines: Vec<(String, f32, f32, f32, bool, &'static str)>,
    divider: Option<f32>,
}

/// Lines centred on the origin as a block, returned with their baselines.
fn centred_block(
    lines: &[String],
    size: f32,
    class: &'static str,
) -> Vec<(String, f32, f32, f32, bool, &'static str)> {
    let lh = line_h(size);
    let total = lh * lines.len() as f32;
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            // Baseline: the line box's centre plus a third of the size.
            let centre = -total / 2.0 + lh * (i as f32 + 0.5);
            (l.clone(), 0.0, centre + size * 0.35, size, true, class)
        })
        .collect()
}

fn size_node(n: &Node) -> Sized {
    let label = n.display_label();
    match n.shape {
        Shape::Rectangle => {
            let lines = text::wrap(label, FONT, RECT_TEXT_MAX);
            let tw = text::max_width(&lines, FONT);
            let th = line_h(FONT) * lines.len() as f32;
            Sized {
                w: (tw + 2.0 * RECT_PAD_X).max(RECT_MIN_W).ceil(),
                h: (th + 2.0 * RECT_PAD_Y).max(RECT_MIN_H).ceil(),
                lines: centred_block(&lines, FONT, "fz-label"),
                divider: None,
            }
        }
        Shape::Diamond => {
            let lines = text::wrap(label, FONT, DIAMOND_TEXT_MAX);
            let tw = text::max_width(&lines, FONT) + 10.0;
            let th = line_h(FONT) * lines.len() as f32 + 6.0;
            // The text box (tw × th) fits the rhombus when tw/W + th/H ≤ 1.
            let h = (th * 2.2).max(60.0);
            let w = (tw / (1.0 - th / h)).max(96.0);
            Sized {
                w: w.ceil(),
                h: h.ceil(),
                lines: centred_block(&lines, FONT, "fz-label"),
                divider: None,
            }
        }
        Shape::Circle => {
            let full = text::width(label, FONT);
            let mut best: Option<(f32, Vec<String>)> = None;
            for parts in 1..=3 {
                let max = if parts == 1 {
                    f32::INFINITY
                } else {
                    (full / parts as f32) * 1.15 + 1.0
                };
                let lines = text::wrap(label, FONT, max);
                if lines.len() > 3 {
                    continue;
                }
                let tw = text::max_width(&lines, FONT) + 6.0;
                let th = line_h(FONT) * lines.len() as f32 + 2.0;
                let d = (tw * tw + th * th).sqrt() + 4.0;
                if best.as_ref().is_none_or(|(bd, _)| d < *bd - 0.5) {
                    best = Some((d, lines));
                }
            }
            let (d, lines) = best.unwrap_or_else(|| (CIRCLE_MIN, vec![label.to_string()]));
            let d = d.max(CIRCLE_MIN).ceil();
            Sized {
                w: d,
                h: d,
                lines: centred_block(&lines, FONT, "fz-label"),
                divider: None,
            }
        }
        Shape::Taskbox => size_taskbox(n),
    }
}

fn size_taskbox(n: &Node) -> Sized {
    let label = n.display_label();
    let mut parts = label.split('|').map(str::trim).filter(|p| !p.is_empty());
    let title = parts.next().unwrap_or(label);
    let title_lines = text::wrap(title, FONT, TASK_TEXT_MAX);
    let mut rows: Vec<String> = Vec::new();
    for item in parts {
        for (i, l) in text::wrap(item, SMALL_FONT, TASK_TEXT_MAX - 12.0)
            .into_iter()
            .enumerate()
        {
            rows.push(if i == 0 {
                format!("• {l}")
            } else {
                format!("  {l}")
            });
        }
    }
    for (key, value) in [
        ("Owner", &n.owner),
        ("Description", &n.description),
        ("System", &n.system),
    ] {
        if let Some(v) = value {
            rows.extend(text::wrap(
                &format!("{key}: {v}"),
                SMALL_FONT,
                TASK_TEXT_MAX,
            ));
        }
    }
    let tw = text::max_width(&title_lines, FONT).max(text::max_width(&rows, SMALL_FONT));
    let w = (tw + 2.0 * RECT_PAD_X).max(TASK_MIN_W).ceil();
    let title_h = line_h(FONT) * title_lines.len() as f32;
    let rows_h = line_h(SMALL_FONT) * rows.len() as f32;
    let gap = if rows.is_empty() { 0.0 } else { 10.0 };
    let h = (RECT_PAD_Y * 2.0 + title_h + gap + rows_h)
        .max(RECT_MIN_H)
        .ceil();
    let top = -h / 2.0 + RECT_PAD_Y;
    let mut lines = Vec::new();
    for (i, l) in title_lines.iter().enumerate() {
        lines.push((
            l.clone(),
            0.0,
            top + line_h(FONT) * (i as f32 + 0.5) + FONT * 0.35,
            FONT,
            true,
            "fz-label fz-title",
        ));
    }
    let divider = (!rows.is_empty()).then_some(top + title_h + gap / 2.0);
    let rows_top = top + title_h + gap;
    let left = -w / 2.0 + RECT_PAD_X;
    for (i, l) in rows.iter().enumerate() {
        lines.push((
            l.clone(),
            left,
            rows_top + line_h(SMALL_FONT) * (i as f32 + 0.5) + SMALL_FONT * 0.35,
            SMALL_FONT,
            false,
            "fz-meta",
        ));
    }
    if rows.is_empty() {
        // Centre a lone title vertically.
        lines = centred_block(&title_lines, FONT, "fz-label fz-title");
    }
    Sized {
        w,
        h,
        lines,
        divider,
    }
}

/// The column constraint an edge implies: `(a, b, gap)` means
/// column(b) ≥ column(a) + gap.
fn constraint(from: usize, to: usize, fh: Handle, th: Handle) -> (usize, usize, usize) {
    if fh == Handle::Right || (th == Handle::Left && fh != Handle::Left) {
        (from, to, 1)
    } else if fh == Handle::Left || th == Handle::Right {
        (to, from, 1)
    } else {
        (from, to, 0)
    }
}

/// Columns by longest path over the edge constraints, cycles broken by
/// declaration order (a constraint that would close a cycle is dropped).
fn rank(d: &Diagram, extra: &[(usize, usize, usize)]) -> Vec<usize> {
    let n = d.nodes.len();
    let mut out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    let mut has_in = vec![false; n];
    let mut linked = vec![false; n];
    let mut stack = Vec::new();
    let mut seen = vec![0u32; n];
    let mut stamp = 0u32;
    for e in &d.edges {
        linked[e.from] = true;
        linked[e.to] = true;
    }
    let implied = d
        .edges
        .iter()
        .filter(|e| e.from != e.to)
        .map(|e| constraint(e.from, e.to, e.from_handle, e.to_handle));
    for (a, b, gap) in implied.chain(extra.iter().copied()) {
        // Would a → b close a cycle? Only if a is reachable from b.
        stamp += 1;
        stack.clear();
        stack.push(b);
        let mut cycle = false;
        while let Some(x) = stack.pop() {
            if x == a {
                cycle = true;
                break;
            }
            if seen[x] == stamp {
                continue;
            }
            seen[x] = stamp;
            stack.extend(out[x].iter().map(|&(y, _)| y));
        }
        if !cycle {
            out[a].push((b, gap));
            has_in[b] = true;
        }
    }
    // Topological order (Kahn), declaration order among equals.
    let mut indeg = vec![0usize; n];
    for edges in &out {
        for &(b, _) in edges {
            indeg[b] += 1;
        }
    }
    let mut ready: std::collections::BTreeSet<usize> = (0..n).filter(|&i| indeg[i] == 0).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(i) = ready.pop_first() {
        order.push(i);
        for &(b, _) in &out[i] {
            indeg[b] -= 1;
            if indeg[b] == 0 {
                ready.insert(b);
            }
        }
    }
    let mut col = vec![0usize; n];
    for &a in &order {
        for &(b, gap) in &out[a] {
            col[b] = col[b].max(col[a] + gap);
        }
    }
    // Pull sources towards what they feed, so a lone start is not stranded
    // in column 0 far from its successor.
    for &a in order.iter().rev() {
        if !has_in[a] && !out[a].is_empty() {
            let want = out[a]
                .iter()
                .map(|&(b, gap)| col[b].saturating_sub(gap))
                .min()
                .unwrap_or(col[a]);
            col[a] = col[a].max(want);
        }
    }
    // Unconnected nodes follow the lane's previously declared node.
    for i in 0..n {
        if !linked[i] {
            let lane = d.nodes[i].lane;
            col[i] = (0..i)
                .filter(|&j| d.nodes[j].lane == lane)
                .map(|j| col[j] + 1)
                .max()
                .unwrap_or(0);
        }
    }
    col
}

/// Stacked nodes whose connector leaves or enters through the side that faces
/// another node of the stack: `(neighbour, node, 1)` constraints that move
/// the node one column right of that neighbour. One per stack per round.
fn stack_conflicts(
    d: &Diagram,
    columns: &[usize],
    sub_rows: &[usize],
) -> Vec<(usize, usize, usize)> {
    use std::collections::BTreeMap;
    let mut stacks: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for (i, (node, &col)) in d.nodes.iter().zip(columns).enumerate() {
        stacks.entry((node.lane, col)).or_default().push(i);
    }
    let mut out = Vec::new();
    for members in stacks.values().filter(|m| m.len() > 1) {
        let mut by_row = members.clone();
        by_row.sort_by_key(|&m| sub_rows[m]);
        let last = by_row.len() - 1;
        'member: for (r, &v) in by_row.iter().enumerate() {
            for e in &d.edges {
                let (side, other) = if e.to == v {
                    (e.to_handle, e.from)
                } else if e.from == v {
                    (e.from_handle, e.to)
                } else {
                    continue;
                };
                if members.contains(&other) {
                    continue;
                }
                // Move the node right of the neighbour in its way; where the
                // node cannot move (its other connectors hold it, so the
                // ranking drops that constraint as a cycle), move the
                // neighbour right of it instead.
                let neighbour = match side {
                    Handle::Top if r > 0 => by_row[r - 1],
                    Handle::Bottom if r < last => by_row[r + 1],
                    _ => continue,
                };
                out.push((neighbour, v, 1));
                out.push((v, neighbour, 1));
                break 'member;
            }
        }
    }
    out
}

/// Sub-row of every node within its (lane, column) group: a node fed from
/// above sits below its feeder; nodes on a horizontal chain come first;
/// then declaration order.
fn order_sub_rows(d: &Diagram, columns: &[usize]) -> Vec<usize> {
    let n = d.nodes.len();
    let mut groups: std::collections::BTreeMap<(usize, usize), Vec<usize>> =
        std::collections::BTreeMap::new();
    for (i, (node, &col)) in d.nodes.iter().zip(columns).enumerate() {
        groups.entry((node.lane, col)).or_default().push(i);
    }
    let mut chained = vec![false; n];
    for e in &d.edges {
        let same_lane = d.nodes[e.from].lane == d.nodes[e.to].lane;
        if same_lane && e.from_handle.is_horizontal() && e.to_handle.is_horizontal() {
            chained[e.from] = true;
            chained[e.to] = true;
        }
    }
    // The first node declared in a lane anchors its main row.
    let mut sub = vec![0usize; n];
    for members in groups.values() {
        if members.len() == 1 {
            continue;
        }
        // "above" relation inside the group.
        let mut below: Vec<(usize, usize)> = Vec::new();
        for e in &d.edges {
            if !members.contains(&e.from) || !members.contains(&e.to) || e.from == e.to {
                continue;
            }
            match (e.from_handle, e.to_handle) {
                (Handle::Bottom, _) | (_, Handle::Top) => below.push((e.from, e.to)),
                (Handle::Top, _) | (_, Handle::Bottom) => below.push((e.to, e.from)),
                _ => {}
            }
        }
        let mut placed: Vec<usize> = Vec::with_capacity(members.len());
        let mut left: Vec<usize> = members.clone();
        while !left.is_empty() {
            let free: Vec<usize> = left
                .iter()
                .copied()
                .filter(|&m| {
                    !below
                        .iter()
                        .any(|&(a, b)| b == m && left.contains(&a) && a != m)
                })
                .collect();
            let pool = if free.is_empty() { left.clone() } else { free };
            let pick = pool
                .iter()
                .copied()
                .min_by_key(|&m| (!chained[m], m))
                .unwrap_or(left[0]);
            placed.push(pick);
            left.retain(|&m| m != pick);
        }
        for (r, &m) in placed.iter().enumerate() {
            sub[m] = r;
        }
    }
    sub
}

/// The laid-out nodes and lanes (connectors and loops come later).
fn place(d: &Diagram, sizes: &[Sized], columns: &[usize], sub_rows: &[usize]) -> Layout {
    let cols = Columns::new(d, sizes, columns);
    let (lanes, row_centre, height) = place_lanes(d, sizes, sub_rows, &cols);
    let nodes = sizes
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let lane = d.nodes[i].lane;
            let c = columns[i];
            let cx = (cols.x[c] + cols.w[c] / 2.0).round();
            let cy = row_centre[lane]
                .get(sub_rows[i])
                .copied()
                .unwrap_or(0.0)
                .round();
            let rect = Rect::centered(cx, cy, s.w, s.h);
            NodeBox {
                rect,
                shape: d.nodes[i].shape,
                text: s
                    .lines
                    .iter()
                    .map(|(t, dx, dy, size, centered, class)| TextLine {
                        width: text::width(t, *size),
                        text: t.clone(),
                        x: cx + dx,
                        y: cy + dy,
                        size: *size,
                        centered: *centered,
                        class,
                    })
                    .collect(),
                divider: s.divider.map(|dy| cy + dy),
                lane,
                column: c,
                sub_row: sub_rows[i],
            }
        })
        .collect();
    Layout {
        width: cols.width,
        height,
        lanes,
        nodes,
        edges: Vec::new(),
        loops: Vec::new(),
    }
}

/// The horizontal geometry: the lane header (sized to the longest label,
/// wrapped), each column's x and width, and the drawing's width.
struct Columns {
    header_lines: Vec<Vec<String>>,
    header_w: f32,
    x: Vec<f32>,
    w: Vec<f32>,
    width: f32,
}

impl Columns {
    /// Columns as wide as their widest node, with gaps wide enough for the
    /// labels of edges that cross them horizontally.
    fn new(d: &Diagram, sizes: &[Sized], columns: &[usize]) -> Self {
        let n_cols = columns.iter().copied().max().map_or(0, |m| m + 1);
        let mut col_w = vec![0f32; n_cols];
        for (i, s) in sizes.iter().enumerate() {
            col_w[columns[i]] = col_w[columns[i]].max(s.w);
        }
        // Gaps wide enough for the labels of edges that cross them horizontally.
        let mut gap = vec![COL_GAP; n_cols];
        for e in &d.edges {
            let (a, b) = (columns[e.from], columns[e.to]);
            if let Some(label) = &e.label
                && a != b
            {
                let lw = labels::measure(label).w + 24.0;
                let lo = a.min(b);
                let span = a.max(b) - lo;
                let per = lw / span as f32;
                for g in gap.iter_mut().skip(lo).take(span) {
                    *g = g.max(per);
                }
            }
        }
        // Lane header: sized to the longest label, wrapped.
        let header_lines: Vec<Vec<String>> = d
            .lanes
            .iter()
            .map(|l| text::wrap(&l.label, FONT, HEADER_MAX - 2.0 * HEADER_PAD))
            .collect();
        let header_w = header_lines
            .iter()
            .map(|ls| text::max_width(ls, FONT) + 2.0 * HEADER_PAD)
            .fold(HEADER_MIN, f32::max)
            .min(HEADER_MAX)
            .ceil();
        let mut col_x = vec![0f32; n_cols];
        let mut x = header_w + CONTENT_PAD_X;
        for c in 0..n_cols {
            col_x[c] = x;
            x += col_w[c] + gap[c];
        }
        let content_right = if n_cols == 0 {
            x + 120.0
        } else {
            x - gap[n_cols - 1] + CONTENT_PAD_X
        };
        let width = content_right.max(header_w + 200.0).ceil();
        Columns {
            header_lines,
            header_w,
            x: col_x,
            w: col_w,
            width,
        }
    }
}

/// The lane bands top to bottom, each as tall as its sub-rows (each as
/// tall as its tallest node) and its header text need; with the y of
/// each lane's sub-row centres, and the drawing's height.
fn place_lanes(
    d: &Diagram,
    sizes: &[Sized],
    sub_rows: &[usize],
    cols: &Columns,
) -> (Vec<LaneBox>, Vec<Vec<f32>>, f32) {
    let (header_lines, header_w, width) = (&cols.header_lines, cols.header_w, cols.width);
    let n_lanes = d.lanes.len();
    let mut rows_h: Vec<Vec<f32>> = vec![Vec::new(); n_lanes];
    for (i, s) in sizes.iter().enumerate() {
        let lane = d.nodes[i].lane;
        let r = sub_rows[i];
        if rows_h[lane].len() <= r {
            rows_h[lane].resize(r + 1, 0.0);
        }
        rows_h[lane][r] = rows_h[lane][r].max(s.h);
    }
    let mut lanes = Vec::with_capacity(n_lanes);
    let mut row_centre: Vec<Vec<f32>> = vec![Vec::new(); n_lanes];
    let mut y = 0f32;
    for li in 0..n_lanes {
        let header_text_h = line_h(FONT) * header_lines[li].len() as f32;
        let mut inner = 0f32;
        for (r, h) in rows_h[li].iter().enumerate() {
            if r > 0 {
                inner += SUBROW_GAP;
            }
            row_centre[li].push(y + LANE_PAD + inner + h / 2.0);
            inner += h;
        }
        let h = (inner + 2.0 * LANE_PAD)
            .max(header_text_h + 2.0 * HEADER_PAD)
            .max(96.0)
            .ceil();
        // Centre the rows when the header made the lane taller.
        let extra = (h - (inner + 2.0 * LANE_PAD)) / 2.0;
        for c in &mut row_centre[li] {
            *c += extra;
        }
        let rect = Rect::new(0.0, y, width, h);
        let header = Rect::new(0.0, y, header_w, h);
        let text = centred_block(&header_lines[li], FONT, "fz-lane-label")
            .into_iter()
            .map(|(t, _, dy, size, _, class)| TextLine {
                width: text::width(&t, size),
                text: t,
                x: header_w / 2.0,
                y: y + h / 2.0 + dy,
                size,
                centered: true,
                class,
            })
            .collect();
        lanes.push(LaneBox { rect, header, text });
        y += h;
    }
    let height = y.max(1.0).ceil();
    (lanes, row_centre, height)
}

/// Loop frames: the nodes' bounding box plus a margin, with a tab above its
/// top-left corner.
fn place_loops(d: &Diagram, l: &mut Layout) {
    for lp in &d.loops {
        let frames = loop_frames(l, &lp.nodes);
        if frames.is_empty() {
            continue;
        }
        let label = format!("↻ {}", lp.text);
        let tw = text::width(&label, SMALL_FONT);
        let tab = place_tab(d, l, &frames, (tw + 2.0 * LABEL_PAD_X).ceil());
        let text = vec![TextLine {
            text: label,
            x: tab.x + LABEL_PAD_X,
            y: tab.y + LOOP_TAB_H / 2.0 + SMALL_FONT * 0.35,
            size: SMALL_FONT,
            width: tw,
            centered: false,
            class: "fz-loop-label",
        }];
        l.loops.push(LoopBox { frames, tab, text });
    }
}

/// The loop's tab: on a corner of one of its frames (top-left first) where
/// it blocks no connector docking on a node side next to it.
fn place_tab(d: &Diagram, l: &Layout, frames: &[Rect], w: f32) -> Rect {
    // Where connectors will dock on top and bottom sides: ports spread
    // evenly along a side, as the router places them.
    let mut ends = vec![[0usize; 4]; l.nodes.len()];
    for e in &d.edges {
        ends[e.from][e.from_handle as usize] += 1;
        ends[e.to][e.to_handle as usize] += 1;
    }
    let mut docks: Vec<(f32, f32)> = Vec::new(); // (x, y) of a vertical stub's root
    for (n, counts) in l.nodes.iter().zip(&ends) {
        for side in [Handle::Top, Handle::Bottom] {
            let k = counts[side as usize];
            for j in 0..k {
                let p = n.port(side, (j as f32 + 1.0) / (k as f32 + 1.0));
                docks.push((p.x, p.y));
            }
        }
    }
    let header = l.lanes.first().map_or(0.0, |lane| lane.header.right());
    let misplaced = |tab: &Rect| {
        tab.x < header + 2.0
            || tab.right() > l.width - 2.0
            || tab.y < 1.0
            || tab.bottom() > l.height - 1.0
            || l.nodes.iter().any(|n| tab.inflate(2.0).overlaps(&n.rect))
    };
    let blocks = |tab: &Rect| {
        let zone = Rect::new(tab.x - 6.0, tab.y - 30.0, tab.w + 12.0, tab.h + 60.0);
        misplaced(tab) || docks.iter().any(|&(x, y)| zone.contains(Point::new(x, y)))
    };
    let mut candidates = Vec::new();
    for f in frames {
        for y in [f.y - LOOP_TAB_H, f.bottom()] {
            candidates.extend([
                Rect::new(f.x, y, w, LOOP_TAB_H),
                Rect::new(f.right() - w, y, w, LOOP_TAB_H),
                Rect::new(f.x - w + 16.0, y, w, LOOP_TAB_H),
                Rect::new(f.right() - 16.0, y, w, LOOP_TAB_H),
            ]);
        }
    }
    candidates
        .iter()
        .copied()
        .find(|t| !blocks(t))
        .or_else(|| candidates.iter().copied().find(|t| !misplaced(t)))
        .unwrap_or(candidates[0])
}

/// Frames that hold `members` and no other node: one around them all if
/// possible, else one per lane, else one per sub-row, else one per node.
fn loop_frames(l: &Layout, members: &[usize]) -> Vec<Rect> {
    let frame_of = |ns: &[usize]| -> Option<Rect> {
        let first = l.nodes[*ns.first()?].rect;
        Some(
            ns.iter()
                .fold(first, |bb, &n| bb.union(&l.nodes[n].rect))
                .inflate(LOOP_MARGIN),
        )
    };
    let clean = |f: &Rect| {
        l.nodes
            .iter()
            .enumerate()
            .all(|(i, n)| members.contains(&i) || !f.overlaps(&n.rect))
    };
    if let Some(f) = frame_of(members).filter(|f| clean(f)) {
        return vec![f];
    }
    let mut lanes: Vec<usize> = members.iter().map(|&n| l.nodes[n].lane).collect();
    lanes.sort_unstable();
    lanes.dedup();
    let mut frames = Vec::new();
    for lane in lanes {
        let in_lane: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&n| l.nodes[n].lane == lane)
            .collect();
        if let Some(f) = frame_of(&in_lane).filter(|f| clean(f)) {
            frames.push(f);
            continue;
        }
        // One frame per sub-row of the lane, else one per node.
        let mut rows: Vec<usize> = in_lane.iter().map(|&n| l.nodes[n].sub_row).collect();
        rows.sort_unstable();
        rows.dedup();
        for row in rows {
            let in_row: Vec<usize> = in_lane
                .iter()
                .copied()
                .filter(|&n| l.nodes[n].sub_row == row)
                .collect();
            match frame_of(&in_row).filter(|f| clean(f)) {
                Some(f) => frames.push(f),
                None => frames.extend(in_row.iter().filter_map(|&n| frame_of(&[n]))),
            }
        }
    }
    frames
}
