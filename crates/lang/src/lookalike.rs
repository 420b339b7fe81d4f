//! Latin look-alike letters inside Cyrillic words, mapped back to Cyrillic.
//!
//! PDF extraction of Kazakh text often yields Latin letters that look like
//! Cyrillic ones: `əлеуеті` (Latin schwa U+0259) for `әлеуеті`, `бiлiм` (Latin
//! `i`) for `білім`. The rule is applied per word: a word that holds at least one
//! Cyrillic letter and whose Latin letters all have a Cyrillic look-alike is
//! rewritten; a word with no Cyrillic letter (`Zǒuchūqū`, `profit`) or with a
//! Latin letter that has no look-alike (a real mixed token) is left alone, and
//! so is a Cyrillic word in Latin text (`ВТО`).

use std::borrow::Cow;

/// Latin (and IPA) letters that render like a Cyrillic letter, with that letter.
///
/// Source: the glyph pairs of the Unicode confusables list (UTS #39,
/// `confusables.txt`) restricted to the Kazakh and Russian Cyrillic alphabets,
/// plus the Kazakh pairs seen in extracted journal PDFs and in the kk–ru
/// government corpus noted in `../shared/data/README.md` (`i` for `і`, `ə` for `ә`).
/// `i`/`I` map to the Kazakh `і`/`І`, the only Cyrillic letter they resemble.
pub const LOOKALIKES: &[(char, char)] = &[
    ('a', 'а'),
    ('c', 'с'),
    ('e', 'е'),
    ('h', 'һ'),
    ('i', 'і'),
    ('k', 'к'),
    ('o', 'о'),
    ('p', 'р'),
    ('x', 'х'),
    ('y', 'у'),
    ('A', 'А'),
    ('B', 'В'),
    ('C', 'С'),
    ('E', 'Е'),
    ('H', 'Н'),
    ('I', 'І'),
    ('K', 'К'),
    ('M', 'М'),
    ('O', 'О'),
    ('P', 'Р'),
    ('T', 'Т'),
    ('X', 'Х'),
    ('Y', 'Ү'),
    ('ə', 'ә'), // U+0259 LATIN SMALL LETTER SCHWA
    ('Ə', 'Ә'), // U+018F LATIN CAPITAL LETTER SCHWA
    ('ɵ', 'ө'), // U+0275 LATIN SMALL LETTER BARRED O
    ('Ɵ', 'Ө'), // U+019F LATIN CAPITAL LETTER O WITH MIDDLE TILDE
];

/// The Cyrillic letter that the Latin letter `c` looks like, if any.
pub fn cyrillic_lookalike(c: char) -> Option<char> {
    LOOKALIKES
        .iter()
        .find(|(latin, _)| *latin == c)
        .map(|(_, cyr)| *cyr)
}

/// Whether `c` is a Cyrillic letter (the Cyrillic and Cyrillic Supplement blocks).
pub fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{052F}')
}

fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic() && !is_cyrillic(c) && (c.is_ascii() || matches!(c, '\u{00C0}'..='\u{02AF}'))
}

/// Repairs one word: `Some(repaired)` when it mixes Cyrillic with Latin
/// look-alikes only, `None` when there is nothing to repair.
pub fn repair_word(word: &str) -> Option<String> {
    let mut has_cyrillic = false;
    let mut has_lookalike = false;
    for c in word.chars() {
        if is_cyrillic(c) {
            has_cyrillic = true;
        } else if is_latin_letter(c) {
            cyrillic_lookalike(c)?;
            has_lookalike = true;
        }
    }
    if !(has_cyrillic && has_lookalike) {
        return None;
    }
    Some(
        word.chars()
            .map(|c| cyrillic_lookalike(c).unwrap_or(c))
            .collect(),
    )
}

/// A repair made by [`repair_text`]: the byte range of the word in the input,
/// and the word before and after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LookalikeRepair {
    pub start: usize,
    pub end: usize,
    pub before: String,
    pub after: String,
}

/// Repairs every word of `text` (words are maximal runs of letters and marks),
/// returning the text and the repairs made. Borrows when nothing changed.
pub fn repair_text(text: &str) -> (Cow<'_, str>, Vec<LookalikeRepair>) {
    let mut repairs = Vec::new();
    let mut start = None;
    let is_word_char = |c: char| c.is_alphabetic() || is_mark(c);
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, is_word_char(c) && i < text.len()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let word = &text[s..i];
                if let Some(after) = repair_word(word) {
                    repairs.push(LookalikeRepair {
                        start: s,
                        end: i,
                        before: word.to_string(),
                        after,
                    });
                }
                start = None;
            }
            _ => {}
        }
    }
    if repairs.is_empty() {
        return (Cow::Borrowed(text), repairs);
    }
    let mut out = String::with_capacity(text.len() + repairs.len());
    let mut last = 0;
    for r in &repairs {
        out.push_str(&text[last..r.start]);
        out.push_str(&r.after);
        last = r.end;
    }
    out.push_str(&text[last..]);
    (Cow::Owned(out), repairs)
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        let (out, _) = repair_text(input);
        assert_eq!(out, expected, "input: {input}");
    }

    #[test]
    fn latin_schwa_inside_kazakh_word_becomes_cyrillic() {
        check(
            "Қытай диаспораларының əлеуеті сарапталады",
            "Қытай диаспораларының әлеуеті сарапталады",
        );
        check(
            "жұмыс күшін экспорттауға əсері",
            "жұмыс күшін экспорттауға әсері",
        );
    }

    #[test]
    fn latin_i_inside_kazakh_word_becomes_kazakh_i() {
        check("бiлiм беру", "білім беру");
    }

    #[test]
    fn real_latin_words_and_cyrillic_acronyms_stay() {
        check(
            "The entry into ВТО enabled China",
            "The entry into ВТО enabled China",
        );
        check(
            "«走出去战略» (Zǒuchūqū Zhànlüè)",
            "«走出去战略» (Zǒuchūqū Zhànlüè)",
        );
        check("profit and influence", "profit and influence");
    }

    #[test]
    fn a_mixed_word_with_a_latin_letter_without_lookalike_stays() {
        // `z` has no Cyrillic look-alike: this is not a rendering accident.
        check("zаказ", "zаказ");
    }

    #[test]
    fn repairs_report_byte_ranges_of_the_original() {
        let text = "x əсері y";
        let (_, repairs) = repair_text(text);
        assert_eq!(repairs.len(), 1);
        assert_eq!(&text[repairs[0].start..repairs[0].end], "əсері");
        assert_eq!(repairs[0].after, "әсері");
    }
}
