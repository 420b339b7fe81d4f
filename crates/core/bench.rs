//! `ushtil bench`: ingestion and query figures for ushtil beside stock
//! tantivy (the floor) and SQLite FTS5, on the same synthetic corpus.
//!
//! Each measurement runs in a child process (this binary re-invoked with the
//! hidden `--worker` flag) so its peak memory is its own.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use ushtil_bench::{Config, Engine, Work};

#[derive(clap::Args)]
pub struct Args {
    /// Papers in the synthetic corpus.
    #[arg(long, default_value_t = 1000)]
    papers: usize,
    /// Thread counts to ingest with, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "1,2")]
    threads: Vec<usize>,
    /// Print one JSON object with every figure and ratio.
    #[arg(long)]
    json: bool,
    /// The evaluation data folder the corpus is made from.
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// Keep the corpus and the indexes in DIR (a corpus already there with
    /// the same size and seed is reused).
    #[arg(long, value_name = "DIR")]
    keep: Option<PathBuf>,
    /// Seed of the synthetic corpus.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Timed rounds over the 100 queries (after one warm-up round).
    #[arg(long, default_value_t = 3)]
    rounds: usize,
    /// Run every ingestion and query measurement this many times,
    /// interleaved, and report the median run of each (steadier figures on
    /// a loaded machine).
    #[arg(long, default_value_t = 1)]
    repeat: usize,
    /// Skip the stage-by-stage profile.
    #[arg(long)]
    no_profile: bool,
    /// ushtil's searches ask for the query words' own forms only, as
    /// `search --exact` does, not their derivational relatives (to measure
    /// what the relatives cost).
    #[arg(long)]
    exact: bool,
    /// Internal: run one measurement (ingest, query, profile) and print JSON.
    #[arg(long, hide = true)]
    worker: Option<String>,
    #[arg(long, hide = true)]
    engine: Option<String>,
    #[arg(long, hide = true)]
    corpus: Option<PathBuf>,
    #[arg(long, hide = true)]
    index: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(kind) = &args.worker {
        return run_worker(kind, &args);
    }
    if args.papers == 0 {
        anyhow::bail!("--papers must be at least 1");
    }
    if args.repeat == 0 {
        anyhow::bail!("--repeat must be at least 1 (each measurement runs that many times)");
    }
    if args.threads.is_empty() || args.threads.contains(&0) {
        anyhow::bail!("--threads takes counts of at least 1, e.g. --threads 1,2");
    }
    let config = Config {
        exe: std::env::current_exe().context("finding the ushtil binary to run the workers")?,
        papers: args.papers,
        seed: args.seed,
        threads: args.threads.clone(),
        data: args.data.clone(),
        keep: args.keep.clone(),
        rounds: args.rounds.max(1),
        repeat: args.repeat,
        profile: !args.no_profile,
        exact: args.exact,
        log: |line| eprintln!("bench: {line}"),
    };
    let report = ushtil_bench::run(&config)?;
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        print!("{}", ushtil_bench::render(&report));
    }
    Ok(ExitCode::SUCCESS)
}

fn run_worker(kind: &str, args: &Args) -> anyhow::Result<ExitCode> {
    let engine = || -> anyhow::Result<Engine> {
        Ok(args
            .engine
            .as_deref()
            .context("--worker needs --engine")?
            .parse()?)
    };
    let threads = args.threads.first().copied().unwrap_or(1);
    let work = match kind {
        "ingest" => Work::Ingest {
            engine: engine()?,
            threads,
        },
        "query" => Work::Query {
            engine: engine()?,
            rounds: args.rounds.max(1),
            exact: args.exact,
        },
        "profile" => Work::Profile,
        other => anyhow::bail!("unknown worker '{other}': use ingest, query or profile"),
    };
    let corpus = args.corpus.as_deref().context("--worker needs --corpus")?;
    let index = args.index.as_deref().context("--worker needs --index")?;
    println!("{}", ushtil_bench::run_worker(&work, corpus, index)?);
    Ok(ExitCode::SUCCESS)
}
