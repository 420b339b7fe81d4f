//! The paper record: the [`Paper`] a `paper` document keeps, without the
//! texts its segment documents store already.
//!
//! Every title, abstract, paragraph and reference that is not blank becomes
//! a segment document holding its text; the record keeps [`IN_SEGMENT`] in
//! its place, and [`reassemble`] puts the segments' texts back, kind by kind,
//! in the order they were written. Keeping the whole text in the record as
//! well doubled the stored bytes: half the document store, compressed at
//! every commit and copied at every merge.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};
use ushtil_segment::{Diagnostic, DiagnosticKind, LangText, Paper, Section};

use crate::schema::Kind;

/// What stands in a record for a text kept by a segment document. Not a
/// blank text, so it cannot be taken for a text that was left unindexed.
const IN_SEGMENT: &str = "\u{0}";

/// Whether a text of a paper becomes a segment document (blank ones do not).
pub(crate) fn is_indexed(text: &str) -> bool {
    !text.trim().is_empty()
}

/// The record of `paper`: the paper with each text that a segment document
/// keeps replaced by [`IN_SEGMENT`]. Keywords stay whole (a keywords
/// segment is the terms joined, not a text of the paper).
pub(crate) fn skeleton(paper: &Paper) -> Paper {
    let mark = |text: &String| {
        if is_indexed(text) {
            IN_SEGMENT.to_string()
        } else {
            text.clone()
        }
    };
    let lang_texts = |texts: &[LangText]| {
        texts
            .iter()
            .map(|t| LangText {
                lang: t.lang,
                text: mark(&t.text),
            })
            .collect()
    };
    Paper {
        titles: lang_texts(&paper.titles),
        authors: paper.authors.clone(),
        abstracts: lang_texts(&paper.abstracts),
        keywords: paper.keywords.clone(),
        sections: paper
            .sections
            .iter()
            .map(|s| Section {
                heading: s.heading.clone(),
                lang: s.lang,
                paragraphs: s.paragraphs.iter().map(mark).collect(),
            })
            .collect(),
        references: paper.references.iter().map(mark).collect(),
        // Written beside the skeleton, compactly (see [`to_json`]).
        diagnostics: Vec::new(),
    }
}

/// A record as stored: the skeleton, and the paper's repairs beside it as
/// `[kind, line, offset, before, after]` arrays. Keyed objects repeated the
/// five keys of every repair (a synthetic paper has 160 repairs, and their
/// JSON was nearly as long as its text).
#[derive(Serialize)]
struct RecordOut<'a> {
    #[serde(flatten)]
    skeleton: &'a Paper,
    repairs: Vec<RepairOut<'a>>,
}

#[derive(Serialize)]
struct RepairOut<'a>(DiagnosticKind, usize, usize, &'a str, &'a str);

#[derive(Deserialize)]
struct RecordIn {
    #[serde(flatten)]
    skeleton: Paper,
    /// Absent from records written before the repairs moved out of the
    /// skeleton (theirs are in the skeleton's `diagnostics`).
    #[serde(default)]
    repairs: Vec<RepairIn>,
}

#[derive(Deserialize)]
struct RepairIn(DiagnosticKind, usize, usize, String, String);

/// The JSON of `paper`'s record ([`skeleton`] and repairs).
pub(crate) fn to_json(paper: &Paper) -> String {
    let skeleton = skeleton(paper);
    let record = RecordOut {
        skeleton: &skeleton,
        repairs: paper
            .diagnostics
            .iter()
            .map(|d| RepairOut(d.kind, d.line, d.offset, &d.before, &d.after))
            .collect(),
    };
    serde_json::to_string(&record).expect("a record always serialises")
}

/// The skeleton a record's JSON holds, with its repairs, or why it does not
/// parse.
pub(crate) fn from_json(json: &str) -> Result<Paper, String> {
    let record: RecordIn = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let mut paper = record.skeleton;
    if !record.repairs.is_empty() {
        paper.diagnostics = record
            .repairs
            .into_iter()
            .map(|RepairIn(kind, line, offset, before, after)| Diagnostic {
                kind,
                line,
                offset,
                before,
                after,
            })
            .collect();
    }
    Ok(paper)
}

/// The paper a record stands for: `record` (from [`skeleton`], or a whole
/// paper as older versions wrote it) with the texts of its segment
/// documents, `(kind, text)` in the order they were written, put back.
/// An error says what is missing.
pub(crate) fn reassemble(
    mut record: Paper,
    segments: impl IntoIterator<Item = (Kind, String)>,
) -> Result<Paper, String> {
    let mut queues: [VecDeque<String>; 4] = Default::default();
    let slot = |kind: Kind| match kind {
        Kind::Title => Some(0),
        Kind::Abstract => Some(1),
        Kind::Body => Some(2),
        Kind::References => Some(3),
        Kind::Keywords | Kind::Authors | Kind::Affiliations | Kind::Codes | Kind::Paper => None,
    };
    for (kind, text) in segments {
        if let Some(i) = slot(kind) {
            queues[i].push_back(text);
        }
    }
    let mut fill = |i: usize, kind: Kind, text: &mut String| -> Result<(), String> {
        if text == IN_SEGMENT {
            *text = queues[i]
                .pop_front()
                .ok_or_else(|| format!("a {kind} segment of the paper is missing"))?;
        }
        Ok(())
    };
    for t in &mut record.titles {
        fill(0, Kind::Title, &mut t.text)?;
    }
    for a in &mut record.abstracts {
        fill(1, Kind::Abstract, &mut a.text)?;
    }
    for p in record.sections.iter_mut().flat_map(|s| &mut s.paragraphs) {
        fill(2, Kind::Body, p)?;
    }
    for r in &mut record.references {
        fill(3, Kind::References, r)?;
    }
    Ok(record)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::TestCaseError;
    use ushtil_lang::Lang;
    use ushtil_segment::Keywords;

    /// The segments `paper_docs` writes for a paper: (kind, text), in order.
    fn segments(paper: &Paper) -> Vec<(Kind, String)> {
        let mut out = Vec::new();
        let mut add = |kind, text: &str| {
            if is_indexed(text) {
                out.push((kind, text.to_string()));
            }
        };
        for t in &paper.titles {
            add(Kind::Title, &t.text);
        }
        if !paper.authors.is_empty() {
            add(Kind::Authors, &paper.authors.join(", "));
        }

        for a in &paper.abstracts {
            add(Kind::Abstract, &a.text);
        }
        for k in &paper.keywords {
            add(Kind::Keywords, &k.terms.join(", "));
        }
        for p in paper.sections.iter().flat_map(|s| &s.paragraphs) {
            add(Kind::Body, p);
        }
        for r in &paper.references {
            add(Kind::References, r);
        }
        out
    }

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just(" \n".to_string()),
            Just("\u{0}".to_string()),
            "\\PC{0,12}",
        ]
    }

    fn lang_text() -> impl Strategy<Value = LangText> {
        text().prop_map(|text| LangText {
            lang: Lang::Kk,
            text,
        })
    }

    fn diagnostic() -> impl Strategy<Value = Diagnostic> {
        (
            prop_oneof![
                Just(DiagnosticKind::Ligature),
                Just(DiagnosticKind::Hyphenation),
                Just(DiagnosticKind::Lookalike),
            ],
            0..10_000usize,
            0..1_000_000usize,
            text(),
            text(),
        )
            .prop_map(|(kind, line, offset, before, after)| Diagnostic {
                kind,
                line,
                offset,
                before,
                after,
            })
    }

    fn paper() -> impl Strategy<Value = Paper> {
        (
            proptest::collection::vec(lang_text(), 0..3),
            proptest::collection::vec(lang_text(), 0..3),
            proptest::collection::vec(proptest::collection::vec(text(), 0..3), 0..3),
            proptest::collection::vec(text(), 0..3),
            proptest::collection::vec(text(), 0..2),
            proptest::collection::vec(diagnostic(), 0..3),
        )
            .prop_map(
                |(titles, abstracts, sections, references, terms, diagnostics)| Paper {
                    titles,
                    abstracts,
                    keywords: vec![Keywords {
                        lang: Lang::Ru,
                        terms,
                    }],
                    sections: sections
                        .into_iter()
                        .map(|paragraphs| Section {
                            heading: "Кіріспе".into(),
                            lang: Lang::Kk,
                            paragraphs,
                        })
                        .collect(),
                    references,
                    authors: vec!["A. Author".into()],
                    diagnostics,
                },
            )
    }

    proptest! {
        /// The record, stored as JSON, and the segments give back the paper,
        /// whatever its texts (blank, empty, or the placeholder itself) and
        /// its repairs.
        #[test]
        fn a_record_and_its_segments_give_back_the_paper(paper in paper()) {
            let record = from_json(&to_json(&paper)).map_err(TestCaseError::fail)?;
            prop_assert_eq!(reassemble(record, segments(&paper)), Ok(paper));
        }
    }

    #[test]
    fn a_record_writes_its_repairs_as_arrays_and_reads_those_written_as_objects() {
        let repair = Diagnostic {
            kind: DiagnosticKind::Ligature,
            line: 3,
            offset: 40,
            before: "profi t".into(),
            after: "profit".into(),
        };
        let paper = Paper {
            diagnostics: vec![repair.clone()],
            ..Paper::default()
        };
        let json = to_json(&paper);
        assert!(
            json.contains(r#""repairs":[["ligature",3,40,"profi t","profit"]]"#),
            "{json}"
        );
        assert!(!json.contains("\"before\""), "{json}");
        // A record written before schema 6 kept its repairs in the skeleton.
        let old = serde_json::to_string(&paper).unwrap();
        assert_eq!(from_json(&old), Ok(paper));
        assert!(from_json("{\"titles\": 7}").is_err());
    }

    #[test]
    fn the_record_keeps_no_indexed_text() {
        let paper = Paper {
            titles: vec![LangText {
                lang: Lang::En,
                text: "Labour migration".into(),
            }],
            references: vec!["Smith 2010".into(), " ".into()],
            ..Paper::default()
        };
        let json = serde_json::to_string(&skeleton(&paper)).unwrap();
        assert!(
            !json.contains("Labour") && !json.contains("Smith"),
            "{json}"
        );
        // A whole paper (as older versions wrote records) reads as itself.
        assert_eq!(reassemble(paper.clone(), []), Ok(paper.clone()));
        // A missing segment is an error, not a wrong paper.
        let err = reassemble(skeleton(&paper), [(Kind::Title, "Labour migration".into())]);
        assert_eq!(
            err,
            Err("a references segment of the paper is missing".into())
        );
    }
}
