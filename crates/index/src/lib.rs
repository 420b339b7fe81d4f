//! The tantivy index of segmented papers: schema and analysers, rayon-parallel
//! ingestion, incremental updates, and search.
//!
//! # Model
//!
//! Every paper becomes one tantivy document per *segment* — a title, an
//! abstract, a keyword list, a paragraph of a body section, a reference — plus
//! one `paper` document holding the serialised [`Paper`] (without the texts
//! its segment documents store: `record`), its path and its content hash.
//! A segment's text is indexed in one field, analysed for its language
//! (`ushtil_lang::analysis::names::{KK_INDEX, RU, EN}`; Kazakh words also
//! under their term folded to the Russian keyboard, so `кытай` finds
//! `Қытай`), or in the language-neutral `PLAIN` field when it is in none
//! of ours (`und`). Queries are analysed by every language's analyser, and
//! folded for the Kazakh field, so a query in any language, typed on any
//! keyboard, finds its stems.
//!
//! # Paper ids
//!
//! A paper's *path* is its file's path relative to the directory that holds
//! the index directory (for the default `index/`, the project root: so
//! `corpus/going-out-policy-migration.txt`), or its absolute path when the file
//! lies elsewhere. The *id* is 12 hex digits of the xxh3 hash of that path: it
//! survives re-runs, content edits and moving the project with its index, and
//! changes when the file is renamed. Texts ingested from memory
//! ([`Index::ingest_texts`]) use the name they are given as their path.
//!
//! # Incremental ingestion
//!
//! The `paper` document keeps the hash of the file's bytes *and* of the
//! pipeline (schema version plus what the segmenter, detector and analysers
//! make of a probe text): a second run skips papers whose hash is unchanged,
//! re-indexes the rest, and deletes papers under the given paths whose files
//! are gone. When the segmenter or an analyser changes, every paper counts as
//! changed. The writer commits every [`IngestOptions::commit_every`] papers, a
//! paper's delete and adds always in the same commit: a killed run leaves the
//! last commit usable and the next run finishes the job.
//!
//! # Example
//!
//! ```
//! use ushtil_index::{Index, IngestOptions, SearchRequest};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let index = Index::open_or_create(dir.path().join("index")).unwrap();
//! let text = "Labour export\n\nThe article examines the export of labour.\n".to_string();
//! let summary = index
//!     .ingest_texts(vec![("mem/a.txt".into(), text)], &IngestOptions::default(), &|_| {})
//!     .unwrap();
//! assert_eq!(summary.papers, 1);
//! let results = index.search(&SearchRequest::new("exported")).unwrap();
//! assert_eq!(results.total, 1);
//! assert_eq!(results.hits[0].path, "mem/a.txt");
//! assert!(results.hits[0].segments[0].snippet().contains("<b>export</b>"));
//! ```
//!
//! # Concurrency
//!
//! [`Index`] is `Send + Sync`: share it behind an `Arc`. Its reader reloads by
//! itself shortly after another process commits (a server keeps answering
//! while `ushtil index` runs); [`Index::reload`] forces it. Only one writer at
//! a time: a second gets [`IndexError::Locked`].

mod error;
mod ingest;
mod query;
mod readonly;
mod record;
mod schema;
mod search;
mod snippet;
mod term_query;

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::collector::DocSetCollector;
use tantivy::directory::{Directory, INDEX_WRITER_LOCK, MmapDirectory};
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{IndexReader, ReloadPolicy, TantivyDocument, Term};
use ushtil_segment::{LangText, Paper};

pub use error::{IndexError, Result};
pub use ingest::{IngestOptions, IngestSummary, Progress, Skipped, Staleness, writer_budget};
pub use schema::{Kind, ParseKindError, index_analyser};
pub use search::{Expansion, Facets, PaperHit, SearchRequest, SearchResults, SegmentHit};
pub use snippet::Fragment;
pub use ushtil_lang::Lang;

use schema::Fields;

/// Bumped whenever the schema or the document layout changes; part of the
/// pipeline fingerprint, so old papers get re-indexed.
pub(crate) const SCHEMA_VERSION: u32 = 6;

/// Name of the file ushtil keeps beside tantivy's in the index directory.
const MARKER_FILE: &str = "ushtil-index.json";

/// The cached pipeline fingerprint (see `ingest::pipeline_fingerprint`).
pub(crate) const FINGERPRINT_FILE: &str = "ushtil-fingerprint.json";

/// A paper as stored in the index.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredPaper {
    pub id: String,
    pub path: String,
    pub paper: Paper,
}

/// A paper's id, path and titles: a line of [`Index::papers`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaperSummary {
    pub id: String,
    pub path: String,
    pub titles: Vec<LangText>,
}

/// Counts of what the index holds at its last commit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct IndexStats {
    pub papers: u64,
    pub segments: u64,
}

/// The writer lock of an index, held until dropped (see [`Index::lock`]).
pub struct IndexLock {
    _lock: tantivy::directory::DirectoryLock,
}

/// An open index directory. See the crate documentation.
pub struct Index {
    dir: PathBuf,
    /// Paths of papers are stored relative to this directory (the index
    /// directory's parent), when they lie under it.
    base: PathBuf,
    index: tantivy::Index,
    fields: Fields,
    reader: IndexReader,
    /// Query parsers and titles reused across searches (see `search.rs`).
    search_cache: search::SearchCache,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index").field("dir", &self.dir).finish()
    }
}

/// Size of a block of the document store (tantivy's default is 16 KB).
/// Every shown segment costs the decompression of its block, and a segment
/// is a few hundred bytes: with 4 KB blocks a search whose hits are not
/// cached yet is about a quarter faster (first-round p50 0.33 -> 0.25 ms on
/// the 1,000-paper bench corpus) for an index about 11% larger (1.87 -> 2.08
/// times the input).
const DOCSTORE_BLOCK_BYTES: usize = 4096;

impl Index {
    /// Whether `dir` holds an index (it may still be damaged).
    pub fn exists(dir: impl AsRef<Path>) -> bool {
        dir.as_ref().join("meta.json").is_file()
    }

    /// Opens the index at `dir`: [`IndexError::Missing`] when there is none,
    /// [`IndexError::Damaged`] when it cannot be read,
    /// [`IndexError::OtherVersion`] when another version wrote it.
    pub fn open(dir: impl AsRef<Path>) -> Result<Index> {
        let dir = dir.as_ref().to_path_buf();
        if !Index::exists(&dir) {
            return Err(IndexError::Missing { dir });
        }
        let damaged = |reason: String| IndexError::Damaged {
            dir: dir.clone(),
            reason,
        };
        let directory = readonly::ReadTolerantDirectory::open(&dir)
            .map_err(|e| damaged(short_reason(&e.to_string())))?;
        let index =
            tantivy::Index::open(directory).map_err(|e| damaged(short_reason(&e.to_string())))?;
        Index::from_tantivy(dir.clone(), index)
    }

    /// Opens the index at `dir`, creating the directory and an empty index
    /// when there is none.
    pub fn open_or_create(dir: impl AsRef<Path>) -> Result<Index> {
        let dir = dir.as_ref().to_path_buf();
        if Index::exists(&dir) {
            return Index::open(dir);
        }
        fs::create_dir_all(&dir).map_err(|cause| IndexError::Io {
            what: "cannot create index directory",
            path: dir.clone(),
            cause,
        })?;
        let fields = Fields::new();
        let index = tantivy::Index::builder()
            .schema(fields.schema.clone())
            .settings(tantivy::IndexSettings {
                docstore_blocksize: DOCSTORE_BLOCK_BYTES,
                // Blocks compressed by the indexing thread itself: a thread of
                // their own woke for every 4 KB block and preempted the
                // indexing thread each time (18,000 context switches against
                // 700 for a one-thread load of 1,000 papers; 5% of its time).
                docstore_compress_dedicated_thread: false,
                ..tantivy::IndexSettings::default()
            })
            .create_in_dir(&dir)
            .map_err(|e| {
                match e {
                    // Another process created it between our check and now.
                    tantivy::TantivyError::IndexAlreadyExists => {
                        IndexError::Locked { dir: dir.clone() }
                    }
                    cause => IndexError::Tantivy {
                        dir: dir.clone(),
                        cause,
                    },
                }
            })?;
        write_marker(&dir)?;
        Index::from_tantivy(dir, index)
    }

    /// Deletes the index at `dir` (only the files tantivy and ushtil own: other
    /// files in the directory stay) and creates an empty one. Works on a
    /// damaged index; fails with [`IndexError::Locked`] while a writer runs.
    pub fn rebuild(dir: impl AsRef<Path>) -> Result<Index> {
        let dir = dir.as_ref().to_path_buf();
        if dir.is_dir() {
            let directory = MmapDirectory::open(&dir).map_err(|e| IndexError::Damaged {
                dir: dir.clone(),
                reason: e.to_string(),
            })?;
            let lock = directory
                .acquire_lock(&INDEX_WRITER_LOCK)
                .map_err(|_| IndexError::Locked { dir: dir.clone() })?;
            let entries = fs::read_dir(&dir).map_err(|cause| IndexError::Io {
                what: "cannot list index directory",
                path: dir.clone(),
                cause,
            })?;
            for entry in entries.flatten() {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if is_owned_index_file(&name) && entry.path().is_file() {
                    fs::remove_file(entry.path()).map_err(|cause| IndexError::Io {
                        what: "cannot remove index file",
                        path: entry.path(),
                        cause,
                    })?;
                }
            }
            drop(lock);
        }
        Index::open_or_create(dir)
    }

    fn from_tantivy(dir: PathBuf, index: tantivy::Index) -> Result<Index> {
        let fields = Fields::new();
        let damaged = |reason: String| IndexError::Damaged {
            dir: dir.clone(),
            reason,
        };
        if index.schema() != fields.schema {
            return Err(IndexError::OtherVersion { dir });
        }
        ushtil_lang::analysis::register(index.tokenizers());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()
            .map_err(|e| damaged(short_reason(&e.to_string())))?;
        let base = fs::canonicalize(&dir)
            .ok()
            .and_then(|d| d.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| PathBuf::from("."));
        Ok(Index {
            dir,
            base,
            index,
            fields,
            reader,
            search_cache: Default::default(),
        })
    }

    /// Takes the index's writer lock and holds it until the guard is
    /// dropped: other writers (another `ushtil index`) get
    /// [`IndexError::Locked`] meanwhile. For maintenance and tests.
    pub fn lock(&self) -> Result<IndexLock> {
        let lock = self
            .index
            .directory()
            .acquire_lock(&INDEX_WRITER_LOCK)
            .map_err(|_| IndexError::Locked {
                dir: self.dir.clone(),
            })?;
        Ok(IndexLock { _lock: lock })
    }

    /// The index directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Makes the next searches see the last commit now, rather than shortly
    /// after it (the reader reloads by itself).
    pub fn reload(&self) -> Result<()> {
        self.reader.reload().map_err(|e| self.tantivy_err(e))
    }

    /// How many papers and segments the last commit holds.
    pub fn stats(&self) -> IndexStats {
        let searcher = self.reader.searcher();
        let papers = self
            .paper_addresses(&searcher)
            .map(|a| a.len() as u64)
            .unwrap_or(0);
        let docs = searcher.num_docs();
        IndexStats {
            papers,
            segments: docs.saturating_sub(papers),
        }
    }

    /// The paper with this id, as segmented when it was indexed: its record
    /// with the texts of its segments put back (see `record`).
    pub fn paper(&self, id: &str) -> Result<Option<StoredPaper>> {
        let id = id.trim();
        let searcher = self.reader.searcher();
        let damaged = |reason: String| IndexError::Damaged {
            dir: self.dir.clone(),
            reason,
        };
        // A paper's documents are written as one group, so they sit in one
        // index segment in the order they were written.
        let query = TermQuery::new(
            Term::from_field_text(self.fields.paper, id),
            IndexRecordOption::Basic,
        );
        let mut addresses: Vec<tantivy::DocAddress> = searcher
            .search(&query, &DocSetCollector)
            .map_err(|e| self.tantivy_err(e))?
            .into_iter()
            .collect();
        addresses.sort();
        let mut record: Option<TantivyDocument> = None;
        let mut segments = Vec::new();
        // The segments come first, then the record.
        for address in addresses {
            let doc: TantivyDocument = searcher.doc(address).map_err(|e| self.tantivy_err(e))?;
            let kind = str_field(&doc, self.fields.kind);
            if kind == Kind::Paper.as_str() {
                record = Some(doc);
                break;
            }
            if let Ok(kind) = kind.parse::<Kind>() {
                segments.push((kind, str_field(&doc, self.fields.text)));
            }
        }
        let Some(doc) = record else {
            return Ok(None);
        };
        let json = doc
            .get_first(self.fields.paper_json)
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        let skeleton = record::from_json(json)
            .map_err(|e| damaged(format!("stored paper {id} does not parse: {e}")))?;
        let paper = record::reassemble(skeleton, segments)
            .map_err(|e| damaged(format!("stored paper {id}: {e}")))?;
        Ok(Some(StoredPaper {
            id: id.to_string(),
            path: str_field(&doc, self.fields.path),
            paper,
        }))
    }

    /// Every paper in the index, ordered by path.
    pub fn papers(&self) -> Result<Vec<PaperSummary>> {
        let searcher = self.reader.searcher();
        let mut out = Vec::new();
        for address in self.paper_addresses(&searcher)? {
            let doc: TantivyDocument = searcher.doc(address).map_err(|e| self.tantivy_err(e))?;
            let titles = doc
                .get_first(self.fields.titles_json)
                .and_then(|v| v.as_str())
                .and_then(|s| serde_json::from_str(s).ok())
                .unwrap_or_default();
            out.push(PaperSummary {
                id: str_field(&doc, self.fields.paper),
                path: str_field(&doc, self.fields.path),
                titles,
            });
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    fn paper_addresses(&self, searcher: &tantivy::Searcher) -> Result<Vec<tantivy::DocAddress>> {
        let query = TermQuery::new(
            Term::from_field_text(self.fields.kind, Kind::Paper.as_str()),
            IndexRecordOption::Basic,
        );
        let docs = searcher
            .search(&query, &DocSetCollector)
            .map_err(|e| self.tantivy_err(e))?;
        let mut docs: Vec<_> = docs.into_iter().collect();
        docs.sort();
        Ok(docs)
    }

    pub(crate) fn tantivy_err(&self, source: tantivy::TantivyError) -> IndexError {
        tantivy_error(&self.dir, source)
    }
}

/// Maps a tantivy error to ours: lock failures and corruption get their own
/// variants.
pub(crate) fn tantivy_error(dir: &Path, source: tantivy::TantivyError) -> IndexError {
    use tantivy::TantivyError as T;
    match source {
        T::LockFailure(tantivy::directory::error::LockError::IoError(e), _) => {
            IndexError::ReadOnly {
                dir: dir.to_path_buf(),
                reason: e.to_string().to_lowercase(),
            }
        }
        T::LockFailure(..) => IndexError::Locked {
            dir: dir.to_path_buf(),
        },
        T::DataCorruption(_)
        | T::OpenReadError(_)
        | T::OpenDirectoryError(_)
        | T::SchemaError(_) => IndexError::Damaged {
            dir: dir.to_path_buf(),
            reason: short_reason(&source.to_string()),
        },
        cause => IndexError::Tantivy {
            dir: dir.to_path_buf(),
            cause,
        },
    }
}

/// A tantivy message cut to a readable length (they can embed whole debug
/// dumps of I/O errors).
pub(crate) fn short_reason(reason: &str) -> String {
    const MAX: usize = 160;
    let reason = reason.trim();
    if reason.chars().count() <= MAX {
        return reason.to_string();
    }
    let cut: String = reason.chars().take(MAX).collect();
    format!("{cut}…")
}

fn str_field(doc: &TantivyDocument, field: tantivy::schema::Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

/// Writes the marker that says this directory is a ushtil index (so a
/// `--rebuild` can tell it owns the files).
fn write_marker(dir: &Path) -> Result<()> {
    let path = dir.join(MARKER_FILE);
    let body = serde_json::json!({ "ushtil_index_schema": SCHEMA_VERSION }).to_string();
    fs::write(&path, body).map_err(|cause| IndexError::Io {
        what: "cannot write",
        path,
        cause,
    })
}

/// Whether a file in the index directory belongs to tantivy or to us (and so
/// may be deleted by a rebuild). Tantivy names its files `meta.json`,
/// `.managed.json`, `.tantivy-*.lock` and `<32 hex digits>.<ext>` (segment
/// components; deletes are `<hex>.<opstamp>.del`).
fn is_owned_index_file(name: &str) -> bool {
    if matches!(
        name,
        "meta.json" | ".managed.json" | MARKER_FILE | FINGERPRINT_FILE
    ) {
        return true;
    }
    if name.starts_with(".tantivy-") {
        // Lock files: tantivy recreates them; deleting an unlocked one is safe.
        return false;
    }
    let Some((stem, _ext)) = name.split_once('.') else {
        return false;
    };
    stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rebuild_deletes_only_files_tantivy_or_ushtil_owns() {
        assert!(is_owned_index_file("meta.json"));
        assert!(is_owned_index_file(".managed.json"));
        assert!(is_owned_index_file(MARKER_FILE));
        assert!(is_owned_index_file("0123456789abcdef0123456789abcdef.idx"));
        assert!(is_owned_index_file(
            "0123456789abcdef0123456789abcdef.12.del"
        ));
        assert!(!is_owned_index_file(".gitignore"));
        assert!(!is_owned_index_file("notes.txt"));
        assert!(!is_owned_index_file("0123.idx"));
        assert!(!is_owned_index_file(".tantivy-writer.lock"));
    }
}
