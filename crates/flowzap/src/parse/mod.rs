//! The FlowZap Code parser: source text → [`Diagram`] + diagnostics.
//!
//! FlowZap Code is line-oriented, so the parser is too: each line is one
//! statement, classified by its shape and parsed with a small cursor. Names
//! are resolved in a second pass (a node may be used before it is declared).
//! The parser never stops at the first problem and never panics: it reports
//! everything it finds and recovers at the next line.
//!
//! This module reads lines and dispatches them; [`lex`] reads within a
//! line, [`lane`], [`node`], [`edge`] and [`loops`] parse the statements,
//! [`label`] the quoted strings and label text, [`resolve`] resolves names
//! once every line is read, and [`suggest`] finds the word a typo meant.

mod edge;
mod label;
mod lane;
mod lex;
mod loops;
mod node;
mod resolve;
mod suggest;

pub use node::NODE_ATTRIBUTES;

use crate::ast::{Diagram, Lane, Node, Span};
use crate::diagnostic::{Code, Diagnostic};
use edge::RawEdge;
use lex::{Line, find_unquoted, find_unquoted_iter, foreign_syntax, is_loop};
use loops::RawLoop;
use std::collections::HashMap;

/// A parse result: the diagram as far as it could be read, and every
/// diagnostic. The diagram is only fit to render when [`Parsed::has_errors`]
/// is false.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// Everything that could be read; names that do not resolve are left
    /// out.
    pub diagram: Diagram,
    /// Every problem found, sorted by position (at most
    /// [`MAX_DIAGNOSTICS`]).
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
    /// `Lane { # Label`: opens a lane, or opens it again.
    LaneOpen {
        /// The lane (index into the lanes).
        lane: usize,
        /// Where the label text sits, when written.
        label: Option<Span>,
        /// The lane is closed on the same line (`Lane { }`).
        empty: bool,
    },
    /// `# Label` on the line after `{`: the lane's label (FZ103).
    LaneLabel {
        /// Where the label text sits.
        label: Span,
    },
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
    /// True when the diagram must not be drawn.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The errors among the diagnostics.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    /// The warnings among the diagnostics.
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

/// The parser's state while it reads the lines, and what it has read.
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

    /// Read every line of the source.
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

    /// One non-blank line: classified by its shape and parsed.
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
        if self.label_pending && self.pending_label(line) {
            return;
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

    /// Remember `line` as a statement of `kind`, for [`crate::format`].
    fn record(&mut self, kind: StatementKind, line: Line<'a>) {
        self.statements.push(Statement {
            kind,
            span: line.span(),
        });
    }

    /// Resolve names, run the whole-diagram checks, cap the diagnostics.
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
        let edges = self.resolve_edges();
        let loops = self.resolve_loops();
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
