//! Text analysis: tokenisation, normalisation, Kazakh folding, stemming and
//! stopwords, exposed as tantivy analysers registered by name.
//!
//! Every analyser is the same pipeline with a different tail:
//!
//! | name ([`names`]) | pipeline |
//! |---|---|
//! | `ushtil_plain` | [`tokenizer::WordTokenizer`] → drop tokens over 200 bytes → [`normalise()`] |
//! | `ushtil_en` | plain → Snowball English (rust-stemmers) |
//! | `ushtil_ru` | plain → Snowball Russian (rust-stemmers) |
//! | `ushtil_kk` | plain → our Kazakh stemmer ([`stem::kazakh`]) |
//! | `ushtil_kk_fold` | plain → [`fold`] (`қ` → `к`, …) → the Kazakh stemmer in folded mode |
//! | `ushtil_kk_index` | each word's `ushtil_kk` term and, at the same position where it differs, its `ushtil_kk_fold` term ([`filter::PairTokenizer`]): what the index's Kazakh field holds |
//!
//! Offsets are byte ranges into the original text and no filter moves them;
//! positions are consecutive (stopwords are not removed: see [`stopwords`]).
//!
//! The steps after the tokenizer run as one filter per analyser, fused with
//! the tokenizer ([`filter::MapTokenizer`]), which remembers what it made of
//! each word (a word met again costs a look-up in memory), so an analyser's
//! cost is mostly the tokenizer and the postings tantivy builds.
//!
//! ```
//! use ushtil_lang::{Lang, analysis};
//!
//! assert_eq!(analysis::stem(Lang::Kk, "Мигранттардың"), "мигрант");
//! assert_eq!(analysis::terms(Lang::Ru, "Политика «走出去»"), ["политик", "走出", "出去"]);
//! assert_eq!(analysis::terms_folded("Қазақтың"), analysis::terms_folded("казактын"));
//! ```

pub mod conflation;
pub mod filter;
pub mod fold;
pub mod normalise;
#[cfg(test)]
mod proptests;
pub mod relatives;
pub mod stem;
pub mod stopwords;
pub mod tokenizer;

use tantivy::tokenizer::TokenizerManager;

use self::filter::{MapTokenizer, PairTokenizer, TermMap, Then};
use self::fold::Fold;
use self::normalise::Normalise;
use self::stem::{StemFilter, StemLang};
use crate::Lang;

pub use self::normalise::normalise;
/// Re-exported so callers need no direct tantivy dependency.
pub use tantivy::tokenizer::{TextAnalyzer, Token};

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
    /// Kazakh as the index holds it: the [`KK`] term of each word and, at
    /// the same position where it differs, its [`KK_FOLD`] term.
    pub const KK_INDEX: &str = "ushtil_kk_index";
    /// Language-neutral: normalised, not stemmed (for `und` text and exact matching).
    pub const PLAIN: &str = "ushtil_plain";

    /// Every name, in the order [`super::register`] registers them.
    pub const ALL: [&str; 6] = [KK, RU, EN, KK_FOLD, PLAIN, KK_INDEX];
}

/// Tokens longer than this many bytes (before normalisation) are dropped:
/// no real word is that long, and tantivy rejects huge terms.
pub const MAX_TOKEN_BYTES: usize = 200;

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
    // Each pipeline's term maps run as one filter, so it remembers what the
    // whole chain made of a word (see [`filter`]).
    fn with<M: TermMap>(map: M) -> TextAnalyzer {
        TextAnalyzer::from(MapTokenizer::new(map))
    }
    let stemmed = |lang| with(Then(Normalise, StemFilter(lang)));
    Some(match name {
        names::PLAIN => with(Normalise),
        names::EN => stemmed(StemLang::English),
        names::RU => stemmed(StemLang::Russian),
        names::KK => stemmed(StemLang::Kazakh),
        names::KK_FOLD => with(Then(
            Then(Normalise, Fold),
            StemFilter(StemLang::KazakhFolded),
        )),
        names::KK_INDEX => TextAnalyzer::from(PairTokenizer::new(
            Then(Normalise, StemFilter(StemLang::Kazakh)),
            Then(Then(Normalise, Fold), StemFilter(StemLang::KazakhFolded)),
        )),
        _ => return None,
    })
}

/// Registers every ushtil analyser on `manager` (an index's tokenizers).
pub fn register(manager: &TokenizerManager) {
    for name in names::ALL {
        manager.register(
            name,
            analyzer(name).expect("every listed name has an analyser"),
        );
    }
}

/// Runs the analyser `name` over `text`: its tokens with byte offsets into
/// `text`. `None` for an unknown name.
pub fn tokens(name: &str, text: &str) -> Option<Vec<Token>> {
    let mut analyzer = analyzer(name)?;
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().clone());
    }
    Some(out)
}

/// The normalised, stemmed form of one word in `lang` (`und`: normalised
/// only). What `ushtil stem` prints; stopwords are stemmed like any word.
pub fn stem(lang: Lang, word: &str) -> String {
    let normal = normalise(word);
    match StemLang::for_lang(lang) {
        Some(stemmer) => stemmer.stem(&normal),
        None => normal,
    }
}

/// The normalised, folded, stemmed form of one Kazakh word (the `kk_fold` term).
pub fn stem_folded(word: &str) -> String {
    let mut folded = String::new();
    let normal = normalise(word);
    if !Fold.map(&normal, &mut folded) {
        folded = normal;
    }
    StemLang::KazakhFolded.stem(&folded)
}

fn terms_of(name: &str, text: &str) -> Vec<String> {
    tokens(name, text)
        .expect("the name comes from names::*")
        .into_iter()
        .map(|t| t.text)
        .collect()
}

/// The terms of `text` as the index sees them in `lang` (normalised, stemmed,
/// stopwords kept), in order.
pub fn terms(lang: Lang, text: &str) -> Vec<String> {
    terms_of(analyzer_name(lang), text)
}

/// The terms of Kazakh `text` through the folded analyser (`kk_fold`).
pub fn terms_folded(text: &str) -> Vec<String> {
    terms_of(names::KK_FOLD, text)
}

/// Like [`terms`], without the stopwords of `lang` (checked on the normalised
/// word, before stemming): for comparing bags of terms across texts.
pub fn content_terms(lang: Lang, text: &str) -> Vec<String> {
    tokens(names::PLAIN, text)
        .expect("the plain analyser exists")
        .into_iter()
        .filter(|t| !stopwords::is_stopword(lang, &t.text))
        .map(|t| match StemLang::for_lang(lang) {
            Some(stemmer) => stemmer.stem(&t.text),
            None => t.text,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(name: &str, text: &str, expected: &[&str]) {
        let got = tokens(name, text).unwrap();
        for t in &got {
            assert!(text.is_char_boundary(t.offset_from) && text.is_char_boundary(t.offset_to));
        }
        let texts: Vec<&str> = got.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, expected, "{name} on {text:?}");
    }

    #[test]
    fn every_name_has_an_analyser() {
        for name in names::ALL {
            assert!(analyzer(name).is_some(), "{name}");
        }
        assert!(analyzer("nope").is_none());
    }

    #[test]
    fn filters_keep_offsets_of_the_original_text() {
        let text = "ƏЛЕУЕТІ Ёлки Zǒuchūqū";
        let got = tokens(names::KK, text).unwrap();
        let spans: Vec<(usize, usize)> = got.iter().map(|t| (t.offset_from, t.offset_to)).collect();
        let words: Vec<&str> = spans.iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(words, ["ƏЛЕУЕТІ", "Ёлки", "Zǒuchūqū"]);
        assert_eq!(got[2].text, "zouchuqu");
    }

    #[test]
    fn each_analyser() {
        check(
            names::PLAIN,
            "Мигранттардың Policies 走出去战略",
            &["мигранттардың", "policies", "走出", "出去", "去战", "战略"],
        );
        check(
            names::EN,
            "Migration policies of China",
            &["migrat", "polici", "of", "china"],
        );
        check(
            names::RU,
            "Миграционная политика Ёлки",
            &["миграцион", "политик", "елк"],
        );
        check(names::KK, "мигранттардың саясаты", &["мигрант", "саясат"]);
        check(names::KK_FOLD, "Қазақтың қытай", &["казак", "кытай"]);
    }

    /// The Kazakh field's analyser: each word's Kazakh term and, at the same
    /// position and offsets, its folded term where that differs; so what a
    /// query finds with either analyser, the index holds.
    #[test]
    fn the_kazakh_index_analyser_is_the_kazakh_terms_with_the_folded_ones_beside() {
        check(
            names::KK_INDEX,
            "Қазақтың мигранттары",
            &["қазақ", "казак", "мигрант"],
        );
        let text = "Мақалада Қытай мигранттардың шетелдегі әлеуеті сарапталады, казак";
        let both = tokens(names::KK_INDEX, text).unwrap();
        for (name, want_folded) in [(names::KK, false), (names::KK_FOLD, true)] {
            for t in tokens(name, text).unwrap() {
                let at: Vec<&Token> = both.iter().filter(|b| b.position == t.position).collect();
                assert!(
                    at.iter().any(|b| b.text == t.text
                        && b.offset_from == t.offset_from
                        && b.offset_to == t.offset_to),
                    "{name} term {:?} missing from {:?}",
                    t.text,
                    at
                );
                // The main term comes first, the folded one after it.
                assert_eq!(at[0].text == t.text, !want_folded || at.len() == 1);
            }
        }
    }

    #[test]
    fn han_query_found_inside_longer_run() {
        let doc = terms(Lang::En, "the 走出去战略 policy");
        for query in ["走出去", "战略"] {
            let q = terms(Lang::En, query);
            assert!(
                doc.windows(q.len()).any(|w| w == q.as_slice()),
                "{query}: {q:?} in {doc:?}"
            );
        }
    }

    #[test]
    fn folded_query_matches_kazakh_forms() {
        for (typed, written) in [
            ("казак", "қазақ"),
            ("кытай", "қытай"),
            ("казактын", "қазақтың"),
            ("кытайдагы", "қытайдағы"),
        ] {
            assert_eq!(
                stem_folded(typed),
                stem_folded(written),
                "{typed} vs {written}"
            );
        }
    }

    #[test]
    fn content_terms_drop_stopwords() {
        assert_eq!(
            content_terms(Lang::En, "The policy of China"),
            ["polici", "china"]
        );
        assert_eq!(
            content_terms(Lang::Kk, "Қазақстан және Қытай"),
            ["қазақстан", "қытай"]
        );
    }
}
