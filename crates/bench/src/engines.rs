//! The three engines measured on the same corpus: ushtil itself, the floor
//! (stock tantivy) and SQLite FTS5. Each measurement runs in its own process
//! (see [`crate::run_worker`]) so that its peak memory is its own.

use std::fs;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Instant;

use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{STORED, STRING, Schema, TEXT};
use tantivy::{TantivyDocument, doc};

use crate::BenchError;

/// A search engine the bench measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Engine {
    /// ushtil: repair, segmentation, detection, per-language analysis.
    Ushtil,
    /// The same tantivy with its stock `default` analyser, one document per
    /// blank-line-separated paragraph, no repair, detection or stemming.
    Floor,
    /// SQLite FTS5 (bundled), `unicode61 remove_diacritics 2`, bm25 order.
    Sqlite,
}

impl Engine {
    pub fn name(self) -> &'static str {
        match self {
            Engine::Ushtil => "ushtil",
            Engine::Floor => "floor",
            Engine::Sqlite => "sqlite",
        }
    }
}

impl FromStr for Engine {
    type Err = BenchError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "ushtil" => Ok(Engine::Ushtil),
            "floor" => Ok(Engine::Floor),
            "sqlite" => Ok(Engine::Sqlite),
            other => Err(BenchError::Usage(format!(
                "unknown engine '{other}': use ushtil, floor or sqlite"
            ))),
        }
    }
}

/// One ingestion run's figures.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct IngestRun {
    pub engine: Engine,
    pub threads: usize,
    pub seconds: f64,
    pub papers: u64,
    /// Documents (segments or rows) the engine holds.
    pub documents: u64,
    pub input_bytes: u64,
    pub index_bytes: u64,
    pub peak_rss_bytes: u64,
    /// CPU time (user + system, all threads) of the ingesting process: less
    /// sensitive than `seconds` to other load on the machine.
    pub cpu_seconds: f64,
    /// Of `seconds`, the final merge of ushtil's bulk load (0 for the peers,
    /// which leave merging to tantivy's policy or have none).
    #[serde(default)]
    pub merge_seconds: f64,
    /// With `--repeat`: the wall seconds of every repetition, in run order
    /// (this run is their median); empty for a single run.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seconds_all: Vec<f64>,
}

/// One query run's figures.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct QueryRun {
    pub engine: Engine,
    pub queries: usize,
    pub samples: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub mean_ms: f64,
    /// p50 of the first round, each query seen for the first time by this
    /// process (no cache of the engine's, or of ours, has seen it); the
    /// other figures are over the timed rounds after it.
    pub first_round_p50_ms: f64,
    /// Queries with at least one hit (a sanity check: a broken pipeline
    /// answers nothing fast).
    pub queries_with_hits: usize,
    pub peak_rss_bytes: u64,
    /// With `--repeat`: the p50 of every repetition, in run order (this run
    /// is their median); empty for a single run.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub p50_all_ms: Vec<f64>,
}

/// CPU time this process has used so far (user + system, every thread), from
/// `/proc/self/stat`; 0 where the kernel does not report it.
pub fn cpu_seconds() -> f64 {
    // Linux reports these in clock ticks of USER_HZ, 100 on every platform
    // Linux supports today.
    const TICKS_PER_SECOND: f64 = 100.0;
    let Ok(stat) = fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the parenthesised command name; utime and stime are the
    // 14th and 15th fields of the line, the 12th and 13th after it.
    let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else {
        return 0.0;
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / TICKS_PER_SECOND
}

/// The load average over the last minute (`/proc/loadavg`), to tell a quiet
/// machine's figures from a busy one's.
pub fn load_average() -> Option<f64> {
    fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// The `.txt` files of a corpus folder, sorted.
pub fn corpus_files(corpus: &Path) -> Result<Vec<PathBuf>, BenchError> {
    let io = |source| BenchError::Io {
        path: corpus.to_path_buf(),
        source,
    };
    let mut files: Vec<PathBuf> = fs::read_dir(corpus)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    Ok(files)
}

/// Total size of the files under `path` (a file or a folder).
pub fn disk_size(path: &Path) -> u64 {
    let Ok(meta) = fs::metadata(path) else {
        return 0;
    };
    if meta.is_file() {
        return meta.len();
    }
    fs::read_dir(path)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| disk_size(&e.path()))
                .sum()
        })
        .unwrap_or(0)
}

/// Peak resident memory of this process (`VmHWM` of `/proc/self/status`), or
/// 0 where the kernel does not report it.
pub fn peak_rss_bytes() -> u64 {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status.lines().find_map(|line| {
                let kb = line.strip_prefix("VmHWM:")?.trim().strip_suffix("kB")?;
                kb.trim().parse::<u64>().ok()
            })
        })
        .map_or(0, |kb| kb * 1024)
}

/// The floor's and SQLite's segments: paragraphs split at blank lines, as
/// they stand (no repair).
fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.split("\n\n").map(str::trim).filter(|p| !p.is_empty())
}

fn read(path: &Path) -> Result<String, BenchError> {
    let bytes = fs::read(path).map_err(|source| BenchError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Indexes the corpus into `index` (a fresh folder) with `engine`.
pub fn ingest(
    engine: Engine,
    corpus: &Path,
    index: &Path,
    threads: usize,
) -> Result<IngestRun, BenchError> {
    let files = corpus_files(corpus)?;
    let input_bytes: u64 = files.iter().map(|f| disk_size(f)).sum();
    fs::create_dir_all(index).map_err(|source| BenchError::Io {
        path: index.to_path_buf(),
        source,
    })?;
    let start = Instant::now();
    let cpu_start = cpu_seconds();
    let mut merge_seconds = 0.0;
    let (papers, documents) = match engine {
        Engine::Ushtil => {
            let summary = ingest_ushtil(corpus, index, threads)?;
            merge_seconds = summary.merge_seconds;
            (summary.papers, summary.segments)
        }
        Engine::Floor => ingest_floor(&files, index, threads)?,
        Engine::Sqlite => ingest_sqlite(&files, index)?,
    };
    let seconds = start.elapsed().as_secs_f64();
    Ok(IngestRun {
        engine,
        threads,
        seconds,
        papers,
        documents,
        input_bytes,
        index_bytes: disk_size(index),
        peak_rss_bytes: peak_rss_bytes(),
        cpu_seconds: cpu_seconds() - cpu_start,
        merge_seconds,
        seconds_all: Vec::new(),
    })
}

fn ingest_ushtil(
    corpus: &Path,
    index: &Path,
    threads: usize,
) -> Result<ushtil_index::IngestSummary, BenchError> {
    let idx = ushtil_index::Index::open_or_create(index)?;
    let options = ushtil_index::IngestOptions {
        threads,
        ..Default::default()
    };
    Ok(idx.ingest(&[corpus.to_path_buf()], &options, &|_| {})?)
}

fn floor_schema() -> Schema {
    let mut b = Schema::builder();
    b.add_text_field("paper", STRING | STORED);
    b.add_text_field("text", TEXT | STORED);
    b.build()
}

fn ingest_floor(files: &[PathBuf], index: &Path, threads: usize) -> Result<(u64, u64), BenchError> {
    let schema = floor_schema();
    let paper_f = schema
        .get_field("paper")
        .expect("the floor schema has paper");
    let text_f = schema.get_field("text").expect("the floor schema has text");
    let idx = tantivy::Index::create_in_dir(index, schema)?;
    let threads = threads.max(1);
    let mut writer: tantivy::IndexWriter<TantivyDocument> =
        // The same indexing memory as ushtil's writer: as few segments.
        idx.writer_with_num_threads(threads, ushtil_index::writer_budget(threads))?;
    let documents = for_each_paragraph(files, |name, para| {
        writer.add_document(doc!(paper_f => name, text_f => para))?;
        Ok(())
    })?;
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok((files.len() as u64, documents))
}

/// Calls `add` with the file name and text of every blank-line-separated
/// paragraph of `files` (the documents both peers index); returns how many.
fn for_each_paragraph(
    files: &[PathBuf],
    mut add: impl FnMut(&str, &str) -> Result<(), BenchError>,
) -> Result<u64, BenchError> {
    let mut documents = 0u64;
    for file in files {
        let text = read(file)?;
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        for para in paragraphs(&text) {
            add(&name, para)?;
            documents += 1;
        }
    }
    Ok(documents)
}

const SQLITE_FILE: &str = "fts5.sqlite";

fn ingest_sqlite(files: &[PathBuf], index: &Path) -> Result<(u64, u64), BenchError> {
    let db = index.join(SQLITE_FILE);
    let _ = fs::remove_file(&db);
    let mut conn = rusqlite::Connection::open(&db)?;
    conn.execute_batch(
        "CREATE VIRTUAL TABLE seg USING fts5(paper UNINDEXED, text, \
         tokenize = 'unicode61 remove_diacritics 2');",
    )?;
    let tx = conn.transaction()?;
    let documents = {
        let mut insert = tx.prepare("INSERT INTO seg (paper, text) VALUES (?1, ?2)")?;
        for_each_paragraph(files, |name, para| {
            insert.execute((name, para))?;
            Ok(())
        })?
    };
    tx.commit()?;
    Ok((files.len() as u64, documents))
}

/// Runs every query `rounds` times (after one warm-up round) against the
/// index `engine` built in `index`, timing each call; with `exact`, ushtil
/// asks for the words' own forms only (no derivational relatives).
pub fn query(
    engine: Engine,
    index: &Path,
    queries: &[String],
    rounds: usize,
    exact: bool,
) -> Result<QueryRun, BenchError> {
    let mut searcher = Searcher::open(engine, index, exact)?;
    let mut with_hits = 0;
    let mut first = Vec::with_capacity(queries.len());
    for q in queries {
        let start = Instant::now();
        let hits = searcher.search(q)?;
        first.push(start.elapsed().as_secs_f64() * 1e3);
        if hits > 0 {
            with_hits += 1;
        }
    }
    first.sort_by(f64::total_cmp);
    let first_round_p50_ms = first.get(first.len() / 2).copied().unwrap_or(0.0);
    let mut samples = Vec::with_capacity(queries.len() * rounds);
    for _ in 0..rounds.max(1) {
        for q in queries {
            let start = Instant::now();
            let hits = searcher.search(q)?;
            samples.push(start.elapsed().as_secs_f64() * 1e3);
            std::hint::black_box(hits);
        }
    }
    samples.sort_by(f64::total_cmp);
    let pct = |p: f64| samples[((samples.len() - 1) as f64 * p).round() as usize];
    Ok(QueryRun {
        engine,
        queries: queries.len(),
        samples: samples.len(),
        p50_ms: pct(0.5),
        p95_ms: pct(0.95),
        mean_ms: samples.iter().sum::<f64>() / samples.len() as f64,
        first_round_p50_ms,
        queries_with_hits: with_hits,
        peak_rss_bytes: peak_rss_bytes(),
        p50_all_ms: Vec::new(),
    })
}

/// An open index of one engine that answers queries with its top 10.
enum Searcher {
    Ushtil {
        index: Box<ushtil_index::Index>,
        /// Whether searches ask for the words' derivational relatives.
        relatives: bool,
    },
    Floor {
        searcher: tantivy::Searcher,
        parser: QueryParser,
    },
    Sqlite(rusqlite::Connection),
}

impl Searcher {
    fn open(engine: Engine, index: &Path, exact: bool) -> Result<Searcher, BenchError> {
        Ok(match engine {
            Engine::Ushtil => Searcher::Ushtil {
                index: Box::new(ushtil_index::Index::open(index)?),
                relatives: !exact,
            },
            Engine::Floor => {
                let idx = tantivy::Index::open_in_dir(index)?;
                let text = idx.schema().get_field("text")?;
                let parser = QueryParser::for_index(&idx, vec![text]);
                let searcher = idx.reader()?.searcher();
                Searcher::Floor { searcher, parser }
            }
            Engine::Sqlite => {
                Searcher::Sqlite(rusqlite::Connection::open(index.join(SQLITE_FILE))?)
            }
        })
    }

    /// Answers `q` (top 10, with their stored text or snippets), returning
    /// how many hits came back.
    fn search(&mut self, q: &str) -> Result<usize, BenchError> {
        match self {
            Searcher::Ushtil { index, relatives } => {
                let request = ushtil_index::SearchRequest {
                    relatives: *relatives,
                    ..ushtil_index::SearchRequest::new(q)
                };
                let results = index.search(&request)?;
                Ok(results.hits.len())
            }
            Searcher::Floor { searcher, parser } => {
                let (query, _errors) = parser.parse_query_lenient(q);
                let top = searcher.search(&query, &TopDocs::with_limit(10).order_by_score())?;
                for (_, address) in &top {
                    let doc: TantivyDocument = searcher.doc(*address)?;
                    std::hint::black_box(doc);
                }
                Ok(top.len())
            }
            Searcher::Sqlite(conn) => {
                let words = crate::queries::words(q);
                if words.is_empty() {
                    return Ok(0);
                }
                let expr: Vec<String> = words
                    .iter()
                    .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
                    .collect();
                let mut stmt = conn.prepare_cached(
                    "SELECT paper, text FROM seg WHERE seg MATCH ?1 ORDER BY bm25(seg) LIMIT 10",
                )?;
                let rows = stmt.query_map([expr.join(" OR ")], |row| {
                    Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
                })?;
                let mut n = 0;
                for row in rows {
                    std::hint::black_box(row?);
                    n += 1;
                }
                Ok(n)
            }
        }
    }
}
