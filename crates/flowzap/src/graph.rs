//! Graph export: the diagram's structure as JSON, in the shape of
//! flowzap-mcp's `export_graph` (lanes, nodes, edges, stats) plus the loops
//! that FlowZap's own export drops.

use crate::ast::Diagram;
use serde::Serialize;

/// A diagram's structure, borrowing its text; serialises to the JSON of
/// [`to_json`]. Nodes and edges name each other by id, not by index.
#[derive(Debug, Serialize)]
pub struct Graph<'a> {
    /// The lanes, in order.
    pub lanes: Vec<GraphLane<'a>>,
    /// The nodes, in declaration order.
    pub nodes: Vec<GraphNode<'a>>,
    /// The edges, in the order written.
    pub edges: Vec<GraphEdge<'a>>,
    /// The loops, in the order written.
    pub loops: Vec<GraphLoop<'a>>,
    /// Counts over the whole diagram.
    pub stats: Stats,
}

/// A lane in the export.
#[derive(Debug, Serialize)]
pub struct GraphLane<'a> {
    /// The lane's id.
    pub id: &'a str,
    /// Its display label (the id when none is written).
    pub label: &'a str,
}

/// A node in the export (`laneId` in JSON).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GraphNode<'a> {
    /// The node's id.
    pub id: &'a str,
    /// The id of its lane.
    pub lane_id: &'a str,
    /// Its label as written (empty when none is).
    pub label: &'a str,
    /// The shape keyword.
    pub shape: &'static str,
    /// A taskbox's extra attributes; absent when it has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<Properties<'a>>,
}

/// A taskbox's attributes besides its label, each absent when not written.
#[derive(Debug, Serialize)]
pub struct Properties<'a> {
    /// `owner:"…"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<&'a str>,
    /// `description:"…"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<&'a str>,
    /// `system:"…"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<&'a str>,
}

/// An edge in the export (camelCase in JSON, `sourceHandle` and
/// `targetHandle` as FlowZap names them).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GraphEdge<'a> {
    /// `e1`, `e2`, … in edge order.
    pub id: String,
    /// The source node's id.
    pub from: &'a str,
    /// The target node's id.
    pub to: &'a str,
    /// The source node's lane id.
    pub from_lane: &'a str,
    /// The target node's lane id.
    pub to_lane: &'a str,
    /// The edge's label; absent when it has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<&'a str>,
    /// The side it leaves by.
    pub source_handle: &'static str,
    /// The side it enters by.
    pub target_handle: &'static str,
}

/// A loop in the export.
#[derive(Debug, Serialize)]
pub struct GraphLoop<'a> {
    /// The lane the loop was written in (null when written outside any lane).
    pub lane: Option<&'a str>,
    /// The text between its brackets.
    pub text: &'a str,
    /// The ids of its nodes, in the order written.
    pub nodes: Vec<&'a str>,
}

/// Counts over the whole diagram (camelCase in JSON).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    /// Lanes.
    pub lane_count: usize,
    /// Nodes.
    pub node_count: usize,
    /// Edges.
    pub edge_count: usize,
    /// Edges whose two ends are in different lanes.
    pub cross_lane_edges: usize,
}

/// The export-graph view of a diagram.
pub fn graph(d: &Diagram) -> Graph<'_> {
    let lane_id = |i: usize| d.lanes.get(i).map_or("", |l| l.id.as_str());
    let nodes = d
        .nodes
        .iter()
        .map(|n| GraphNode {
            id: &n.id,
            lane_id: lane_id(n.lane),
            label: &n.label,
            shape: n.shape.as_str(),
            properties: (n.owner.is_some() || n.description.is_some() || n.system.is_some())
                .then_some(Properties {
                    owner: n.owner.as_deref(),
                    description: n.description.as_deref(),
                    system: n.system.as_deref(),
                }),
        })
        .collect();
    let edges: Vec<GraphEdge<'_>> = d
        .edges
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let (from, to) = (&d.nodes[e.from], &d.nodes[e.to]);
            GraphEdge {
                id: format!("e{}", i + 1),
                from: &from.id,
                to: &to.id,
                from_lane: lane_id(from.lane),
                to_lane: lane_id(to.lane),
                label: e.label.as_deref(),
                source_handle: e.from_handle.as_str(),
                target_handle: e.to_handle.as_str(),
            }
        })
        .collect();
    let cross_lane_edges = d
        .edges
        .iter()
        .filter(|e| d.nodes[e.from].lane != d.nodes[e.to].lane)
        .count();
    Graph {
        lanes: d
            .lanes
            .iter()
            .map(|l| GraphLane {
                id: &l.id,
                label: &l.label,
            })
            .collect(),
        nodes,
        loops: d
            .loops
            .iter()
            .map(|l| GraphLoop {
                lane: l.lane.map(lane_id),
                text: &l.text,
                nodes: l.nodes.iter().map(|&n| d.nodes[n].id.as_str()).collect(),
            })
            .collect(),
        stats: Stats {
            lane_count: d.lanes.len(),
            node_count: d.nodes.len(),
            edge_count: edges.len(),
            cross_lane_edges,
        },
        edges,
    }
}

/// The graph as pretty-printed JSON.
pub fn to_json(d: &Diagram) -> String {
    // Serialising plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(&graph(d)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    #[test]
    fn exports_lanes_nodes_edges_loops_and_stats() {
        let p = parse(
            "A { # Alpha\nn1: circle label:\"Go\"\nn2: taskbox label:\"Do\" owner:\"Ann\"\nn1.handle(right) -> n2.handle(left)\nn2.handle(bottom) -> B.n3.handle(top) [label=\"x\"]\nloop [again] n1 n2\n}\nB { # Beta\nn3: rectangle label:\"Done\"\n}\n",
        );
        assert!(!p.has_errors(), "{:?}", p.diagnostics);
        let v: serde_json::Value = serde_json::from_str(&to_json(&p.diagram)).unwrap();
        assert_eq!(v["lanes"][1]["label"], "Beta");
        assert_eq!(v["nodes"][1]["properties"]["owner"], "Ann");
        assert!(v["nodes"][0].get("properties").is_none());
        assert_eq!(v["edges"][1]["fromLane"], "A");
        assert_eq!(v["edges"][1]["toLane"], "B");
        assert_eq!(v["edges"][1]["label"], "x");
        assert_eq!(v["edges"][1]["sourceHandle"], "bottom");
        assert!(v["edges"][0].get("label").is_none());
        assert_eq!(v["loops"][0]["nodes"], serde_json::json!(["n1", "n2"]));
        assert_eq!(v["stats"]["crossLaneEdges"], 1);
        assert_eq!(v["stats"]["nodeCount"], 3);
    }
}
