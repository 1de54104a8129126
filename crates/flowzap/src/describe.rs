//! A diagram told as text, for screen readers: the accessible title and the
//! `<desc>` of its SVG, in the reader's language.
//!
//! The sentences come from a [`Wording`]; [`English`] is built in, and a
//! site supplies one per page language (zapdoc's comes from Fluent), so
//! this module needs no translation machinery of its own.

use crate::ast::{Diagram, Shape};

/// The sentences a description is made of, in one language. Each method
/// returns a whole sentence with its closing punctuation, or a phrase where
/// it says so; labels arrive as written and are escaped by the SVG writer.
pub trait Wording {
    /// The title of a diagram its page gives no title: `lanes` is the list
    /// of its lane labels, joined by [`Wording::list`].
    fn title(&self, lanes: &str) -> String;
    /// The opening sentence, for a diagram of `lanes` lanes.
    fn summary(&self, lanes: usize) -> String;
    /// A phrase: one node, named and said what kind of node it is.
    fn step(&self, label: &str, shape: Shape) -> String;
    /// A lane and its nodes (`steps`, a list of [`Wording::step`]s).
    fn lane(&self, lane: &str, steps: &str) -> String;
    /// A lane with no nodes.
    fn empty_lane(&self, lane: &str) -> String;
    /// A connector from `from` to `to`; `to_lane` when the target is in
    /// another lane than the source, `label` when the connector has one.
    fn edge(&self, from: &str, to: &str, to_lane: Option<&str>, label: Option<&str>) -> String;
    /// A `loop [text]` annotation around `steps` (a list of node labels).
    fn repeat(&self, text: &str, steps: &str) -> String;
    /// Items joined into a list.
    fn list(&self, items: &[&str]) -> String {
        items.join(", ")
    }
    /// Sentences joined into the description.
    fn sentences(&self, sentences: &[String]) -> String {
        sentences.join(" ")
    }

    // The sequence and architecture views. Each has an English default, so
    // a wording written before these views still compiles (and describes
    // them in English).

    /// The title of a sequence diagram its page gives no title:
    /// `participants` is the list of its lane labels.
    fn sequence_title(&self, participants: &str) -> String {
        format!("Sequence diagram: {participants}")
    }
    /// The opening sentence of a sequence diagram: `count` participants,
    /// listed in `participants`, exchanging `messages` messages.
    fn sequence_summary(&self, count: usize, participants: &str, messages: usize) -> String {
        let p = if count == 1 {
            "participant"
        } else {
            "participants"
        };
        let m = if messages == 1 { "message" } else { "messages" };
        format!("Sequence diagram with {count} {p} ({participants}) and {messages} {m}.")
    }
    /// One message of a sequence diagram.
    fn message(&self, m: &Message<'_>) -> String {
        let who = match m.kind {
            MessageKind::Call => format!("{} to {}", m.from, m.to),
            MessageKind::Reply => format!("reply from {} to {}", m.from, m.to),
            MessageKind::SelfCall => format!("{} to itself", m.from),
        };
        match m.label {
            Some(label) => format!(
                "Message {}, {who}: {label} ({} to {}).",
                m.number, m.from_step, m.to_step
            ),
            None => format!(
                "Message {}, {who} ({} to {}).",
                m.number, m.from_step, m.to_step
            ),
        }
    }
    /// A `loop` fragment around the messages numbered `numbers` (a list).
    fn loop_fragment(&self, text: &str, numbers: &str) -> String {
        format!("Loop, {text}: messages {numbers}.")
    }
    /// An `alt` fragment: the branches leaving `decision`, a list of
    /// [`Wording::branch`]es.
    fn alt_fragment(&self, decision: &str, branches: &str) -> String {
        format!("Alternatives after {decision}: {branches}.")
    }
    /// A phrase: one branch of an `alt` fragment, message `number`, with
    /// its guard when the connector has a label.
    fn branch(&self, guard: Option<&str>, number: usize) -> String {
        match guard {
            Some(g) => format!("{g} (message {number})"),
            None => format!("message {number}"),
        }
    }
    /// The title of an architecture diagram its page gives no title.
    fn architecture_title(&self, components: &str) -> String {
        format!("Architecture diagram: {components}")
    }
    /// The opening sentence of an architecture diagram.
    fn architecture_summary(&self, count: usize) -> String {
        if count == 1 {
            "Architecture diagram with 1 component.".to_string()
        } else {
            format!("Architecture diagram with {count} components.")
        }
    }
    /// A phrase drawn in a component box (and read in its sentence): how
    /// many steps its lane has, and how many of them are decisions.
    fn component_counts(&self, steps: usize, decisions: usize) -> String {
        let s = if steps == 1 { "step" } else { "steps" };
        match decisions {
            0 => format!("{steps} {s}"),
            1 => format!("{steps} {s} · 1 decision"),
            d => format!("{steps} {s} · {d} decisions"),
        }
    }
    /// A component: its name, its kind, its counts
    /// ([`Wording::component_counts`]) and the list of its decisions'
    /// labels (empty when it has none).
    fn component(&self, name: &str, kind: ComponentKind, counts: &str, decisions: &str) -> String {
        let kind = match kind {
            ComponentKind::Service => "Component",
            ComponentKind::Store => "Data store",
            ComponentKind::Queue => "Queue",
        };
        if decisions.is_empty() {
            format!("{kind} {name}: {counts}.")
        } else {
            format!("{kind} {name}: {counts}; decides {decisions}.")
        }
    }
    /// A dependency arrow: `from` sends to `to`; `labels` lists the labels
    /// of the connectors it stands for, when any has one.
    fn dependency(&self, from: &str, to: &str, labels: Option<&str>) -> String {
        match labels {
            Some(l) => format!("{from} sends to {to}: {l}."),
            None => format!("{from} sends to {to}."),
        }
    }
    /// A short phrase drawn after the first few labels of an arrow: how
    /// many more there are.
    fn more(&self, n: usize) -> String {
        format!("+{n} more")
    }
}

/// What kind of message a sequence diagram draws for a connector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MessageKind {
    /// A message to another participant.
    Call,
    /// A message back to a participant that sent this one an earlier
    /// message: drawn dashed.
    Reply,
    /// A connector within one lane.
    SelfCall,
}

impl MessageKind {
    /// A name for the kind (`call`, `reply`, `self`), for wordings that
    /// look words up by key.
    pub fn as_str(self) -> &'static str {
        match self {
            MessageKind::Call => "call",
            MessageKind::Reply => "reply",
            MessageKind::SelfCall => "self",
        }
    }
}

/// One message of a sequence diagram, told as text: participants (lane
/// labels), the steps (node labels) it leaves and reaches, its label.
#[derive(Debug, Clone, Copy)]
pub struct Message<'a> {
    /// From 1, in edge order.
    pub number: usize,
    /// The sending participant's label.
    pub from: &'a str,
    /// The receiving participant's label.
    pub to: &'a str,
    /// The label of the step it leaves.
    pub from_step: &'a str,
    /// The label of the step it reaches.
    pub to_step: &'a str,
    /// The connector's label, if it has one.
    pub label: Option<&'a str>,
    /// Call, reply or self-message.
    pub kind: MessageKind,
}

/// What an architecture component is drawn as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ComponentKind {
    /// A box.
    Service,
    /// A lane named like a database, store or cache: a cylinder.
    Store,
    /// A lane named like a queue, bus, topic or stream: a cylinder on its side.
    Queue,
}

impl ComponentKind {
    /// A name for the kind (`service`, `store`, `queue`): the SVG class
    /// `fz-{name}`, and a key for wordings.
    pub fn as_str(self) -> &'static str {
        match self {
            ComponentKind::Service => "service",
            ComponentKind::Store => "store",
            ComponentKind::Queue => "queue",
        }
    }
}

/// The built-in English wording.
#[derive(Debug, Clone, Copy, Default)]
pub struct English;

impl Wording for English {
    fn title(&self, lanes: &str) -> String {
        format!("Diagram: {lanes}")
    }

    fn summary(&self, lanes: usize) -> String {
        if lanes == 1 {
            "Swimlane diagram with 1 lane.".to_string()
        } else {
            format!("Swimlane diagram with {lanes} lanes.")
        }
    }

    fn step(&self, label: &str, shape: Shape) -> String {
        let kind = match shape {
            Shape::Circle => "event",
            Shape::Rectangle => "step",
            Shape::Diamond => "decision",
            Shape::Taskbox => "task",
        };
        format!("{label} ({kind})")
    }

    fn lane(&self, lane: &str, steps: &str) -> String {
        format!("Lane {lane}: {steps}.")
    }

    fn empty_lane(&self, lane: &str) -> String {
        format!("Lane {lane}: empty.")
    }

    fn edge(&self, from: &str, to: &str, to_lane: Option<&str>, label: Option<&str>) -> String {
        let mut s = format!("{from} leads to {to}");
        if let Some(lane) = to_lane {
            s.push_str(" in ");
            s.push_str(lane);
        }
        if let Some(label) = label {
            s.push_str(" (");
            s.push_str(label);
            s.push(')');
        }
        s.push('.');
        s
    }

    fn repeat(&self, text: &str, steps: &str) -> String {
        format!("Loop, {text}: {steps}.")
    }
}

/// The default accessible title: the lanes, in order.
pub fn title(d: &Diagram, w: &(impl Wording + ?Sized)) -> String {
    let lanes: Vec<&str> = d.lanes.iter().map(|l| l.label.as_str()).collect();
    w.title(&w.list(&lanes))
}

/// The diagram told as text: lanes with their steps, then every connection
/// with its label, then the loops.
pub fn description(d: &Diagram, w: &(impl Wording + ?Sized)) -> String {
    let mut sentences = vec![w.summary(d.lanes.len())];
    for (li, lane) in d.lanes.iter().enumerate() {
        let steps: Vec<String> = d
            .nodes
            .iter()
            .filter(|n| n.lane == li)
            .map(|n| w.step(n.display_label(), n.shape))
            .collect();
        sentences.push(if steps.is_empty() {
            w.empty_lane(&lane.label)
        } else {
            let steps: Vec<&str> = steps.iter().map(String::as_str).collect();
            w.lane(&lane.label, &w.list(&steps))
        });
    }
    for e in &d.edges {
        let (a, b) = (&d.nodes[e.from], &d.nodes[e.to]);
        let to_lane = (a.lane != b.lane).then(|| d.lanes[b.lane].label.as_str());
        sentences.push(w.edge(
            a.display_label(),
            b.display_label(),
            to_lane,
            e.label.as_deref(),
        ));
    }
    for lp in &d.loops {
        let names: Vec<&str> = lp
            .nodes
            .iter()
            .map(|&n| d.nodes[n].display_label())
            .collect();
        sentences.push(w.repeat(&lp.text, &w.list(&names)));
    }
    w.sentences(&sentences)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = r#"A { # Front
  n1: circle label:"Start"
  n2: diamond label:"Ok?"
  n1.handle(right) -> n2.handle(left)
  n2.handle(bottom) -> B.n3.handle(top) [label="No"]
  loop [twice] n1 n2
}
B { # Back
  n3: rectangle label:"Fix"
}
C { # Idle
}
"#;

    #[test]
    fn english_tells_lanes_steps_connections_and_loops() {
        let parsed = crate::parse(SRC);
        assert!(!parsed.has_errors());
        assert_eq!(
            description(&parsed.diagram, &English),
            "Swimlane diagram with 3 lanes. Lane Front: Start (event), Ok? (decision). \
             Lane Back: Fix (step). Lane Idle: empty. Start leads to Ok?. \
             Ok? leads to Fix in Back (No). Loop, twice: Start, Ok?."
        );
        assert_eq!(
            title(&parsed.diagram, &English),
            "Diagram: Front, Back, Idle"
        );
    }

    /// Another wording changes every sentence and how they are joined.
    #[test]
    fn a_wording_decides_the_words_and_the_joins() {
        struct Terse;
        impl Wording for Terse {
            fn title(&self, lanes: &str) -> String {
                format!("T[{lanes}]")
            }
            fn summary(&self, lanes: usize) -> String {
                format!("S{lanes}")
            }
            fn step(&self, label: &str, _: Shape) -> String {
                label.to_string()
            }
            fn lane(&self, lane: &str, steps: &str) -> String {
                format!("L{lane}={steps}")
            }
            fn empty_lane(&self, lane: &str) -> String {
                format!("L{lane}=0")
            }
            fn edge(&self, from: &str, to: &str, _: Option<&str>, _: Option<&str>) -> String {
                format!("{from}>{to}")
            }
            fn repeat(&self, text: &str, steps: &str) -> String {
                format!("R{text}={steps}")
            }
            fn list(&self, items: &[&str]) -> String {
                items.join("、")
            }
            fn sentences(&self, sentences: &[String]) -> String {
                sentences.join("|")
            }
        }
        let parsed = crate::parse(SRC);
        assert_eq!(
            description(&parsed.diagram, &Terse),
            "S3|LFront=Start、Ok?|LBack=Fix|LIdle=0|Start>Ok?|Ok?>Fix|Rtwice=Start、Ok?"
        );
        assert_eq!(title(&parsed.diagram, &Terse), "T[Front、Back、Idle]");
    }
}
