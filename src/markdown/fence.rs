//! The ```flowzap fences of a page: each fence's text, the view its info
//! string chooses, and where each piece of its text sits in the file, so
//! that a diagram's diagnostics point into the Markdown file.

use crate::flowzap::View;
use pulldown_cmark::{Event, TagEnd};
use std::ops::Range;

/// A ```flowzap fence's text and where each piece of it sits in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fence {
    pub source: String,
    map: Vec<Segment>,
    /// The view its info string chooses (` ```flowzap view=sequence `),
    /// the workflow when it names none or one that does not exist.
    pub view: View,
    /// A `view=` naming no view.
    pub unknown_view: Option<UnknownView>,
}

/// A fence's `view=NAME` where NAME is no view: the name, and where the
/// `view=NAME` is in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownView {
    pub name: String,
    pub span: Range<usize>,
}

/// The `view=` of a fence's opening line (`line`, at `at` in the file).
fn fence_view(line: &str, at: usize) -> Result<View, UnknownView> {
    let mut start = None;
    for (i, c) in line
        .char_indices()
        .chain(std::iter::once((line.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                let token = &line[s..i];
                if let Some(name) = token.strip_prefix("view=") {
                    let name = name.trim_matches(['"', '\'']);
                    return View::from_name(name).ok_or_else(|| UnknownView {
                        name: name.to_string(),
                        span: at + s..at + i,
                    });
                }
                start = None;
            }
            _ => {}
        }
    }
    Ok(View::Workflow)
}

/// `len` bytes at `diagram` in the fence text come from `file` in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Segment {
    diagram: usize,
    file: usize,
    len: usize,
    /// The text is the file's bytes verbatim (offsets map one to one).
    verbatim: bool,
}

impl Fence {
    /// A fence's text and map; an empty fence points at the fence itself
    /// (at `fence_start` in the file).
    pub(super) fn new(source: String, mut map: Vec<Segment>, fence_start: usize) -> Fence {
        if map.is_empty() {
            map.push(Segment {
                diagram: 0,
                file: fence_start,
                len: 0,
                verbatim: false,
            });
        }
        Fence {
            source,
            map,
            view: View::Workflow,
            unknown_view: None,
        }
    }

    /// The fence with the view its opening line chooses: the line of
    /// `body` at `start`, which is `offset` bytes into the file.
    pub(super) fn with_view(mut self, body: &str, start: usize, offset: usize) -> Fence {
        let rest = body.get(start..).unwrap_or("");
        let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
        match fence_view(line, offset + start) {
            Ok(view) => self.view = view,
            Err(unknown) => self.unknown_view = Some(unknown),
        }
        self
    }

    /// Where the fence's text lies in the file, and the indentation that
    /// prefixes its lines after the first (a fence inside a list item):
    /// `None` when the text is not the file's bytes verbatim, so it cannot
    /// be replaced in place.
    pub fn in_file(&self, file: &str) -> Option<(Range<usize>, String)> {
        let first = self.map.first()?;
        let last = self.map.last()?;
        if self.map.iter().any(|s| !s.verbatim) {
            return None;
        }
        let mut indent: Option<&str> = None;
        for pair in self.map.windows(2) {
            let gap = file.get(pair[0].file + pair[0].len..pair[1].file)?;
            if !gap.bytes().all(|b| b == b' ' || b == b'\t') || indent.is_some_and(|i| i != gap) {
                return None;
            }
            indent = Some(gap);
        }
        Some((
            first.file..last.file + last.len,
            indent.unwrap_or("").to_string(),
        ))
    }

    /// A byte offset in the diagram text as a byte offset in the file.
    pub fn to_file_offset(&self, offset: usize) -> usize {
        let seg = self
            .map
            .iter()
            .rev()
            .find(|s| s.diagram <= offset)
            .or(self.map.first());
        match seg {
            Some(s) if s.verbatim => s.file + (offset - s.diagram).min(s.len),
            Some(s) => s.file,
            None => 0,
        }
    }

    /// A diagram diagnostic with its spans moved into the file.
    pub fn locate(&self, d: &crate::flowzap::Diagnostic) -> crate::flowzap::Diagnostic {
        let mut d = d.clone();
        d.span = self.to_file_offset(d.span.start)..self.to_file_offset(d.span.end);
        for r in &mut d.related {
            r.span = self.to_file_offset(r.span.start)..self.to_file_offset(r.span.end);
        }
        d
    }
}

/// A code block's text (the events up to its end) and where each piece of
/// it sits in the file.
pub(super) fn code_text<'a>(
    iter: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
    body: &str,
    offset: usize,
) -> (String, Vec<Segment>) {
    let mut text = String::new();
    let mut map = Vec::new();
    for (e, r) in iter {
        match e {
            Event::Text(t) => {
                let verbatim = body.get(r.clone()) == Some(&*t);
                map.push(Segment {
                    diagram: text.len(),
                    file: offset + r.start,
                    len: t.len(),
                    verbatim,
                });
                text.push_str(&t);
            }
            Event::End(TagEnd::CodeBlock) => break,
            _ => {}
        }
    }
    (text, map)
}
