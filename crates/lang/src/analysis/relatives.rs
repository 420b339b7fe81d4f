//! Derivational relatives of a search term: the stems of the words one
//! derivation away (a noun and its adjective), for a search to find
//! `миграционная политика` when asked for `миграция`.
//!
//! The stemmers conflate inflections only: Snowball's Russian stemmer cuts
//! `миграция` to `миграц` but `миграционная` to `миграцион`, and our Kazakh
//! stemmer keeps the adjective-forming `-лық` (`миграциялық`), because a
//! stem shared by a noun and its adjective would lower the conflation
//! precision that `ushtil eval stem` measures against gold lemmas, whose
//! lemmas tell the two apart. A reader searching for a topic wants both, so
//! a query asks for the relatives beside the word itself, with a lower
//! boost (the index does not change).
//!
//! Relatives are generated from a term by the rules below, whether or not
//! the language has the word; the search asks only for those the index holds
//! (most generated stems are in no document and cost one dictionary
//! look-up). No rule applies to English: Snowball's English stemmer already
//! joins most derivations (`migration`, `migrate` → `migrat`), and the
//! pairs it keeps apart collide (`policy` → `polici`, `police` → `polic`).

use std::sync::LazyLock;

use super::fold::fold;
use super::names;
use super::stem::kazakh::template_variants;
use super::stem::kazakh_rules::{
    BACK_VOWELS, FRONT_VOWELS, HIGH_VOWELS, K, L, LATERALS, N, NASALS, NEUTRAL_VOWELS, S,
    SONORANTS, V, VOICED, VOICELESS, Y, Z,
};

/// Russian adjective-forming suffixes as they end Snowball stems: each pair
/// is (the end of a noun's stem, the end of its adjective's stem), read both
/// ways. Written from the word-formation part of T. Wade, *A Comprehensive
/// Russian Grammar* (3rd ed., 2011): relational adjectives in `-онный`,
/// `-ический`, `-енный`, `-ский`, `-ийский`, `-ейский`. With the stems
/// rust-stemmers' Snowball Russian gives each pair:
///
/// | noun → stem | adjective → stem |
/// |---|---|
/// | `миграция` → `миграц` | `миграционный` → `миграцион` |
/// | `экономика` → `экономик` | `экономический` → `экономическ` |
/// | `демография` → `демограф` | `демографический` → `демографическ` |
/// | `государство` → `государств` | `государственный` → `государствен` |
/// | `Казахстан` → `казахста` | `казахстанский` → `казахстанск` |
/// | `Америка` → `америк` | `американский` → `американск` |
/// | `Китай` → `кита` | `китайский` → `китайск` |
/// | `Россия` → `росс` | `российский` → `российск` |
/// | `Европа` → `европ` | `европейский` → `европейск` |
pub const RUSSIAN_PAIRS: &[(&str, &str)] = &[
    ("ц", "цион"),
    ("ик", "ическ"),
    ("", "ическ"),
    ("ств", "ствен"),
    ("", "ск"),
    ("", "нск"),
    ("", "анск"),
    ("", "йск"),
    ("", "ийск"),
    ("", "ейск"),
];

/// The Kazakh relational-adjective suffix `-ЛЫҚ` (`миграция` →
/// `миграциялық`, `Қытай` → `қытайлық`, `азамат` → `азаматтық`):
/// A. Muhamedowa, *Kazakh: A Comprehensive Grammar* (Routledge 2016), on
/// word formation (`-лық/-лік/-дық/-дік/-тық/-тік`). A template in the
/// stemmer's notation, expanded by the stemmer's rules: its initial
/// consonant assimilated to the stem's last sound, its vowel following the
/// stem's vowel harmony.
///
/// Checked on the Kazakh side of the kk–ru gov corpus in `../shared/data`
/// (9,128 stems): the rule joins 318 pairs, and of 60 drawn at random 58
/// are a word and its derivation (`медицина`/`медициналық`,
/// `азамат`/`азаматтық`), many of them the nominative of a noun in `-дық`
/// and its case forms, which the stemmer splits (`қауымдастық` →
/// `қауымдас`, `қауымдастығы` → `қауымдастық`); two join fragments
/// (`сон`/`сондықтан`, `дер`/`дерлік`).
const KAZAKH_ADJECTIVE: &str = "ЛЫҚ";

/// [`KAZAKH_ADJECTIVE`]'s variants (see [`template_variants`]).
static KAZAKH_ADJECTIVE_VARIANTS: LazyLock<Vec<(String, u8, Option<bool>)>> =
    LazyLock::new(|| template_variants(KAZAKH_ADJECTIVE));

/// The shortest stem a relative may have (characters): `ц` + `ион` is not
/// a word.
const MIN_STEM_CHARS: usize = 3;

/// The shortest stem a Russian rule with no noun ending (the noun's stem
/// is the adjective's base) applies to: on the UD Russian dev words, the
/// three-letter ones joined unrelated words (`дат`-а and `дат`-ский,
/// `том` and `Томск`, `кра`-й and `краск`-а) where the longer ones joined
/// nouns and their adjectives (`росс`-ия, `кита`-й, `англ`-ия).
const MIN_BARE_STEM_CHARS: usize = 4;

/// Appends to `out` the stems of the derivational relatives of `word` (as
/// typed, lowercased, `ё` as `е`), whose term by the analyser `analyser`
/// (one of [`names`]) is `term`; nothing for an analyser without rules.
/// Only the Russian rules read `word` (it may be empty for the others).
/// `term` itself is not among them, and no relative appears twice.
pub fn relatives(analyser: &str, term: &str, word: &str, out: &mut Vec<String>) {
    let start = out.len();
    match analyser {
        names::RU => {
            russian(term, out);
            russian_ai_noun(term, word, out);
        }
        names::KK => kazakh(term, false, out),
        names::KK_FOLD => kazakh(term, true, out),
        _ => {}
    }
    // Rules may meet (`политик` → `политическ` by `-ик` and by the bare
    // `-ическ`): keep the first.
    let mut i = start;
    while i < out.len() {
        if out[i] == term || out[start..i].contains(&out[i]) {
            out.remove(i);
        } else {
            i += 1;
        }
    }
}

fn russian(term: &str, out: &mut Vec<String>) {
    if !term.chars().all(|c| matches!(c, 'а'..='я' | 'ё')) {
        return;
    }
    for (noun, adjective) in RUSSIAN_PAIRS {
        let min = if noun.is_empty() {
            MIN_BARE_STEM_CHARS
        } else {
            MIN_STEM_CHARS
        };
        for (from, to) in [(noun, adjective), (adjective, noun)] {
            if let Some(base) = term.strip_suffix(from)
                && base.chars().count() >= min
            {
                out.push(format!("{base}{to}"));
            }
        }
    }
}

/// Masculine nouns in `-ай` (`Китай`, `случай`, `урожай`): Snowball reads
/// the genitive's `-ая` as the feminine adjective ending and cuts it
/// (`Китая` → `кит`), and cuts `-й` from the other forms (`Китай`,
/// `Китаю`, `Китае` → `кита`), so `политика Китая` did not find `Китай`.
/// The word as typed tells which form a stem came from: `X-ая` with stem
/// `X` is also read as `X-а`, and `X-ай` with stem `X-а` as `X`. (An
/// adjective's `-ая` gives a stem like `нова` that is in no index.)
fn russian_ai_noun(term: &str, word: &str, out: &mut Vec<String>) {
    if word.strip_suffix("ая") == Some(term) && term.chars().count() >= MIN_STEM_CHARS {
        out.push(format!("{term}а"));
    }
    if word.strip_suffix('й') == Some(term)
        && let Some(base) = term.strip_suffix('а')
        && base.chars().count() >= MIN_STEM_CHARS
    {
        out.push(base.to_string());
    }
}

fn kazakh(term: &str, folded: bool, out: &mut Vec<String>) {
    if !term.chars().all(is_kazakh_letter) {
        return;
    }
    let variants = &*KAZAKH_ADJECTIVE_VARIANTS;
    let form = |suffix: &str| {
        if folded {
            fold(suffix)
        } else {
            suffix.to_string()
        }
    };
    // The adjective's stem: the noun's without the suffix.
    for (suffix, _, _) in variants {
        if let Some(base) = term.strip_suffix(form(suffix).as_str())
            && base.chars().count() >= MIN_STEM_CHARS
        {
            out.push(base.to_string());
            return;
        }
    }
    // The noun's: the suffix added, both harmony variants where folding
    // hid the stem's vowels (`а` is `а` or `ә`).
    if term.chars().count() < MIN_STEM_CHARS {
        return;
    }
    let Some(class) = term.chars().last().and_then(left_class) else {
        return;
    };
    let harmony = term
        .chars()
        .rev()
        .find_map(|c| {
            if BACK_VOWELS.contains(c) {
                Some(true)
            } else if FRONT_VOWELS.contains(c) {
                Some(false)
            } else {
                None
            }
        })
        .filter(|_| !folded);
    for (suffix, left, back) in variants {
        let agrees = match (harmony, back) {
            (Some(h), Some(b)) => h == *b,
            _ => true,
        };
        if left & class != 0 && agrees {
            out.push(format!("{term}{}", form(suffix)));
        }
    }
}

/// The stemmer's class of a stem-final letter (`kazakh_rules`: `V`, `Y`,
/// `S`, `L`, `N`, `Z`, `K`); `None` for a letter of no class.
fn left_class(c: char) -> Option<u8> {
    Some(if HIGH_VOWELS.contains(c) {
        Y
    } else if BACK_VOWELS.contains(c) || FRONT_VOWELS.contains(c) || NEUTRAL_VOWELS.contains(c) {
        V
    } else if SONORANTS.contains(c) {
        S
    } else if LATERALS.contains(c) {
        L
    } else if NASALS.contains(c) {
        N
    } else if VOICED.contains(c) {
        Z
    } else if VOICELESS.contains(c) {
        K
    } else {
        return None;
    })
}

fn is_kazakh_letter(c: char) -> bool {
    matches!(
        c,
        'а'..='я' | 'ё' | 'ә' | 'ғ' | 'қ' | 'ң' | 'ө' | 'ұ' | 'ү' | 'һ' | 'і'
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;
    use crate::analysis::{stem, terms_folded};

    fn of(analyser: &str, term: &str) -> Vec<String> {
        let mut out = Vec::new();
        relatives(analyser, term, term, &mut out);
        out
    }

    /// The relatives of one word's stem hold the stem of the other, both
    /// ways, as the analysers make them.
    fn related(lang: Lang, a: &str, b: &str) {
        let name = crate::analysis::analyzer_name(lang);
        let (sa, sb) = (stem(lang, a), stem(lang, b));
        let of_word = |word: &str, term: &str| {
            let mut out = Vec::new();
            relatives(name, term, &word.to_lowercase(), &mut out);
            out
        };
        assert!(of_word(a, &sa).contains(&sb), "{a} ({sa}) → {b} ({sb})");
        assert!(of_word(b, &sb).contains(&sa), "{b} ({sb}) → {a} ({sa})");
    }

    #[test]
    fn russian_nouns_in_ai_and_their_genitive() {
        for (nominative, genitive) in [
            ("Китай", "Китая"),
            ("случай", "случая"),
            ("урожай", "урожая"),
        ] {
            related(Lang::Ru, nominative, genitive);
        }
    }

    #[test]
    fn russian_nouns_and_their_adjectives() {
        for (noun, adjective) in [
            ("миграция", "миграционная"),
            ("экономика", "экономический"),
            ("демография", "демографической"),
            ("государство", "государственная"),
            ("Казахстан", "казахстанских"),
            ("Америка", "американской"),
            ("Китай", "китайской"),
            ("Россия", "российские"),
            ("Европа", "европейский"),
        ] {
            related(Lang::Ru, noun, adjective);
        }
    }

    /// (After a consonant the stemmer already strips the suffix, read as a
    /// past-tense ending: `халықтық` → `халық`.)
    #[test]
    fn kazakh_nouns_and_their_adjectives_in_lyq() {
        for (noun, adjective) in [
            ("миграция", "миграциялық"),
            ("экономика", "экономикалық"),
            ("Қытай", "қытайлық"),
            ("демография", "демографиялық"),
            ("Азия", "азиялық"),
            ("Африка", "африкалық"),
        ] {
            related(Lang::Kk, noun, adjective);
        }
    }

    #[test]
    fn folded_kazakh_finds_the_folded_adjective() {
        for (noun, adjective) in [("миграция", "миграциялық"), ("Қытай", "қытайлық")]
        {
            let (n, a) = (terms_folded(noun), terms_folded(adjective));
            assert!(of(names::KK_FOLD, &n[0]).contains(&a[0]), "{n:?} → {a:?}");
            assert!(of(names::KK_FOLD, &a[0]).contains(&n[0]), "{a:?} → {n:?}");
        }
    }

    #[test]
    fn no_relatives_for_english_latin_digits_or_short_stems() {
        assert!(of(names::EN, "migrat").is_empty());
        assert!(of(names::RU, "migration").is_empty());
        assert!(of(names::KK, "2020").is_empty());
        assert!(of(names::RU, "ц").is_empty());
        // `дат`-а is not `дат`-ский (Danish).
        assert!(!of(names::RU, "дат").contains(&"датск".to_string()));
        assert!(!of(names::RU, "датск").contains(&"дат".to_string()));
        assert!(of(names::PLAIN, "миграц").is_empty());
    }

    #[test]
    fn a_relative_is_listed_once_and_never_the_term() {
        for (analyser, term) in [(names::RU, "политик"), (names::KK, "миграция")] {
            let got = of(analyser, term);
            let mut distinct = got.clone();
            distinct.sort();
            distinct.dedup();
            assert_eq!(distinct.len(), got.len(), "{got:?}");
            assert!(!got.iter().any(|r| r == term), "{got:?}");
        }
    }
}
