//! The FlowZap Code parser: source text → [`Diagram`] + diagnostics.
//!
//! FlowZap Code is line-oriented, so the parser is too: each line is one
//! statement, classified by its shape and parsed with a small cursor. Names
//! are resolved in a second pass (a node may be used before it is declared).
//! The parser never stops at the first problem and never panics: it reports
//! everything it finds and recovers at the next line.

use crate::ast::{Diagram, Edge, Handle, Lane, Loop, Node, Shape, Span};
use crate::diagnostic::{Code, Diagnostic};
use std::collections::HashMap;

/// A parse result: the diagram as far as it could be read, and every
/// diagnostic. The diagram is only fit to render when [`Parsed::has_errors`]
/// is false.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub diagram: Diagram,
    pub diagnostics: Vec<Diagnostic>,
    /// Every line the parser read, in order: what a tool that rewrites the
    /// source ([`crate::format`]) needs to keep comments and order.
    pub statements: Vec<Statement>,
    /// Diagnostics found beyond [`MAX_DIAGNOSTICS`] and not kept: a
    /// report says "and N more" instead of printing them all.
    pub omitted: usize,
}

/// The most diagnostics one diagram reports (errors first). Past it, a
/// report would be noise, and rendering each one costs a pass over the
/// source: hostile input must stay cheap.
pub const MAX_DIAGNOSTICS: usize = 100;

/// The most lanes, nodes and edges one diagram may hold. Past them the
/// diagram is an error (FZ023), not an hour of layout: split it. The
/// largest real diagrams hold a few dozen nodes; the 10 × 100 stress
/// diagram (1,000 nodes) renders in milliseconds.
pub const MAX_LANES: usize = 200;
/// See [`MAX_LANES`].
pub const MAX_NODES: usize = 2_000;
/// See [`MAX_LANES`].
pub const MAX_EDGES: usize = 4_000;

/// One non-blank line of FlowZap Code as the parser classified it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// What the line is.
    pub kind: StatementKind,
    /// The line without its surrounding white space.
    pub span: Span,
}

/// The kinds of [`Statement`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatementKind {
    /// `Lane { # Label`: opens lane `lane` (index into the lanes), or opens
    /// it again. `label` is where the label text sits, when written;
    /// `empty` when the lane is closed on the same line (`Lane { }`).
    LaneOpen {
        lane: usize,
        label: Option<Span>,
        empty: bool,
    },
    /// `# Label` on the line after `{`: the lane's label (FZ103).
    LaneLabel { label: Span },
    /// `}`.
    LaneClose,
    /// `n1: shape …`.
    Node,
    /// `a.handle(x) -> b.handle(y) …`.
    Edge,
    /// `loop [text] n1 n2 …`.
    Loop,
    /// A `//` or `#` line, which FlowZap skips.
    Comment,
    /// A line that is none of the above (always with an error).
    Other,
}

impl Parsed {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| !d.is_error())
    }
}

/// Parse FlowZap Code.
pub fn parse(source: &str) -> Parsed {
    let mut p = Parser::new(source);
    p.run();
    p.finish()
}

/// Labels longer than this many characters draw a warning (they wrap).
pub const MAX_LABEL_CHARS: usize = 50;

/// An edge endpoint before names are resolved.
#[derive(Debug)]
struct RawEnd {
    lane: Option<(String, Span)>,
    node: String,
    node_span: Span,
    handle: Handle,
}

#[derive(Debug)]
struct RawEdge {
    /// The lane the edge is written in; `None` at the top level, where it
    /// belongs to its source node's lane.
    lane: Option<usize>,
    from: RawEnd,
    to: RawEnd,
    label: Option<String>,
    span: Span,
}

#[derive(Debug)]
struct RawLoop {
    lane: Option<usize>,
    text: String,
    ids: Vec<(String, Span)>,
    span: Span,
}

struct Parser<'a> {
    src: &'a str,
    lanes: Vec<Lane>,
    nodes: Vec<Node>,
    node_index: HashMap<&'a str, usize>,
    lane_index: HashMap<&'a str, usize>,
    /// Lanes left open by a lane opened inside them (an error): each `}`
    /// closes the innermost, so the outer ones' `}` are not reported again.
    outer: Vec<usize>,
    edges: Vec<RawEdge>,
    loops: Vec<RawLoop>,
    diags: Vec<Diagnostic>,
    statements: Vec<Statement>,
    /// The lane being read, if any.
    current: Option<usize>,
    /// The current lane was opened by `Lane { # label }`: FlowZap keeps it
    /// open, but a following lane or the end closes it without complaint.
    soft_open: bool,
    /// A lane just opened without a label: the next line may hold it.
    label_pending: bool,
    saw_statement: bool,
}

/// The line's content: its text without surrounding white space, and where
/// that text starts in the source.
#[derive(Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    start: usize,
}

impl<'a> Line<'a> {
    fn span(&self) -> Span {
        self.start..self.start + self.text.len()
    }

    fn sub(&self, range: std::ops::Range<usize>) -> Span {
        self.start + range.start..self.start + range.end
    }
}

impl<'a> Parser<'a> {
    fn new(src: &'a str) -> Self {
        Parser {
            src,
            lanes: Vec::new(),
            nodes: Vec::new(),
            node_index: HashMap::new(),
            lane_index: HashMap::new(),
            outer: Vec::new(),
            edges: Vec::new(),
            loops: Vec::new(),
            diags: Vec::new(),
            statements: Vec::new(),
            current: None,
            soft_open: false,
            label_pending: false,
            saw_statement: false,
        }
    }

    fn run(&mut self) {
        // A byte-order mark (Windows editors write one) is not text.
        let mut offset = if self.src.starts_with('\u{feff}') {
            3
        } else {
            0
        };
        // LF, CRLF and a lone CR (classic Mac) all end a line.
        for raw in self.src[offset..].split(['\n', '\r']) {
            let start_of_line = offset;
            offset += raw.len() + 1;
            let leading = raw.len() - raw.trim_start().len();
            let text = raw.trim();
            if text.is_empty() {
                continue;
            }
            self.statement(Line {
                text,
                start: start_of_line + leading,
            });
        }
        if let Some(lane) = self.current.filter(|_| !self.soft_open) {
            self.resolve_pending_label();
            let span = self.lanes[lane].span.clone();
            let id = self.lanes[lane].id.clone();
            self.diags.push(
                Diagnostic::new(
                    Code::UnclosedLane,
                    span,
                    format!("lane `{}` is never closed", shown(&id)),
                )
                .with_label("opened here")
                .with_hint("add a line with `}` after the lane's last statement"),
            );
        }
    }

    fn statement(&mut self, line: Line<'a>) {
        let t = line.text;
        if t.starts_with("//") {
            self.diags.push(
                Diagnostic::new(
                    Code::Comment,
                    line.span(),
                    "comment lines are not FlowZap Code",
                )
                .with_label("ignored")
                .with_hint("FlowZap has no comments; this line is skipped"),
            );
            self.record(StatementKind::Comment, line);
            return;
        }
        if self.label_pending {
            if let Some(label) = t.strip_prefix('#') {
                self.label_pending = false;
                let lane = self.current.unwrap_or_default();
                let label = label.trim();
                let at = label.as_ptr() as usize - t.as_ptr() as usize;
                self.record(
                    StatementKind::LaneLabel {
                        label: line.sub(at..at + label.len()),
                    },
                    line,
                );
                let lane_id = self.lanes[lane].id.clone();
                if !label.is_empty() {
                    self.lanes[lane].label = self.clean_label(label.to_string(), line.span());
                }
                self.diags.push(
                    Diagnostic::new(
                        Code::LaneLabelNextLine,
                        line.span(),
                        "lane display label on the line after `{`",
                    )
                    .with_label("read as the lane's label")
                    .with_hint(format!(
                        "write it on the lane's first line: `{lane_id} {{ # {label}`"
                    )),
                );
                return;
            }
            self.resolve_pending_label();
        }
        if t.starts_with('#') {
            self.diags.push(
                Diagnostic::new(Code::Comment, line.span(), "`#` note line")
                    .with_label("ignored")
                    .with_hint(
                        "FlowZap skips lines it does not read; only a lane's first line takes `# Label`",
                    ),
            );
            self.record(StatementKind::Comment, line);
            return;
        }
        self.saw_statement = true;
        if let Some(what) = foreign_syntax(t) {
            self.diags.push(
                Diagnostic::new(Code::ForeignSyntax, line.span(), format!("this looks like {what}, not FlowZap Code"))
                    .with_hint("FlowZap Code writes lanes as `Lane { # Label`, nodes as `n1: rectangle label:\"…\"` and edges as `n1.handle(right) -> n2.handle(left)`"),
            );
            self.record(StatementKind::Other, line);
            return;
        }
        if t == "}" {
            self.record(StatementKind::LaneClose, line);
            self.close_lane(line);
            return;
        }
        if is_loop(t) {
            self.record(StatementKind::Loop, line);
            self.loop_statement(line);
            return;
        }
        if t.contains("->") {
            let mut found = find_unquoted_iter(t, "->");
            if let Some(first) = found.next() {
                self.record(StatementKind::Edge, line);
                self.edge(line, first, found.next());
                return;
            }
        }
        if let Some(brace) = find_unquoted(t, "{") {
            // Recorded by `open_lane`, which knows the lane.
            self.open_lane(line, brace);
            return;
        }
        if let Some(colon) = find_unquoted(t, ":") {
            let id = t[..colon].trim();
            if !id.is_empty() && !id.contains(char::is_whitespace) {
                self.record(StatementKind::Node, line);
                self.node(line, colon);
                return;
            }
        }
        self.record(StatementKind::Other, line);
        self.diags.push(
            Diagnostic::new(
                Code::UnrecognizedLine,
                line.span(),
                "this line is not a FlowZap statement",
            )
            .with_hint("a statement is a lane `Lane { # Label`, a node `n1: rectangle label:\"…\"`, an edge `n1.handle(right) -> n2.handle(left)`, a loop `loop [text] n1 n2` or `}`"),
        );
    }

    /// FZ023 at the statement that adds one `what` past `max` (`count` are
    /// there already); once per kind.
    fn over_limit(&mut self, what: &str, count: usize, max: usize, line: Line<'a>) {
        if count == max {
            self.diags.push(
                Diagnostic::new(
                    Code::TooLarge,
                    line.span(),
                    format!("the diagram has more than {max} {what}"),
                )
                .with_label(format!("{what} past {max} start here"))
                .with_hint(format!(
                    "split it into several diagrams: one diagram draws at most {MAX_LANES} lanes, {MAX_NODES} nodes and {MAX_EDGES} edges"
                )),
            );
        }
    }

    fn record(&mut self, kind: StatementKind, line: Line<'a>) {
        self.statements.push(Statement {
            kind,
            span: line.span(),
        });
    }

    /// A lane opened with no label on its line: no `# label` followed.
    fn resolve_pending_label(&mut self) {
        if !self.label_pending {
            return;
        }
        self.label_pending = false;
        if let Some(lane) = self.current {
            let id = self.lanes[lane].id.clone();
            self.diags.push(
                Diagnostic::new(
                    Code::LaneLabelMissing,
                    self.lanes[lane].span.clone(),
                    format!("lane `{id}` has no display label"),
                )
                .with_label("the lane id is shown")
                .with_hint(format!("add one: `{id} {{ # {id}`")),
            );
        }
    }

    fn close_lane(&mut self, line: Line<'a>) {
        self.soft_open = false;
        if self.current.take().is_some() {
            self.current = self.outer.pop();
        } else {
            self.diags.push(
                Diagnostic::new(
                    Code::UnexpectedCloseBrace,
                    line.span(),
                    "`}` closes no lane",
                )
                .with_hint("remove it, or open a lane before it with `Lane { # Label`"),
            );
        }
    }

    fn open_lane(&mut self, line: Line<'a>, brace: usize) {
        let t = line.text;
        let id = t[..brace].trim_end();
        let id_span = line.sub(0..id.len());
        let rest = t[brace + 1..].trim();
        let mut one_line_empty = false;
        let mut soft_open = false;
        let mut label = None;
        if !rest.is_empty() {
            if let Some(l) = rest.strip_prefix('#') {
                let mut l = l.trim();
                if let Some(before) = l.strip_suffix('}') {
                    // FlowZap reads everything after `#` as the label and
                    // keeps the lane open: the lines that follow are its
                    // content. The `}` is dropped from the label.
                    l = before.trim_end();
                    soft_open = true;
                    let close = line.start + t.len() - 1;
                    self.diags.push(
                        Diagnostic::new(
                            Code::LabelLineBrace,
                            close..close + 1,
                            "this `}` does not close the lane",
                        )
                        .with_label("part of the label line")
                        .with_related(line.sub(0..id.len().max(1)), "the lane stays open, as in FlowZap")
                        .with_hint(format!(
                            "remove the `}}` here; close the lane with `}}` on its own line after its statements: `{id} {{ # {l}`"
                        )),
                    );
                }
                label = Some(l);
            } else if rest == "}" {
                one_line_empty = true;
            } else {
                let at = brace + 1 + (t[brace + 1..].len() - t[brace + 1..].trim_start().len());
                self.diags.push(
                    Diagnostic::new(
                        Code::UnrecognizedLine,
                        line.sub(at..t.len()),
                        "unexpected text after `{`",
                    )
                    .with_hint("only the lane's display label may follow `{`, written `# Label`"),
                );
            }
        }
        if !is_lane_id(id) {
            let message = if id.is_empty() {
                "a lane needs an id before `{`".to_string()
            } else {
                format!("`{}` is not a lane id", shown(id))
            };
            let suggestion: String = id
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let hint = if suggestion.is_empty()
                || !suggestion.chars().next().is_some_and(char::is_alphabetic)
            {
                "a lane id is a letter followed by letters, digits or `_`, e.g. `Sales { # Sales Team`".to_string()
            } else {
                format!(
                    "a lane id is one word of letters, digits or `_`: `{suggestion} {{ # {}`",
                    id.trim()
                )
            };
            self.diags.push(
                Diagnostic::new(
                    Code::InvalidLaneId,
                    if id.is_empty() {
                        line.sub(brace..brace + 1)
                    } else {
                        id_span.clone()
                    },
                    message,
                )
                .with_hint(hint),
            );
        }
        if self.soft_open {
            // `Prev { # label }` followed by a lane: FlowZap switches lanes.
            self.current = None;
            self.soft_open = false;
            self.label_pending = false;
        }
        if let Some(open) = self.current {
            let open_id = self.lanes[open].id.clone();
            self.diags.push(
                Diagnostic::new(
                    Code::NestedLane,
                    id_span.clone(),
                    format!(
                        "lane `{}` is opened inside lane `{}`",
                        shown(id),
                        shown(&open_id)
                    ),
                )
                .with_related(self.lanes[open].span.clone(), "this lane is still open")
                .with_hint(format!(
                    "close `{open_id}` with `}}` before opening another lane"
                )),
            );
            self.outer.push(open);
        }
        let label_span = match label {
            // `l` is a slice of `t`: its offset is where the label starts.
            Some(l) if !l.is_empty() => {
                let at = l.as_ptr() as usize - t.as_ptr() as usize;
                line.sub(at..at + l.len())
            }
            _ => line.span(),
        };
        let written_label = label.filter(|l| !l.is_empty()).map(|_| label_span.clone());
        let label_text = match label {
            Some(l) if !l.is_empty() => self.clean_label(l.to_string(), label_span),
            _ => String::new(),
        };
        if !id.is_empty()
            && let Some(&first) = self.lane_index.get(id)
        {
            // FlowZap joins a lane opened again to the first: so do we.
            let first_span = self.lanes[first].span.clone();
            self.diags.push(
                Diagnostic::new(
                    Code::LaneReopened,
                    id_span,
                    format!("lane `{}` is opened a second time", shown(id)),
                )
                .with_label("its statements join the first")
                .with_related(first_span, "first opened here")
                .with_hint(format!(
                    "move these statements into the first `{id}` block, or give this lane its own id"
                )),
            );
            if !label_text.is_empty() && self.lanes[first].label == self.lanes[first].id {
                self.lanes[first].label = label_text;
            }
            self.record(
                StatementKind::LaneOpen {
                    lane: first,
                    label: written_label,
                    empty: one_line_empty,
                },
                line,
            );
            if one_line_empty {
                self.current = self.outer.pop();
            } else {
                self.current = Some(first);
                self.soft_open = soft_open;
                self.label_pending = false;
            }
            return;
        }
        let lane_index = self.lanes.len();
        if is_lane_id(id) {
            self.lane_index.insert(id, lane_index);
        }
        self.record(
            StatementKind::LaneOpen {
                lane: lane_index,
                label: written_label,
                empty: one_line_empty,
            },
            line,
        );
        self.over_limit("lanes", self.lanes.len(), MAX_LANES, line);
        self.lanes.push(Lane {
            id: id.to_string(),
            label: if label_text.is_empty() {
                id.to_string()
            } else {
                label_text
            },
            span: if id.is_empty() {
                line.sub(brace..brace + 1)
            } else {
                id_span
            },
        });
        if one_line_empty {
            self.diags.push(
                Diagnostic::new(
                    Code::EmptyLaneOneLine,
                    line.span(),
                    "a lane opened and closed on one line is empty",
                )
                .with_hint(format!(
                    "put the nodes on the lines between `{id} {{ # …` and a closing `}}`"
                )),
            );
            self.current = self.outer.pop();
            self.label_pending = false;
        } else {
            self.current = Some(lane_index);
            self.soft_open = soft_open;
            self.label_pending = label.is_none_or(str::is_empty);
            self.saw_statement = false;
        }
    }

    fn node(&mut self, line: Line<'a>, colon: usize) {
        let t = line.text;
        let id = t[..colon].trim();
        let id_span = line.sub(0..id.len());
        let mut ok = true;
        if !is_node_id(id) {
            ok = false;
            self.diags.push(
                Diagnostic::new(
                    Code::InvalidNodeId,
                    id_span.clone(),
                    format!("`{}` is not a node id", shown(id)),
                )
                .with_hint("node ids are `n` followed by digits: n1, n2, n3, …"),
            );
        }
        let mut cur = Cursor::new(t, colon + 1);
        cur.skip_ws();
        let (shape_word, shape_range) = cur.word();
        let shape = match Shape::from_keyword(shape_word) {
            Some(s) => Some(s),
            None => {
                ok = false;
                let (span, message) = if shape_word.is_empty() {
                    (
                        line.sub(colon..colon + 1),
                        "a node needs a shape after `:`".to_string(),
                    )
                } else {
                    (
                        line.sub(shape_range),
                        format!("unknown shape `{}`", shown(shape_word)),
                    )
                };
                let hint = match nearest_shape(shape_word) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "the shapes are circle, rectangle, diamond and taskbox".to_string(),
                };
                self.diags
                    .push(Diagnostic::new(Code::UnknownShape, span, message).with_hint(hint));
                None
            }
        };
        let mut node = Node {
            id: id.to_string(),
            lane: self.current.unwrap_or(0),
            shape: shape.unwrap_or(Shape::Rectangle),
            label: String::new(),
            owner: None,
            description: None,
            system: None,
            span: id_span.clone(),
        };
        // Attributes: KEY ':' STRING, repeated.
        loop {
            cur.skip_ws();
            if cur.at_end() {
                break;
            }
            let key_start = cur.pos;
            let (key, key_range) = cur.word();
            if key.is_empty() {
                ok = false;
                self.diags.push(
                    Diagnostic::new(
                        Code::UnrecognizedLine,
                        line.sub(key_start..t.len()),
                        "expected an attribute such as `label:\"…\"`",
                    )
                    .with_hint("node attributes are written `label:\"text\"`"),
                );
                break;
            }
            cur.skip_ws();
            match cur.peek() {
                Some(':') => cur.bump(),
                Some('=') => {
                    cur.bump();
                    self.diags.push(
                        Diagnostic::new(
                            Code::AttributeEquals,
                            line.sub(key_range.start..cur.pos),
                            format!("node attribute written `{key}=`"),
                        )
                        .with_hint(format!("write `{key}:\"…\"`")),
                    );
                }
                _ => {
                    ok = false;
                    self.diags.push(
                        Diagnostic::new(
                            Code::UnrecognizedLine,
                            line.sub(key_range.clone()),
                            format!("expected `:` after `{key}`"),
                        )
                        .with_hint(format!("write `{key}:\"…\"`")),
                    );
                    break;
                }
            }
            cur.skip_ws();
            let value = match self.string(&mut cur, line) {
                Some(v) => v,
                None => {
                    ok = false;
                    break;
                }
            };
            match key {
                "label" => node.label = value,
                "owner" => node.owner = Some(value),
                "description" => node.description = Some(value),
                "system" => node.system = Some(value),
                other => {
                    let hint = match nearest(other, &["label", "owner", "description", "system"]) {
                        Some(k) => format!(
                            "did you mean `{k}`? The attributes are label, owner, description and system"
                        ),
                        None => {
                            "the attributes are label, owner, description and system".to_string()
                        }
                    };
                    self.diags.push(
                        Diagnostic::new(
                            Code::UnknownAttribute,
                            line.sub(key_range),
                            format!("unknown attribute `{}`", shown(other)),
                        )
                        .with_label("ignored")
                        .with_hint(hint),
                    );
                }
            }
        }
        if node.shape == Shape::Taskbox && node.label.is_empty() {
            // FlowZap's documented taskbox has no label: its title is the
            // description, then the system, then the owner.
            if let Some(title) = [&node.description, &node.system, &node.owner]
                .into_iter()
                .flatten()
                .find(|v| !v.is_empty())
            {
                node.label = title.clone();
            }
        }
        if self.current.is_none() {
            self.diags.push(
                Diagnostic::new(
                    Code::OutsideLane,
                    line.span(),
                    format!("node `{}` is outside any lane", shown(id)),
                )
                .with_hint("declare nodes inside a lane block: `Lane { # Label` … `}`"),
            );
            return;
        }
        if !ok && !is_node_id(id) {
            return;
        }
        if let Some(&first) = self.node_index.get(id) {
            let first_span = self.nodes[first].span.clone();
            self.diags.push(
                Diagnostic::new(
                    Code::DuplicateNode,
                    id_span,
                    format!("node `{}` is declared twice", shown(id)),
                )
                .with_label("declared again here")
                .with_related(first_span, "first declared here")
                .with_hint("node ids are unique across the whole diagram, in every lane"),
            );
            return;
        }
        self.over_limit("nodes", self.nodes.len(), MAX_NODES, line);
        self.node_index.insert(id, self.nodes.len());
        self.nodes.push(node);
    }

    /// A quoted string at the cursor, unescaped and cleaned.
    fn string(&mut self, cur: &mut Cursor<'a>, line: Line<'a>) -> Option<String> {
        let start = cur.pos;
        if cur.peek() != Some('"') {
            let (_, range) = cur.word();
            let end = range.end.max(start + cur.peek().map_or(0, char::len_utf8));
            self.diags.push(
                Diagnostic::new(
                    Code::UnrecognizedLine,
                    line.sub(start..end.min(line.text.len())),
                    "expected a quoted string",
                )
                .with_hint("put the text in double quotes: `\"…\"`"),
            );
            return None;
        }
        cur.bump();
        let body = &cur.s[cur.pos..];
        if let Some(end) = body.find(['"', '\\'])
            && body.as_bytes()[end] == b'"'
        {
            let text = body[..end].to_string();
            cur.pos += end + 1;
            return Some(self.clean_label(text, line.sub(start..cur.pos)));
        }
        let mut out = String::new();
        loop {
            match cur.peek() {
                None => {
                    self.diags.push(
                        Diagnostic::new(
                            Code::UnterminatedString,
                            line.sub(start..line.text.len()),
                            "this string is never closed",
                        )
                        .with_label("string starts here")
                        .with_hint(
                            "close it with `\"` on the same line (write `\\\"` for a quote inside)",
                        ),
                    );
                    return None;
                }
                Some('"') => {
                    cur.bump();
                    break;
                }
                Some('\\') => {
                    cur.bump();
                    match cur.peek() {
                        Some(c @ ('"' | '\\')) => {
                            out.push(c);
                            cur.bump();
                        }
                        _ => out.push('\\'),
                    }
                }
                Some(c) => {
                    out.push(c);
                    cur.bump();
                }
            }
        }
        Some(self.clean_label(out, line.sub(start..cur.pos)))
    }

    /// Drop control characters and warn about them, emoji and length.
    fn clean_label(&mut self, text: String, span: Span) -> String {
        // Labels are mostly ASCII: skip the per-char checks when they are.
        let (has_control, has_emoji) = if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            (false, false)
        } else {
            (text.chars().any(is_dropped), text.chars().any(is_emoji))
        };
        let has_bidi = has_control && text.chars().any(is_bidi_control);
        let cleaned: String = if has_control {
            text.chars().filter(|&c| !is_dropped(c)).collect()
        } else {
            text
        };
        if has_control || has_emoji {
            let what = match (has_control, has_emoji, has_bidi) {
                (true, _, true) => "bidirectional control characters",
                (true, true, false) => "emoji and control characters",
                (true, false, false) => "control characters",
                _ => "emoji",
            };
            self.diags.push(
                Diagnostic::new(
                    Code::SpecialCharacters,
                    span.clone(),
                    format!("label holds {what}"),
                )
                .with_label(if has_bidi {
                    "dropped: they could make the label read in another order"
                } else if has_control {
                    "control characters are dropped"
                } else {
                    "emoji may not render in every font"
                })
                .with_hint("use plain text in labels"),
            );
        }
        let chars = if cleaned.len() <= MAX_LABEL_CHARS {
            cleaned.len()
        } else {
            cleaned.chars().count()
        };
        if chars > MAX_LABEL_CHARS {
            self.diags.push(
                Diagnostic::new(Code::LongLabel, span, format!("label is {chars} characters long"))
                    .with_label("it wraps over several lines")
                    .with_hint(format!("keep labels to {MAX_LABEL_CHARS} characters or fewer; details belong in the page text")),
            );
        }
        cleaned
    }

    fn edge(&mut self, line: Line<'a>, arrow: usize, second_arrow: Option<usize>) {
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
            let open = right.pos;
            right.bump();
            right.skip_ws();
            let (key, key_range) = right.word();
            if key != "label" {
                self.diags.push(
                    Diagnostic::new(
                        Code::UnrecognizedLine,
                        line.sub(open..t.len()),
                        "expected `[label=\"…\"]`",
                    )
                    .with_hint("an edge label is written `[label=\"text\"]`"),
                );
                return;
            }
            right.skip_ws();
            match right.peek() {
                Some('=') => right.bump(),
                Some(':') => {
                    right.bump();
                    self.diags.push(
                        Diagnostic::new(
                            Code::EdgeLabelColon,
                            line.sub(key_range.start..right.pos),
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
                    return;
                }
            }
            right.skip_ws();
            let Some(text) = self.string(&mut right, line) else {
                return;
            };
            right.skip_ws();
            if right.peek() != Some(']') {
                let at = right.pos;
                self.diags.push(
                    Diagnostic::new(
                        Code::UnrecognizedLine,
                        line.sub(at..t.len().max(at)),
                        "expected `]` to close the edge label",
                    )
                    .with_hint("an edge label is written `[label=\"text\"]`"),
                );
                return;
            }
            right.bump();
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

    /// `[LANE "."] NODE ".handle(" DIR ")"`, reading no further than `limit`.
    fn endpoint(&mut self, cur: &mut Cursor<'a>, line: Line<'a>, limit: usize) -> Option<RawEnd> {
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
        let after_node = cur.pos;
        let rest = &t[after_node..limit.max(after_node)];
        let Some(args) = rest.strip_prefix(".handle(") else {
            let found_handle = rest
                .trim_end()
                .strip_prefix('.')
                .and_then(|r| r.split('(').next())
                .unwrap_or("");
            let hint = if !found_handle.is_empty() && nearest(found_handle, &["handle"]).is_some() {
                format!("write `{}.handle(right)`", node.0)
            } else {
                format!(
                    "say which side the connector attaches to: `{}.handle(right)` (left, right, top or bottom)",
                    node.0
                )
            };
            self.diags.push(
                Diagnostic::new(
                    Code::MissingHandle,
                    node_span,
                    format!("`{}` has no `.handle(…)`", node.0),
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
        Some(RawEnd {
            lane,
            node: node.0.to_string(),
            node_span,
            handle,
        })
    }

    fn loop_statement(&mut self, line: Line<'a>) {
        let t = line.text;
        let mut cur = Cursor::new(t, 4);
        cur.skip_ws();
        if cur.peek() != Some('[') {
            self.diags.push(
                Diagnostic::new(
                    Code::UnrecognizedLine,
                    line.span(),
                    "expected `[` after `loop`",
                )
                .with_hint("a loop is written `loop [retry up to 3 times] n1 n2`"),
            );
            return;
        }
        let open = cur.pos;
        let Some(close_rel) = t[open..].find(']') else {
            self.diags.push(
                Diagnostic::new(
                    Code::UnrecognizedLine,
                    line.sub(open..t.len()),
                    "the loop's text has no closing `]`",
                )
                .with_hint("a loop is written `loop [retry up to 3 times] n1 n2`"),
            );
            return;
        };
        let close = open + close_rel;
        let text = t[open + 1..close].trim();
        let text = self.clean_label(text.to_string(), line.sub(open..close + 1));
        let mut ids = Vec::new();
        let mut valid = true;
        let rest = &t[close + 1..];
        let mut at = close + 1;
        for word in rest.split_whitespace() {
            let rel = t[at..].find(word).unwrap_or(0);
            let start = at + rel;
            at = start + word.len();
            let span = line.sub(start..at);
            if !is_node_id(word) {
                valid = false;
                self.diags.push(
                    Diagnostic::new(
                        Code::InvalidNodeId,
                        span,
                        format!("`{word}` is not a node id"),
                    )
                    .with_hint("a loop lists node ids separated by spaces: `loop [text] n1 n2 n3`"),
                );
                continue;
            }
            ids.push((word.to_string(), span));
        }
        if valid && ids.len() < 2 {
            self.diags.push(
                Diagnostic::new(
                    Code::LoopTooShort,
                    line.span(),
                    format!("a loop needs at least two nodes, found {}", ids.len()),
                )
                .with_hint("list the nodes that repeat: `loop [text] n1 n2`"),
            );
        }
        self.loops.push(RawLoop {
            lane: self.current,
            text,
            ids,
            span: line.span(),
        });
    }

    fn finish(mut self) -> Parsed {
        if self.lanes.is_empty()
            && self.nodes.is_empty()
            && !self.saw_statement
            && !self.diags.iter().any(Diagnostic::is_error)
        {
            let end = self.src.len();
            self.diags.push(
                Diagnostic::new(Code::EmptyDiagram, 0..end, "the diagram is empty")
                    .with_hint("start with a lane: `Lane { # Label`, a node `n1: circle label:\"Start\"`, then `}`"),
            );
        }
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
        // Orphans and numbering only make sense for a diagram that reads
        // cleanly; with errors they would mostly echo them.
        if !self.diags.iter().any(Diagnostic::is_error) {
            self.check_orphans(&edges);
            self.check_numbering();
        }
        let (diagnostics, omitted) = cap(self.diags);
        Parsed {
            diagram: Diagram {
                lanes: self.lanes,
                nodes: self.nodes,
                edges,
                loops,
            },
            diagnostics,
            statements: self.statements,
            omitted,
        }
    }

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

    fn check_orphans(&mut self, edges: &[Edge]) {
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
    fn check_numbering(&mut self) {
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

/// A name from the source as a headline shows it: at most 40 characters,
/// then `…`, so a hostile 200,000-character id cannot flood a report.
fn shown(name: &str) -> std::borrow::Cow<'_, str> {
    const MAX: usize = 40;
    match name.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &name[..cut]).into(),
        None => name.into(),
    }
}

/// The diagnostics to report, sorted by position: every error up to
/// [`MAX_DIAGNOSTICS`], then warnings up to the same total; and how many
/// were left out.
fn cap(mut diags: Vec<Diagnostic>) -> (Vec<Diagnostic>, usize) {
    let total = diags.len();
    if total > MAX_DIAGNOSTICS {
        // Errors first (they decide whether the diagram renders), then
        // by position.
        diags.sort_by_key(|d| (!d.is_error(), d.span.start, d.code));
        diags.truncate(MAX_DIAGNOSTICS);
    }
    diags.sort_by_key(|d| (d.span.start, d.code));
    let kept = diags.len();
    (diags, total - kept)
}

/// A cursor over one line.
struct Cursor<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(s: &'a str, pos: usize) -> Self {
        Cursor {
            s,
            pos: pos.min(s.len()),
        }
    }

    fn peek(&self) -> Option<char> {
        self.s[self.pos..].chars().next()
    }

    fn bump(&mut self) {
        if let Some(c) = self.peek() {
            self.pos += c.len_utf8();
        }
    }

    fn at_end(&self) -> bool {
        self.pos >= self.s.len()
    }

    fn skip_ws(&mut self) {
        let rest = &self.s[self.pos..];
        self.pos += rest.len() - rest.trim_start().len();
    }

    /// Letters, digits, `_` and `-`: an identifier-like word.
    fn word(&mut self) -> (&'a str, std::ops::Range<usize>) {
        let start = self.pos;
        let rest = &self.s[start..];
        let len = rest
            .char_indices()
            .find(|&(_, c)| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .map_or(rest.len(), |(i, _)| i);
        self.pos += len;
        (&self.s[start..self.pos], start..self.pos)
    }
}

fn is_node_id(s: &str) -> bool {
    s.len() > 1 && s.starts_with('n') && s[1..].bytes().all(|b| b.is_ascii_digit())
}

/// A letter, then letters, digits, `_` or `-` (FlowZap's lanes include
/// `web-app` and `payment-api`).
fn is_lane_id(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(char::is_alphabetic)
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

/// A loop statement starts `loop [` (or `loop` and a space, to report a
/// missing `[`); `loop {` opens a lane named `loop`.
fn is_loop(t: &str) -> bool {
    t.strip_prefix("loop").is_some_and(|r| {
        r.starts_with('[')
            || (r.starts_with(char::is_whitespace) && !r.trim_start().starts_with('{'))
    })
}

/// Characters a label never keeps: control characters, and the
/// bidirectional embeddings, overrides and isolates that would let
/// U+202E (right-to-left override) + `gnp.exe` read as "exe.png".
fn is_dropped(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0xFE0F)
}

/// What another diagram language this line looks like, if any.
fn foreign_syntax(t: &str) -> Option<&'static str> {
    if t.starts_with("```") || t.starts_with("~~~") {
        return Some("a Markdown code fence");
    }
    if t.starts_with("@startuml") || t.starts_with("@enduml") || t.starts_with("@startmindmap") {
        return Some("PlantUML");
    }
    let first = t.split(|c: char| c.is_whitespace()).next().unwrap_or("");
    const MERMAID: [&str; 14] = [
        "graph",
        "flowchart",
        "sequenceDiagram",
        "classDiagram",
        "stateDiagram",
        "stateDiagram-v2",
        "erDiagram",
        "gantt",
        "pie",
        "journey",
        "mindmap",
        "timeline",
        "gitGraph",
        "participant",
    ];
    if MERMAID.contains(&first) && !t.contains('{') && !t.contains(':') {
        return Some("Mermaid");
    }
    let arrowish = |pat: &str| t.contains(pat) && find_unquoted(t, pat).is_some();
    if arrowish("-->") || arrowish("->>") || arrowish("==>") {
        return Some("a Mermaid or PlantUML arrow");
    }
    None
}

/// Byte offset of `pat` in `t` outside double-quoted strings.
fn find_unquoted(t: &str, pat: &str) -> Option<usize> {
    find_unquoted_iter(t, pat).next()
}

fn find_unquoted_iter<'t>(t: &'t str, pat: &'t str) -> impl Iterator<Item = usize> + 't {
    let bytes = t.as_bytes();
    let pat_bytes = pat.as_bytes();
    let mut i = 0;
    let mut in_string = false;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let b = bytes[i];
            if in_string {
                if b == b'\\' {
                    i += 2;
                    continue;
                }
                if b == b'"' {
                    in_string = false;
                }
                i += 1;
                continue;
            }
            if b == b'"' {
                in_string = true;
                i += 1;
                continue;
            }
            if pat_bytes.first() == Some(&b) && bytes[i..].starts_with(pat_bytes) {
                let at = i;
                i += pat_bytes.len();
                return Some(at);
            }
            i += 1;
        }
        None
    })
}

/// The closest of `candidates` to `word`, if close enough to be a likely typo.
fn nearest<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    let lower = word.to_lowercase();
    if lower.is_empty() {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for &c in candidates {
        let d = if c.to_lowercase() == lower {
            0
        } else {
            levenshtein(&lower, &c.to_lowercase())
        };
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    let (d, c) = best?;
    let limit = word.chars().count().div_ceil(3).max(1);
    (d <= limit).then_some(c)
}

fn nearest_shape(word: &str) -> Option<&'static str> {
    let lower = word.to_lowercase();
    let alias = match lower.as_str() {
        "rect" | "box" | "square" | "process" | "step" | "rounded" => Some("rectangle"),
        "decision" | "rhombus" | "condition" | "choice" | "gateway" => Some("diamond"),
        "oval" | "ellipse" | "event" | "start" | "end" | "round" => Some("circle"),
        "task" | "card" => Some("taskbox"),
        _ => None,
    };
    if alias.is_some() {
        return alias;
    }
    if lower.len() >= 3
        && let Some(s) = Shape::ALL.iter().find(|s| s.as_str().starts_with(&lower))
    {
        return Some(s.as_str());
    }
    nearest(word, &["circle", "rectangle", "diamond", "taskbox"])
}

fn nearest_handle(word: &str) -> Option<&'static str> {
    match word.to_lowercase().as_str() {
        "up" | "north" | "top" => return Some("top"),
        "down" | "south" | "bottom" => return Some("bottom"),
        "east" | "right" => return Some("right"),
        "west" | "left" => return Some("left"),
        _ => {}
    }
    nearest(word, &["left", "right", "top", "bottom"])
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut row = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            row[j + 1] = (prev[j + 1] + 1).min(row[j] + 1).min(prev[j] + cost);
        }
        std::mem::swap(&mut prev, &mut row);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unquoted_search_skips_strings() {
        assert_eq!(
            find_unquoted_iter(r#"a -> b [label="x -> y"]"#, "->").collect::<Vec<_>>(),
            vec![2]
        );
        assert_eq!(find_unquoted(r#""a\"->" -> b"#, "->"), Some(8));
    }

    #[test]
    fn suggestions() {
        assert_eq!(nearest_shape("rect"), Some("rectangle"));
        assert_eq!(nearest_shape("Diamond"), Some("diamond"));
        assert_eq!(nearest_shape("shapeType"), None);
        assert_eq!(nearest_handle("up"), Some("top"));
        assert_eq!(nearest_handle("rigth"), Some("right"));
        assert_eq!(nearest("Biling", &["Billing", "Sales"]), Some("Billing"));
    }

    #[test]
    fn ids() {
        assert!(is_node_id("n12"));
        assert!(!is_node_id("n"));
        assert!(!is_node_id("node1"));
        assert!(is_lane_id("审批"));
        assert!(is_lane_id("Équipe_2"));
        assert!(!is_lane_id("2x"));
        assert!(!is_lane_id("Sales Team"));
        assert!(is_lane_id("web-app"));
        assert!(is_loop("loop [again] n1 n2"));
        assert!(is_loop("loop n1 n2"), "reported as a loop missing `[`");
        assert!(!is_loop("loop { # Feedback Loop"));
        assert!(!is_loop("loops { # Loops"));
    }

    const TWO_LANES: &str = "A { # A\nn1: circle label:\"a\"\nn2: rectangle label:\"b\"\nn1.handle(right) -> n2.handle(left)\n}\nB { # B\nn3: circle label:\"c\"\n}\n";

    #[test]
    fn a_byte_order_mark_is_skipped_and_positions_stay_right() {
        let src = format!("\u{feff}{TWO_LANES}n2.handle(right) -> B.n3.handle(left)\n");
        let p = parse(&src);
        assert!(p.diagnostics.is_empty(), "{:#?}", p.diagnostics);
        assert_eq!(p.diagram.lanes[0].id, "A");
        let bad = parse("\u{feff}A { # A\n  n1: rect\n}\n");
        let d = bad.errors().next().unwrap();
        assert_eq!(d.line_col("\u{feff}A { # A\n  n1: rect\n}\n"), (2, 7));
    }

    #[test]
    fn cr_and_crlf_end_lines() {
        for eol in ["\r", "\r\n"] {
            let src = TWO_LANES.replace('\n', eol) + "n2.handle(right) -> B.n3.handle(left)" + eol;
            let p = parse(&src);
            assert!(p.diagnostics.is_empty(), "{eol:?}: {:#?}", p.diagnostics);
            assert_eq!(p.diagram.edges.len(), 2);
        }
    }

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

    #[test]
    fn a_label_less_taskbox_is_titled_by_description_then_system_then_owner() {
        let p = parse(
            "A { # A\nn1: taskbox owner:\"Ann\" description:\"Check\" system:\"ERP\"\nn2: taskbox owner:\"Ann\" system:\"ERP\"\nn3: taskbox owner:\"Ann\"\nn4: taskbox label:\"Own\" owner:\"Ann\"\n}\n",
        );
        let titles: Vec<&str> = p.diagram.nodes.iter().map(|n| n.label.as_str()).collect();
        assert_eq!(titles, ["Check", "ERP", "Ann", "Own"]);
        assert_eq!(p.diagram.nodes[0].owner.as_deref(), Some("Ann"));
    }
}
