//! Property tests on arbitrary Unicode and on paper-like line soups:
//! segmentation is total, repair is idempotent, diagnostics point at char
//! boundaries of the input, in order, on the right line, and text fields hold
//! no line breaks.

use proptest::prelude::*;
use ushtil_segment::{Diagnostic, repair, segment_full};

/// Lines that exercise every rule: labels, headings, furniture, hyphens,
/// split ligatures, look-alikes, citations, odd Unicode.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("Introduction".to_string()),
        // Headings without a blank line around them (tight text).
        Just("Going Out Policy of China".to_string()),
        Just("Migration flows and their drivers".to_string()),
        Just("Ауыл жастарының еңбек көші-қоны".to_string()),
        Just("1. Кіріспе".to_string()),
        Just("ҚОРЫТЫНДЫ".to_string()),
        Just("Аңдатпа. Мақалада əлеуеті зерттеледі.".to_string()),
        Just("Ключевые слова: Китай; мигранты;".to_string()),
        Just("Key words: China, migration.".to_string()),
        Just("Назира Болдурукова¹*".to_string()),
        Just("¹Әл-Фараби атындағы ҚазҰУ, Алматы, Қазақстан".to_string()),
        Just("ISSN 1563-0285 ҚазҰУ Хабаршысы. №2 (74). 2016".to_string()),
        Just("УДК 94(510)".to_string()),
        Just("15".to_string()),
        Just("Список литературы".to_string()),
        Just("1. Иванов И.И. Книга. – Алматы, 2010. – 250 с.".to_string()),
        Just("the people got great profi t and infl uence [1, 3–5].".to_string()),
        Just("large-".to_string()),
        Just("за-".to_string()),
        Just("ff fi fl ffi ffl \u{FB01} \u{FB03}".to_string()),
        Just("рубежом и бiлiм".to_string()),
        Just("\u{00AD}\u{200B}\u{FEFF}\u{0301}\r\u{0C}\t".to_string()),
        "[a-zA-Zа-яәғқңөұүһі \\-\\.,\\[\\]0-9]{0,40}",
        any::<String>(),
    ]
}

fn paper_like() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..40).prop_map(|lines| lines.join("\n"))
}

/// The 1-based line of a byte offset, counting `\n`, `\r\n` and lone `\r`.
fn line_of(input: &str, offset: usize) -> usize {
    let before = &input.as_bytes()[..offset];
    let mut line = 1;
    for (i, &b) in before.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && before.get(i + 1) != Some(&b'\n')) {
            line += 1;
        }
    }
    line
}

fn check_diagnostics(input: &str, diagnostics: &[Diagnostic]) -> Result<(), TestCaseError> {
    let mut last = 0;
    for d in diagnostics {
        prop_assert!(d.offset <= input.len(), "{d:?} past the end");
        prop_assert!(
            input.is_char_boundary(d.offset),
            "{d:?} not on a char boundary"
        );
        prop_assert!(d.offset >= last, "diagnostics out of order at {d:?}");
        prop_assert_eq!(d.line, line_of(input, d.offset), "wrong line for {:?}", d);
        last = d.offset;
    }
    Ok(())
}

fn check_segmentation(input: &str) -> Result<(), TestCaseError> {
    let seg = segment_full(input);
    let p = &seg.paper;
    check_diagnostics(input, &p.diagnostics)?;
    let texts = p
        .titles
        .iter()
        .chain(&p.abstracts)
        .map(|t| t.text.as_str())
        .chain(p.authors.iter().map(String::as_str))
        .chain(
            p.keywords
                .iter()
                .flat_map(|k| k.terms.iter().map(String::as_str)),
        )
        .chain(p.sections.iter().map(|s| s.heading.as_str()))
        .chain(
            p.sections
                .iter()
                .flat_map(|s| s.paragraphs.iter().map(String::as_str)),
        )
        .chain(p.references.iter().map(String::as_str));
    for t in texts {
        prop_assert!(!t.contains(['\n', '\r']), "line break in {t:?}");
    }
    for c in &seg.citations {
        prop_assert!(c.section < p.sections.len());
        prop_assert!(c.paragraph < p.sections[c.section].paragraphs.len());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn segmentation_is_total_on_arbitrary_unicode(input in any::<String>()) {
        check_segmentation(&input)?;
    }

    #[test]
    fn segmentation_is_total_on_paper_like_text(input in paper_like()) {
        check_segmentation(&input)?;
    }

    #[test]
    fn repair_is_idempotent(input in paper_like()) {
        let (once, diagnostics) = repair(&input);
        check_diagnostics(&input, &diagnostics)?;
        let (twice, again) = repair(&once);
        prop_assert_eq!(&twice, &once);
        prop_assert!(again.is_empty(), "second repair still changed: {:?}", again);
    }

    #[test]
    fn repair_is_idempotent_on_arbitrary_unicode(input in any::<String>()) {
        let (once, _) = repair(&input);
        let (twice, _) = repair(&once);
        prop_assert_eq!(twice, once);
    }
}

#[test]
fn huge_single_line_and_only_punctuation() {
    let huge = "profi t за- ".repeat(50_000);
    let seg = segment_full(&huge);
    assert!(seg.paper.diagnostics.len() >= 50_000);
    let punct = ".,;:!?-–—«»()[]".repeat(1000);
    let _ = segment_full(&punct);
    let _ = segment_full("");
    let _ = segment_full("\n\n\n\u{0C}\r\n");
}
