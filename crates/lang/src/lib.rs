//! Language identification, normalisation, tokenisation and stemming for
//! Kazakh, Russian and English.
//!
//! The crate has two halves:
//! - [`detect`](mod@detect): the closed-set detector (`kk`, `ru`, `en`, or `und`),
//!   whatlang for what it does well plus our own Kazakh layer;
//! - analysis: tokeniser, normaliser, stemmers and stopwords, exposed as
//!   tantivy tokenizers registered by name.

mod language;

pub mod analysis;
pub mod case;
pub mod detect;
pub mod lookalike;
mod memo;

pub use detect::{Detection, Detector, DetectorBuilder, detect};
pub use language::{Lang, ParseLangError};
