//! "Did you mean …?": the likely intended word for a misspelt shape,
//! handle, attribute or lane.

use crate::ast::Shape;

/// The closest of `candidates` to `word`, if close enough to be a likely typo.
pub(super) fn nearest<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    let lower = word.to_lowercase();
    if lower.is_empty() {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for &c in candidates {
        let d = if c.to_lowercase() == lower {
            0
        } else {
            levenshtein(&lower, &c.to_lowercase())
        };
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    let (d, c) = best?;
    let limit = word.chars().count().div_ceil(3).max(1);
    (d <= limit).then_some(c)
}

pub(super) fn nearest_shape(word: &str) -> Option<&'static str> {
    let lower = word.to_lowercase();
    let alias = match lower.as_str() {
        "rect" | "box" | "square" | "process" | "step" | "rounded" => Some("rectangle"),
        "decision" | "rhombus" | "condition" | "choice" | "gateway" => Some("diamond"),
        "oval" | "ellipse" | "event" | "start" | "end" | "round" => Some("circle"),
        "task" | "card" => Some("taskbox"),
        _ => None,
    };
    if alias.is_some() {
        return alias;
    }
    if lower.len() >= 3
        && let Some(s) = Shape::ALL.iter().find(|s| s.as_str().starts_with(&lower))
    {
        return Some(s.as_str());
    }
    nearest(word, &["circle", "rectangle", "diamond", "taskbox"])
}

pub(super) fn nearest_handle(word: &str) -> Option<&'static str> {
    match word.to_lowercase().as_str() {
        "up" | "north" | "top" => return Some("top"),
        "down" | "south" | "bottom" => return Some("bottom"),
        "east" | "right" => return Some("right"),
        "west" | "left" => return Some("left"),
        _ => {}
    }
    nearest(word, &["left", "right", "top", "bottom"])
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut row = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            row[j + 1] = (prev[j + 1] + 1).min(row[j] + 1).min(prev[j] + cost);
        }
        std::mem::swap(&mut prev, &mut row);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(nearest_shape("rect"), Some("rectangle"));
        assert_eq!(nearest_shape("Diamond"), Some("diamond"));
        assert_eq!(nearest_shape("shapeType"), None);
        assert_eq!(nearest_handle("up"), Some("top"));
        assert_eq!(nearest_handle("rigth"), Some("right"));
        assert_eq!(nearest("Biling", &["Billing", "Sales"]), Some("Billing"));
    }
}
