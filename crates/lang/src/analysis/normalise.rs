//! Term normalisation shared by every analyser: NFC, lowercase, `ё` → `е`,
//! Latin look-alike repair inside Cyrillic words, the letters a legacy Kazakh
//! font writes read as the Kazakh ones (`Ќытай` → `қытай`, as the segmenter
//! repairs a paper set in one; a query pasted from such a PDF finds the
//! paper, and a stray `ќ` in a paper is still `қ`), invisible format characters
//! dropped, ligatures read as their letters (`proﬁt` → `profit`), and
//! diacritics folded in Latin-script words (`Zǒuchūqū` → `zouchuqu`).
//!
//! Order matters: NFC first (so a decomposed `й` or `ǒ` is one char), then
//! look-alike repair on the word as written (it sees mixed case), then
//! lowercase and `ё` → `е`, then, only for words with no Cyrillic letter,
//! diacritic folding (a Cyrillic `й` decomposes to `и` + breve and must stay).

use std::borrow::Cow;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::filter::TermMap;
use crate::lookalike::{is_cyrillic, legacy_kazakh, repair_word};

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

/// Ligature characters that PDF extraction leaves as such (and that copying
/// from a PDF viewer pastes into a query), with their letters. Source: the
/// Latin ligatures of Unicode's Alphabetic Presentation Forms block
/// (U+FB00..U+FB06) and their compatibility decompositions. The segmenter's
/// repair reads documents' ligatures by the same table.
pub const LIGATURE_CHARS: &[(char, &str)] = &[
    ('\u{FB00}', "ff"),
    ('\u{FB01}', "fi"),
    ('\u{FB02}', "fl"),
    ('\u{FB03}', "ffi"),
    ('\u{FB04}', "ffl"),
    ('\u{FB05}', "st"),
    ('\u{FB06}', "st"),
];

/// The letters of a ligature character.
fn ligature_letters(c: char) -> Option<&'static str> {
    if !matches!(c, '\u{FB00}'..='\u{FB06}') {
        return None;
    }
    LIGATURE_CHARS
        .iter()
        .find(|(l, _)| *l == c)
        .map(|(_, letters)| *letters)
}

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
    let nfc: Cow<'_, str> = if word.chars().all(is_nfc_stable) {
        Cow::Borrowed(word)
    } else {
        match is_nfc_quick(word.chars()) {
            IsNormalized::Yes => Cow::Borrowed(word),
            _ => Cow::Owned(word.nfc().collect()),
        }
    };
    let repaired = match repair_word(&nfc) {
        Some(r) => Cow::Owned(r),
        None => nfc,
    };
    let mut has_cyrillic = false;
    for c in repaired.chars().filter(|&c| !is_invisible(c)) {
        if let Some(letters) = ligature_letters(c) {
            out.push_str(letters);
            continue;
        }
        // (The Russian alphabet, most of the letters here, has none of them.)
        let c = if matches!(c, 'А'..='я') {
            c
        } else {
            legacy_kazakh(c).unwrap_or(c)
        };
        has_cyrillic |= is_cyrillic(c);
        push_lowercase(c, out);
    }
    if has_cyrillic || out.is_ascii() {
        return;
    }
    let lower = std::mem::take(out);
    fold_latin_into(&lower, out);
}

/// Whether `c` leaves any word it is part of in NFC, whatever its
/// neighbours, among the characters that fill Kazakh, Russian and English
/// text: below U+0300 (ASCII and the Latin blocks, no combining marks) and
/// the Cyrillic block U+0400..=U+04FF. None of them has NFC_Quick_Check
/// No or Maybe, and their canonical combining classes are 0 or 230 (the
/// Cyrillic titlo marks), so no sequence of them is out of canonical order
/// (a test checks both). A shortcut past `is_nfc_quick`'s table look-ups.
fn is_nfc_stable(c: char) -> bool {
    c < '\u{0300}' || matches!(c, '\u{0400}'..='\u{04FF}')
}

/// The lowercase of `c` where it is one char that a rule gives without
/// `char::to_lowercase`'s table search: ASCII, the Russian alphabet and the
/// case pairs of the Cyrillic blocks (U+0400..=U+040F lower-case to +0x50,
/// U+0410..=U+042F to +0x20, U+0430..=U+045F are lower case, and from
/// U+0460 capitals and small letters alternate, capital on the even code
/// point, except around the combining marks and palochka); `None` for every
/// other char. Tests check it against `char::to_lowercase` on every char.
#[inline]
pub fn simple_lowercase(c: char) -> Option<char> {
    match c {
        '\u{0000}'..='\u{007F}' => Some(c.to_ascii_lowercase()),
        'а'..='я' | '\u{0450}'..='\u{045F}' => Some(c),
        'А'..='Я' => char::from_u32(c as u32 + 0x20),
        '\u{0400}'..='\u{040F}' => char::from_u32(c as u32 + 0x50),
        '\u{0460}'..='\u{0481}' | '\u{048A}'..='\u{04BF}' | '\u{04D0}'..='\u{052F}' => {
            char::from_u32(c as u32 | 1)
        }
        _ => None,
    }
}

/// Pushes the lowercase of `c` onto `out`, with `ё` as `е`. The Russian
/// alphabet and the case pairs of the Cyrillic block are computed (a test
/// checks every char against `char::to_lowercase`); other chars go through
/// `char::to_lowercase`, which searches a table.
fn push_lowercase(c: char, out: &mut String) {
    let simple = match c {
        'Ё' | 'ё' => Some('е'),
        _ => simple_lowercase(c),
    };
    match simple {
        Some(l) => out.push(l),
        None => {
            for l in c.to_lowercase() {
                out.push(if l == 'ё' { 'е' } else { l });
            }
        }
    }
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

/// The normalisation as a [`TermMap`] for [`super::filter::MapTokenizer`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Normalise;

impl TermMap for Normalise {
    fn map(&self, term: &str, out: &mut String) -> bool {
        normalise_into(term, out);
        true
    }

    /// An ASCII word is only lowercased.
    fn cheap(&self, term: &str) -> bool {
        term.is_ascii()
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
    fn legacy_kazakh_font_letters_are_read_as_kazakh() {
        check("Ќытай", "қытай");
        check("экономикалыќ", "экономикалық");
        check("Республикасыныѕ", "республикасының");
        check("ЈЛЕУЕТІ", "әлеуеті");
        // Kazakh as written is left as it is.
        check("Қытай", "қытай");
    }

    #[test]
    fn lowercase_shortcut_agrees_with_to_lowercase_on_every_char() {
        let mut fast = String::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            fast.clear();
            push_lowercase(c, &mut fast);
            let slow: String = c
                .to_lowercase()
                .map(|l| if l == 'ё' { 'е' } else { l })
                .collect();
            assert_eq!(fast, slow, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn nfc_shortcut_holds_for_its_chars() {
        use unicode_normalization::char::canonical_combining_class;
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_nfc_stable(c))
        {
            assert_eq!(
                is_nfc_quick(std::iter::once(c)),
                IsNormalized::Yes,
                "U+{:04X}",
                c as u32
            );
            assert!(
                matches!(canonical_combining_class(c), 0 | 230),
                "U+{:04X}",
                c as u32
            );
        }
        // The order check that the classes make moot: 230 after 230.
        assert_eq!(is_nfc_quick("а\u{0483}\u{0484}".chars()), IsNormalized::Yes);
    }

    #[test]
    fn ligatures_read_as_their_letters() {
        check("proﬁt", "profit");
        check("Eﬀect", "effect");
        check("ﬂows", "flows");
        check("aﬃliation", "affiliation");
        // Every ligature the table holds, each its compatibility decomposition.
        use unicode_normalization::UnicodeNormalization;
        for (c, letters) in LIGATURE_CHARS {
            assert_eq!(c.to_string().nfkc().collect::<String>(), *letters);
            check(&format!("a{c}"), &format!("a{letters}"));
        }
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
