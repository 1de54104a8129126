//! Orthogonal connector routing: a path for every connector of a laid-out
//! workflow (labels are placed afterwards, by [`crate::labels`]).
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
//!
//! The grid is built once per diagram, and each connector placed or lifted
//! adds or takes away its costs on the grid edges it touches, so a search
//! only reads them. Connectors are routed short ones first; then every one
//! that crosses or runs along another gets a second search among all the
//! others, since the ones routed after it were invisible the first time.

use crate::ast::{Diagram, Handle};
use crate::geom::{Point, Rect, Seg, segments};
use crate::model::Layout;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// How far a connector runs straight out of a node before it may turn.
pub(crate) const STUB: f32 = 16.0;
/// Clearance kept between a connector and any node it passes.
const CLEARANCE: f32 = 6.0;
const BEND: f32 = 30.0;
/// [`BEND`] in the search's integer eighths of a pixel.
const BEND8: u32 = (BEND * 8.0) as u32;
const CROSS: f32 = 50.0;
const OVERLAP: f32 = 4000.0;
/// Running beside another connector closer than this (but not on its line)
/// costs [`NEAR_PER_PX`] per pixel of the run.
const NEAR: f32 = 6.0;
const NEAR_PER_PX: f32 = 0.5;
/// Spacing of parallel tracks in a channel.
const TRACK: f32 = 8.0;
/// The search's estimate is weighted by 5/4: it takes far fewer steps
/// through the cost valleys that crossings make, and the route it finds
/// costs at most a quarter more than the cheapest (in the corpus, fewer
/// crossings overall, since the second look below gets the time back).
const ESTIMATE_WEIGHT: (u32, u32) = (5, 4);

/// States one search may expand before it gives up (its connector then
/// takes the plain fallback route). Real diagrams stay far below it; it
/// bounds a search that has no way through a crowded grid.
const SEARCH_EXPANSIONS: u32 = 200_000;
/// States all the searches of one diagram may expand together. Past it the
/// remaining connectors take the fallback route and the second look stops:
/// a dense hostile diagram costs a bounded time, not minutes. The corpus's
/// busiest diagram and the 10 × 100 stress diagram use a small part of it.
const DIAGRAM_EXPANSIONS: u64 = 3_000_000;
/// The largest routing grid (lines across × lines down) built; a diagram
/// whose grid would be larger takes the fallback route for every
/// connector, so memory stays bounded.
const MAX_GRID_CELLS: usize = 2_000_000;

/// The orthogonal path of every connector of `d` over the nodes, lanes and
/// loop tabs of `l`, in edge order, from the source port to the target port.
pub(crate) fn route(d: &Diagram, l: &Layout) -> Vec<Vec<Point>> {
    let ports = assign_ports(d, l);
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
    let fallback = |i: usize| {
        // No legal route (or no budget left): the checker reports what
        // this crosses.
        let ((p, q), (s0, t0)) = (ports[i], stubs[i]);
        simplify(vec![p, s0, Point::new(t0.x, s0.y), t0, q])
    };
    let Some(mut grid) = Grid::new(l, &stubs) else {
        for (i, path) in paths.iter_mut().enumerate() {
            *path = fallback(i);
        }
        return paths;
    };
    // What each edge has on the grid now: its two stubs at first, then its
    // whole route.
    let mut routed: Vec<Placed> = Vec::with_capacity(d.edges.len());
    let mut scratch = Scratch {
        budget: DIAGRAM_EXPANSIONS,
        ..Scratch::default()
    };
    for (&(p, q), &(s0, t0)) in ports.iter().zip(&stubs) {
        let stubs = Placed::new(vec![Seg { a: p, b: s0 }, Seg { a: t0, b: q }]);
        for seg in &stubs.segs {
            grid.add(seg, 1);
        }
        routed.push(stubs);
    }
    let unroute = |i: usize, grid: &mut Grid, routed: &mut [Placed]| {
        for seg in std::mem::take(&mut routed[i]).segs {
            grid.add(&seg, -1);
        }
    };
    let place = |i: usize, pts: &[Point], grid: &mut Grid, routed: &mut [Placed]| {
        routed[i] = Placed::new(segments(pts).collect());
        for seg in &routed[i].segs {
            grid.add(seg, 1);
        }
    };
    let route_one = |i: usize, grid: &Grid, scratch: &mut Scratch, limit: Option<u32>| {
        let e = &d.edges[i];
        let (p, q) = ports[i];
        let (s0, t0) = stubs[i];
        let ends = Ends {
            s: s0,
            from: e.from_handle,
            t: t0,
            to: e.to_handle,
        };
        let middle = grid.search(&ends, limit, scratch)?;
        let mut pts = vec![p];
        pts.extend(middle);
        pts.push(q);
        Some(simplify(pts))
    };
    for &i in &order {
        unroute(i, &mut grid, &mut routed);
        let found = if scratch.budget > 0 {
            route_one(i, &grid, &mut scratch, None)
        } else {
            None
        };
        let pts = found.unwrap_or_else(|| fallback(i));
        place(i, &pts, &mut grid, &mut routed);
        paths[i] = pts;
    }
    // A second look: an edge routed early could not see the ones routed
    // after it. Each edge that now crosses or runs along another is routed
    // again among all the others, looking only for routes that cost the
    // search no more than its current one (which bounds the search
    // tightly), and takes the new route unless it costs more; the edge's
    // cost holds every crossing it takes part in, so the diagram's total
    // cannot rise.
    for &i in &order {
        if scratch.budget == 0 {
            break;
        }
        let (old_cost, tangled) = path_cost(&paths[i], &routed, i);
        if !tangled {
            continue;
        }
        unroute(i, &mut grid, &mut routed);
        let e = &d.edges[i];
        let limit = grid.cost_of(
            &middle(&paths[i], stubs[i]),
            heading(e.from_handle),
            arrival(e.to_handle),
        );
        if let Some(pts) = route_one(i, &grid, &mut scratch, limit)
            && path_cost(&pts, &routed, i).0 <= old_cost
        {
            paths[i] = pts;
        }
        place(i, &paths[i], &mut grid, &mut routed);
    }
    paths
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

/// The segments one edge has on the grid, with their bounding box so that
/// far-away edges are passed over at once.
#[derive(Default)]
struct Placed {
    segs: Vec<Seg>,
    bounds: Option<Rect>,
}

impl Placed {
    fn new(segs: Vec<Seg>) -> Self {
        let bounds = segs
            .iter()
            .map(|s| {
                Rect::new(
                    s.a.x.min(s.b.x),
                    s.a.y.min(s.b.y),
                    (s.a.x - s.b.x).abs(),
                    (s.a.y - s.b.y).abs(),
                )
            })
            .reduce(|a, b| a.union(&b));
        Placed { segs, bounds }
    }
}

/// A routed path's cost under the search's measures (length, bends,
/// crossings and running along other connectors), and whether it crosses or
/// runs along any of `others` at all; `others[me]`, the path's own edge, is
/// left out.
fn path_cost(points: &[Point], others: &[Placed], me: usize) -> (f32, bool) {
    let mine = Placed::new(segments(points).collect());
    let Some(area) = mine.bounds.map(|b| b.inflate(1.0)) else {
        return (0.0, false);
    };
    let mut cost = 0.0;
    let mut tangled = false;
    for s in &mine.segs {
        cost += s.len();
    }
    let near = others
        .iter()
        .enumerate()
        .filter(|&(k, o)| k != me && o.bounds.is_some_and(|b| b.inflate(1.0).overlaps(&area)))
        .map(|(_, o)| o);
    for o in near.flat_map(|o| &o.segs) {
        for s in &mine.segs {
            if s.crosses(o) {
                cost += CROSS;
                tangled = true;
            }
            let ov = s.overlap(o);
            if ov > 0.5 {
                cost += OVERLAP + ov * 10.0;
                tangled = true;
            }
            let near = s.alongside(o, NEAR);
            if near > 0.5 {
                cost += near * NEAR_PER_PX;
            }
        }
    }
    (cost + BEND * points.len().saturating_sub(2) as f32, tangled)
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

/// Tracks through a channel between `lo` and `hi`: its middle, then pairs
/// spreading out while they keep clear of both sides.
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

/// What one search connects: the two stub ends, and the node sides they
/// leave and enter by.
#[derive(Clone, Copy)]
struct Ends {
    s: Point,
    from: Handle,
    t: Point,
    to: Handle,
}

/// A grid edge through a node: never taken.
const BLOCKED: u32 = u32::MAX;

/// The routing grid: the lines connectors may run along (node sides plus a
/// margin, several tracks through every gap between columns, sub-rows and
/// lanes, and every stub end), built once per diagram, with the cost of
/// each grid edge kept up to date as connectors are placed and lifted.
struct Grid {
    xs: Vec<f32>,
    ys: Vec<f32>,
    /// The lines in integer eighths of a pixel, the search's unit.
    xs8: Vec<i32>,
    ys8: Vec<i32>,
    /// Whether every search may use a line (a channel line), or only the
    /// search whose stub ends on it.
    x_shared: Vec<bool>,
    y_shared: Vec<bool>,
    /// Cost in eighths of each grid edge: horizontal edge (i→i+1, j) at
    /// `h[j * nx + i]`, vertical edge (i, j→j+1) at `v[i * ny + j]`.
    h: Vec<u32>,
    v: Vec<u32>,
    min_x: f32,
    max_x: f32,
    max_y: f32,
}

impl Grid {
    /// The grid of `l`'s channel and stub lines; `None` past
    /// [`MAX_GRID_CELLS`].
    fn new(l: &Layout, stubs: &[(Point, Point)]) -> Option<Self> {
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
        let (min_x, max_x, max_y) = (header + 4.0, l.width - 2.0, l.height - 2.0);
        xs.retain(|&x| x >= min_x && x < max_x);
        ys.retain(|&y| y > 2.0 && y < max_y);
        // Stub ends are exact lines; tracks within a pixel give way to them.
        let mut stub_xs: Vec<f32> = stubs.iter().flat_map(|(s, t)| [s.x, t.x]).collect();
        let mut stub_ys: Vec<f32> = stubs.iter().flat_map(|(s, t)| [s.y, t.y]).collect();
        // A stub line that replaces a channel line is shared like it.
        let merge = |lines: Vec<f32>, exact: &mut Vec<f32>| -> (Vec<f32>, Vec<bool>) {
            exact.sort_by(f32::total_cmp);
            exact.dedup_by(|a, b| (*a - *b).abs() < 0.01);
            let mut lines = lines;
            lines.sort_by(f32::total_cmp);
            lines.dedup_by(|a, b| (*a - *b).abs() < 0.5);
            let mut absorbs = vec![false; exact.len()];
            let mut all: Vec<(f32, bool)> = Vec::with_capacity(lines.len() + exact.len());
            for v in lines {
                let i = exact.partition_point(|&e| e < v);
                let near = [i.checked_sub(1), Some(i)]
                    .into_iter()
                    .flatten()
                    .find(|&k| exact.get(k).is_some_and(|&e| (e - v).abs() < 1.0));
                match near {
                    Some(k) => absorbs[k] = true,
                    None => all.push((v, true)),
                }
            }
            all.extend(exact.iter().copied().zip(absorbs));
            all.sort_by(|a, b| a.0.total_cmp(&b.0));
            all.into_iter().unzip()
        };
        let (xs, x_shared) = merge(xs, &mut stub_xs);
        let (ys, y_shared) = merge(ys, &mut stub_ys);
        let (nx, ny) = (xs.len(), ys.len());
        let eighths = |v: f32| (v * 8.0).round() as i32;
        let mut grid = Grid {
            xs8: xs.iter().map(|&x| eighths(x)).collect(),
            ys8: ys.iter().map(|&y| eighths(y)).collect(),
            x_shared,
            y_shared,
            h: Vec::new(),
            v: Vec::new(),
            xs,
            ys,
            min_x,
            max_x,
            max_y,
        };
        if nx.saturating_mul(ny) > MAX_GRID_CELLS {
            return None;
        }
        grid.h = vec![0; nx * ny];
        grid.v = vec![0; nx * ny];
        // Nodes and loop tabs are obstacles.
        let tabs = l.loops.iter().map(|lp| lp.tab.inflate(2.0));
        for r in l
            .nodes
            .iter()
            .map(|n| n.rect.inflate(CLEARANCE))
            .chain(tabs)
        {
            // Edges on lines strictly inside the node, spanning into it.
            for j in inside(&grid.ys, r.y + 0.5, r.bottom() - 0.5) {
                for i in gaps(&grid.xs, r.x + 0.5, r.right() - 0.5) {
                    grid.h[j * nx + i] = BLOCKED;
                }
            }
            for i in inside(&grid.xs, r.x + 0.5, r.right() - 0.5) {
                for j in gaps(&grid.ys, r.y + 0.5, r.bottom() - 0.5) {
                    grid.v[i * ny + j] = BLOCKED;
                }
            }
        }
        Some(grid)
    }

    /// Add (`sign` 1) or take away (-1) the costs a placed connector
    /// segment puts on the grid edges that would cross it or run along it.
    fn add(&mut self, o: &Seg, sign: i32) {
        // The same work for either axis: `along` are the lines across the
        // segment's direction (x for a horizontal one), `across` the others;
        // `run` holds the grid edges parallel to it, `cross` those across.
        let (along, across, shared, run, cross, at, from, to) = if o.is_horizontal() {
            (
                &self.xs,
                &self.ys,
                &self.y_shared,
                &mut self.h,
                &mut self.v,
                o.a.y,
                o.a.x,
                o.b.x,
            )
        } else if o.is_vertical() {
            (
                &self.ys,
                &self.xs,
                &self.x_shared,
                &mut self.v,
                &mut self.h,
                o.a.x,
                o.a.y,
                o.b.y,
            )
        } else {
            return;
        };
        let (lo, hi) = (from.min(to), from.max(to));
        let eighths = |amount: f32| sign * (amount * 8.0).round() as i32;
        let bump = |c: &mut u32, delta: i32| {
            if *c != BLOCKED {
                *c = c.wrapping_add_signed(delta);
            }
        };
        // Running along it: on its own line, where it costs dearly, and on
        // channel lines less than a track away, where it costs by the
        // length: legal, but the two are hard to tell apart and a label on
        // one hides the other. A connector's own stub line is exempt from
        // the second: ports crowded on one side leave it no choice.
        let line = find(across, at);
        let beside =
            across.partition_point(|&v| v <= at - NEAR)..across.partition_point(|&v| v < at + NEAR);
        let beside = beside.filter(|&k| shared[k] && (across[k] - at).abs() >= 0.5);
        let runs = line.map(|k| (k, OVERLAP, 10.0)).into_iter();
        for (k, fixed, per_px) in runs.chain(beside.map(|k| (k, 0.0, NEAR_PER_PX))) {
            for gap in gaps(along, lo + 0.5, hi - 0.5) {
                let ov = along[gap + 1].min(hi) - along[gap].max(lo);
                if ov > 0.5 {
                    bump(
                        &mut run[k * along.len() + gap],
                        eighths(fixed + ov * per_px),
                    );
                }
            }
        }
        // Crossing it: between two lines, or on a line, where half the cost
        // sits on each grid edge meeting it, so going straight across pays
        // it once.
        let (gaps_across, amount) = match line {
            Some(k) => (
                k.saturating_sub(1)..(k + 1).min(across.len() - 1),
                CROSS / 2.0,
            ),
            None => (gaps(across, at + 0.5, at - 0.5), CROSS),
        };
        let amount = eighths(amount);
        for k in inside(along, lo + 0.5, hi - 0.5) {
            for gap in gaps_across.clone() {
                bump(&mut cross[k * across.len() + gap], amount);
            }
        }
    }

    /// The cheapest orthogonal path from `s` (leaving along `from`'s outward
    /// direction) to `t` (arriving into `to`'s side), looked for first near
    /// the two ends and then in ever larger windows. With a `limit`, only a
    /// path costing at most that much: every point of one lies in the
    /// window where the distances to both ends add up to no more than the
    /// limit, so that window is searched once.
    fn search(&self, ends: &Ends, limit: Option<u32>, scratch: &mut Scratch) -> Option<Vec<Point>> {
        let Ends { s, from, t, to } = *ends;
        // A straight line that nothing crosses and that arrives the right
        // way costs exactly the search's lower bound, and no other path
        // does: take it without searching.
        let (start_dir, arrive_dir) = (heading(from), arrival(to));
        let ahead = match start_dir {
            0 => t.x <= s.x && t.y == s.y,
            1 => t.x >= s.x && t.y == s.y,
            2 => t.y <= s.y && t.x == s.x,
            _ => t.y >= s.y && t.x == s.x,
        };
        if ahead && start_dir == arrive_dir {
            let free = ((s.x - t.x).abs() + (s.y - t.y).abs()) * 8.0;
            if let Some(cost) = self.cost_of(&[s, t], start_dir, arrive_dir)
                && (cost as f32 - free).abs() < 1.0
                && limit.is_none_or(|limit| cost <= limit)
            {
                return Some(vec![s, t]);
            }
        }
        if let Some(limit) = limit {
            let span = (s.x - t.x).abs() + (s.y - t.y).abs();
            let pad = ((limit as f32 / 8.0 - span) / 2.0).max(0.0) + 1.0;
            let window = Rect::new(
                s.x.min(t.x) - pad,
                s.y.min(t.y) - pad,
                (s.x - t.x).abs() + 2.0 * pad,
                (s.y - t.y).abs() + 2.0 * pad,
            );
            return self.search_in(&window, ends, limit, scratch);
        }
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
            let found = self.search_in(&window, ends, u32::MAX, scratch);
            if found.is_some() || whole || scratch.exhausted {
                return found;
            }
            pad *= 3.0;
        }
    }

    fn search_in(
        &self,
        window: &Rect,
        ends: &Ends,
        limit: u32,
        scratch: &mut Scratch,
    ) -> Option<Vec<Point>> {
        let Ends { s, from, t, to } = *ends;
        let (xs, ys, xs8, ys8) = (&self.xs, &self.ys, &self.xs8, &self.ys8);
        let (nx, ny) = (xs.len(), ys.len());
        let (sx, sy, tx, ty) = (
            find(xs, s.x)?,
            find(ys, s.y)?,
            find(xs, t.x)?,
            find(ys, t.y)?,
        );
        // This search's lines: the shared ones inside the window, right of
        // the lane headers, and its own two stub lines. The grid edges
        // between two of them add up the finer edges they span.
        let lines_in = |lines: &[f32], shared: &[bool], lo: f32, hi: f32, own: [usize; 2]| {
            let (first, last) = (
                lines.partition_point(|&v| v < lo),
                lines.partition_point(|&v| v <= hi),
            );
            let mut picked: Vec<usize> = (first..last).filter(|&k| shared[k]).collect();
            for k in own {
                if let Err(at) = picked.binary_search(&k) {
                    picked.insert(at, k);
                }
            }
            picked
        };
        let cols = lines_in(
            xs,
            &self.x_shared,
            window.x.max(self.min_x),
            window.right(),
            [sx, tx],
        );
        let rows = lines_in(ys, &self.y_shared, window.y, window.bottom(), [sy, ty]);
        let span = |costs: &[u32], base: usize, from: usize, to: usize| {
            let mut sum = 0u32;
            for &c in &costs[base + from..base + to] {
                if c == BLOCKED {
                    return BLOCKED;
                }
                sum += c;
            }
            sum
        };
        let hstep = |cx: usize, cy: usize| span(&self.h, rows[cy] * nx, cols[cx], cols[cx + 1]);
        let vstep = |cx: usize, cy: usize| span(&self.v, cols[cx] * ny, rows[cy], rows[cy + 1]);
        let (nx, ny) = (cols.len(), rows.len());
        let at = |lines: &[usize], g: usize| lines.binary_search(&g).ok();
        let (sx, sy, tx, ty) = (
            at(&cols, sx)?,
            at(&rows, sy)?,
            at(&cols, tx)?,
            at(&rows, ty)?,
        );
        let xs8: Vec<i32> = cols.iter().map(|&i| xs8[i]).collect();
        let ys8: Vec<i32> = rows.iter().map(|&j| ys8[j]).collect();
        let (start_dir, arrive_dir) = (heading(from), arrival(to));
        let (tx8, ty8) = (xs8[tx], ys8[ty]);
        let side = |v: i32| (v.signum() + 1) as usize;
        let bends = &BEND_TABLE[arrive_dir];
        // Distance plus the bends that are certainly still needed: a lower
        // bound on the cost still to come.
        let h = |x: usize, y: usize, d: usize| {
            let (dx, dy) = (tx8 - xs8[x], ty8 - ys8[y]);
            dx.unsigned_abs() + dy.unsigned_abs() + bends[d][side(dx)][side(dy)]
        };
        // The queue orders by the bound weighted; see [`ESTIMATE_WEIGHT`].
        let weighted = |bound: u32| bound * ESTIMATE_WEIGHT.0 / ESTIMATE_WEIGHT.1;
        scratch.reset(nx * ny * 4);
        let Scratch {
            best,
            parent,
            heap,
            touched,
            budget,
            exhausted,
        } = scratch;
        // A queue entry: the estimate above the cost so far, so that among
        // equally promising states the one nearest the target (the deepest)
        // is taken first and a plateau of equal-cost paths is walked, not
        // flooded; then the lower state id. Inverted fields make the
        // max-heap pop in that order.
        let entry = |f: u32, g: u32, state: usize| -> u128 {
            (u128::from(!f) << 64) | (u128::from(g) << 32) | u128::from(!(state as u32))
        };
        let start = (sy * nx + sx) * 4 + start_dir;
        best[start] = 0;
        touched.push(start as u32);
        heap.push(entry(weighted(h(sx, sy, start_dir)), 0, start));
        let mut expansions = 0u32;
        while let Some(top) = heap.pop() {
            if expansions == SEARCH_EXPANSIONS || *budget == 0 {
                *exhausted = true;
                return None;
            }
            expansions += 1;
            *budget -= 1;
            let state = !(top as u32) as usize;
            let g = (top >> 32) as u32;
            if g != best[state] {
                continue; // a cheaper way here was found after this entry
            }
            let d = state % 4;
            let cell = state / 4;
            let (x, y) = (cell % nx, cell / nx);
            if x == tx && y == ty {
                let point = |x: usize, y: usize| Point::new(xs[cols[x]], ys[rows[y]]);
                let mut path = vec![point(x, y)];
                let mut cur = state;
                while parent[cur] != u32::MAX {
                    cur = parent[cur] as usize;
                    let c = cur / 4;
                    path.push(point(c % nx, c / nx));
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
                    0 if x > 0 => (x - 1, y, hstep(x - 1, y)),
                    1 if x + 1 < nx => (x + 1, y, hstep(x, y)),
                    2 if y > 0 => (x, y - 1, vstep(x, y - 1)),
                    3 if y + 1 < ny => (x, y + 1, vstep(x, y)),
                    _ => continue,
                };
                if step == BLOCKED {
                    continue;
                }
                let len = (xs8[qx] - xs8[x]).unsigned_abs() + (ys8[qy] - ys8[y]).unsigned_abs();
                let mut cost = len + step + if nd != d { BEND8 } else { 0 };
                if qx == tx && qy == ty && nd != arrive_dir {
                    cost += BEND8;
                }
                let next = (qy * nx + qx) * 4 + nd;
                let ng = g.saturating_add(cost);
                let bound = h(qx, qy, nd);
                if ng < best[next] && ng.saturating_add(bound) <= limit {
                    if best[next] == u32::MAX {
                        touched.push(next as u32);
                    }
                    best[next] = ng;
                    parent[next] = state as u32;
                    heap.push(entry(ng.saturating_add(weighted(bound)), ng, next));
                }
            }
        }
        None
    }
}

impl Grid {
    /// What the search would pay for `middle`, a path between two stub ends
    /// along grid lines, under the costs on the grid now; `None` for a path
    /// the search could not have taken (off the lines, through a node, or
    /// turning back on itself).
    fn cost_of(&self, middle: &[Point], start_dir: usize, arrive_dir: usize) -> Option<u32> {
        let (nx, ny) = (self.xs.len(), self.ys.len());
        let mut g = 0u32;
        let mut d = start_dir;
        let mut moved = false;
        for w in middle.windows(2) {
            let (i0, j0) = (find(&self.xs, w[0].x)?, find(&self.ys, w[0].y)?);
            let (i1, j1) = (find(&self.xs, w[1].x)?, find(&self.ys, w[1].y)?);
            let (nd, edges) = match (i0.cmp(&i1), j0.cmp(&j1)) {
                (Ordering::Equal, Ordering::Equal) => continue,
                (Ordering::Greater, Ordering::Equal) => (0, &self.h[j0 * nx + i1..j0 * nx + i0]),
                (Ordering::Less, Ordering::Equal) => (1, &self.h[j0 * nx + i0..j0 * nx + i1]),
                (Ordering::Equal, Ordering::Greater) => (2, &self.v[i0 * ny + j1..i0 * ny + j0]),
                (Ordering::Equal, Ordering::Less) => (3, &self.v[i0 * ny + j0..i0 * ny + j1]),
                _ => return None,
            };
            if nd != d {
                if nd / 2 == d / 2 {
                    return None;
                }
                g += BEND8;
            }
            for &c in edges {
                if c == BLOCKED {
                    return None;
                }
                g += c;
            }
            g += (self.xs8[i1] - self.xs8[i0]).unsigned_abs()
                + (self.ys8[j1] - self.ys8[j0]).unsigned_abs();
            d = nd;
            moved = true;
        }
        if moved && d != arrive_dir {
            g += BEND8;
        }
        Some(g)
    }
}

/// The part of a routed path between its two stub ends `(s, t)`: the path
/// runs straight through each stub end, since a stub leaves perpendicular.
fn middle(path: &[Point], (s, t): (Point, Point)) -> Vec<Point> {
    let inner = path.get(1..path.len().saturating_sub(1)).unwrap_or(&[]);
    let mut out = Vec::with_capacity(inner.len() + 2);
    out.push(s);
    out.extend(inner.iter().copied());
    out.push(t);
    out.dedup();
    out
}

/// The search's direction (0 left, 1 right, 2 up, 3 down) for leaving a
/// node through `side`.
fn heading(side: Handle) -> usize {
    match side {
        Handle::Left => 0,
        Handle::Right => 1,
        Handle::Top => 2,
        Handle::Bottom => 3,
    }
}

/// The direction of arriving into `side`: against its outward normal.
fn arrival(side: Handle) -> usize {
    heading(side) ^ 1
}

/// The grid line nearest `x`, if one lies within half a pixel (`lines` is
/// sorted).
fn find(lines: &[f32], x: f32) -> Option<usize> {
    let i = lines.partition_point(|&c| c < x);
    let near = |k: usize| lines.get(k).map(|&c| ((c - x).abs(), k));
    let (dist, k) = match (i.checked_sub(1).and_then(near), near(i)) {
        (Some(a), Some(b)) => {
            if b.0 < a.0 {
                b
            } else {
                a
            }
        }
        (a, b) => a.or(b)?,
    };
    (dist < 0.5).then_some(k)
}

/// The lines strictly between `lo` and `hi`.
fn inside(lines: &[f32], lo: f32, hi: f32) -> std::ops::Range<usize> {
    lines.partition_point(|&c| c <= lo)..lines.partition_point(|&c| c < hi)
}

/// The gaps `i` (from line `i` to line `i + 1`) reaching past `lo` and
/// starting before `hi`; with `lo > hi`, the one gap holding both.
fn gaps(lines: &[f32], lo: f32, hi: f32) -> std::ops::Range<usize> {
    lines.partition_point(|&c| c <= lo).saturating_sub(1)
        ..lines
            .partition_point(|&c| c < hi)
            .min(lines.len().saturating_sub(1))
}

/// Buffers the searches of one diagram share. Only the states a search
/// touched are reset for the next, not the whole grid.
#[derive(Default)]
struct Scratch {
    best: Vec<u32>,
    parent: Vec<u32>,
    heap: BinaryHeap<u128>,
    touched: Vec<u32>,
    /// Expansions left to the diagram's searches ([`DIAGRAM_EXPANSIONS`]).
    budget: u64,
    /// The last search stopped at a limit, not for want of a way.
    exhausted: bool,
}

impl Scratch {
    /// Make room for a search over `states` states, all unvisited. The
    /// buffers grow to the largest window searched, not the whole grid.
    fn reset(&mut self, states: usize) {
        for &k in &self.touched {
            self.best[k as usize] = u32::MAX;
            self.parent[k as usize] = u32::MAX;
        }
        if self.best.len() < states {
            self.best.resize(states, u32::MAX);
            self.parent.resize(states, u32::MAX);
        }
        self.touched.clear();
        self.heap.clear();
        self.exhausted = false;
    }
}

/// [`min_bends`] in eighths of [`BEND`], by arrival heading, heading, and
/// which side of the target a state lies on along x and along y (0 before
/// it, 1 level with it, 2 past it): all the search needs, filled once.
static BEND_TABLE: std::sync::LazyLock<[[[[u32; 3]; 3]; 4]; 4]> = std::sync::LazyLock::new(|| {
    let mut table = [[[[0; 3]; 3]; 4]; 4];
    for (a, by_heading) in table.iter_mut().enumerate() {
        for (d, by_x) in by_heading.iter_mut().enumerate() {
            for (cx, by_y) in by_x.iter_mut().enumerate() {
                for (cy, b) in by_y.iter_mut().enumerate() {
                    let (dx, dy) = (cx as f32 - 1.0, cy as f32 - 1.0);
                    *b = u32::from(min_bends(dx, dy, d, a)) * BEND8;
                }
            }
        }
    }
    table
});

/// The fewest bends an orthogonal path can make from a point heading in
/// direction `d` to a target `(dx, dy)` away that it must enter heading in
/// direction `a` (directions: 0 left, 1 right, 2 up, 3 down), where entering
/// it heading any other way counts as one bend more. Obstacles only ever add
/// bends, so this never overestimates.
fn min_bends(dx: f32, dy: f32, d: usize, a: usize) -> u8 {
    let near = |v: f32| v.abs() < 0.5;
    if near(dx) && near(dy) {
        return 0;
    }
    // Components of the offset along a direction.
    let along = |dir: usize| match dir {
        0 => -dx,
        1 => dx,
        2 => -dy,
        _ => dy,
    };
    let exact = |a: usize| -> u8 {
        let forward = along(d);
        if a == d {
            let sideways = if d < 2 { dy } else { dx };
            match (forward >= 0.5, near(sideways)) {
                (true, true) => 0,
                (true, false) => 2,
                (false, _) => 4,
            }
        } else if a / 2 == d / 2 {
            // Turning back: a U needs room to the side.
            let sideways = if d < 2 { dy } else { dx };
            if near(sideways) { 4 } else { 2 }
        } else if forward > -0.5 && along(a) >= 0.5 {
            1
        } else {
            3
        }
    };
    let wrong_way = (0..4).filter(|&o| o != a).map(exact).min().unwrap_or(4);
    exact(a).min(wrong_way + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The true fewest bends on an open integer grid, by breadth-first search
    /// over (cell, heading) with the router's rules: a turn at a cell is one
    /// bend, no turning back on the spot, entering the target the wrong way
    /// is one bend more.
    fn bends_by_search(dx: i32, dy: i32, d: usize, a: usize) -> u8 {
        const R: i32 = 9;
        let step = |dir: usize| match dir {
            0 => (-1, 0),
            1 => (1, 0),
            2 => (0, -1),
            _ => (0, 1),
        };
        let id = |x: i32, y: i32, dir: usize| (((y + R) * (2 * R + 1) + x + R) * 4) as usize + dir;
        let mut best = vec![u8::MAX; ((2 * R + 1) * (2 * R + 1) * 4) as usize];
        let mut queue = std::collections::VecDeque::new();
        best[id(0, 0, d)] = 0;
        queue.push_back((0, 0, d));
        let mut answer = u8::MAX;
        if dx == 0 && dy == 0 {
            return 0;
        }
        // 0-1 BFS: going straight costs nothing, a turn costs one.
        while let Some((x, y, dir)) = queue.pop_front() {
            let b = best[id(x, y, dir)];
            for nd in 0..4 {
                if nd != dir && nd / 2 == dir / 2 {
                    continue;
                }
                let (sx, sy) = step(nd);
                let (qx, qy) = (x + sx, y + sy);
                if qx.abs() > R || qy.abs() > R {
                    continue;
                }
                let turn = u8::from(nd != dir);
                let nb = b + turn;
                if (qx, qy) == (dx, dy) {
                    answer = answer.min(nb + u8::from(nd != a));
                    continue;
                }
                if nb < best[id(qx, qy, nd)] {
                    best[id(qx, qy, nd)] = nb;
                    if turn == 0 {
                        queue.push_front((qx, qy, nd));
                    } else {
                        queue.push_back((qx, qy, nd));
                    }
                }
            }
        }
        answer
    }

    #[test]
    fn bend_estimate_is_exact_in_the_open() {
        for dx in -3..=3 {
            for dy in -3..=3 {
                for d in 0..4 {
                    for a in 0..4 {
                        assert_eq!(
                            min_bends(dx as f32 * 10.0, dy as f32 * 10.0, d, a),
                            bends_by_search(dx, dy, d, a),
                            "offset ({dx}, {dy}), heading {d}, arriving {a}"
                        );
                    }
                }
            }
        }
    }
}
