//! Related pages: a page's explicit `related` slugs first, then the pages
//! of its section that score best on shared words (TF-IDF over title and
//! description), tags (Jaccard) and category. Scored once per translation
//! group and shown to each reader in their language, or in the default
//! language marked as a fallback.
//!
//! The cost stays close to linear in the number of pages: candidates come
//! from postings (term, tag, category → pages), and terms found in a large
//! share of the pages are left out of the scoring.

use super::{Entries, EntryId, Related};
use crate::config::{Config, RelatedConfig};
use crate::content::SourceFile;
use crate::error::Error;
use crate::util::slugify;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use typed_index_collections::TiVec;

/// Each entry's source file (`None` for a generated home page).
pub(super) type Sources = TiVec<EntryId, Option<SourceFile>>;

/// Fill in every page's `related`; warnings for explicit slugs that name
/// no page.
pub(super) fn compute(
    entries: &mut Entries,
    sources: &Sources,
    by_key: &HashMap<(String, String), EntryId>,
    config: &Config,
) -> Vec<Error> {
    let docs = documents(entries, sources, config);
    let index = Index::new(&docs);
    let results: Vec<(Vec<usize>, Vec<String>)> = (0..docs.len())
        .into_par_iter()
        .map_init(
            || Scratch::new(docs.len()),
            |scratch, d| index.related(d, &config.related, scratch),
        )
        .collect();
    assign(entries, sources, by_key, config, &docs, results)
}

/// Words of a text for similarity: lowercase runs of letters and digits
/// (three or more characters), and each CJK character on its own.
fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<String>| {
        if word.chars().count() >= 3 {
            out.push(std::mem::take(word));
        } else {
            word.clear();
        }
    };
    for c in text.chars() {
        if crate::util::is_cjk(c) {
            flush(&mut word, &mut out);
            out.push(c.to_string());
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else {
            flush(&mut word, &mut out);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// One translation group as the related-score sees it.
struct Doc {
    key: String,
    /// The section's key: related pages come from the same section.
    section: Option<String>,
    slug: String,
    category: Option<String>,
    tags: BTreeSet<String>,
    /// (term id, tf-idf weight), sorted by id, unit length.
    vector: Vec<(usize, f64)>,
    explicit: Vec<String>,
    /// The entry that stands for the group (default language if any).
    canonical: EntryId,
}

/// The translation groups of pages, in key order, each with its TF-IDF
/// vector over the words of its title and description.
fn documents(entries: &Entries, sources: &Sources, config: &Config) -> Vec<Doc> {
    let mut groups: BTreeMap<&str, EntryId> = BTreeMap::new();
    for (i, e) in entries.iter_enumerated() {
        if e.is_section() {
            continue;
        }
        let slot = groups.entry(e.key.as_str()).or_insert(i);
        if e.lang == config.default_language {
            *slot = i;
        }
    }
    // Vocabulary and document frequencies.
    let mut vocab: HashMap<String, usize> = HashMap::new();
    let mut doc_terms: Vec<Vec<(usize, f64)>> = Vec::with_capacity(groups.len());
    let mut df: Vec<usize> = Vec::new();
    for &c in groups.values() {
        let e = &entries[c];
        let mut counts: BTreeMap<usize, f64> = BTreeMap::new();
        for t in terms(&format!("{} {}", e.title, e.description)) {
            let next = vocab.len();
            let id = *vocab.entry(t).or_insert(next);
            if id == df.len() {
                df.push(0);
            }
            *counts.entry(id).or_insert(0.0) += 1.0;
        }
        for &id in counts.keys() {
            df[id] += 1;
        }
        doc_terms.push(counts.into_iter().collect());
    }
    let n = groups.len().max(1) as f64;
    groups
        .iter()
        .zip(doc_terms)
        .map(|((key, &c), counts)| {
            let e = &entries[c];
            let mut vector: Vec<(usize, f64)> = counts
                .into_iter()
                .map(|(id, tf)| (id, tf * (n / df[id] as f64).ln()))
                .filter(|(_, w)| *w > 0.0)
                .collect();
            let norm = vector.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            if norm > 0.0 {
                for (_, w) in &mut vector {
                    *w /= norm;
                }
            }
            Doc {
                key: key.to_string(),
                section: e.parent.map(|p| entries[p].key.clone()),
                slug: e.slug.clone(),
                category: e.category.clone(),
                tags: e.tags.iter().map(|t| t.to_lowercase()).collect(),
                vector,
                explicit: sources[c]
                    .as_ref()
                    .map(|s| s.front.related.clone())
                    .unwrap_or_default(),
                canonical: c,
            }
        })
        .collect()
}

/// Postings over the documents: which documents hold a term, a tag, a
/// category (within a section), a slug.
struct Index<'a> {
    docs: &'a [Doc],
    term_docs: Vec<Vec<(usize, f64)>>,
    tag_docs: HashMap<&'a str, Vec<usize>>,
    cat_docs: HashMap<(Option<&'a str>, &'a str), Vec<usize>>,
    by_slug: HashMap<(Option<&'a str>, &'a str), usize>,
    by_key: HashMap<&'a str, usize>,
    /// Sections as small integers, so the inner loops compare numbers.
    section_of: Vec<usize>,
}

impl<'a> Index<'a> {
    fn new(docs: &'a [Doc]) -> Index<'a> {
        let terms = docs
            .iter()
            .flat_map(|d| d.vector.iter().map(|&(id, _)| id + 1))
            .max()
            .unwrap_or(0);
        let mut term_docs: Vec<Vec<(usize, f64)>> = vec![Vec::new(); terms];
        let mut tag_docs: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut cat_docs: HashMap<(Option<&str>, &str), Vec<usize>> = HashMap::new();
        let mut by_slug: HashMap<(Option<&str>, &str), usize> = HashMap::new();
        for (d, doc) in docs.iter().enumerate() {
            for &(id, w) in &doc.vector {
                term_docs[id].push((d, w));
            }
            for t in &doc.tags {
                tag_docs.entry(t.as_str()).or_default().push(d);
            }
            if let Some(c) = &doc.category {
                cat_docs
                    .entry((doc.section.as_deref(), c.as_str()))
                    .or_default()
                    .push(d);
            }
            by_slug
                .entry((doc.section.as_deref(), doc.slug.as_str()))
                .or_insert(d);
        }
        // Terms found in a large share of the documents say little about
        // which pages are alike (their idf is small) but cost a pass over
        // most of the site for every page: score with the distinctive
        // terms only.
        let common = (docs.len() / 8).max(64);
        for postings in &mut term_docs {
            if postings.len() > common {
                postings.clear();
            }
        }
        let mut section_ids: HashMap<Option<&str>, usize> = HashMap::new();
        let section_of = docs
            .iter()
            .map(|doc| {
                let next = section_ids.len();
                *section_ids.entry(doc.section.as_deref()).or_insert(next)
            })
            .collect();
        Index {
            docs,
            term_docs,
            tag_docs,
            cat_docs,
            by_slug,
            by_key: docs
                .iter()
                .enumerate()
                .map(|(d, doc)| (doc.key.as_str(), d))
                .collect(),
            section_of,
        }
    }

    /// Document `d`'s related documents, best first, and its explicit
    /// slugs that name no document.
    fn related(
        &self,
        d: usize,
        weights: &RelatedConfig,
        scratch: &mut Scratch,
    ) -> (Vec<usize>, Vec<String>) {
        let limit = weights.limit;
        let (mut chosen, missing) = self.explicit(d);
        if chosen.len() >= limit {
            return (chosen, missing);
        }
        let mut candidates = self.scored(d, weights, scratch);
        candidates.retain(|&(s, o)| s > 0.0 && o != d && !chosen.contains(&o));
        let order = |a: &(f64, usize), b: &(f64, usize)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        let want = limit - chosen.len();
        if candidates.len() > want && want > 0 {
            candidates.select_nth_unstable_by(want - 1, order);
            candidates.truncate(want);
        }
        candidates.sort_by(order);
        chosen.extend(candidates.into_iter().take(want).map(|(_, o)| o));
        (chosen, missing)
    }

    /// The documents `d` names in its front matter's `related`, by slug in
    /// its section or by key; and the names that match none.
    fn explicit(&self, d: usize) -> (Vec<usize>, Vec<String>) {
        let doc = &self.docs[d];
        let mut chosen: Vec<usize> = Vec::new();
        let mut missing = Vec::new();
        for want in &doc.explicit {
            let found = self
                .by_slug
                .get(&(doc.section.as_deref(), slugify(want).as_str()))
                .or_else(|| self.by_key.get(want.trim_start_matches("@/")))
                .copied();
            match found {
                Some(o) if o != d && !chosen.contains(&o) => chosen.push(o),
                Some(_) => {}
                None => missing.push(want.clone()),
            }
        }
        (chosen, missing)
    }

    /// Every document of `d`'s section that shares something with it,
    /// with its score. The cost is the number of documents sharing a term
    /// or a tag, plus `limit + 1` of those sharing only the category.
    fn scored(
        &self,
        d: usize,
        weights: &RelatedConfig,
        scratch: &mut Scratch,
    ) -> Vec<(f64, usize)> {
        let (docs, doc, section) = (self.docs, &self.docs[d], self.section_of[d]);
        let Scratch {
            scores,
            shared_tags,
            seen,
            touched,
        } = scratch;
        let mut touch = |o: usize, touched: &mut Vec<usize>| {
            if !seen[o] {
                seen[o] = true;
                touched.push(o);
            }
        };
        for &(id, w) in &doc.vector {
            for &(o, wo) in &self.term_docs[id] {
                if self.section_of[o] == section {
                    touch(o, touched);
                    scores[o] += weights.text * w * wo;
                }
            }
        }
        for t in &doc.tags {
            for &o in self.tag_docs.get(t.as_str()).into_iter().flatten() {
                if self.section_of[o] == section {
                    touch(o, touched);
                    shared_tags[o] += 1;
                }
            }
        }
        let same_category = |o: usize| doc.category.is_some() && docs[o].category == doc.category;
        let mut candidates: Vec<(f64, usize)> =
            Vec::with_capacity(touched.len() + weights.limit + 1);
        for &o in touched.iter() {
            let shared = shared_tags[o] as usize;
            let mut score = scores[o];
            if shared > 0 {
                let union = doc.tags.len() + docs[o].tags.len() - shared;
                score += weights.tags * shared as f64 / union.max(1) as f64;
            }
            if same_category(o) {
                score += weights.category;
            }
            candidates.push((score, o));
        }
        // Pages sharing only the category all score the category weight;
        // the first `limit + 1` of them in key order suffice.
        if let Some(c) = &doc.category
            && weights.category > 0.0
        {
            let list = self
                .cat_docs
                .get(&(doc.section.as_deref(), c.as_str()))
                .map_or(&[][..], Vec::as_slice);
            candidates.extend(
                list.iter()
                    .filter(|&&o| !seen[o])
                    .take(weights.limit + 1)
                    .map(|&o| (weights.category, o)),
            );
        }
        scratch.reset();
        candidates
    }
}

/// A worker's dense score arrays, reset after each document, so scoring
/// one costs what it touches, not the size of the site.
struct Scratch {
    scores: Vec<f64>,
    shared_tags: Vec<u32>,
    seen: Vec<bool>,
    touched: Vec<usize>,
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        Scratch {
            scores: vec![0.0; n],
            shared_tags: vec![0; n],
            seen: vec![false; n],
            touched: Vec::new(),
        }
    }

    fn reset(&mut self) {
        for &o in &self.touched {
            self.scores[o] = 0.0;
            self.shared_tags[o] = 0;
            self.seen[o] = false;
        }
        self.touched.clear();
    }
}

/// Give every member of each group the group's related pages in its own
/// language (or the default language's, marked fallback); a warning per
/// explicit slug that names no page, located in the front matter.
fn assign(
    entries: &mut Entries,
    sources: &Sources,
    by_key: &HashMap<(String, String), EntryId>,
    config: &Config,
    docs: &[Doc],
    results: Vec<(Vec<usize>, Vec<String>)>,
) -> Vec<Error> {
    let mut warnings = Vec::new();
    for (doc, (chosen, missing)) in docs.iter().zip(results) {
        let canonical = &entries[doc.canonical];
        for want in missing {
            let w = Error::warning(format!(
                "related page `{want}` does not exist; it is left out"
            ));
            warnings.push(match &sources[doc.canonical] {
                Some(src) => {
                    let fm = &src.source[..src.body_start];
                    match fm.find(&format!("\"{want}\"")) {
                        Some(i) => {
                            w.at(&canonical.display_path, &src.source, i..i + want.len() + 2)
                        }
                        None => w.in_file(&canonical.display_path),
                    }
                }
                None => w.in_file(&canonical.display_path),
            });
        }
        for member in entries[doc.canonical].translations.clone() {
            let lang = entries[member].lang.clone();
            entries[member].related = chosen
                .iter()
                .filter_map(|&o| {
                    let key = &docs[o].key;
                    match by_key.get(&(key.clone(), lang.clone())) {
                        Some(&i) => Some(Related {
                            entry: i,
                            fallback: false,
                        }),
                        None => by_key
                            .get(&(key.clone(), config.default_language.clone()))
                            .map(|&i| Related {
                                entry: i,
                                fallback: true,
                            }),
                    }
                })
                .collect();
        }
    }
    warnings
}
