//! The second pass, once every line is read: edge endpoints and loop
//! members resolved to node indices (a node may be used before it is
//! declared), then the checks that need the whole diagram: orphan nodes
//! and node numbering.

use super::edge::RawEnd;
use super::suggest::nearest;
use super::{Parser, shown};
use crate::ast::{Edge, Loop};
use crate::diagnostic::{Code, Diagnostic};

impl Parser<'_> {
    /// The edges whose endpoints resolve, in the order written.
    pub(super) fn resolve_edges(&mut self) -> Vec<Edge> {
        let mut edges = Vec::with_capacity(self.edges.len());
        let raw_edges = std::mem::take(&mut self.edges);
        for raw in &raw_edges {
            let from = match raw.lane {
                Some(lane) => self.resolve_end(&raw.from, lane, true),
                // At the top level the source needs no prefix: it names
                // the lane the edge belongs to.
                None => self.resolve_source_anywhere(&raw.from),
            };
            let to = match (raw.lane, from) {
                (Some(lane), _) => self.resolve_end(&raw.to, lane, false),
                (None, Some(f)) => {
                    let lane = self.nodes[f].lane;
                    self.resolve_end(&raw.to, lane, false)
                }
                (None, None) => None,
            };
            if let (Some(from), Some(to)) = (from, to) {
                edges.push(Edge {
                    from,
                    to,
                    from_handle: raw.from.handle,
                    to_handle: raw.to.handle,
                    label: raw.label.clone(),
                    span: raw.span.clone(),
                });
            }
        }
        edges
    }

    /// The loops whose every member resolves, in the order written.
    pub(super) fn resolve_loops(&mut self) -> Vec<Loop> {
        let mut loops = Vec::new();
        for raw in std::mem::take(&mut self.loops) {
            let mut nodes = Vec::new();
            for (id, span) in &raw.ids {
                match self.node_index.get(id.as_str()) {
                    Some(&i) => nodes.push(i),
                    None => self.diags.push(
                        Diagnostic::new(Code::LoopUnknownNode, span.clone(), format!("the loop names `{id}`, which is not declared"))
                            .with_hint(format!("declare it in a lane (`{id}: rectangle label:\"…\"`) or remove it from the loop")),
                    ),
                }
            }
            if nodes.len() == raw.ids.len() && nodes.len() >= 2 {
                loops.push(Loop {
                    lane: raw.lane,
                    text: raw.text,
                    nodes,
                    span: raw.span,
                });
            }
        }
        loops
    }

    /// The node `end` names, for an edge written in lane `lane` (an
    /// unprefixed end must be in it); `is_source` words the reports.
    fn resolve_end(&mut self, end: &RawEnd, lane: usize, is_source: bool) -> Option<usize> {
        let role = if is_source { "source" } else { "target" };
        if let Some((lane_id, lane_span)) = &end.lane {
            let Some(&prefix_lane) = self.lane_index.get(lane_id.as_str()) else {
                let ids: Vec<&str> = self.lanes.iter().map(|l| l.id.as_str()).collect();
                let hint = match nearest(lane_id, &ids) {
                    Some(n) => format!("did you mean `{n}`?"),
                    None => format!(
                        "the lanes are {}",
                        ids.iter()
                            .map(|i| format!("`{i}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                self.diags.push(
                    Diagnostic::new(
                        Code::UnknownLane,
                        lane_span.clone(),
                        format!("there is no lane `{}`", shown(lane_id)),
                    )
                    .with_hint(hint),
                );
                return None;
            };
            let index = self.lookup(end, role)?;
            let holder = self.nodes[index].lane;
            if holder != prefix_lane {
                let real = self.lanes[holder].id.clone();
                self.diags.push(
                    Diagnostic::new(
                        Code::WrongLanePrefix,
                        lane_span.start..end.node_span.end,
                        format!("lane `{lane_id}` has no node `{}`", end.node),
                    )
                    .with_related(
                        self.nodes[index].span.clone(),
                        format!("`{}` is declared in lane `{real}`", end.node),
                    )
                    .with_hint(if holder == lane {
                        format!("it is in this lane: write `{}`", end.node)
                    } else {
                        format!("write `{real}.{}`", end.node)
                    }),
                );
                return None;
            }
            return Some(index);
        }
        let index = self.lookup(end, role)?;
        let holder = self.nodes[index].lane;
        if holder != lane {
            let real = self.lanes[holder].id.clone();
            self.diags.push(
                Diagnostic::new(
                    Code::MissingLanePrefix,
                    end.node_span.clone(),
                    format!("`{}` is in lane `{real}`, not in this one", end.node),
                )
                .with_related(
                    self.nodes[index].span.clone(),
                    format!("declared in lane `{real}`"),
                )
                .with_hint(format!("write `{real}.{}`", end.node)),
            );
            return None;
        }
        Some(index)
    }

    /// The source of a top-level edge: any declared node, its lane prefix
    /// (if written) checked like any other.
    fn resolve_source_anywhere(&mut self, end: &RawEnd) -> Option<usize> {
        let index = self.lookup(end, "source")?;
        if end.lane.is_some() {
            let lane = self.nodes[index].lane;
            return self.resolve_end(end, lane, true);
        }
        Some(index)
    }

    /// The node named `end.node`, declared anywhere; `role` words the
    /// report when it is not.
    fn lookup(&mut self, end: &RawEnd, role: &str) -> Option<usize> {
        match self.node_index.get(end.node.as_str()) {
            Some(&i) => Some(i),
            None => {
                self.diags.push(
                    Diagnostic::new(
                        Code::UndefinedNode,
                        end.node_span.clone(),
                        format!("the edge's {role} `{}` is not declared", end.node),
                    )
                    .with_hint(format!(
                        "declare it in a lane: `{}: rectangle label:\"…\"`",
                        end.node
                    )),
                );
                None
            }
        }
    }

    pub(super) fn check_orphans(&mut self, edges: &[Edge]) {
        let mut linked = vec![false; self.nodes.len()];
        for e in edges {
            linked[e.from] = true;
            linked[e.to] = true;
        }
        for (node, linked) in self.nodes.iter().zip(linked) {
            if !linked {
                self.diags.push(
                    Diagnostic::new(
                        Code::OrphanNode,
                        node.span.clone(),
                        format!("node `{}` has no edge in or out", node.id),
                    )
                    .with_hint("connect it with an edge, or remove it"),
                );
            }
        }
    }

    /// Node ids should be exactly n1..nK (K nodes). Ids are compared as
    /// text, so `n0`, `n007` and numbers past any integer type are simply
    /// not among them.
    pub(super) fn check_numbering(&mut self) {
        let count = self.nodes.len();
        let number = |id: &str| -> Option<usize> {
            let digits = &id[1..];
            if digits.starts_with('0') || digits.len() > 19 {
                return None;
            }
            digits.parse().ok().filter(|k| (1..=count).contains(k))
        };
        let mut taken = vec![false; count + 1];
        for n in &self.nodes {
            if let Some(k) = number(&n.id) {
                taken[k] = true;
            }
        }
        let Some(i) = self.nodes.iter().position(|n| number(&n.id).is_none()) else {
            return;
        };
        let missing = (1..=count).find(|&k| !taken[k]).unwrap_or(1);
        let id = shown(&self.nodes[i].id);
        self.diags.push(
            Diagnostic::new(
                Code::NumberingGap,
                self.nodes[i].span.clone(),
                format!(
                    "node ids are not n1..n{count}: `{id}` stands where `n{missing}` is missing"
                ),
            )
            .with_hint("number nodes n1, n2, … without gaps; FlowZap's tools expect it"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::Code;
    use crate::parse;

    const TWO_LANES: &str = "A { # A\nn1: circle label:\"a\"\nn2: rectangle label:\"b\"\nn1.handle(right) -> n2.handle(left)\n}\nB { # B\nn3: circle label:\"c\"\n}\n";

    #[test]
    fn a_top_level_edge_belongs_to_its_source_and_keeps_its_place() {
        let src = format!(
            "{TWO_LANES}n2.handle(bottom) -> B.n3.handle(top) [label=\"x\"]\nA {{\nn2.handle(top) -> n1.handle(top)\n}}\n"
        );
        let p = parse(&src);
        assert!(!p.has_errors(), "{:#?}", p.diagnostics);
        let order: Vec<(usize, usize)> = p.diagram.edges.iter().map(|e| (e.from, e.to)).collect();
        assert_eq!(order, [(0, 1), (1, 2), (1, 0)], "the order written");
        // Without its prefix, a target in another lane is still an error.
        let p = parse(&format!("{TWO_LANES}n2.handle(bottom) -> n3.handle(top)\n"));
        assert!(p.errors().any(|d| d.code == Code::MissingLanePrefix));
        // A source with a wrong prefix is caught too.
        let p = parse(&format!(
            "{TWO_LANES}B.n2.handle(bottom) -> B.n3.handle(top)\n"
        ));
        assert!(p.errors().any(|d| d.code == Code::WrongLanePrefix));
    }
}
