//! The Kazakh layer of the detector: evidence for Kazakh that the small
//! n-gram tables cannot learn from a few thousand sentences, written as rules.
//!
//! Most Kazakh words have none of the Kazakh-only letters (`бастап`, `болды`,
//! `туралы`), so letters alone cannot tell them from Russian. What marks them
//! is agglutinative morphology under vowel harmony: a stem followed by a
//! chain of suffixes whose vowels agree with the stem's last vowel
//! (`бала-лар-ы-на`, `мектеп-тер-ге`). The suffixes are templates beside the
//! stemmer's, in its notation (`kazakh_rules::DETECTOR_SUFFIXES`), expanded
//! by the stemmer's own harmony and assimilation rules, with its vowel
//! classes; the rule tables below (function words, Russian endings) are
//! ours, written from A. Muhamedowa, *Kazakh: A Comprehensive Grammar*
//! (Routledge, 2016) and T. Wade, *A Comprehensive Russian Grammar*.

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::model::{BOUNDARY, WORD_KEY_LETTERS, char_of, code_of, pack, word_key};
use smallvec::SmallVec;

use crate::analysis::stem::kazakh::{KazakhStemmer, LoanReading, template_variants};
use crate::analysis::stem::kazakh_rules::{
    BACK_VOWELS, DETECTOR_ASSIMILATED, DETECTOR_SUFFIXES, DETECTOR_SUFFIXES_AFTER, FRONT_VOWELS,
    HIGH_VOWELS, NEUTRAL_VOWELS, SIGNS, STEM_FINAL_ALTERNATIONS,
};
use crate::case;

/// Vowel class of a suffix or a stem: back (`а о ұ ы`) or front (`ә ө ү і е`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Harmony {
    Back,
    Front,
    /// Agrees with either class.
    Any,
}

/// Endings of Russian inflection that no native Kazakh word has: adjective
/// and participle case endings, reflexive verbs, abstract nouns (Wade,
/// *A Comprehensive Russian Grammar*, 3rd ed., 2011, §§ 41–170, 195–300).
pub const RUSSIAN_ENDINGS: &[&str] = &[
    "ого", "его", "ому", "ему", "ыми", "ими", "ский", "ская", "ское", "ские", "ских", "ском",
    "ской", "скую", "ный", "ная", "ное", "ные", "ных", "ным", "ной", "ную", "ться", "тся", "ется",
    "ются", "ость", "ости", "ение", "ения", "ении", "ание", "ания", "ании", "ией", "ями", "ами",
    "ях", "ов", "ев", "ую", "юю", "ая", "яя", "ое", "ее", "ые", "ие", "ый", "ий", "ть", "ешь",
    "ишь", "ют", "ят", "ало", "или", "ило",
];

/// Kazakh function words (conjunctions, postpositions, particles, pronouns)
/// that Kyrgyz, Tatar and Russian write differently (Muhamedowa 2016, ch. 7
/// and 10); with `к` for `қ` variants seen in extracted text.
const KAZAKH_FUNCTION_WORDS: &[&str] = &[
    "және",
    "жане",
    "бұл",
    "осы",
    "сол",
    "үшін",
    "бойынша",
    "туралы",
    "арқылы",
    "аркылы",
    "бірақ",
    "немесе",
    "емес",
    "жоқ",
    "еді",
    "екен",
    "сондай",
    "кейін",
    "дейін",
    "бірге",
    "ретінде",
    "қатар",
    "сияқты",
    "тағы",
    "өте",
    "ең",
    "әр",
    "барлық",
    "біз",
    "сіз",
    "ол",
    "олар",
    "оның",
    "оны",
    "мұнда",
    "онда",
    "бен",
    "пен",
    "мен",
    "деген",
    "болып",
    "болды",
    "болады",
];

/// Kazakh words of two and three letters, too short for the root lexicon,
/// that Russian does not write as words of their own: `су` (water: `су
/// ресурстары`), `ие` (owner: `ие болу`), `бас` (head, chief: `бас
/// редактор`, `Бас прокурор`; Russian `бас`, the voice, is rare, and
/// hyphenated in `бас-гитара`). They count as [`KAZAKH_FUNCTION_WORDS`]
/// do, but only as a word of their own, not in a hyphenated compound.
/// Source: Muhamedowa 2016 for the words; UD Russian and Tatoeba's Russian
/// sentences in `../shared/data` have none of them as a word.
const KAZAKH_SHORT_WORDS: &[&str] = &["су", "ие", "бас"];

/// Words that Russian spells one way and Kazakh another (an entry ending
/// in `-` is a beginning, the others whole words, as Russian does not
/// inflect them):
/// - the ethnonym and the country, Russian `казах`, `Казахстан`,
///   `казахский`, `казахстанский`, Kazakh `қазақ`, `Қазақстан` (`казак`,
///   `Казакстан` where extracted text loses `қ`). Of the gov corpus's words
///   beginning so, 2,640 are on its Russian side and 11 on its Kazakh side,
///   all 11 in Russian names (`Казахстанская правда`);
/// - the currency, Russian `тенге`, Kazakh `теңге`: 531 times on the gov
///   corpus's Russian side and twice on its Kazakh side, where `теңге`
///   occurs 621 times. A whole word, because Kazakh text that loses `ң`
///   writes `тенге-ге`.
///
/// Source: the two languages' spelling of the names.
const RUSSIAN_SPELLINGS: &[&str] = &["казах-", "тенге"];

/// Evidence (nats) against Kazakh of a word of the `RUSSIAN_SPELLINGS`,
/// added after the word's readings. The Kazakh table
/// learned `Қазахстан`, a Tatoeba sentence's misspelling, and the Russian
/// one never saw the word, so `Казахстан` alone read as Kazakh by 12 nats.
/// The word's Russian score is first raised to its Kazakh one (what the
/// Kazakh table knows of the name is Russian's), so a Russian line that
/// names the country does not fall behind the confusers' tables. Against
/// Kazakh rather than for Russian: Bulgarian writes `казах` too (`I
/// said`), and the Russian table already scores it above the Kazakh one.
pub const RUSSIAN_SPELLING_EVIDENCE: f32 = -16.0;

/// Russian function words (prepositions, conjunctions, particles, pronouns)
/// that are not also Kazakh words (`не`, `он`, `от`, `же`, `да` are, so they
/// are left out); Wade 2011, §§ 340–520.
const RUSSIAN_FUNCTION_WORDS: &[&str] = &[
    "и",
    "в",
    "во",
    "на",
    "что",
    "с",
    "со",
    "по",
    "к",
    "ко",
    "как",
    "а",
    "но",
    "для",
    "это",
    "из",
    "у",
    "о",
    "об",
    "за",
    "бы",
    "ли",
    "или",
    "так",
    "его",
    "её",
    "ее",
    "их",
    "она",
    "они",
    "мы",
    "вы",
    "я",
    "был",
    "была",
    "было",
    "были",
    "быть",
    "все",
    "всё",
    "при",
    "до",
    "после",
    "под",
    "над",
    "без",
    "через",
    "между",
    "также",
    "который",
    "которая",
    "которое",
    "которые",
    "которых",
    "где",
    "когда",
    "уже",
    "ещё",
    "еще",
    "только",
    "этот",
    "эта",
    "эти",
    "этого",
    "том",
    "того",
    "чтобы",
    "если",
    "даже",
    "очень",
    "может",
    "более",
];

/// Whether `word` (lowercase) is one of the Kazakh or Russian function
/// words this layer knows.
pub fn is_function_word(word: &str) -> bool {
    KAZAKH_FUNCTION_WORDS.contains(&word) || RUSSIAN_FUNCTION_WORDS.contains(&word)
}

/// Evidence (in nats) a function word adds to its language's score.
pub const FUNCTION_WORD_EVIDENCE: f32 = 3.0;

/// The enclitic particles of Kazakh, written as words of their own after the
/// word they follow (Muhamedowa 2016, the particles and postpositions):
/// `да`/`де` "also, even", the question particle `ма`/`ме`, `ба`/`бе`,
/// `па`/`пе`, and `мен`/`бен`/`пен` "and, with". With `true`, the form
/// for a word whose last vowel is front (`Психологтер де`, `келе ме`); the
/// back forms follow any word, loanwords' harmony being loose
/// (`комедия да`, `фотография ма`). Kyrgyz and Tatar write some of them
/// too (`да`; Tatar's question particle `ме`), so they count for every
/// Turkic language alike. `та`/`те` are left out: they are also Russian
/// demonstratives (`в те годы`).
const ENCLITIC_PARTICLES: &[(&str, bool)] = &[
    ("да", false),
    ("ма", false),
    ("ба", false),
    ("па", false),
    ("мен", false),
    ("бен", false),
    ("пен", false),
    ("де", true),
    ("ме", true),
    ("бе", true),
    ("пе", true),
];

/// Russian words after which `да` is Russian (`ну да`, `ой да`, `так да`):
/// interjections and particles (Wade 2011, the particles and interjections).
const RUSSIAN_WORDS_BEFORE_DA: &[&str] = &["ну", "ой", "ах", "ох", "эх", "ага", "так", "вот"];

/// Whether `word`, right after the word `prev` with only a space between,
/// is a Kazakh enclitic particle (`ENCLITIC_PARTICLES`). Russian writes
/// none of them after a word without a comma, but for `да` after an
/// interjection, and `де` only in foreign names after a back vowel or `и`
/// (`граф де`, `Луи де`).
pub fn is_enclitic_particle(word: &str, prev: &str) -> bool {
    // Asked of most words: the particles have three letters at most.
    if word.len() > 6 {
        return false;
    }
    let Some(&(_, front)) = ENCLITIC_PARTICLES.iter().find(|(p, _)| *p == word) else {
        return false;
    };
    let prev = case::to_lowercase(prev);
    if front {
        // The harmony tables' vowels (`kazakh_rules`), `и`, `у` and Russian's
        // `я ё ю э` counting as vowels of neither class.
        let t = &*TABLES;
        let last_vowel = prev.chars().map(code_of).rev().find(|&c| t.is_vowel(c));
        return last_vowel.is_some_and(|c| t.vowel_class(c) == Some(Harmony::Front));
    }
    !(word == "да" && RUSSIAN_WORDS_BEFORE_DA.contains(&prev.as_str()))
}

/// Kazakh suffixes that Kazakh spelling joins with a hyphen to an
/// abbreviation or a number (`КСРО-да`, `ТМД-дан`, `км-ге`, `1990-да`):
/// case, plural and possessive endings, and the similative `-дай`. Only
/// those without a Kazakh letter are listed: the others are Kazakh
/// evidence already. Source: the Kazakh spelling rules (*Қазақ тілінің
/// емле ережелері*), on suffixes after abbreviations and figures;
/// Muhamedowa 2016, ch. 2 (the suffixes' variants). Russian joins no such
/// ending with a hyphen (it writes `в СССР`, `1990-х`, `5-го`; Wade 2011,
/// on numerals) but `90-та` (see [`is_hyphenated_suffix`]), and its
/// hyphenated particles (`-то`, `-ка`, `-де`) follow words, not
/// abbreviations or figures.
const HYPHENATED_SUFFIXES: &[&str] = &[
    "да", "де", "та", "те", "дан", "ден", "тан", "тен", "нан", "нен", "ны", "ды", "ты", "сы", "ге",
    "ке", "лар", "лер", "дар", "дер", "тар", "тер", "мен", "пен", "бен", "дай", "дей", "тай",
    "тей",
];

/// Abbreviations of units written in lower case that take a hyphenated
/// suffix like an upper-case abbreviation (`км-ге`, `млн-нан`).
const UNIT_ABBREVIATIONS: &[&str] = &[
    "км", "см", "мм", "м", "кг", "г", "т", "га", "л", "мл", "мг", "млн", "млрд", "мин",
];

/// Whether `word` (as written), joined by a hyphen to what `head` ends in
/// (`head` is the token up to the word and ends with the hyphen), is a
/// Kazakh suffix after an abbreviation, a unit or a number
/// (`HYPHENATED_SUFFIXES`).
pub fn is_hyphenated_suffix(head: &str, word: &str) -> bool {
    let Some(head) = head.strip_suffix('-') else {
        return false;
    };
    if word.len() > 8 || !HYPHENATED_SUFFIXES.contains(&word) {
        return false;
    }
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let piece = &head[start..];
    let letters = piece.chars().count();
    // After a figure, `-та` is also Russian's colloquial ending of `ста`
    // and `девяноста` (`свыше 90-та спектаклей`, a gov line).
    !piece.is_empty()
        && (piece.chars().all(|c| c.is_ascii_digit()) && word != "та"
            || ((2..=6).contains(&letters)
                && piece.chars().all(|c| c.is_alphabetic() && c.is_uppercase()))
            || UNIT_ABBREVIATIONS.contains(&piece))
}

/// Evidence (in nats) a harmonic Kazakh suffix adds to a word's Kazakh score.
pub const SUFFIX_EVIDENCE: f32 = 2.0;
/// Evidence against Kazakh of a word whose vowels break harmony (back and
/// front vowels in one word: a loanword or not Kazakh) and that carries no
/// Kazakh suffix.
pub const DISHARMONY_EVIDENCE: f32 = -1.5;
/// Evidence against Kazakh of `о`/`ө` after the first syllable (native
/// Kazakh words write them in the first syllable only; Muhamedowa 2016,
/// §1.2.1) when no Kazakh suffix follows.
pub const LATE_O_EVIDENCE: f32 = -1.5;
/// Evidence against Kazakh of a Russian inflectional ending.
pub const RUSSIAN_ENDING_EVIDENCE: f32 = -2.0;
/// Evidence against Kazakh of a word that ends like a Kazakh suffix in the
/// other vowel class than its stem, with no suffix of the stem's class
/// (`итог-е`, `Герд-а`, `Дикштей-на`): Kazakh puts a suffix in
/// the class of the stem's last vowel, a loanword's too (Muhamedowa 2016,
/// §1.2.1), so such an ending is another language's (Russian's
/// prepositional `-е`, genitive `-а`), though the n-gram tables credit its
/// letters to Kazakh. A loanword's stem is read as Kazakh reads it
/// (`stem_class`). Set on the dev half of `ushtil eval langid`: from -8
/// to -12 nats, 8 Russian words and a pair more right and one word that
/// is in both languages' sets (`орден`) less; -15 began to cost Kazakh
/// words.
pub const SUFFIX_CLASH_EVIDENCE: f32 = -8.0;

/// The final suffixes that count as Kazakh evidence, each with its vowel
/// class: [`DETECTOR_SUFFIXES`], expanded as the stemmer expands its
/// templates (harmony, and the assimilation of a suffix-initial consonant).
fn suffixes() -> Vec<(String, Harmony)> {
    DETECTOR_SUFFIXES
        .iter()
        .flat_map(|t| template_variants(t))
        .map(|(text, _, back)| {
            let harmony = match back {
                Some(true) => Harmony::Back,
                Some(false) => Harmony::Front,
                None => Harmony::Any,
            };
            (text, harmony)
        })
        .collect()
}

/// The roots of [`KAZAKH_ROOTS`] (its lines but for comments and blank
/// ones), each with whether it is bound (counts only with a suffix).
pub fn roots() -> impl Iterator<Item = (&'static str, bool)> {
    KAZAKH_ROOTS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|w| match w.strip_suffix('-') {
            Some(root) => (root, true),
            None => (w, false),
        })
}

/// Kazakh roots without Kazakh-only letters, one per line; the file's
/// header names its source.
pub const KAZAKH_ROOTS: &str = include_str!("kazakh_roots.txt");

/// Evidence (in nats) for every Turkic language of a word of
/// [`KAZAKH_ROOTS`] in a span of one or two words: Kyrgyz and Tatar share
/// many of the roots, so it weighs against Russian and not against them.
/// Set on the dev half of `ushtil eval langid`, with 633 of the roots:
/// with 0, 3, 5, 8 and 12 nats, 148, 127, 123, 122 and 122 Kazakh word
/// pairs were wrong (of 28,186) and 592, 569, 569, 569 and 569 Kazakh
/// words (of 10,518); no Russian or confuser item moved. 8 is a little
/// over the plain-word bias of a pair.
pub const ROOT_EVIDENCE: f32 = 8.0;

/// How far ahead of a word's Kazakh reading its Russian one may be for the
/// word to be looked up in [`KAZAKH_ROOTS`]. The tables read Kazakh roots
/// as Kazakh, or nearly: of the 1,643 words of the dev half of `ushtil
/// eval langid` that stem to a root, none reads as Russian by more than 10
/// nats (`несие`), and two by more than 6 (with the lexicon's first 642
/// roots). Looking up the words they read as Russian only cost detection
/// time.
pub const ROOT_MAX_RUSSIAN_LEAD: f32 = 12.0;

struct Tables {
    kazakh_words: FxHashSet<u128>,
    /// `KAZAKH_SHORT_WORDS`, as word keys, and the most letters one has.
    short_words: FxHashSet<u128>,
    short_max: usize,
    /// `RUSSIAN_SPELLINGS` as codes: a beginning's letters, or a whole
    /// word's and the boundary after it.
    russian_spellings: Vec<Vec<u16>>,
    /// [`KAZAKH_ROOTS`], as word keys: free roots, and roots that count
    /// only with a suffix (written `той-`).
    roots: FxHashSet<u128>,
    bound_roots: FxHashSet<u128>,
    /// How a word that may stem to a root begins ([`root_beginnings`]),
    /// and those beginnings' first three letters, as word keys.
    root_prefixes: FxHashSet<u128>,
    root_openings: FxHashSet<u128>,
    russian_words: FxHashSet<u128>,
    /// Packed suffix → harmony; keyed by suffix length too (packing keeps it).
    suffixes: FxHashMap<u64, Harmony>,
    max_len: usize,
    russian: FxHashMap<u64, ()>,
    russian_max: usize,
    /// Vowel class per letter code: 1 back, 2 front, 0 neither.
    class: Vec<u8>,
    o: [u16; 2],
    /// Vowel letters of neither class (`и у я ё ю э`), as codes.
    other_vowels: Vec<u16>,
    /// The letters only Kazakh writes (`ә ғ қ ң ө ұ ү һ і`), as codes.
    kazakh_letters: Vec<u16>,
    /// Packed suffix → the stem endings it follows, as left contexts
    /// ([`DETECTOR_SUFFIXES_AFTER`], [`DETECTOR_ASSIMILATED`]; absent: any).
    after: FxHashMap<u64, u8>,
    /// [`RUSSIAN_CASE_ENDINGS`], as codes.
    case_endings: Vec<Vec<u16>>,
    /// [`RUSSIAN_NAME_CASE_ENDINGS`], as codes.
    name_case_endings: Vec<Vec<u16>>,
    /// `LOAN_STEM_ENDINGS` as codes.
    loan_stem_endings: Vec<Vec<u16>>,
    /// `ик`, and the endings `а`, `у`, `е` ([`russian_marked_case_cut`]).
    ik: Vec<u16>,
    one_letter_case_endings: Vec<u16>,
    /// `ке` ([`marks_a_loan`]).
    ke: Vec<u16>,
    /// `DEVOICED_LOAN_FINALS` as codes, and `т` ([`devoices`]).
    devoiced_finals: Vec<u16>,
    t: u16,
}

impl Tables {
    /// The vowel class of a letter code (`None` for a consonant, and for a
    /// vowel of neither class: `у`, `и`, Russian's `я ё ю э`).
    fn vowel_class(&self, c: u16) -> Option<Harmony> {
        match self.class.get(c as usize) {
            Some(1) => Some(Harmony::Back),
            Some(2) => Some(Harmony::Front),
            _ => None,
        }
    }

    /// Whether a letter code is a vowel of either class or of neither.
    fn is_vowel(&self, c: u16) -> bool {
        self.vowel_class(c).is_some() || self.other_vowels.contains(&c)
    }
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let codes = |s: &str| s.chars().map(code_of).collect::<Vec<u16>>();
    let beginnings = root_beginnings();
    let suffixes = suffixes();
    Tables {
        russian_spellings: RUSSIAN_SPELLINGS
            .iter()
            .map(|s| match s.strip_suffix('-') {
                Some(beginning) => codes(beginning),
                None => [codes(s), vec![BOUNDARY]].concat(),
            })
            .collect(),
        short_words: KAZAKH_SHORT_WORDS
            .iter()
            .map(|w| word_key(&codes(w)).expect("short words are short"))
            .collect(),
        short_max: KAZAKH_SHORT_WORDS
            .iter()
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0),
        kazakh_words: KAZAKH_FUNCTION_WORDS
            .iter()
            .map(|w| word_key(&codes(w)).expect("function words are short"))
            .collect(),
        roots: roots()
            .filter(|&(_, bound)| !bound)
            .map(|(w, _)| word_key(&codes(w)).expect("roots are short"))
            .collect(),
        bound_roots: roots()
            .filter(|&(_, bound)| bound)
            .map(|(w, _)| word_key(&codes(w)).expect("roots are short"))
            .collect(),
        root_prefixes: beginnings.iter().filter_map(|b| word_key(b)).collect(),
        root_openings: beginnings
            .iter()
            .filter_map(|b| word_key(b.get(..3)?))
            .collect(),
        russian_words: RUSSIAN_FUNCTION_WORDS
            .iter()
            .map(|w| word_key(&codes(w)).expect("function words are short"))
            .collect(),
        suffixes: suffixes
            .iter()
            .map(|(s, h)| (pack(&codes(s)), *h))
            .collect(),
        max_len: suffixes
            .iter()
            .map(|(s, _)| s.chars().count())
            .max()
            .unwrap_or(0),
        russian: RUSSIAN_ENDINGS
            .iter()
            .map(|s| (pack(&codes(s)), ()))
            .collect(),
        russian_max: RUSSIAN_ENDINGS
            .iter()
            .map(|s| s.chars().count())
            .max()
            .unwrap_or(0),
        class: {
            let mut class = vec![0u8; 0x1000];
            for c in codes(BACK_VOWELS) {
                class[c as usize] = 1;
            }
            for c in codes(FRONT_VOWELS) {
                class[c as usize] = 2;
            }
            class
        },
        o: [code_of('о'), code_of('ө')],
        other_vowels: codes(NEUTRAL_VOWELS),
        after: DETECTOR_SUFFIXES_AFTER
            .iter()
            .flat_map(|&(t, after)| template_variants(t).into_iter().map(move |v| (v.0, after)))
            .chain(
                DETECTOR_ASSIMILATED
                    .iter()
                    .flat_map(|t| template_variants(t).into_iter().map(|v| (v.0, v.1))),
            )
            .map(|(s, after)| (pack(&codes(&s)), after))
            .collect(),
        kazakh_letters: codes(super::KAZAKH_ONLY),
        case_endings: RUSSIAN_CASE_ENDINGS.iter().map(|s| codes(s)).collect(),
        name_case_endings: RUSSIAN_NAME_CASE_ENDINGS.iter().map(|s| codes(s)).collect(),
        loan_stem_endings: LOAN_STEM_ENDINGS.iter().map(|s| codes(s)).collect(),
        ik: codes("ик"),
        one_letter_case_endings: codes("уае"),
        ke: codes("ке"),
        devoiced_finals: codes(DEVOICED_LOAN_FINALS),
        t: code_of('т'),
    }
});

/// Evidence of one framed word (`_word_` codes, lowercased and repaired), in
/// nats: `(kazakh, russian)` to add to the Kazakh and Russian scores.
pub fn evidence(framed: &[u16]) -> (f32, f32) {
    let t = &*TABLES;
    debug_assert!(framed.first() == Some(&BOUNDARY));
    let letters = &framed[1..framed.len().saturating_sub(1).max(1)];
    let key = word_key(letters);
    if key.is_some_and(|k| t.kazakh_words.contains(&k)) {
        return (FUNCTION_WORD_EVIDENCE, 0.0);
    }
    if key.is_some_and(|k| t.russian_words.contains(&k)) {
        return (0.0, FUNCTION_WORD_EVIDENCE);
    }
    (morphology(letters), 0.0)
}

/// Whether the framed word (`_word_` codes, lowercased and repaired) is one
/// of the Kazakh function words: Russian writes none of them, so the bias
/// towards Russian for words without Kazakh letters does not apply to them.
pub fn is_kazakh_function_word(framed: &[u16]) -> bool {
    let letters = &framed[1..framed.len().saturating_sub(1).max(1)];
    word_key(letters).is_some_and(|k| TABLES.kazakh_words.contains(&k))
}

/// Whether a framed word (`_word_` codes, lowercased and repaired) is one
/// of the `RUSSIAN_SPELLINGS` or begins with one of its beginnings.
pub fn has_russian_spelling(framed: &[u16]) -> bool {
    let letters = framed.get(1..).unwrap_or_default();
    TABLES
        .russian_spellings
        .iter()
        .any(|s| letters.starts_with(s))
}

/// Whether a framed word (`_word_` codes, lowercased and repaired) is one
/// of the `KAZAKH_SHORT_WORDS`.
pub fn is_kazakh_short_word(framed: &[u16]) -> bool {
    let letters = &framed[1..framed.len().saturating_sub(1).max(1)];
    // Most words are longer: told so without the look-up.
    letters.len() <= TABLES.short_max
        && word_key(letters).is_some_and(|k| TABLES.short_words.contains(&k))
}

/// Whether a framed word (`_word_` codes, lowercased and repaired) is one
/// of [`KAZAKH_ROOTS`], bare or with suffixes the Kazakh stemmer takes off
/// (`тарих-ы`, `тоб-ы` → `топ`, `дыбыс-тар-ы`). A root marked as bound
/// (`той-`) counts only with a suffix.
pub fn is_kazakh_root(framed: &[u16]) -> bool {
    let letters = &framed[1..framed.len().saturating_sub(1).max(1)];
    // The stemmer only takes suffixes off (and gives a stem's last letter
    // back), so a word no root begins is not stemmed: most words, which
    // one look at their first three letters tells.
    let [a, b, c, ..] = *letters else {
        return false;
    };
    let opening = (u128::from(a) << 24) | (u128::from(b) << 12) | u128::from(c);
    if !TABLES.root_openings.contains(&opening) {
        return false;
    }
    let Some(key) = word_key(letters) else {
        return looks_up_a_root(letters, opening);
    };
    // Keywords and titles repeat their words: each thread remembers the
    // last answer in each of 1,024 slots.
    let slot = {
        let h = (key as u64 ^ (key >> 64) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> (64 - ROOT_MEMO_BITS)) as usize
    };
    ROOT_MEMO.with_borrow_mut(|memo| {
        let (k, answer) = memo[slot];
        if k == key {
            return answer;
        }
        let answer = looks_up_a_root(letters, opening);
        memo[slot] = (key, answer);
        answer
    })
}

/// Slots of each thread's memory of [`is_kazakh_root`]'s answers.
const ROOT_MEMO_BITS: u32 = 10;

thread_local! {
    /// Word key → answer, by a hash of the key (0: an empty slot; no word
    /// has key 0).
    static ROOT_MEMO: std::cell::RefCell<Box<[(u128, bool)]>> =
        std::cell::RefCell::new(vec![(0, false); 1 << ROOT_MEMO_BITS].into_boxed_slice());
}

/// Empties this thread's memory of [`is_kazakh_root`]'s answers (for
/// measurements of speed that start cold).
pub fn forget_roots() {
    ROOT_MEMO.with_borrow_mut(|memo| memo.fill((0, false)));
}

/// [`is_kazakh_root`] without the memory, for a word of three letters or
/// more whose first three (`opening`, a word key) begin a root.
fn looks_up_a_root(letters: &[u16], opening: u128) -> bool {
    let t = &*TABLES;
    // The beginnings, a letter more each.
    let mut key = opening;
    let begins_with_a_root = t.root_prefixes.contains(&key)
        || letters[3..letters.len().min(WORD_KEY_LETTERS)]
            .iter()
            .any(|&c| {
                key = (key << 12) | u128::from(c);
                t.root_prefixes.contains(&key)
            });
    begins_with_a_root && stems_to_a_root(letters)
}

/// [`is_kazakh_root`] without the look at the word's first letters.
fn stems_to_a_root(letters: &[u16]) -> bool {
    let t = &*TABLES;
    if word_key(letters).is_some_and(|k| t.roots.contains(&k)) {
        return true;
    }
    STEM_BUFFERS.with_borrow_mut(|(word, stem)| {
        word.clear();
        word.extend(letters.iter().map(|&c| char_of(c)));
        if !KazakhStemmer::get(false).stem_into(word, stem) {
            return false;
        }
        let stem: SmallVec<[u16; 16]> = stem.chars().map(code_of).collect();
        word_key(&stem).is_some_and(|k| t.roots.contains(&k) || t.bound_roots.contains(&k))
    })
}

thread_local! {
    /// A word and its stem, for [`stems_to_a_root`] (no allocation a word).
    static STEM_BUFFERS: std::cell::RefCell<(String, String)> =
        const { std::cell::RefCell::new((String::new(), String::new())) };
}

/// How a word whose stem is one of [`KAZAKH_ROOTS`] can begin (as letter
/// codes): each root, and as the stemmer gives them back, a root's last
/// consonant voiced before a vowel (`тоб-ы` → `топ`, `кітаб-ы` → `кітап`)
/// and a root's high vowel before its last consonant dropped (`орн-ы` →
/// `орын`).
fn root_beginnings() -> Vec<Vec<u16>> {
    let voiced = |c: char| {
        STEM_FINAL_ALTERNATIONS
            .iter()
            .find(|&&(_, unvoiced)| unvoiced == c)
            .map(|&(voiced, _)| voiced)
    };
    let codes = |chars: &[char]| chars.iter().map(|&c| code_of(c)).collect::<Vec<u16>>();
    let mut beginnings = Vec::new();
    for (root, _) in roots() {
        let mut chars: Vec<char> = root.chars().collect();
        beginnings.push(codes(&chars));
        let n = chars.len();
        if n >= 4 && HIGH_VOWELS.contains(chars[n - 2]) {
            let mut elided = chars.clone();
            elided.remove(n - 2);
            beginnings.push(codes(&elided));
        }
        if let Some(v) = voiced(chars[n - 1]) {
            chars[n - 1] = v;
            beginnings.push(codes(&chars));
        }
    }
    beginnings
}

/// Kazakh morphology evidence of a word's letters.
fn morphology(letters: &[u16]) -> f32 {
    let t = &*TABLES;
    if letters.len() < 2 {
        return 0.0;
    }
    let vowel_class = |c: &u16| t.vowel_class(*c);
    // The readings shared with the stemmer run on its letters.
    let stemmer = KazakhStemmer::get(false);
    let chars: SmallVec<[char; 32]> = letters.iter().map(|&c| char_of(c)).collect();
    // A harmonic Kazakh suffix after a stem of two letters or more.
    let mut clash = false;
    for len in (1..=t.max_len.min(letters.len().saturating_sub(2))).rev() {
        let (stem, suffix) = letters.split_at(letters.len() - len);
        let Some(&h) = t.suffixes.get(&pack(suffix)) else {
            continue;
        };
        if stemmer.splits_name_ending(&chars, stem.len()) {
            continue;
        }
        let Some(class) = stem_class(stem, &chars[..stem.len()], t) else {
            continue;
        };
        if h == Harmony::Any || class == h || class == Harmony::Any {
            // Harmonic, and after a stem ending it may follow: the stem's
            // last sound (a sign is none), as the stemmer reads it.
            let follows = t.after.get(&pack(suffix)).is_none_or(|&after| {
                chars[..stem.len()]
                    .iter()
                    .rev()
                    .find(|c| !SIGNS.contains(**c))
                    .is_some_and(|&c| stemmer.left_class(c) & after != 0)
            });
            if follows {
                return SUFFIX_EVIDENCE;
            }
            continue;
        }
        clash = true;
    }
    let mut e = 0.0;
    if clash {
        e += SUFFIX_CLASH_EVIDENCE;
    }
    if is_kazakh_surname(letters, &chars, t) {
        return e;
    }
    for len in (2..=t.russian_max.min(letters.len().saturating_sub(2))).rev() {
        if t.russian
            .contains_key(&pack(&letters[letters.len() - len..]))
        {
            e += RUSSIAN_ENDING_EVIDENCE;
            break;
        }
    }
    let (mut back, mut front) = (false, false);
    let mut vowels_seen = 0;
    let mut late_o = false;
    for c in letters {
        match vowel_class(c) {
            Some(Harmony::Back) => back = true,
            Some(Harmony::Front) => front = true,
            _ => {}
        }
        if vowel_class(c).is_some() || *c == code_of('у') || *c == code_of('и') {
            if vowels_seen >= 1 && t.o.contains(c) {
                late_o = true;
            }
            vowels_seen += 1;
        }
    }
    if back && front {
        e += DISHARMONY_EVIDENCE;
    }
    if late_o {
        e += LATE_O_EVIDENCE;
    }
    e
}

/// Whether a word is a Kazakh surname: a root with a Kazakh-only letter and
/// a Russian surname suffix, masculine or feminine (`Жұмабек-ов`,
/// `Әбдіхал-ова`), as the stemmer reads a surname
/// (`KazakhStemmer::is_surname`). Its ending is not a Russian word's
/// (`RUSSIAN_ENDINGS` has `-ов`, `-ев`), nor is its `о` or `е` the root's
/// harmony: [`morphology`] counts none of those against it.
fn is_kazakh_surname(letters: &[u16], chars: &[char], t: &Tables) -> bool {
    let word = chars.strip_suffix(&['а']).unwrap_or(chars);
    letters.iter().any(|c| t.kazakh_letters.contains(c))
        && KazakhStemmer::get(false).is_surname(word)
}

/// The vowel class of the suffixes Kazakh puts after `stem`, native or
/// loanword, by its last vowel (Muhamedowa 2016, §1.2.1), with a loan's
/// letters read as Kazakh reads them (`None`: no vowel to go by):
/// - first the readings the stemmer makes too (`KazakhStemmer::loan_reading`,
///   rules in `kazakh_rules`): front after `к`/`г` closing a cluster
///   (`банк-тер`), either class after a final sign (`спектакль-дер`,
///   `магистраль-дар`) or a surname suffix after a root (`Назарбаев-тың`,
///   `Жақсыбеков-ты`);
/// - back after `я` (`стратегия-сы`, `Азия-да`);
/// - front after an `и` inside a stem without Kazakh letters
///   (`аналитик-тер`, `норматив-ті`, `министр-лер`); back after a `у`
///   between consonants (`институт-ы`, `ресурс-тар`, `минут-тан`);
/// - else the class of its last vowel of the table (`а о ұ ы`, `ә ө ү і
///   е`), skipping a stem-final `и` or `у` (Kazakh's vowel and glide:
///   `жылжи-ды`, `оқу-шы`), a native stem's `и` (`оқи-тын`), `ё ю э`.
///
/// The loanword readings are what Kazakh writes. In the Kazakh text of
/// `../shared/data` (the gov corpus's Kazakh side, the apertium texts,
/// Tatoeba; read while developing, nothing of it shipped), a stem whose
/// last vowel is an inner `и` after a back vowel took a front nominal
/// suffix 152 times and a back one 25 (mostly Arabic loans: `тарих-қа`,
/// `мұхит-та`). Read this way instead of by the last vowel of the table,
/// and with no suffix cut inside a name's ending
/// (`KazakhStemmer::splits_name_ending`),
/// [`SUFFIX_CLASH_EVIDENCE`] fell on 471 of the 142,951 word tokens (5+
/// letters) of the gov corpus's Kazakh side and Tatoeba's instead of 957,
/// and on 5,965 of the 139,552 of its Russian side, Tatoeba's and UD's
/// instead of 5,768. On the dev half of `ushtil eval langid`, four Russian
/// items more right (`артисты`, `Санкт-Петербурге`, two pairs), one Kazakh
/// pair (`тарихын да`) and two Russian words less (`джентльмен`, and
/// `минуте`, which [`DETECTOR_ASSIMILATED`] later put right).
fn stem_class(stem: &[u16], chars: &[char], t: &Tables) -> Option<Harmony> {
    let n = stem.len();
    let (i, u, ya) = (code_of('и'), code_of('у'), code_of('я'));
    let is_vowel = |c: u16| t.is_vowel(c);
    match KazakhStemmer::get(false).loan_reading(chars) {
        Some(LoanReading::Either) => return Some(Harmony::Any),
        Some(LoanReading::Front) => return Some(Harmony::Front),
        None => {}
    }
    let native = stem.iter().any(|c| t.kazakh_letters.contains(c));
    stem.iter().enumerate().rev().find_map(|(k, &c)| {
        let inner = k + 1 < n;
        if c == ya {
            Some(Harmony::Back)
        } else if c == i && inner && !native {
            Some(Harmony::Front)
        } else if c == u && inner && k > 0 && !is_vowel(stem[k - 1]) {
            Some(Harmony::Back)
        } else {
            t.vowel_class(c)
        }
    })
}

/// Evidence (nats) of reading a word as a Russian stem with Kazakh suffixes
/// (a loanword inflected the Kazakh way), added to the stem's Russian
/// log-probability: the price of the claim that the word is a loan, plus
/// [`LOAN_LETTER_EVIDENCE`] for every letter of the suffixes (they are
/// predictable, not free). Set on the dev half of `ushtil eval langid`
/// (a grid of 0 to -5 and 0 to -1.5 per letter; the best total of kk and ru
/// errors on single words and pairs, within 3 errors of 11,300 items;
/// checked again when the reading began to run wherever the bias for words
/// without Kazakh letters could let Russian win: the best cells, -3 to -5
/// with -0.5 to -1.5 a letter, within 2 items of these).
pub const LOAN_EVIDENCE: f32 = -3.0;
/// See [`LOAN_EVIDENCE`].
pub const LOAN_LETTER_EVIDENCE: f32 = -1.0;
/// Longest stem (letters) the loan reading looks at.
pub const MAX_LOAN_CHARS: usize = 30;
/// Shortest stem (letters) the loan reading accepts.
const MIN_LOAN_STEM: usize = 3;
/// Shortest suffix chain (letters) the loan reading accepts. The one-letter
/// chains a Cyrillic word without Kazakh letters can end in, the possessive
/// `-ы` (`театр-ы`, his theatre) and `-м` after a vowel (`метро-м`), are
/// also Russian endings: the plural or genitive `-ы` (`театры`, `алгебры`)
/// and the instrumental `-ом`/`-ем` (`снегом`, `президентом`), far the
/// commoner reading of such a word (Wade 2011, §§ 41–170; Muhamedowa 2016,
/// the possessive suffixes). Set on the dev half of `ushtil eval langid`:
/// 1 → 2 letters mended 5 Russian words and pairs there and cost one Kazakh
/// pair.
const MIN_LOAN_SUFFIX: usize = 2;

/// Russian case endings of nouns and adjectives that Kazakh does not put
/// after a stem: Kazakh writes a loanword's Russian stem with Kazakh
/// suffixes (`президент-ке`, `миллиард-тар`), not with a Russian case
/// (`президент-ом`, `миллиард-ов`). The endings: T. Wade, *A Comprehensive
/// Russian Grammar* (3rd ed., 2011), §§ 41–170 (the instrumental, genitive
/// plural, dative, prepositional and adjective endings of two letters or
/// more). [`RUSSIAN_ENDINGS`], verbs and suffixes too, counts against
/// Kazakh in any word; these are what the Russian reading cuts off.
const RUSSIAN_CASE_ENDINGS: &[&str] = &[
    "ом", "ем", "ов", "ев", "ам", "ям", "ами", "ями", "ах", "ях", "ой", "ей", "ого", "его", "ому",
    "ему", "ую", "юю", "ым", "им", "ых", "их", "ыми", "ими", "ая", "яя", "ое", "ее", "ые", "ие",
    "ый", "ий",
];

/// Evidence (nats) of reading a word as a stem the Kazakh table knows (a
/// loanword both languages write) with one of the `RUSSIAN_CASE_ENDINGS`,
/// added to the stem's Kazakh log-probability. The Kazakh table, learned
/// from less text, gives a loan stem more probability than the Russian one
/// does, so `президентом` and `миллиардов` looked Kazakh. Plus
/// [`RUSSIAN_READING_LETTER_EVIDENCE`] for every letter of the ending. Set
/// on the dev half of `ushtil eval langid` (a grid of 0 to -10 and 0 to -3
/// per letter: from -4 to -10 the same within 3 items; one-letter endings,
/// `-а`, `-у`, `-е`, `-ы`, mended as many Russian words as they broke
/// Kazakh ones, and are left out).
pub const RUSSIAN_READING_EVIDENCE: f32 = -6.0;
/// See [`RUSSIAN_READING_EVIDENCE`].
pub const RUSSIAN_READING_LETTER_EVIDENCE: f32 = -1.0;

/// Shortest stem (letters) the Russian reading accepts.
const MIN_RUSSIAN_STEM: usize = 4;

/// Russian case endings of one letter that the Russian reading tries on a
/// word written as a name only: the genitive and animate accusative `-а` of
/// a masculine name or place name ending in a consonant (`Моцарт-а`,
/// `Таллин-а`, `Ричард-а`; T. Wade, *A Comprehensive Russian Grammar*, 3rd
/// ed., 2011, §§ 41–170). Kazakh puts no bare `-а` after such a name: its
/// dative there is `-ға`/`-қа`/`-ге`/`-ке` (Muhamedowa 2016, ch. 2), and a
/// Kazakh name in `-а` is whole (`Динара`), which the reading leaves to the
/// tables when they know the name's stem no better than the name. On all
/// words, `-а` mended as many Russian words as it broke Kazakh ones (see
/// [`RUSSIAN_READING_EVIDENCE`]); on names, the dev half of `ushtil eval
/// langid` gave Russian single words 76 → 69 errors, Kazakh 174 → 175
/// (`Еуропа`). `-у` and `-е` as well: Kazakh 177, Russian 67.
const RUSSIAN_NAME_CASE_ENDINGS: &[&str] = &["а"];

/// Evidence (nats) of reading a name as a stem with one of the
/// `RUSSIAN_NAME_CASE_ENDINGS`, added to the stem's Kazakh
/// log-probability as [`RUSSIAN_READING_EVIDENCE`] is. Set on the dev half
/// of `ushtil eval langid`: -2 and -3 gave the same errors, -4 two more
/// Russian ones, -5 three more.
pub const RUSSIAN_NAME_READING_EVIDENCE: f32 = -3.0;

/// Where a framed word (`_word_` codes) can be cut into a stem of
/// `MIN_RUSSIAN_STEM` letters or more and one of the
/// `RUSSIAN_CASE_ENDINGS`: the index (into `codes`) where the ending
/// starts. (No ending of the list ends another.)
pub fn russian_case_cut(codes: &[u16]) -> Option<usize> {
    let n = codes.len();
    if n < 2 || codes[n - 1] != BOUNDARY {
        return None;
    }
    let letters = &codes[1..n - 1];
    let last = letters.last()?;
    // The last letter first: comparing whole endings was 2% of detecting
    // short items.
    TABLES
        .case_endings
        .iter()
        .find(|e| {
            e.last() == Some(last)
                && letters.len() >= MIN_RUSSIAN_STEM + e.len()
                && letters.ends_with(e)
        })
        .map(|e| 1 + letters.len() - e.len())
}

/// Whether `letters` (codes, no boundaries) are one of the
/// `RUSSIAN_CASE_ENDINGS`.
pub fn is_russian_case_ending(letters: &[u16]) -> bool {
    TABLES.case_endings.iter().any(|e| e == letters)
}

/// Endings of international words that Russian and Kazakh share in their
/// nominative form (`республика`, `стратегия`, `архитектура`, `схема`,
/// `программа`, `механизм`, `журналист`, `студент`, `мигрант`, `сектор`,
/// `профессор`). Russian inflects such a stem with Russian endings
/// (`республики`, `механизмом`); one followed by a Kazakh suffix chain
/// (`республика-сы`, `механизм-нен`, `сектор-да`) is a loan in a Kazakh
/// word. Source: the endings of international nouns as Wade 2011 gives
/// them (nouns, gender by ending), and Kazakh keeping a Russian loan's
/// stem under its own suffixes (Muhamedowa 2016, on loanwords). `-ор` is
/// narrowed to `-тор` and `-сор`, since Russian has stems in `-орд`
/// (`рекорд-а` would cut as `рекор-да`).
///
/// The second line holds the consonant endings of international words
/// from Latin, Greek and French (`инженер`, `бизнес`, `процесс`, `регион`,
/// `бюджет`, `проект`, `диалог`, `кандидат`, `форум`, `протокол`,
/// `гибрид`, `кредит`). Russian native stems end so too (`вечер`,
/// `совет`), but Russian puts no Kazakh suffix chain after them. Left out:
/// `-ус` (`авгус-те`, for `августе`), `-ес` but for `-нес` and `-сс`
/// (`извес-тен`, `невес-те`), `-ал` (Kazakh verbal nouns: `демал-у`) and
/// `-ан` (`коман-да`, for `команда`).
///
/// The third line holds more endings of international nouns and of
/// Russian place names: `ресурс`, `конкурс`, `касса`, `масса`, `машина`,
/// `Украина`, `арена`, `сцена`, `альянс`, `комплекс`, `Норильск`. Left
/// out, because a Russian form cuts so: `-ота` (`разработа-ны`), `-рка`
/// (`карка-сы`), `-ера` (`ветера-ны`), `-ига` (`брига-да`), `-ома`
/// (`перелома-ны`), `-нк` (`подпун-кте`), `-ора` (`панора-ма`).
const LOAN_STEM_ENDINGS: &[&str] = &[
    "ика", "ия", "ура", "ема", "мма", "изм", "ист", "ент", "ант", "тор", "сор", //
    "ер", "нес", "сс", "ион", "ет", "кт", "ог", "ат", "ум", "ол", "ид", "ит", //
    "рс", "сса", "ина", "ена", "нс", "кс", "ск",
];

/// Shortest stem (letters) that [`LOAN_STEM_ENDINGS`] mark as a loan.
const MIN_MARKED_LOAN_STEM: usize = 5;

/// Evidence (nats) the loan reading adds when its stem ends like an
/// international word and its chain is no Russian ending ([`marks_a_loan`]).
/// Set on the dev half of `ushtil eval langid`, with the first line of
/// `LOAN_STEM_ENDINGS` only: 0, 2, 3, 6 and 10 nats
/// left 546, 538, 537, 537 and 537 Kazakh words wrong and 116, 114, 114,
/// 113 and 113 Kazakh pairs, no Russian item moving; of the 53,843 Russian
/// word forms of `../shared/data` (Snowball, UD, Tatoeba), one turns Kazakh
/// at 3 to 10 (`велика-ны`, for `великаны`).
pub const MARKED_LOAN_EVIDENCE: f32 = 6.0;

/// Voiced consonants that end Russian loans and that Kazakh follows with a
/// suffix beginning voiceless, as it does after `п`, `к`, `т`: `код-ты`,
/// `клуб-тар`, `рейтинг-те`, `Сапарбаев-ты` (Muhamedowa 2016, §2.3; the
/// stemmer's `VOICELESS` class holds them). Russian writes no `т` after
/// such a letter at the end of a word (`кодом`, `рейтинге`), so a loan
/// reading with such a cut is marked as [`LOAN_STEM_ENDINGS`] mark one. Of
/// the 20,009 distinct words of the gov corpus's Kazakh side, 11 turn from
/// Russian to Kazakh (`кодты`, `разрядты`, `брифингте`, `тренингтер`);
/// none of the 53,843 Russian word forms of `../shared/data` or the
/// 83,326 Russian word pairs changes.
const DEVOICED_LOAN_FINALS: &str = "бвгд";

/// Whether a loan stem (letter codes, no boundaries) ends in one of the
/// `DEVOICED_LOAN_FINALS` and its chain begins with `т`.
fn devoices(stem: &[u16], chain: &[u16]) -> bool {
    let t = &*TABLES;
    stem.len() >= MIN_LOAN_STEM
        && stem.last().is_some_and(|c| t.devoiced_finals.contains(c))
        && chain.first() == Some(&t.t)
}

/// Whether a loan stem (letter codes, no boundaries) ends like an
/// international word (`LOAN_STEM_ENDINGS`).
pub fn is_marked_loan_stem(stem: &[u16]) -> bool {
    // The last letter first, as in `russian_case_cut`.
    let last = stem.last();
    stem.len() >= MIN_MARKED_LOAN_STEM
        && TABLES
            .loan_stem_endings
            .iter()
            .any(|e| e.last() == last && stem.ends_with(e))
}

/// Where a framed word (`_word_` codes) written as a name can be cut into a
/// stem of `MIN_RUSSIAN_STEM` letters or more ending in a consonant and
/// one of the `RUSSIAN_NAME_CASE_ENDINGS`: the index (into `codes`)
/// where the ending starts.
pub fn russian_name_case_cut(codes: &[u16]) -> Option<usize> {
    let n = codes.len();
    if n < 2 || codes[n - 1] != BOUNDARY {
        return None;
    }
    let letters = &codes[1..n - 1];
    let t = &*TABLES;
    t.name_case_endings
        .iter()
        .find(|e| {
            letters.len() >= MIN_RUSSIAN_STEM + e.len()
                && letters.ends_with(e)
                && !t.is_vowel(letters[letters.len() - e.len() - 1])
        })
        .map(|e| 1 + letters.len() - e.len())
}

/// Whether a framed word (`_word_` codes) reads as an international stem
/// with a chain of Kazakh suffixes ([`loan_cuts`] at a stem that
/// [`is_marked_loan_stem`], or that the chain devoices) and a chain
/// [`marks_a_loan`] keeps: `федерация-сы`, `механизм-нен`, `код-ты`.
/// Russian writes almost no such word: of the 53,843 Russian word forms of
/// `../shared/data`, three read so: `велика-ны`, `россия-да` (a Kazakh
/// form in Snowball's list) and `хойкрод-та` (`Хойкродта`, the genitive
/// of a German name).
pub fn has_marked_loan_cut(codes: &[u16]) -> bool {
    // Most words hold no marked stem with a chain after it; they are told
    // so without the stemmer (which made detecting short spans a sixth
    // slower).
    let mut chain_starts = (1 + MIN_LOAN_STEM)..codes.len().saturating_sub(MIN_LOAN_SUFFIX);
    let may = chain_starts
        .any(|cut| is_marked_loan_stem(&codes[1..cut]) || devoices(&codes[1..cut], &codes[cut..]));
    may && loan_cuts(codes).any(|cut| marks_a_loan(codes, cut))
}

/// Whether the loan reading of a framed word (`_word_` codes) cut at `cut`
/// has an international stem ([`is_marked_loan_stem`]) or a stem whose
/// voiced final the chain devoices (`DEVOICED_LOAN_FINALS`), and a chain
/// Russian does not end such a word with: not one of the
/// `RUSSIAN_CASE_ENDINGS` (`золотист-ым`) nor `-ке`, the dative and
/// prepositional of the feminines in `-ка` (`студент-ке`, `журналист-ке`,
/// `очист-ке`), which Kazakh writes alike.
pub fn marks_a_loan(codes: &[u16], cut: usize) -> bool {
    let chain = &codes[cut..codes.len() - 1];
    (is_marked_loan_stem(&codes[1..cut]) || devoices(&codes[1..cut], chain))
        && !is_russian_case_ending(chain)
        && chain != TABLES.ke.as_slice()
}

/// Where a framed word (`_word_` codes) can be cut into an international
/// stem ending in a consonant ([`is_marked_loan_stem`], or `-ик` of the
/// `-ика` nouns and `историк`, but for `-ик-а`, the nominative) and a
/// Russian case ending of one letter, `-а`, `-у` or `-е` (`фактор-а`,
/// `экономик-у`, `механизм-е`): the index (into `codes`) where the ending
/// starts. Kazakh puts no bare vowel after such a stem (its dative there
/// is `-ға`/`-ке`; Muhamedowa 2016, ch. 2); `-ы`, its possessive, is left
/// out.
pub fn russian_marked_case_cut(codes: &[u16]) -> Option<usize> {
    let n = codes.len();
    if n < 3 || codes[n - 1] != BOUNDARY {
        return None;
    }
    let t = &*TABLES;
    let last = codes[n - 2];
    let stem = &codes[1..n - 2];
    let consonant_final = stem.last().is_some_and(|&c| !t.is_vowel(c));
    // `-ик-а` is the nominative both languages write (`республика`).
    let marked = stem.len() >= MIN_MARKED_LOAN_STEM
        && ((stem.ends_with(&t.ik) && last != code_of('а'))
            || (consonant_final && is_marked_loan_stem(stem)));
    (t.one_letter_case_endings.contains(&last) && marked).then_some(n - 2)
}

/// Whether a loan cut (an index into `codes`, see [`loan_cuts`]) splits
/// the stem of the word's Russian reading `marked_case` (from
/// [`russian_marked_case_cut`]): a stem ending in a vowel and a chain of
/// the international stem's last consonant and the Russian case ending
/// (`пирами-де` for `пирамид-е`, `Евкли-да` for `Евклид-а`, `Кучу-ма` for
/// `Кучум-а`). The stem that ends like an international word is the likelier
/// of the two: Kazakh loans seldom end in `-и` or `-у` (`такси`, `Батуми`).
pub fn splits_marked_stem(codes: &[u16], cut: usize, marked_case: usize) -> bool {
    cut + 1 == marked_case && cut >= 2 && TABLES.is_vowel(codes[cut - 1])
}

/// Where a framed word (`_word_` codes) can be cut into a stem and a chain
/// of Kazakh nominal suffixes (plural, possessive, case) that the stemmer's
/// tables allow after that stem (`analysis::stem::kazakh_rules`: harmony,
/// the stem's last sound) at least `MIN_LOAN_SUFFIX` letters long: the
/// index (into `codes`) where the chain starts, longest stem first, at most
/// four. None for words too short or too long.
pub fn loan_cuts(codes: &[u16]) -> impl Iterator<Item = usize> {
    let n = codes.len();
    let mut cuts = Vec::new();
    if (MIN_LOAN_STEM + 4..=MAX_LOAN_CHARS + 2).contains(&n) && codes[n - 1] == BOUNDARY {
        let letters: Vec<char> = codes[1..n - 1].iter().map(|&c| char_of(c)).collect();
        cuts = crate::analysis::stem::kazakh::KazakhStemmer::get(false)
            .nominal_suffix_cuts(&letters, MIN_LOAN_STEM);
        cuts.retain(|&cut| letters.len() - cut >= MIN_LOAN_SUFFIX);
        cuts.truncate(4);
    }
    // Indices into `codes` (one boundary before the letters).
    cuts.into_iter().map(|c| c + 1)
}

#[cfg(test)]
mod tests {
    use super::super::model::framed;
    use super::*;

    #[test]
    fn hyphenated_suffixes_follow_abbreviations_units_and_figures_only() {
        for (head, word) in [
            ("КСРО-", "да"),
            ("(ТМД-", "лар"),
            ("км-", "ге"),
            ("98,4-", "ден"),
            ("USA-", "ны"),
        ] {
            assert!(is_hyphenated_suffix(head, word), "{head}{word}");
        }
        for (head, word) in [
            ("кто-", "то"),
            ("Ростов-", "на"),
            ("90-", "та"),
            ("Москва-", "да"),
            ("КСРО", "да"),
            ("-", "да"),
            ("КСРО-", "овский"),
            ("АБВГДЕЖ-", "да"),
        ] {
            assert!(!is_hyphenated_suffix(head, word), "{head}{word}");
        }
    }

    #[test]
    fn international_stems_are_marked_by_their_ending() {
        let stem = |w: &str| w.chars().map(code_of).collect::<Vec<u16>>();
        for w in [
            "республика",
            "стратегия",
            "механизм",
            "сектор",
            "профессор",
            "студент",
            "бизнес",
            "процесс",
            "регион",
            "проект",
            "кандидат",
            "конкурс",
            "масса",
            "арена",
        ] {
            assert!(is_marked_loan_stem(&stem(w)), "{w}");
        }
        // Too short, `-ор` but not `-тор`/`-сор`, `-он` but not `-ион`
        // (`Нацфон-да`), `-ес` but not `-нес`/`-сс` (`извес-тен`), none of
        // the endings (`авгус-те`, `демал-у`).
        for w in [
            "ия",
            "декор",
            "рекор",
            "фольклор",
            "мысал",
            "нацфон",
            "извес",
            "авгус",
            "демал",
        ] {
            assert!(!is_marked_loan_stem(&stem(w)), "{w}");
        }
        // A marked stem with a Kazakh chain, or a voiced final the chain
        // devoices, but not with a chain Russian ends such words with.
        for w in [
            "федерациясы",
            "механизмнен",
            "секторда",
            "бизнестен",
            "кодты",
            "рейтингтер",
        ] {
            assert!(has_marked_loan_cut(&framed(w)), "{w}");
        }
        for w in [
            "студентке",
            "золотистым",
            "очистке",
            "великан",
            "фольклорда",
            "кодом",
            "заводе",
        ] {
            assert!(!has_marked_loan_cut(&framed(w)), "{w}");
        }
        // One-letter Russian endings after such a stem ending in a
        // consonant, or after `-ик`; not `-ы` (Kazakh's possessive), not
        // after a vowel (`республик-а` is whole), not after other stems.
        for w in ["фактора", "экономику", "механизме", "студента"]
        {
            assert_eq!(
                russian_marked_case_cut(&framed(w)),
                Some(w.chars().count()),
                "{w}"
            );
        }
        for w in ["факторы", "республика", "стратегия", "фольклора", "сынама"]
        {
            assert_eq!(russian_marked_case_cut(&framed(w)), None, "{w}");
        }
        // A loan cut through that stem after a vowel, not after a consonant.
        let cut = |w: &str, chain: usize| w.chars().count() + 1 - chain;
        for (w, chain) in [("пирамиде", 2), ("евклида", 2)] {
            let m = russian_marked_case_cut(&framed(w)).unwrap();
            assert!(splits_marked_stem(&framed(w), cut(w, chain), m), "{w}");
        }
        for (w, chain) in [("блокта", 2), ("пирамиде", 1)] {
            let m = russian_marked_case_cut(&framed(w)).unwrap();
            assert!(!splits_marked_stem(&framed(w), cut(w, chain), m), "{w}");
        }
    }

    #[test]
    fn the_root_lexicon_is_well_formed() {
        let mut seen = FxHashSet::default();
        let mut previous = "";
        for (root, _) in roots() {
            let letters = root.chars().count();
            assert!(
                (3..=WORD_KEY_LETTERS).contains(&letters),
                "{root}: a root has 3 to 10 letters"
            );
            assert!(
                root.chars().all(|c| ('а'..='я').contains(&c) || c == 'ё'),
                "{root}: lower-case letters of the Russian alphabet only (a root with a \
                 Kazakh letter needs no lexicon)"
            );
            assert!(seen.insert(root), "{root} is listed twice");
            assert!(previous < root, "{root}: the list is kept sorted");
            previous = root;
        }
        assert!(seen.len() > 500);
    }

    #[test]
    fn the_look_at_first_letters_turns_away_no_form_of_a_root() {
        for (root, _) in roots() {
            // The root as the stemmer finds it before a vowel: its last
            // consonant voiced (`топ` → `тоб-ы`), a high vowel dropped
            // (`орын` → `орн-ы`).
            let chars: Vec<char> = root.chars().collect();
            let n = chars.len();
            let mut voiced = chars.clone();
            if let Some(&(v, _)) = STEM_FINAL_ALTERNATIONS
                .iter()
                .find(|(_, u)| *u == chars[n - 1])
            {
                voiced[n - 1] = v;
            }
            let mut elided = chars.clone();
            if HIGH_VOWELS.contains(chars[n - 2]) {
                elided.remove(n - 2);
            }
            let before_vowel = [voiced, elided].map(|c| c.into_iter().collect::<String>());
            let suffixes = [
                "", "ы", "і", "ын", "ің", "да", "те", "дан", "лар", "тер", "ға", "ке", "сы", "шы",
            ];
            let forms = suffixes
                .into_iter()
                .map(|suffix| format!("{root}{suffix}"))
                .chain(
                    before_vowel
                        .iter()
                        .flat_map(|r| [format!("{r}ы"), format!("{r}і")]),
                );
            for word in forms {
                let codes = framed(&word);
                let letters = &codes[1..codes.len() - 1];
                assert_eq!(is_kazakh_root(&codes), stems_to_a_root(letters), "{word}");
            }
        }
        // The forms above that reach a root through the stemmer's readings.
        for word in ["тобы", "орны", "аузы", "мойны"] {
            assert!(is_kazakh_root(&framed(word)), "{word}");
        }
    }

    #[test]
    fn a_root_counts_bare_or_with_suffixes_and_a_bound_one_only_with_them() {
        for word in [
            "жалпы",
            "тарихы",
            "тарихшы",
            "тобы",
            "жерде",
            "тойы",
            "басшы",
            "зауыт",
        ] {
            assert!(is_kazakh_root(&framed(word)), "{word}");
        }
        // Bound roots bare (Russian words too), loans, Russian words.
        for word in [
            "той",
            "бас",
            "май",
            "кафедрасы",
            "республика",
            "является",
            "город",
        ] {
            assert!(!is_kazakh_root(&framed(word)), "{word}");
        }
    }

    fn cuts(word: &str) -> Vec<String> {
        let letters: Vec<char> = word.chars().collect();
        loan_cuts(&framed(word))
            .map(|c| letters[..c - 1].iter().collect())
            .collect()
    }

    #[test]
    fn the_detector_suffixes_are_their_templates_allomorphs() {
        let all = suffixes();
        let has =
            |text: &str, harmony: Harmony| all.iter().any(|(s, h)| s == text && *h == harmony);
        // Assimilation of the initial consonant, and harmony.
        for (text, harmony) in [
            ("лар", Harmony::Back),
            ("дар", Harmony::Back),
            ("тер", Harmony::Front),
            ("қы", Harmony::Back),
            ("гі", Harmony::Front),
            ("тің", Harmony::Front),
            ("пақ", Harmony::Back),
            ("інде", Harmony::Front),
            ("мен", Harmony::Any),
        ] {
            assert!(has(text, harmony), "{text} {harmony:?}");
        }
        // Literal letters stay as written: the person ending is `-мын`, not
        // the `-бын`/`-пын` an initial `М` would give.
        assert!(!all.iter().any(|(s, _)| s == "бын" || s == "пын"));
        // Every suffix is two letters or more (one letter ends Russian words
        // as often) unless it follows only some stem endings (the verbal
        // noun `-у`, after a vowel), and none is in two classes.
        let restricted = |s: &str| {
            let s: Vec<u16> = s.chars().map(code_of).collect();
            TABLES.after.contains_key(&pack(&s))
        };
        assert!(
            all.iter()
                .all(|(s, _)| s.chars().count() >= 2 || restricted(s))
        );
        let mut texts: Vec<&str> = all.iter().map(|(s, _)| s.as_str()).collect();
        texts.sort_unstable();
        let n = texts.len();
        texts.dedup();
        assert_eq!(texts.len(), n, "a suffix in two harmony classes");
    }

    /// The ending `cut` finds in `word` (framed as the detector frames it).
    fn ending_cut_by(cut: fn(&[u16]) -> Option<usize>, word: &str) -> Option<String> {
        let mut codes = vec![BOUNDARY];
        codes.extend(word.chars().map(super::super::model::code_of));
        codes.push(BOUNDARY);
        let letters: Vec<char> = word.chars().collect();
        cut(&codes).map(|c| letters[c - 1..].iter().collect())
    }

    #[test]
    fn a_russian_case_is_cut_after_a_stem_of_four_letters() {
        let ending = |word| ending_cut_by(russian_case_cut, word);
        assert_eq!(ending("факторами").as_deref(), Some("ами"));
        assert_eq!(ending("президентом").as_deref(), Some("ом"));
        // Too short a stem, or no Russian case.
        assert_eq!(ending("новыми"), None);
        assert_eq!(ending("жазу"), None);
        assert_eq!(ending("президентке"), None);
    }

    #[test]
    fn a_name_s_genitive_is_cut_after_a_consonant() {
        let ending = |word| ending_cut_by(russian_name_case_cut, word);
        assert_eq!(ending("моцарта").as_deref(), Some("а"));
        assert_eq!(ending("нурлана").as_deref(), Some("а"));
        // After a vowel, after too short a stem, or another ending.
        assert_eq!(ending("самоа"), None);
        assert_eq!(ending("алма"), None);
        assert_eq!(ending("президентке"), None);
        assert_eq!(ending("моцарту"), None);
    }

    #[test]
    fn no_russian_case_ending_ends_another() {
        for a in RUSSIAN_CASE_ENDINGS {
            for b in RUSSIAN_CASE_ENDINGS {
                assert!(a == b || !a.ends_with(b), "{a} ends with {b}");
            }
        }
    }

    #[test]
    fn a_loan_is_cut_before_its_suffix_chain() {
        assert_eq!(cuts("москвада"), ["москва"]);
        assert!(cuts("университетімен").contains(&"университет".to_string()));
        assert!(cuts("механизмдер").contains(&"механизм".to_string()));
    }

    #[test]
    fn suffixes_must_agree_with_the_stem_and_follow_the_template() {
        // Front `-де` after a back stem.
        assert!(cuts("москваде").is_empty());
        // Dative `-а` only after a possessive: `Александр-а` is Russian.
        assert!(!cuts("александра").contains(&"александр".to_string()));
        // Too short a stem.
        assert!(cuts("сада").is_empty());
        // A one-letter chain: the word ends as Russian inflects it.
        assert!(cuts("снегом").is_empty());
        assert!(cuts("алгебры").is_empty());
        // Two letters or more: the locative and the possessive with a case.
        assert_eq!(cuts("лондонда"), ["лондон"]);
    }

    fn morphology_of(word: &str) -> f32 {
        morphology(&word.chars().map(code_of).collect::<Vec<u16>>())
    }

    #[test]
    fn an_ending_in_the_other_class_than_the_stem_counts_against_kazakh() {
        // Russian case endings that look like Kazakh suffixes of the other
        // class: the dative `-ге` after `о`, the locative `-да` after `е`.
        for word in ["итоге", "округе", "герда", "бергена"] {
            assert!(morphology_of(word) <= SUFFIX_CLASH_EVIDENCE, "{word}");
        }
        // A loanword's stem as Kazakh reads it: front after a soft sign,
        // back after `я`; and a suffix of the stem's own class.
        for word in [
            "спектакльдер",
            "алкогольсіз",
            "идеяны",
            "азияда",
            "мектепке",
        ] {
            assert!(morphology_of(word) > SUFFIX_CLASH_EVIDENCE, "{word}");
        }
    }

    #[test]
    fn the_possessive_case_suffixes_count_only_after_the_possessive() {
        // `-на`, `-нда`, `-нан` after the possessive's `ы`/`і` (the
        // ablative also after a nasal) …
        for word in ["ауданына", "қаласында", "ауданнан", "елінде"] {
            assert_eq!(morphology_of(word), SUFFIX_EVIDENCE, "{word}");
        }
        // … and not after another letter: Russian genitives.
        for word in ["района", "закона", "региона"] {
            assert!(morphology_of(word) < SUFFIX_EVIDENCE, "{word}");
        }
    }

    #[test]
    fn a_kazakh_surname_is_not_read_as_a_russian_word() {
        // A root with a Kazakh letter and a surname suffix: no Russian
        // ending, no disharmony, no late `о` counted against it …
        for word in ["жұмабеков", "әбдіхалова", "тоқаев"] {
            assert_eq!(morphology_of(word), 0.0, "{word}");
        }
        // … where a Russian surname or word still has them.
        for word in ["жумабеков", "богданов"] {
            assert!(morphology_of(word) < 0.0, "{word}");
        }
    }

    #[test]
    fn the_verbal_noun_counts_only_after_a_vowel() {
        for word in ["несиелеу", "жоспарлау", "зерттеу", "дамыту"] {
            assert_eq!(morphology_of(word), SUFFIX_EVIDENCE, "{word}");
        }
        // After a consonant, the Russian dative or accusative.
        for word in ["работу", "городу", "проекту"] {
            assert!(morphology_of(word) < SUFFIX_EVIDENCE, "{word}");
        }
    }

    #[test]
    fn the_locative_and_dative_must_fit_the_stems_last_sound() {
        for word in ["мектепте", "қалада", "мектепке", "қалаға", "спектакльде"]
        {
            assert_eq!(morphology_of(word), SUFFIX_EVIDENCE, "{word}");
        }
        // `-та`, `-ке` after a vowel or a sonorant, `-да` after a voiceless
        // consonant: Russian words.
        for word in ["акимата", "марта", "америке", "когда"] {
            assert!(morphology_of(word) < SUFFIX_EVIDENCE, "{word}");
        }
    }

    #[test]
    fn a_loanword_stem_takes_the_suffixes_kazakh_writes_after_it() {
        // Front after an inner `и` and after `к`/`г` closing a cluster;
        // back after `я` and after a `у` between consonants.
        for word in [
            "аналитиктер",
            "нормативті",
            "министрлер",
            "банктер",
            "автопарктер",
            "стратегиясы",
            "институтын",
            "ресурстар",
        ] {
            assert_eq!(morphology_of(word), SUFFIX_EVIDENCE, "{word}");
        }
        // A stem-final `и` is the Kazakh vowel and glide, and in a word
        // with Kazakh letters an inner `и` is native (`оқы-йтын`): the
        // vowel before it decides.
        for word in ["жылжиды", "оқитын"] {
            assert_eq!(morphology_of(word), SUFFIX_EVIDENCE, "{word}");
        }
        // The Russian plural of such a stem ends like a back suffix.
        for word in ["артисты", "солисты"] {
            assert!(morphology_of(word) <= SUFFIX_CLASH_EVIDENCE, "{word}");
        }
        // After a surname suffix, either class.
        for word in ["назарбаевтың", "ізмұхамбетовтің", "жақсыбековты"]
        {
            assert_eq!(morphology_of(word), SUFFIX_EVIDENCE, "{word}");
        }
        // The ablative of a stem in `-с` is not a place name's `-стан`.
        assert_eq!(morphology_of("облыстан"), SUFFIX_EVIDENCE);
        // No suffix inside a name's ending: neither evidence nor a clash.
        for word in ["пәкістан", "николаевна", "георгиевна"] {
            let e = morphology_of(word);
            assert!(e < SUFFIX_EVIDENCE && e > SUFFIX_CLASH_EVIDENCE, "{word}");
        }
    }
}
