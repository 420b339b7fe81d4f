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

    let args = [
        OsStr::new("index"),
        corpus.as_os_str(),
        OsStr::new("--index"),
        index_dir.as_os_str(),
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
        if second.is_none() && started.elapsed() > Duration::from_millis(1500) {
            assert!(
                running,
                "inconclusive: the first writer finished within 1.5 s; raise N so the second \
                 writer meets it running"
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
