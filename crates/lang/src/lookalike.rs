//! Latin look-alike letters inside Cyrillic words, mapped back to Cyrillic;
//! and the Cyrillic letters that legacy Kazakh fonts put for Kazakh ones.
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

/// Where KZ-1048 differs from Windows-1251: the byte, the Windows-1251
/// letter there (Serbian, Macedonian, Ukrainian, Belarusian), and the Kazakh
/// letter KZ-1048 puts there. Kazakh text in KZ-1048 read as Windows-1251,
/// and text extracted from PDFs set in the Kazakh fonts built on it, writes
/// the first letter for the second: `Ќазаќстан`, `Республикасыныѕ`.
/// Source: the Kazakh standard ST RK 1048-2002, registered with IANA as
/// `KZ-1048`.
pub const KZ_1048: [(u8, char, char); 16] = [
    (0x8D, 'Ќ', 'Қ'),
    (0x8E, 'Ћ', 'Һ'),
    (0x9D, 'ќ', 'қ'),
    (0x9E, 'ћ', 'һ'),
    (0xA1, 'Ў', 'Ұ'),
    (0xA2, 'ў', 'ұ'),
    (0xA3, 'Ј', 'Ә'),
    (0xA5, 'Ґ', 'Ө'),
    (0xAA, 'Є', 'Ғ'),
    (0xAF, 'Ї', 'Ү'),
    (0xB4, 'ґ', 'ө'),
    (0xBA, 'є', 'ғ'),
    (0xBC, 'ј', 'ә'),
    (0xBD, 'Ѕ', 'Ң'),
    (0xBE, 'ѕ', 'ң'),
    (0xBF, 'ї', 'ү'),
];

/// [`KZ_1048`]'s Kazakh letters by the code point of the letter they stand
/// for, less U+0400 (all sixteen are in U+0400..=U+0491: `Ґ ґ` are
/// U+0490, U+0491), built from it at compile time.
const LEGACY_KAZAKH: [Option<char>; 0x92] = {
    let mut table = [None; 0x92];
    let mut i = 0;
    while i < KZ_1048.len() {
        let (_, cp1251, kazakh) = KZ_1048[i];
        table[cp1251 as usize - 0x400] = Some(kazakh);
        i += 1;
    }
    table
};

/// The Kazakh letter that `c` stands for in Kazakh text set in a legacy
/// font ([`KZ_1048`]), if it is one of those letters.
#[inline]
pub fn legacy_kazakh(c: char) -> Option<char> {
    let i = (c as u32).wrapping_sub(0x400) as usize;
    LEGACY_KAZAKH.get(i).copied().flatten()
}

/// Whether `text` reads as Kazakh set in a legacy font: it writes the
/// Macedonian letters that stand for `Қ` and `Ң` there (`Ќ Ѕ`: the commonest
/// Kazakh letters of their own, which Russian, Kazakh, Ukrainian,
/// Belarusian and Serbian never write) at least twice, and more than four
/// times as often as the Macedonian letters that such a font keeps
/// (`Ѓ Љ Њ Џ`), which a Macedonian text writes too. (`Ј` and `Ћ`, which
/// stand for `Ә` and `Һ`, are Serbian too: one Serbian name in a reference
/// list, `Јовановић`, would have been enough.)
pub fn is_legacy_kazakh(text: &str) -> bool {
    if !may_hold_legacy_kazakh(text) {
        return false;
    }
    let (mut kazakh, mut macedonian) = (0usize, 0usize);
    for c in text.chars() {
        match c {
            'Ќ' | 'ќ' | 'Ѕ' | 'ѕ' => kazakh += 1,
            'Ѓ' | 'ѓ' | 'Љ' | 'љ' | 'Њ' | 'њ' | 'Џ' | 'џ' => macedonian += 1,
            _ => {}
        }
    }
    kazakh >= 2 && kazakh > 4 * macedonian
}

/// Whether `text` may hold one of `Ќ ќ Ѕ ѕ`; false only when it holds
/// none. Their UTF-8 is 0xD0 then 0x85 or 0x8C, and 0xD1 then 0x95 or
/// 0x9C. Every paper is asked: the byte pairs are read 64 at a time (a
/// third of a percent of ingestion; aho-corasick's search took ten times
/// as many instructions, since all open with the commonest bytes of
/// Cyrillic text).
fn may_hold_legacy_kazakh(text: &str) -> bool {
    let bytes = text.as_bytes();
    let pair = |x: u8, y: u8| {
        // 0xD0 → 0x85 0x8C; 0xD1 → the same plus 0x10.
        let lead = x.wrapping_sub(0xD0) < 2;
        let low = y.wrapping_sub((x & 1) << 4);
        let second = (low == 0x85) | (low == 0x8C);
        u8::from(lead & second)
    };
    let Some(pairs) = bytes.len().checked_sub(1) else {
        return false;
    };
    let mut at = 0;
    while at + 64 <= pairs {
        let (xs, ys) = (&bytes[at..at + 64], &bytes[at + 1..at + 65]);
        let mut acc = 0u8;
        for i in 0..64 {
            acc |= pair(xs[i], ys[i]);
        }
        if acc != 0 {
            return true;
        }
        at += 64;
    }
    (at..pairs).any(|i| pair(bytes[i], bytes[i + 1]) != 0)
}

/// Repairs every word of `text` that holds a letter a legacy Kazakh font
/// puts for a Kazakh one ([`KZ_1048`]), letter for letter (each pair is two
/// bytes in UTF-8, so offsets hold). The segmenter asks it of a paper only
/// when [`is_legacy_kazakh`] holds, since a Ukrainian `ї` in a reference
/// is Ukrainian; a query is always read so, as the analysers read every
/// word. Borrows when nothing changed.
pub fn repair_legacy_kazakh(text: &str) -> (Cow<'_, str>, Vec<LookalikeRepair>) {
    let mut repairs = Vec::new();
    let mut start = None;
    let mut legacy = false;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if is_word_char(c) {
            start.get_or_insert(i);
            legacy |= legacy_kazakh(c).is_some();
            continue;
        }
        if let Some(s) = start.take()
            && std::mem::take(&mut legacy)
        {
            let word = &text[s..i];
            repairs.push(LookalikeRepair {
                start: s,
                end: i,
                before: word.to_string(),
                after: word
                    .chars()
                    .map(|c| legacy_kazakh(c).unwrap_or(c))
                    .collect(),
            });
        }
    }
    applied(text, repairs)
}

/// [`LOOKALIKES`] indexed by ASCII code, built from it at compile time (the
/// first pair wins, as in a search of the list).
const ASCII_LOOKALIKES: [Option<char>; 128] = {
    let mut table = [None; 128];
    let mut i = 0;
    while i < LOOKALIKES.len() {
        let (latin, cyrillic) = LOOKALIKES[i];
        if (latin as u32) < 128 && table[latin as usize].is_none() {
            table[latin as usize] = Some(cyrillic);
        }
        i += 1;
    }
    table
};

/// The Cyrillic letter that the Latin letter `c` looks like, if any.
#[inline]
pub fn cyrillic_lookalike(c: char) -> Option<char> {
    if c.is_ascii() {
        return ASCII_LOOKALIKES[c as usize];
    }
    LOOKALIKES
        .iter()
        .find(|(latin, _)| *latin == c)
        .map(|(_, cyr)| *cyr)
}

/// Whether `c` is a letter (`char::is_alphabetic`), answered without a table
/// search for ASCII and for the letters of the Cyrillic and Cyrillic
/// Supplement blocks (all of U+0400..=U+052F but the thousands sign U+0482 and
/// the combining marks U+0483..=U+0489), the bulk of our text; and for the
/// other characters papers are full of: Latin-1 punctuation (`«»`; `ª µ º`
/// are letters), the Latin letters of U+00C0..=U+02AF (the look-alike `ə`
/// among them; `×` and `÷` are not letters), General Punctuation (dashes,
/// curly quotes, `…`), CJK ideographs. (The table search was half a percent
/// of ingestion's instructions.)
#[inline]
pub fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\u{0000}'..='\u{007F}' => false,
        '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{052F}' => true,
        _ => is_other_letter(c),
    }
}

/// [`is_letter`] for the rest, out of line so that the test every character
/// of a text takes stays small enough to inline.
#[inline(never)]
fn is_other_letter(c: char) -> bool {
    match c {
        '\u{0080}'..='\u{00BF}' => matches!(c, 'ª' | 'µ' | 'º'),
        '\u{00C0}'..='\u{02AF}' => !matches!(c, '×' | '÷'),
        '\u{2000}'..='\u{206F}' => false,
        '\u{4E00}'..='\u{9FFF}' => true,
        _ => c.is_alphabetic(),
    }
}

/// Whether `c` belongs in a word: a letter or a combining mark (the combining
/// diacritics U+0300..=U+036F and the Cyrillic ones U+0483..=U+0489).
#[inline]
pub fn is_word_char(c: char) -> bool {
    is_letter(c) || is_mark(c)
}

/// Whether `c` is a Cyrillic letter (the Cyrillic and Cyrillic Supplement blocks).
#[inline]
pub fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{052F}')
}

fn is_latin_letter(c: char) -> bool {
    is_letter(c) && !is_cyrillic(c) && (c.is_ascii() || matches!(c, '\u{00C0}'..='\u{02AF}'))
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
    if !may_hold_mixed_word(text) {
        return (Cow::Borrowed(text), repairs);
    }
    let mut start = None;
    // Whether the word so far has a Cyrillic letter and a character that is
    // not one: only such a word can need a repair (see [`repair_word`]).
    let (mut cyrillic, mut other) = (false, false);
    let mut i = 0;
    loop {
        let (in_word, is_cyr, len) = if i < text.len() {
            word_char_class_at(text, i)
        } else {
            (false, false, 0)
        };
        if in_word {
            if is_cyr {
                cyrillic = true;
            } else {
                other = true;
            }
        }
        match (start, in_word) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let word = &text[s..i];
                if cyrillic
                    && other
                    && let Some(after) = repair_word(word)
                {
                    repairs.push(LookalikeRepair {
                        start: s,
                        end: i,
                        before: word.to_string(),
                        after,
                    });
                }
                start = None;
                (cyrillic, other) = (false, false);
            }
            _ => {}
        }
        if i >= text.len() {
            break;
        }
        i += len;
    }
    applied(text, repairs)
}

/// `text` with `repairs` (in order, not overlapping) made, borrowed when
/// there are none; and the repairs.
fn applied(text: &str, repairs: Vec<LookalikeRepair>) -> (Cow<'_, str>, Vec<LookalikeRepair>) {
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

/// Whether `text` may hold a word with a Cyrillic letter and a character
/// that is not one, the only words [`repair_word`] can change; false only
/// when it holds none. Such a word has the two side by side, and the other
/// one is an ASCII letter next to a byte of a multi-byte character, or a word
/// character whose lead byte is not that of U+0400..=U+04FF. Read in one
/// vectorised pass over byte pairs: most text, Russian and Kazakh prose with
/// Latin names and citations too, is refused without decoding a character.
fn may_hold_mixed_word(text: &str) -> bool {
    const CYRILLIC: u8 = 1;
    const SUSPECT: u8 = 2;
    let bytes = text.as_bytes();
    let Some(last) = bytes.len().checked_sub(1) else {
        return false;
    };
    let alpha = |b: u8| (b | 0x20).wrapping_sub(b'a') < 26;
    let pair = |x: u8, y: u8| {
        let cyrillic_lead = x.wrapping_sub(0xD0) < 5;
        let ascii_next_to_wide = (alpha(x) & (y >= 0x80)) | ((x >= 0x80) & alpha(y));
        // A lead byte outside U+0400..=U+04FF, but for those of characters
        // that are never word characters (see the test).
        let other_lead = (x >= 0xC0)
            & (x.wrapping_sub(0xD0) >= 4)
            & !((x == 0xE2) & (y == 0x80))
            & !((x == 0xC2) & (y != 0xAA) & (y != 0xB5) & (y != 0xBA));
        u8::from(cyrillic_lead) | (u8::from(ascii_next_to_wide | other_lead) << 1)
    };
    let (xs, ys) = (&bytes[..last], &bytes[1..]);
    // The last byte opens no pair: it is a Cyrillic lead only in broken text.
    let mut seen = u8::from(bytes[last].wrapping_sub(0xD0) < 5);
    for (xs, ys) in xs.chunks(64).zip(ys.chunks(64)) {
        seen |= xs.iter().zip(ys).fold(0, |acc, (&x, &y)| acc | pair(x, y));
        if seen == CYRILLIC | SUSPECT {
            return true;
        }
    }
    false
}

/// For the character at byte `i` of `text` (a character boundary): whether
/// it is a word character ([`is_word_char`]), whether it is Cyrillic
/// ([`is_cyrillic`]), and its length in bytes. ASCII and U+0400..=U+04FF,
/// nearly all of our text, are told from their bytes without decoding.
#[inline]
pub fn word_char_class_at(text: &str, i: usize) -> (bool, bool, usize) {
    let bytes = text.as_bytes();
    match bytes[i] {
        b if b < 0x80 => (b.is_ascii_alphabetic(), false, 1),
        // U+0400..=U+04FF: all letters or combining marks but U+0482 (҂).
        0xD0..=0xD3 => (
            !(bytes[i] == 0xD2 && bytes.get(i + 1) == Some(&0x82)),
            true,
            2,
        ),
        _ => match text[i..].chars().next() {
            Some(c) => (is_word_char(c), is_cyrillic(c), c.len_utf8()),
            None => (false, false, 1),
        },
    }
}

/// Whether the character at byte `i` of `bytes` (a character boundary of a
/// `str`) is a letter of U+0400..=U+04FF, told from its bytes: all of them
/// are but U+0482..=U+0489, a sign and combining marks, whose UTF-8 is
/// 0xD2 0x82..=0x89 (tested against `char::is_alphabetic` on every char).
#[inline]
pub fn is_cyrillic_letter_at(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        0xD0 | 0xD1 | 0xD3 => true,
        0xD2 => !(0x82..=0x89).contains(&bytes[i + 1]),
        _ => false,
    }
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_char_class_at_agrees_with_the_char_tests_on_every_char() {
        let mut text = String::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            text.clear();
            text.push(c);
            text.push('a');
            let (word, cyrillic, len) = word_char_class_at(&text, 0);
            assert_eq!(
                (word, len),
                (is_word_char(c), c.len_utf8()),
                "U+{:04X}",
                c as u32
            );
            if word {
                assert_eq!(cyrillic, is_cyrillic(c), "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn kazakh_in_a_legacy_font_gets_its_kazakh_letters_back() {
        let damaged =
            "Ќазаќстан Республикасыныѕ экономикалыќ саясаты жјне болашаєы, їлкен ґзгерістер";
        assert!(is_legacy_kazakh(damaged));
        let (out, repairs) = repair_legacy_kazakh(damaged);
        assert_eq!(
            out,
            "Қазақстан Республикасының экономикалық саясаты және болашағы, үлкен өзгерістер"
        );
        assert_eq!(repairs.len(), 7);
        assert_eq!(
            (repairs[0].before.as_str(), repairs[0].after.as_str()),
            ("Ќазаќстан", "Қазақстан")
        );
        // Repaired text has nothing left to repair.
        assert!(!is_legacy_kazakh(&out));
        assert!(repair_legacy_kazakh(&out).1.is_empty());
    }

    proptest::proptest! {
        #[test]
        fn legacy_font_repair_keeps_offsets_and_leaves_nothing_to_repair(
            text in "[а-яқәңұүөғһіЌќЅѕЈјЋћЎўҐґЄєЇї a-z,.-]{0,80}"
        ) {
            let (out, repairs) = repair_legacy_kazakh(&text);
            // Letter for letter, two bytes for two: every offset holds.
            proptest::prop_assert_eq!(out.len(), text.len());
            for r in &repairs {
                proptest::prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                proptest::prop_assert_eq!(&text[r.start..r.end], r.before.as_str());
                proptest::prop_assert_eq!(&out[r.start..r.end], r.after.as_str());
            }
            proptest::prop_assert!(!out.chars().any(|c| legacy_kazakh(c).is_some()));
            proptest::prop_assert!(repair_legacy_kazakh(&out).1.is_empty());
        }
    }

    #[test]
    fn the_legacy_letter_table_is_the_list() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let listed = KZ_1048.iter().find(|e| e.1 == c).map(|e| e.2);
            assert_eq!(legacy_kazakh(c), listed, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn the_legacy_font_prefilter_finds_exactly_those_four_letters() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(
                may_hold_legacy_kazakh(&text),
                matches!(c, 'Ќ' | 'ќ' | 'Ѕ' | 'ѕ'),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn ukrainian_serbian_and_macedonian_text_is_not_taken_for_a_legacy_font() {
        // Ukrainian writes `ї є ґ`, never `ќ ѕ ј ћ`.
        assert!(!is_legacy_kazakh(
            "Київ: Наукова думка, 2015. Її ґрунтовне дослідження"
        ));
        // Serbian writes `ј ћ` but not `ќ ѕ`: a Serbian reference in a
        // Russian paper is Serbian.
        assert!(!is_legacy_kazakh(
            "Њена књига је објављена у Београду, ћерка ђака"
        ));
        assert!(!is_legacy_kazakh(
            "Јовановић Ј. Историја Југославије. Београд, 2001. Петровић, Ђ."
        ));
        // Macedonian writes `ќ ѕ` beside `ѓ љ њ џ`.
        assert!(!is_legacy_kazakh("Ѓорѓи ќе дојде, ѕвезда и љубов"));
        // One stray letter is not a font.
        assert!(!is_legacy_kazakh("Қазақстан ќ"));
    }

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

    /// Every character, the fast paths' ranges (ASCII, the Cyrillic blocks)
    /// included, gets the standard library's answer.
    #[test]
    fn fast_letter_tests_agree_with_the_standard_library() {
        for c in char::MIN..=char::MAX {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?} U+{:04X}", c as u32);
            assert_eq!(
                is_word_char(c),
                c.is_alphabetic() || is_mark(c),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn lookalike_table_lookup_agrees_with_the_list() {
        for c in ('\u{0}'..='\u{0FFF}').chain(['ɵ', 'Ɵ', 'ə', 'Ə']) {
            let listed = LOOKALIKES.iter().find(|(l, _)| *l == c).map(|(_, r)| *r);
            assert_eq!(cyrillic_lookalike(c), listed, "{c:?}");
        }
    }

    /// The plain word loop `repair_text` replaced: every run of letters and
    /// marks handed to `repair_word`.
    fn repair_text_reference(text: &str) -> Vec<LookalikeRepair> {
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
        repairs
    }

    proptest::proptest! {
        #[test]
        fn repairs_match_the_plain_word_loop(
            text in "[аәбвіІiIəƏaAeEoOxcpzЁ\u{0301}\u{0483}\u{0482}ǒ走 .,-]{0,40}|\\PC{0,40}"
        ) {
            let (_, repairs) = repair_text(&text);
            proptest::prop_assert_eq!(repairs, repair_text_reference(&text));
        }
    }

    #[test]
    fn cyrillic_letters_are_told_from_their_bytes() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = c.to_string();
            let expected = matches!(c, '\u{0400}'..='\u{04FF}') && c.is_alphabetic();
            assert_eq!(
                is_cyrillic_letter_at(text.as_bytes(), 0),
                expected,
                "U+{:04X}",
                c as u32
            );
        }
    }

    /// The lead bytes `may_hold_mixed_word` passes over open no word
    /// character: U+0080..=U+00BF but `ª µ º`, and U+2000..=U+203F.
    #[test]
    fn the_skipped_lead_bytes_open_no_word_character() {
        for c in ('\u{0080}'..='\u{00BF}').chain('\u{2000}'..='\u{203F}') {
            if !matches!(c, 'ª' | 'µ' | 'º') {
                assert!(!is_word_char(c), "U+{:04X}", c as u32);
            }
        }
        // Every word character outside U+0400..=U+04FF, after a Cyrillic letter.
        let mut text = String::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if is_word_char(c) && !matches!(c, '\u{0400}'..='\u{04FF}') {
                text.clear();
                text.push('ә');
                text.push(c);
                assert!(may_hold_mixed_word(&text), "U+{:04X}", c as u32);
            }
        }
        assert!(!may_hold_mixed_word("Ресей (Smith, 2015) – «әлеует» 2"));
        assert!(may_hold_mixed_word("əлеуеті") && may_hold_mixed_word("бiлiм"));
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
