//! Closed-set language detection: `kk`, `ru`, `en`, or `und`.
//!
//! PLACEHOLDER: a script-only heuristic so the rest of the workspace can build;
//! the real detector (whatlang plus the Kazakh layer) replaces it.

use serde::Serialize;

use crate::Lang;

/// A detected language with a confidence in `0.0..=1.0`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Detection {
    pub lang: Lang,
    pub confidence: f32,
}

/// Detects the language of `text` (a word, a title, a sentence or a paragraph).
pub fn detect(text: &str) -> Detection {
    const KK_LETTERS: &str = "әғқңөұүһіӘҒҚҢӨҰҮҺІ";
    let (mut cyr, mut lat, mut kk) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        if KK_LETTERS.contains(c) {
            kk += 1;
            cyr += 1;
        } else if ('\u{0400}'..='\u{04FF}').contains(&c) {
            cyr += 1;
        } else if c.is_ascii_alphabetic() {
            lat += 1;
        }
    }
    let lang = if cyr + lat < 2 {
        Lang::Und
    } else if cyr > lat {
        if kk > 0 { Lang::Kk } else { Lang::Ru }
    } else {
        Lang::En
    };
    Detection {
        lang,
        confidence: if lang == Lang::Und { 0.0 } else { 0.5 },
    }
}
