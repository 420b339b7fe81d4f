//! lingua 1.8 restricted to English, Russian and Kazakh (high-accuracy mode),
//! the peer `ushtil eval langid` compares against (feature `lingua`).

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

use crate::Lang;

/// lingua over {en, ru, kk}, models preloaded so timing measures detection.
pub struct Lingua {
    detector: LanguageDetector,
}

impl Default for Lingua {
    fn default() -> Self {
        Self::new()
    }
}

impl Lingua {
    pub fn new() -> Lingua {
        let detector = LanguageDetectorBuilder::from_languages(&[
            Language::English,
            Language::Russian,
            Language::Kazakh,
        ])
        .with_preloaded_language_models()
        .build();
        Lingua { detector }
    }

    /// lingua's answer, `Und` when it returns none.
    pub fn detect(&self, text: &str) -> Lang {
        match self.detector.detect_language_of(text) {
            Some(Language::English) => Lang::En,
            Some(Language::Russian) => Lang::Ru,
            Some(Language::Kazakh) => Lang::Kk,
            _ => Lang::Und,
        }
    }
}
