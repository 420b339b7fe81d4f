//! `ushtil synth` and `ushtil bench` end to end: deterministic corpora, a clear
//! error without the data folder, and a tiny bench run with every figure.
//! Tests that need `../shared/data` skip with a notice when it is absent.

use std::fs;
use std::path::{Path, PathBuf};

use crate::util::{repo_root, run};

fn data_dir() -> Option<PathBuf> {
    let data = repo_root().join("../shared/data");
    if data.is_dir() {
        Some(data)
    } else {
        eprintln!("skipped: evaluation data not found at {}", data.display());
        None
    }
}

fn synth(out: &Path, papers: usize, seed: u64, data: &Path) {
    let output = run(
        &[
            "synth",
            "--papers",
            &papers.to_string(),
            "--out",
            out.to_str().expect("temp paths are UTF-8"),
            "--seed",
            &seed.to_string(),
            "--data",
            data.to_str().expect("the data path is UTF-8"),
        ],
        "",
    );
    assert!(
        output.status.success(),
        "synth failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The papers of a corpus folder, by name.
fn papers(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn synth_same_seed_writes_the_same_bytes_and_another_seed_does_not() {
    let Some(data) = data_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("c"),
    );
    synth(&a, 12, 5, &data);
    synth(&b, 12, 5, &data);
    synth(&c, 12, 6, &data);
    let (pa, pb, pc) = (papers(&a), papers(&b), papers(&c));
    assert_eq!(pa.len(), 12);
    assert_eq!(pa, pb, "same seed, same bytes");
    assert!(
        pa.iter().zip(&pc).all(|(x, y)| x.1 != y.1),
        "another seed, other papers"
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(a.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["papers"], 12);
    // Writing fewer papers over a synth folder removes the extra ones.
    synth(&a, 4, 5, &data);
    assert_eq!(papers(&a), pa[..4].to_vec());
}

#[test]
fn synth_without_the_data_folder_says_which_flag_to_pass() {
    let tmp = tempfile::tempdir().unwrap();
    let output = run(
        &[
            "synth",
            "--papers",
            "3",
            "--out",
            tmp.path().join("out").to_str().unwrap(),
            "--data",
            "/nonexistent/shared/data",
        ],
        "",
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("/nonexistent/shared/data"), "{stderr}");
    assert!(stderr.contains("pass --data PATH"), "{stderr}");
}

#[test]
fn synth_refuses_a_folder_it_did_not_write() {
    let Some(data) = data_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("notes.md"), "mine").unwrap();
    let output = run(
        &[
            "synth",
            "--papers",
            "2",
            "--out",
            tmp.path().to_str().unwrap(),
            "--data",
            data.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("choose a new or empty folder"));
    assert_eq!(
        fs::read_to_string(tmp.path().join("notes.md")).unwrap(),
        "mine"
    );
}

#[test]
fn bench_on_a_tiny_corpus_reports_every_figure() {
    let Some(data) = data_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let output = run(
        &[
            "bench",
            "--papers",
            "12",
            "--json",
            "--rounds",
            "1",
            "--repeat",
            "2",
            "--data",
            data.to_str().unwrap(),
            "--keep",
            tmp.path().to_str().unwrap(),
        ],
        "",
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "bench failed: {stderr}");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["papers"], 12);
    // Two repetitions of each measurement; each row is the lower of its two.
    assert_eq!(report["repeat"], 2);
    for row in report["ingest"].as_array().unwrap() {
        let all: Vec<f64> = row["seconds_all"]
            .as_array()
            .unwrap_or_else(|| panic!("no seconds_all: {row}"))
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        assert_eq!(all.len(), 2, "{row}");
        assert_eq!(
            row["seconds"].as_f64().unwrap(),
            all[0].min(all[1]),
            "{row}"
        );
    }
    for q in report["queries"].as_array().unwrap() {
        let all = q["p50_all_ms"].as_array().unwrap();
        assert_eq!(all.len(), 2, "{q}");
    }
    // Floor and ushtil with 1 and 2 threads, SQLite once; each indexed every paper.
    let ingest = report["ingest"].as_array().unwrap();
    assert_eq!(ingest.len(), 5);
    for row in ingest {
        for key in [
            "engine",
            "threads",
            "seconds",
            "papers_per_s",
            "mb_per_s",
            "size_ratio",
            "peak_rss_bytes",
            "cpu_seconds",
            "documents",
            "index_bytes",
        ] {
            assert!(!row[key].is_null(), "ingest row lacks {key}: {row}");
        }
        assert_eq!(row["papers"], 12, "{row}");
        assert!(row["index_bytes"].as_u64().unwrap() > 0, "{row}");
        assert!(row["peak_rss_bytes"].as_u64().unwrap() > 0, "{row}");
    }
    let queries = report["queries"].as_array().unwrap();
    assert_eq!(queries.len(), 3);
    for q in queries {
        assert_eq!(q["queries"], 100);
        assert!(q["p50_ms"].as_f64().unwrap() > 0.0, "{q}");
        assert!(
            q["p95_ms"].as_f64().unwrap() >= q["p50_ms"].as_f64().unwrap(),
            "{q}"
        );
        // A pipeline that indexes nothing answers nothing: most topic queries hit.
        assert!(q["queries_with_hits"].as_u64().unwrap() >= 30, "{q}");
    }
    for key in [
        "ingest_vs_floor_1t",
        "ushtil_speedup_2t",
        "query_p50_vs_floor",
        "sqlite_p50_over_ushtil",
        "ushtil_peak_mb",
    ] {
        assert!(
            report["ratios"][key].as_f64().is_some(),
            "ratio {key} missing"
        );
    }
    let stages: Vec<&str> = report["profile"]["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        stages,
        [
            "reading",
            "segmentation",
            "repair",
            "detection",
            "analysis",
            "tantivy"
        ]
    );
    assert_eq!(report["goals"].as_array().unwrap().len(), 6);
}
