//! Helpers shared by the end-to-end tests: run the built `ushtil` binary.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// The `ushtil` binary cargo built for these tests.
pub fn ushtil_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_ushtil"))
}

/// The repository root (where `corpus/` is).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `ushtil` with `args`, feeding `stdin`, and returns its output.
#[allow(dead_code)]
pub fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(ushtil_bin())
        .args(args)
        .current_dir(repo_root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the ushtil binary runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin.as_bytes())
        .expect("stdin accepts input");
    child.wait_with_output().expect("ushtil finishes")
}
