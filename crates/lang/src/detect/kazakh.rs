//! The Kazakh layer of the detector: evidence for Kazakh that the small
//! n-gram tables cannot learn from a few thousand sentences, written as rules.
//!
//! Most Kazakh words have none of the Kazakh-only letters (`бастап`, `болды`,
//! `туралы`), so letters alone cannot tell them from Russian. What marks them
//! is agglutinative morphology under vowel harmony: a stem followed by a
//! chain of suffixes whose vowels agree with the stem's last vowel
//! (`бала-лар-ы-на`, `мектеп-тер-ге`). The rule tables below are ours, written
//! from the suffix inventories of A. Muhamedowa, *Kazakh: A Comprehensive
//! Grammar* (Routledge, 2016), ch. 2 (nouns: plural, possessive, case) and
//! ch. 4–5 (verbs: tense, participles, converbs), and the harmony classes of
//! its phonology chapter.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::model::{BOUNDARY, code_of, pack};

/// Vowel class of a suffix or a stem: back (`а о ұ ы`) or front (`ә ө ү і е`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Harmony {
    Back,
    Front,
    /// Agrees with either class.
    Any,
}

/// Back vowels of Kazakh (Muhamedowa 2016, §1.2).
const BACK_VOWELS: &str = "аоұы";
/// Front vowels of Kazakh (`е` and `и` also occur in loanwords of either class;
/// `е` counts as front, `и`, `у`, `ю`, `я` decide nothing).
const FRONT_VOWELS: &str = "әөүіе";

/// Final suffixes (or suffix chains) of Kazakh words, each with its vowel
/// class. Allomorphs follow the consonant-assimilation and harmony rules:
/// after vowels/sonorants `л`/`н`/`ғ`, after voiced consonants `д`/`г`, after
/// voiceless ones `т`/`қ`/`к`.
const SUFFIXES: &[(&str, Harmony)] = &[
    // Plural (-лар/-лер, -дар/-дер, -тар/-тер).
    ("лар", Harmony::Back),
    ("лер", Harmony::Front),
    ("дар", Harmony::Back),
    ("дер", Harmony::Front),
    ("тар", Harmony::Back),
    ("тер", Harmony::Front),
    // Genitive.
    ("ның", Harmony::Back),
    ("нің", Harmony::Front),
    ("дың", Harmony::Back),
    ("дің", Harmony::Front),
    ("тың", Harmony::Back),
    ("тің", Harmony::Front),
    // Dative (also -а/-е, -на/-не after possessives).
    ("ға", Harmony::Back),
    ("ге", Harmony::Front),
    ("қа", Harmony::Back),
    ("ке", Harmony::Front),
    ("на", Harmony::Back),
    ("не", Harmony::Front),
    // Locative.
    ("да", Harmony::Back),
    ("де", Harmony::Front),
    ("та", Harmony::Back),
    ("те", Harmony::Front),
    ("нда", Harmony::Back),
    ("нде", Harmony::Front),
    // Ablative.
    ("дан", Harmony::Back),
    ("ден", Harmony::Front),
    ("тан", Harmony::Back),
    ("тен", Harmony::Front),
    ("нан", Harmony::Back),
    ("нен", Harmony::Front),
    // Instrumental (harmony-neutral in the standard language).
    ("мен", Harmony::Any),
    ("бен", Harmony::Any),
    ("пен", Harmony::Any),
    ("менен", Harmony::Any),
    // Accusative.
    ("ны", Harmony::Back),
    ("ні", Harmony::Front),
    ("ды", Harmony::Back),
    ("ді", Harmony::Front),
    ("ты", Harmony::Back),
    ("ті", Harmony::Front),
    // Derivational -лық/-лік, -дық/-дік, -тық/-тік.
    ("лық", Harmony::Back),
    ("лік", Harmony::Front),
    ("дық", Harmony::Back),
    ("дік", Harmony::Front),
    ("тық", Harmony::Back),
    ("тік", Harmony::Front),
    // Past participle -ған/-ген/-қан/-кен.
    ("ған", Harmony::Back),
    ("ген", Harmony::Front),
    ("қан", Harmony::Back),
    ("кен", Harmony::Front),
    // Converbs -ып/-іп, -а/-е/-й and habitual participle -атын/-етін.
    ("ып", Harmony::Back),
    ("іп", Harmony::Front),
    ("атын", Harmony::Back),
    ("етін", Harmony::Front),
    ("йтын", Harmony::Back),
    ("йтін", Harmony::Front),
    // Present/future tense 3rd person -ады/-еді, -йды/-йді.
    ("ады", Harmony::Back),
    ("еді", Harmony::Front),
    ("йды", Harmony::Back),
    ("йді", Harmony::Front),
    // Possessive 3rd person and its case forms -сы/-сі, -ы/-і, -ында/-інде.
    ("сы", Harmony::Back),
    ("сі", Harmony::Front),
    ("ында", Harmony::Back),
    ("інде", Harmony::Front),
    ("ынан", Harmony::Back),
    ("інен", Harmony::Front),
    ("ына", Harmony::Back),
    ("іне", Harmony::Front),
    ("ын", Harmony::Back),
    ("ін", Harmony::Front),
    // Attributive -ғы/-гі/-қы/-кі, -дағы/-дегі/-тағы/-тегі.
    ("ғы", Harmony::Back),
    ("гі", Harmony::Front),
    ("қы", Harmony::Back),
    ("кі", Harmony::Front),
    ("дағы", Harmony::Back),
    ("дегі", Harmony::Front),
    ("тағы", Harmony::Back),
    ("тегі", Harmony::Front),
    // Agent and adjective -шы/-ші, -сыз/-сіз, -лы/-лі.
    ("шы", Harmony::Back),
    ("ші", Harmony::Front),
    ("сыз", Harmony::Back),
    ("сіз", Harmony::Front),
    ("лы", Harmony::Back),
    ("лі", Harmony::Front),
    // Verbal noun -у + possessive/case: -уы/-уі, -уға/-уге, -уда/-уде.
    ("уы", Harmony::Back),
    ("уі", Harmony::Front),
    ("уға", Harmony::Back),
    ("уге", Harmony::Front),
    // Personal endings -мын/-мін, -мыз/-міз, -сың/-сің.
    ("мын", Harmony::Back),
    ("мін", Harmony::Front),
    ("мыз", Harmony::Back),
    ("міз", Harmony::Front),
    ("сың", Harmony::Back),
    ("сің", Harmony::Front),
    // Future/intention -мақ/-мек, -бақ/-бек, -пақ/-пек.
    ("мақ", Harmony::Back),
    ("мек", Harmony::Front),
    ("бақ", Harmony::Back),
    ("бек", Harmony::Front),
    ("пақ", Harmony::Back),
    ("пек", Harmony::Front),
];

/// Letters that native Kazakh words do not use (they come with Russian
/// loanwords): a word holding one gets no Kazakh morphology evidence.
const LOAN_LETTERS: &str = "ёъщцфвчьэю";

/// Evidence (in nats) a harmonic suffix adds to the Kazakh score of a word.
const SUFFIX_EVIDENCE: f32 = 0.0;

struct Tables {
    /// Packed suffix → harmony; keyed by suffix length too (packing keeps it).
    suffixes: FxHashMap<u64, Harmony>,
    max_len: usize,
    back: Vec<u16>,
    front: Vec<u16>,
    loan: Vec<u16>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let codes = |s: &str| s.chars().map(code_of).collect::<Vec<u16>>();
    Tables {
        suffixes: SUFFIXES
            .iter()
            .map(|(s, h)| (pack(&codes(s)), *h))
            .collect(),
        max_len: SUFFIXES
            .iter()
            .map(|(s, _)| s.chars().count())
            .max()
            .unwrap_or(0),
        back: codes(BACK_VOWELS),
        front: codes(FRONT_VOWELS),
        loan: codes(LOAN_LETTERS),
    }
});

/// Evidence for Kazakh of one framed word (`_word_` codes, lowercased and
/// repaired), in nats to add to its Kazakh score.
pub fn evidence(_word: &str, framed: &[u16]) -> f32 {
    if SUFFIX_EVIDENCE == 0.0 || framed.len() < 3 {
        return 0.0;
    }
    let t = &*TABLES;
    let letters = &framed[1..framed.len() - 1];
    debug_assert!(framed[0] == BOUNDARY);
    if letters.iter().any(|c| t.loan.contains(c)) {
        return 0.0;
    }
    for len in (1..=t.max_len.min(letters.len().saturating_sub(2))).rev() {
        let (stem, suffix) = letters.split_at(letters.len() - len);
        let Some(&h) = t.suffixes.get(&pack(suffix)) else {
            continue;
        };
        let last_vowel = stem.iter().rev().find_map(|c| {
            if t.back.contains(c) {
                Some(Harmony::Back)
            } else if t.front.contains(c) {
                Some(Harmony::Front)
            } else {
                None
            }
        });
        if h == Harmony::Any || last_vowel == Some(h) {
            return SUFFIX_EVIDENCE;
        }
    }
    0.0
}
