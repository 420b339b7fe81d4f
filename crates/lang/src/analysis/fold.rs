//! Kazakh folded to the Russian keyboard: `қ ғ ң ө ұ ү һ і ә` → `к г н о у у х и а`.
//!
//! A reader with a Russian keyboard types `казак` for `қазақ` and `кытай` for
//! `қытай`. The `kk_fold` analyser folds BEFORE stemming, with the Kazakh
//! stemmer's suffix tables folded through this same table, so `қазақтың`
//! (indexed) and `казактын` (typed) both become `казактын` and then the same
//! stem `казак`. Stemming first and folding after would not work for the typed
//! query: `казактын` does not end in a real Kazakh suffix (`-тың`), so the
//! unfolded stemmer would leave it whole. The cost: folded text loses most of
//! the vowel-harmony contrast (`ә`/`а`, `і`/`и`), so the stemmer checks
//! harmony only on the vowels that stay distinct (see `stem::kazakh`).

use super::filter::TermMap;

/// The fold table, the one place it lives. Source: the letters of the Kazakh
/// Cyrillic alphabet (1940, as used today) that the Russian alphabet lacks,
/// each mapped to the Russian key a typist reaches for (the same pairs
/// Kazakh-on-Russian-keyboard transliteration uses, e.g. `Қазақстан` →
/// `Казакстан` in Russian-layout text).
pub const KAZAKH_FOLD: &[(char, char)] = &[
    ('қ', 'к'),
    ('ғ', 'г'),
    ('ң', 'н'),
    ('ө', 'о'),
    ('ұ', 'у'),
    ('ү', 'у'),
    ('һ', 'х'),
    ('і', 'и'),
    ('ә', 'а'),
];

/// The folded form of one (lowercase) letter.
pub fn fold_char(c: char) -> char {
    KAZAKH_FOLD
        .iter()
        .find(|(from, _)| *from == c)
        .map_or(c, |(_, to)| *to)
}

/// Folds a lowercase word: `қазақтың` → `казактын`.
pub fn fold(word: &str) -> String {
    word.chars().map(fold_char).collect()
}

/// The fold as a [`TermMap`]; leaves words with nothing to fold unchanged.
#[derive(Clone, Copy, Debug, Default)]
pub struct Fold;

impl TermMap for Fold {
    fn map(&self, term: &str, out: &mut String) -> bool {
        if term.is_ascii() || !term.chars().any(|c| fold_char(c) != c) {
            return false;
        }
        out.extend(term.chars().map(fold_char));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_every_kazakh_letter() {
        assert_eq!(fold("қғңөұүһіә"), "кгноуухиа");
        assert_eq!(fold("қазақ"), "казак");
        assert_eq!(fold("қытай"), "кытай");
    }

    #[test]
    fn russian_and_latin_untouched() {
        assert_eq!(fold("политика"), "политика");
        assert_eq!(fold("policy"), "policy");
    }
}
