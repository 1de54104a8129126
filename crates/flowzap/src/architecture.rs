//! The architecture view: each lane is a component, each ordered pair of
//! lanes with connectors between them one dependency arrow.
//!
//! A component box shows the lane's label and a short summary: how many
//! steps it has, how many are decisions, and the first decisions' labels.
//! Arrows are labelled with the distinct labels of the connectors they
//! stand for, the first [`MAX_LABELS`], then "+N more".
//!
//! Placement is layered by dependency: the arrows, in the order their
//! first connector is written, make a graph whose cycles are broken by
//! that order; each component sits in the layer after the longest chain
//! leading to it, layers left to right, and within a layer components are
//! ordered by the barycentre of their neighbours. Arrows are routed by the
//! workflow's orthogonal router over that grid: forward arrows from the
//! right side to the left side, an arrow back to the previous layer from
//! the left side to the right side (beside its forward twin), one back
//! further from bottom to bottom, under the components between.
//!
//! Shapes: a lane whose id or label names a store — database, db, store,
//! storage, cache, repository, warehouse (数据库, 存储, 缓存, base de
//! données) — is a cylinder standing up, the usual database symbol; one
//! that names a queue — queue, bus, topic, stream, broker (队列, 总线, file
//! d'attente) — is a cylinder on its side, the usual queue symbol (as C4
//! draws them). Everything else is a rounded box.

use crate::ast::{Diagram, Edge, Handle, Lane, Node, Shape};
use crate::describe::{self, ComponentKind, Wording};
use crate::geom::{Point, Rect};
use crate::labels;
use crate::layout::connect;
use crate::model::{EdgePath, LaneBox, Layout, NodeBox, TextLine};
use crate::route::STUB;
use crate::style;
use crate::svg::{self, Esc, Options, PathD, num, source_hash, text};
use crate::text;
use std::fmt::Write;

/// Labels written on an arrow before "+N more".
pub const MAX_LABELS: usize = 3;

pub use metrics::{CAP, SIDE_CAP};

mod metrics {
    pub const MARGIN_X: f32 = 40.0;
    pub const MARGIN_TOP: f32 = 32.0;
    pub const MARGIN_BOTTOM: f32 = 40.0;
    /// Below the components when arrows run under them.
    pub const MARGIN_UNDER: f32 = 72.0;
    pub const PAD_X: f32 = 16.0;
    pub const PAD_Y: f32 = 12.0;
    pub const MIN_W: f32 = 160.0;
    pub const MIN_H: f32 = 64.0;
    pub const TEXT_MAX: f32 = 180.0;
    pub const COL_GAP: f32 = 96.0;
    pub const ROW_GAP: f32 = 72.0;
    /// A cylinder's cap: the half-height of the ellipse of one standing
    /// up, the half-width of one on its side.
    pub const CAP: f32 = 8.0;
    pub const SIDE_CAP: f32 = 11.0;
    /// The small diamond before a decision's label.
    pub const MARK: f32 = 9.0;
    /// Decisions listed in a box before "+N more".
    pub const MAX_DECISIONS: usize = 2;
}

use metrics::*;

/// A lane as a component box.
#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    pub rect: Rect,
    pub kind: ComponentKind,
    pub text: Vec<TextLine>,
    /// The small diamonds before decision labels.
    pub marks: Vec<Rect>,
    pub layer: usize,
    pub row: usize,
}

impl Component {
    /// Where text may go: inside the outline, clear of the caps.
    pub fn inner(&self) -> Rect {
        let r = self.rect;
        match self.kind {
            ComponentKind::Service => r.inflate(-2.0),
            ComponentKind::Store => {
                Rect::new(r.x + 2.0, r.y + 2.0 * CAP, r.w - 4.0, r.h - 3.0 * CAP)
            }
            ComponentKind::Queue => {
                Rect::new(r.x + SIDE_CAP, r.y + 2.0, r.w - 3.0 * SIDE_CAP, r.h - 4.0)
            }
        }
    }

    /// The point of the outline reached from `p` (a point on the bounding
    /// box's `side`) by moving straight inwards: on a cylinder's round cap
    /// that is inside the box.
    pub fn on_outline(&self, side: Handle, p: Point) -> Point {
        let r = self.rect;
        let cap = |off: f32, half: f32, depth: f32| {
            depth - depth * (1.0 - (off / half).powi(2)).max(0.0).sqrt()
        };
        match (self.kind, side) {
            (ComponentKind::Store, Handle::Top) => {
                Point::new(p.x, r.y + cap(p.x - r.cx(), r.w / 2.0, CAP))
            }
            (ComponentKind::Store, Handle::Bottom) => {
                Point::new(p.x, r.bottom() - cap(p.x - r.cx(), r.w / 2.0, CAP))
            }
            (ComponentKind::Queue, Handle::Left) => {
                Point::new(r.x + cap(p.y - r.cy(), r.h / 2.0, SIDE_CAP), p.y)
            }
            (ComponentKind::Queue, Handle::Right) => {
                Point::new(r.right() - cap(p.y - r.cy(), r.h / 2.0, SIDE_CAP), p.y)
            }
            _ => p,
        }
    }
}

/// One arrow: every connector from lane `from` to lane `to`.
#[derive(Debug, Clone, PartialEq)]
pub struct Dependency {
    pub from: usize,
    pub to: usize,
    /// The connectors, in edge order.
    pub edges: Vec<usize>,
    pub from_side: Handle,
    pub to_side: Handle,
    pub path: EdgePath,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ArchitectureLayout {
    pub width: f32,
    pub height: f32,
    /// One per lane, in lane order.
    pub components: Vec<Component>,
    pub dependencies: Vec<Dependency>,
}

/// Words of a lane's id and label: split at anything not a letter or a
/// digit and between a lower-case letter and an upper-case one, lowered.
fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// What a lane is drawn as, from the words of its id and label.
pub fn kind_of(lane: &Lane) -> ComponentKind {
    const QUEUE: &[&str] = &[
        "queue", "queues", "bus", "topic", "topics", "stream", "streams", "broker", "mq", "kafka",
        "pubsub", "sqs", "sns",
    ];
    const STORE: &[&str] = &[
        "database",
        "databases",
        "db",
        "dbs",
        "datastore",
        "store",
        "stores",
        "storage",
        "cache",
        "caches",
        "repository",
        "repo",
        "warehouse",
        "bdd",
    ];
    let text = format!("{} {}", lane.id, lane.label);
    let ws = words(&lane.id)
        .into_iter()
        .chain(words(&lane.label))
        .collect::<Vec<_>>();
    let lower = text.to_lowercase();
    let any = |list: &[&str], suffixes: &[&str]| {
        ws.iter()
            .any(|w| list.contains(&w.as_str()) || suffixes.iter().any(|s| w.ends_with(s)))
    };
    if any(QUEUE, &["queue", "bus"])
        || ["队列", "总线", "file d'attente", "file d’attente"]
            .iter()
            .any(|k| lower.contains(k))
    {
        ComponentKind::Queue
    } else if any(STORE, &["store", "db", "database", "cache"])
        || ["数据库", "存储", "缓存", "base de données", "entrepôt"]
            .iter()
            .any(|k| lower.contains(k))
    {
        ComponentKind::Store
    } else {
        ComponentKind::Service
    }
}

/// The dependencies, one per ordered pair of lanes with connectors from
/// the first to the second, in the order their first connector is written.
pub fn dependencies(d: &Diagram) -> Vec<(usize, usize, Vec<usize>)> {
    let mut out: Vec<(usize, usize, Vec<usize>)> = Vec::new();
    for (i, e) in d.edges.iter().enumerate() {
        let (a, b) = (d.nodes[e.from].lane, d.nodes[e.to].lane);
        if a == b {
            continue;
        }
        match out.iter_mut().find(|(x, y, _)| (*x, *y) == (a, b)) {
            Some(dep) => dep.2.push(i),
            None => out.push((a, b, vec![i])),
        }
    }
    out
}

/// The distinct labels of `edges`, in order.
fn distinct_labels<'a>(d: &'a Diagram, edges: &[usize]) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for &i in edges {
        if let Some(l) = d.edges[i].label.as_deref()
            && !out.contains(&l)
        {
            out.push(l);
        }
    }
    out
}

/// The text of an arrow: its first labels, one a line, then "+N more".
fn arrow_text(d: &Diagram, edges: &[usize], w: &(impl Wording + ?Sized)) -> Option<String> {
    let labels = distinct_labels(d, edges);
    if labels.is_empty() {
        return None;
    }
    let mut lines: Vec<String> = labels
        .iter()
        .take(MAX_LABELS)
        .map(|s| s.to_string())
        .collect();
    if labels.len() > MAX_LABELS {
        lines.push(w.more(labels.len() - MAX_LABELS));
    }
    Some(lines.join("\n"))
}

/// A lane's counts: nodes, and how many are decisions; and its decisions.
fn counts(d: &Diagram, lane: usize) -> (usize, Vec<&str>) {
    let nodes: Vec<&Node> = d.nodes.iter().filter(|n| n.lane == lane).collect();
    let decisions = nodes
        .iter()
        .filter(|n| n.shape == Shape::Diamond)
        .map(|n| n.display_label())
        .collect();
    (nodes.len(), decisions)
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

/// Lay out the architecture view of a diagram that parsed without errors;
/// `w` words the summaries and "+N more".
pub fn layout(d: &Diagram, w: &(impl Wording + ?Sized)) -> ArchitectureLayout {
    let n = d.lanes.len();
    let deps = dependencies(d);
    let layer = layers(n, &deps);
    let n_layers = layer.iter().copied().max().map_or(0, |m| m + 1);

    // Order within layers: lane order, then barycentre sweeps.
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

    // Boxes and their text, relative to the top-left corner.
    struct Sized {
        w: f32,
        h: f32,
        kind: ComponentKind,
        /// (text, dy baseline from the top, size, class, mark before it)
        lines: Vec<(String, f32, f32, &'static str, bool)>,
    }
    let lh = |size: f32| size * style::LINE;
    let sized: Vec<Sized> = d
        .lanes
        .iter()
        .enumerate()
        .map(|(li, lane)| {
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
            Sized { w, h, kind, lines }
        })
        .collect();

    // The grid: layers are columns, places in a layer rows.
    let n_rows = members.iter().map(Vec::len).max().unwrap_or(0);
    let mut col_w = vec![0f32; n_layers];
    let mut row_h = vec![0f32; n_rows];
    let mut row_of = vec![0usize; n];
    for list in &members {
        for (r, &lane) in list.iter().enumerate() {
            row_of[lane] = r;
            col_w[layer[lane]] = col_w[layer[lane]].max(sized[lane].w);
            row_h[r] = row_h[r].max(sized[lane].h);
        }
    }
    // Gaps wide enough for the labels of arrows that cross them.
    let texts: Vec<Option<String>> = deps.iter().map(|(_, _, e)| arrow_text(d, e, w)).collect();
    // An arrow and its twin (the arrow back) run side by side through the
    // same gap, so their labels go one after the other: the router puts
    // the first in the middle of its line and the second a fifth of the
    // way from one end, which takes about 5/3 of their widths.
    let mut gap = vec![COL_GAP; n_layers.max(1)];
    let mut along: std::collections::BTreeMap<(usize, usize), Vec<f32>> = Default::default();
    for ((a, b, _), t) in deps.iter().zip(&texts) {
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
    // Room above and below for the arrows that run over or under the
    // components, and their labels.
    let room = |side: Handle| -> Option<f32> {
        deps.iter()
            .zip(&texts)
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
    };
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

    let components: Vec<Component> = (0..n)
        .map(|lane| {
            let s = &sized[lane];
            let (c, r) = (layer[lane], row_of[lane]);
            let cx = (col_x[c] + col_w[c] / 2.0).round();
            // As tall as the row, so arrows between neighbours run straight.
            let rect = Rect::new((cx - s.w / 2.0).round(), row_y[r].round(), s.w, row_h[r]);
            let drop = ((row_h[r] - s.h) / 2.0).round();
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
        })
        .collect();

    // Route over a stand-in workflow: one lane without a header, a node per
    // component, an edge per arrow.
    let sides: Vec<(Handle, Handle)> = deps
        .iter()
        .map(|(a, b, _)| sides_of((layer[*a], row_of[*a]), (layer[*b], row_of[*b])))
        .collect();
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
            .zip(&sides)
            .zip(&texts)
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
    let mut grid = Layout {
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
        connect(&stand_in, &mut grid);
    }
    let dependencies = deps
        .into_iter()
        .zip(sides)
        .zip(grid.edges)
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
        width,
        height,
        components,
        dependencies,
    }
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

/// The default accessible title: the components, in lane order.
pub fn title(d: &Diagram, w: &(impl Wording + ?Sized)) -> String {
    let lanes: Vec<&str> = d.lanes.iter().map(|l| l.label.as_str()).collect();
    w.architecture_title(&w.list(&lanes))
}

/// The architecture told as text: the components with their summaries,
/// then every dependency with all its labels.
pub fn description(d: &Diagram, w: &(impl Wording + ?Sized)) -> String {
    let mut sentences = vec![w.architecture_summary(d.lanes.len())];
    for (li, lane) in d.lanes.iter().enumerate() {
        let (steps, decisions) = counts(d, li);
        sentences.push(w.component(
            &lane.label,
            kind_of(lane),
            &w.component_counts(steps, decisions.len()),
            &if decisions.is_empty() {
                String::new()
            } else {
                w.list(&decisions)
            },
        ));
    }
    for (a, b, edges) in dependencies(d) {
        let labels = distinct_labels(d, &edges);
        let list = (!labels.is_empty()).then(|| w.list(&labels));
        sentences.push(w.dependency(&d.lanes[a].label, &d.lanes[b].label, list.as_deref()));
    }
    w.sentences(&sentences)
}

/// Write the SVG of a laid-out architecture diagram; `source` seeds the ids.
pub fn write(d: &Diagram, l: &ArchitectureLayout, source: &str, opts: &Options<'_>) -> String {
    let h = source_hash(source);
    let p = if opts.decorative { "fzap" } else { "fza" };
    let mut s = String::with_capacity(4096 + d.lanes.len() * 600);
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
        "fz-architecture",
        (l.width, l.height),
        p,
        &h,
        opts,
        desc,
    );
    for dep in &l.dependencies {
        let _ = write!(
            s,
            r#"<g class="fz-dependency" data-from="{}" data-to="{}" data-edges="{}">"#,
            Esc(&d.lanes[dep.from].id),
            Esc(&d.lanes[dep.to].id),
            dep.edges.len()
        );
        let _ = write!(
            s,
            r##"<path d="{}" fill="none" stroke="#475569" stroke-width="1.5" stroke-linejoin="round" marker-end="url(#{p}-{h}-arrow)"/>"##,
            PathD(&dep.path.points, 6.0)
        );
        if let Some(label) = &dep.path.label {
            svg::label_pill(&mut s, label);
        }
        s.push_str("</g>");
    }
    for (lane, c) in d.lanes.iter().zip(&l.components) {
        let _ = write!(
            s,
            r#"<g class="fz-component fz-{}" data-lane="{}">"#,
            c.kind.as_str(),
            Esc(&lane.id)
        );
        let r = c.rect;
        let (fill, stroke) = match c.kind {
            ComponentKind::Service => ("#ffffff", "#475569"),
            _ => ("#eff6ff", "#1d4ed8"),
        };
        let paint = format!(r#"fill="{fill}" stroke="{stroke}" stroke-width="1.5""#);
        match c.kind {
            ComponentKind::Service => {
                let _ = write!(
                    s,
                    r#"<rect class="fz-shape" x="{}" y="{}" width="{}" height="{}" rx="8" {paint}/>"#,
                    num(r.x),
                    num(r.y),
                    num(r.w),
                    num(r.h)
                );
            }
            ComponentKind::Store => {
                let (rx, ry) = (num(r.w / 2.0), num(CAP));
                let _ = write!(
                    s,
                    r#"<path class="fz-shape" d="M{},{} A{rx},{ry} 0 0 1 {},{} V{} A{rx},{ry} 0 0 1 {},{} Z" {paint}/>"#,
                    num(r.x),
                    num(r.y + CAP),
                    num(r.right()),
                    num(r.y + CAP),
                    num(r.bottom() - CAP),
                    num(r.x),
                    num(r.bottom() - CAP)
                );
                let _ = write!(
                    s,
                    r##"<path class="fz-cap" d="M{},{} A{rx},{ry} 0 0 0 {},{}" fill="none" stroke="{stroke}" stroke-width="1.5"/>"##,
                    num(r.x),
                    num(r.y + CAP),
                    num(r.right()),
                    num(r.y + CAP)
                );
            }
            ComponentKind::Queue => {
                let (rx, ry) = (num(SIDE_CAP), num(r.h / 2.0));
                let _ = write!(
                    s,
                    r#"<path class="fz-shape" d="M{},{} H{} A{rx},{ry} 0 0 1 {},{} H{} A{rx},{ry} 0 0 1 {},{} Z" {paint}/>"#,
                    num(r.x + SIDE_CAP),
                    num(r.y),
                    num(r.right() - SIDE_CAP),
                    num(r.right() - SIDE_CAP),
                    num(r.bottom()),
                    num(r.x + SIDE_CAP),
                    num(r.x + SIDE_CAP),
                    num(r.y)
                );
                let _ = write!(
                    s,
                    r##"<path class="fz-cap" d="M{},{} A{rx},{ry} 0 0 0 {},{}" fill="none" stroke="{stroke}" stroke-width="1.5"/>"##,
                    num(r.right() - SIDE_CAP),
                    num(r.y),
                    num(r.right() - SIDE_CAP),
                    num(r.bottom())
                );
            }
        }
        for m in &c.marks {
            let _ = write!(
                s,
                r##"<polygon class="fz-mark" points="{},{} {},{} {},{} {},{}" fill="#fffbeb" stroke="#b45309" stroke-width="1"/>"##,
                num(m.cx()),
                num(m.y),
                num(m.right()),
                num(m.cy()),
                num(m.cx()),
                num(m.bottom()),
                num(m.x),
                num(m.cy())
            );
        }
        text(&mut s, &c.text, "#0f172a");
        s.push_str("</g>");
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::describe::English;

    fn parse(src: &str) -> Diagram {
        let p = crate::parse(src);
        assert!(!p.has_errors(), "{:?}", p.diagnostics);
        p.diagram
    }

    fn lane(id: &str, label: &str) -> Lane {
        Lane {
            id: id.to_string(),
            label: label.to_string(),
            span: 0..0,
        }
    }

    #[test]
    fn stores_and_queues_are_told_by_their_names() {
        use ComponentKind::*;
        for (id, label, kind) in [
            ("database", "Database", Store),
            ("OrdersDB", "Orders", Store),
            ("Cache", "Redis cache", Store),
            ("KeyStore", "Keys", Store),
            ("数据", "用户数据库", Store),
            ("Donnees", "Base de données", Store),
            ("RetryQueue", "Retry Queue", Queue),
            ("events", "Event bus", Queue),
            ("Kafka", "Orders topic", Queue),
            ("Jobs", "任务队列", Queue),
            ("KeyVault", "Key Vault", Service),
            ("Scheduler", "Scheduler", Service),
            ("Debug", "Debugger", Service),
        ] {
            assert_eq!(kind_of(&lane(id, label)), kind, "{id} {label}");
        }
    }

    const SRC: &str = r#"Web { # Web app
  n1: circle label:"Start"
  n2: rectangle label:"Submit"
  n1.handle(right) -> n2.handle(left)
  n2.handle(bottom) -> Api.n3.handle(top) [label="POST"]
}
Api { # API
  n3: diamond label:"Valid?"
  n4: rectangle label:"Save"
  n3.handle(right) -> n4.handle(left) [label="Yes"]
  n3.handle(top) -> Web.n2.handle(bottom) [label="400"]
  n4.handle(bottom) -> Db.n5.handle(top) [label="INSERT"]
  n4.handle(bottom) -> Db.n6.handle(top) [label="UPDATE"]
  n4.handle(bottom) -> Db.n6.handle(top) [label="UPSERT"]
  n4.handle(bottom) -> Db.n6.handle(top) [label="DELETE"]
  n4.handle(bottom) -> Db.n6.handle(top) [label="INSERT"]
}
Db { # Orders database
  n5: rectangle label:"Write row"
  n6: rectangle label:"Commit"
}
"#;

    #[test]
    fn one_arrow_per_ordered_pair_with_its_first_labels() {
        let d = parse(SRC);
        let deps = dependencies(&d);
        let pairs: Vec<(usize, usize, usize)> =
            deps.iter().map(|(a, b, e)| (*a, *b, e.len())).collect();
        assert_eq!(pairs, [(0, 1, 1), (1, 0, 1), (1, 2, 5)]);
        assert_eq!(
            arrow_text(&d, &deps[2].2, &English).as_deref(),
            Some("INSERT\nUPDATE\nUPSERT\n+1 more")
        );
    }

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

    #[test]
    fn the_description_names_components_and_all_labels() {
        let d = parse(SRC);
        let text = description(&d, &English);
        assert!(
            text.starts_with("Architecture diagram with 3 components."),
            "{text}"
        );
        assert!(
            text.contains("Component API: 2 steps · 1 decision; decides Valid?."),
            "{text}"
        );
        assert!(
            text.contains("Data store Orders database: 2 steps."),
            "{text}"
        );
        assert!(
            text.contains("API sends to Orders database: INSERT, UPDATE, UPSERT, DELETE."),
            "{text}"
        );
    }

    #[test]
    fn words_split_ids_and_labels() {
        assert_eq!(words("RetryQueue"), ["retry", "queue"]);
        assert_eq!(words("order_db-2"), ["order", "db", "2"]);
        assert_eq!(words("Key Vault"), ["key", "vault"]);
    }
}
