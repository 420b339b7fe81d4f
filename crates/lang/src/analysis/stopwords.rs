//! Short stopword lists for Kazakh, Russian and English, written by us.
//!
//! Policy: the index analysers do NOT remove stopwords. BM25 already gives
//! them next to no weight, phrase queries stay exact (`теория и практика`),
//! and several Kazakh function words are also content words (`мен` is "I" and
//! "with", `бас` "head"). `ushtil stem` never removes them either. The lists are
//! for callers that compare bags of terms (cross-language comparison, keyword
//! overlap), through [`is_stopword`] and [`super::content_terms`].
//!
//! The lists hold normalised forms (lowercase, `ё` → `е`): the most frequent
//! function words (conjunctions, particles, postpositions, pronouns, copulas)
//! of each language, chosen by us from grammar knowledge, not copied from a
//! published list.

use crate::Lang;

/// Kazakh function words: conjunctions, postpositions, particles, pronouns.
pub const KK: &[&str] = &[
    "және",
    "мен",
    "бен",
    "пен",
    "да",
    "де",
    "та",
    "те",
    "үшін",
    "туралы",
    "бойынша",
    "арқылы",
    "сияқты",
    "сол",
    "осы",
    "бұл",
    "ол",
    "олар",
    "біз",
    "сіз",
    "не",
    "немесе",
    "бірақ",
    "әрі",
    "тек",
    "ғана",
    "ма",
    "ме",
    "ба",
    "бе",
    "па",
    "пе",
    "еді",
    "екен",
    "болып",
    "деп",
    "дейін",
    "кейін",
    "соң",
    "бар",
    "жоқ",
    "емес",
    "ал",
    "яғни",
    "қазір",
    "әр",
    "бір",
    "барлық",
    "өз",
    "өзі",
    "оның",
    "оны",
    "оған",
    "мұнда",
    "онда",
];

/// Russian function words.
pub const RU: &[&str] = &[
    "и",
    "в",
    "во",
    "не",
    "что",
    "он",
    "на",
    "я",
    "с",
    "со",
    "как",
    "а",
    "то",
    "все",
    "она",
    "так",
    "его",
    "но",
    "да",
    "ты",
    "к",
    "у",
    "же",
    "вы",
    "за",
    "бы",
    "по",
    "только",
    "ее",
    "мне",
    "было",
    "вот",
    "от",
    "меня",
    "еще",
    "нет",
    "о",
    "из",
    "ему",
    "их",
    "или",
    "ни",
    "быть",
    "был",
    "него",
    "до",
    "вас",
    "уже",
    "для",
    "при",
    "это",
    "этот",
    "эта",
    "эти",
    "этого",
    "также",
    "который",
    "которые",
    "которая",
    "которого",
    "является",
    "являются",
    "между",
    "под",
    "над",
    "об",
    "без",
    "через",
];

/// English function words.
pub const EN: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "with", "by",
    "from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that",
    "these", "those", "which", "who", "whom", "not", "no", "we", "our", "they", "their", "he",
    "she", "his", "her", "i", "you", "into", "than", "then", "also", "such", "has", "have", "had",
    "do", "does", "did", "can", "may", "will", "would", "should", "there", "here", "about",
    "between", "through",
];

/// The stopword list of `lang` (empty for `und`).
pub fn list(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Kk => KK,
        Lang::Ru => RU,
        Lang::En => EN,
        Lang::Und => &[],
    }
}

/// Whether the normalised `word` is a stopword of `lang`.
pub fn is_stopword(lang: Lang, word: &str) -> bool {
    list(lang).contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::normalise::normalise;

    #[test]
    fn lists_hold_normalised_forms() {
        for lang in Lang::KNOWN {
            for word in list(lang) {
                assert_eq!(&normalise(word), word, "{lang} stopword {word:?}");
            }
        }
    }

    #[test]
    fn lookup() {
        assert!(is_stopword(Lang::Kk, "және"));
        assert!(is_stopword(Lang::Ru, "который"));
        assert!(is_stopword(Lang::En, "the"));
        assert!(!is_stopword(Lang::En, "migration"));
        assert!(!is_stopword(Lang::Und, "the"));
    }
}
