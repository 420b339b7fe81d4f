//! The structured paper: what segmentation produces and everything downstream
//! (index, comparison, web page) consumes. Its JSON form is a public interface.

use serde::{Deserialize, Serialize};
use ushtil_lang::Lang;

/// One paper, segmented. Every text field holds repaired text, with the line
/// breaks inside a paragraph joined by single spaces.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Paper {
    pub titles: Vec<LangText>,
    pub authors: Vec<String>,
    pub abstracts: Vec<LangText>,
    pub keywords: Vec<Keywords>,
    pub sections: Vec<Section>,
    pub references: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A piece of text in one language (a title, an abstract).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LangText {
    pub lang: Lang,
    pub text: String,
}

/// One language's keyword list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Keywords {
    pub lang: Lang,
    pub terms: Vec<String>,
}

/// A section of the body: its heading and paragraphs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub heading: String,
    pub lang: Lang,
    pub paragraphs: Vec<String>,
}

/// One repair or observation, so a user can see why `profi t` became `profit`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub kind: DiagnosticKind,
    /// 1-based line of the input where the repair starts.
    pub line: usize,
    /// Byte offset in the input where the repaired text starts (always on a
    /// char boundary; diagnostics are sorted by it).
    #[serde(default)]
    pub offset: usize,
    pub before: String,
    pub after: String,
}

/// What kind of repair or observation a [`Diagnostic`] records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiagnosticKind {
    /// A split ligature joined (`profi t` → `profit`).
    Ligature,
    /// A line-end hyphen removed because it only split a word.
    Hyphenation,
    /// A line-end hyphen kept, without the line break, because it is part of
    /// the word (`large-`/`scale` → `large-scale`).
    HyphenKept,
    /// A Latin look-alike letter inside a Cyrillic word mapped to Cyrillic.
    Lookalike,
    /// A paragraph cut by a page or column break rejoined.
    ParagraphJoin,
    /// Page furniture removed (running header, page number, UDC code).
    Furniture,
}

/// A paper with what the segmenter found beside the [`Paper`] itself: the
/// JSON of `ushtil segment --json` (the paper's keys, then these).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Segmentation {
    #[serde(flatten)]
    pub paper: Paper,
    /// Affiliation lines of the bylines, repaired, in order.
    #[serde(default)]
    pub affiliations: Vec<String>,
    /// Classification codes above the title (`УДК 94(510)`, `МРНТИ 03.20.00`).
    #[serde(default)]
    pub codes: Vec<String>,
    /// Numbered citations in the body: which paragraph cites which references.
    #[serde(default)]
    pub citations: Vec<Citation>,
}

/// One bracketed citation (`[1]`, `[3, 5]`, `[12–14]`, `[7, p. 25]`) in a paragraph.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Citation {
    /// Index into `sections` (0-based).
    pub section: usize,
    /// Index into that section's `paragraphs` (0-based).
    pub paragraph: usize,
    /// The reference numbers cited, ranges expanded, in order.
    pub numbers: Vec<u32>,
}
