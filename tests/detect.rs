//! `ushtil detect` and `ushtil eval langid` end to end.

use std::path::PathBuf;

use crate::util::{repo_root, run};

fn stdout(args: &[&str], stdin: &str) -> String {
    let out = run(args, stdin);
    assert!(
        out.status.success(),
        "ushtil {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn detect_prints_one_line_per_input_line() {
    let input = "Қазақстан Республикасының Президенті\n\nГосударственная политика в области образования\nthe President of Kazakhstan\n12345\n";
    let out = stdout(&["detect"], input);
    let langs: Vec<&str> = out.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert_eq!(langs, ["kk", "und", "ru", "en", "und"]);
    for line in out.lines() {
        let conf: f32 = line.split('\t').nth(1).unwrap().parse().unwrap();
        assert!((0.0..=1.0).contains(&conf), "{line}");
        assert_eq!(
            line.split('\t')
                .nth(1)
                .unwrap()
                .split('.')
                .nth(1)
                .unwrap()
                .len(),
            3
        );
    }
}

#[test]
fn detect_json_lines() {
    let out = stdout(
        &["detect", "--json"],
        "Бiлiм беру жүйесi\nhttps://example.com\n",
    );
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["lang"], "kk");
    assert_eq!(lines[1]["lang"], "und");
    assert!(out.starts_with("{\"lang\":"), "{out}");
}

#[test]
fn detect_survives_invalid_utf8_and_crlf() {
    let mut child = std::process::Command::new(crate::util::ushtil_bin())
        .arg("detect")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    let mut input = b"\xff\xfe bad\r\n".to_vec();
    input.extend_from_slice("которые\r\n".as_bytes());
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 2);
    assert!(text.lines().nth(1).unwrap().starts_with("ru\t"));
}

fn data_dir() -> Option<PathBuf> {
    let dir = repo_root().join("../shared/data");
    if dir.join("langid_tatoeba_laser").is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: ../shared/data is absent (language-ID evaluation data)");
        None
    }
}

/// The figures reached on `../shared/data` (see `ushtil eval langid`), so a
/// regression fails. Where they are below the targets (kk and ru
/// single words), the floor is what the detector reaches today, not the
/// target.
#[test]
fn eval_langid_holds_its_figures() {
    let Some(data) = data_dir() else { return };
    let out = stdout(
        &["eval", "langid", "--data", data.to_str().unwrap(), "--json"],
        "",
    );
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let floors = [
        ("kk", "word", 0.94),
        ("kk", "word_pair", 0.995),
        ("kk", "sentence", 0.999),
        ("ru", "word", 0.97),
        ("ru", "word_pair", 0.995),
        ("ru", "sentence", 0.999),
        ("en", "word", 0.995),
        ("en", "word_pair", 0.995),
        ("en", "sentence", 0.998),
    ];
    let rows = report["rows"].as_array().unwrap();
    for (set, bucket, floor) in floors {
        let row = rows
            .iter()
            .find(|r| r["set"] == set && r["bucket"] == bucket)
            .unwrap_or_else(|| panic!("no row {set} {bucket}"));
        let acc = row["accuracy"].as_f64().unwrap();
        assert!(acc >= floor, "{set} {bucket}: {acc} < {floor}");
    }
    // The confidence means something: every closed-set answer of the kk, ru
    // and en sets is in one bin, the most confident answers are right at
    // least 99.5% of the time, and a more confident bin (of 50 answers or
    // more, above 0.5) is never less often right than a less confident one.
    let bins = report["calibration"].as_array().unwrap();
    let answers: u64 = bins.iter().map(|b| b["answers"].as_u64().unwrap()).sum();
    let closed: u64 = rows
        .iter()
        .filter(|r| ["kk", "ru", "en"].contains(&r["set"].as_str().unwrap()))
        .map(|r| {
            (0..3)
                .map(|i| r["predicted"][i].as_u64().unwrap())
                .sum::<u64>()
        })
        .sum();
    assert_eq!(answers, closed, "calibration bins against answers");
    let top = bins.last().unwrap();
    assert!(top["accuracy"].as_f64().unwrap() >= 0.995, "{top}");
    let accs: Vec<f64> = bins
        .iter()
        .filter(|b| b["from"].as_f64().unwrap() >= 0.5 && b["answers"].as_u64().unwrap() >= 50)
        .map(|b| b["accuracy"].as_f64().unwrap())
        .collect();
    assert!(accs.windows(2).all(|w| w[0] <= w[1]), "{accs:?}");
    // Items in both the kk and the ru set are wrong in one of them: each
    // answer they got is an error the other set's row counts.
    let wrong = |set: &str, bucket: &str| {
        let row = rows
            .iter()
            .find(|r| r["set"] == set && r["bucket"] == bucket)
            .unwrap();
        row["n"].as_u64().unwrap() - row["correct"].as_u64().unwrap()
    };
    for w in report["written_alike"].as_array().unwrap() {
        let bucket = w["bucket"].as_str().unwrap();
        let (kk, ru, other) = (
            w["kk"].as_u64().unwrap(),
            w["ru"].as_u64().unwrap(),
            w["other"].as_u64().unwrap(),
        );
        assert_eq!(kk + ru + other, w["n"].as_u64().unwrap(), "{w}");
        assert!(wrong("kk", bucket) >= ru + other, "{w}");
        assert!(wrong("ru", bucket) >= kk + other, "{w}");
    }
    let alike_words = &report["written_alike"][0];
    assert_eq!(alike_words["bucket"], "word");
    assert!(alike_words["n"].as_u64().unwrap() > 0, "{alike_words}");
    for c in report["confusers"].as_array().unwrap() {
        let n = c["n"].as_f64().unwrap();
        let rate = (c["kk"].as_f64().unwrap() + c["ru"].as_f64().unwrap()) / n;
        assert!(rate <= 0.05, "{}: {rate} labelled kk/ru", c["lang"]);
    }
}

/// Regression: `ushtil detect --json | head` (like `search --json | head`)
/// printed "ushtil: Broken pipe" and exited 2, because the pipe's error came
/// wrapped in serde_json's; a closed pipe must end quietly.
#[test]
fn a_closed_stdout_ends_detect_quietly() {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};

    let mut child = Command::new(crate::util::ushtil_bin())
        .args(["detect", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ushtil detect starts");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    // Far more output than a pipe buffers, so the writer must meet the closed pipe.
    let writer = std::thread::spawn(move || {
        let line = "Қытай диаспораларының әлеуеті сарапталады\n".repeat(1000);
        for _ in 0..200 {
            if stdin.write_all(line.as_bytes()).is_err() {
                break;
            }
        }
    });
    let mut first = [0u8; 16];
    let mut stdout = child.stdout.take().expect("stdout is piped");
    stdout
        .read_exact(&mut first)
        .expect("detect prints before the pipe closes");
    drop(stdout);
    let out = child.wait_with_output().expect("ushtil detect finishes");
    writer.join().expect("the writer thread ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "exit {:?}, stderr: {stderr}",
        out.status
    );
    assert!(
        stderr.trim().is_empty(),
        "a closed pipe is not worth a message: {stderr}"
    );
}
