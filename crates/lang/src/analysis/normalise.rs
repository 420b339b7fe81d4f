//! Term normalisation shared by every analyser: NFC, lowercase, `ё` → `е`,
//! Latin look-alike repair inside Cyrillic words, invisible format characters
//! dropped, and diacritics folded in Latin-script words (`Zǒuchūqū` → `zouchuqu`).
//!
//! Order matters: NFC first (so a decomposed `й` or `ǒ` is one char), then
//! look-alike repair on the word as written (it sees mixed case), then
//! lowercase and `ё` → `е`, then, only for words with no Cyrillic letter,
//! diacritic folding (a Cyrillic `й` decomposes to `и` + breve and must stay).

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::filter::TermMap;
use crate::lookalike::{is_cyrillic, repair_word};

/// Latin letters with no Unicode decomposition, folded by hand (NFD already
/// handles accented letters). Source: the Latin-1 and Latin Extended-A letters
/// that ASCII-folding filters (Lucene's `ASCIIFoldingFilter`) map, kept to
/// those met in English-language scholarly text. The apostrophe row folds the
/// typographic apostrophe so `don’t` and `don't` are one term.
const LATIN_FOLD: &[(char, &str)] = &[
    ('ß', "ss"),
    ('æ', "ae"),
    ('œ', "oe"),
    ('ø', "o"),
    ('ł', "l"),
    ('đ', "d"),
    ('ð', "d"),
    ('þ', "th"),
    ('ı', "i"),
    ('ŋ', "n"),
    ('\u{2019}', "'"),
    ('\u{02BC}', "'"),
];

/// Invisible characters that PDF extraction leaves inside words (soft hyphen,
/// zero-width space/joiners, word joiner, BOM); dropped from terms.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Normalises one word into `out` (cleared first).
pub fn normalise_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    let nfc: String = match is_nfc_quick(word.chars()) {
        IsNormalized::Yes => word.to_owned(),
        _ => word.nfc().collect(),
    };
    let repaired = repair_word(&nfc).unwrap_or(nfc);
    let mut has_cyrillic = false;
    let mut lower = String::with_capacity(repaired.len());
    for c in repaired.chars().filter(|&c| !is_invisible(c)) {
        has_cyrillic |= is_cyrillic(c);
        for l in c.to_lowercase() {
            lower.push(if l == 'ё' { 'е' } else { l });
        }
    }
    if has_cyrillic || lower.is_ascii() {
        out.push_str(&lower);
        return;
    }
    fold_latin_into(&lower, out);
}

/// Folds diacritics of a (lowercase, non-Cyrillic) word: `zǒuchūqū` → `zouchuqu`.
fn fold_latin_into(word: &str, out: &mut String) {
    // Marks are dropped only after a Latin base letter: `ǒ` → `o`, but a
    // Devanagari or Grantha vowel sign is part of its letter and stays.
    let mut after_latin = false;
    for c in word.nfd() {
        if is_combining_mark(c) {
            if !after_latin {
                out.push(c);
            }
            continue;
        }
        after_latin = is_latin(c);
        match LATIN_FOLD.iter().find(|(from, _)| *from == c) {
            Some((_, to)) => out.push_str(to),
            None => out.push(c),
        }
    }
    // Recompose what is left (marks of other scripts) so the term stays NFC.
    if !matches!(is_nfc_quick(out.chars()), IsNormalized::Yes) {
        let composed: String = out.nfc().collect();
        *out = composed;
    }
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
}

/// Normalises one word (see the module doc).
pub fn normalise(word: &str) -> String {
    let mut out = String::new();
    normalise_into(word, &mut out);
    out
}

/// The normalisation as a [`TermMap`] for [`super::filter::MapFilter`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Normalise;

impl TermMap for Normalise {
    fn map(&self, term: &str, out: &mut String) -> bool {
        normalise_into(term, out);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(word: &str, expected: &str) {
        assert_eq!(normalise(word), expected, "normalise({word:?})");
    }

    #[test]
    fn lowercase_and_yo() {
        check("Ёлка", "елка");
        check("ПРОФЕССОР", "профессор");
        check("Policy", "policy");
    }

    #[test]
    fn nfc_composes_decomposed_cyrillic() {
        // и + combining breve → й, which must survive (not folded away).
        check("Кии\u{0306}", "кий");
        check("е\u{0308}ж", "еж");
    }

    #[test]
    fn lookalikes_repaired_inside_cyrillic_words() {
        check("əлеуеті", "әлеуеті");
        check("бiлiм", "білім");
        check("ВТО", "вто");
    }

    #[test]
    fn latin_diacritics_folded() {
        check("Zǒuchūqū", "zouchuqu");
        check("Zo\u{030C}uchu\u{0304}qu\u{0304}", "zouchuqu");
        check("Straße", "strasse");
        check("don\u{2019}t", "don't");
        check("café", "cafe");
    }

    #[test]
    fn invisible_characters_dropped() {
        check("мигра\u{00AD}ция", "миграция");
        check("pro\u{200B}fit", "profit");
    }

    #[test]
    fn han_and_digits_untouched() {
        check("走出", "走出");
        check("2010", "2010");
    }
}
