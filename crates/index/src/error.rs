//! The typed errors of the index: what went wrong, where, and what to do.

use std::path::PathBuf;

/// Everything the index can fail with. Messages are lowercase, name the thing
/// (the index directory, the query) and suggest the fix.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// No index at `dir` (no `meta.json`).
    #[error("no index at {dir}: run `ushtil index PATH… --index {dir}` to build one")]
    Missing { dir: PathBuf },

    /// The index at `dir` cannot be opened or read (corrupt `meta.json`, a
    /// missing or truncated segment file).
    #[error(
        "the index at {dir} is damaged or from another ushtil version ({reason}); \
         run `ushtil index --rebuild --index {dir}` to rebuild it"
    )]
    Damaged { dir: PathBuf, reason: String },

    /// The index at `dir` was written by a version of ushtil with another
    /// schema: this one cannot read it.
    #[error(
        "the index at {dir} was built by another ushtil version (its schema is not this \
         version's); run `ushtil index --rebuild --index {dir}` to rebuild it"
    )]
    OtherVersion { dir: PathBuf },

    /// Another writer holds the index's lock.
    #[error(
        "index is locked: another ushtil index is writing to {dir}; wait for it to finish \
         (a killed writer releases the lock when its process ends)"
    )]
    Locked { dir: PathBuf },

    /// The index can be read but not written (its lock file cannot be made).
    #[error(
        "cannot write to the index at {dir} ({reason}): index as a user who may write there, \
         or into another --index directory"
    )]
    ReadOnly { dir: PathBuf, reason: String },

    /// The disk holding the index filled up while writing. The last commit
    /// is intact; the next run completes the job.
    #[error(
        "no space left on the device holding {dir} ({free_mb} MB free): free some space and \
         run `ushtil index` again (the last commit is intact, the next run completes it)"
    )]
    DiskFull { dir: PathBuf, free_mb: u64 },

    /// The query cannot be parsed.
    #[error("malformed query: {message}{}", caret(query, *position))]
    Query {
        query: String,
        /// Byte offset in the query where the problem was found, when known.
        position: Option<usize>,
        message: String,
    },

    /// A file or directory operation on the index directory failed.
    /// (The cause is in the message, not a `source()`, so `{:#}` does not
    /// print it twice.)
    #[error("{what} {path}: {cause}")]
    Io {
        what: &'static str,
        path: PathBuf,
        cause: std::io::Error,
    },

    /// A tantivy failure that is none of the above (disk full while committing, …).
    #[error("index operation failed on {dir}: {cause}")]
    Tantivy {
        dir: PathBuf,
        cause: tantivy::TantivyError,
    },
}

/// The query on its own line with a caret under `position` (a byte offset).
fn caret(query: &str, position: Option<usize>) -> String {
    let Some(position) = position else {
        return String::new();
    };
    let column = query
        .char_indices()
        .take_while(|(i, _)| *i < position)
        .count();
    let line: String = query
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!("\n    {line}\n    {}^", " ".repeat(column))
}

/// The crate's result type.
pub type Result<T, E = IndexError> = std::result::Result<T, E>;
