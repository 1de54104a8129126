//! `loop [text] n1 n2 …`: the nodes a repeat annotation frames. Names are
//! resolved once the whole diagram is read ([`super::resolve`]).

use super::Parser;
use super::lex::{Cursor, Line, is_node_id};
use crate::ast::Span;
use crate::diagnostic::{Code, Diagnostic};

/// A loop as written, before its node ids are resolved.
#[derive(Debug)]
pub(super) struct RawLoop {
    /// The lane it is written in, if any.
    pub(super) lane: Option<usize>,
    pub(super) text: String,
    pub(super) ids: Vec<(String, Span)>,
    pub(super) span: Span,
}

impl<'a> Parser<'a> {
    /// `loop [text] n1 n2 …`.
    pub(super) fn loop_statement(&mut self, line: Line<'a>) {
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
}
