//! The architecture view's geometry: components in layers by dependency,
//! ordered within a layer by their neighbours, sized to their text, placed
//! on a grid, and the dependency arrows routed over a stand-in workflow.

use super::metrics::*;
use super::{ArchitectureLayout, Component, Dependency, arrow_text, counts, dependencies, kind_of};
use crate::ast::{Diagram, Edge, Handle, Lane, Node, Shape};
use crate::describe::{ComponentKind, Wording};
use crate::geom::Rect;
use crate::labels;
use crate::layout::connect;
use crate::model::{EdgePath, LaneBox, Layout, NodeBox, TextLine};
use crate::route::STUB;
use crate::style;
use crate::text;

/// Lay out the architecture view of a diagram that parsed without errors;
/// `w` words the summaries and "+N more".
pub fn layout(d: &Diagram, w: &(impl Wording + ?Sized)) -> ArchitectureLayout {
    let n = d.lanes.len();
    let deps = dependencies(d);
    let layer = layers(n, &deps);
    let members = order(n, &deps, &layer);
    let sized: Vec<BoxSize> = d
        .lanes
        .iter()
        .enumerate()
        .map(|(li, lane)| size_component(d, li, lane, w))
        .collect();
    let texts: Vec<Option<String>> = deps.iter().map(|(_, _, e)| arrow_text(d, e, w)).collect();
    let grid = Grid::new(&members, &layer, &sized, &deps, &texts);
    let components: Vec<Component> = (0..n)
        .map(|lane| grid.component(lane, &sized[lane]))
        .collect();
    let sides: Vec<(Handle, Handle)> = deps.iter().map(|(a, b, _)| grid.sides(*a, *b)).collect();
    let paths = route(d, &deps, &sides, &texts, &components, &grid);
    let dependencies = deps
        .into_iter()
        .zip(sides)
        .zip(paths)
        .map(|(((a, b, edges), (fs, ts)), mut path)| {
            // Ends on a cylinder's cap move onto the curve.
            if let Some(first) = path.points.first_mut() {
                *first = components[a].on_outline(fs, *first);
            }
            if let Some(last) = path.points.last_mut() {
                *last = components[b].on_outline(ts, *last);
            }
            Dependency {
                from: a,
                to: b,
                edges,
                from_side: fs,
                to_side: ts,
                path,
            }
        })
        .collect();
    ArchitectureLayout {
        width: grid.width,
        height: grid.height,
        components,
        dependencies,
    }
}

/// Layers by the longest chain of dependencies leading to each lane,
/// cycles broken by the order arrows are first written.
fn layers(n: usize, deps: &[(usize, usize, Vec<usize>)]) -> Vec<usize> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (a, b, _) in deps {
        // Would a → b close a cycle? Only if a is reachable from b.
        let mut seen = vec![false; n];
        let mut stack = vec![*b];
        let mut cycle = false;
        while let Some(x) = stack.pop() {
            if x == *a {
                cycle = true;
                break;
            }
            if std::mem::replace(&mut seen[x], true) {
                continue;
            }
            stack.extend(out[x].iter().copied());
        }
        if !cycle {
            out[*a].push(*b);
        }
    }
    let mut indeg = vec![0usize; n];
    for list in &out {
        for &b in list {
            indeg[b] += 1;
        }
    }
    let mut ready: std::collections::BTreeSet<usize> = (0..n).filter(|&i| indeg[i] == 0).collect();
    let mut layer = vec![0usize; n];
    while let Some(a) = ready.pop_first() {
        for &b in &out[a] {
            layer[b] = layer[b].max(layer[a] + 1);
            indeg[b] -= 1;
            if indeg[b] == 0 {
                ready.insert(b);
            }
        }
    }
    layer
}

/// The lanes of each layer, top to bottom: in lane order, then sorted by
/// the barycentre of their neighbours in the layer before (sweeping down)
/// or after (sweeping up), four sweeps.
fn order(n: usize, deps: &[(usize, usize, Vec<usize>)], layer: &[usize]) -> Vec<Vec<usize>> {
    let n_layers = layer.iter().copied().max().map_or(0, |m| m + 1);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n_layers];
    for lane in 0..n {
        members[layer[lane]].push(lane);
    }
    let mut pos = vec![0f32; n];
    let set_pos = |members: &[Vec<usize>], pos: &mut Vec<f32>| {
        for list in members {
            for (k, &lane) in list.iter().enumerate() {
                pos[lane] = k as f32;
            }
        }
    };
    set_pos(&members, &mut pos);
    for sweep in 0..4 {
        let down = sweep % 2 == 0;
        let range: Vec<usize> = if down {
            (1..n_layers).collect()
        } else {
            (0..n_layers.saturating_sub(1)).rev().collect()
        };
        for l in range {
            let key = |lane: usize| -> f32 {
                let near: Vec<f32> = deps
                    .iter()
                    .filter_map(|(a, b, _)| {
                        let other = if *a == lane {
                            *b
                        } else if *b == lane {
                            *a
                        } else {
                            return None;
                        };
                        let adjacent = if down {
                            layer[other] < l
                        } else {
                            layer[other] > l
                        };
                        adjacent.then_some(pos[other])
                    })
                    .collect();
                if near.is_empty() {
                    pos[lane]
                } else {
                    near.iter().sum::<f32>() / near.len() as f32
                }
            };
            let mut keyed: Vec<(f32, f32, usize)> = members[l]
                .iter()
                .map(|&lane| (key(lane), pos[lane], lane))
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
            members[l] = keyed.into_iter().map(|k| k.2).collect();
            set_pos(&members, &mut pos);
        }
    }
    members
}

/// A component box and its text, relative to the top-left corner.
struct BoxSize {
    w: f32,
    h: f32,
    kind: ComponentKind,
    /// (text, dy baseline from the top, size, class, mark before it)
    lines: Vec<(String, f32, f32, &'static str, bool)>,
}

/// The box of lane `lane` (index `li`): its label, its counts and its
/// first decisions, worded by `w`.
fn size_component(d: &Diagram, li: usize, lane: &Lane, w: &(impl Wording + ?Sized)) -> BoxSize {
    let lh = |size: f32| size * style::LINE;
    let kind = kind_of(lane);
    let (steps, decisions) = counts(d, li);
    let mut lines: Vec<(String, f32, &'static str, bool)> = Vec::new();
    for l in text::wrap(&lane.label, style::FONT, TEXT_MAX) {
        lines.push((l, style::FONT, "fz-label fz-title", false));
    }
    lines.push((
        w.component_counts(steps, decisions.len()),
        style::SMALL_FONT,
        "fz-meta",
        false,
    ));
    for dec in decisions.iter().take(MAX_DECISIONS) {
        for (k, l) in text::wrap(dec, style::SMALL_FONT, TEXT_MAX - MARK - 6.0)
            .into_iter()
            .enumerate()
        {
            lines.push((l, style::SMALL_FONT, "fz-meta fz-decision", k == 0));
        }
    }
    if decisions.len() > MAX_DECISIONS {
        lines.push((
            w.more(decisions.len() - MAX_DECISIONS),
            style::SMALL_FONT,
            "fz-meta",
            false,
        ));
    }
    let tw = lines
        .iter()
        .map(|(l, size, class, mark)| {
            let bold = if class.contains("fz-title") {
                1.08
            } else {
                1.0
            };
            let extra = if *mark { 2.0 * (MARK + 6.0) } else { 0.0 };
            text::width(l, *size) * bold + extra
        })
        .fold(0.0, f32::max);
    let th: f32 = lines.iter().map(|(_, size, _, _)| lh(*size)).sum::<f32>() + 4.0;
    let (extra_w, top, extra_h) = match kind {
        ComponentKind::Service => (0.0, 0.0, 0.0),
        ComponentKind::Store => (0.0, 2.0 * CAP, 3.0 * CAP),
        ComponentKind::Queue => (3.0 * SIDE_CAP, 0.0, 0.0),
    };
    let w = (tw + 2.0 * PAD_X + extra_w).max(MIN_W).ceil();
    let h = (th + 2.0 * PAD_Y + extra_h).max(MIN_H).ceil();
    // The text block, centred in the room the caps leave.
    let room = h - extra_h;
    let mut y = top + (room - th) / 2.0;
    let lines = lines
        .into_iter()
        .enumerate()
        .map(|(k, (l, size, class, mark))| {
            if k > 0 && lines_gap_before(class) {
                y += 4.0;
            }
            let base = y + lh(size) / 2.0 + size * 0.35;
            y += lh(size);
            (l, base, size, class, mark)
        })
        .collect();
    BoxSize { w, h, kind, lines }
}

/// The grid the components sit on: layers are columns, places in a layer
/// rows; gaps wide enough for the arrow labels between them, and room
/// above and below for arrows that run over or under the components.
struct Grid<'a> {
    layer: &'a [usize],
    row_of: Vec<usize>,
    col_x: Vec<f32>,
    col_w: Vec<f32>,
    row_y: Vec<f32>,
    row_h: Vec<f32>,
    width: f32,
    height: f32,
}

impl<'a> Grid<'a> {
    fn new(
        members: &[Vec<usize>],
        layer: &'a [usize],
        sized: &[BoxSize],
        deps: &[(usize, usize, Vec<usize>)],
        texts: &[Option<String>],
    ) -> Self {
        let (n, n_layers) = (layer.len(), members.len());
        let n_rows = members.iter().map(Vec::len).max().unwrap_or(0);
        let mut col_w = vec![0f32; n_layers];
        let mut row_h = vec![0f32; n_rows];
        let mut row_of = vec![0usize; n];
        for list in members {
            for (r, &lane) in list.iter().enumerate() {
                row_of[lane] = r;
                col_w[layer[lane]] = col_w[layer[lane]].max(sized[lane].w);
                row_h[r] = row_h[r].max(sized[lane].h);
            }
        }
        let gap = gaps(n_layers, layer, &row_of, deps, texts);
        let room = |side: Handle| room(side, n_rows, layer, &row_of, deps, texts);
        let (over, under) = (room(Handle::Top), room(Handle::Bottom));
        let mut col_x = vec![0f32; n_layers];
        let mut x = MARGIN_X;
        for c in 0..n_layers {
            col_x[c] = x;
            x += col_w[c] + gap[c];
        }
        let width = if n_layers == 0 {
            2.0 * MARGIN_X
        } else {
            x - gap[n_layers - 1] + MARGIN_X
        }
        .ceil();
        let mut row_y = vec![0f32; n_rows];
        let mut y = over.unwrap_or(MARGIN_TOP);
        for r in 0..n_rows {
            row_y[r] = y;
            y += row_h[r] + ROW_GAP;
        }
        let bottom = if n_rows == 0 { y } else { y - ROW_GAP };
        let height = (bottom + under.unwrap_or(MARGIN_BOTTOM)).ceil();
        Grid {
            layer,
            row_of,
            col_x,
            col_w,
            row_y,
            row_h,
            width,
            height,
        }
    }

    /// The sides the arrow from lane `a` to lane `b` leaves and enters by.
    fn sides(&self, a: usize, b: usize) -> (Handle, Handle) {
        sides_of(
            (self.layer[a], self.row_of[a]),
            (self.layer[b], self.row_of[b]),
        )
    }

    /// Lane `lane`'s component, sized `s`, in its cell.
    fn component(&self, lane: usize, s: &BoxSize) -> Component {
        let (c, r) = (self.layer[lane], self.row_of[lane]);
        let cx = (self.col_x[c] + self.col_w[c] / 2.0).round();
        // As tall as the row, so arrows between neighbours run straight.
        let row_h = self.row_h[r];
        let rect = Rect::new((cx - s.w / 2.0).round(), self.row_y[r].round(), s.w, row_h);
        let drop = ((row_h - s.h) / 2.0).round();
        let mut marks = Vec::new();
        let shift = if s.kind == ComponentKind::Queue {
            -SIDE_CAP / 2.0
        } else {
            0.0
        };
        let text = s
            .lines
            .iter()
            .map(|(t, base, size, class, mark)| {
                let width = text::width(t, *size);
                let t = TextLine {
                    width: if class.contains("fz-title") {
                        width * 1.08
                    } else {
                        width
                    },
                    text: t.clone(),
                    x: cx + shift,
                    y: rect.y + drop + base,
                    size: *size,
                    centered: true,
                    class,
                };
                if *mark {
                    let b = t.bbox();
                    marks.push(Rect::new(
                        b.x - MARK - 6.0,
                        b.y + (b.h - MARK) / 2.0,
                        MARK,
                        MARK,
                    ));
                }
                t
            })
            .collect();
        Component {
            rect,
            kind: s.kind,
            text,
            marks,
            layer: c,
            row: r,
        }
    }
}

/// Each gap between layers: wide enough for the labels of arrows that
/// cross it. An arrow and its twin (the arrow back) run side by side
/// through the same gap, so their labels go one after the other: the
/// router puts the first in the middle of its line and the second a
/// fifth of the way from one end, which takes about 5/3 of their widths.
fn gaps(
    n_layers: usize,
    layer: &[usize],
    row_of: &[usize],
    deps: &[(usize, usize, Vec<usize>)],
    texts: &[Option<String>],
) -> Vec<f32> {
    let mut gap = vec![COL_GAP; n_layers.max(1)];
    let mut along: std::collections::BTreeMap<(usize, usize), Vec<f32>> = Default::default();
    for ((a, b, _), t) in deps.iter().zip(texts) {
        let (la, lb) = (layer[*a], layer[*b]);
        if let Some(t) = t
            && la.abs_diff(lb) == 1
            && row_of[*a] == row_of[*b]
        {
            let lw = labels::measure(t).w;
            along.entry((*a.min(b), *a.max(b))).or_default().push(lw);
        }
    }
    for ((a, b), widths) in along {
        let need = match widths[..] {
            [w] => w + 2.0 * STUB + 16.0,
            _ => widths.iter().sum::<f32>() * 5.0 / 3.0 + 32.0,
        };
        let g = &mut gap[layer[a].min(layer[b])];
        *g = g.max(need.ceil());
    }
    gap
}

/// The room above (`side` top) or below the components for the arrows
/// that run over or under them, and their labels; `None` when none does.
fn room(
    side: Handle,
    n_rows: usize,
    layer: &[usize],
    row_of: &[usize],
    deps: &[(usize, usize, Vec<usize>)],
    texts: &[Option<String>],
) -> Option<f32> {
    deps.iter()
        .zip(texts)
        .filter(|((a, b, _), _)| {
            // Only around the top or bottom row does such an arrow run
            // outside the grid; elsewhere it takes the gap between rows.
            let edge_row = if side == Handle::Top { 0 } else { n_rows - 1 };
            sides_of((layer[*a], row_of[*a]), (layer[*b], row_of[*b])).0 == side
                && layer[*a].abs_diff(layer[*b]) > 1
                && (row_of[*a] == edge_row || row_of[*b] == edge_row)
        })
        .map(|(_, t)| t.as_deref().map_or(0.0, |t| labels::measure(t).h))
        .reduce(f32::max)
        .map(|h| (h + 2.0 * STUB + 16.0).max(MARGIN_UNDER))
}

/// The path of every arrow, routed by the workflow's router over a
/// stand-in workflow: one lane without a header, a node per component,
/// an edge per arrow (leaving and entering by `sides`, labelled `texts`).
fn route(
    d: &Diagram,
    deps: &[(usize, usize, Vec<usize>)],
    sides: &[(Handle, Handle)],
    texts: &[Option<String>],
    components: &[Component],
    grid: &Grid<'_>,
) -> Vec<EdgePath> {
    let (n, width, height) = (d.lanes.len(), grid.width, grid.height);
    let stand_in = Diagram {
        lanes: vec![Lane {
            id: String::new(),
            label: String::new(),
            span: 0..0,
        }],
        nodes: (0..n)
            .map(|lane| Node {
                id: d.lanes[lane].id.clone(),
                lane: 0,
                shape: Shape::Rectangle,
                label: String::new(),
                owner: None,
                description: None,
                system: None,
                span: 0..0,
            })
            .collect(),
        edges: deps
            .iter()
            .zip(sides)
            .zip(texts)
            .map(|(((a, b, _), &(fs, ts)), t)| Edge {
                from: *a,
                to: *b,
                from_handle: fs,
                to_handle: ts,
                label: t.clone(),
                span: 0..0,
            })
            .collect(),
        loops: Vec::new(),
    };
    let mut stand_in_layout = Layout {
        width,
        height,
        lanes: vec![LaneBox {
            rect: Rect::new(0.0, 0.0, width, height),
            header: Rect::new(0.0, 0.0, 0.0, height),
            text: Vec::new(),
        }],
        nodes: components
            .iter()
            .map(|c| NodeBox {
                rect: c.rect,
                shape: Shape::Rectangle,
                text: Vec::new(),
                divider: None,
                lane: 0,
                column: c.layer,
                sub_row: c.row,
            })
            .collect(),
        edges: Vec::new(),
        loops: Vec::new(),
    };
    if !stand_in.edges.is_empty() {
        connect(&stand_in, &mut stand_in_layout);
    }
    stand_in_layout.edges
}

/// The sides an arrow leaves and enters by, from the (layer, row) of its
/// ends: forward arrows leave the right side, arrows back leave the left
/// one, and an arrow to another row turns into its top or bottom; an arrow
/// over more than one layer runs over the components between (forward) or
/// under them (back).
fn sides_of((la, ra): (usize, usize), (lb, rb): (usize, usize)) -> (Handle, Handle) {
    use std::cmp::Ordering::*;
    if lb > la + 1 && ra == rb {
        (Handle::Top, Handle::Top)
    } else if lb > la {
        match rb.cmp(&ra) {
            Equal => (Handle::Right, Handle::Left),
            Greater => (Handle::Bottom, Handle::Left),
            Less => (Handle::Top, Handle::Left),
        }
    } else if la == lb + 1 {
        match rb.cmp(&ra) {
            Equal => (Handle::Left, Handle::Right),
            Less => (Handle::Left, Handle::Bottom),
            Greater => (Handle::Left, Handle::Top),
        }
    } else {
        (Handle::Bottom, Handle::Bottom)
    }
}

/// A little air above the first summary line, under the title.
fn lines_gap_before(class: &str) -> bool {
    class == "fz-meta"
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{SRC, parse};
    use super::*;
    use crate::describe::English;

    #[test]
    fn components_sit_in_layers_by_dependency() {
        let d = parse(SRC);
        let l = layout(&d, &English);
        let layers: Vec<usize> = l.components.iter().map(|c| c.layer).collect();
        assert_eq!(layers, [0, 1, 2]);
        assert!(l.components[0].rect.right() < l.components[1].rect.x);
        assert_eq!(l.components[2].kind, ComponentKind::Store);
        // The reply arrow runs beside the request, from left side to right side.
        let back = &l.dependencies[1];
        assert_eq!(
            (back.from_side, back.to_side),
            (Handle::Left, Handle::Right)
        );
        let text: Vec<&str> = l.components[1]
            .text
            .iter()
            .map(|t| t.text.as_str())
            .collect();
        assert_eq!(text, ["API", "2 steps · 1 decision", "Valid?"]);
        assert_eq!(l.components[1].marks.len(), 1);
    }

    #[test]
    fn arrows_end_on_the_curve_of_a_cylinder() {
        let d = parse(SRC);
        let l = layout(&d, &English);
        let db = &l.components[2];
        let to_db = &l.dependencies[2];
        let end = *to_db.path.points.last().unwrap();
        assert!(db.rect.contains(end));
        assert_eq!(end, db.on_outline(to_db.to_side, end));
    }
}
