//! `a.handle(x) -> b.handle(y) [label="…"]`: an edge and its two
//! endpoints. Node names are resolved once the whole diagram is read
//! ([`super::resolve`]): a node may be used before it is declared.

use super::lex::{Cursor, Line, is_node_id};
use super::suggest::{nearest, nearest_handle};
use super::{MAX_EDGES, Parser, shown};
use crate::ast::{Handle, Span};
use crate::diagnostic::{Code, Diagnostic};

/// An edge endpoint before names are resolved.
#[derive(Debug)]
pub(super) struct RawEnd {
    /// The lane prefix (`Lane.n1`) and where it is written.
    pub(super) lane: Option<(String, Span)>,
    pub(super) node: String,
    pub(super) node_span: Span,
    pub(super) handle: Handle,
}

/// An edge as written, before its endpoints are resolved.
#[derive(Debug)]
pub(super) struct RawEdge {
    /// The lane the edge is written in; `None` at the top level, where it
    /// belongs to its source node's lane.
    pub(super) lane: Option<usize>,
    pub(super) from: RawEnd,
    pub(super) to: RawEnd,
    pub(super) label: Option<String>,
    pub(super) span: Span,
}

/// An endpoint's lane prefix (with its span), node id and the id's span.
type Named<'a> = (Option<(String, Span)>, &'a str, Span);

impl<'a> Parser<'a> {
    /// An edge statement; `arrow` is where its `->` is, `second_arrow`
    /// where a second one is (an error).
    pub(super) fn edge(&mut self, line: Line<'a>, arrow: usize, second_arrow: Option<usize>) {
        let t = line.text;
        if let Some(second) = second_arrow {
            self.diags.push(
                Diagnostic::new(Code::ChainedEdge, line.sub(second..second + 2), "edges cannot be chained")
                    .with_label("second arrow on one line")
                    .with_hint("write one edge per line: `n1.handle(right) -> n2.handle(left)`, then `n2.handle(right) -> n3.handle(left)`"),
            );
            return;
        }
        let lane = self.current;
        let mut left = Cursor::new(t, 0);
        let from = self.endpoint(&mut left, line, arrow);
        let mut right = Cursor::new(t, arrow + 2);
        right.skip_ws();
        let to = self.endpoint(&mut right, line, t.len());
        let (Some(from), Some(to)) = (from, to) else {
            return;
        };
        left.skip_ws();
        if left.pos < arrow {
            self.diags.push(
                Diagnostic::new(
                    Code::UnrecognizedLine,
                    line.sub(left.pos..arrow),
                    "unexpected text before `->`",
                )
                .with_hint("an edge is `n1.handle(right) -> n2.handle(left)`"),
            );
            return;
        }
        right.skip_ws();
        let mut label = None;
        if right.peek() == Some('[') {
            let Some(text) = self.edge_label(&mut right, line) else {
                return;
            };
            label = Some(text);
        }
        right.skip_ws();
        if !right.at_end() {
            self.diags.push(
                Diagnostic::new(Code::UnrecognizedLine, line.sub(right.pos..t.len()), "unexpected text after the edge")
                    .with_hint("an edge is `n1.handle(right) -> n2.handle(left)`, optionally followed by `[label=\"…\"]`"),
            );
            return;
        }
        self.over_limit("edges", self.edges.len(), MAX_EDGES, line);
        self.edges.push(RawEdge {
            lane,
            from,
            to,
            label,
            span: line.span(),
        });
    }

    /// `[label="…"]` at the cursor (on `[`); `None` after reporting a
    /// malformed one.
    fn edge_label(&mut self, cur: &mut Cursor<'a>, line: Line<'a>) -> Option<String> {
        let t = line.text;
        let open = cur.pos;
        cur.bump();
        cur.skip_ws();
        let (key, key_range) = cur.word();
        if key != "label" {
            self.diags.push(
                Diagnostic::new(
                    Code::UnrecognizedLine,
                    line.sub(open..t.len()),
                    "expected `[label=\"…\"]`",
                )
                .with_hint("an edge label is written `[label=\"text\"]`"),
            );
            return None;
        }
        cur.skip_ws();
        match cur.peek() {
            Some('=') => cur.bump(),
            Some(':') => {
                cur.bump();
                self.diags.push(
                    Diagnostic::new(
                        Code::EdgeLabelColon,
                        line.sub(key_range.start..cur.pos),
                        "edge label written `label:`",
                    )
                    .with_hint("write `[label=\"…\"]`"),
                );
            }
            _ => {
                self.diags.push(
                    Diagnostic::new(
                        Code::UnrecognizedLine,
                        line.sub(key_range),
                        "expected `=` after `label`",
                    )
                    .with_hint("an edge label is written `[label=\"text\"]`"),
                );
                return None;
            }
        }
        cur.skip_ws();
        let text = self.string(cur, line)?;
        cur.skip_ws();
        if cur.peek() != Some(']') {
            let at = cur.pos;
            self.diags.push(
                Diagnostic::new(
                    Code::UnrecognizedLine,
                    line.sub(at..t.len().max(at)),
                    "expected `]` to close the edge label",
                )
                .with_hint("an edge label is written `[label=\"text\"]`"),
            );
            return None;
        }
        cur.bump();
        Some(text)
    }

    /// `[LANE "."] NODE ".handle(" DIR ")"`, reading no further than `limit`.
    fn endpoint(&mut self, cur: &mut Cursor<'a>, line: Line<'a>, limit: usize) -> Option<RawEnd> {
        let (lane, node, node_span) = self.endpoint_node(cur, line, limit)?;
        let handle = self.handle(cur, line, node, &node_span, limit)?;
        Some(RawEnd {
            lane,
            node: node.to_string(),
            node_span,
            handle,
        })
    }

    /// An endpoint's node id and, when written, its lane prefix.
    fn endpoint_node(
        &mut self,
        cur: &mut Cursor<'a>,
        line: Line<'a>,
        limit: usize,
    ) -> Option<Named<'a>> {
        let t = line.text;
        cur.skip_ws();
        let start = cur.pos;
        let (first, first_range) = cur.word();
        if first.is_empty() {
            let end = limit.min(t.len()).max(start);
            let span = if start < end {
                line.sub(start..end)
            } else {
                line.sub(start.saturating_sub(2)..start)
            };
            self.diags.push(
                Diagnostic::new(
                    Code::UnrecognizedLine,
                    span,
                    "expected a node such as `n1.handle(right)`",
                )
                .with_hint("an edge is `n1.handle(right) -> n2.handle(left)`"),
            );
            return None;
        }
        let mut lane = None;
        let mut node = (first, first_range.clone());
        if cur.peek() == Some('.') {
            let save = cur.pos;
            cur.bump();
            let (second, second_range) = cur.word();
            if second == "handle" && cur.peek() == Some('(') {
                cur.pos = save;
            } else if !second.is_empty() {
                lane = Some((first.to_string(), line.sub(first_range.clone())));
                node = (second, second_range);
            } else {
                cur.pos = save;
            }
        }
        let node_span = line.sub(node.1.clone());
        if !is_node_id(node.0) {
            self.diags.push(
                Diagnostic::new(
                    Code::InvalidNodeId,
                    node_span.clone(),
                    format!("`{}` is not a node id", shown(node.0)),
                )
                .with_hint("node ids are `n` followed by digits: n1, n2, n3, …"),
            );
            return None;
        }
        Some((lane, node.0, node_span))
    }

    /// `.handle(DIR)` after the endpoint node `node`.
    fn handle(
        &mut self,
        cur: &mut Cursor<'a>,
        line: Line<'a>,
        node: &str,
        node_span: &Span,
        limit: usize,
    ) -> Option<Handle> {
        let t = line.text;
        let after_node = cur.pos;
        let rest = &t[after_node..limit.max(after_node)];
        let Some(args) = rest.strip_prefix(".handle(") else {
            let found_handle = rest
                .trim_end()
                .strip_prefix('.')
                .and_then(|r| r.split('(').next())
                .unwrap_or("");
            let hint = if !found_handle.is_empty() && nearest(found_handle, &["handle"]).is_some() {
                format!("write `{node}.handle(right)`")
            } else {
                format!(
                    "say which side the connector attaches to: `{node}.handle(right)` (left, right, top or bottom)"
                )
            };
            self.diags.push(
                Diagnostic::new(
                    Code::MissingHandle,
                    node_span.clone(),
                    format!("`{node}` has no `.handle(…)`"),
                )
                .with_label("edge endpoints need a handle")
                .with_hint(hint),
            );
            return None;
        };
        cur.pos = after_node + ".handle(".len();
        let Some(close) = args.find(')') else {
            self.diags.push(
                Diagnostic::new(
                    Code::UnrecognizedLine,
                    line.sub(after_node..limit.max(after_node)),
                    "`.handle(` is never closed",
                )
                .with_hint("write `.handle(right)`"),
            );
            return None;
        };
        let dir_text = &args[..close];
        let dir = dir_text.trim();
        let dir_span = line.sub(cur.pos..cur.pos + close);
        cur.pos += close + 1;
        let handle = Handle::from_keyword(dir).or_else(|| {
            let lower = Handle::from_keyword(&dir.to_ascii_lowercase())?;
            self.diags.push(
                Diagnostic::new(
                    Code::HandleCase,
                    dir_span.clone(),
                    format!("handle direction `{dir}` is not in lower case"),
                )
                .with_label("read as FlowZap reads it")
                .with_hint(format!("write `.handle({})`", lower.as_str())),
            );
            Some(lower)
        });
        let Some(handle) = handle else {
            let hint = match nearest_handle(dir) {
                Some(h) => {
                    format!("did you mean `{h}`? The handles are left, right, top and bottom")
                }
                None => "the handles are left, right, top and bottom".to_string(),
            };
            self.diags.push(
                Diagnostic::new(
                    Code::InvalidHandle,
                    dir_span,
                    format!("`{}` is not a handle direction", shown(dir)),
                )
                .with_hint(hint),
            );
            return None;
        };
        Some(handle)
    }
}
