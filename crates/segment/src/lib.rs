//! Repairs PDF-extraction damage and segments a journal paper into a
//! structured, trilingual [`Paper`].
//!
//! PLACEHOLDER entry point: [`segment`] returns an empty paper until the
//! segmenter lands.

pub mod decode;
mod model;

pub use decode::{DecodeError, decode};

pub use model::{Diagnostic, DiagnosticKind, Keywords, LangText, Paper, Section};
pub use ushtil_lang::Lang;

/// Repairs and segments one paper's extracted text. Never fails: whatever the
/// input, it returns a paper and the diagnostics of what it repaired.
pub fn segment(text: &str) -> Paper {
    let _ = text;
    Paper::default()
}
