//! `ushtil index`: a small corpus (the reference article plus papers composed
//! here) indexed into a temporary directory; incremental runs, bad files,
//! the lock, a damaged index.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::util::{repo_root, ushtil_bin};

/// Runs `ushtil` in `dir` with `args`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(ushtil_bin())
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the ushtil binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A paper composed for these tests, in the layout of the journal: English
/// title and abstract, then the Kazakh and Russian front matter, then the body.
pub fn composed_paper(topic_en: &str, word: &str) -> String {
    format!(
        "{topic_en}\n\n\
         The article studies {word} in the steppe regions and its effect on farms.\n\n\
         Асқар Жұмабаев\n\
         Далалық аймақтардағы {word} мәселесі\n\n\
         Мақалада далалық аймақтардағы {word} мәселесі зерттеледі.\n\
         Түйін сөздер: дала, {word}, шаруашылық.\n\n\
         Аскар Жумабаев\n\
         Проблема {word} в степных регионах\n\n\
         В статье исследуется {word} в степных регионах.\n\
         Ключевые слова: степь, {word}, хозяйство.\n\n\
         Introduction\n\n\
         Farms in the steppe depend on {word} more than on anything else, and the \n\
         data collected over ten years show it clearly.\n\n\
         References\n\n\
         1 Smith J. Steppe farming. – Almaty, 2001. – 200 p.\n"
    )
}

/// A temporary project: `corpus/` with the reference article and two composed
/// papers; the index goes to `index/` beside it.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    pub fn new() -> Project {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        fs::create_dir_all(corpus.join("2024")).unwrap();
        fs::copy(
            repo_root().join("corpus/going-out-policy-migration.txt"),
            corpus.join("going-out-policy-migration.txt"),
        )
        .unwrap();
        fs::write(
            corpus.join("erosion.txt"),
            composed_paper("Soil erosion on the steppe", "erosion"),
        )
        .unwrap();
        fs::write(
            corpus.join("2024/irrigation.txt"),
            composed_paper("Irrigation on the steppe", "irrigation"),
        )
        .unwrap();
        Project { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn corpus(&self) -> PathBuf {
        self.path().join("corpus")
    }

    pub fn index(&self, extra: &[&str]) -> Output {
        let mut args = vec!["index", "corpus", "--index", "index"];
        args.extend_from_slice(extra);
        run_in(self.path(), &args)
    }

    pub fn index_json(&self, extra: &[&str]) -> serde_json::Value {
        let mut args = vec!["--json"];
        args.extend_from_slice(extra);
        let out = self.index(&args);
        serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {} {}", stdout(&out), stderr(&out)))
    }

    pub fn search_json(&self, query: &str, extra: &[&str]) -> serde_json::Value {
        let mut args = vec![
            "search", query, "--index", "index", "--json", "--limit", "50",
        ];
        args.extend_from_slice(extra);
        let out = run_in(self.path(), &args);
        assert!(out.status.success(), "{query}: {}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// Paths of the papers a query finds, best first.
    pub fn found(&self, query: &str, extra: &[&str]) -> Vec<String> {
        self.search_json(query, extra)["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["path"].as_str().unwrap().to_string())
            .collect()
    }
}

#[test]
fn indexes_a_corpus_and_prints_one_summary_line() {
    let p = Project::new();
    let out = p.index(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let line = stdout(&out);
    assert_eq!(line.lines().count(), 1, "{line}");
    assert!(line.starts_with("indexed 3 papers"), "{line}");
    assert!(line.contains("MB/s"), "{line}");
    assert_eq!(p.found("irrigation", &[]), ["corpus/2024/irrigation.txt"]);
}

#[test]
fn a_bulk_run_says_it_merged_the_index() {
    let p = Project::new();
    // A commit per paper: one index segment each until the final merge.
    let out = p.index(&["--commit-every", "1", "--threads", "1"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let line = stdout(&out);
    assert!(
        line.contains("(3 index segments merged into one in "),
        "{line}"
    );
    assert_eq!(p.found("erosion", &[]), ["corpus/erosion.txt"]);
}

#[test]
fn a_second_run_changes_nothing_and_keeps_the_same_documents() {
    let p = Project::new();
    let first = p.index_json(&[]);
    assert_eq!(first["papers"], 3);
    let before = p.search_json("steppe OR China", &[]);
    let second = p.index_json(&[]);
    assert_eq!(
        (second["papers"].as_u64(), second["unchanged"].as_u64()),
        (Some(0), Some(3))
    );
    assert_eq!(second["total_papers"], 3);
    assert_eq!(p.search_json("steppe OR China", &[]), before);
}

#[test]
fn only_the_changed_file_is_reindexed_and_a_deleted_one_disappears() {
    let p = Project::new();
    p.index_json(&[]);
    let before: Vec<String> = p.found("steppe", &[]);
    fs::write(
        p.corpus().join("erosion.txt"),
        composed_paper("Soil erosion and tillage on the steppe", "erosion"),
    )
    .unwrap();
    let changed = p.index_json(&[]);
    assert_eq!(
        (changed["papers"].as_u64(), changed["unchanged"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(p.found("tillage", &[]), ["corpus/erosion.txt"]);
    assert_eq!(
        p.found("steppe", &[]).len(),
        before.len(),
        "the old version is gone"
    );

    fs::remove_file(p.corpus().join("2024/irrigation.txt")).unwrap();
    let removed = p.index_json(&[]);
    assert_eq!(removed["removed"], 1);
    assert_eq!(removed["total_papers"], 2);
    assert!(p.found("irrigation", &[]).is_empty());
}

/// Papers are known by their paths; a folder indexed on its own, then
/// moved or renamed, would be indexed again under the new path beside its
/// old entries, and every hit would show twice. A new path whose content
/// is an indexed paper's whose file is gone replaces it; a copy (the old
/// file still there) is a second paper.
#[test]
fn a_moved_folder_replaces_its_papers_and_a_copy_adds_them() {
    let p = Project::new();
    let run = |dir: &str| {
        let out = run_in(p.path(), &["index", dir, "--index", "index", "--json"]);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    assert_eq!(run("corpus/2024")["total_papers"], 1);
    fs::rename(p.corpus().join("2024"), p.corpus().join("2025")).unwrap();
    let moved = run("corpus/2025");
    assert_eq!(
        (
            moved["papers"].as_u64(),
            moved["removed"].as_u64(),
            moved["moved"].as_u64()
        ),
        (Some(1), Some(1), Some(1))
    );
    assert_eq!(moved["total_papers"], 1);
    assert_eq!(p.found("irrigation", &[]), ["corpus/2025/irrigation.txt"]);

    // The summary line says what happened.
    fs::rename(p.corpus().join("2025"), p.corpus().join("2026")).unwrap();
    let out = run_in(p.path(), &["index", "corpus/2026", "--index", "index"]);
    assert!(
        stdout(&out).contains("1 removed, 1 of them moved"),
        "{}",
        stdout(&out)
    );

    // A copy keeps both; so does the whole corpus, indexed with it.
    copy_dir(&p.corpus().join("2026"), &p.path().join("copy"));
    let copied = run("copy");
    assert_eq!(
        (copied["removed"].as_u64(), copied["total_papers"].as_u64()),
        (Some(0), Some(2))
    );
    let all = run("corpus");
    assert_eq!(
        (all["removed"].as_u64(), all["total_papers"].as_u64()),
        (Some(0), Some(4))
    );
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

#[test]
fn rebuild_reindexes_everything() {
    let p = Project::new();
    p.index_json(&[]);
    let rebuilt = p.index_json(&["--rebuild"]);
    assert_eq!(
        (rebuilt["papers"].as_u64(), rebuilt["unchanged"].as_u64()),
        (Some(3), Some(0))
    );
    assert_eq!(rebuilt["total_papers"], 3);
}

#[test]
fn bad_files_are_skipped_with_their_reason_and_exit_code_1() {
    let p = Project::new();
    let bad = p.corpus().join("bad");
    fs::create_dir_all(&bad).unwrap();
    fs::write(bad.join("empty.txt"), "").unwrap();
    fs::write(bad.join("blank.txt"), " \n\t\n").unwrap();
    fs::write(
        bad.join("image.txt"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10",
    )
    .unwrap();
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    fs::write(bad.join("noise.txt"), noise).unwrap();
    fs::write(bad.join("big.txt"), "word ".repeat(400_000)).unwrap();
    fs::write(bad.join("notes.md"), "not a paper").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("..", bad.join("loop")).unwrap();

    let out = p.index(&["--max-size", "1"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    for name in [
        "empty.txt",
        "blank.txt",
        "image.txt",
        "noise.txt",
        "big.txt",
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(&format!("corpus/bad/{name}")))
            .unwrap_or_else(|| panic!("no line names {name}: {err}"));
        assert!(line.starts_with("ushtil: skipped "), "{line}");
    }
    assert!(err.contains("too large"), "{err}");
    #[cfg(unix)]
    assert!(err.contains("symlink loop"), "{err}");
    assert!(
        !err.contains("notes.md"),
        "only .txt files are read from directories"
    );
    assert!(
        stdout(&out).starts_with("indexed 3 papers"),
        "{}",
        stdout(&out)
    );
    assert_eq!(p.found("irrigation", &[]), ["corpus/2024/irrigation.txt"]);
}

#[test]
fn a_second_writer_is_told_the_index_is_locked() {
    let p = Project::new();
    p.index_json(&[]);
    let index = ushtil_index::Index::open(p.path().join("index")).unwrap();
    let lock = index.lock().unwrap();
    fs::write(
        p.corpus().join("new.txt"),
        composed_paper("Wind on the steppe", "wind"),
    )
    .unwrap();
    let out = p.index(&[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("index is locked"), "{err}");
    // Searching still works while the writer holds the lock.
    assert_eq!(p.found("irrigation", &[]), ["corpus/2024/irrigation.txt"]);
    drop(lock);
    assert_eq!(p.index(&[]).status.code(), Some(0));
}

#[test]
fn a_damaged_index_names_rebuild_and_rebuild_repairs_it() {
    let p = Project::new();
    p.index_json(&[]);
    fs::write(p.path().join("index/meta.json"), "{ truncated").unwrap();
    let out = p.index(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--rebuild"), "{}", stderr(&out));
    let search = run_in(p.path(), &["search", "steppe", "--index", "index"]);
    assert_eq!(search.status.code(), Some(2));
    assert!(stderr(&search).contains("--rebuild"), "{}", stderr(&search));

    let rebuilt = p.index_json(&["--rebuild"]);
    assert_eq!(rebuilt["total_papers"], 3);
    assert_eq!(p.found("irrigation", &[]), ["corpus/2024/irrigation.txt"]);
}

#[test]
fn a_deleted_segment_file_is_reported_as_damage() {
    let p = Project::new();
    p.index_json(&[]);
    let victim = fs::read_dir(p.path().join("index"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "store"))
        .expect("a segment store file");
    fs::remove_file(victim).unwrap();
    let search = run_in(p.path(), &["search", "steppe", "--index", "index"]);
    assert_eq!(search.status.code(), Some(2), "{}", stdout(&search));
    assert!(stderr(&search).contains("--rebuild"), "{}", stderr(&search));
    assert_eq!(p.index_json(&["--rebuild"])["total_papers"], 3);
}

#[test]
fn synthetic_papers_index_alongside_the_article() {
    let data = repo_root().join("../shared/data");
    if !data.is_dir() {
        eprintln!(
            "skipping: {} is absent (ushtil synth needs it)",
            data.display()
        );
        return;
    }
    let p = Project::new();
    let data = data.to_string_lossy().into_owned();
    let synth = run_in(
        p.path(),
        &[
            "synth",
            "--papers",
            "40",
            "--out",
            "corpus/synth",
            "--data",
            &data,
        ],
    );
    assert!(synth.status.success(), "{}", stderr(&synth));
    let summary = p.index_json(&[]);
    assert_eq!(summary["total_papers"], 43, "{summary}");
    assert!(
        summary["skipped"].as_array().unwrap().is_empty(),
        "{summary}"
    );
    // Synthetic papers carry trilingual front matter: each language finds some.
    for (query, lang) in [("the", "en"), ("и", "ru"), ("және", "kk")] {
        let r = p.search_json(query, &["--lang", lang]);
        assert!(r["total"].as_u64().unwrap() > 10, "{query}: {}", r["total"]);
    }
}
