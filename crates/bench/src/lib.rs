//! `ushtil bench`: ingestion and query figures for ushtil and its peers, in
//! one run, on the same synthetic corpus.
//!
//! The engines ([`Engine`]):
//! - **ushtil** — repair, segmentation, language detection, per-language
//!   analysis, through `ushtil_index`;
//! - **floor** — the same tantivy with its stock `default` analyser, one
//!   document per blank-line-separated paragraph, nothing else;
//! - **sqlite** — SQLite FTS5 (rusqlite's bundled SQLite) with
//!   `unicode61 remove_diacritics 2`, `ORDER BY bm25 LIMIT 10`.
//!
//! [`run`] makes (or reuses) a corpus with `ushtil_synth`, then measures each
//! engine in a child process of its own — the `ushtil` binary re-invoked as
//! `ushtil bench --worker …` — so that each figure of peak memory (`VmHWM`)
//! belongs to one engine and one run. It prints papers/s and MB/s with 1 and
//! 2 threads, index size over input size, peak memory, query latency p50/p95
//! over the 100 queries of [`queries::queries`], a single-threaded profile of
//! ushtil's stages, and the ratios the project's goals are stated in.

pub mod engines;
pub mod profile;
pub mod queries;

use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::{Deserialize, Serialize};

pub use engines::{Engine, IngestRun, QueryRun};
pub use profile::{Profile, Stage};

/// What went wrong in a bench run.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error("{0}")]
    Usage(String),
    #[error("cannot read or write {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error(transparent)]
    Synth(#[from] ushtil_synth::SynthError),
    #[error(transparent)]
    Index(#[from] ushtil_index::IndexError),
    #[error("tantivy (floor engine): {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("bench worker '{what}' failed: {detail}")]
    Worker { what: String, detail: String },
}

/// How to run the bench.
#[derive(Clone, Debug)]
pub struct Config {
    /// The `ushtil` binary, re-invoked for each measurement.
    pub exe: PathBuf,
    pub papers: usize,
    pub seed: u64,
    /// Thread counts to ingest with (ushtil and the floor); SQLite runs once.
    pub threads: Vec<usize>,
    /// The evaluation data folder, for making the corpus.
    pub data: PathBuf,
    /// Keep the corpus and indexes here (and reuse a corpus found here).
    pub keep: Option<PathBuf>,
    /// Query rounds after the warm-up round.
    pub rounds: usize,
    /// Repetitions of every ingestion and query measurement, interleaved
    /// (all engines once, then all again); each figure reported is the
    /// median repetition's, which a loaded machine moves far less than one
    /// run (at least 1).
    pub repeat: usize,
    pub profile: bool,
    /// ushtil's searches without the words' derivational relatives
    /// (`SearchRequest::relatives` off, `search --exact`).
    pub exact: bool,
    /// Progress lines go here (stderr in the binary).
    pub log: fn(&str),
}

/// Everything one run measured, with the ratios of the goals.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Report {
    pub papers: usize,
    pub seed: u64,
    pub input_bytes: u64,
    pub corpus: String,
    /// One-minute load average before and after the run: figures taken on a
    /// busy machine (other builds, tests) are noisy, thread speedups most.
    pub load_average: (Option<f64>, Option<f64>),
    /// Whether each ingestion worker of N threads ran on N cores only
    /// (`taskset`), so that "1 thread" means one core for every engine
    /// (tantivy's writer and ushtil's pipeline otherwise spread a "1 thread"
    /// run over more cores and flatten the speedup).
    pub ingest_pinned: bool,
    /// Repetitions of each measurement (see [`Config::repeat`]).
    #[serde(default = "one")]
    pub repeat: usize,
    /// Whether ushtil's searches asked for the words' own forms only (see
    /// [`Config::exact`]); by default they also ask for their derivational
    /// relatives, as `ushtil search` does.
    #[serde(default)]
    pub exact: bool,
    pub ingest: Vec<IngestRow>,
    pub queries: Vec<QueryRun>,
    pub profile: Option<Profile>,
    pub ratios: Ratios,
    pub goals: Vec<Goal>,
}

/// An ingestion run with its rates.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct IngestRow {
    #[serde(flatten)]
    pub run: IngestRun,
    pub papers_per_s: f64,
    pub mb_per_s: f64,
    /// Index bytes over input bytes.
    pub size_ratio: f64,
}

/// The ratios the goals are stated in (`null` when a run is missing).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Ratios {
    /// ushtil ingestion time / the floor's, 1 thread (goal ≤ 1.5).
    pub ingest_vs_floor_1t: Option<f64>,
    /// The same with the most threads measured.
    pub ingest_vs_floor_max_t: Option<f64>,
    /// ushtil ingestion CPU time / the floor's, 1 thread (robust to load).
    pub ingest_cpu_vs_floor_1t: Option<f64>,
    /// ushtil 1-thread time / 2-thread time (goal ≥ 1.8).
    pub ushtil_speedup_2t: Option<f64>,
    /// The floor's, for scale.
    pub floor_speedup_2t: Option<f64>,
    /// ushtil's speedup without its final merge (serial, the same in both
    /// runs), for scale.
    #[serde(default)]
    pub ushtil_speedup_2t_before_merge: Option<f64>,
    /// ushtil query p50 / the floor's (goal ≤ 1.5).
    pub query_p50_vs_floor: Option<f64>,
    /// SQLite query p50 / ushtil's (goal ≥ 10).
    pub sqlite_p50_over_ushtil: Option<f64>,
    /// ushtil's largest peak memory over its runs, in MB (goal < 1000 at
    /// 10,000 papers).
    pub ushtil_peak_mb: Option<f64>,
}

/// One goal of issue 6 and whether this run meets it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Goal {
    pub name: String,
    pub value: Option<f64>,
    pub target: String,
    pub met: Option<bool>,
}

/// Makes or reuses the corpus, then measures every engine.
pub fn run(config: &Config) -> Result<Report, BenchError> {
    let load_before = engines::load_average();
    let temp;
    let work: PathBuf = match &config.keep {
        Some(dir) => dir.clone(),
        None => {
            temp = tempfile::tempdir().map_err(|source| BenchError::Io {
                path: std::env::temp_dir(),
                source,
            })?;
            temp.path().to_path_buf()
        }
    };
    let corpus = work.join("corpus");
    let manifest = match ushtil_synth::Manifest::read(&corpus) {
        Some(m)
            if m.papers == config.papers
                && m.seed == config.seed
                && m.generator == ushtil_synth::GENERATOR =>
        {
            (config.log)(&format!("reusing the corpus in {}", corpus.display()));
            m
        }
        _ => {
            (config.log)(&format!(
                "writing {} papers to {}",
                config.papers,
                corpus.display()
            ));
            let sources = ushtil_synth::Sources::load(&config.data)?;
            ushtil_synth::Synth::new(&sources, config.seed).write_corpus(&corpus, config.papers)?
        }
    };

    let mut threads = config.threads.clone();
    threads.sort_unstable();
    threads.dedup();
    let max_t = threads.last().copied().unwrap_or(1);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let pinned = taskset_works();
    let repeat = config.repeat.max(1);
    let repetition = |rep: usize| {
        if repeat > 1 {
            format!(" (repetition {} of {repeat})", rep + 1)
        } else {
            String::new()
        }
    };
    let sqlite_index = work.join("index-sqlite");
    // Every repetition runs every engine once, so load that comes and goes
    // falls on all of them alike.
    let mut ingest: Vec<Vec<IngestRun>> = Vec::new();
    for rep in 0..repeat {
        let mut k = 0;
        let mut keep = |run: IngestRun| {
            if rep == 0 {
                ingest.push(Vec::new());
            }
            ingest[k].push(run);
            k += 1;
        };
        let round = repetition(rep);
        for engine in [Engine::Floor, Engine::Ushtil] {
            for &t in &threads {
                let index = work.join(format!("index-{}-{t}t", engine.name()));
                remove_dir(&index)?;
                (config.log)(&format!(
                    "ingesting with {} on {t} thread(s){round}",
                    engine.name()
                ));
                keep(worker(
                    config,
                    &[
                        "ingest",
                        "--engine",
                        engine.name(),
                        "--threads",
                        &t.to_string(),
                    ],
                    &corpus,
                    &index,
                    (pinned && t < cores).then_some(t),
                )?);
            }
        }
        remove_dir(&sqlite_index)?;
        (config.log)(&format!("ingesting with sqlite{round}"));
        keep(worker(
            config,
            &["ingest", "--engine", "sqlite", "--threads", "1"],
            &corpus,
            &sqlite_index,
            (pinned && 1 < cores).then_some(1),
        )?);
    }
    let ingest = medians(ingest, |r| r.seconds, |r, all| r.seconds_all = all);

    let mut queries: Vec<Vec<QueryRun>> = vec![Vec::new(); 3];
    for rep in 0..repeat {
        for (k, engine) in [Engine::Floor, Engine::Ushtil, Engine::Sqlite]
            .into_iter()
            .enumerate()
        {
            let index = match engine {
                Engine::Sqlite => sqlite_index.clone(),
                _ => work.join(format!("index-{}-{max_t}t", engine.name())),
            };
            (config.log)(&format!("querying {}{}", engine.name(), repetition(rep)));
            let rounds = config.rounds.to_string();
            let mut args = vec!["query", "--engine", engine.name(), "--rounds", &rounds];
            if config.exact && engine == Engine::Ushtil {
                args.push("--exact");
            }
            queries[k].push(worker(config, &args, &corpus, &index, None)?);
        }
    }
    let queries = medians(queries, |q| q.p50_ms, |q, all| q.p50_all_ms = all);

    let profile = if config.profile {
        (config.log)("profiling ushtil's stages on one thread");
        let scratch = work.join("index-profile");
        remove_dir(&scratch)?;
        let p: Profile = worker(config, &["profile"], &corpus, &scratch, None)?;
        Some(p)
    } else {
        None
    };

    let rows: Vec<IngestRow> = ingest
        .into_iter()
        .map(|run| {
            let secs = run.seconds.max(1e-9);
            IngestRow {
                papers_per_s: run.papers as f64 / secs,
                mb_per_s: run.input_bytes as f64 / 1e6 / secs,
                size_ratio: run.index_bytes as f64 / run.input_bytes.max(1) as f64,
                run,
            }
        })
        .collect();
    let ratios = ratios(&rows, &queries, max_t);
    let goals = goals(&ratios, config.papers);
    Ok(Report {
        papers: config.papers,
        seed: config.seed,
        input_bytes: manifest.bytes,
        corpus: corpus.display().to_string(),
        load_average: (load_before, engines::load_average()),
        ingest_pinned: pinned && threads.iter().any(|&t| t < cores),
        repeat,
        exact: config.exact,
        ingest: rows,
        queries,
        profile,
        ratios,
        goals,
    })
}

/// `values` with `decimals` decimals, comma-separated.
fn listed(values: &[f64], decimals: usize) -> String {
    values
        .iter()
        .map(|v| format!("{v:.decimals$}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The median run of each measurement's repetitions (`runs[k]`: the
/// repetitions of measurement k), with every repetition's `key` handed to
/// `keep_all` when there was more than one.
fn medians<T>(
    runs: Vec<Vec<T>>,
    key: impl Fn(&T) -> f64 + Copy,
    keep_all: impl Fn(&mut T, Vec<f64>),
) -> Vec<T> {
    runs.into_iter()
        .map(|runs| {
            let all: Vec<f64> = runs.iter().map(key).collect();
            let mut median = median_by(runs, key);
            if all.len() > 1 {
                keep_all(&mut median, all);
            }
            median
        })
        .collect()
}

/// The run with the median `key` (the lower of the two middle ones for an
/// even count). `runs` is never empty.
fn median_by<T>(mut runs: Vec<T>, key: impl Fn(&T) -> f64) -> T {
    runs.sort_by(|a, b| key(a).total_cmp(&key(b)));
    runs.swap_remove((runs.len() - 1) / 2)
}

fn one() -> usize {
    1
}

fn remove_dir(dir: &Path) -> Result<(), BenchError> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|source| BenchError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    Ok(())
}

/// Whether `taskset` (util-linux) runs here, to pin workers to cores.
fn taskset_works() -> bool {
    Command::new("taskset")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs `ushtil bench --worker ARGS… --corpus C --index I` and parses the one
/// JSON object it prints; with `cores: Some(n)`, on the first n cores only.
fn worker<T: serde::de::DeserializeOwned>(
    config: &Config,
    args: &[&str],
    corpus: &Path,
    index: &Path,
    cores: Option<usize>,
) -> Result<T, BenchError> {
    let what = args.join(" ");
    let mut command = match cores {
        Some(n) => {
            let mut c = Command::new("taskset");
            c.arg("-c")
                .arg(format!("0-{}", n.max(1) - 1))
                .arg(&config.exe);
            c
        }
        None => Command::new(&config.exe),
    };
    let output = command
        .arg("bench")
        .arg("--worker")
        .args(args)
        .arg("--corpus")
        .arg(corpus)
        .arg("--index")
        .arg(index)
        .output()
        .map_err(|source| BenchError::Io {
            path: config.exe.clone(),
            source,
        })?;
    if !output.status.success() {
        return Err(BenchError::Worker {
            what,
            detail: String::from_utf8_lossy(&output.stderr).trim().to_string(),
        });
    }
    serde_json::from_slice(&output.stdout).map_err(|e| BenchError::Worker {
        what,
        detail: format!("unreadable output ({e})"),
    })
}

fn ratios(rows: &[IngestRow], queries: &[QueryRun], max_t: usize) -> Ratios {
    let run = |engine: Engine, t: usize| {
        rows.iter()
            .find(|r| r.run.engine == engine && r.run.threads == t)
            .map(|r| &r.run)
    };
    let secs = |engine: Engine, t: usize| run(engine, t).map(|r| r.seconds);
    let before_merge =
        |engine: Engine, t: usize| run(engine, t).map(|r| r.seconds - r.merge_seconds);
    let cpu = |engine: Engine, t: usize| run(engine, t).map(|r| r.cpu_seconds);
    let div = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => Some(a / b),
        _ => None,
    };
    let p50 = |engine: Engine| {
        queries
            .iter()
            .find(|q| q.engine == engine)
            .map(|q| q.p50_ms)
    };
    let ushtil_peak = rows
        .iter()
        .filter(|r| r.run.engine == Engine::Ushtil)
        .map(|r| r.run.peak_rss_bytes)
        .chain(
            queries
                .iter()
                .filter(|q| q.engine == Engine::Ushtil)
                .map(|q| q.peak_rss_bytes),
        )
        .max();
    Ratios {
        ingest_vs_floor_1t: div(secs(Engine::Ushtil, 1), secs(Engine::Floor, 1)),
        ingest_cpu_vs_floor_1t: div(cpu(Engine::Ushtil, 1), cpu(Engine::Floor, 1)),
        ingest_vs_floor_max_t: div(secs(Engine::Ushtil, max_t), secs(Engine::Floor, max_t)),
        ushtil_speedup_2t: div(secs(Engine::Ushtil, 1), secs(Engine::Ushtil, 2)),
        floor_speedup_2t: div(secs(Engine::Floor, 1), secs(Engine::Floor, 2)),
        ushtil_speedup_2t_before_merge: div(
            before_merge(Engine::Ushtil, 1),
            before_merge(Engine::Ushtil, 2),
        ),
        query_p50_vs_floor: div(p50(Engine::Ushtil), p50(Engine::Floor)),
        sqlite_p50_over_ushtil: div(p50(Engine::Sqlite), p50(Engine::Ushtil)),
        ushtil_peak_mb: ushtil_peak.map(|b| b as f64 / 1e6),
    }
}

fn goals(r: &Ratios, papers: usize) -> Vec<Goal> {
    let goal = |name: &str, value: Option<f64>, target: &str, ok: fn(f64) -> bool| Goal {
        name: name.to_string(),
        value,
        target: target.to_string(),
        met: value.map(ok),
    };
    let mut out = vec![
        goal(
            "ingestion time / floor (1 thread)",
            r.ingest_vs_floor_1t,
            "<= 1.5",
            |v| v <= 1.5,
        ),
        goal(
            "ingestion CPU time / floor (1 thread)",
            r.ingest_cpu_vs_floor_1t,
            "<= 1.5",
            |v| v <= 1.5,
        ),
        goal(
            "ingestion speedup with 2 threads",
            r.ushtil_speedup_2t,
            ">= 1.8",
            |v| v >= 1.8,
        ),
        goal("query p50 / floor", r.query_p50_vs_floor, "<= 1.5", |v| {
            v <= 1.5
        }),
        goal(
            "SQLite FTS5 p50 / ushtil p50",
            r.sqlite_p50_over_ushtil,
            ">= 10",
            |v| v >= 10.0,
        ),
    ];
    let mut memory = goal(
        "peak memory, MB",
        r.ushtil_peak_mb,
        "< 1000 at 10,000 papers",
        |v| v < 1000.0,
    );
    if papers < 10_000 {
        memory.target = format!("< 1000 at 10,000 papers (this run: {papers})");
    }
    out.push(memory);
    out
}

/// What a worker process does: one measurement, printed as JSON.
#[derive(Clone, Debug)]
pub enum Work {
    Ingest {
        engine: Engine,
        threads: usize,
    },
    Query {
        engine: Engine,
        rounds: usize,
        /// ushtil without derivational relatives ([`Config::exact`]).
        exact: bool,
    },
    Profile,
}

/// Runs one measurement in this process and returns its JSON.
pub fn run_worker(work: &Work, corpus: &Path, index: &Path) -> Result<String, BenchError> {
    let json = match work {
        Work::Ingest { engine, threads } => {
            serde_json::to_string(&engines::ingest(*engine, corpus, index, *threads)?)
        }
        Work::Query {
            engine,
            rounds,
            exact,
        } => serde_json::to_string(&engines::query(
            *engine,
            index,
            &queries::queries(),
            *rounds,
            *exact,
        )?),
        Work::Profile => serde_json::to_string(&profile::profile(corpus, index)?),
    };
    Ok(json.expect("bench figures serialise"))
}

/// The report as the text table `ushtil bench` prints.
pub fn render(report: &Report) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let mb = |b: u64| b as f64 / 1e6;
    let _ = writeln!(
        s,
        "corpus: {} papers, {:.1} MB, seed {} ({})",
        report.papers,
        mb(report.input_bytes),
        report.seed,
        report.corpus
    );
    let load = |l: Option<f64>| l.map_or("n/a".to_string(), |l| format!("{l:.1}"));
    let _ = writeln!(
        s,
        "load average (1 min) before/after: {} / {}",
        load(report.load_average.0),
        load(report.load_average.1)
    );
    let _ = writeln!(
        s,
        "ingestion workers pinned to as many cores as threads: {}",
        if report.ingest_pinned {
            "yes (taskset)"
        } else {
            "no (taskset missing, or every run used all cores)"
        }
    );
    let _ = writeln!(
        s,
        "ushtil's searches: {}",
        if report.exact {
            "the words' own forms only (--exact)"
        } else {
            "the words and their derivational relatives (as `ushtil search`)"
        }
    );
    let _ = writeln!(s, "\ningestion");
    let _ = writeln!(
        s,
        "  {:<7} {:>7} {:>9} {:>9} {:>9} {:>9} {:>8} {:>10} {:>11} {:>9}",
        "engine",
        "threads",
        "seconds",
        "merge s",
        "cpu s",
        "papers/s",
        "MB/s",
        "documents",
        "index/input",
        "peak MB"
    );
    for r in &report.ingest {
        let _ = writeln!(
            s,
            "  {:<7} {:>7} {:>9.2} {:>9.2} {:>9.2} {:>9.1} {:>8.2} {:>10} {:>11.2} {:>9.0}",
            r.run.engine.name(),
            r.run.threads,
            r.run.seconds,
            r.run.merge_seconds,
            r.run.cpu_seconds,
            r.papers_per_s,
            r.mb_per_s,
            r.run.documents,
            r.size_ratio,
            mb(r.run.peak_rss_bytes)
        );
    }
    if report.repeat > 1 {
        let _ = writeln!(
            s,
            "  (each row the median of {} interleaved runs; their seconds:)",
            report.repeat
        );
        for r in &report.ingest {
            let _ = writeln!(
                s,
                "  {:<7} {:>7}  {}",
                r.run.engine.name(),
                r.run.threads,
                listed(&r.run.seconds_all, 2)
            );
        }
    }
    let _ = writeln!(
        s,
        "\nqueries ({} queries, kk/ru/en)",
        report.queries.first().map_or(0, |q| q.queries)
    );
    let _ = writeln!(
        s,
        "  {:<7} {:>9} {:>9} {:>9} {:>14} {:>10} {:>9}",
        "engine", "p50 ms", "p95 ms", "mean ms", "1st-round p50", "with hits", "peak MB"
    );
    for q in &report.queries {
        let _ = writeln!(
            s,
            "  {:<7} {:>9.3} {:>9.3} {:>9.3} {:>14.3} {:>10} {:>9.0}",
            q.engine.name(),
            q.p50_ms,
            q.p95_ms,
            q.mean_ms,
            q.first_round_p50_ms,
            q.queries_with_hits,
            mb(q.peak_rss_bytes)
        );
    }
    let _ = writeln!(
        s,
        "  (p50/p95/mean over the timed rounds; 1st-round p50: every query new to the process)"
    );
    if report.repeat > 1 {
        let _ = writeln!(
            s,
            "  (each row the median of {} runs by p50; their p50s:)",
            report.repeat
        );
        for q in &report.queries {
            let _ = writeln!(s, "  {:<7} {}", q.engine.name(), listed(&q.p50_all_ms, 3));
        }
    }
    if let Some(p) = &report.profile {
        let total: f64 = p
            .stages
            .iter()
            .filter(|st| st.part_of.is_none())
            .map(|st| st.seconds)
            .sum();
        let _ = writeln!(
            s,
            "\nprofile of ushtil's ingestion, 1 thread, stage by stage"
        );
        for st in &p.stages {
            let name = match &st.part_of {
                Some(_) => format!("  {}", st.name),
                None => st.name.clone(),
            };
            let _ = writeln!(
                s,
                "  {:<13} {:>8.2} s {:>5.1}%   {} {}",
                name,
                st.seconds,
                100.0 * st.seconds / total.max(1e-9),
                st.count,
                st.what
            );
        }
        let _ = writeln!(
            s,
            "  total {total:.2} s; indented rows are parts of the row above, timed standalone"
        );
        let _ = writeln!(s, "  largest stage: {}", p.largest);
    }
    let _ = writeln!(s, "\ngoals");
    for g in &report.goals {
        let value = g.value.map_or("n/a".to_string(), |v| format!("{v:.2}"));
        let met = match g.met {
            Some(true) => "met",
            Some(false) => "NOT met",
            None => "not measured",
        };
        let _ = writeln!(
            s,
            "  {:<36} {:>9}  target {:<28} {met}",
            g.name, value, g.target
        );
    }
    let r = &report.ratios;
    if let (Some(floor), Some(before)) = (r.floor_speedup_2t, r.ushtil_speedup_2t_before_merge) {
        let _ = writeln!(
            s,
            "  (2-thread speedup for scale: the floor {floor:.2}; ushtil before its final merge, \
             which is serial, {before:.2})"
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_run_is_the_middle_one_or_the_lower_middle_one() {
        let key = |x: &(f64, char)| x.0;
        let runs = vec![(3.0, 'a'), (1.0, 'b'), (2.0, 'c')];
        assert_eq!(median_by(runs, key), (2.0, 'c'));
        let runs = vec![(4.0, 'a'), (1.0, 'b'), (3.0, 'c'), (2.0, 'd')];
        assert_eq!(median_by(runs, key), (2.0, 'd'));
        assert_eq!(median_by(vec![(5.0, 'x')], key), (5.0, 'x'));
    }
}
