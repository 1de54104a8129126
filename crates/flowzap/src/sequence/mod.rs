//! The sequence view: the same diagram as a UML-style sequence diagram.
//!
//! Each lane is a participant, left to right in file order, with a header
//! box at the top (and a footer box at the bottom when the drawing is
//! taller than about a screen) and a dashed lifeline. Each edge is a
//! message, one row each, top to bottom in edge order; an edge within one
//! lane is a self-message, and a message back to a participant that sent
//! this one an earlier message is a reply, drawn dashed. Each node is a step: a box on
//! its lifeline, drawn when the flow first reaches it — in the row of the
//! message that arrives at it (the arrow ends on the box), or in a row of
//! its own just before the first message it sends. Nodes no edge touches
//! come last.
//!
//! Fragments: a `loop [...]` frames the messages among its nodes, and the
//! branches leaving a diamond (two or more) are an `alt` fragment, one
//! operand per branch with its label as the guard. A fragment frames
//! exactly its messages: where other messages come between them in edge
//! order, it is drawn as several frames, one per unbroken run; frames that
//! would cross are split so that they nest.
//!
//! Inside: `plan` decides the message kinds and the fragments, `layout`
//! places everything row by row, `draw` writes the SVG.

mod draw;
mod layout;
mod plan;

use crate::ast::{Diagram, Shape};
use crate::describe::{self, MessageKind, Wording};
use crate::geom::{Point, Rect};
use crate::model::{EdgeLabel, TextLine};
pub use draw::write;
pub use layout::layout;
use plan::{groups, kinds};

/// Sizes and spacing, in px.
mod metrics {
    pub(super) const MARGIN: f32 = 16.0;
    pub(super) const HEAD_PAD_X: f32 = 14.0;
    pub(super) const HEAD_PAD_Y: f32 = 9.0;
    pub(super) const HEAD_MIN_W: f32 = 100.0;
    /// Header text wraps at this width.
    pub(super) const HEAD_TEXT_MAX: f32 = 160.0;
    pub(super) const STEP_PAD_X: f32 = 12.0;
    pub(super) const STEP_PAD_Y: f32 = 7.0;
    pub(super) const STEP_MIN_W: f32 = 96.0;
    pub(super) const STEP_MIN_H: f32 = 32.0;
    /// Step text wraps at this width.
    pub(super) const STEP_TEXT_MAX: f32 = 150.0;
    /// Clear space between the widest boxes of neighbouring participants.
    pub(super) const LANE_GAP: f32 = 36.0;
    /// Between rows.
    pub(super) const ROW_GAP: f32 = 12.0;
    /// A self-message's loop: how far right of the lifeline, how tall.
    pub(super) const SELF_W: f32 = 30.0;
    pub(super) const SELF_H: f32 = 20.0;
    /// How far right of a box a self-message into that box turns.
    pub(super) const SELF_BOX_W: f32 = 18.0;
    /// Between a message line and the pill of its label.
    pub(super) const LABEL_GAP: f32 = 3.0;
    /// Clear space on either side of a label along its message.
    pub(super) const LABEL_SIDE: f32 = 10.0;
    /// Between a fragment's frame and what it holds.
    pub(super) const FRAME_PAD: f32 = 10.0;
    /// A fragment tab's text wraps at this width.
    pub(super) const TAB_TEXT_MAX: f32 = 240.0;
    /// Taller than this (about a screen), participants are named again at
    /// the bottom.
    pub(super) const TALL: f32 = 900.0;
}

/// A participant: a lane's header (and footer) box and its lifeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Participant {
    /// The lifeline's x.
    pub x: f32,
    /// The box naming the participant, above its lifeline.
    pub header: Rect,
    /// The lane label's lines in the header.
    pub header_text: Vec<TextLine>,
    /// The same box below the lifeline, on a drawing taller than a screen.
    pub footer: Option<Rect>,
    /// The lane label's lines in the footer.
    pub footer_text: Vec<TextLine>,
    /// The lifeline runs from `lifeline.0` down to `lifeline.1`.
    pub lifeline: (f32, f32),
}

/// A node as a step on its lane's lifeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The box, centred on the lifeline.
    pub rect: Rect,
    /// The node's shape: a box, a stadium for a circle, a hexagon for a
    /// diamond.
    pub shape: Shape,
    /// The label's lines (a taskbox's title and rows).
    pub text: Vec<TextLine>,
    /// The participant (lane) whose lifeline it is on.
    pub lane: usize,
}

impl Step {
    /// Is `p` inside the step's outline (not just its bounding box)?
    pub fn outline_contains(&self, p: Point) -> bool {
        let r = &self.rect;
        if !r.contains(p) {
            return false;
        }
        let half = r.h / 2.0;
        match self.shape {
            Shape::Diamond => {
                let k = hex_inset(r.h) * ((p.y - r.cy()).abs() / half);
                p.x >= r.x + k - 0.01 && p.x <= r.right() - k + 0.01
            }
            Shape::Circle => {
                let c = if p.x < r.x + half {
                    r.x + half
                } else if p.x > r.right() - half {
                    r.right() - half
                } else {
                    return true;
                };
                (p.x - c).hypot(p.y - r.cy()) <= half + 0.01
            }
            _ => true,
        }
    }
}

/// How far a hexagon's side points reach in from its box, for height `h`.
fn hex_inset(h: f32) -> f32 {
    (h / 2.0).min(14.0)
}

/// A message: an arrow (orthogonal points, first to last) and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct MessageBox {
    /// The arrow, from the sending lifeline to the receiving one (or to
    /// the box of the step it reaches first).
    pub points: Vec<Point>,
    /// Its label; none for a branch of an `alt`, whose guard names it.
    pub label: Option<EdgeLabel>,
    /// Call, reply (dashed) or self-message.
    pub kind: MessageKind,
}

impl MessageBox {
    /// The arrow and its label, arrowhead included.
    pub fn bbox(&self) -> Rect {
        let mut r = self
            .points
            .iter()
            .fold(None::<Rect>, |acc, p| {
                let pr = Rect::new(p.x, p.y, 0.0, 0.0);
                Some(acc.map_or(pr, |a| a.union(&pr)))
            })
            .unwrap_or_default()
            .inflate(5.0);
        if let Some(l) = &self.label {
            r = r.union(&l.rect);
        }
        r
    }
}

/// What a fragment frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FragmentKind {
    /// The messages among a `loop`'s nodes.
    Loop,
    /// The branches leaving a decision, one operand each.
    Alt,
}

impl FragmentKind {
    /// The UML keyword written in the fragment's tab.
    pub fn keyword(self) -> &'static str {
        match self {
            FragmentKind::Loop => "loop",
            FragmentKind::Alt => "alt",
        }
    }
}

/// A fragment as planned: which messages it frames and how it nests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// Loop or alternatives.
    pub kind: FragmentKind,
    /// The loop (index into [`Diagram::loops`]) or the decision node
    /// (index into [`Diagram::nodes`]).
    pub owner: usize,
    /// The first message it frames (an edge index; every message from
    /// `first` to `last` is one of its own).
    pub first: usize,
    /// The last message it frames.
    pub last: usize,
    /// The fragment it lies in (index into the fragments), if any.
    pub parent: Option<usize>,
    /// How many fragments it lies in.
    pub depth: usize,
}

impl Planned {
    /// The messages it frames (edge indices).
    pub fn messages(&self) -> std::ops::RangeInclusive<usize> {
        self.first..=self.last
    }
}

/// What the sequence view draws, before any geometry: each message's kind
/// and the fragments, outermost first.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Plan {
    kinds: Vec<MessageKind>,
    fragments: Vec<Planned>,
}

/// A laid-out fragment frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Fragment {
    /// What it frames and how it nests.
    pub plan: Planned,
    /// The frame.
    pub rect: Rect,
    /// The tab at the top-left corner, with the keyword and (for a loop)
    /// its condition.
    pub tab: Rect,
    /// The tab's lines (the keyword is drawn bold).
    pub tab_text: Vec<TextLine>,
    /// An `alt`'s guards, one per operand (its first beside the tab).
    pub guards: Vec<TextLine>,
    /// The y of each dashed line between an `alt`'s operands.
    pub separators: Vec<f32>,
}

/// A laid-out sequence diagram.
#[derive(Debug, Clone, PartialEq)]
pub struct SequenceLayout {
    /// The drawing's width.
    pub width: f32,
    /// The drawing's height.
    pub height: f32,
    /// One per lane, left to right.
    pub participants: Vec<Participant>,
    /// One per node, in node order.
    pub steps: Vec<Step>,
    /// One per edge, in edge order.
    pub messages: Vec<MessageBox>,
    /// Outermost first.
    pub fragments: Vec<Fragment>,
}

/// The default accessible title: the participants, in order.
pub fn title(d: &Diagram, w: &(impl Wording + ?Sized)) -> String {
    let lanes: Vec<&str> = d.lanes.iter().map(|l| l.label.as_str()).collect();
    w.sequence_title(&w.list(&lanes))
}

/// The sequence told as text: the participants, every message in order,
/// then the loops and the alternatives.
pub fn description(d: &Diagram, w: &(impl Wording + ?Sized)) -> String {
    let lanes: Vec<&str> = d.lanes.iter().map(|l| l.label.as_str()).collect();
    let mut sentences = vec![w.sequence_summary(lanes.len(), &w.list(&lanes), d.edges.len())];
    let kinds = kinds(d);
    for (i, (e, &kind)) in d.edges.iter().zip(&kinds).enumerate() {
        let (a, b) = (&d.nodes[e.from], &d.nodes[e.to]);
        sentences.push(w.message(&describe::Message {
            number: i + 1,
            from: &d.lanes[a.lane].label,
            to: &d.lanes[b.lane].label,
            from_step: a.display_label(),
            to_step: b.display_label(),
            label: e.label.as_deref(),
            kind,
        }));
    }
    let (loops, alts) = groups(d);
    for (lp, msgs) in d.loops.iter().zip(&loops) {
        if msgs.is_empty() {
            continue;
        }
        let numbers: Vec<String> = msgs.iter().map(|m| (m + 1).to_string()).collect();
        let numbers: Vec<&str> = numbers.iter().map(String::as_str).collect();
        sentences.push(w.loop_fragment(&lp.text, &w.list(&numbers)));
    }
    for (node, branches) in &alts {
        let parts: Vec<String> = branches
            .iter()
            .map(|&m| w.branch(d.edges[m].label.as_deref(), m + 1))
            .collect();
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        sentences.push(w.alt_fragment(d.nodes[*node].display_label(), &w.list(&parts)));
    }
    w.sentences(&sentences)
}

#[cfg(test)]
mod test_support {
    use crate::ast::Diagram;

    pub(super) fn parse(src: &str) -> Diagram {
        let p = crate::parse(src);
        assert!(!p.has_errors(), "{:?}", p.diagnostics);
        p.diagram
    }

    pub(super) const CHAT: &str = r#"Client { # Client
  n1: circle label:"Start"
  n2: rectangle label:"Send request"
  n5: rectangle label:"Show result"
  n1.handle(right) -> n2.handle(left)
  n2.handle(bottom) -> Server.n3.handle(top) [label="POST /orders"]
}
Server { # Server
  n3: diamond label:"Valid?"
  n4: rectangle label:"Store order"
  n6: rectangle label:"Reject"
  n3.handle(right) -> n4.handle(left) [label="Yes"]
  n3.handle(bottom) -> n6.handle(top) [label="No"]
  n4.handle(top) -> Client.n5.handle(bottom) [label="201 Created"]
  n6.handle(top) -> Client.n5.handle(bottom) [label="422"]
  loop [until stored] n3 n4
}
"#;
}
