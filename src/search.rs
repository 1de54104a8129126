//! The search index: one UTF-8 JSON file per language,
//! `search-index.<lang>.json` at the output root, read by the theme's
//! `search.js` from static files (no server needed).
//!
//! Tokens are folded before indexing and before querying, the same way on
//! both sides (this module is the reference the script mirrors):
//!
//! - lowercase, then accents dropped (NFD, combining marks removed, NFC):
//!   `Étape` and `etape` are one token, so French matches with or without
//!   its accents;
//! - runs of letters and digits are words (a single letter is dropped);
//! - CJK text has no spaces, so each run is indexed as overlapping bigrams
//!   (`审批流程` → `审批`, `批流`, `流程`); a query is cut the same way, so a
//!   two-character word finds every text that contains it. A lone CJK
//!   character is its own token.
//!
//! The file holds the documents and a sorted term list with postings: for
//! each term a flat list of `doc, weight` pairs, the weight saying where the
//! term occurs (3 title, 2 description, tags or category, 1 text).

use crate::i18n::Catalog;
use crate::site::Site;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Index format version, bumped when the layout changes.
pub const VERSION: u32 = 1;

/// Characters of page text kept in an entry's excerpt.
const EXCERPT_CHARS: usize = 280;

/// One searchable page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Doc {
    pub url: String,
    pub title: String,
    pub description: String,
    /// The category's display name in the index's language, or empty.
    pub category: String,
    pub tags: Vec<String>,
    /// The first paragraph and the headings, cut to a short excerpt.
    pub text: String,
}

/// A language's index, as written to `search-index.<lang>.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Index {
    pub version: u32,
    pub lang: String,
    pub docs: Vec<Doc>,
    /// Sorted, distinct.
    pub terms: Vec<String>,
    /// Per term: `doc, weight, doc, weight, …`, docs ascending.
    pub postings: Vec<Vec<u32>>,
}

/// The file name of a language's index, at the output root.
pub fn file_name(lang: &str) -> String {
    format!("search-index.{lang}.json")
}

/// Lowercase, without accents: `"Déploiement"` → `"deploiement"`.
pub fn fold(s: &str) -> String {
    let lower = s.to_lowercase();
    lower
        .nfd()
        .filter(|&c| !is_combining_mark(c))
        .nfc()
        .map(|c| match c {
            'œ' => "oe".to_string(),
            'æ' => "ae".to_string(),
            'ß' => "ss".to_string(),
            other => other.to_string(),
        })
        .collect()
}

/// The tokens of `text` (folded), in order, repeats kept.
pub fn tokens(text: &str) -> Vec<String> {
    let folded = fold(text);
    let mut out = Vec::new();
    let mut word = String::new();
    let mut cjk: Vec<char> = Vec::new();
    fn flush_word(word: &mut String, out: &mut Vec<String>) {
        if word.chars().count() >= 2 {
            out.push(std::mem::take(word));
        } else {
            word.clear();
        }
    }
    fn flush_cjk(run: &mut Vec<char>, out: &mut Vec<String>) {
        match run.len() {
            0 => {}
            1 => out.push(run[0].to_string()),
            _ => out.extend(run.windows(2).map(|w| w.iter().collect::<String>())),
        }
        run.clear();
    }
    for c in folded.chars() {
        if crate::util::is_cjk(c) {
            flush_word(&mut word, &mut out);
            cjk.push(c);
        } else if c.is_alphanumeric() {
            flush_cjk(&mut cjk, &mut out);
            word.push(c);
        } else {
            flush_word(&mut word, &mut out);
            flush_cjk(&mut cjk, &mut out);
        }
    }
    flush_word(&mut word, &mut out);
    flush_cjk(&mut cjk, &mut out);
    out
}

/// `s` cut to at most `n` characters, on a word boundary when there is one.
fn excerpt(s: &str, n: usize) -> String {
    let s = s.trim();
    match s.char_indices().nth(n) {
        None => s.to_string(),
        Some((cut, _)) => {
            let head = &s[..cut];
            let head = match head.rfind(char::is_whitespace) {
                Some(i) if i > cut / 2 => &head[..i],
                _ => head,
            };
            format!("{}…", head.trim_end())
        }
    }
}

/// The searchable pages and sections of `lang` (home pages left out), in
/// the model's order.
pub fn docs(site: &Site, catalog: &Catalog, lang: &str) -> Vec<Doc> {
    site.entries
        .iter()
        .filter(|e| e.lang == lang && e.key != crate::site::HOME_KEY)
        .map(|e| {
            let category = e
                .category
                .as_ref()
                .map(|c| catalog.t(lang, &format!("category-{c}"), &[]))
                .unwrap_or_default();
            let mut text = e.body.summary.clone();
            for h in &e.body.headings {
                text.push_str(" · ");
                text.push_str(&h.text);
            }
            Doc {
                url: e.url.clone(),
                title: e.title.clone(),
                description: e.description.clone(),
                category,
                tags: e.tags.clone(),
                text: excerpt(&text, EXCERPT_CHARS),
            }
        })
        .collect()
}

impl Index {
    /// Index `docs`.
    pub fn build(lang: &str, docs: Vec<Doc>) -> Index {
        let mut map: BTreeMap<String, BTreeMap<u32, u32>> = BTreeMap::new();
        for (d, doc) in docs.iter().enumerate() {
            let d = d as u32;
            let fields: [(u32, String); 4] = [
                (3, doc.title.clone()),
                (2, doc.description.clone()),
                (2, format!("{} {}", doc.category, doc.tags.join(" "))),
                (1, doc.text.clone()),
            ];
            for (weight, text) in fields {
                for t in tokens(&text) {
                    let w = map.entry(t).or_default().entry(d).or_insert(0);
                    *w = (*w).max(weight);
                }
            }
        }
        let mut terms = Vec::with_capacity(map.len());
        let mut postings = Vec::with_capacity(map.len());
        for (term, docs) in map {
            terms.push(term);
            postings.push(docs.into_iter().flat_map(|(d, w)| [d, w]).collect());
        }
        Index {
            version: VERSION,
            lang: lang.to_string(),
            docs,
            terms,
            postings,
        }
    }

    /// The JSON file's text.
    pub fn to_json(&self) -> String {
        // Serialising plain strings and numbers cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Read an index file back.
    pub fn from_json(text: &str) -> Result<Index, String> {
        serde_json::from_str(text).map_err(|e| format!("not a search index: {e}"))
    }

    /// The documents matching every token of `query`, best first (what
    /// `search.js` does in the browser): a token matches a term equal to
    /// it (twice its weight) or starting with it (so a word being typed
    /// already matches); ties keep document order.
    pub fn query(&self, query: &str) -> Vec<usize> {
        let mut wanted = tokens(query);
        wanted.sort();
        wanted.dedup();
        if wanted.is_empty() {
            return Vec::new();
        }
        let mut total: Vec<Option<u32>> = vec![Some(0); self.docs.len()];
        for q in &wanted {
            let mut best = vec![0u32; self.docs.len()];
            for (term, postings) in self.terms.iter().zip(&self.postings) {
                let factor = if term == q {
                    2
                } else if term.starts_with(q.as_str()) {
                    1
                } else {
                    continue;
                };
                for pair in postings.chunks_exact(2) {
                    let (d, w) = (pair[0] as usize, pair[1] * factor);
                    if let Some(b) = best.get_mut(d) {
                        *b = (*b).max(w);
                    }
                }
            }
            for (t, b) in total.iter_mut().zip(best) {
                *t = match (*t, b) {
                    (Some(sum), b) if b > 0 => Some(sum + b),
                    _ => None,
                };
            }
        }
        let mut hits: Vec<(u32, usize)> = total
            .into_iter()
            .enumerate()
            .filter_map(|(d, s)| s.map(|s| (s, d)))
            .collect();
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        hits.into_iter().map(|(_, d)| d).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, description: &str) -> Doc {
        Doc {
            url: format!("/{title}/"),
            title: title.into(),
            description: description.into(),
            category: String::new(),
            tags: Vec::new(),
            text: String::new(),
        }
    }

    #[test]
    fn folding_drops_accents_and_case() {
        assert_eq!(fold("Étape Déploiement Œuvre"), "etape deploiement oeuvre");
        assert_eq!(fold("审批"), "审批");
        assert_eq!(fold("한국어"), "한국어", "hangul is recomposed");
    }

    #[test]
    fn cjk_runs_become_bigrams() {
        assert_eq!(tokens("审批流程"), ["审批", "批流", "流程"]);
        assert_eq!(
            tokens("API 密钥轮换 v2"),
            ["api", "密钥", "钥轮", "轮换", "v2"]
        );
        assert_eq!(tokens("审 a"), ["审"]);
    }

    #[test]
    fn queries_match_bigrams_accents_and_prefixes() {
        let index = Index::build(
            "x",
            vec![
                doc("密钥轮换", "定期轮换 API 密钥的审批流程"),
                doc("Déploiement", "Étape de vérification"),
                doc("Other", "nothing here"),
            ],
        );
        assert_eq!(index.query("审批"), [0]);
        assert_eq!(index.query("批审"), Vec::<usize>::new());
        assert_eq!(index.query("verification"), [1]);
        assert_eq!(index.query("VÉRIF"), [1]);
        assert_eq!(index.query("deploiement etape"), [1]);
        assert_eq!(index.query("deploiement nothing"), Vec::<usize>::new());
        assert!(index.query("  ").is_empty());
        let back = Index::from_json(&index.to_json()).unwrap();
        assert_eq!(back, index);
    }

    #[test]
    fn excerpts_cut_on_words() {
        assert_eq!(excerpt("short", 10), "short");
        assert_eq!(excerpt("one two three four", 10), "one two…");
        assert_eq!(excerpt("审批流程审批流程", 4), "审批流程…");
    }
}
