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

/// An index the user may read but not write (another user's, a read-only
/// share) is not damaged: search answers, or says it lacks permission, and
/// never advises `--rebuild`, which would not help. As root, the search runs
/// as `nobody` through `setpriv`; without it the test says so.
#[test]
fn read_only_index_is_not_called_damaged() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let index_dir = tmp.path().join("index");
    write_papers(&corpus, 3);
    index(&[&corpus], &index_dir, &[], Duration::from_secs(300)).assert_code(0);
    let dir_mode = |mode| fs::Permissions::from_mode(mode);
    // Shared as an administrator would: everything readable, nothing writable.
    // (tantivy writes meta.json and .managed.json with mode 0600.)
    fs::set_permissions(tmp.path(), dir_mode(0o755)).unwrap();
    for file in files_under(&index_dir) {
        fs::set_permissions(file, dir_mode(0o444)).unwrap();
    }
    let mut command = if super::common::running_as_root(tmp.path()) {
        let Some(command) = super::common::ushtil_as_nobody("a read-only index") else {
            return;
        };
        command
    } else {
        fs::set_permissions(&index_dir, dir_mode(0o555)).unwrap();
        std::process::Command::new(crate::util::ushtil_bin())
    };
    let args = [
        std::ffi::OsStr::new("search"),
        std::ffi::OsStr::new(super::common::COMMON),
        std::ffi::OsStr::new("--index"),
        index_dir.as_os_str(),
        std::ffi::OsStr::new("--json"),
    ];
    let child = command
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("ushtil search starts");
    let out = super::common::finish(
        child,
        super::common::describe(&args),
        Duration::from_secs(60),
    );
    fs::set_permissions(&index_dir, dir_mode(0o755)).unwrap();
    out.assert_no_panic();
    assert!(
        !out.stderr.contains("--rebuild") && !out.stderr.contains("damaged"),
        "a read-only index is not damaged: {}",
        out.stderr
    );
    match out.code() {
        Some(0) => assert_eq!(super::common::total(&super::common::parse_json(&out)), 3),
        _ => assert!(
            out.stderr.to_lowercase().contains("permission"),
            "a refusal says it lacks permission: {}",
            out.stderr
        ),
    }
}

/// A tmpfs mounted for one test, unmounted when dropped (even on failure).
struct Tmpfs(PathBuf);

impl Tmpfs {
    /// Mounts a tmpfs of `size` (`mount -o size=…`) at `dir`, or `None` where
    /// this process may not mount (not root, no CAP_SYS_ADMIN).
    fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        fs::create_dir_all(dir).unwrap();
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(dir.to_path_buf()))
    }

    fn resize(&self, size: &str) {
        let ok = std::process::Command::new("mount")
            .args(["-o", &format!("remount,size={size}")])
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "the tmpfs at {} can be resized", self.0.display());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.0)
            .status();
    }
}

/// The disk fills up during a run: the run stops with a message that says
/// so (no panic), the last commit still answers, and once there is room
/// again the next run completes. The index lives on a small tmpfs; where
/// this process may not mount one, the test says so.
#[test]
fn disk_full_while_indexing_keeps_the_last_commit_and_says_why() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let Some(disk) = Tmpfs::mount(&tmp.path().join("vol"), "256k") else {
        eprintln!("notice: cannot mount a tmpfs here (needs root): disk-full is not tested");
        return;
    };
    let index_dir = disk.0.join("index");
    write_papers(&corpus, 5);
    index(&[&corpus], &index_dir, &[], Duration::from_secs(300)).assert_code(0);
    write_papers(&corpus, 600);
    let full = index(&[&corpus], &index_dir, &[], Duration::from_secs(300));
    full.assert_no_panic();
    assert_ne!(
        full.code(),
        Some(0),
        "a run that ran out of disk does not claim success"
    );
    let after = super::common::search_json(&index_dir, super::common::COMMON, 1000);
    assert_eq!(
        super::common::total(&after),
        5,
        "the last commit (5 papers) still answers after the disk filled"
    );
    disk.resize("64m");
    index(&[&corpus], &index_dir, &[], Duration::from_secs(600)).assert_code(0);
    assert_holds_each_once(&index_dir, 600, 10);
    assert!(
        full.stderr.to_lowercase().contains("no space")
            || full.stderr.to_lowercase().contains("disk"),
        "the message says the disk is full: {}",
        full.stderr
    );
}

/// `--index` naming a file, not a directory: exit 2 with a message that
/// names the path and gives its cause once (anyhow's `{:#}` prints the
/// source chain, so an error whose text already embeds its source repeats it).
#[test]
fn index_path_that_is_a_file_gets_one_clear_message() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    write_papers(&corpus, 1);
    let not_a_dir = tmp.path().join("index");
    fs::write(&not_a_dir, b"not an index").unwrap();
    let out = index(&[&corpus], &not_a_dir, &[], Duration::from_secs(60));
    out.assert_code(2);
    assert!(
        out.stderr.contains(&*not_a_dir.to_string_lossy()),
        "names the path: {}",
        out.stderr
    );
    let message = out.stderr.trim();
    let parts: Vec<&str> = message.split(": ").collect();
    for (i, part) in parts.iter().enumerate() {
        assert!(
            !parts[i + 1..].contains(part),
            "the message repeats {part:?}: {message}"
        );
    }
}
