//! Property tests: the parser never panics, whatever the bytes, and its spans
//! always lie inside the source on character boundaries; whatever parses,
//! the formatter rewrites without changing its graph, once and for all.

use proptest::prelude::*;

fn corpus() -> Vec<String> {
    crate::support::corpus()
        .into_iter()
        .map(|(_, src)| src)
        .collect()
}

fn check(src: &str) {
    let parsed = flowzap::parse(src);
    for d in &parsed.diagnostics {
        assert!(
            d.span.start <= d.span.end && d.span.end <= src.len(),
            "{d:?}"
        );
        assert!(
            src.is_char_boundary(d.span.start) && src.is_char_boundary(d.span.end),
            "{d:?}"
        );
        let _ = d.render(src, "fuzz.fz", false);
    }
    if !parsed.has_errors() {
        let graph = flowzap::graph::to_json(&parsed.diagram);
        let once = flowzap::format::format(src).expect("it parsed");
        let again = flowzap::parse(&once);
        assert!(!again.has_errors(), "{once:?}: {:?}", again.diagnostics);
        assert_eq!(
            flowzap::graph::to_json(&again.diagram),
            graph,
            "{src:?} → {once:?}"
        );
        assert_eq!(flowzap::format::format(&once).expect("it parsed"), once);
    }
}

/// Mutations that resemble real mistakes: drop, duplicate or swap a slice,
/// insert a FlowZap-ish token.
fn mutate(src: &str, ops: &[(u8, usize, usize)]) -> String {
    const TOKENS: [&str; 12] = [
        "->", "{", "}", "\"", "[label=", ".handle(", ")", "loop [", "n1", "#", "\\", "\n",
    ];
    let mut s: Vec<char> = src.chars().collect();
    for &(op, a, b) in ops {
        if s.is_empty() {
            s.extend("n1".chars());
        }
        let (i, j) = (a % s.len(), b % s.len());
        let (lo, hi) = (i.min(j), i.max(j));
        match op % 4 {
            0 => {
                s.drain(lo..hi.min(lo + 16));
            }
            1 => {
                let piece: Vec<char> = s[lo..hi.min(lo + 16)].to_vec();
                s.splice(i..i, piece);
            }
            2 => s.swap(i, j),
            _ => {
                let t = TOKENS[b % TOKENS.len()];
                s.splice(i..i, t.chars());
            }
        }
    }
    s.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        check(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn flowzap_like_text_never_panics(text in "([A-Za-z审é0-9_ .:\\[\\]{}()#\"=\\\\-]|->|\n|handle\\(|label:){0,120}") {
        check(&text);
    }

    #[test]
    fn mutated_corpus_never_panics(pick in any::<usize>(), ops in proptest::collection::vec((any::<u8>(), any::<usize>(), any::<usize>()), 1..8)) {
        let corpus = corpus();
        let src = &corpus[pick % corpus.len()];
        check(&mutate(src, &ops));
    }
}
