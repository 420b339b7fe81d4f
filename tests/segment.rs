//! `ushtil segment`: the reference article's structure and repairs as the
//! issue lists them, the outline, and one-line errors for bad files.

use serde_json::Value;

use crate::util::{repo_root, run};

const ARTICLE: &str = "corpus/going-out-policy-migration.txt";

fn article_json() -> Value {
    let out = run(&["segment", ARTICLE, "--json"], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("--json prints JSON")
}

fn texts<'a>(v: &'a Value, key: &str) -> Vec<(&'a str, &'a str)> {
    v[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["lang"].as_str().unwrap(), x["text"].as_str().unwrap()))
        .collect()
}

fn body(v: &Value) -> Vec<String> {
    v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["paragraphs"].as_array().unwrap())
        .map(|p| p.as_str().unwrap().to_string())
        .collect()
}

fn diagnostics<'a>(v: &'a Value, kind: &str) -> Vec<&'a Value> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == kind)
        .collect()
}

#[test]
fn reference_article_titles_author_abstracts_keywords() {
    let v = article_json();
    assert_eq!(
        texts(&v, "titles"),
        [
            (
                "en",
                "Migration Aspect in the Realization of the Chinese «Going Out Policy» Strategy"
            ),
            (
                "kk",
                "«Саясаттан тыс болу» қытайлық стратегияның жүзеге асуының миграциялық аспектісі"
            ),
            (
                "ru",
                "Миграционный аспект в реализации китайской стратегии «Быть вне политики»"
            ),
        ]
    );
    assert_eq!(v["authors"], serde_json::json!(["Назира Болдурукова"]));
    let abstracts = texts(&v, "abstracts");
    let langs: Vec<&str> = abstracts.iter().map(|a| a.0).collect();
    assert_eq!(langs, ["en", "kk", "ru"]);
    assert!(
        abstracts[0]
            .1
            .starts_with("The article examines the potential")
    );
    assert!(
        abstracts[1]
            .1
            .contains("диаспораларының әлеуеті сарапталады")
    );
    assert!(abstracts[2].1.contains("китайских предприятий зарубежом"));

    let keywords = v["keywords"].as_array().unwrap();
    let langs: Vec<&str> = keywords
        .iter()
        .map(|k| k["lang"].as_str().unwrap())
        .collect();
    assert_eq!(langs, ["kk", "ru"], "no English keywords");
    for k in keywords {
        let terms = k["terms"].as_array().unwrap();
        assert_eq!(terms.len(), 5, "{k}");
        for t in terms {
            assert!(!t.as_str().unwrap().ends_with('.'), "{t}");
        }
    }
    assert_eq!(keywords[1]["terms"][4], "миграционная политика");
}

#[test]
fn reference_article_headings_in_order() {
    let v = article_json();
    let headings: Vec<&str> = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["heading"].as_str().unwrap())
        .collect();
    assert_eq!(
        headings,
        [
            "Introduction",
            "Going Out Policy of China",
            "Exports of Labor is One of the Priorities of the Strategy of «Going Out Policy»",
            "Huaqiao and China",
            "Conclusion",
        ]
    );
    for s in v["sections"].as_array().unwrap() {
        assert_eq!(s["lang"], "en");
    }
}

#[test]
fn reference_article_ligatures_repaired_without_false_joins() {
    let v = article_json();
    let ligatures = diagnostics(&v, "ligature");
    assert_eq!(ligatures.len(), 25);
    let profit = ligatures.iter().find(|d| d["before"] == "profi t").unwrap();
    assert_eq!(profit["after"], "profit");
    assert_eq!(profit["line"], 31);
    for d in &ligatures {
        let before = d["before"].as_str().unwrap();
        let after = d["after"].as_str().unwrap();
        assert_eq!(
            before.replace(' ', ""),
            after,
            "a ligature join only removes the space"
        );
    }
    let all = body(&v).join("\n");
    for word in [
        "qualified",
        "influence",
        "five-year",
        "non-financial",
        "scientific",
        "benefit",
    ] {
        assert!(all.contains(word), "{word}");
    }
    for split in ["profi t", "fi ve", "qualifi ed", "infl uence"] {
        assert!(!all.contains(split), "{split} left split");
    }
}

#[test]
fn reference_article_line_end_hyphens() {
    let v = article_json();
    let all = body(&v).join("\n");
    for kept in [
        "large-scale",
        "high-qualified",
        "re-emigrants",
        "January-August",
    ] {
        assert!(all.contains(kept), "{kept} lost its hyphen");
    }
    assert!(
        texts(&v, "abstracts")[2]
            .1
            .contains("предприятий зарубежом, экспорт")
    );
    let joined = diagnostics(&v, "hyphenation");
    assert_eq!(joined.len(), 1);
    assert_eq!(joined[0]["after"], "зарубежом");
    assert_eq!(joined[0]["line"], 18);
}

#[test]
fn reference_article_page_break_paragraphs_rejoined() {
    let v = article_json();
    let joins = diagnostics(&v, "paragraph_join");
    let lines: Vec<u64> = joins.iter().map(|d| d["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, [116, 231, 344, 420]);
    let paragraphs = body(&v);
    for p in &paragraphs {
        let first = p.chars().next().unwrap();
        assert!(!first.is_lowercase(), "paragraph starts mid-sentence: {p}");
    }
    assert!(
        paragraphs
            .iter()
            .any(|p| p.contains("enterprises of local Chinese governments reached"))
    );
    assert!(
        paragraphs
            .iter()
            .any(|p| p.contains("at the beginning of the 21st century the amount"))
    );
}

#[test]
fn reference_article_lookalikes_fixed_and_foreign_text_kept() {
    let v = article_json();
    let fixes = diagnostics(&v, "lookalike");
    let pairs: Vec<(&str, &str)> = fixes
        .iter()
        .map(|d| (d["before"].as_str().unwrap(), d["after"].as_str().unwrap()))
        .collect();
    assert_eq!(pairs, [("əлеуеті", "әлеуеті"), ("əсері", "әсері")]);
    let mut paper = v.clone();
    paper["diagnostics"] = Value::Null;
    assert!(!paper.to_string().contains('ə'), "a Latin schwa survived");
    let all = body(&v).join("\n");
    assert!(all.contains("The entry into ВТО enabled China"));
    assert!(all.contains("«走出去战略» (Zǒuchūqū Zhànlüè)"));
}

#[test]
fn every_repair_is_a_diagnostic_with_a_line() {
    let v = article_json();
    let diagnostics = v["diagnostics"].as_array().unwrap();
    // 25 ligatures, 4 paragraph joins, 2 look-alikes, 1 hyphen removed, 6 kept.
    assert_eq!(diagnostics.len(), 38);
    let mut last = 0;
    for d in diagnostics {
        let line = d["line"].as_u64().unwrap();
        assert!((1..=437).contains(&line), "{d}");
        assert!(line >= last, "diagnostics in input order");
        last = line;
        assert_ne!(d["before"], d["after"], "{d}");
    }
}

#[test]
fn outline_names_every_part() {
    let out = run(&["segment", ARTICLE], "");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for part in [
        "Titles",
        "[kk] «Саясаттан тыс болу»",
        "Authors",
        "Назира Болдурукова",
        "Abstracts",
        "Keywords",
        "[ru] Китай | мигранты",
        "5. [en] Conclusion — 1 paragraph",
        "References: 0",
        "ligature 25",
    ] {
        assert!(text.contains(part), "outline lacks {part:?}:\n{text}");
    }
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let text = std::fs::read_to_string(repo_root().join(ARTICLE)).unwrap();
    let out = run(&["segment", "-", "--json"], &text);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sections"].as_array().unwrap().len(), 5);
}

/// The reference article as a PDF set in a legacy Kazakh font gives it: each
/// Kazakh letter that KZ-1048 has where Windows-1251 has another Cyrillic
/// letter written as that other letter (`Қытай` → `Ќытай`).
#[test]
fn the_article_set_in_a_legacy_kazakh_font_reads_as_the_article() {
    const LEGACY: [(char, char); 16] = [
        ('Қ', 'Ќ'),
        ('Һ', 'Ћ'),
        ('қ', 'ќ'),
        ('һ', 'ћ'),
        ('Ұ', 'Ў'),
        ('ұ', 'ў'),
        ('Ә', 'Ј'),
        ('Ө', 'Ґ'),
        ('Ғ', 'Є'),
        ('Ү', 'Ї'),
        ('ө', 'ґ'),
        ('ғ', 'є'),
        ('ә', 'ј'),
        ('Ң', 'Ѕ'),
        ('ң', 'ѕ'),
        ('ү', 'ї'),
    ];
    let text = std::fs::read_to_string(repo_root().join(ARTICLE)).unwrap();
    let legacy: String = text
        .chars()
        .map(|c| LEGACY.iter().find(|(k, _)| *k == c).map_or(c, |(_, l)| *l))
        .collect();
    assert_ne!(legacy, text);
    let out = run(&["segment", "-", "--json"], &legacy);
    assert!(out.status.success());
    let got: Value = serde_json::from_slice(&out.stdout).unwrap();
    let want = article_json();
    for key in ["titles", "abstracts"] {
        assert_eq!(texts(&got, key), texts(&want, key), "{key}");
    }
    assert_eq!(got["keywords"], want["keywords"]);
    assert!(
        diagnostics(&got, "lookalike")
            .iter()
            .any(|d| d["before"] == "Ќытай" && d["after"] == "Қытай"),
        "{}",
        got["diagnostics"]
    );
}

fn one_line_error(args: &[&str]) -> String {
    let out = run(args, "");
    assert_eq!(out.status.code(), Some(2), "bad input exits 2");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    err
}

#[test]
fn a_missing_file_is_a_one_line_error_naming_it() {
    let err = one_line_error(&["segment", "no/such/paper.txt"]);
    assert!(err.contains("no/such/paper.txt"), "{err}");
    assert!(err.contains("check the path"), "{err}");
}

#[test]
fn binary_and_undecodable_files_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("figure.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    let err = one_line_error(&["segment", png.to_str().unwrap()]);
    assert!(err.contains("figure.png") && err.contains("PNG"), "{err}");

    // A byte no single-byte encoding read here assigns (0x81 in Windows-1252).
    let odd = dir.path().join("odd.txt");
    std::fs::write(&odd, b"caf\xE9 \x81 cr\xE8me").unwrap();
    let err = one_line_error(&["segment", odd.to_str().unwrap()]);
    assert!(
        err.contains("odd.txt") && err.contains("convert it to UTF-8"),
        "{err}"
    );
}

#[test]
fn latin1_files_are_read_as_latin_not_as_cyrillic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.txt");
    std::fs::write(
        &path,
        b"Abstract\n\nThe r\xE9sum\xE9 of a na\xEFve caf\xE9 policy.\n",
    )
    .unwrap();
    let out = run(&["segment", path.to_str().unwrap(), "--json"], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = String::from_utf8(out.stdout).unwrap();
    assert!(json.contains("résumé of a naïve café"), "{json}");
}

#[test]
fn windows_1251_and_utf16_files_are_read() {
    let dir = tempfile::tempdir().unwrap();
    // "Ключевые слова: Китай, мигранты." in Windows-1251, after a title.
    let mut cp1251 = b"\xcc\xe8\xe3\xf0\xe0\xf6\xe8\xff\n\n".to_vec();
    cp1251.extend_from_slice(
        b"\xca\xeb\xfe\xf7\xe5\xe2\xfb\xe5 \xf1\xeb\xee\xe2\xe0: \xca\xe8\xf2\xe0\xe9, \xec\xe8\xe3\xf0\xe0\xed\xf2\xfb.\n",
    );
    let path = dir.path().join("ru.txt");
    std::fs::write(&path, &cp1251).unwrap();
    let out = run(&["segment", path.to_str().unwrap(), "--json"], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["keywords"][0]["terms"],
        serde_json::json!(["Китай", "мигранты"])
    );

    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "Introduction\n\nThe text.\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let path = dir.path().join("en16.txt");
    std::fs::write(&path, &utf16).unwrap();
    let out = run(&["segment", path.to_str().unwrap(), "--json"], "");
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sections"][0]["heading"], "Introduction");
}

/// `ushtil eval segment` reads each paper again with its blank lines taken
/// out: the shipped article keeps its titles and headings, and a paper
/// that cannot be read is named and skipped, not fatal.
#[test]
fn eval_segment_scores_the_article_without_blank_lines() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo_root().join(ARTICLE),
        dir.path().join("going-out-policy-migration.txt"),
    )
    .unwrap();
    std::fs::write(dir.path().join("binary.txt"), b"\x00\x01\x02PK\x03\x04").unwrap();
    let out = run(
        &[
            "eval",
            "segment",
            "--corpus",
            dir.path().to_str().unwrap(),
            "--json",
        ],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["papers"], 1);
    assert_eq!(v["skipped"], 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("binary.txt"));
    for field in ["titles", "authors", "abstracts", "keywords", "headings"] {
        assert_eq!(v["same"][field], 1, "{field}: {v}");
    }
    assert_eq!(v["titles"]["original"], 3);
    assert_eq!(v["titles"]["found"], 3);
    assert_eq!(v["headings"]["original"], 5);
    assert_eq!(v["headings"]["found"], 5);
    assert_eq!(v["headings"]["extra"], 0);

    let empty = tempfile::tempdir().unwrap();
    let err = one_line_error(&[
        "eval",
        "segment",
        "--corpus",
        empty.path().to_str().unwrap(),
    ]);
    assert!(
        err.contains("no .txt papers") && err.contains("--corpus"),
        "{err}"
    );
}
