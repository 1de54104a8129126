//! Text as written in labels: quoted strings with their escapes, and the
//! cleaning every label gets (control characters dropped; emoji, bidi
//! controls and long labels reported).

use super::lex::{Cursor, Line};
use super::{MAX_LABEL_CHARS, Parser};
use crate::ast::Span;
use crate::diagnostic::{Code, Diagnostic};

impl<'a> Parser<'a> {
    /// A quoted string at the cursor, unescaped and cleaned.
    pub(super) fn string(&mut self, cur: &mut Cursor<'a>, line: Line<'a>) -> Option<String> {
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
    pub(super) fn clean_label(&mut self, text: String, span: Span) -> String {
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
}

/// Characters a label never keeps: control characters, and the
/// bidirectional embeddings, overrides and isolates that would let
/// U+202E (right-to-left override) + `gnp.exe` read as "exe.png".
fn is_dropped(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// The embeddings, overrides and isolates that reorder text.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Emoji and pictographs, which many fonts lack.
fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0xFE0F)
}
