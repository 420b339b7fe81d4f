//! `ushtil eval align`: cross-language alignment accuracy on real parallel
//! text (UDHR paragraphs, kk–ru government lines, Tatoeba sentences).

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use ushtil_align::Glossary;
use ushtil_align::eval::{Options, Task, run as run_eval};
use ushtil_align::score::Weights;

#[derive(clap::Args)]
pub struct Args {
    /// The evaluation data folder (holds udhr_parallel/, kk_ru_parallel_gov_apertium/,
    /// langid_tatoeba_laser/).
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// Seed of the shuffles and samples (reported figures use 1; constants
    /// were chosen on 7).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Kazakh lines sampled for the kk–ru task (each against as many Russian candidates).
    #[arg(long, default_value_t = 1000)]
    gov_sample: usize,
    /// Neighbours for the CSLS hub correction of best matches (0: off).
    #[arg(long, default_value_t = ushtil_align::retrieve::CSLS_K)]
    csls: usize,
    /// Exponent of the length probability in the score (tuning; default the shipped one).
    #[arg(long)]
    length_weight: Option<f64>,
    /// Exponent of the punctuation similarity in the score (tuning).
    #[arg(long)]
    punctuation_weight: Option<f64>,
    /// Run only these tasks (udhr, gov, tatoeba; comma-separated). Default: all.
    #[arg(long, value_delimiter = ',', value_parser = parse_task)]
    task: Vec<Task>,
}

fn parse_task(s: &str) -> Result<Task, String> {
    match s {
        "udhr" => Ok(Task::Udhr),
        "gov" => Ok(Task::Gov),
        "tatoeba" => Ok(Task::Tatoeba),
        _ => Err(format!("unknown task '{s}': use udhr, gov or tatoeba")),
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let opts = Options {
        data: args.data,
        seed: args.seed,
        gov_sample: args.gov_sample,
        tasks: args.task,
        csls_k: args.csls,
        weights: Weights {
            length: args.length_weight.unwrap_or(Weights::default().length),
            punctuation: args
                .punctuation_weight
                .unwrap_or(Weights::default().punctuation),
        },
    };
    let report = run_eval(&opts, &Glossary::curated()).context("ushtil eval align failed")?;
    let mut out = io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        writeln!(out, "cross-language alignment (seed {})", report.seed)?;
        writeln!(
            out,
            "{:<20} {:<6} {:>5} {:>8} {:>10} {:>6}  glossary",
            "task", "pair", "n", "acc@1", "one-to-one", "goal"
        )?;
        for t in &report.tasks {
            let pct = |x: f64| format!("{:.1}%", 100.0 * x);
            writeln!(
                out,
                "{:<20} {:<6} {:>5} {:>8} {:>10} {:>6}  {}",
                t.task,
                format!("{}-{}", t.a, t.b),
                t.n,
                pct(t.accuracy_at_1),
                t.accuracy_assignment.map_or("-".into(), pct),
                t.goal.map_or("-".into(), |g| format!("{:.0}%", 100.0 * g)),
                t.glossary
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
