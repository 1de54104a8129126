//! Lane structure: `Lane { # Label` opens a lane, `}` closes it; a label
//! on the line after `{`, a lane opened inside another, opened twice or
//! closed on its own line are all read the way FlowZap reads them, and
//! reported.

use super::lex::{Line, is_lane_id};
use super::{MAX_LANES, Parser, StatementKind, shown};
use crate::ast::{Lane, Span};
use crate::diagnostic::{Code, Diagnostic};

/// What a lane's first line holds after `{`.
struct LaneHead<'a> {
    /// The text after `#`, when written.
    label: Option<&'a str>,
    /// `Lane { }`: closed on the same line.
    empty: bool,
    /// `Lane { # label }`: FlowZap keeps the lane open.
    soft_open: bool,
}

/// A lane's first line as read, for a lane opened a second time.
struct Opened {
    /// The cleaned label, empty when none is written.
    label_text: String,
    /// Where the label is written, if it is.
    written_label: Option<Span>,
    empty: bool,
    soft_open: bool,
}

impl<'a> Parser<'a> {
    /// A line with `{` at `brace`: opens a lane (or opens one again).
    pub(super) fn open_lane(&mut self, line: Line<'a>, brace: usize) {
        let t = line.text;
        let id = t[..brace].trim_end();
        let id_span = line.sub(0..id.len());
        let LaneHead {
            label,
            empty: one_line_empty,
            soft_open,
        } = self.lane_head(line, brace, id);
        if !is_lane_id(id) {
            self.invalid_lane_id(line, brace, id, &id_span);
        }
        if self.soft_open {
            // `Prev { # label }` followed by a lane: FlowZap switches lanes.
            self.current = None;
            self.soft_open = false;
            self.label_pending = false;
        }
        if let Some(open) = self.current {
            self.nested_lane(open, id, &id_span);
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
            let opened = Opened {
                label_text,
                written_label,
                empty: one_line_empty,
                soft_open,
            };
            self.reopen_lane(line, first, id, id_span, opened);
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

    /// What follows the `{` at `brace`: the label (`# Label`), or `}` (a
    /// lane closed on its line), or nothing; with the stray `}` of
    /// `Lane { # label }` reported.
    fn lane_head(&mut self, line: Line<'a>, brace: usize, id: &str) -> LaneHead<'a> {
        let t = line.text;
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
        LaneHead {
            label,
            empty: one_line_empty,
            soft_open,
        }
    }

    /// A lane id that is not a letter followed by letters, digits, `_` or
    /// `-`: reported, with the id it probably meant.
    fn invalid_lane_id(&mut self, line: Line<'a>, brace: usize, id: &str, id_span: &Span) {
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
            "a lane id is a letter followed by letters, digits or `_`, e.g. `Sales { # Sales Team`"
                .to_string()
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

    /// A lane opened while lane `open` is still open: reported, and `open`
    /// kept to be closed after it.
    fn nested_lane(&mut self, open: usize, id: &str, id_span: &Span) {
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

    /// Lane `id` opened again (it is lane `first`): its statements join the
    /// first block, as in FlowZap.
    fn reopen_lane(
        &mut self,
        line: Line<'a>,
        first: usize,
        id: &str,
        id_span: Span,
        opened: Opened,
    ) {
        let Opened {
            label_text,
            written_label,
            empty: one_line_empty,
            soft_open,
        } = opened;
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
    }

    /// The line after a lane opened without a label: `# Label` there is
    /// read as the lane's label (true: the line is taken); any other line
    /// leaves the lane unlabelled (reported) and is read as usual.
    pub(super) fn pending_label(&mut self, line: Line<'a>) -> bool {
        let t = line.text;
        let Some(label) = t.strip_prefix('#') else {
            self.resolve_pending_label();
            return false;
        };
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
        true
    }

    /// A lane opened with no label on its line: no `# label` followed.
    pub(super) fn resolve_pending_label(&mut self) {
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

    /// `}`: closes the innermost open lane.
    pub(super) fn close_lane(&mut self, line: Line<'a>) {
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
}
