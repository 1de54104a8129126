//! FlowZap Code in its canonical layout (what `zapdoc fmt` writes).
//!
//! One statement per line; two-space indentation inside a lane; a lane's
//! nodes, then its edges, then its loops; a blank line between lanes;
//! `//` and `#` comment lines kept with the statement they precede (or at
//! the end of their lane). The warnings with a mechanical fix are fixed:
//! `label="…"` on a node becomes `label:"…"`, `[label:"…"]` becomes
//! `[label="…"]`, handle directions are lower-cased, a lane label written
//! on the line after `{` moves up, and the stray `}` of
//! `Lane { # label }` goes (the lane gets its own closing line).
//!
//! Nothing else changes: statements between or after lanes stay where they
//! are, a lane opened twice stays two blocks (merging them would reorder
//! edges), and the graph export is the same before and after. Formatting
//! twice changes nothing more.

use crate::diagnostic::Code;
use crate::parse::{Parsed, StatementKind, parse};

/// `source` in canonical layout, or the parse result when the diagram has
/// errors: a diagram that does not parse is never rewritten.
pub fn format(source: &str) -> Result<String, Box<Parsed>> {
    let parsed = parse(source);
    if parsed.has_errors() {
        return Err(Box::new(parsed));
    }
    Ok(Formatter::new(source, &parsed).run())
}

/// A fix at a span: the span's last byte replaced, or the span lower-cased.
#[derive(Debug, Clone, Copy)]
enum Fix {
    LastByte(char),
    Lowercase,
}

/// A lane block being assembled.
struct Block {
    /// Comment lines written just before the lane.
    leading: Vec<String>,
    lane: usize,
    label: Option<String>,
    nodes: Vec<String>,
    edges: Vec<String>,
    loops: Vec<String>,
    /// Comment lines before the lane's `}`.
    trailing: Vec<String>,
}

enum Item {
    Block(Block),
    /// Lines at the top level (a statement with its comments, or comments
    /// at the end of the file).
    Lines(Vec<String>),
}

struct Formatter<'a> {
    src: &'a str,
    parsed: &'a Parsed,
    fixes: Vec<(std::ops::Range<usize>, Fix)>,
}

impl<'a> Formatter<'a> {
    fn new(src: &'a str, parsed: &'a Parsed) -> Self {
        let mut fixes: Vec<_> = parsed
            .diagnostics
            .iter()
            .filter_map(|d| {
                let fix = match d.code {
                    Code::AttributeEquals => Fix::LastByte(':'),
                    Code::EdgeLabelColon => Fix::LastByte('='),
                    Code::HandleCase => Fix::Lowercase,
                    _ => return None,
                };
                Some((d.span.clone(), fix))
            })
            .collect();
        fixes.sort_by_key(|(span, _)| span.start);
        Formatter { src, parsed, fixes }
    }

    fn run(&self) -> String {
        let mut items: Vec<Item> = Vec::new();
        let mut pending: Vec<String> = Vec::new();
        let mut block: Option<Block> = None;
        for st in &self.parsed.statements {
            match &st.kind {
                StatementKind::Comment => pending.push(self.src[st.span.clone()].to_string()),
                StatementKind::LaneOpen { lane, label, empty } => {
                    if let Some(b) = block.take() {
                        items.push(Item::Block(b));
                    }
                    let b = Block {
                        leading: std::mem::take(&mut pending),
                        lane: *lane,
                        label: label.clone().map(|l| self.src[l].trim().to_string()),
                        nodes: Vec::new(),
                        edges: Vec::new(),
                        loops: Vec::new(),
                        trailing: Vec::new(),
                    };
                    if *empty {
                        items.push(Item::Block(b));
                    } else {
                        block = Some(b);
                    }
                }
                StatementKind::LaneLabel { label } => {
                    if let Some(b) = block.as_mut().filter(|b| b.label.is_none()) {
                        b.label = Some(self.src[label.clone()].trim().to_string());
                    }
                }
                StatementKind::LaneClose => {
                    if let Some(mut b) = block.take() {
                        b.trailing = std::mem::take(&mut pending);
                        items.push(Item::Block(b));
                    }
                }
                kind @ (StatementKind::Node
                | StatementKind::Edge
                | StatementKind::Loop
                | StatementKind::Other) => {
                    let mut lines = std::mem::take(&mut pending);
                    lines.push(self.statement(kind, st.span.clone()));
                    match (&mut block, kind) {
                        (Some(b), StatementKind::Node) => b.nodes.extend(lines),
                        (Some(b), StatementKind::Loop) => b.loops.extend(lines),
                        (Some(b), _) => b.edges.extend(lines),
                        (None, _) => items.push(Item::Lines(lines)),
                    }
                }
            }
        }
        if let Some(mut b) = block.take() {
            b.trailing = std::mem::take(&mut pending);
            items.push(Item::Block(b));
        }
        if !pending.is_empty() {
            items.push(Item::Lines(pending));
        }
        self.emit(&items)
    }

    fn emit(&self, items: &[Item]) -> String {
        let mut out = String::with_capacity(self.src.len() + 64);
        let mut previous_was_block = false;
        for (i, item) in items.iter().enumerate() {
            let is_block = matches!(item, Item::Block(_));
            if i > 0 && (is_block || previous_was_block) {
                out.push('\n');
            }
            previous_was_block = is_block;
            match item {
                Item::Lines(lines) => {
                    for l in lines {
                        out.push_str(l);
                        out.push('\n');
                    }
                }
                Item::Block(b) => {
                    for l in &b.leading {
                        out.push_str(l);
                        out.push('\n');
                    }
                    out.push_str(&self.parsed.diagram.lanes[b.lane].id);
                    out.push_str(" {");
                    if let Some(label) = &b.label {
                        out.push_str(" # ");
                        out.push_str(label);
                    }
                    out.push('\n');
                    for l in b
                        .nodes
                        .iter()
                        .chain(&b.edges)
                        .chain(&b.loops)
                        .chain(&b.trailing)
                    {
                        out.push_str("  ");
                        out.push_str(l);
                        out.push('\n');
                    }
                    out.push_str("}\n");
                }
            }
        }
        out
    }

    /// One statement's text: its fixes applied, white space outside quotes
    /// collapsed, and the canonical space around `:`, `->` and `[`.
    fn statement(&self, kind: &StatementKind, span: std::ops::Range<usize>) -> String {
        let mut text = String::with_capacity(span.len());
        let mut at = span.start;
        for (fix_span, fix) in &self.fixes {
            if fix_span.start < span.start || fix_span.end > span.end || fix_span.start < at {
                continue;
            }
            text.push_str(&self.src[at..fix_span.start]);
            let fixed = &self.src[fix_span.clone()];
            match fix {
                Fix::LastByte(c) => {
                    text.push_str(&fixed[..fixed.len() - 1]);
                    text.push(*c);
                }
                Fix::Lowercase => text.push_str(&fixed.to_ascii_lowercase()),
            }
            at = fix_span.end;
        }
        text.push_str(&self.src[at..span.end]);
        match kind {
            StatementKind::Node => space_after_first(&collapse_spaces(&text), ':'),
            StatementKind::Edge => space_around_arrow(&collapse_spaces(&text)),
            StatementKind::Loop => loop_statement(&text),
            _ => collapse_spaces(&text),
        }
    }
}

/// `loop [text] n1 n2`: one space after `loop` and between the ids; the
/// bracketed text is the loop's label, kept as written.
fn loop_statement(text: &str) -> String {
    let rest = text.strip_prefix("loop").unwrap_or(text).trim_start();
    match rest.find(']').filter(|_| rest.starts_with('[')) {
        Some(close) => {
            let ids = collapse_spaces(rest[close + 1..].trim());
            let label = &rest[..=close];
            if ids.is_empty() {
                format!("loop {label}")
            } else {
                format!("loop {label} {ids}")
            }
        }
        None => format!("loop {}", collapse_spaces(rest)),
    }
}

/// Byte offsets of `text` that lie outside double-quoted strings (`\"`
/// inside a string does not end it).
fn unquoted(text: &str) -> Vec<bool> {
    let mut out = Vec::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    for b in text.bytes() {
        out.push(!in_string && b != b'"');
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if b == b'"' {
            in_string = true;
        }
    }
    out
}

/// Runs of spaces and tabs outside strings become one space.
fn collapse_spaces(text: &str) -> String {
    let free = unquoted(text);
    let mut out = String::with_capacity(text.len());
    let mut last_space = false;
    for (i, c) in text.char_indices() {
        let space = (c == ' ' || c == '\t') && free[i];
        if space {
            if !last_space {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
        last_space = space;
    }
    out
}

/// The first unquoted `sep` followed by exactly one space (`n1:circle` →
/// `n1: circle`), with no space before it.
fn space_after_first(text: &str, sep: char) -> String {
    let free = unquoted(text);
    match text.char_indices().find(|&(i, c)| c == sep && free[i]) {
        Some((i, _)) => format!(
            "{}{sep} {}",
            text[..i].trim_end(),
            text[i + sep.len_utf8()..].trim_start()
        ),
        None => text.to_string(),
    }
}

/// One space each side of the edge's (first unquoted) `->`, and one before
/// its `[label=…]`.
fn space_around_arrow(text: &str) -> String {
    let free = unquoted(text);
    let Some(arrow) = (0..text.len().saturating_sub(1))
        .find(|&i| free[i] && text.as_bytes()[i] == b'-' && text.as_bytes()[i + 1] == b'>')
    else {
        return text.to_string();
    };
    let left = text[..arrow].trim_end();
    let right = text[arrow + 2..].trim_start();
    let free_right = unquoted(right);
    let right = match right
        .char_indices()
        .find(|&(i, c)| c == '[' && free_right[i])
    {
        Some((i, _)) => format!("{} {}", right[..i].trim_end(), &right[i..]),
        None => right.to_string(),
    };
    format!("{left} -> {right}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(src: &str) -> String {
        format(src).unwrap_or_else(|p| panic!("{:#?}", p.diagnostics))
    }

    #[test]
    fn canonical_layout_and_mechanical_fixes() {
        let src = "// orders\nSales {\n# Sales team\nn1.handle(Right)->n2.handle(left)[label:\"go\"]\n    n1:circle   label=\"Start\"\n\n n2: rectangle label:\"Two  spaces\"\n loop[again]  n1 n2\n // end of sales\n}\nOps { # Ops }\nn3: rectangle label:\"Do\"\n}\nn2.handle(bottom) -> Ops.n3.handle(top)\n";
        let out = fmt(src);
        assert_eq!(
            out,
            "// orders\nSales { # Sales team\n  n1: circle label:\"Start\"\n  n2: rectangle label:\"Two  spaces\"\n  n1.handle(right) -> n2.handle(left) [label=\"go\"]\n  loop [again] n1 n2\n  // end of sales\n}\n\nOps { # Ops\n  n3: rectangle label:\"Do\"\n}\n\nn2.handle(bottom) -> Ops.n3.handle(top)\n"
        );
        assert_eq!(fmt(&out), out, "idempotent");
        let warnings: Vec<Code> = parse(&out).diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(warnings, [Code::Comment, Code::Comment]);
    }

    #[test]
    fn statements_between_lanes_and_reopened_lanes_keep_their_place() {
        let src = "A { # A\nn1: circle\n}\nB { # B\nn2: circle\n}\nn1.handle(right) -> B.n2.handle(left)\nA {\nn3: circle\nn1.handle(bottom) -> n3.handle(top)\n}\n";
        let out = fmt(src);
        assert_eq!(
            out,
            "A { # A\n  n1: circle\n}\n\nB { # B\n  n2: circle\n}\n\nn1.handle(right) -> B.n2.handle(left)\n\nA {\n  n3: circle\n  n1.handle(bottom) -> n3.handle(top)\n}\n"
        );
        let edges = |s: &str| {
            parse(s)
                .diagram
                .edges
                .iter()
                .map(|e| (e.from, e.to))
                .collect::<Vec<_>>()
        };
        assert_eq!(edges(&out), edges(src));
    }

    #[test]
    fn empty_and_implicitly_closed_lanes_get_their_brace() {
        assert_eq!(fmt("A {}\n"), "A {\n}\n");
        assert_eq!(
            fmt("A { # Alpha }\nB { # Beta }\n"),
            "A { # Alpha\n}\n\nB { # Beta\n}\n"
        );
    }

    #[test]
    fn strings_are_left_alone_and_errors_are_refused() {
        let src = "A { # A\n  n1: circle label:\"a  ->  b: [c]\"\n}\n";
        assert_eq!(fmt(src), src);
        assert!(format("A { # A\n n1: rect\n}\n").is_err());
    }

    #[test]
    fn loop_text_is_a_label_kept_as_written() {
        let src = "A { # A\nn1: circle\nn2: circle\nn1.handle(right) -> n2.handle(left)\nloop[retry  twice ]   n1  n2\n}\n";
        let out = fmt(src);
        assert!(out.contains("  loop [retry  twice ] n1 n2\n"), "{out}");
        let loops = |s: &str| parse(s).diagram.loops[0].text.clone();
        assert_eq!(loops(&out), loops(src));
    }

    #[test]
    fn a_byte_order_mark_and_crlf_go() {
        assert_eq!(
            fmt("\u{feff}A { # A\r\n  n1: circle\r\n}\r\n"),
            "A { # A\n  n1: circle\n}\n"
        );
    }
}
