//! The routing grid: the lines a connector may run along and what each
//! grid edge between two of them costs now, given the connectors placed.

use super::{BEND8, CLEARANCE, CROSS, NEAR, NEAR_PER_PX, OVERLAP};
use crate::geom::{Point, Seg};
use crate::model::Layout;
use std::cmp::Ordering;

/// Spacing of parallel tracks in a channel.
const TRACK: f32 = 8.0;
/// The largest routing grid (lines across × lines down) built; a diagram
/// whose grid would be larger takes the fallback route for every
/// connector, so memory stays bounded.
const MAX_GRID_CELLS: usize = 2_000_000;

/// A grid edge through a node: never taken.
pub(super) const BLOCKED: u32 = u32::MAX;

/// The routing grid: the lines connectors may run along (node sides plus a
/// margin, several tracks through every gap between columns, sub-rows and
/// lanes, and every stub end), built once per diagram, with the cost of
/// each grid edge kept up to date as connectors are placed and lifted.
pub(super) struct Grid {
    pub(super) xs: Vec<f32>,
    pub(super) ys: Vec<f32>,
    /// The lines in integer eighths of a pixel, the search's unit.
    pub(super) xs8: Vec<i32>,
    pub(super) ys8: Vec<i32>,
    /// Whether every search may use a line (a channel line), or only the
    /// search whose stub ends on it.
    pub(super) x_shared: Vec<bool>,
    pub(super) y_shared: Vec<bool>,
    /// Cost in eighths of each grid edge: horizontal edge (i→i+1, j) at
    /// `h[j * nx + i]`, vertical edge (i, j→j+1) at `v[i * ny + j]`.
    pub(super) h: Vec<u32>,
    pub(super) v: Vec<u32>,
    /// Where a search may go: right of the lane headers from `min_x` to
    /// `max_x`, and down to `max_y`.
    pub(super) min_x: f32,
    pub(super) max_x: f32,
    pub(super) max_y: f32,
}

impl Grid {
    /// The grid of `l`'s channel and stub lines; `None` past
    /// [`MAX_GRID_CELLS`].
    pub(super) fn new(l: &Layout, stubs: &[(Point, Point)]) -> Option<Self> {
        let header = l.lanes.first().map_or(0.0, |lane| lane.header.right());
        let (mut xs, mut ys) = channel_lines(l, header);
        let (min_x, max_x, max_y) = (header + 4.0, l.width - 2.0, l.height - 2.0);
        xs.retain(|&x| x >= min_x && x < max_x);
        ys.retain(|&y| y > 2.0 && y < max_y);
        // Stub ends are exact lines; tracks within a pixel give way to them.
        let mut stub_xs: Vec<f32> = stubs.iter().flat_map(|(s, t)| [s.x, t.x]).collect();
        let mut stub_ys: Vec<f32> = stubs.iter().flat_map(|(s, t)| [s.y, t.y]).collect();
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
        grid.block(l);
        Some(grid)
    }

    /// Mark the grid edges inside a node or a loop tab (with clearance),
    /// obstacles a connector never crosses, [`BLOCKED`].
    fn block(&mut self, l: &Layout) {
        let (nx, ny) = (self.xs.len(), self.ys.len());
        let tabs = l.loops.iter().map(|lp| lp.tab.inflate(2.0));
        for r in l
            .nodes
            .iter()
            .map(|n| n.rect.inflate(CLEARANCE))
            .chain(tabs)
        {
            // Edges on lines strictly inside the node, spanning into it.
            for j in inside(&self.ys, r.y + 0.5, r.bottom() - 0.5) {
                for i in gaps(&self.xs, r.x + 0.5, r.right() - 0.5) {
                    self.h[j * nx + i] = BLOCKED;
                }
            }
            for i in inside(&self.xs, r.x + 0.5, r.right() - 0.5) {
                for j in gaps(&self.ys, r.y + 0.5, r.bottom() - 0.5) {
                    self.v[i * ny + j] = BLOCKED;
                }
            }
        }
    }

    /// Add (`sign` 1) or take away (-1) the costs a placed connector
    /// segment puts on the grid edges that would cross it or run along it.
    pub(super) fn add(&mut self, o: &Seg, sign: i32) {
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

    /// What the search would pay for `middle`, a path between two stub ends
    /// along grid lines, under the costs on the grid now; `None` for a path
    /// the search could not have taken (off the lines, through a node, or
    /// turning back on itself).
    pub(super) fn cost_of(
        &self,
        middle: &[Point],
        start_dir: usize,
        arrive_dir: usize,
    ) -> Option<u32> {
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

/// The channel lines of `l` right of the lane headers (which end at
/// `header`), unsorted: each node's sides plus a margin and its middle,
/// then tracks through the gaps between columns, sub-rows and lanes.
fn channel_lines(l: &Layout, header: f32) -> (Vec<f32>, Vec<f32>) {
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
    (xs, ys)
}

/// `lines` (channel lines) merged with `exact` (stub lines), sorted, each
/// with whether every search may use it: a channel line within a pixel of
/// a stub line gives way to it, and the stub line is then shared like it.
fn merge(lines: Vec<f32>, exact: &mut Vec<f32>) -> (Vec<f32>, Vec<bool>) {
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

/// The grid line nearest `x`, if one lies within half a pixel (`lines` is
/// sorted).
pub(super) fn find(lines: &[f32], x: f32) -> Option<usize> {
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
pub(super) fn inside(lines: &[f32], lo: f32, hi: f32) -> std::ops::Range<usize> {
    lines.partition_point(|&c| c <= lo)..lines.partition_point(|&c| c < hi)
}

/// The gaps `i` (from line `i` to line `i + 1`) reaching past `lo` and
/// starting before `hi`; with `lo > hi`, the one gap holding both.
pub(super) fn gaps(lines: &[f32], lo: f32, hi: f32) -> std::ops::Range<usize> {
    lines.partition_point(|&c| c <= lo).saturating_sub(1)
        ..lines
            .partition_point(|&c| c < hi)
            .min(lines.len().saturating_sub(1))
}
