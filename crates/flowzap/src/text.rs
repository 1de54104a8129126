//! Text measurement and wrapping with real font metrics.
//!
//! Widths come from the advance widths of the bundled Inter Regular (OFL),
//! the font the SVG names first and the theme serves, so what we measure is
//! what the browser draws. East Asian wide characters count one em: every CJK
//! ideograph in Noto Sans CJK (the usual fallback) is exactly that wide.
//! Kerning is ignored, which errs on the wide side.
//!
//! The font file and the names the SVG asks for are public, for a site
//! that serves (or subsets) the font next to its diagrams.

use std::sync::OnceLock;
use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_width::UnicodeWidthChar;

/// The bundled font file (Inter Regular, SIL Open Font License 1.1).
pub const FONT_OTF: &[u8] = include_bytes!("fonts/Inter-Regular.otf");
/// The family name the SVG asks for first.
pub const FONT_FAMILY: &str = "Inter";
/// The CSS font stack used in the SVG.
pub const FONT_STACK: &str = "Inter, 'Noto Sans', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif";

/// Advance widths in em for U+0000..U+0250 (Latin, Latin-1, Latin Extended-A/B),
/// plus the face for everything else.
struct Metrics {
    latin: Vec<f32>,
    face: Option<ttf_parser::Face<'static>>,
    units: f32,
    /// Width used for a character the font lacks.
    fallback: f32,
}

const LATIN_END: u32 = 0x250;

fn metrics() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(|| {
        let face = ttf_parser::Face::parse(FONT_OTF, 0).ok();
        let units = face
            .as_ref()
            .map_or(1000.0, |f| f32::from(f.units_per_em()));
        let fallback = 0.6;
        let advance = |c: char| -> f32 {
            face.as_ref()
                .and_then(|f| f.glyph_index(c).and_then(|g| f.glyph_hor_advance(g)))
                .map_or(fallback, |a| f32::from(a) / units)
        };
        let latin = (0..LATIN_END)
            .map(|u| char::from_u32(u).map_or(0.0, advance))
            .collect();
        Metrics {
            latin,
            face,
            units,
            fallback,
        }
    })
}

/// The advance of one character, in em.
fn char_em(c: char) -> f32 {
    let m = metrics();
    let u = c as u32;
    if u < LATIN_END {
        return m.latin[u as usize];
    }
    if c.width() == Some(2) {
        return 1.0;
    }
    if c.width() == Some(0) {
        return 0.0;
    }
    m.face
        .as_ref()
        .and_then(|f| f.glyph_index(c).and_then(|g| f.glyph_hor_advance(g)))
        .map_or(m.fallback, |a| f32::from(a) / m.units)
}

/// The width of `text` at `size` px.
pub(crate) fn width(text: &str, size: f32) -> f32 {
    text.chars().map(char_em).sum::<f32>() * size
}

/// Wrap `text` into lines no wider than `max` px at `size` px, breaking at
/// Unicode line-break opportunities (spaces, after hyphens, between CJK
/// characters). A word wider than `max` stays whole on its own line; the
/// caller sizes the shape to the widest line.
pub(crate) fn wrap(text: &str, size: f32, max: f32) -> Vec<String> {
    let text = text.trim();
    if text.is_empty() {
        return vec![String::new()];
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut prev = 0;
    for (pos, kind) in linebreaks(text) {
        // `word` runs to this break opportunity, trailing spaces included.
        let word = &text[prev..pos];
        prev = pos;
        let candidate = format!("{line}{word}");
        if !line.is_empty() && width(candidate.trim_end(), size) > max {
            lines.push(line.trim_end().to_string());
            line = word.to_string();
        } else {
            line = candidate;
        }
        if kind == BreakOpportunity::Mandatory && pos < text.len() {
            lines.push(line.trim_end().to_string());
            line.clear();
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines.retain(|l| !l.is_empty());
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// The widest of `lines` at `size` px.
pub(crate) fn max_width(lines: &[String], size: f32) -> f32 {
    lines.iter().map(|l| width(l, size)).fold(0.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_metrics_are_real() {
        // Inter: "i" is much narrower than "W"; a space is about a quarter em.
        assert!(
            char_em('i') < 0.35 && char_em('W') > 0.85,
            "{} {}",
            char_em('i'),
            char_em('W')
        );
        assert!((0.2..0.35).contains(&char_em(' ')));
        assert!(char_em('é') > 0.4);
        assert_eq!(char_em('审'), 1.0);
        assert!((width("审批", 14.0) - 28.0).abs() < 1e-3);
    }

    #[test]
    fn wraps_at_spaces_and_between_cjk() {
        let lines = wrap("Generate new API key for every service", 14.0, 120.0);
        assert!(lines.len() >= 2, "{lines:?}");
        for l in &lines {
            assert!(width(l, 14.0) <= 120.0, "{l}");
        }
        assert_eq!(lines.join(" "), "Generate new API key for every service");
        let zh = wrap("生成新的密钥并安全存储到密钥库", 14.0, 60.0);
        assert!(zh.len() >= 3, "{zh:?}");
        assert!(zh.iter().all(|l| width(l, 14.0) <= 60.0), "{zh:?}");
        assert_eq!(zh.concat(), "生成新的密钥并安全存储到密钥库");
    }

    #[test]
    fn a_long_word_stays_whole() {
        let lines = wrap("Supercalifragilistic ok", 14.0, 40.0);
        assert_eq!(lines[0], "Supercalifragilistic");
        assert_eq!(lines.last().map(String::as_str), Some("ok"));
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        assert_eq!(wrap("  ", 14.0, 100.0), vec![String::new()]);
    }
}
