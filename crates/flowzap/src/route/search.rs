//! The search for one connector's cheapest path over the grid: A* over
//! (grid point, heading) states, with a lower bound that counts the bends
//! still certainly needed, in a window around the two ends.

use super::grid::{BLOCKED, Grid, find};
use super::{BEND8, Ends, arrival, heading};
use crate::geom::{Point, Rect};
use std::collections::BinaryHeap;

/// The search's estimate is weighted by 5/4: it takes far fewer steps
/// through the cost valleys that crossings make, and the route it finds
/// costs at most a quarter more than the cheapest (in the corpus, fewer
/// crossings overall, since the second look gets the time back).
const ESTIMATE_WEIGHT: (u32, u32) = (5, 4);
/// States one search may expand before it gives up (its connector then
/// takes the plain fallback route). Real diagrams stay far below it; it
/// bounds a search that has no way through a crowded grid.
const SEARCH_EXPANSIONS: u32 = 200_000;

impl Grid {
    /// The cheapest orthogonal path from `s` (leaving along `from`'s outward
    /// direction) to `t` (arriving into `to`'s side), looked for first near
    /// the two ends and then in ever larger windows. With a `limit`, only a
    /// path costing at most that much: every point of one lies in the
    /// window where the distances to both ends add up to no more than the
    /// limit, so that window is searched once.
    pub(super) fn search(
        &self,
        ends: &Ends,
        limit: Option<u32>,
        scratch: &mut Scratch,
    ) -> Option<Vec<Point>> {
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

    /// The cheapest path between `ends` inside `window` costing at most
    /// `limit`: A* over (grid point, heading) states.
    fn search_in(
        &self,
        window: &Rect,
        ends: &Ends,
        limit: u32,
        scratch: &mut Scratch,
    ) -> Option<Vec<Point>> {
        let Ends { s, from, t, to } = *ends;
        let w = Window::new(self, window, s, t)?;
        let (nx, ny) = (w.cols.len(), w.rows.len());
        let ((sx, sy), (tx, ty)) = (w.start, w.target);
        let (xs8, ys8) = (&w.xs8, &w.ys8);
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
        scratch.reset(nx * ny * 4);
        let Scratch {
            best,
            parent,
            heap,
            touched,
            budget,
            exhausted,
        } = scratch;
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
                return Some(w.trace(parent, state));
            }
            for nd in 0..4 {
                // No U-turns on the spot.
                if nd != d && nd / 2 == d / 2 {
                    continue;
                }
                let (qx, qy, step) = match nd {
                    0 if x > 0 => (x - 1, y, w.hstep(x - 1, y)),
                    1 if x + 1 < nx => (x + 1, y, w.hstep(x, y)),
                    2 if y > 0 => (x, y - 1, w.vstep(x, y - 1)),
                    3 if y + 1 < ny => (x, y + 1, w.vstep(x, y)),
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

/// A queue entry: the estimate `f` above the cost so far `g`, so that
/// among equally promising states the one nearest the target (the
/// deepest) is taken first and a plateau of equal-cost paths is walked,
/// not flooded; then the lower state id. Inverted fields make the max-heap
/// pop in that order.
fn entry(f: u32, g: u32, state: usize) -> u128 {
    (u128::from(!f) << 64) | (u128::from(g) << 32) | u128::from(!(state as u32))
}

/// A lower bound as the queue orders by it; see [`ESTIMATE_WEIGHT`].
fn weighted(bound: u32) -> u32 {
    bound * ESTIMATE_WEIGHT.0 / ESTIMATE_WEIGHT.1
}

/// One search's part of the grid: the shared lines inside its window
/// (right of the lane headers) and its own two stub lines, as indices
/// into the grid's lines. A step between two of them adds up the finer
/// grid edges it spans.
struct Window<'g> {
    grid: &'g Grid,
    cols: Vec<usize>,
    rows: Vec<usize>,
    /// The lines' positions in eighths of a pixel.
    xs8: Vec<i32>,
    ys8: Vec<i32>,
    /// The two stub ends, as (column, row) in the window.
    start: (usize, usize),
    target: (usize, usize),
}

impl<'g> Window<'g> {
    /// The lines of `grid` inside `window`, plus the lines of the stub ends
    /// `s` and `t`; `None` if those are not on the grid.
    fn new(grid: &'g Grid, window: &Rect, s: Point, t: Point) -> Option<Self> {
        let (sx, sy, tx, ty) = (
            find(&grid.xs, s.x)?,
            find(&grid.ys, s.y)?,
            find(&grid.xs, t.x)?,
            find(&grid.ys, t.y)?,
        );
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
            &grid.xs,
            &grid.x_shared,
            window.x.max(grid.min_x),
            window.right(),
            [sx, tx],
        );
        let rows = lines_in(
            &grid.ys,
            &grid.y_shared,
            window.y,
            window.bottom(),
            [sy, ty],
        );
        let at = |lines: &[usize], g: usize| lines.binary_search(&g).ok();
        let start = (at(&cols, sx)?, at(&rows, sy)?);
        let target = (at(&cols, tx)?, at(&rows, ty)?);
        let xs8 = cols.iter().map(|&i| grid.xs8[i]).collect();
        let ys8 = rows.iter().map(|&j| grid.ys8[j]).collect();
        Some(Window {
            grid,
            cols,
            rows,
            xs8,
            ys8,
            start,
            target,
        })
    }

    /// The cost of the grid edges from `from` to `to` on one line (`base`
    /// is where the line starts in `costs`); [`BLOCKED`] if any is.
    fn span(costs: &[u32], base: usize, from: usize, to: usize) -> u32 {
        let mut sum = 0u32;
        for &c in &costs[base + from..base + to] {
            if c == BLOCKED {
                return BLOCKED;
            }
            sum += c;
        }
        sum
    }

    /// The cost of the step right from window point (`cx`, `cy`).
    fn hstep(&self, cx: usize, cy: usize) -> u32 {
        let nx = self.grid.xs.len();
        Self::span(
            &self.grid.h,
            self.rows[cy] * nx,
            self.cols[cx],
            self.cols[cx + 1],
        )
    }

    /// The cost of the step down from window point (`cx`, `cy`).
    fn vstep(&self, cx: usize, cy: usize) -> u32 {
        let ny = self.grid.ys.len();
        Self::span(
            &self.grid.v,
            self.cols[cx] * ny,
            self.rows[cy],
            self.rows[cy + 1],
        )
    }

    /// The path to `state` back along `parent`, first point first.
    fn trace(&self, parent: &[u32], state: usize) -> Vec<Point> {
        let nx = self.cols.len();
        let point = |c: usize| {
            let (x, y) = (c % nx, c / nx);
            Point::new(self.grid.xs[self.cols[x]], self.grid.ys[self.rows[y]])
        };
        let mut path = vec![point(state / 4)];
        let mut cur = state;
        while parent[cur] != u32::MAX {
            cur = parent[cur] as usize;
            path.push(point(cur / 4));
        }
        path.reverse();
        path
    }
}

/// Buffers the searches of one diagram share. Only the states a search
/// touched are reset for the next, not the whole grid.
#[derive(Default)]
pub(super) struct Scratch {
    best: Vec<u32>,
    parent: Vec<u32>,
    heap: BinaryHeap<u128>,
    touched: Vec<u32>,
    /// Expansions left to the diagram's searches.
    pub(super) budget: u64,
    /// The last search stopped at a limit, not for want of a way.
    exhausted: bool,
}

impl Scratch {
    /// Empty buffers, and `budget` expansions for all the searches.
    pub(super) fn with_budget(budget: u64) -> Self {
        Scratch {
            budget,
            ..Scratch::default()
        }
    }

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

/// [`min_bends`] in eighths of [`BEND`](super::BEND), by arrival heading, heading, and
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
