//! `ushtil stem`, `ushtil analyze` and `ushtil eval stem` end to end.

use std::path::PathBuf;

use crate::util::{repo_root, run};

#[track_caller]
fn check(args: &[&str], stdin: &str, expected: &str) {
    let out = run(args, stdin);
    assert!(
        out.status.success(),
        "ushtil {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        expected,
        "ushtil {args:?}"
    );
}

#[test]
fn stem_kazakh_words_one_per_line() {
    check(
        &["stem", "--lang", "kk"],
        "мигранттардың\nҚазақтың\nболады\n\nəлеуеті\n",
        "мигрант\nқазақ\nбол\n\nәлеует\n",
    );
}

#[test]
fn stem_russian_and_english_do_not_drop_stopwords() {
    check(
        &["stem", "--lang", "ru"],
        "Ёлки\nи\nполитики\n",
        "елк\nи\nполитик\n",
    );
    check(
        &["stem", "--lang", "en"],
        "the\nPolicies\nZǒuchūqū\n",
        "the\npolici\nzouchuqu\n",
    );
}

#[test]
fn stem_folded_matches_russian_keyboard_typing() {
    check(
        &["stem", "--lang", "kk", "--fold"],
        "қазақтың\nказактын\n",
        "казак\nказак\n",
    );
}

#[test]
fn analyze_one_line_of_terms_per_input_line() {
    check(
        &["analyze", "--lang", "kk"],
        "Мигранттардың саясаты, 2010 жыл.\n\n«走出去战略»\n",
        "мигрант саясат 2010 жыл\n\n走出 出去 去战 战略\n",
    );
    check(
        &["analyze", "--lang", "en"],
        "Migration policies\n",
        "migrat polici\n",
    );
}

#[test]
fn analyze_auto_detects_each_line() {
    let out = run(
        &["analyze", "--lang", "auto"],
        "Political reforms and investigations started in China\n",
    );
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "polit reform and investig start in china\n"
    );
}

#[test]
fn bad_flags_are_errors() {
    assert_eq!(run(&["stem", "--lang", "xx"], "").status.code(), Some(2));
    assert_eq!(run(&["stem", "--lang", "auto"], "").status.code(), Some(2));
    assert_eq!(
        run(&["stem", "--lang", "en", "--fold"], "").status.code(),
        Some(2)
    );
}

#[test]
fn invalid_utf8_does_not_stop_stemming() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(crate::util::ushtil_bin())
        .args(["stem", "--lang", "ru"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = b"\xff\xfe\n".to_vec();
    input.extend_from_slice("политики\n".as_bytes());
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).ends_with("\nполитик\n"));
}

fn data() -> Option<PathBuf> {
    let dir = repo_root().join("../shared/data");
    if dir.join("kk_morph_apertium").is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "notice: {} not found; eval stem test skipped",
            dir.display()
        );
        None
    }
}

#[test]
fn eval_stem_reports_both_kazakh_splits_and_baselines() {
    let Some(dir) = data() else { return };
    let dir = dir.to_string_lossy().into_owned();
    let out = run(
        &["eval", "stem", "--lang", "kk", "--data", &dir, "--json"],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let splits = report["splits"].as_array().unwrap();
    assert_eq!(splits.len(), 2);
    assert_eq!(splits[1]["tuned_on"], false);
    for split in splits {
        let rows = split["rows"].as_array().unwrap();
        let f1 = |name: &str| {
            rows.iter()
                .find(|r| r["stemmer"].as_str().unwrap().starts_with(name))
                .unwrap()["f1"]
                .as_f64()
                .unwrap()
        };
        assert_eq!(f1("baseline: no stemming"), 0.0);
        let prefix = f1("baseline: first 4 letters");
        assert!((0.4..0.6).contains(&prefix), "first-4 baseline {prefix}");
        assert!(f1("ushtil kk (ours)") > prefix + 0.1);
    }
}

#[test]
fn eval_stem_missing_data_names_the_path() {
    let out = run(
        &[
            "eval",
            "stem",
            "--lang",
            "en",
            "--data",
            "/nonexistent/data",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/data"));
}
