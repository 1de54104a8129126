//! The architecture view: each lane is a component, each ordered pair of
//! lanes with connectors between them one dependency arrow.
//!
//! A component box shows the lane's label and a short summary: how many
//! steps it has, how many are decisions, and the first decisions' labels.
//! Arrows are labelled with the distinct labels of the connectors they
//! stand for, the first three, then "+N more".
//!
//! Placement is layered by dependency: the arrows, in the order their
//! first connector is written, make a graph whose cycles are broken by
//! that order; each component sits in the layer after the longest chain
//! leading to it, layers left to right, and within a layer components are
//! ordered by the barycentre of their neighbours. Arrows are routed by the
//! workflow's orthogonal router over that grid: forward arrows from the
//! right side to the left side, an arrow back to the previous layer from
//! the left side to the right side (beside its forward twin), one back
//! further from bottom to bottom, under the components between.
//!
//! Shapes: a lane whose id or label names a store — database, db, store,
//! storage, cache, repository, warehouse (数据库, 存储, 缓存, base de
//! données) — is a cylinder standing up, the usual database symbol; one
//! that names a queue — queue, bus, topic, stream, broker (队列, 总线, file
//! d'attente) — is a cylinder on its side, the usual queue symbol (as C4
//! draws them). Everything else is a rounded box.
//!
//! Inside: `layout` places components and routes the arrows, `draw`
//! writes the SVG.

mod draw;
mod layout;

use crate::ast::{Diagram, Handle, Lane, Node, Shape};
use crate::describe::{ComponentKind, Wording};
use crate::geom::{Point, Rect};
use crate::model::{EdgePath, TextLine};
pub use draw::write;
pub use layout::layout;

/// Labels written on an arrow before "+N more".
const MAX_LABELS: usize = 3;

pub(crate) use metrics::{CAP, SIDE_CAP};

/// Sizes and spacing, in px.
mod metrics {
    /// Left and right of the components.
    pub(super) const MARGIN_X: f32 = 40.0;
    /// Above the components when no arrow runs over them.
    pub(super) const MARGIN_TOP: f32 = 32.0;
    /// Below the components when no arrow runs under them.
    pub(super) const MARGIN_BOTTOM: f32 = 40.0;
    /// Below the components when arrows run under them.
    pub(super) const MARGIN_UNDER: f32 = 72.0;
    /// Between a box's outline and its text.
    pub(super) const PAD_X: f32 = 16.0;
    pub(super) const PAD_Y: f32 = 12.0;
    /// The smallest box.
    pub(super) const MIN_W: f32 = 160.0;
    pub(super) const MIN_H: f32 = 64.0;
    /// Box text wraps at this width.
    pub(super) const TEXT_MAX: f32 = 180.0;
    /// Between layers, before arrow labels widen the gap.
    pub(super) const COL_GAP: f32 = 96.0;
    /// Between components in one layer.
    pub(super) const ROW_GAP: f32 = 72.0;
    /// A cylinder's cap: the half-height of the ellipse of one standing
    /// up, the half-width of one on its side.
    pub(crate) const CAP: f32 = 8.0;
    pub(crate) const SIDE_CAP: f32 = 11.0;
    /// The small diamond before a decision's label.
    pub(super) const MARK: f32 = 9.0;
    /// Decisions listed in a box before "+N more".
    pub(super) const MAX_DECISIONS: usize = 2;
}

/// A lane as a component box.
#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    /// The bounding box, as tall as its row.
    pub rect: Rect,
    /// Box, store (a standing cylinder) or queue (a lying one).
    pub kind: ComponentKind,
    /// The lane label, its counts and its first decisions.
    pub text: Vec<TextLine>,
    /// The small diamonds before decision labels.
    pub marks: Vec<Rect>,
    /// Its layer (column), after the longest chain of dependencies
    /// leading to it.
    pub layer: usize,
    /// Its place in the layer, top to bottom.
    pub row: usize,
}

impl Component {
    /// Where text may go: inside the outline, clear of the caps.
    pub fn inner(&self) -> Rect {
        let r = self.rect;
        match self.kind {
            ComponentKind::Service => r.inflate(-2.0),
            ComponentKind::Store => {
                Rect::new(r.x + 2.0, r.y + 2.0 * CAP, r.w - 4.0, r.h - 3.0 * CAP)
            }
            ComponentKind::Queue => {
                Rect::new(r.x + SIDE_CAP, r.y + 2.0, r.w - 3.0 * SIDE_CAP, r.h - 4.0)
            }
        }
    }

    /// The point of the outline reached from `p` (a point on the bounding
    /// box's `side`) by moving straight inwards: on a cylinder's round cap
    /// that is inside the box.
    pub fn on_outline(&self, side: Handle, p: Point) -> Point {
        let r = self.rect;
        let cap = |off: f32, half: f32, depth: f32| {
            depth - depth * (1.0 - (off / half).powi(2)).max(0.0).sqrt()
        };
        match (self.kind, side) {
            (ComponentKind::Store, Handle::Top) => {
                Point::new(p.x, r.y + cap(p.x - r.cx(), r.w / 2.0, CAP))
            }
            (ComponentKind::Store, Handle::Bottom) => {
                Point::new(p.x, r.bottom() - cap(p.x - r.cx(), r.w / 2.0, CAP))
            }
            (ComponentKind::Queue, Handle::Left) => {
                Point::new(r.x + cap(p.y - r.cy(), r.h / 2.0, SIDE_CAP), p.y)
            }
            (ComponentKind::Queue, Handle::Right) => {
                Point::new(r.right() - cap(p.y - r.cy(), r.h / 2.0, SIDE_CAP), p.y)
            }
            _ => p,
        }
    }
}

/// One arrow: every connector from lane `from` to lane `to`.
#[derive(Debug, Clone, PartialEq)]
pub struct Dependency {
    /// The lane the connectors leave.
    pub from: usize,
    /// The lane they reach.
    pub to: usize,
    /// The connectors, in edge order.
    pub edges: Vec<usize>,
    /// The side of `from`'s component the arrow leaves by.
    pub from_side: Handle,
    /// The side of `to`'s component it enters by.
    pub to_side: Handle,
    /// The routed arrow, labelled with the connectors' distinct labels.
    pub path: EdgePath,
}

/// A laid-out architecture diagram.
#[derive(Debug, Clone, PartialEq)]
pub struct ArchitectureLayout {
    /// The drawing's width.
    pub width: f32,
    /// The drawing's height.
    pub height: f32,
    /// One per lane, in lane order.
    pub components: Vec<Component>,
    /// One per ordered pair of lanes with connectors between them, in the
    /// order their first connector is written.
    pub dependencies: Vec<Dependency>,
}

/// Words of a lane's id and label: split at anything not a letter or a
/// digit and between a lower-case letter and an upper-case one, lowered.
fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// What a lane is drawn as, from the words of its id and label.
fn kind_of(lane: &Lane) -> ComponentKind {
    const QUEUE: &[&str] = &[
        "queue", "queues", "bus", "topic", "topics", "stream", "streams", "broker", "mq", "kafka",
        "pubsub", "sqs", "sns",
    ];
    const STORE: &[&str] = &[
        "database",
        "databases",
        "db",
        "dbs",
        "datastore",
        "store",
        "stores",
        "storage",
        "cache",
        "caches",
        "repository",
        "repo",
        "warehouse",
        "bdd",
    ];
    let text = format!("{} {}", lane.id, lane.label);
    let ws = words(&lane.id)
        .into_iter()
        .chain(words(&lane.label))
        .collect::<Vec<_>>();
    let lower = text.to_lowercase();
    let any = |list: &[&str], suffixes: &[&str]| {
        ws.iter()
            .any(|w| list.contains(&w.as_str()) || suffixes.iter().any(|s| w.ends_with(s)))
    };
    if any(QUEUE, &["queue", "bus"])
        || ["队列", "总线", "file d'attente", "file d’attente"]
            .iter()
            .any(|k| lower.contains(k))
    {
        ComponentKind::Queue
    } else if any(STORE, &["store", "db", "database", "cache"])
        || ["数据库", "存储", "缓存", "base de données", "entrepôt"]
            .iter()
            .any(|k| lower.contains(k))
    {
        ComponentKind::Store
    } else {
        ComponentKind::Service
    }
}

/// The dependencies, one per ordered pair of lanes with connectors from
/// the first to the second, in the order their first connector is written.
pub fn dependencies(d: &Diagram) -> Vec<(usize, usize, Vec<usize>)> {
    let mut out: Vec<(usize, usize, Vec<usize>)> = Vec::new();
    for (i, e) in d.edges.iter().enumerate() {
        let (a, b) = (d.nodes[e.from].lane, d.nodes[e.to].lane);
        if a == b {
            continue;
        }
        match out.iter_mut().find(|(x, y, _)| (*x, *y) == (a, b)) {
            Some(dep) => dep.2.push(i),
            None => out.push((a, b, vec![i])),
        }
    }
    out
}

/// The distinct labels of `edges`, in order.
fn distinct_labels<'a>(d: &'a Diagram, edges: &[usize]) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for &i in edges {
        if let Some(l) = d.edges[i].label.as_deref()
            && !out.contains(&l)
        {
            out.push(l);
        }
    }
    out
}

/// The text of an arrow: its first labels, one a line, then "+N more".
fn arrow_text(d: &Diagram, edges: &[usize], w: &(impl Wording + ?Sized)) -> Option<String> {
    let labels = distinct_labels(d, edges);
    if labels.is_empty() {
        return None;
    }
    let mut lines: Vec<String> = labels
        .iter()
        .take(MAX_LABELS)
        .map(|s| s.to_string())
        .collect();
    if labels.len() > MAX_LABELS {
        lines.push(w.more(labels.len() - MAX_LABELS));
    }
    Some(lines.join("\n"))
}

/// A lane's counts: nodes, and how many are decisions; and its decisions.
fn counts(d: &Diagram, lane: usize) -> (usize, Vec<&str>) {
    let nodes: Vec<&Node> = d.nodes.iter().filter(|n| n.lane == lane).collect();
    let decisions = nodes
        .iter()
        .filter(|n| n.shape == Shape::Diamond)
        .map(|n| n.display_label())
        .collect();
    (nodes.len(), decisions)
}

/// The default accessible title: the components, in lane order.
pub fn title(d: &Diagram, w: &(impl Wording + ?Sized)) -> String {
    let lanes: Vec<&str> = d.lanes.iter().map(|l| l.label.as_str()).collect();
    w.architecture_title(&w.list(&lanes))
}

/// The architecture told as text: the components with their summaries,
/// then every dependency with all its labels.
pub fn description(d: &Diagram, w: &(impl Wording + ?Sized)) -> String {
    let mut sentences = vec![w.architecture_summary(d.lanes.len())];
    for (li, lane) in d.lanes.iter().enumerate() {
        let (steps, decisions) = counts(d, li);
        sentences.push(w.component(
            &lane.label,
            kind_of(lane),
            &w.component_counts(steps, decisions.len()),
            &if decisions.is_empty() {
                String::new()
            } else {
                w.list(&decisions)
            },
        ));
    }
    for (a, b, edges) in dependencies(d) {
        let labels = distinct_labels(d, &edges);
        let list = (!labels.is_empty()).then(|| w.list(&labels));
        sentences.push(w.dependency(&d.lanes[a].label, &d.lanes[b].label, list.as_deref()));
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

    pub(super) const SRC: &str = r#"Web { # Web app
  n1: circle label:"Start"
  n2: rectangle label:"Submit"
  n1.handle(right) -> n2.handle(left)
  n2.handle(bottom) -> Api.n3.handle(top) [label="POST"]
}
Api { # API
  n3: diamond label:"Valid?"
  n4: rectangle label:"Save"
  n3.handle(right) -> n4.handle(left) [label="Yes"]
  n3.handle(top) -> Web.n2.handle(bottom) [label="400"]
  n4.handle(bottom) -> Db.n5.handle(top) [label="INSERT"]
  n4.handle(bottom) -> Db.n6.handle(top) [label="UPDATE"]
  n4.handle(bottom) -> Db.n6.handle(top) [label="UPSERT"]
  n4.handle(bottom) -> Db.n6.handle(top) [label="DELETE"]
  n4.handle(bottom) -> Db.n6.handle(top) [label="INSERT"]
}
Db { # Orders database
  n5: rectangle label:"Write row"
  n6: rectangle label:"Commit"
}
"#;
}

#[cfg(test)]
mod tests {
    use super::test_support::{SRC, parse};
    use super::*;
    use crate::describe::English;

    fn lane(id: &str, label: &str) -> Lane {
        Lane {
            id: id.to_string(),
            label: label.to_string(),
            span: 0..0,
        }
    }

    #[test]
    fn stores_and_queues_are_told_by_their_names() {
        use ComponentKind::*;
        for (id, label, kind) in [
            ("database", "Database", Store),
            ("OrdersDB", "Orders", Store),
            ("Cache", "Redis cache", Store),
            ("KeyStore", "Keys", Store),
            ("数据", "用户数据库", Store),
            ("Donnees", "Base de données", Store),
            ("RetryQueue", "Retry Queue", Queue),
            ("events", "Event bus", Queue),
            ("Kafka", "Orders topic", Queue),
            ("Jobs", "任务队列", Queue),
            ("KeyVault", "Key Vault", Service),
            ("Scheduler", "Scheduler", Service),
            ("Debug", "Debugger", Service),
        ] {
            assert_eq!(kind_of(&lane(id, label)), kind, "{id} {label}");
        }
    }

    #[test]
    fn one_arrow_per_ordered_pair_with_its_first_labels() {
        let d = parse(SRC);
        let deps = dependencies(&d);
        let pairs: Vec<(usize, usize, usize)> =
            deps.iter().map(|(a, b, e)| (*a, *b, e.len())).collect();
        assert_eq!(pairs, [(0, 1, 1), (1, 0, 1), (1, 2, 5)]);
        assert_eq!(
            arrow_text(&d, &deps[2].2, &English).as_deref(),
            Some("INSERT\nUPDATE\nUPSERT\n+1 more")
        );
    }

    #[test]
    fn the_description_names_components_and_all_labels() {
        let d = parse(SRC);
        let text = description(&d, &English);
        assert!(
            text.starts_with("Architecture diagram with 3 components."),
            "{text}"
        );
        assert!(
            text.contains("Component API: 2 steps · 1 decision; decides Valid?."),
            "{text}"
        );
        assert!(
            text.contains("Data store Orders database: 2 steps."),
            "{text}"
        );
        assert!(
            text.contains("API sends to Orders database: INSERT, UPDATE, UPSERT, DELETE."),
            "{text}"
        );
    }

    #[test]
    fn words_split_ids_and_labels() {
        assert_eq!(words("RetryQueue"), ["retry", "queue"]);
        assert_eq!(words("order_db-2"), ["order", "db", "2"]);
        assert_eq!(words("Key Vault"), ["key", "vault"]);
    }
}
