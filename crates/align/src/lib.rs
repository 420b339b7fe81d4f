//! Cross-language comparison of a paper's Kazakh, Russian and English
//! titles, abstracts and keywords.
//!
//! - [`compare()`] builds a [`Comparison`]: sentence alignment between each pair
//!   of abstracts ([`dp`]), keyword alignment across the three lists, and the
//!   flags an editor acts on (missing abstract or keywords, unmatched keyword,
//!   numbers in one language only, a much shorter abstract, titles whose terms
//!   do not correspond).
//! - The evidence: [`translit`] (Cyrillic ↔ Latin, cognate keys), [`glossary`]
//!   (curated triples in `corpus/glossary.tsv` and a [`Miner`] of translations
//!   from aligned text), [`score`] (evidence plus Gale–Church length).
//! - [`expand_query`] turns a query into its translations for `search --cross`;
//!   [`retrieve`] matches the lines of two parallel files (`ushtil align`).
//!
//! ```
//! use ushtil_align::{Glossary, compare};
//! use ushtil_segment::{LangText, Lang, Paper};
//!
//! let paper = Paper {
//!     abstracts: vec![
//!         LangText { lang: Lang::Kk, text: "Қытай мигранттары зерттеледі.".into() },
//!         LangText { lang: Lang::Ru, text: "Исследуются китайские мигранты.".into() },
//!     ],
//!     ..Paper::default()
//! };
//! let c = compare(&paper, &Glossary::curated());
//! assert_eq!(c.sentence_links.len(), 1);
//! ```

pub mod compare;
pub mod dp;
pub mod eval;
pub mod expand;
pub mod glossary;
pub mod retrieve;
pub mod score;
pub mod text;
pub mod translit;

pub use compare::{
    AbstractSide, Comparison, Evidence, Flag, FlagKind, KeywordLink, KeywordSide, SentenceLink,
    TitleSide, compare, mine,
};
pub use expand::expand_query;
pub use glossary::{Entry, Glossary, GlossaryError, Miner};
