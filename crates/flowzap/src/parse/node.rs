//! `n1: shape key:"value" …`: a node, its shape and its attributes.

use super::lex::{Cursor, Line, is_node_id};
use super::suggest::{nearest, nearest_shape};
use super::{MAX_NODES, Parser, shown};
use crate::ast::{Node, Shape, Span};
use crate::diagnostic::{Code, Diagnostic};

/// The attributes a node may have (`label:"…"`, …), as the language
/// spells them: for editors and highlighters that should agree with the
/// parser.
pub const NODE_ATTRIBUTES: [&str; 4] = ["label", "owner", "description", "system"];

impl<'a> Parser<'a> {
    /// A node statement; `colon` is where the `:` after its id is.
    pub(super) fn node(&mut self, line: Line<'a>, colon: usize) {
        let t = line.text;
        let id = t[..colon].trim();
        let id_span = line.sub(0..id.len());
        let mut ok = true;
        if !is_node_id(id) {
            ok = false;
            self.diags.push(
                Diagnostic::new(
                    Code::InvalidNodeId,
                    id_span.clone(),
                    format!("`{}` is not a node id", shown(id)),
                )
                .with_hint("node ids are `n` followed by digits: n1, n2, n3, …"),
            );
        }
        let mut cur = Cursor::new(t, colon + 1);
        cur.skip_ws();
        let shape = self.shape(&mut cur, line, colon);
        ok &= shape.is_some();
        let mut node = Node {
            id: id.to_string(),
            lane: self.current.unwrap_or(0),
            shape: shape.unwrap_or(Shape::Rectangle),
            label: String::new(),
            owner: None,
            description: None,
            system: None,
            span: id_span.clone(),
        };
        ok &= self.attributes(&mut cur, line, &mut node);
        if node.shape == Shape::Taskbox && node.label.is_empty() {
            // FlowZap's documented taskbox has no label: its title is the
            // description, then the system, then the owner.
            if let Some(title) = [&node.description, &node.system, &node.owner]
                .into_iter()
                .flatten()
                .find(|v| !v.is_empty())
            {
                node.label = title.clone();
            }
        }
        self.declare(node, id, id_span, line, ok);
    }

    /// The shape keyword after the `:` at `colon`; `None` after reporting
    /// a missing or unknown one.
    fn shape(&mut self, cur: &mut Cursor<'a>, line: Line<'a>, colon: usize) -> Option<Shape> {
        let (shape_word, shape_range) = cur.word();
        if let Some(s) = Shape::from_keyword(shape_word) {
            return Some(s);
        }
        let (span, message) = if shape_word.is_empty() {
            (
                line.sub(colon..colon + 1),
                "a node needs a shape after `:`".to_string(),
            )
        } else {
            (
                line.sub(shape_range),
                format!("unknown shape `{}`", shown(shape_word)),
            )
        };
        let hint = match nearest_shape(shape_word) {
            Some(s) => format!("did you mean `{s}`?"),
            None => "the shapes are circle, rectangle, diamond and taskbox".to_string(),
        };
        self.diags
            .push(Diagnostic::new(Code::UnknownShape, span, message).with_hint(hint));
        None
    }

    /// Attributes, `KEY ':' STRING` repeated to the end of the line, read
    /// into `node`; false when one could not be read (the rest of the line
    /// is skipped).
    fn attributes(&mut self, cur: &mut Cursor<'a>, line: Line<'a>, node: &mut Node) -> bool {
        let t = line.text;
        loop {
            cur.skip_ws();
            if cur.at_end() {
                return true;
            }
            let key_start = cur.pos;
            let (key, key_range) = cur.word();
            if key.is_empty() {
                self.diags.push(
                    Diagnostic::new(
                        Code::UnrecognizedLine,
                        line.sub(key_start..t.len()),
                        "expected an attribute such as `label:\"…\"`",
                    )
                    .with_hint("node attributes are written `label:\"text\"`"),
                );
                return false;
            }
            cur.skip_ws();
            match cur.peek() {
                Some(':') => cur.bump(),
                Some('=') => {
                    cur.bump();
                    self.diags.push(
                        Diagnostic::new(
                            Code::AttributeEquals,
                            line.sub(key_range.start..cur.pos),
                            format!("node attribute written `{key}=`"),
                        )
                        .with_hint(format!("write `{key}:\"…\"`")),
                    );
                }
                _ => {
                    self.diags.push(
                        Diagnostic::new(
                            Code::UnrecognizedLine,
                            line.sub(key_range.clone()),
                            format!("expected `:` after `{key}`"),
                        )
                        .with_hint(format!("write `{key}:\"…\"`")),
                    );
                    return false;
                }
            }
            cur.skip_ws();
            let Some(value) = self.string(cur, line) else {
                return false;
            };
            match key {
                "label" => node.label = value,
                "owner" => node.owner = Some(value),
                "description" => node.description = Some(value),
                "system" => node.system = Some(value),
                other => self.unknown_attribute(other, line.sub(key_range)),
            }
        }
    }

    /// An attribute that is not one of [`NODE_ATTRIBUTES`]: ignored, reported.
    fn unknown_attribute(&mut self, key: &str, span: Span) {
        let hint = match nearest(key, &NODE_ATTRIBUTES) {
            Some(k) => format!(
                "did you mean `{k}`? The attributes are label, owner, description and system"
            ),
            None => "the attributes are label, owner, description and system".to_string(),
        };
        self.diags.push(
            Diagnostic::new(
                Code::UnknownAttribute,
                span,
                format!("unknown attribute `{}`", shown(key)),
            )
            .with_label("ignored")
            .with_hint(hint),
        );
    }

    /// Add `node` (id `id`) to the diagram, unless it is outside any lane,
    /// unreadable (`ok` false) with an invalid id, or a duplicate.
    fn declare(&mut self, node: Node, id: &'a str, id_span: Span, line: Line<'a>, ok: bool) {
        if self.current.is_none() {
            self.diags.push(
                Diagnostic::new(
                    Code::OutsideLane,
                    line.span(),
                    format!("node `{}` is outside any lane", shown(id)),
                )
                .with_hint("declare nodes inside a lane block: `Lane { # Label` … `}`"),
            );
            return;
        }
        if !ok && !is_node_id(id) {
            return;
        }
        if let Some(&first) = self.node_index.get(id) {
            let first_span = self.nodes[first].span.clone();
            self.diags.push(
                Diagnostic::new(
                    Code::DuplicateNode,
                    id_span,
                    format!("node `{}` is declared twice", shown(id)),
                )
                .with_label("declared again here")
                .with_related(first_span, "first declared here")
                .with_hint("node ids are unique across the whole diagram, in every lane"),
            );
            return;
        }
        self.over_limit("nodes", self.nodes.len(), MAX_NODES, line);
        self.node_index.insert(id, self.nodes.len());
        self.nodes.push(node);
    }
}

#[cfg(test)]
mod tests {
    use crate::parse;

    #[test]
    fn a_label_less_taskbox_is_titled_by_description_then_system_then_owner() {
        let p = parse(
            "A { # A\nn1: taskbox owner:\"Ann\" description:\"Check\" system:\"ERP\"\nn2: taskbox owner:\"Ann\" system:\"ERP\"\nn3: taskbox owner:\"Ann\"\nn4: taskbox label:\"Own\" owner:\"Ann\"\n}\n",
        );
        let titles: Vec<&str> = p.diagram.nodes.iter().map(|n| n.label.as_str()).collect();
        assert_eq!(titles, ["Check", "ERP", "Ann", "Own"]);
        assert_eq!(p.diagram.nodes[0].owner.as_deref(), Some("Ann"));
    }
}
