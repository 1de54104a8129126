//! The diagram font as readers download it: the bundled Inter Regular
//! ([`flowzap::text::FONT_OTF`], the font diagram text is measured with)
//! cut down to the glyphs the site's diagrams draw, as WOFF2.
//!
//! The cut keeps the outlines (CFF) and advance widths of the glyphs it
//! keeps, unchanged, with a Unicode `cmap` for them: text draws exactly as
//! it was measured. It drops the layout tables (kerning, ligatures,
//! alternates), which the measurement ignores as well. Subsetting is
//! allsorts's, WOFF2 encoding ttf2woff2's (Brotli); both are pure Rust and
//! deterministic, so the same characters give the same bytes.
//!
//! Which characters: printable ASCII always (so most edits keep the file),
//! plus every other character of the site's diagram code that the font
//! has. A diagram draws only text of its code (labels, lane names), so
//! that covers what is drawn; a character the font lacks (CJK) is left to
//! the fallback fonts, as it was with the whole font.

use crate::flowzap;
use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use allsorts::tables::FontTableProvider;
use std::collections::BTreeSet;
use std::sync::{Mutex, PoisonError};

/// Characters every subset holds: printable ASCII.
pub fn base_chars() -> impl Iterator<Item = char> {
    (0x20u8..0x7f).map(char::from)
}

/// The characters of `source` beyond [`base_chars`], sorted and distinct:
/// what a diagram written in it may add to the subset.
pub fn extra_chars(source: &str) -> Vec<char> {
    let set: BTreeSet<char> = source
        .chars()
        .filter(|c| !(' '..='~').contains(c) && !c.is_control())
        .collect();
    set.into_iter().collect()
}

/// The bundled font cut down to [`base_chars`] and `extra`, as WOFF2.
///
/// Brotli at its best quality takes some 80 ms for this font, so the last
/// result is kept: `zapdoc serve` rebuilds the site on a theme or
/// configuration change without cutting the same font again, and a build
/// starts the cut early ([`prefetch`]). Callers asking for the same
/// characters meanwhile wait for it rather than cut it twice.
pub fn subset_woff2(extra: impl IntoIterator<Item = char>) -> Result<Vec<u8>, String> {
    static LAST: Mutex<Option<(Vec<char>, Vec<u8>)>> = Mutex::new(None);
    let chars: BTreeSet<char> = base_chars().chain(extra).collect();
    let chars: Vec<char> = chars.into_iter().collect();
    let mut last = LAST.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((c, bytes)) = &*last
        && *c == chars
    {
        return Ok(bytes.clone());
    }
    let woff2 = encode(&chars)?;
    *last = Some((chars, woff2.clone()));
    Ok(woff2)
}

/// Start cutting the font for `extra` on a thread of its own, so that it
/// is ready (or under way) when [`subset_woff2`] asks for it.
pub fn prefetch(extra: Vec<char>) {
    std::thread::spawn(move || {
        let _ = subset_woff2(extra);
    });
}

/// The bundled font cut down to `chars`, as WOFF2.
fn encode(chars: &[char]) -> Result<Vec<u8>, String> {
    let face = ttf_parser::Face::parse(flowzap::text::FONT_OTF, 0)
        .map_err(|e| format!("the bundled font does not parse: {e}"))?;
    let mut glyphs: BTreeSet<u16> = chars
        .iter()
        .filter_map(|&c| face.glyph_index(c))
        .map(|g| g.0)
        .collect();
    // `.notdef` first, as the subsetter requires.
    glyphs.remove(&0);
    let glyphs: Vec<u16> = std::iter::once(0).chain(glyphs).collect();
    let otf = subset_otf(&glyphs)?;
    ttf2woff2::encode(&otf, ttf2woff2::BrotliQuality::default())
        .map_err(|e| format!("cannot encode the diagram font as WOFF2: {e}"))
}

/// The bundled font with only `glyphs` (`.notdef` first), as OpenType.
fn subset_otf(glyphs: &[u16]) -> Result<Vec<u8>, String> {
    let fail = |e: &dyn std::fmt::Debug| format!("cannot subset the diagram font: {e:?}");
    let data = ReadScope::new(flowzap::text::FONT_OTF)
        .read::<FontData<'_>>()
        .map_err(|e| fail(&e))?;
    let provider = data.table_provider(0).map_err(|e| fail(&e))?;
    if !provider.has_table(allsorts::tag::CFF) {
        return Err("the bundled font has no CFF outlines".to_string());
    }
    subset(
        &provider,
        glyphs,
        &SubsetProfile::Minimal,
        CmapTarget::Unicode,
    )
    .map_err(|e| fail(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A WOFF2 file's font tables, decoded, as ttf-parser reads them.
    fn decode(woff2: &[u8]) -> Vec<(u32, Vec<u8>)> {
        let data = ReadScope::new(woff2).read::<FontData<'_>>().unwrap();
        assert!(matches!(data, FontData::Woff2(_)), "a WOFF2 file");
        let provider = data.table_provider(0).unwrap();
        provider
            .table_tags()
            .unwrap()
            .into_iter()
            .map(|t| (t, provider.read_table_data(t).unwrap().into_owned()))
            .collect()
    }

    fn table<'a>(tables: &'a [(u32, Vec<u8>)], tag: &[u8; 4]) -> Option<&'a [u8]> {
        let tag = u32::from_be_bytes(*tag);
        tables
            .iter()
            .find(|(t, _)| *t == tag)
            .map(|(_, d)| d.as_slice())
    }

    #[test]
    fn the_subset_draws_what_was_measured() {
        let extra = extra_chars("Prüfung → «Zahlung» 审批 café");
        assert_eq!(extra, ['«', '»', 'é', 'ü', '→', '审', '批']);
        let woff2 = subset_woff2(extra.iter().copied()).unwrap();
        assert_eq!(&woff2[..4], b"wOF2");
        assert!(woff2.len() < 80 * 1024, "{} bytes", woff2.len());
        assert!(
            woff2.len() * 5 < flowzap::text::FONT_OTF.len(),
            "{} bytes is no cut",
            woff2.len()
        );
        // Deterministic: cut again (not from the kept result), the same.
        let all: BTreeSet<char> = base_chars().chain(extra.iter().copied()).collect();
        let all: Vec<char> = all.into_iter().collect();
        assert_eq!(encode(&all).unwrap(), woff2);
        assert_eq!(subset_woff2(extra.iter().copied()).unwrap(), woff2);

        let tables = decode(&woff2);
        let raw = ttf_parser::RawFaceTables {
            head: table(&tables, b"head").unwrap(),
            hhea: table(&tables, b"hhea").unwrap(),
            maxp: table(&tables, b"maxp").unwrap(),
            cmap: table(&tables, b"cmap"),
            hmtx: table(&tables, b"hmtx"),
            cff: table(&tables, b"CFF "),
            os2: table(&tables, b"OS/2"),
            name: table(&tables, b"name"),
            post: table(&tables, b"post"),
            ..Default::default()
        };
        let cut = ttf_parser::Face::from_raw_tables(raw).unwrap();
        let full = ttf_parser::Face::parse(flowzap::text::FONT_OTF, 0).unwrap();
        assert_eq!(cut.units_per_em(), full.units_per_em());
        let advance = |f: &ttf_parser::Face<'_>, c: char| {
            f.glyph_index(c).and_then(|g| f.glyph_hor_advance(g))
        };
        let mut kept = 0;
        for c in base_chars().chain(extra.iter().copied()) {
            match advance(&full, c) {
                Some(a) => {
                    assert_eq!(advance(&cut, c), Some(a), "{c:?}");
                    let g = cut.glyph_index(c).unwrap();
                    let mut sink = Sink(0);
                    cut.outline_glyph(g, &mut sink);
                    assert!(c == ' ' || sink.0 > 0, "{c:?} has an outline");
                    kept += 1;
                }
                // Not in Inter: left to the fallback fonts.
                None => assert_eq!(cut.glyph_index(c), None, "{c:?}"),
            }
        }
        assert_eq!(kept, 95 + 5);
        // What no diagram draws is gone.
        assert_eq!(cut.glyph_index('ß'), None);
        assert!(usize::from(cut.number_of_glyphs()) < 120);
    }

    struct Sink(usize);

    impl ttf_parser::OutlineBuilder for Sink {
        fn move_to(&mut self, _: f32, _: f32) {
            self.0 += 1;
        }
        fn line_to(&mut self, _: f32, _: f32) {
            self.0 += 1;
        }
        fn quad_to(&mut self, _: f32, _: f32, _: f32, _: f32) {
            self.0 += 1;
        }
        fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, _: f32, _: f32) {
            self.0 += 1;
        }
        fn close(&mut self) {}
    }
}
