//! `ushtil synth`: writes synthetic trilingual journal papers built from real
//! sentences of the evaluation data, for tests and benchmarks.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use ushtil_synth::{Sources, Synth};

#[derive(clap::Args)]
pub struct Args {
    /// How many papers to write.
    #[arg(long)]
    papers: usize,
    /// Folder to write `paper-NNNNNN.txt` files and `manifest.json` into
    /// (created if missing; a folder an earlier run wrote is overwritten).
    #[arg(long)]
    out: PathBuf,
    /// Random seed: the same seed writes the same bytes.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// The evaluation data folder the sentences are read from.
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let sources = Sources::load(&args.data)?;
    let loaded = start.elapsed().as_secs_f64();
    let synth = Synth::new(&sources, args.seed);
    let manifest = synth
        .write_corpus(&args.out, args.papers)
        .with_context(|| format!("writing the corpus to {}", args.out.display()))?;
    let secs = start.elapsed().as_secs_f64() - loaded;
    let mb = manifest.bytes as f64 / 1e6;
    let rate = args.papers as f64 / secs.max(1e-9);
    if args.json {
        let summary = serde_json::json!({
            "papers": manifest.papers,
            "bytes": manifest.bytes,
            "seed": manifest.seed,
            "out": args.out,
            "load_seconds": loaded,
            "write_seconds": secs,
            "papers_per_second": rate,
        });
        println!("{summary}");
    } else {
        println!(
            "wrote {} papers ({mb:.1} MB) to {} in {secs:.2} s ({rate:.0} papers/s, {:.0} MB/s); loading the data took {loaded:.2} s",
            manifest.papers,
            args.out.display(),
            mb / secs.max(1e-9),
        );
    }
    Ok(ExitCode::SUCCESS)
}
