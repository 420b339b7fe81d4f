//! The Cyrillic alphabet of every modelled language, and the evidence a
//! letter outside a language's alphabet carries against it.
//!
//! The n-gram tables learn from a few thousand sentences, so a letter a
//! language never writes costs it only what any unseen letter costs (the
//! uniform floor of the smoothing, about 6 nats): `принципін` still looked
//! Russian, because `принцип` is so Russian that one `і` could not outweigh
//! it. Alphabets are not learned, they are known: these are the main
//! exemplar characters of each language in the Unicode CLDR (`exemplarCharacters`
//! of `kk`, `ru`, `ky`, `tt`, `mn`, `uk`, `be`, `bg`, `mk`, `uz_Cyrl`, `sah`;
//! Turkmen from its 1940–1993 Cyrillic alphabet), lowercase.

use std::sync::LazyLock;

use super::model::{ModelLang, NL, Scores, code_of};

/// Evidence (nats) against a language for every letter of a word that its
/// alphabet lacks, on top of what the n-gram model gives.
pub const OUTSIDE_ALPHABET_EVIDENCE: f32 = -6.0;

/// The lowercase Cyrillic alphabet of a modelled language (English: none;
/// its words are Latin and never scored here).
pub fn alphabet(lang: ModelLang) -> &'static str {
    match lang {
        ModelLang::Kk => "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
        ModelLang::Ru => "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        ModelLang::En => "",
        ModelLang::Ky => "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя",
        ModelLang::Tt => "аәбвгдеёжҗзийклмнңоөпрстуүфхһцчшщъыьэюя",
        ModelLang::Mn => "абвгдеёжзийклмноөпрстуүфхцчшщъыьэюя",
        ModelLang::Uk => "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
        ModelLang::Be => "абвгдеёжзійклмнопрстуўфхцчшыьэюя",
        ModelLang::Bg => "абвгдежзийклмнопрстуфхцчшщъьюя",
        ModelLang::Mk => "абвгдѓежзѕијклљмнњопрстќуфхцчџш",
        ModelLang::Uz => "абвгғдеёжзийкқлмнопрстуўфхҳчшъэюя",
        ModelLang::Sah => "абвгҕдеёжзийклмнҥоөпрстуүфхһцчшщъыьэюя",
        ModelLang::Tk => "аәбвгдеёжҗзийклмнңоөпрстуүфхцчшщъыьэюя",
    }
}

/// Per letter code, a bit per language whose alphabet lacks it (only for
/// Cyrillic codes; everything else maps to 0).
static OUTSIDE: LazyLock<Vec<u16>> = LazyLock::new(|| {
    let cyrillic = (0x400u32..=0x52F).filter_map(char::from_u32);
    let mut table = vec![0u16; 0x300];
    for c in cyrillic.filter(|c| c.is_lowercase()) {
        let code = code_of(c) as usize;
        for lang in ModelLang::ALL {
            if !lang.is_latin() && !alphabet(lang).contains(c) {
                table[code] |= 1 << lang.index();
            }
        }
    }
    table
});

/// Adds the evidence of the letters of a framed Cyrillic word (`_word_`
/// codes) that each language's alphabet lacks.
pub fn score_word(codes: &[u16], out: &mut Scores) {
    let table = &*OUTSIDE;
    let mut missing = [0u8; NL];
    let mut any = false;
    for &c in codes {
        let mask = table.get(c as usize).copied().unwrap_or(0);
        if mask == 0 {
            continue;
        }
        any = true;
        for (l, m) in missing.iter_mut().enumerate() {
            *m += u8::from(mask & (1 << l) != 0);
        }
    }
    if any {
        for (o, m) in out.iter_mut().zip(missing) {
            *o += f32::from(m) * OUTSIDE_ALPHABET_EVIDENCE;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::model::framed;
    use super::*;

    #[test]
    fn every_alphabet_is_lowercase_cyrillic_without_repeats() {
        for lang in ModelLang::ALL {
            let a = alphabet(lang);
            let mut seen = std::collections::HashSet::new();
            for c in a.chars() {
                assert!(
                    c.is_lowercase() && crate::lookalike::is_cyrillic(c),
                    "{lang}: {c}"
                );
                assert!(seen.insert(c), "{lang}: {c} twice");
            }
        }
    }

    #[test]
    fn a_kazakh_letter_counts_against_russian_only() {
        let mut s = [0.0; NL];
        score_word(&framed("принципін"), &mut s);
        assert_eq!(s[ModelLang::Kk.index()], 0.0);
        assert_eq!(s[ModelLang::Ru.index()], OUTSIDE_ALPHABET_EVIDENCE);
        assert_eq!(s[ModelLang::Uk.index()], 0.0, "Ukrainian writes і");
        let mut s = [0.0; NL];
        score_word(&framed("школы"), &mut s);
        assert_eq!(s[ModelLang::Ru.index()], 0.0);
        assert!(s[ModelLang::Uk.index()] < 0.0 && s[ModelLang::Bg.index()] < 0.0);
    }
}
