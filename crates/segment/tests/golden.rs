//! Golden tests: each `test_data/<case>.txt` is segmented and compared with
//! `test_data/<case>.expected.json`. `UPDATE_EXPECT=1 cargo test -p
//! ushtil-segment --test golden` rewrites the expected files for review.

use std::path::{Path, PathBuf};

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data")
}

/// Segments `input` and compares the JSON with `expected_path`.
fn check_file(input: &Path, expected_path: &Path) {
    let text = std::fs::read(input).unwrap();
    let text = ushtil_segment::decode(&text).unwrap();
    let seg = ushtil_segment::segment_full(&text);
    let actual = serde_json::to_string_pretty(&seg).unwrap() + "\n";
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(expected_path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(expected_path).unwrap_or_else(|_| {
        panic!(
            "missing {}: run UPDATE_EXPECT=1 cargo test -p ushtil-segment --test golden, then review it",
            expected_path.display()
        )
    });
    if actual != expected {
        let diff_line = actual
            .lines()
            .zip(expected.lines())
            .position(|(a, e)| a != e)
            .unwrap_or(actual.lines().count().min(expected.lines().count()));
        panic!(
            "{} differs from {} at line {}:\n  actual:   {}\n  expected: {}\n(UPDATE_EXPECT=1 rewrites it; review the diff)",
            input.display(),
            expected_path.display(),
            diff_line + 1,
            actual.lines().nth(diff_line).unwrap_or("<end>"),
            expected.lines().nth(diff_line).unwrap_or("<end>"),
        );
    }
}

fn check(case: &str) {
    let dir = data_dir();
    check_file(
        &dir.join(format!("{case}.txt")),
        &dir.join(format!("{case}.expected.json")),
    );
}

#[test]
fn reference_article() {
    let input =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/going-out-policy-migration.txt");
    check_file(
        &input,
        &data_dir().join("going-out-policy-migration.expected.json"),
    );
}

#[test]
fn kaznu_kk_first() {
    check("kaznu_kk_first");
}

#[test]
fn ru_first_back_abstracts() {
    check("ru_first_back_abstracts");
}

#[test]
fn en_numbered_headings() {
    check("en_numbered_headings");
}

#[test]
fn kk_caps_headings() {
    check("kk_caps_headings");
}

#[test]
fn kk_numbered_back_abstracts() {
    check("kk_numbered_back_abstracts");
}

#[test]
fn ru_caps_title_wrapped_keywords() {
    check("ru_caps_title_wrapped_keywords");
}

#[test]
fn en_unlabelled_bibliography() {
    check("en_unlabelled_bibliography");
}

#[test]
fn kk_rezyume_citations() {
    check("kk_rezyume_citations");
}

#[test]
fn ru_kk_en_plain() {
    check("ru_kk_en_plain");
}

#[test]
fn ru_tight_no_blank_lines() {
    check("ru_tight_no_blank_lines");
}

/// Text whose blank lines were lost, with headings in title case (one of
/// them over two lines) and in sentence case between its paragraphs: each
/// heading opens its section. A paragraph whose last line runs the full
/// width is not told from the next one, and stays joined to it.
#[test]
fn en_tight_mixed_case_headings() {
    check("en_tight_mixed_case_headings");
}

/// The reference article with every blank line taken out, as some
/// extractors and copy-paste from a PDF viewer give it, keeps its section
/// headings: the same headings, in the same order, as the article as shipped.
#[test]
fn reference_article_without_blank_lines_keeps_its_headings() {
    let input =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/going-out-policy-migration.txt");
    let text = ushtil_segment::decode(&std::fs::read(input).unwrap()).unwrap();
    let tight: String = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    let headings = |text: &str| -> Vec<String> {
        let paper = ushtil_segment::segment(text);
        paper
            .sections
            .iter()
            .filter(|s| !s.heading.is_empty())
            .map(|s| s.heading.clone())
            .collect()
    };
    let shipped = headings(&text);
    assert_eq!(shipped.len(), 5, "{shipped:?}");
    assert_eq!(headings(&tight), shipped);
}

/// Keyword lists wrapped onto a second line (en, ru with commas, kk with
/// semicolons and a capitalised continuation): the last term of the first line
/// joins the first term of the next (`foreign` + `trade`).
#[test]
fn wrapped_keyword_lists() {
    check("wrapped_keyword_lists");
}

/// `Аннотация:` opens a Kazakh abstract as well as a Russian one: each is
/// tagged by its text, not by the label.
#[test]
fn kk_annotatsiya_label() {
    check("kk_annotatsiya_label");
}

/// Every case in `test_data/` has a test above.
#[test]
fn every_case_is_checked() {
    let listed = include_str!("golden.rs");
    for entry in std::fs::read_dir(data_dir()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if let Some(case) = name.strip_suffix(".txt") {
            assert!(
                listed.contains(&format!("check(\"{case}\")")),
                "test_data/{name} has no golden test"
            );
        }
    }
}
