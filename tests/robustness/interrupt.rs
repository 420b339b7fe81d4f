//! Interruption: `ushtil index` SIGKILLed at seeded pseudo-random points of a
//! batch leaves an index that opens, and the next run completes it with every
//! paper exactly once.

use std::ffi::OsStr;
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use super::common::{
    COMMON, Rng, assert_holds_each_once, compose_paper, describe, finish, index, parse_json,
    search, search_json, slow_tests, spawn, total, write_papers,
};

/// A word only the edited papers carry.
const REVISED: &str = "revisionmark";

/// After a kill the index holds the last commit: search either answers with
/// at most `n` papers, each once, or (before the first commit) says there is
/// no index yet, in a message, not a panic.
fn assert_usable_after_kill(index_dir: &Path, n: usize) -> Option<u64> {
    let out = search(index_dir, COMMON, n + 50);
    out.assert_no_panic();
    if out.code() != Some(0) {
        assert!(
            !out.stderr.trim().is_empty(),
            "a failed search says why; stdout:\n{}",
            out.stdout
        );
        return None;
    }
    let answer = parse_json(&out);
    let found = total(&answer);
    assert!(
        found <= n as u64,
        "more papers than exist after a kill: {found} > {n}"
    );
    let mut paths: Vec<&str> = answer["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["path"].as_str().unwrap_or_default())
        .collect();
    for hit in answer["hits"].as_array().expect("hits") {
        let segments = hit["segments"].as_array().map_or(0, Vec::len);
        assert_eq!(segments, 1, "one version of each paper after a kill: {hit}");
    }
    let listed = paths.len();
    paths.sort_unstable();
    paths.dedup();
    assert_eq!(paths.len(), listed, "no paper twice after a kill");
    Some(found)
}

/// Indexes `n` composed papers, killing the indexer `kills` times at seeded
/// points of the time a full run takes, then reruns it to completion.
fn kill_and_resume(n: usize, kills: usize, seed: u64) {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let index_dir = tmp.path().join("index");
    write_papers(&corpus, n);

    // How long one uninterrupted run takes here, to aim the kills.
    let scratch = tmp.path().join("scratch-index");
    let full = index(&[&corpus], &scratch, &[], Duration::from_secs(900));
    full.assert_code(0);
    let span = full.elapsed;
    eprintln!("{n} papers: an uninterrupted run takes {span:?}");
    std::fs::remove_dir_all(&scratch).unwrap();

    let mut rng = Rng::new(seed);
    // Small commits, so kills land between commits as well as before the first.
    let args = [
        OsStr::new("index"),
        corpus.as_os_str(),
        OsStr::new("--index"),
        index_dir.as_os_str(),
        OsStr::new("--commit-every"),
        OsStr::new("40"),
    ];
    let mut committed = Vec::new();
    for k in 0..kills {
        // Anywhere from the start to just past the end of a full run.
        let at = span.mul_f64((rng.below(1000) as f64 / 1000.0) * 1.05);
        let mut child = spawn(&args);
        let started = Instant::now();
        while started.elapsed() < at {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            thread::sleep(Duration::from_millis(5));
        }
        let finished_first = child.try_wait().unwrap().is_some();
        if !finished_first {
            child.kill().expect("SIGKILL reaches the indexer");
        }
        let out = finish(child, describe(&args), Duration::from_secs(60));
        if finished_first {
            out.assert_no_panic();
        }
        let state = assert_usable_after_kill(&index_dir, n);
        eprintln!(
            "kill {k} at {at:?} ({}): index answers with {state:?} papers",
            if finished_first {
                "run had already finished"
            } else {
                "killed"
            }
        );
        committed.push(state);
    }
    let last = index(&[&corpus], &index_dir, &[], Duration::from_secs(900));
    last.assert_code(0);
    assert_holds_each_once(&index_dir, n, 25);

    // Every paper edited, and the update killed twice: a paper's old and new
    // versions must never both be searchable, nor neither once it completes.
    for i in 0..n {
        let edited = format!(
            "{}\nAddendum\n\nA revised edition, marked {REVISED}.\n",
            compose_paper(i)
        );
        std::fs::write(corpus.join(format!("paper-{i:05}.txt")), edited).unwrap();
    }
    for k in 0..2 {
        let at = span.mul_f64(0.2 + 0.4 * k as f64);
        let mut child = spawn(&args);
        thread::sleep(at);
        let _ = child.kill();
        let _ = finish(child, describe(&args), Duration::from_secs(60));
        let state = assert_usable_after_kill(&index_dir, n);
        eprintln!("update killed at {at:?}: index answers with {state:?} papers");
        assert_eq!(
            state,
            Some(n as u64),
            "an edit never removes a paper from the last commit"
        );
    }
    let last = index(&[&corpus], &index_dir, &[], Duration::from_secs(900));
    last.assert_code(0);
    assert_holds_each_once(&index_dir, n, 10);
    let revised = search_json(&index_dir, REVISED, n + 50);
    assert_eq!(
        total(&revised),
        n as u64,
        "every paper's new version is indexed"
    );

    // A run killed during --rebuild still leaves a usable index, and the
    // next plain run completes it.
    let rebuild = [
        OsStr::new("index"),
        corpus.as_os_str(),
        OsStr::new("--index"),
        index_dir.as_os_str(),
        OsStr::new("--rebuild"),
        OsStr::new("--commit-every"),
        OsStr::new("40"),
    ];
    let mut child = spawn(&rebuild);
    thread::sleep(span.mul_f64(0.5));
    let _ = child.kill();
    let _ = finish(child, describe(&rebuild), Duration::from_secs(60));
    let state = assert_usable_after_kill(&index_dir, n);
    assert!(
        state.is_some(),
        "a killed --rebuild must not leave the index unopenable"
    );
    let last = index(&[&corpus], &index_dir, &[], Duration::from_secs(900));
    last.assert_code(0);
    assert_holds_each_once(&index_dir, n, 10);
}

#[test]
fn sigkill_during_indexing_then_rerun_holds_each_paper_once() {
    kill_and_resume(300, 4, 0x1D3);
}

/// The heavy variant: a larger batch, more kills (`USHTIL_SLOW_TESTS=1`).
#[test]
fn sigkill_many_times_during_a_large_batch() {
    if !slow_tests() {
        eprintln!("notice: set USHTIL_SLOW_TESTS=1 to run the 2,000-paper, 12-kill variant");
        return;
    }
    kill_and_resume(2000, 12, 0xBEEF);
}
