//! Orthogonal connector routing and edge-label placement.
//!
//! Each connector leaves its source perpendicular to the declared handle side
//! and enters its target the same way; ports on a shared side are spread and
//! ordered by where the other end lies, so they do not cross at the node.
//!
//! Between the two stubs, one cost-based search runs over a sparse grid of
//! channel lines (node sides plus a margin, and several tracks through every
//! gap between columns, sub-rows and lanes). Length, bends, crossings with
//! connectors already routed, and running along one of them all cost, so the
//! simplest legal shape wins: a straight line, an L, a Z, or a U-detour for a
//! back edge — and anything else only when those are blocked. Grid segments
//! through a node are never taken.

use super::ast::{Diagram, Handle};
use super::geom::{Point, Rect, Seg, segments};
use super::layout::{EdgeLabel, EdgePath, Layout, TextLine, label_size, style};
use std::collections::BinaryHeap;

/// How far a connector runs straight out of a node before it may turn.
pub const STUB: f32 = 16.0;
/// Clearance kept between a connector and any node it passes.
const CLEARANCE: f32 = 6.0;
const BEND: f32 = 30.0;
const CROSS: f32 = 50.0;
const OVERLAP: f32 = 4000.0;
/// Spacing of parallel tracks in a channel.
const TRACK: f32 = 8.0;

pub fn route(d: &Diagram, l: &mut Layout) {
    let ports = assign_ports(d, l);
    let grid = Channels::new(l);
    let mut order: Vec<usize> = (0..d.edges.len()).collect();
    // Short, simple connectors first: they get the straight lines.
    order.sort_by(|&a, &b| {
        let len = |i: usize| {
            let (p, q) = ports[i];
            ((p.x - q.x).abs() + (p.y - q.y).abs()) as i64
        };
        len(a).cmp(&len(b)).then(a.cmp(&b))
    });
    let mut paths: Vec<Vec<Point>> = vec![Vec::new(); d.edges.len()];
    // Every stub is fixed before any search, so no connector is routed
    // along a stub that another one will need.
    let stubs: Vec<(Point, Point)> = d
        .edges
        .iter()
        .zip(&ports)
        .map(|(e, &(p, q))| {
            (
                stub_end(&l.nodes[e.from].rect, e.from_handle, p),
                stub_end(&l.nodes[e.to].rect, e.to_handle, q),
            )
        })
        .collect();
    let mut routed: Vec<(usize, Seg)> = Vec::new();
    for (i, (&(p, q), &(s0, t0))) in ports.iter().zip(&stubs).enumerate() {
        routed.push((i, Seg { a: p, b: s0 }));
        routed.push((i, Seg { a: t0, b: q }));
    }
    for &i in &order {
        let e = &d.edges[i];
        let (p, q) = ports[i];
        let (s0, t0) = stubs[i];
        routed.retain(|&(owner, _)| owner != i);
        let middle = grid
            .search(l, s0, e.from_handle, t0, e.to_handle, &routed)
            .unwrap_or_else(|| vec![s0, Point::new(t0.x, s0.y), t0]);
        let mut pts = vec![p];
        pts.extend(middle);
        pts.push(q);
        let pts = simplify(pts);
        for s in segments(&pts) {
            routed.push((i, s));
        }
        // Keep the other edges' stubs registered (they were removed above
        // only for this edge).
        paths[i] = pts;
    }
    let mut placed: Vec<Rect> = l.loops.iter().map(|lp| lp.tab).collect();
    let mut edges = Vec::with_capacity(d.edges.len());
    for (i, e) in d.edges.iter().enumerate() {
        let points = std::mem::take(&mut paths[i]);
        let label = e.label.as_ref().map(|text| {
            let lab = place_label(l, &points, text, &placed);
            placed.push(lab.rect);
            lab
        });
        edges.push(EdgePath { points, label });
    }
    l.edges = edges;
}

/// Each edge's (source port, target port). Ports sharing a node side are
/// spread evenly, ordered by the position of the other end.
fn assign_ports(d: &Diagram, l: &Layout) -> Vec<(Point, Point)> {
    use std::collections::BTreeMap;
    // (node, side) → [(sort key, edge, is_source)]
    /// (sort key, edge, is_source) for every end on one node side.
    type Ends = Vec<(f32, usize, bool)>;
    let mut sides: BTreeMap<(usize, Handle), Ends> = BTreeMap::new();
    for (i, e) in d.edges.iter().enumerate() {
        let (a, b) = (&l.nodes[e.from].rect, &l.nodes[e.to].rect);
        let key = |side: Handle, other: &Rect| {
            if side.is_horizontal() {
                other.cy()
            } else {
                other.cx()
            }
        };
        sides
            .entry((e.from, e.from_handle))
            .or_default()
            .push((key(e.from_handle, b), i, true));
        sides
            .entry((e.to, e.to_handle))
            .or_default()
            .push((key(e.to_handle, a), i, false));
    }
    let mut ports = vec![(Point::new(0.0, 0.0), Point::new(0.0, 0.0)); d.edges.len()];
    for ((node, side), mut list) in sides {
        list.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let k = list.len() as f32;
        for (j, &(_, edge, is_source)) in list.iter().enumerate() {
            let t = (j as f32 + 1.0) / (k + 1.0);
            let p = l.nodes[node].port(side, t);
            let p = Point::new(p.x.round(), p.y.round());
            if is_source {
                ports[edge].0 = p;
            } else {
                ports[edge].1 = p;
            }
        }
    }
    ports
}

/// The end of the straight stub out of `rect` at `port`, measured from the
/// bounding box so diamond and circle ports clear their box too.
fn stub_end(rect: &Rect, side: Handle, port: Point) -> Point {
    match side {
        Handle::Left => Point::new(rect.x - STUB, port.y),
        Handle::Right => Point::new(rect.right() + STUB, port.y),
        Handle::Top => Point::new(port.x, rect.y - STUB),
        Handle::Bottom => Point::new(port.x, rect.bottom() + STUB),
    }
}

/// Drop repeated points and the middle of collinear runs.
fn simplify(points: Vec<Point>) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for p in points {
        if out
            .last()
            .is_some_and(|q: &Point| (q.x - p.x).abs() < 0.01 && (q.y - p.y).abs() < 0.01)
        {
            continue;
        }
        if out.len() >= 2 {
            let a = out[out.len() - 2];
            let b = out[out.len() - 1];
            let collinear = ((a.x - b.x).abs() < 0.01 && (b.x - p.x).abs() < 0.01)
                || ((a.y - b.y).abs() < 0.01 && (b.y - p.y).abs() < 0.01);
            if collinear {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// The channel lines connectors may run along.
struct Channels {
    xs: Vec<f32>,
    ys: Vec<f32>,
    /// Connectors stay right of the lane headers.
    min_x: f32,
    max_x: f32,
    max_y: f32,
}

fn tracks(out: &mut Vec<f32>, lo: f32, hi: f32) {
    let mid = (lo + hi) / 2.0;
    out.push(mid.round());
    let mut k = 1.0;
    while mid + k * TRACK < hi - CLEARANCE - 2.0 && k <= 3.0 {
        out.push((mid + k * TRACK).round());
        out.push((mid - k * TRACK).round());
        k += 1.0;
    }
}

impl Channels {
    fn new(l: &Layout) -> Self {
        let header = l.lanes.first().map_or(0.0, |lane| lane.header.right());
        let mut xs = Vec::new();
        let mut ys = Vec::new();
        let m = CLEARANCE + 6.0;
        for n in &l.nodes {
            xs.extend([n.rect.x - m, n.rect.right() + m, n.rect.cx()]);
            ys.extend([n.rect.y - m, n.rect.bottom() + m, n.rect.cy()]);
        }
        // Tracks through the gaps between columns …
        let mut cols: Vec<(f32, f32)> = Vec::new();
        for n in &l.nodes {
            let c = n.column;
            if cols.len() <= c {
                cols.resize(c + 1, (f32::INFINITY, f32::NEG_INFINITY));
            }
            cols[c].0 = cols[c].0.min(n.rect.x);
            cols[c].1 = cols[c].1.max(n.rect.right());
        }
        let cols: Vec<(f32, f32)> = cols.into_iter().filter(|c| c.0.is_finite()).collect();
        for w in cols.windows(2) {
            tracks(&mut xs, w[0].1, w[1].0);
        }
        if let (Some(first), Some(last)) = (cols.first(), cols.last()) {
            tracks(&mut xs, header, first.0);
            tracks(&mut xs, last.1, l.width);
        }
        // … and between sub-rows and lanes.
        for (li, lane) in l.lanes.iter().enumerate() {
            let mut rows: Vec<(f32, f32)> = Vec::new();
            for n in l.nodes.iter().filter(|n| n.lane == li) {
                if rows.len() <= n.sub_row {
                    rows.resize(n.sub_row + 1, (f32::INFINITY, f32::NEG_INFINITY));
                }
                let r = &mut rows[n.sub_row];
                r.0 = r.0.min(n.rect.y);
                r.1 = r.1.max(n.rect.bottom());
            }
            let rows: Vec<(f32, f32)> = rows.into_iter().filter(|r| r.0.is_finite()).collect();
            for w in rows.windows(2) {
                tracks(&mut ys, w[0].1, w[1].0);
            }
            let top = rows.first().map_or(lane.rect.bottom(), |r| r.0);
            let bottom = rows.last().map_or(lane.rect.y, |r| r.1);
            tracks(&mut ys, lane.rect.y, top);
            tracks(&mut ys, bottom, lane.rect.bottom());
            ys.push(lane.rect.y);
        }
        xs.retain(|&x| x > header + 4.0 && x < l.width - 2.0);
        ys.retain(|&y| y > 2.0 && y < l.height - 2.0);
        Channels {
            xs,
            ys,
            min_x: header + 4.0,
            max_x: l.width - 2.0,
            max_y: l.height - 2.0,
        }
    }

    /// The cheapest orthogonal path from `s` (leaving along `from`'s outward
    /// direction) to `t` (arriving into `to`'s side).
    fn search(
        &self,
        l: &Layout,
        s: Point,
        from: Handle,
        t: Point,
        to: Handle,
        routed: &[(usize, Seg)],
    ) -> Option<Vec<Point>> {
        let mut pad = 64.0;
        loop {
            let window = Rect::new(
                s.x.min(t.x) - pad,
                s.y.min(t.y) - pad,
                (s.x - t.x).abs() + 2.0 * pad,
                (s.y - t.y).abs() + 2.0 * pad,
            );
            let whole = window.x <= self.min_x
                && window.y <= 0.0
                && window.right() >= self.max_x
                && window.bottom() >= self.max_y;
            if let Some(p) = self.search_in(l, &window, s, from, t, to, routed) {
                return Some(p);
            }
            if whole {
                return None;
            }
            pad *= 3.0;
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn search_in(
        &self,
        l: &Layout,
        window: &Rect,
        s: Point,
        from: Handle,
        t: Point,
        to: Handle,
        routed: &[(usize, Seg)],
    ) -> Option<Vec<Point>> {
        // The stub ends are exact grid lines; nearby tracks give way to them.
        let keep = |v: f32, a: f32, b: f32| (v - a).abs() >= 1.0 && (v - b).abs() >= 1.0;
        let mut xs: Vec<f32> = self
            .xs
            .iter()
            .copied()
            .filter(|&x| x >= window.x && x <= window.right() && keep(x, s.x, t.x))
            .collect();
        let mut ys: Vec<f32> = self
            .ys
            .iter()
            .copied()
            .filter(|&y| y >= window.y && y <= window.bottom() && keep(y, s.y, t.y))
            .collect();
        xs.extend([s.x, t.x]);
        ys.extend([s.y, t.y]);
        xs.sort_by(f32::total_cmp);
        xs.dedup_by(|a, b| (*a - *b).abs() < 0.5);
        ys.sort_by(f32::total_cmp);
        ys.dedup_by(|a, b| (*a - *b).abs() < 0.5);
        xs.retain(|&x| x >= self.min_x || (x - s.x).abs() < 0.5 || (x - t.x).abs() < 0.5);
        let find = |v: &[f32], x: f32| v.iter().position(|&c| (c - x).abs() < 0.5);
        let (sx, sy, tx, ty) = (
            find(&xs, s.x)?,
            find(&ys, s.y)?,
            find(&xs, t.x)?,
            find(&ys, t.y)?,
        );
        let (nx, ny) = (xs.len(), ys.len());
        // Cost of each grid edge, computed once: horizontal edge (i→i+1, j)
        // at h[j * nx + i], vertical edge (i, j→j+1) at v[i * ny + j].
        // Infinity marks an edge through a node.
        let mut hcost = vec![0f32; nx * ny];
        let mut vcost = vec![0f32; nx * ny];
        let range = |v: &[f32], lo: f32, hi: f32| {
            v.partition_point(|&c| c <= lo)..v.partition_point(|&c| c < hi)
        };
        // Nodes and loop tabs are obstacles.
        let tabs = l.loops.iter().map(|lp| lp.tab.inflate(2.0));
        for r in l
            .nodes
            .iter()
            .map(|n| n.rect.inflate(CLEARANCE))
            .chain(tabs)
            .filter(|r| r.overlaps(window))
        {
            // Horizontal edges on rows strictly inside the node, spanning into it.
            for j in range(&ys, r.y + 0.5, r.bottom() - 0.5) {
                for i in 0..nx.saturating_sub(1) {
                    if xs[i + 1] > r.x + 0.5 && xs[i] < r.right() - 0.5 {
                        hcost[j * nx + i] = f32::INFINITY;
                    }
                }
            }
            for i in range(&xs, r.x + 0.5, r.right() - 0.5) {
                for j in 0..ny.saturating_sub(1) {
                    if ys[j + 1] > r.y + 0.5 && ys[j] < r.bottom() - 0.5 {
                        vcost[i * ny + j] = f32::INFINITY;
                    }
                }
            }
        }
        for &(_, o) in routed {
            let (x0, x1) = (o.a.x.min(o.b.x), o.a.x.max(o.b.x));
            let (y0, y1) = (o.a.y.min(o.b.y), o.a.y.max(o.b.y));
            if x1 < window.x || x0 > window.right() || y1 < window.y || y0 > window.bottom() {
                continue;
            }
            if o.is_horizontal() {
                // Running along it.
                if let Some(j) = find(&ys, o.a.y) {
                    for i in 0..nx.saturating_sub(1) {
                        let ov = xs[i + 1].min(x1) - xs[i].max(x0);
                        if ov > 0.5 {
                            hcost[j * nx + i] += OVERLAP + ov * 10.0;
                        }
                    }
                }
                // Crossing it.
                for i in range(&xs, x0 + 0.5, x1 - 0.5) {
                    for j in 0..ny.saturating_sub(1) {
                        if ys[j] < o.a.y - 0.5 && ys[j + 1] > o.a.y + 0.5 {
                            vcost[i * ny + j] += CROSS;
                        }
                    }
                }
            } else if o.is_vertical() {
                if let Some(i) = find(&xs, o.a.x) {
                    for j in 0..ny.saturating_sub(1) {
                        let ov = ys[j + 1].min(y1) - ys[j].max(y0);
                        if ov > 0.5 {
                            vcost[i * ny + j] += OVERLAP + ov * 10.0;
                        }
                    }
                }
                for j in range(&ys, y0 + 0.5, y1 - 0.5) {
                    for i in 0..nx.saturating_sub(1) {
                        if xs[i] < o.a.x - 0.5 && xs[i + 1] > o.a.x + 0.5 {
                            hcost[j * nx + i] += CROSS;
                        }
                    }
                }
            }
        }
        let idx = |x: usize, y: usize, d: usize| (y * nx + x) * 4 + d;
        let mut best = vec![f32::INFINITY; nx * ny * 4];
        let mut parent = vec![u32::MAX; nx * ny * 4];
        let mut heap = BinaryHeap::new();
        // Directions: 0 left, 1 right, 2 up, 3 down.
        let dir_of = |h: Handle| match h {
            Handle::Left => 0,
            Handle::Right => 1,
            Handle::Top => 2,
            Handle::Bottom => 3,
        };
        let start_dir = dir_of(from);
        // Arriving into the target side means moving against its outward normal.
        let arrive_dir = match to {
            Handle::Left => 1,
            Handle::Right => 0,
            Handle::Top => 3,
            Handle::Bottom => 2,
        };
        // Distance plus the bend that is certainly still needed: an
        // admissible estimate, so the cheapest path is still found.
        let h = |x: usize, y: usize, d: usize| {
            let (dx, dy) = (t.x - xs[x], t.y - ys[y]);
            let aligned_h = dy.abs() < 0.5 && dx.abs() >= 0.5;
            let aligned_v = dx.abs() < 0.5 && dy.abs() >= 0.5;
            let heading = match d {
                0 => aligned_h && dx < 0.0,
                1 => aligned_h && dx > 0.0,
                2 => aligned_v && dy < 0.0,
                _ => aligned_v && dy > 0.0,
            };
            let turn = if (dx.abs() < 0.5 && dy.abs() < 0.5) || heading {
                0.0
            } else {
                BEND
            };
            dx.abs() + dy.abs() + turn
        };
        // One u64 per entry, so the heap compares single words: the
        // estimate (in eighths, inverted so the max-heap pops the cheapest)
        // above the state, whose larger ids pop first on ties.
        let key = |c: f32| ((c * 8.0) as u64).min(u64::from(u32::MAX));
        let entry = |k: u64, state: usize| ((u64::from(u32::MAX) - k) << 32) | state as u64;
        let start = idx(sx, sy, start_dir);
        best[start] = 0.0;
        heap.push(entry(key(h(sx, sy, start_dir)), start));
        while let Some(top) = heap.pop() {
            let k = u64::from(u32::MAX) - (top >> 32);
            let state = (top & u64::from(u32::MAX)) as usize;
            let d = state % 4;
            let cell = state / 4;
            let (x, y) = (cell % nx, cell / nx);
            let g = best[state];
            if key(g + h(x, y, d)) > k {
                continue; // stale entry
            }
            if x == tx && y == ty {
                let mut path = vec![Point::new(xs[x], ys[y])];
                let mut cur = state;
                while parent[cur] != u32::MAX {
                    cur = parent[cur] as usize;
                    let c = cur / 4;
                    path.push(Point::new(xs[c % nx], ys[c / nx]));
                }
                path.reverse();
                return Some(path);
            }
            for nd in 0..4 {
                // No U-turns on the spot.
                if nd != d && nd / 2 == d / 2 {
                    continue;
                }
                let (qx, qy, step) = match nd {
                    0 if x > 0 => (x - 1, y, hcost[y * nx + x - 1]),
                    1 if x + 1 < nx => (x + 1, y, hcost[y * nx + x]),
                    2 if y > 0 => (x, y - 1, vcost[x * ny + y - 1]),
                    3 if y + 1 < ny => (x, y + 1, vcost[x * ny + y]),
                    _ => continue,
                };
                if step.is_infinite() {
                    continue;
                }
                let len = (xs[qx] - xs[x]).abs() + (ys[qy] - ys[y]).abs();
                let mut cost = len + step + if nd != d { BEND } else { 0.0 };
                if qx == tx && qy == ty && nd != arrive_dir {
                    cost += BEND;
                }
                let next = idx(qx, qy, nd);
                let ng = g + cost;
                if ng < best[next] {
                    best[next] = ng;
                    parent[next] = state as u32;
                    heap.push(entry(key(ng + h(qx, qy, nd)), next));
                }
            }
        }
        None
    }
}

/// Put an edge's label in a pill on one of its segments, clear of nodes,
/// lane headers and labels already placed.
fn place_label(l: &Layout, points: &[Point], text: &str, placed: &[Rect]) -> EdgeLabel {
    let (w, h, lines) = label_size(text);
    let free = |r: &Rect| {
        r.x >= l.lanes.first().map_or(0.0, |lane| lane.header.right()) + 2.0
            && r.right() <= l.width - 2.0
            && r.y >= 1.0
            && r.bottom() <= l.height - 1.0
            && !l.nodes.iter().any(|n| n.rect.inflate(3.0).overlaps(r))
            && !placed.iter().any(|p| p.inflate(3.0).overlaps(r))
    };
    let segs: Vec<Seg> = segments(points).collect();
    // Candidates: centres along each segment, longest segments first, the
    // middle of a segment before its ends.
    let mut order: Vec<usize> = (0..segs.len()).collect();
    order.sort_by(|&a, &b| {
        let fits = |s: &Seg| {
            if s.is_horizontal() {
                s.len() >= w + 8.0
            } else {
                s.len() >= h + 8.0
            }
        };
        fits(&segs[b])
            .cmp(&fits(&segs[a]))
            .then(segs[b].len().total_cmp(&segs[a].len()))
            .then(a.cmp(&b))
    });
    let mut chosen = None;
    'outer: for &i in &order {
        let s = segs[i];
        for f in [0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9] {
            let c = Point::new(s.a.x + (s.b.x - s.a.x) * f, s.a.y + (s.b.y - s.a.y) * f);
            let r = Rect::centered(c.x, c.y, w, h);
            if free(&r) {
                chosen = Some(r);
                break 'outer;
            }
        }
    }
    let rect = chosen.unwrap_or_else(|| {
        // Nothing on the line is free: the pill beside the longest segment.
        let s = order.first().map_or(
            Seg {
                a: points[0],
                b: points[0],
            },
            |&i| segs[i],
        );
        let c = Point::new((s.a.x + s.b.x) / 2.0, (s.a.y + s.b.y) / 2.0);
        let beside = if s.is_vertical() {
            [
                Rect::new(c.x + 4.0, c.y - h / 2.0, w, h),
                Rect::new(c.x - 4.0 - w, c.y - h / 2.0, w, h),
            ]
        } else {
            [
                Rect::new(c.x - w / 2.0, c.y - 4.0 - h, w, h),
                Rect::new(c.x - w / 2.0, c.y + 4.0, w, h),
            ]
        };
        beside
            .into_iter()
            .find(&free)
            .unwrap_or(Rect::centered(c.x, c.y, w, h))
    });
    let rect = Rect::new(rect.x.round(), rect.y.round(), rect.w, rect.h);
    let lh = style::SMALL_FONT * style::LINE;
    let text = lines
        .into_iter()
        .enumerate()
        .map(|(k, t)| TextLine {
            width: super::text::width(&t, style::SMALL_FONT),
            text: t,
            x: rect.cx(),
            y: rect.y + style::LABEL_PAD_Y + lh * (k as f32 + 0.5) + style::SMALL_FONT * 0.35,
            size: style::SMALL_FONT,
            centered: true,
            class: "fz-edge-label",
        })
        .collect();
    EdgeLabel { rect, text }
}
