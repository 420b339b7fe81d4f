//! `ushtil index`: index papers (default `corpus/` into `index/`), in
//! parallel and incrementally, with a progress bar on a terminal and a
//! one-line summary.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use ushtil_index::{Index, IndexError, IngestOptions, IngestSummary, Progress};

#[derive(clap::Args)]
pub struct Args {
    /// Files or directories of papers (`.txt`, directories walked
    /// recursively). Default: corpus/
    paths: Vec<PathBuf>,
    /// The index directory (created when missing).
    #[arg(long, default_value = "index")]
    index: PathBuf,
    /// Threads for reading, segmenting and indexing (default: all cores).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    threads: Option<u32>,
    /// Start over: re-index every paper (and repair a damaged index).
    #[arg(long)]
    rebuild: bool,
    /// Skip files larger than this many megabytes.
    #[arg(long, default_value_t = 50.0, value_name = "MB")]
    max_size: f64,
    /// Commit after this many papers (an interrupted run loses at most these).
    #[arg(long, default_value_t = 10_000, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..))]
    commit_every: u32,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
    /// No progress bar, no per-file lines; only the summary (or errors).
    #[arg(long)]
    quiet: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !(args.max_size.is_finite() && args.max_size > 0.0) {
        anyhow::bail!("--max-size must be a positive number of megabytes");
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("corpus")]
    } else {
        args.paths.clone()
    };
    let options = IngestOptions {
        threads: args.threads.map_or(0, |t| t as usize),
        rebuild: args.rebuild,
        max_size: (args.max_size * 1e6) as u64,
        commit_every: args.commit_every as usize,
    };
    let index = open_for_writing(&args.index, args.rebuild)?;
    let show_bar = !args.json && !args.quiet && io::stderr().is_terminal();
    let summary = ingest_with_progress(&index, &paths, &options, show_bar)?;

    let mut stdout = io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut stdout, &summary)?;
        writeln!(stdout)?;
    } else {
        if !args.quiet {
            let mut stderr = io::stderr().lock();
            for s in &summary.skipped {
                writeln!(stderr, "ushtil: skipped {}: {}", s.path, s.reason)?;
            }
            for w in &summary.warnings {
                writeln!(stderr, "ushtil: warning: {}: {}", w.path, w.reason)?;
            }
        }
        writeln!(stdout, "{}", summary_line(&summary, &args.index))?;
    }
    Ok(if summary.skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Opens (or creates) the index for writing; with `rebuild`, a damaged index
/// is wiped and recreated.
pub(crate) fn open_for_writing(dir: &Path, rebuild: bool) -> anyhow::Result<Index> {
    match Index::open_or_create(dir) {
        Ok(index) => Ok(index),
        Err(IndexError::Damaged { .. } | IndexError::OtherVersion { .. }) if rebuild => {
            Index::rebuild(dir)
                .with_context(|| format!("cannot rebuild the index at {}", dir.display()))
        }
        Err(e) => Err(e.into()),
    }
}

/// Runs the ingestion, with a progress bar on stderr when `show_bar`.
pub(crate) fn ingest_with_progress(
    index: &Index,
    paths: &[PathBuf],
    options: &IngestOptions,
    show_bar: bool,
) -> anyhow::Result<IngestSummary> {
    let bar = if show_bar {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} files {msg} ({eta})",
            )
            .expect("the template is valid"),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        Some(bar)
    } else {
        None
    };
    let progress = |p: &Progress| {
        if let Some(bar) = &bar {
            bar.set_length(p.files_total);
            bar.set_position(p.files_done);
            bar.set_message(if p.merging {
                "merging the index's segments".to_string()
            } else {
                format!(
                    "{:.1}/{:.1} MB",
                    p.bytes_done as f64 / 1e6,
                    p.bytes_total as f64 / 1e6
                )
            });
        }
    };
    let result = index.ingest(paths, options, &progress);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(result?)
}

fn summary_line(s: &IngestSummary, dir: &Path) -> String {
    let merged = if s.merged > 0 {
        let into = match s.merged_into {
            1 => "one".to_string(),
            n => n.to_string(),
        };
        format!(
            " ({} index segments merged into {into} in {:.2} s)",
            s.merged, s.merge_seconds
        )
    } else {
        String::new()
    };
    // Papers whose files moved were indexed again under their new paths.
    let moved = if s.moved > 0 {
        format!(", {} of them moved", s.moved)
    } else {
        String::new()
    };
    format!(
        "indexed {} paper{} ({} unchanged, {} removed{moved}), {} segments, {} skipped, \
         {:.1} MB in {:.2} s ({:.1} MB/s); {} holds {} paper{}{merged}",
        s.papers,
        plural(s.papers),
        s.unchanged,
        s.removed,
        s.segments,
        s.skipped.len(),
        s.bytes as f64 / 1e6,
        s.seconds,
        s.mb_per_s,
        dir.display(),
        s.total_papers,
        plural(s.total_papers),
    )
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}
