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

/// A Kazakh-first paper whose blank lines were lost: each title, in
/// sentence case (kk, ru, the Russian one with years in it) or title case
/// (en), runs straight into its abstract and is told from it.
#[test]
fn kk_tight_front_matter() {
    check("kk_tight_front_matter");
}

/// The reference article with every blank line taken out, as some
/// extractors and copy-paste from a PDF viewer give it, keeps its titles,
/// abstracts, keywords and section headings: the same, in the same order,
/// as the article as shipped. (Paragraphs whose last line runs the full
/// width stay joined to the next.)
#[test]
fn reference_article_without_blank_lines_keeps_its_structure() {
    let input =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/going-out-policy-migration.txt");
    let text = ushtil_segment::decode(&std::fs::read(input).unwrap()).unwrap();
    let tight = ushtil_segment::without_blank_lines(&text);
    let outline = |text: &str| {
        let paper = ushtil_segment::segment(text);
        let headings: Vec<String> = paper
            .sections
            .iter()
            .filter(|s| !s.heading.is_empty())
            .map(|s| s.heading.clone())
            .collect();
        (
            paper.titles,
            paper.abstracts,
            paper.keywords,
            paper.authors,
            headings,
        )
    };
    let shipped = outline(&text);
    assert_eq!(shipped.0.len(), 3, "titles: {:?}", shipped.0);
    assert_eq!(shipped.1.len(), 3, "abstracts: {:?}", shipped.1);
    assert_eq!(shipped.4.len(), 5, "headings: {:?}", shipped.4);
    let flattened = outline(&tight);
    assert_eq!(flattened.0, shipped.0, "titles");
    assert_eq!(flattened.1, shipped.1, "abstracts");
    assert_eq!(flattened.2, shipped.2, "keywords");
    assert_eq!(flattened.3, shipped.3, "authors");
    assert_eq!(flattened.4, shipped.4, "section headings");
}

/// Translated abstracts after a body with no reference list: found by
/// their labels as after one, not read as the last section's paragraphs.
#[test]
fn ru_back_abstracts_no_references() {
    check("ru_back_abstracts_no_references");
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
