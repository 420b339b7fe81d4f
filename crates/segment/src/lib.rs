//! Repairs PDF-extraction damage and segments a journal paper into a
//! structured, trilingual [`Paper`].
//!
//! Input is the text extracted from one paper's PDF (see [`decode()`] for the
//! bytes). Segmentation never fails: whatever the input, [`segment`] returns a
//! paper and the [`Diagnostic`]s of what it repaired or removed, each with the
//! 1-based input line and byte offset where it happened.
//!
//! ```
//! let text = "Migration Aspect of the Going Out Policy\n\n\
//!             The article examines the infl uence of migrants.\n\
//!             Назира Болдурукова\n\n\
//!             Introduction\n\n\
//!             Political reforms started in China from 1978 [1].\n";
//! let paper = ushtil_segment::segment(text);
//! assert_eq!(paper.titles[0].text, "Migration Aspect of the Going Out Policy");
//! assert_eq!(paper.authors, ["Назира Болдурукова"]);
//! assert_eq!(paper.abstracts[0].text, "The article examines the influence of migrants.");
//! assert_eq!(paper.sections[0].heading, "Introduction");
//! ```
//!
//! # Layouts understood
//!
//! The papers are those of Kazakhstan's university journals (KazNU Bulletin /
//! Хабаршы / Вестник and its peers), extracted by pdftotext:
//!
//! - **Front matter**, in any language order (en–kk–ru as in the reference
//!   article, or kk–ru–en, ru–kk–en): per language a title (one or more lines,
//!   possibly in capitals), a byline (`Назира Болдурукова`, `Болдурукова Н.Б.¹*,
//!   Смагулов А.²`), affiliation lines (`¹Әл-Фараби атындағы ҚазҰУ, Алматы,
//!   Қазақстан`; kept apart, never authors), an abstract — labelled
//!   (`Аңдатпа`, `Түйіндеме`, `Аннотация`, `Резюме`, `Abstract`, `Summary`) or
//!   not — and a keyword list (`Түйін сөздер`, `Түйінді сөздер`, `Кілт сөздер`,
//!   `Ключевые слова`, `Key words`, `Keywords`; comma or semicolon separated).
//!   Classification codes (`УДК`, `ӘОЖ`, `МРНТИ`, `ГРНТИ`, `IRSTI`) above the title
//!   are furniture and kept in [`Segmentation::codes`].
//! - **Body** from the first body heading (`Introduction`, `Кіріспе`,
//!   `Введение`, `1. …`) or, without one, after the last keyword list. Headings
//!   are cue words from [`tables::HEADING_CUES`], numbered lines (`1.
//!   Introduction`, `2 Кіріспе`, `3.1 Data`), lines in capitals, short
//!   title-case lines, or a short line on its own before a new paragraph; a
//!   heading may run over up to three lines. Paragraphs are separated by blank
//!   lines or, in tight extractions without them, by a sentence-final line
//!   well short of the usual width.
//! - **Reference list** after `References`, `Әдебиеттер (тізімі)`,
//!   `Литература`, `Список литературы` …: numbered entries (`1.`, `1 `, `[1]`)
//!   with their continuation lines, or blank-separated/one-per-line entries.
//! - **Back matter**: the translated titles, bylines, abstracts and keywords
//!   some journals print after the references.
//! - **Furniture** anywhere: page numbers (even mid-sentence, a line on their
//!   own), running headers (`ISSN 1563-0285 ҚазҰУ Хабаршысы. Вестник КазНУ.
//!   Bulletin. №2 (74). 2016`), DOI, copyright, e-mail and dates of receipt.
//!
//! # Repairs
//!
//! - Lines of a paragraph are joined by single spaces; a line-end hyphen is
//!   removed when it only split a word (`за-`/`рубежом` → `зарубежом`) and kept
//!   when it belongs to the word (`large-`/`scale`, `re-`/`emigrants`,
//!   `January-`/`August`). The document's own vocabulary decides first, then
//!   the tables in [`tables`].
//! - Split ligatures are joined (`profi t` → `profit`) unless both sides are
//!   real words and the document never writes them joined (`off the`).
//! - Latin look-alike letters inside Cyrillic words become Cyrillic, with the
//!   shared table of `ushtil_lang::lookalike`.
//! - Paragraphs cut by a page or column break (no sentence end, and the next
//!   block starts in lower case or the cut is after a comma or a function
//!   word) are rejoined.
//!
//! Language tags come from `ushtil_lang::detect`, except where a label names
//! the language (`Аңдатпа` → kk, `Ключевые слова` → ru).

pub mod decode;
mod lines;
mod model;
mod segmenter;
pub mod tables;
mod text;

pub use decode::{DecodeError, decode};
pub use lines::leading_label;
pub use model::{
    Citation, Diagnostic, DiagnosticKind, Keywords, LangText, Paper, Section, Segmentation,
};
pub use text::may_be_split_ligature;
pub use ushtil_lang::Lang;

/// Repairs and segments one paper's extracted text. Never fails: whatever the
/// input, it returns a paper and the diagnostics of what it repaired.
pub fn segment(text: &str) -> Paper {
    segment_full(text).paper
}

/// Like [`segment`], with what the segmenter found beside the paper:
/// affiliations, classification codes and citations.
pub fn segment_full(text: &str) -> Segmentation {
    segmenter::segment_full(text)
}

/// Repairs one piece of text as a single paragraph: lines joined (line-end
/// hyphens removed or kept), split ligatures joined, look-alike letters mapped;
/// returns the text and the diagnostics, which point into `text`.
/// Repairing the result again changes nothing.
pub fn repair(text: &str) -> (String, Vec<Diagnostic>) {
    text::repair(text)
}

/// `text` with its blank lines taken out, as some extractors and copy-paste
/// from a PDF viewer give a paper: the damage the segmenter's rules for
/// text without blank lines answer, and what `ushtil eval segment` and the
/// index's pipeline fingerprint segment a paper again with.
pub fn without_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        out.push_str(line);
        out.push('\n');
    }
    out
}
