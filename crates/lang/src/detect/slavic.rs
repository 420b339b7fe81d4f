//! Rules that tell Russian from the Slavic languages that share its
//! alphabet (Ukrainian, Bulgarian), where the small n-gram tables cannot:
//! they learn whole words from a few hundred sentences, so whichever table
//! happened to see `футболист` or `Люксембург` wins a Russian phrase.
//!
//! Two kinds of evidence, both written from grammars rather than learned:
//! - word endings of Russian inflection that the other language does not
//!   have (Bulgarian lost the noun cases and the infinitive; Ukrainian
//!   writes `-ий`, `-а`, `-ість`, `-ення` where Russian writes `-ый`,
//!   `-ая`, `-ость`, `-ения`): evidence against that language;
//! - function words of Ukrainian and Bulgarian that Russian (and Kazakh)
//!   never writes: evidence for that language.
//!
//! Sources: T. Wade, *A Comprehensive Russian Grammar* (3rd ed., 2011),
//! §§ 41–170 (declension), 195–300 (conjugation); E. A. Scatton,
//! *A Reference Grammar of Modern Bulgarian* (1984), ch. 4 (nominal
//! morphology, articles) and 5 (pronouns); S. M. Pugh and I. Press,
//! *Ukrainian: A Comprehensive Grammar* (1999), ch. 3–5.

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::model::{BOUNDARY, ModelLang, NL, Scores, code_of, pack, word_key};

/// Evidence (nats) against a language of a word ending it does not have.
pub const FOREIGN_ENDING_EVIDENCE: f32 = -4.0;
/// Evidence (nats) for a language of one of its function words.
pub const FUNCTION_WORD_EVIDENCE: f32 = 3.0;

/// Russian word endings Bulgarian does not have: adjective and noun case
/// endings, the infinitive and reflexive verbs, second-person `-шь`.
/// The instrumental `-ом` and `-ием` and the feminine accusative `-ую`
/// (`приказом`, `постановлением`, `новую`) are what tells the official
/// Russian of Kazakhstani texts from Bulgarian: its chains of genitives in
/// `-а`/`-я`/`-и` (`Президента Республики`) are Bulgarian's definite and
/// plural forms too, and the small tables read such lines as Bulgarian.
/// On the Russian side of the gov parallel text (dev half), lines answered
/// `und` fell from 23 to 17 with these three, and no confuser moved; `-ей`
/// moved nothing more and ends Bulgarian nouns (`музей`). A few Bulgarian
/// nouns end in `-ом` (`атом`, `синдром`); Tatoeba's and the UDHR's
/// Bulgarian have none of five letters or more.
const NOT_BULGARIAN: &[&str] = &[
    "ый",
    "ая",
    "яя",
    "ое",
    "ые",
    "ого",
    "его",
    "ому",
    "ему",
    "ыми",
    "ими",
    "ами",
    "ями",
    "ах",
    "ях",
    "ть",
    "ться",
    "тся",
    "ешь",
    "ишь",
    "ость",
    "ию",
    "ью",
    "ией",
    "ский",
    "цкий",
    "ского",
    "ом",
    "ием",
    "ую",
];

/// Russian word endings Ukrainian does not have (Ukrainian `-ий`, `-а`,
/// `-е`, `-і`, `-ії`, `-ість`, `-ення`, `-еш`, genitive plural `-ів`, and
/// adjectives in `-ськ-`: `-ський`, `-ського`, `-ській`).
const NOT_UKRAINIAN: &[&str] = &[
    "ый",
    "ая",
    "яя",
    "ое",
    "ее",
    "ые",
    "ость",
    "ости",
    "ение",
    "ения",
    "ании",
    "ание",
    "ания",
    "ешь",
    "ишь",
    "ов",
    "ев",
    "ии",
    "ский",
    "цкий",
    "ского",
    "скому",
    "ском",
    "ской",
    "ских",
    "ским",
    "скую",
    "ская",
    "ское",
    "ские",
];

/// Ukrainian function words that Russian and Kazakh do not write
/// (pronouns, conjunctions, particles, auxiliary forms).
const UKRAINIAN_WORDS: &[&str] = &[
    "що",
    "це",
    "цей",
    "ця",
    "цього",
    "цих",
    "але",
    "або",
    "дуже",
    "ще",
    "вже",
    "був",
    "була",
    "було",
    "були",
    "буде",
    "чому",
    "хто",
    "немає",
    "можна",
    "мене",
    "тобі",
    "його",
    "вона",
    "вони",
    "ми",
    "ви",
    "наш",
    "ваш",
    "теж",
    "також",
    "тільки",
    "коли",
    "як",
];

/// Bulgarian function words that Russian and Kazakh do not write
/// (the copula, clitic pronouns, demonstratives, the future particle).
const BULGARIAN_WORDS: &[&str] = &[
    "е",
    "са",
    "съм",
    "си",
    "сме",
    "сте",
    "ще",
    "се",
    "във",
    "със",
    "какво",
    "този",
    "тази",
    "това",
    "тези",
    "защо",
    "къде",
    "кой",
    "ми",
    "ти",
    "го",
    "му",
    "ги",
    "има",
    "няма",
    "беше",
    "бях",
    "вие",
    "нея",
    "него",
    "тук",
    "сега",
    "много",
    "теб",
];

/// Evidence (nats) for Ukrainian of a spelling Russian does not use.
pub const UKRAINIAN_SPELLING_EVIDENCE: f32 = 6.0;
/// Evidence (nats) for Ukrainian of an infinitive in `-ти` after a vowel
/// (Russian `-ть`; Russian writes `-ти` after a vowel in a few words:
/// `идти`, `пути`, `кстати`).
pub const UKRAINIAN_INFINITIVE_EVIDENCE: f32 = 2.0;

/// Consonants Ukrainian doubles before a final `-я` in verbal and
/// collective nouns (`питання`, `життя`, `весілля`, `волосся`; Russian
/// `-ние`, `-тие`, `-лье`): Pugh and Press 1999, §2.4.
const UKRAINIAN_DOUBLED: &str = "нтлсчджзцш";

/// Spellings of Ukrainian that Russian does not use, in nats for
/// Ukrainian: `ьо` (`його`, `сьогодні`; Russian writes `ьо` only in loans
/// ending in `-ьон`: `бульон`), a doubled consonant before a final `я`,
/// the prefix `що-` (`щось`, `щоб`), the third person plural `-ють`
/// (Russian `-ют`), an infinitive in `-ти` after a vowel.
fn ukrainian_spelling(letters: &[u16]) -> f32 {
    static CODES: LazyLock<[u16; 8]> =
        LazyLock::new(|| ['ь', 'о', 'н', 'я', 'щ', 'ю', 'т', 'и'].map(code_of));
    static DOUBLED: LazyLock<Vec<u16>> =
        LazyLock::new(|| UKRAINIAN_DOUBLED.chars().map(code_of).collect());
    static VOWELS: LazyLock<Vec<u16>> =
        LazyLock::new(|| "аеиіоуюяє".chars().map(code_of).collect());
    let [soft, o, n, ya, shch, yu, t, i] = *CODES;
    let len = letters.len();
    let soft_o = letters
        .windows(2)
        .enumerate()
        .any(|(k, w)| w == [soft, o] && letters.get(k + 2) != Some(&n));
    let doubled_ya = len >= 4
        && letters[len - 1] == ya
        && letters[len - 2] == letters[len - 3]
        && DOUBLED.contains(&letters[len - 2]);
    let shcho = len >= 3 && letters[0] == shch && letters[1] == o;
    let yut = letters.ends_with(&[yu, t, soft]);
    if soft_o || doubled_ya || shcho || yut {
        return UKRAINIAN_SPELLING_EVIDENCE;
    }
    if len >= 4 && letters.ends_with(&[t, i]) && VOWELS.contains(&letters[len - 3]) {
        return UKRAINIAN_INFINITIVE_EVIDENCE;
    }
    0.0
}

struct Tables {
    /// Packed ending → languages (bit per [`ModelLang`]) that lack it.
    endings: FxHashMap<u64, u16>,
    /// Lengths of the endings, longest first.
    ending_lens: Vec<usize>,
    words: Vec<(FxHashSet<u128>, ModelLang)>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let codes = |s: &str| s.chars().map(code_of).collect::<Vec<u16>>();
    let mut endings: FxHashMap<u64, u16> = FxHashMap::default();
    let mut ending_lens: Vec<usize> = Vec::new();
    for (list, lang) in [
        (NOT_BULGARIAN, ModelLang::Bg),
        (NOT_UKRAINIAN, ModelLang::Uk),
    ] {
        for e in list {
            let e = codes(e);
            *endings.entry(pack(&e)).or_default() |= 1 << lang.index();
            if !ending_lens.contains(&e.len()) {
                ending_lens.push(e.len());
            }
        }
    }
    ending_lens.sort_unstable_by(|a, b| b.cmp(a));
    let set = |list: &[&str]| {
        list.iter()
            .map(|w| word_key(&codes(w)).expect("function words are short"))
            .collect::<FxHashSet<_>>()
    };
    Tables {
        endings,
        ending_lens,
        words: vec![
            (set(UKRAINIAN_WORDS), ModelLang::Uk),
            (set(BULGARIAN_WORDS), ModelLang::Bg),
        ],
    }
});

/// Adds the evidence of one framed Cyrillic word (`_word_` codes).
///
/// Returns the languages (a bit per [`ModelLang`]) one of whose own words
/// or spellings the word is: evidence no Russian text gives.
pub fn score_word(framed: &[u16], out: &mut Scores) -> u16 {
    let t = &*TABLES;
    debug_assert!(framed.first() == Some(&BOUNDARY));
    let letters = &framed[1..framed.len().saturating_sub(1).max(1)];
    let mut marked = 0u16;
    let key = word_key(letters);
    for (set, lang) in &t.words {
        if key.is_some_and(|k| set.contains(&k)) {
            out[lang.index()] += FUNCTION_WORD_EVIDENCE;
            marked |= 1 << lang.index();
        }
    }
    if marked != 0 {
        return marked;
    }
    let spelling = ukrainian_spelling(letters);
    out[ModelLang::Uk.index()] += spelling;
    if spelling >= UKRAINIAN_SPELLING_EVIDENCE {
        marked |= 1 << ModelLang::Uk.index();
    }
    // An ending counts once per language, after a stem of two letters.
    let mut against = 0u16;
    for &len in &t.ending_lens {
        if letters.len() >= len + 2
            && let Some(mask) = t.endings.get(&pack(&letters[letters.len() - len..]))
        {
            against |= mask;
        }
    }
    if against != 0 {
        for (l, o) in out.iter_mut().enumerate().take(NL) {
            if against & (1 << l) != 0 {
                *o += FOREIGN_ENDING_EVIDENCE;
            }
        }
    }
    marked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scores(word: &str) -> Scores {
        let mut v = vec![BOUNDARY];
        v.extend(word.chars().map(code_of));
        v.push(BOUNDARY);
        let mut s = [0.0; NL];
        score_word(&v, &mut s);
        s
    }

    #[test]
    fn a_russian_adjective_ending_counts_against_bulgarian_and_ukrainian() {
        let s = scores("нижняя");
        assert_eq!(s[ModelLang::Bg.index()], FOREIGN_ENDING_EVIDENCE);
        assert_eq!(s[ModelLang::Uk.index()], FOREIGN_ENDING_EVIDENCE);
        assert_eq!(s[ModelLang::Ru.index()], 0.0);
        // The infinitive: not Bulgarian, but Ukrainian writes `-ть` too.
        let s = scores("работать");
        assert!(s[ModelLang::Bg.index()] < 0.0);
        assert_eq!(s[ModelLang::Uk.index()], 0.0);
        // The instrumental and the feminine accusative.
        for w in ["приказом", "постановлением", "новую"] {
            assert_eq!(
                scores(w)[ModelLang::Bg.index()],
                FOREIGN_ENDING_EVIDENCE,
                "{w}"
            );
        }
    }

    #[test]
    fn ukrainian_spellings_point_at_ukrainian() {
        let uk = |w: &str| scores(w)[ModelLang::Uk.index()];
        for w in ["достатньо", "питання", "щось", "дають"] {
            assert_eq!(uk(w), UKRAINIAN_SPELLING_EVIDENCE, "{w}");
        }
        assert_eq!(uk("пити"), UKRAINIAN_INFINITIVE_EVIDENCE);
        // Russian: a loan in `-ьон`, an infinitive after a consonant.
        assert_eq!(uk("бульон"), 0.0);
        assert_eq!(uk("идти"), 0.0);
    }

    #[test]
    fn function_words_point_at_their_language() {
        assert_eq!(scores("що")[ModelLang::Uk.index()], FUNCTION_WORD_EVIDENCE);
        assert_eq!(
            scores("това")[ModelLang::Bg.index()],
            FUNCTION_WORD_EVIDENCE
        );
        assert_eq!(scores("что"), [0.0; NL]);
    }

    #[test]
    fn no_listed_function_word_is_a_russian_or_kazakh_function_word() {
        for w in UKRAINIAN_WORDS.iter().chain(BULGARIAN_WORDS) {
            assert!(
                !super::super::kazakh::is_function_word(w),
                "{w} is listed as Russian or Kazakh"
            );
        }
    }
}
