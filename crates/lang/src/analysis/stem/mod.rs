//! Stemmers per language: Snowball English (Porter2 as rust-stemmers ships it,
//! the Snowball 2.2-era behaviour) and Snowball Russian through rust-stemmers,
//! and our own Kazakh stemmer ([`kazakh`]). All take NORMALISED words.

pub mod kazakh;
pub mod kazakh_rules;

use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

use super::filter::TermMap;
use crate::Lang;

static ENGLISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));
static RUSSIAN: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Russian));

/// Which stemmer a [`StemFilter`] runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StemLang {
    English,
    Russian,
    Kazakh,
    /// Kazakh already folded to the Russian keyboard.
    KazakhFolded,
}

impl StemLang {
    /// The stemmer for `lang`; `None` for `und` (not stemmed).
    pub fn for_lang(lang: Lang) -> Option<StemLang> {
        match lang {
            Lang::Kk => Some(StemLang::Kazakh),
            Lang::Ru => Some(StemLang::Russian),
            Lang::En => Some(StemLang::English),
            Lang::Und => None,
        }
    }

    /// Stems one normalised word.
    pub fn stem(self, word: &str) -> String {
        match self {
            StemLang::English => ENGLISH.stem(word).into_owned(),
            StemLang::Russian => RUSSIAN.stem(word).into_owned(),
            StemLang::Kazakh => kazakh::stem(word),
            StemLang::KazakhFolded => kazakh::stem_folded(word),
        }
    }
}

/// Stemming as a [`TermMap`]: writes the stem only when it differs from the
/// term (Snowball hands back the term itself, borrowed, when it cuts nothing).
#[derive(Clone, Copy, Debug)]
pub struct StemFilter(pub StemLang);

impl TermMap for StemFilter {
    fn map(&self, term: &str, out: &mut String) -> bool {
        let snowball = |stemmer: &Stemmer, out: &mut String| {
            let stem = stemmer.stem(term);
            if stem == term {
                return false;
            }
            out.push_str(&stem);
            true
        };
        match self.0 {
            StemLang::English => snowball(&ENGLISH, out),
            StemLang::Russian => snowball(&RUSSIAN, out),
            StemLang::Kazakh => kazakh::KazakhStemmer::get(false).stem_into(term, out),
            StemLang::KazakhFolded => kazakh::KazakhStemmer::get(true).stem_into(term, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snowball_english_and_russian() {
        assert_eq!(StemLang::English.stem("migrations"), "migrat");
        assert_eq!(StemLang::English.stem("policies"), "polici");
        assert_eq!(StemLang::Russian.stem("политики"), "политик");
        assert_eq!(StemLang::Russian.stem("миграции"), "миграц");
    }

    #[test]
    fn stemmers_leave_other_scripts_alone() {
        assert_eq!(StemLang::Russian.stem("policy"), "policy");
        assert_eq!(StemLang::Kazakh.stem("走出"), "走出");
        assert_eq!(StemLang::English.stem("2010"), "2010");
    }
}
