//! Text analysis: tokenisation, normalisation, stemming and stopwords, exposed
//! as tantivy tokenizers registered by name.
//!
//! PLACEHOLDER: tantivy's stock pipelines so the index can build against the
//! final names; the real analysers replace them.

use tantivy::tokenizer::{
    Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer, TokenizerManager,
};

use crate::Lang;

/// Tokenizer names the index registers and the schema refers to.
pub mod names {
    /// Kazakh: normalised, stemmed by our Kazakh stemmer.
    pub const KK: &str = "ushtil_kk";
    /// Russian: normalised (`ё` → `е`), Snowball-stemmed.
    pub const RU: &str = "ushtil_ru";
    /// English: normalised, diacritics folded, Snowball-stemmed.
    pub const EN: &str = "ushtil_en";
    /// Kazakh folded to the Russian keyboard (`қ` → `к`, …), then stemmed.
    pub const KK_FOLD: &str = "ushtil_kk_fold";
    /// Language-neutral: normalised, not stemmed (for `und` text and exact matching).
    pub const PLAIN: &str = "ushtil_plain";
}

/// The analyser name for text in `lang` (`und` text gets the plain analyser).
pub fn analyzer_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Kk => names::KK,
        Lang::Ru => names::RU,
        Lang::En => names::EN,
        Lang::Und => names::PLAIN,
    }
}

/// Builds the analyser registered under `name`, or `None` for an unknown name.
pub fn analyzer(name: &str) -> Option<TextAnalyzer> {
    let base = || TextAnalyzer::builder(SimpleTokenizer::default()).filter(LowerCaser);
    Some(match name {
        names::KK | names::KK_FOLD | names::PLAIN => base().build(),
        names::RU => base().filter(Stemmer::new(Language::Russian)).build(),
        names::EN => base().filter(Stemmer::new(Language::English)).build(),
        _ => return None,
    })
}

/// Registers every ushtil analyser on `manager` (an index's tokenizers).
pub fn register(manager: &TokenizerManager) {
    for name in [
        names::KK,
        names::RU,
        names::EN,
        names::KK_FOLD,
        names::PLAIN,
    ] {
        manager.register(
            name,
            analyzer(name).expect("every listed name has an analyser"),
        );
    }
}
