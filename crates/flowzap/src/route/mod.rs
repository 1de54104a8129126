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
//!
//! Inside: `grid` builds the grid and keeps its costs, `search` finds the
//! cheapest path over it.

mod grid;
mod search;

use crate::ast::{Diagram, Handle};
use crate::geom::{Point, Rect, Seg, segments};
use crate::model::Layout;
use grid::Grid;
use search::Scratch;

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
/// States all the searches of one diagram may expand together. Past it the
/// remaining connectors take the fallback route and the second look stops:
/// a dense hostile diagram costs a bounded time, not minutes. The corpus's
/// busiest diagram and the 10 × 100 stress diagram use a small part of it.
const DIAGRAM_EXPANSIONS: u64 = 3_000_000;

/// The orthogonal path of every connector of `d` over the nodes, lanes and
/// loop tabs of `l`, in edge order, from the source port to the target port.
pub(crate) fn route(d: &Diagram, l: &Layout) -> Vec<Vec<Point>> {
    let ports = assign_ports(d, l);
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
    let Some(grid) = Grid::new(l, &stubs) else {
        return (0..d.edges.len())
            .map(|i| fallback(ports[i], stubs[i]))
            .collect();
    };
    // Short, simple connectors first: they get the straight lines.
    let mut order: Vec<usize> = (0..d.edges.len()).collect();
    order.sort_by(|&a, &b| {
        let len = |i: usize| {
            let (p, q) = ports[i];
            ((p.x - q.x).abs() + (p.y - q.y).abs()) as i64
        };
        len(a).cmp(&len(b)).then(a.cmp(&b))
    });
    let mut router = Router::new(d, ports, stubs, grid);
    router.first_pass(&order);
    router.second_look(&order);
    router.paths
}

/// The route a connector takes when no search finds one (or the budget is
/// spent): out of its stub, across, and into the other stub. The checker
/// reports what it crosses.
fn fallback((p, q): (Point, Point), (s0, t0): (Point, Point)) -> Vec<Point> {
    simplify(vec![p, s0, Point::new(t0.x, s0.y), t0, q])
}

/// One diagram's routing: the grid with what each edge has on it, the
/// search buffers, and every edge's path so far.
struct Router<'a> {
    d: &'a Diagram,
    /// Each edge's (source port, target port) and (source stub end,
    /// target stub end).
    ports: Vec<(Point, Point)>,
    stubs: Vec<(Point, Point)>,
    grid: Grid,
    /// What each edge has on the grid now: its two stubs at first, then its
    /// whole route.
    routed: Vec<Placed>,
    scratch: Scratch,
    paths: Vec<Vec<Point>>,
}

impl<'a> Router<'a> {
    /// A router with every edge's stubs on `grid`.
    fn new(
        d: &'a Diagram,
        ports: Vec<(Point, Point)>,
        stubs: Vec<(Point, Point)>,
        mut grid: Grid,
    ) -> Self {
        let mut routed: Vec<Placed> = Vec::with_capacity(d.edges.len());
        for (&(p, q), &(s0, t0)) in ports.iter().zip(&stubs) {
            let stubs = Placed::new(vec![Seg { a: p, b: s0 }, Seg { a: t0, b: q }]);
            for seg in &stubs.segs {
                grid.add(seg, 1);
            }
            routed.push(stubs);
        }
        Router {
            d,
            ports,
            stubs,
            grid,
            routed,
            scratch: Scratch::with_budget(DIAGRAM_EXPANSIONS),
            paths: vec![Vec::new(); d.edges.len()],
        }
    }

    /// Every edge in `order`, each among those routed before it.
    fn first_pass(&mut self, order: &[usize]) {
        for &i in order {
            self.unroute(i);
            let found = if self.scratch.budget > 0 {
                self.search(i, None)
            } else {
                None
            };
            let pts = found.unwrap_or_else(|| fallback(self.ports[i], self.stubs[i]));
            self.place(i, &pts);
            self.paths[i] = pts;
        }
    }

    /// A second look: an edge routed early could not see the ones routed
    /// after it. Each edge that now crosses or runs along another is
    /// routed again among all the others, looking only for routes that
    /// cost the search no more than its current one (which bounds the
    /// search tightly), and takes the new route unless it costs more; the
    /// edge's cost holds every crossing it takes part in, so the diagram's
    /// total cannot rise.
    fn second_look(&mut self, order: &[usize]) {
        for &i in order {
            if self.scratch.budget == 0 {
                break;
            }
            let (old_cost, tangled) = path_cost(&self.paths[i], &self.routed, i);
            if !tangled {
                continue;
            }
            self.unroute(i);
            let e = &self.d.edges[i];
            let limit = self.grid.cost_of(
                &middle(&self.paths[i], self.stubs[i]),
                heading(e.from_handle),
                arrival(e.to_handle),
            );
            if let Some(pts) = self.search(i, limit)
                && path_cost(&pts, &self.routed, i).0 <= old_cost
            {
                self.paths[i] = pts;
            }
            let pts = std::mem::take(&mut self.paths[i]);
            self.place(i, &pts);
            self.paths[i] = pts;
        }
    }

    /// Lift edge `i`'s segments off the grid.
    fn unroute(&mut self, i: usize) {
        for seg in std::mem::take(&mut self.routed[i]).segs {
            self.grid.add(&seg, -1);
        }
    }

    /// Put edge `i` on the grid along `pts`.
    fn place(&mut self, i: usize, pts: &[Point]) {
        self.routed[i] = Placed::new(segments(pts).collect());
        for seg in &self.routed[i].segs {
            self.grid.add(seg, 1);
        }
    }

    /// Edge `i`'s cheapest route among the others on the grid, costing no
    /// more than `limit` when given.
    fn search(&mut self, i: usize, limit: Option<u32>) -> Option<Vec<Point>> {
        let e = &self.d.edges[i];
        let (p, q) = self.ports[i];
        let (s0, t0) = self.stubs[i];
        let ends = Ends {
            s: s0,
            from: e.from_handle,
            t: t0,
            to: e.to_handle,
        };
        let middle = self.grid.search(&ends, limit, &mut self.scratch)?;
        let mut pts = vec![p];
        pts.extend(middle);
        pts.push(q);
        Some(simplify(pts))
    }
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

/// What one search connects: the two stub ends, and the node sides they
/// leave and enter by.
#[derive(Clone, Copy)]
struct Ends {
    s: Point,
    from: Handle,
    t: Point,
    to: Handle,
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
