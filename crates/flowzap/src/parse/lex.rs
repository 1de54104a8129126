//! Reading one line: where its text sits in the source, a cursor over
//! it, searching outside quoted strings, and telling the kinds of line and
//! word apart before a statement is parsed.

use crate::ast::Span;

/// The line's content: its text without surrounding white space, and where
/// that text starts in the source.
#[derive(Clone, Copy)]
pub(super) struct Line<'a> {
    pub(super) text: &'a str,
    pub(super) start: usize,
}

impl Line<'_> {
    /// The whole line's text.
    pub(super) fn span(&self) -> Span {
        self.start..self.start + self.text.len()
    }

    /// `range` of the line's text, in the source.
    pub(super) fn sub(&self, range: std::ops::Range<usize>) -> Span {
        self.start + range.start..self.start + range.end
    }
}

/// A cursor over one line.
pub(super) struct Cursor<'a> {
    pub(super) s: &'a str,
    pub(super) pos: usize,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(s: &'a str, pos: usize) -> Self {
        Cursor {
            s,
            pos: pos.min(s.len()),
        }
    }

    pub(super) fn peek(&self) -> Option<char> {
        self.s[self.pos..].chars().next()
    }

    pub(super) fn bump(&mut self) {
        if let Some(c) = self.peek() {
            self.pos += c.len_utf8();
        }
    }

    pub(super) fn at_end(&self) -> bool {
        self.pos >= self.s.len()
    }

    pub(super) fn skip_ws(&mut self) {
        let rest = &self.s[self.pos..];
        self.pos += rest.len() - rest.trim_start().len();
    }

    /// Letters, digits, `_` and `-`: an identifier-like word.
    pub(super) fn word(&mut self) -> (&'a str, std::ops::Range<usize>) {
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

/// `n` followed by digits: the node ids FlowZap reads.
pub(super) fn is_node_id(s: &str) -> bool {
    s.len() > 1 && s.starts_with('n') && s[1..].bytes().all(|b| b.is_ascii_digit())
}

/// A letter, then letters, digits, `_` or `-` (FlowZap's lanes include
/// `web-app` and `payment-api`).
pub(super) fn is_lane_id(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(char::is_alphabetic)
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

/// A loop statement starts `loop [` (or `loop` and a space, to report a
/// missing `[`); `loop {` opens a lane named `loop`.
pub(super) fn is_loop(t: &str) -> bool {
    t.strip_prefix("loop").is_some_and(|r| {
        r.starts_with('[')
            || (r.starts_with(char::is_whitespace) && !r.trim_start().starts_with('{'))
    })
}

/// What another diagram language this line looks like, if any.
pub(super) fn foreign_syntax(t: &str) -> Option<&'static str> {
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
pub(super) fn find_unquoted(t: &str, pat: &str) -> Option<usize> {
    find_unquoted_iter(t, pat).next()
}

pub(super) fn find_unquoted_iter<'t>(t: &'t str, pat: &'t str) -> impl Iterator<Item = usize> + 't {
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
}
