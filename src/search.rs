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
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
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
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s
        .to_lowercase()
        .nfd()
        .filter(|&c| !is_combining_mark(c))
        .nfc()
    {
        match c {
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            other => out.push(other),
        }
    }
    out
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
    // A category's name is a Fluent lookup: once per category.
    let mut names: HashMap<&str, String> = HashMap::new();
    for c in site.entries.iter().filter_map(|e| e.category.as_deref()) {
        if !names.contains_key(c) {
            names.insert(c, catalog.t(lang, &format!("category-{c}"), &[]));
        }
    }
    site.entries
        .iter()
        .filter(|e| e.lang == lang && e.key != crate::site::HOME_KEY)
        .map(|e| {
            let category = e
                .category
                .as_deref()
                .and_then(|c| names.get(c).cloned())
                .unwrap_or_default();
            let mut text = e.body.summary.clone();
            for h in &e.body.headings {
                text.push_str(" · ");
                text.push_str(&h.text);
            }
            Doc {
                url: e.url.clone(),
                title: e.title.clone(),
                // Plain text: the index shows it as it is.
                description: crate::markdown::inline(&e.description).1,
                category,
                tags: e.tags.clone(),
                text: excerpt(&text, EXCERPT_CHARS),
            }
        })
        .collect()
}

/// A language's index kept in memory and patched a document at a time
/// (`zapdoc serve`): replacing one document touches only its own terms.
#[derive(Debug, Clone)]
pub struct Builder {
    lang: String,
    docs: Vec<Doc>,
    /// Per document, its terms and weights.
    doc_terms: Vec<Vec<(String, u32)>>,
    /// Term → `doc, weight` pairs, docs ascending.
    terms: BTreeMap<String, Vec<u32>>,
}

/// The distinct terms of a document with their best weight.
fn doc_terms(doc: &Doc) -> Vec<(String, u32)> {
    let tags = format!("{} {}", doc.category, doc.tags.join(" "));
    let mut best: HashMap<String, u32> = HashMap::new();
    for (weight, text) in [
        (3, doc.title.as_str()),
        (2, doc.description.as_str()),
        (2, tags.as_str()),
        (1, doc.text.as_str()),
    ] {
        for t in tokens(text) {
            let w = best.entry(t).or_insert(0);
            *w = (*w).max(weight);
        }
    }
    best.into_iter().collect()
}

impl Builder {
    /// Index `docs`.
    pub fn new(lang: &str, docs: Vec<Doc>) -> Builder {
        let doc_terms: Vec<Vec<(String, u32)>> = docs.par_iter().map(doc_terms).collect();
        let mut terms: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (d, list) in doc_terms.iter().enumerate() {
            for (t, w) in list {
                match terms.get_mut(t.as_str()) {
                    Some(p) => p.extend([d as u32, *w]),
                    None => {
                        terms.insert(t.clone(), vec![d as u32, *w]);
                    }
                }
            }
        }
        Builder {
            lang: lang.to_string(),
            docs,
            doc_terms,
            terms,
        }
    }

    /// Bring the index up to `docs`: when only some documents changed in
    /// place, only those are indexed again; otherwise all of them.
    pub fn update(&mut self, docs: Vec<Doc>) {
        if docs.len() != self.docs.len() {
            *self = Builder::new(&self.lang, docs);
            return;
        }
        for (d, doc) in docs.into_iter().enumerate() {
            if doc != self.docs[d] {
                self.replace(d, doc);
            }
        }
    }

    fn replace(&mut self, d: usize, doc: Doc) {
        let id = d as u32;
        for (t, _) in &self.doc_terms[d] {
            if let Some(p) = self.terms.get_mut(t.as_str()) {
                if let Some(at) = p.chunks_exact(2).position(|pair| pair[0] == id) {
                    p.drain(2 * at..2 * at + 2);
                }
                if p.is_empty() {
                    self.terms.remove(t.as_str());
                }
            }
        }
        let list = doc_terms(&doc);
        for (t, w) in &list {
            let p = self.terms.entry(t.clone()).or_default();
            let at = p.chunks_exact(2).take_while(|pair| pair[0] < id).count();
            p.splice(2 * at..2 * at, [id, *w]);
        }
        self.doc_terms[d] = list;
        self.docs[d] = doc;
    }

    /// The index as it stands.
    pub fn index(&self) -> Index {
        Index {
            version: VERSION,
            lang: self.lang.clone(),
            docs: self.docs.clone(),
            terms: self.terms.keys().cloned().collect(),
            postings: self.terms.values().cloned().collect(),
        }
    }

    /// The JSON file's text (the same as [`Index::to_json`] of [`Self::index`]).
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct View<'a> {
            version: u32,
            lang: &'a str,
            docs: &'a [Doc],
            terms: Vec<&'a String>,
            postings: Vec<&'a Vec<u32>>,
        }
        let view = View {
            version: VERSION,
            lang: &self.lang,
            docs: &self.docs,
            terms: self.terms.keys().collect(),
            postings: self.terms.values().collect(),
        };
        serde_json::to_string(&view).unwrap_or_default()
    }
}

impl Index {
    /// Index `docs`.
    pub fn build(lang: &str, docs: Vec<Doc>) -> Index {
        Builder::new(lang, docs).index()
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
    fn patching_gives_the_same_index_as_building() {
        let docs = vec![
            doc("审批流程", "alpha beta"),
            doc("Étape", "beta gamma"),
            doc("x", "gamma"),
        ];
        let mut b = Builder::new("x", docs.clone());
        let mut changed = docs.clone();
        changed[1] = doc("Étape deux", "delta");
        changed[0] = doc("审批", "alpha");
        b.update(changed.clone());
        assert_eq!(b.index(), Index::build("x", changed.clone()));
        assert_eq!(b.to_json(), Index::build("x", changed).to_json());
        b.update(docs.clone());
        assert_eq!(b.index(), Index::build("x", docs));
    }

    #[test]
    fn excerpts_cut_on_words() {
        assert_eq!(excerpt("short", 10), "short");
        assert_eq!(excerpt("one two three four", 10), "one two…");
        assert_eq!(excerpt("审批流程审批流程", 4), "审批流程…");
    }
}
