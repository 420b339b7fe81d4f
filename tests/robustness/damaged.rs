//! A damaged index (a truncated or deleted segment file, a corrupted
//! `meta.json`): search and index say so in a message naming `--rebuild`,
//! without a panic, and `ushtil index --rebuild` recovers.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::common::{Outcome, assert_holds_each_once, index, search, tail, write_papers};

const N: usize = 20;

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The index's segment files with extension `ext` (tantivy names them
/// `<32 hex digits>.<ext>`), largest first.
fn segment_files(index_dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = files_under(index_dir)
        .into_iter()
        .filter(|p| {
            p.extension().is_some_and(|e| e == ext)
                && p.file_stem().is_some_and(|s| {
                    s.len() == 32 && s.to_string_lossy().chars().all(|c| c.is_ascii_hexdigit())
                })
        })
        .collect();
    found.sort_by_key(|p| std::cmp::Reverse(fs::metadata(p).map(|m| m.len()).unwrap_or(0)));
    found
}

fn assert_names_rebuild(out: &Outcome, what: &str) {
    out.assert_no_panic();
    assert_eq!(
        out.code(),
        Some(2),
        "`{}` on {what}: an error exit; stdout:\n{}\nstderr:\n{}",
        out.command,
        tail(&out.stdout),
        out.stderr
    );
    assert!(
        out.stderr.contains("--rebuild"),
        "`{}` on {what}: the message names --rebuild:\n{}",
        out.command,
        out.stderr
    );
}

/// Builds an index of `N` papers, damages it with `damage`, checks both
/// commands refuse it clearly, then that `--rebuild` recovers.
fn check_damage(what: &str, damage: impl FnOnce(&Path)) {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let index_dir = tmp.path().join("index");
    write_papers(&corpus, N);
    index(&[&corpus], &index_dir, &[], Duration::from_secs(300)).assert_code(0);
    damage(&index_dir);
    assert_names_rebuild(&search(&index_dir, super::common::COMMON, 50), what);
    assert_names_rebuild(
        &index(&[&corpus], &index_dir, &[], Duration::from_secs(300)),
        what,
    );
    index(
        &[&corpus],
        &index_dir,
        &["--rebuild"],
        Duration::from_secs(300),
    )
    .assert_code(0);
    assert_holds_each_once(&index_dir, N, 5);
}

fn truncate_largest(index_dir: &Path, ext: &str) {
    let files = segment_files(index_dir, ext);
    let file = files.first().unwrap_or_else(|| {
        panic!(
            "no .{ext} segment file in {}: {:?}",
            index_dir.display(),
            files_under(index_dir)
        )
    });
    let len = fs::metadata(file).unwrap().len();
    fs::OpenOptions::new()
        .write(true)
        .open(file)
        .unwrap()
        .set_len(len / 2)
        .unwrap();
}

#[test]
fn corrupted_meta_json_names_rebuild_and_rebuild_recovers() {
    check_damage("a corrupted meta.json", |dir| {
        let meta = files_under(dir)
            .into_iter()
            .find(|p| p.file_name().is_some_and(|n| n == "meta.json"))
            .expect("the index has a meta.json");
        fs::write(meta, b"{\"segments\": [ {\"segment_id\": 42, trunc").unwrap();
    });
}

#[test]
fn truncated_term_dictionary_names_rebuild_and_rebuild_recovers() {
    check_damage("a truncated .term file", |dir| {
        truncate_largest(dir, "term")
    });
}

#[test]
fn truncated_postings_name_rebuild_and_rebuild_recovers() {
    check_damage("a truncated .idx file", |dir| truncate_largest(dir, "idx"));
}

#[test]
fn truncated_doc_store_names_rebuild_and_rebuild_recovers() {
    check_damage("a truncated .store file", |dir| {
        truncate_largest(dir, "store")
    });
}

#[test]
fn deleted_segment_file_names_rebuild_and_rebuild_recovers() {
    check_damage("a deleted .idx file", |dir| {
        let files = segment_files(dir, "idx");
        fs::remove_file(files.first().expect("the index has a .idx file")).unwrap();
    });
}
