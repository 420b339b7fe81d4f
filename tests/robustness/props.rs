//! Property tests across the crates on arbitrary Unicode: segmentation,
//! look-alike repair and detection never panic and keep their invariants,
//! and `ushtil search` answers any query with results or a message.

use std::sync::OnceLock;
use std::time::Duration;

use proptest::prelude::*;
use ushtil_lang::Lang;

use super::common::{index, search, write_papers};

/// Fragments of PDF-extracted trilingual text: ligature splits, line-end
/// hyphens, headings, keyword lines, look-alike letters, page furniture,
/// and the odd characters extraction leaves behind.
const FRAGMENTS: &[&str] = &[
    "profi t",
    "infl uence",
    "eff ect",
    "за-\nрубежом",
    "мигрант-\nтардың",
    "əлеуеті",
    "бiлiм",
    "Қытай",
    "мигранттар",
    "Ключевые слова:",
    "Түйін сөздер:",
    "Keywords:",
    "Introduction",
    "Кіріспе",
    "Введение",
    "References",
    "Әдебиеттер",
    "1.",
    "[12]",
    "УДК 314.7",
    "\u{c}",
    "\u{feff}",
    "\u{ad}",
    "\u{200b}",
    "\u{301}",
    "\u{2028}",
    "\r\n",
    "\n",
    "\n\n",
    " ",
    "  ",
    "\t",
    "«",
    "»",
    "—",
    "走出去",
    "Zǒuchūqū",
    "ﬁ",
    "ﬂ",
    "\u{0}",
    "\u{fffd}",
    "𝔘",
    "ا",
];

/// Text made of fragments and arbitrary characters.
fn pdf_like() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(FRAGMENTS).prop_map(str::to_string),
            1 => any::<String>(),
            1 => "[а-яәғқңөұүһі ]{1,20}",
            1 => "[a-z ]{1,20}",
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

/// Characters that break a line, for bounding diagnostic line numbers.
fn line_count(text: &str) -> usize {
    1 + text
        .chars()
        .filter(|c| {
            matches!(
                c,
                '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
            )
        })
        .count()
}

fn check_segment(text: &str) {
    let paper = ushtil_segment::segment(text);
    let lines = line_count(text);
    for d in &paper.diagnostics {
        assert!(
            (1..=lines).contains(&d.line),
            "diagnostic {d:?} points at line {} of a {lines}-line text",
            d.line
        );
    }
    let texts = paper
        .titles
        .iter()
        .chain(&paper.abstracts)
        .map(|t| t.text.as_str())
        .chain(
            paper
                .sections
                .iter()
                .flat_map(|s| s.paragraphs.iter().map(String::as_str)),
        );
    for t in texts {
        assert!(!t.contains('\n'), "a paragraph keeps a line break: {t:?}");
    }
}

fn check_repair(text: &str) {
    let (once, repairs) = ushtil_lang::lookalike::repair_text(text);
    let mut last_end = 0;
    for r in &repairs {
        assert!(
            r.start >= last_end && r.start < r.end && r.end <= text.len(),
            "{r:?}"
        );
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "{r:?}"
        );
        assert_eq!(&text[r.start..r.end], r.before);
        last_end = r.end;
    }
    let (twice, more) = ushtil_lang::lookalike::repair_text(&once);
    assert_eq!(twice, once, "repair is idempotent");
    assert!(
        more.is_empty(),
        "a repaired text needs no further repair: {more:?}"
    );
}

fn check_detect(text: &str) {
    let d = ushtil_lang::detect(text);
    assert!(
        d.confidence.is_finite() && (0.0..=1.0).contains(&d.confidence),
        "confidence {} for {text:?}",
        d.confidence
    );
    if !text.chars().any(char::is_alphabetic) {
        assert_eq!(
            d.lang,
            Lang::Und,
            "text without letters has no language: {text:?}"
        );
    }
}

fn check_tokens(text: &str) {
    for name in ushtil_lang::analysis::names::ALL {
        let tokens =
            ushtil_lang::analysis::tokens(name, text).expect("every listed name has an analyser");
        let (mut last_from, mut last_position) = (0, 0);
        for t in &tokens {
            assert!(
                t.offset_from < t.offset_to && t.offset_to <= text.len(),
                "{name}: token {t:?} outside {} bytes of {text:?}",
                text.len()
            );
            assert!(
                text.is_char_boundary(t.offset_from) && text.is_char_boundary(t.offset_to),
                "{name}: token {t:?} off a char boundary in {text:?}"
            );
            assert!(
                t.offset_from >= last_from,
                "{name}: tokens out of order in {text:?}: {tokens:?}"
            );
            assert!(
                t.position >= last_position,
                "{name}: positions go back in {text:?}: {tokens:?}"
            );
            assert!(!t.text.is_empty(), "{name}: an empty token in {text:?}");
            last_from = t.offset_from;
            last_position = t.position;
        }
    }
}

fn utf16_le_with_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        out.extend(unit.to_le_bytes());
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn segment_never_panics_on_pdf_like_text(text in pdf_like()) {
        check_segment(&text);
    }

    #[test]
    fn segment_never_panics_on_arbitrary_unicode(text in any::<String>()) {
        check_segment(&text);
    }

    #[test]
    fn repair_keeps_offsets_and_is_idempotent(text in pdf_like()) {
        check_repair(&text);
    }

    #[test]
    fn repair_is_idempotent_on_arbitrary_unicode(text in any::<String>()) {
        check_repair(&text);
    }

    #[test]
    fn detect_never_panics_and_bounds_confidence(text in pdf_like()) {
        check_detect(&text);
    }

    #[test]
    fn analysers_keep_offsets_on_char_boundaries_and_in_order(text in pdf_like()) {
        check_tokens(&text);
    }

    #[test]
    fn analysers_survive_arbitrary_unicode(text in any::<String>()) {
        check_tokens(&text);
    }

    #[test]
    fn decode_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(text) = ushtil_segment::decode(&bytes) {
            prop_assert!(!text.contains('\0'), "decoded text keeps a NUL");
        }
    }

    /// Valid UTF-8 is never reinterpreted, and the same text as UTF-16 with
    /// a byte-order mark decodes to the same string.
    #[test]
    fn decode_keeps_utf8_and_agrees_with_utf16(text in pdf_like()) {
        prop_assume!(!text.starts_with('\u{feff}'));
        let as_utf8 = ushtil_segment::decode(text.as_bytes());
        if let Ok(decoded) = &as_utf8 {
            prop_assert_eq!(decoded, &text);
        }
        let as_utf16 = ushtil_segment::decode(&utf16_le_with_bom(&text));
        prop_assert_eq!(as_utf8.is_ok(), as_utf16.is_ok(), "{:?} vs {:?}", as_utf8, as_utf16);
        if let (Ok(a), Ok(b)) = (&as_utf8, &as_utf16) {
            prop_assert_eq!(a, b);
        }
    }
}

/// Segmentation of a whole paper with damage spliced in at arbitrary places.
#[test]
fn segment_survives_the_reference_article_cut_anywhere() {
    let text = std::fs::read_to_string(
        crate::util::repo_root().join("corpus/going-out-policy-migration.txt"),
    )
    .unwrap();
    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(97).collect();
    for &cut in &bounds {
        check_segment(&text[..cut]);
        check_segment(&text[cut..]);
    }
}

/// An index of a few papers, built once for the query properties.
fn query_index() -> &'static std::path::Path {
    static DIR: OnceLock<(tempfile::TempDir, std::path::PathBuf)> = OnceLock::new();
    let (_, index_dir) = DIR.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let index_dir = tmp.path().join("index");
        write_papers(&tmp.path().join("corpus"), 5);
        index(
            &[tmp.path().join("corpus")],
            &index_dir,
            &[],
            Duration::from_secs(300),
        )
        .assert_code(0);
        (tmp, index_dir)
    });
    index_dir
}

/// Query syntax at its most hostile: operators, quotes and brackets out of
/// place, field prefixes, wildcards, and text from every script.
fn hostile_query() -> impl Strategy<Value = String> {
    let parts = prop_oneof![
        prop::sample::select(
            &[
                "\"",
                "(",
                ")",
                "[",
                "]",
                "{",
                "}",
                "AND",
                "OR",
                "NOT",
                "-",
                "+",
                "*",
                "?",
                "~",
                "^2",
                ":",
                "title:",
                "body:",
                "lang:kk",
                "\\",
                "/",
                "!",
                "&&",
                "||",
                " TO ",
                "IN [",
                "мигрантов",
                "Қытай",
                "profit",
                "走出去",
                "zouchuqu",
                "əлеуеті",
                " ",
                "''",
            ][..]
        )
        .prop_map(str::to_string),
        "[^\u{0}]{0,8}",
    ];
    prop::collection::vec(parts, 0..12).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Every query gets an answer or a message: exit 0 with JSON, or exit 2
    /// with a one-line reason; never a panic.
    #[test]
    fn any_query_gets_an_answer_or_a_message(query in hostile_query()) {
        let out = search(query_index(), &query, 5);
        out.assert_no_panic();
        match out.code() {
            Some(0) => {
                let answer: serde_json::Value = serde_json::from_str(out.stdout.trim())
                    .unwrap_or_else(|e| panic!("query {query:?}: no JSON ({e}): {}", out.stdout));
                prop_assert!(answer["total"].is_u64(), "query {query:?}: {answer}");
            }
            Some(2) => prop_assert!(
                out.stderr.contains("query"),
                "query {query:?}: an error that is not about the query: {}",
                out.stderr
            ),
            other => prop_assert!(false, "query {query:?}: exit {other:?}: {}", out.stderr),
        }
    }
}

/// Regression: a query of dashes (`--`, which the hostile strategy can
/// put together) is punctuation only: the query is empty, and says so.
#[test]
fn a_query_of_dashes_is_empty_and_says_so() {
    for query in ["--", "- -", "+"] {
        let out = search(query_index(), query, 5);
        out.assert_no_panic();
        assert_eq!(out.code(), Some(2), "{query:?}: {}", out.stdout);
        assert!(
            out.stderr.contains("the query is empty"),
            "{query:?}: {}",
            out.stderr
        );
    }
}

/// Regression: 2,000 nested parentheses overflowed the stack of `ushtil
/// search` (tantivy's recursive query grammar), aborting the process; in the
/// server one such request would end every user's session. A query that
/// deep gets an answer or a message, like any other.
#[test]
fn deeply_nested_query_gets_a_message_not_a_stack_overflow() {
    for depth in [2_000, 20_000] {
        let query = format!("{}Kazakhstan{}", "(".repeat(depth), ")".repeat(depth));
        let out = search(query_index(), &query, 5);
        out.assert_no_panic();
        assert!(
            matches!(out.code(), Some(0 | 2)),
            "depth {depth}: exit {:?}: {}",
            out.code(),
            super::common::tail(&out.stderr)
        );
    }
}

/// Long queries (thousands of words, thousands of OR clauses, a 100 KB
/// phrase) are answered or refused with a message, in bounded time.
#[test]
fn very_long_queries_are_answered_or_refused() {
    let words = vec!["migration"; 5_000].join(" ");
    let clauses: Vec<String> = (0..3_000).map(super::common::unique_token).collect();
    let phrase = format!("\"{}\"", "labour export ".repeat(7_000));
    for query in [words, clauses.join(" OR "), phrase] {
        let out = search(query_index(), &query, 5);
        out.assert_no_panic();
        assert!(
            matches!(out.code(), Some(0 | 2)),
            "a {}-byte query: exit {:?}: {}",
            query.len(),
            out.code(),
            super::common::tail(&out.stderr)
        );
    }
}
