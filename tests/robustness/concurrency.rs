//! Concurrent use: searches during a build see whole commits (never an
//! error, never fewer papers than before), and a second writer on the same
//! index fails fast with a clear "locked" message.

use std::ffi::OsStr;
use std::thread;
use std::time::{Duration, Instant};

use super::common::{
    COMMON, assert_holds_each_once, compose_paper, describe, finish, index, parse_json, search,
    spawn, total, write_papers,
};

#[test]
fn searches_during_a_build_see_whole_commits_and_a_second_writer_is_refused() {
    const FIRST: usize = 10;
    const N: usize = 1500;
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let index_dir = tmp.path().join("index");
    write_papers(&corpus, FIRST);
    index(&[&corpus], &index_dir, &[], Duration::from_secs(300)).assert_code(0);
    for i in FIRST..N {
        std::fs::write(corpus.join(format!("paper-{i:05}.txt")), compose_paper(i)).unwrap();
    }

    // Commits every 100 papers: searches see the build's commits land.
    let args = [
        OsStr::new("index"),
        corpus.as_os_str(),
        OsStr::new("--index"),
        index_dir.as_os_str(),
        OsStr::new("--commit-every"),
        OsStr::new("100"),
    ];
    let mut writer = spawn(&args);
    let started = Instant::now();
    let mut totals = Vec::new();
    let mut second = None;
    loop {
        let running = writer.try_wait().unwrap().is_none();
        let out = search(&index_dir, COMMON, 5);
        out.assert_code(0);
        let seen = total(&parse_json(&out));
        assert!(
            (FIRST as u64..=N as u64).contains(&seen),
            "a search during the build saw {seen} papers (expected {FIRST}..={N})"
        );
        if let Some(&before) = totals.last() {
            assert!(
                seen >= before,
                "a later search saw fewer papers: {before} then {seen}"
            );
        }
        totals.push(seen);
        // Once a commit of this build is seen, its writer holds the lock.
        if second.is_none() && seen > FIRST as u64 {
            assert!(
                running,
                "inconclusive: the first writer finished before a search saw its first \
                 commit; raise N so the second writer meets it running"
            );
            let asked = Instant::now();
            let out = finish(spawn(&args), describe(&args), Duration::from_secs(120));
            let waited = asked.elapsed();
            let still_running = writer.try_wait().unwrap().is_none();
            second = Some((out, waited, still_running));
        }
        if !running {
            break;
        }
    }
    let first = finish(writer, describe(&args), Duration::from_secs(900));
    first.assert_code(0);
    let build_time = started.elapsed();
    eprintln!(
        "{} searches during a {:?} build saw totals {:?}",
        totals.len(),
        build_time,
        totals.iter().collect::<std::collections::BTreeSet<_>>()
    );
    let (out, waited, still_running) = second.expect("the second writer ran");
    assert!(
        still_running,
        "inconclusive: the first writer had finished before the second one was refused"
    );
    out.assert_code(2);
    assert!(
        out.stderr.to_lowercase().contains("locked"),
        "the second writer says the index is locked: {}",
        out.stderr
    );
    assert!(
        waited < Duration::from_secs(10),
        "the second writer fails fast, not after {waited:?}"
    );
    assert_holds_each_once(&index_dir, N, 10);
}

/// Several searches at once on a built index all answer the same.
#[test]
fn parallel_searches_agree() {
    const N: usize = 40;
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let index_dir = tmp.path().join("index");
    write_papers(&corpus, N);
    index(&[&corpus], &index_dir, &[], Duration::from_secs(300)).assert_code(0);
    let answers: Vec<u64> = thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                s.spawn(|| {
                    let out = search(&index_dir, COMMON, 100);
                    out.assert_code(0);
                    total(&parse_json(&out))
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(
        answers.iter().all(|&t| t == N as u64),
        "totals: {answers:?}"
    );
}

/// Runs `ushtil search COMMON --json` without `--index` in `dir`, `k` at once.
fn default_searches(dir: &std::path::Path, k: usize) -> Vec<super::common::Outcome> {
    thread::scope(|s| {
        let handles: Vec<_> = (0..k)
            .map(|_| {
                s.spawn(|| {
                    let args = ["search", COMMON, "--json", "--limit", "500"];
                    let child = std::process::Command::new(crate::util::ushtil_bin())
                        .args(args)
                        .current_dir(dir)
                        .stdin(std::process::Stdio::null())
                        .stdout(std::process::Stdio::piped())
                        .stderr(std::process::Stdio::piped())
                        .spawn()
                        .expect("ushtil search starts");
                    finish(child, describe(&args), Duration::from_secs(300))
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

/// `ushtil search` without `--index` brings `index/` up to date with
/// `corpus/` before answering. Several at once on a stale index (two
/// terminals, a script in a loop) all answer from a whole commit: the old
/// one or the updated one.
#[test]
fn simultaneous_searches_on_a_stale_default_index_answer_from_a_whole_commit() {
    const N: usize = 60;
    const MORE: usize = 40;
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    write_papers(&corpus, N);
    for out in default_searches(tmp.path(), 1) {
        out.assert_code(0);
        assert_eq!(total(&parse_json(&out)), N as u64, "{}", out.stderr);
    }
    for i in N..N + MORE {
        std::fs::write(corpus.join(format!("paper-{i:05}.txt")), compose_paper(i)).unwrap();
    }
    for out in default_searches(tmp.path(), 4) {
        out.assert_code(0);
        let seen = total(&parse_json(&out));
        assert!(
            seen == N as u64 || seen == (N + MORE) as u64,
            "a search saw {seen} papers, neither the old commit ({N}) nor the new ({}): {}",
            N + MORE,
            out.stderr
        );
    }
    let last = default_searches(tmp.path(), 1);
    assert_eq!(total(&parse_json(&last[0])), (N + MORE) as u64);
}

/// On a fresh clone, a search that meets another process building `index/`
/// (which holds the writer lock before its first commit) must not answer
/// "no results" with exit 0 as if the corpus were empty: it waits for the
/// build, or says to retry (exit 2). The test holds the lock itself, so the
/// race is not left to chance.
#[test]
fn a_first_search_meeting_a_build_does_not_answer_from_an_empty_index() {
    const N: usize = 20;
    let tmp = tempfile::tempdir().unwrap();
    write_papers(&tmp.path().join("corpus"), N);
    let building = ushtil_index::Index::open_or_create(tmp.path().join("index")).unwrap();
    let lock = building
        .lock()
        .expect("nobody else holds the new index's lock");
    let out = default_searches(tmp.path(), 1).remove(0);
    drop(lock);
    out.assert_no_panic();
    match out.code() {
        Some(0) => assert_eq!(
            total(&parse_json(&out)),
            N as u64,
            "exit 0 with an answer from the empty index: {}",
            out.stderr
        ),
        _ => assert!(
            out.stderr.contains("index"),
            "a refusal says why: {}",
            out.stderr
        ),
    }
}
