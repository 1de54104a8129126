//! Diagnostics: a stable code, a message, a primary span, optional secondary
//! spans and a hint — rendered rustc-style with annotate-snippets.
//!
//! Spans are byte offsets into the diagram's source. A diagram embedded in a
//! larger file (a ```flowzap fence in Markdown) is reported against that file
//! by shifting its diagnostics with [`Diagnostic::shifted`].

use crate::ast::Span;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::fmt;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The diagram is not drawn.
    Error,
    /// The diagram is drawn; the source should still be fixed.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// Declares [`Code`] from one table: each row gives the variant, its stable
/// code and its one-line summary, and the macro writes the enum (the summary
/// is the variant's doc), `Code::ALL`, `Code::as_str` and `Code::summary`.
macro_rules! codes {
    ($($variant:ident => $code:literal, $summary:literal;)*) => {
        /// Every diagnostic the parser can produce. The code (`FZ001`…) is stable:
        /// tests, editors and docs rely on it. `FZ0xx` are errors, `FZ1xx` warnings.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $(
                #[doc = concat!("`", $code, "`: ", $summary, ".")]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in code order.
            pub const ALL: [Code; [$($code),*].len()] = [$(Code::$variant),*];

            /// The stable code, e.g. `FZ001`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)*
                }
            }

            /// One line saying what the code is about (used by the docs table).
            pub fn summary(self) -> &'static str {
                match self {
                    $(Code::$variant => $summary,)*
                }
            }
        }
    };
}

// In code order; the summary is also the row of DIAGNOSTICS.md.
codes! {
    UnknownShape => "FZ001", "unknown node shape";
    InvalidNodeId => "FZ002", "node id not of the form `n<digits>`";
    DuplicateNode => "FZ003", "node id declared twice";
    MissingHandle => "FZ005", "edge endpoint without `.handle(dir)`";
    InvalidHandle => "FZ006", "handle direction not left/right/top/bottom";
    UndefinedNode => "FZ007", "edge to or from an undefined node";
    MissingLanePrefix => "FZ008", "node of another lane referenced without its lane prefix";
    UnknownLane => "FZ009", "lane prefix names an unknown lane";
    WrongLanePrefix => "FZ010", "lane prefix names a lane that does not hold the node";
    LoopTooShort => "FZ011", "loop with fewer than two node ids";
    LoopUnknownNode => "FZ012", "loop names an undefined node";
    UnclosedLane => "FZ013", "lane opened with `{` but never closed";
    UnexpectedCloseBrace => "FZ014", "`}` with no open lane";
    NestedLane => "FZ015", "lane opened inside another lane";
    OutsideLane => "FZ016", "node outside any lane";
    ForeignSyntax => "FZ017", "text in another diagram language (Mermaid, PlantUML, a Markdown fence)";
    ChainedEdge => "FZ018", "chained edges `a -> b -> c`";
    UnterminatedString => "FZ019", "string without its closing quote";
    UnrecognizedLine => "FZ020", "line that is no FlowZap statement";
    EmptyDiagram => "FZ021", "diagram with nothing in it";
    InvalidLaneId => "FZ022", "lane id not an identifier";
    TooLarge => "FZ023", "diagram past the size one diagram may have (lanes, nodes or edges)";
    AttributeEquals => "FZ101", r#"node attribute written `key="…"` instead of `key:"…"`"#;
    EdgeLabelColon => "FZ102", r#"edge label written `[label:"…"]` instead of `[label="…"]`"#;
    LaneLabelNextLine => "FZ103", "lane display label on the line after `{`";
    LaneLabelMissing => "FZ104", "lane without a display label";
    Comment => "FZ105", "`//` or `#` comment line (ignored)";
    EmptyLaneOneLine => "FZ106", "`Lane { }` on one line is an empty lane";
    NumberingGap => "FZ107", "node ids are not exactly n1..nK";
    UnknownAttribute => "FZ108", "unknown node attribute (ignored)";
    LongLabel => "FZ109", "label longer than 50 characters";
    SpecialCharacters => "FZ110", "emoji or control characters in a label";
    OrphanNode => "FZ111", "node with no edge in or out";
    LaneReopened => "FZ113", "lane opened a second time (its statements join the first)";
    HandleCase => "FZ114", "handle direction not in lower case";
    LabelLineBrace => "FZ115", "`Lane { # label }`: the `}` does not close the lane";
}

impl Code {
    /// `FZ0xx` are errors, `FZ1xx` warnings.
    pub fn severity(self) -> Severity {
        if self.as_str().starts_with("FZ0") {
            Severity::Error
        } else {
            Severity::Warning
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary location, e.g. "first declared here".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// Where, in the diagram's source.
    pub span: Span,
    /// What is there, shown beside it.
    pub message: String,
}

/// One problem in a diagram's source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What kind of problem; decides the [`Severity`].
    pub code: Code,
    /// The headline.
    pub message: String,
    /// Where, in the diagram's source.
    pub span: Span,
    /// Shown under the caret.
    pub label: Option<String>,
    /// Other places that explain it.
    pub related: Vec<Related>,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub(crate) fn new(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            message: message.into(),
            span,
            label: None,
            related: Vec::new(),
            hint: None,
        }
    }

    pub(crate) fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub(crate) fn with_related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }

    /// The severity of its code.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// True for an error: the diagram is not drawn.
    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }

    /// The same diagnostic with every span moved by `offset` bytes: for a
    /// diagram that starts `offset` bytes into a larger file.
    pub fn shifted(mut self, offset: usize) -> Self {
        self.span = self.span.start + offset..self.span.end + offset;
        for r in &mut self.related {
            r.span = r.span.start + offset..r.span.end + offset;
        }
        self
    }

    /// 1-based line and column (in characters) of the primary span in `source`.
    pub fn line_col(&self, source: &str) -> (usize, usize) {
        line_col(source, self.span.start)
    }

    /// Render rustc-style: `error[FZ001]: message`, ` --> path:line:col`, the
    /// source line with a caret, and the hint. `color` adds ANSI styles.
    pub fn render(&self, source: &str, path: &str, color: bool) -> String {
        let level = match self.severity() {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let span = clamp(source, &self.span);
        let mut snippet = Snippet::source(source).path(path).line_start(1).annotation(
            AnnotationKind::Primary
                .span(span)
                .label(self.label.as_deref()),
        );
        for r in &self.related {
            snippet = snippet.annotation(
                AnnotationKind::Context
                    .span(clamp(source, &r.span))
                    .label(r.message.as_str()),
            );
        }
        let title = level
            .primary_title(self.message.as_str())
            .id(self.code.as_str());
        let mut report: Vec<Group<'_>> = vec![title.element(snippet)];
        if let Some(hint) = &self.hint {
            report.push(Group::with_title(
                Level::HELP.secondary_title(hint.as_str()),
            ));
        }
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&report)
    }
}

/// 1-based line and column (in characters) of byte `offset` in `source`.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(source, offset.min(source.len()));
    let before = &source[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = source[line_start..offset].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A span made safe for annotate-snippets: inside the source, on char boundaries.
/// `span` cut to `source` and moved back to character boundaries, so it can
/// slice it (a span from an edited or hostile input may not fit).
pub fn clamp(source: &str, span: &Span) -> Span {
    let start = floor_char_boundary(source, span.start.min(source.len()));
    let end = floor_char_boundary(source, span.end.min(source.len())).max(start);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_ordered() {
        let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(codes.len(), sorted.len());
        assert_eq!(Code::UnknownShape.severity(), Severity::Error);
        assert_eq!(Code::OrphanNode.severity(), Severity::Warning);
    }

    #[test]
    fn line_col_counts_characters() {
        let src = "ab\n审批 x";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 3), (2, 1));
        assert_eq!(line_col(src, src.find('x').unwrap()), (2, 4));
    }

    #[test]
    fn renders_header_location_and_hint() {
        let src = "A { # A\n  n1: rect label:\"x\"\n}\n";
        let start = src.find("rect").unwrap();
        let d = Diagnostic::new(Code::UnknownShape, start..start + 4, "unknown shape `rect`")
            .with_hint("did you mean `rectangle`?");
        let out = d.render(src, "a.fz", false);
        assert!(
            out.starts_with("error[FZ001]: unknown shape `rect`"),
            "{out}"
        );
        assert!(out.contains("--> a.fz:2:7"), "{out}");
        assert!(out.contains("^^^^"), "{out}");
        assert!(out.contains("help: did you mean `rectangle`?"), "{out}");
    }

    #[test]
    fn shifted_moves_all_spans() {
        let d = Diagnostic::new(Code::DuplicateNode, 2..4, "x").with_related(0..1, "first");
        let d = d.shifted(10);
        assert_eq!(d.span, 12..14);
        assert_eq!(d.related[0].span, 10..11);
    }
}
