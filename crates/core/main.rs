//! `ushtil`: search and compare trilingual (Kazakh, Russian, English) scholarly
//! papers extracted from PDFs.
//!
//! The binary is thin: each subcommand lives in its own module, parses its
//! flags with clap, builds the library objects and prints. Libraries return
//! typed errors; this binary turns them into messages and exit codes.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc instead of glibc's allocator: ingestion allocates many small
/// strings (terms, stems, segment texts) on every thread. Measured on the
/// 1,000-paper bench corpus, one pinned thread: 6% fewer instructions, 11–15%
/// less wall time; the 10,000-paper two-thread peak fell from 482 to 356 MB.
/// Built without transparent huge pages (`no_thp`): the kernel zeroed a
/// fresh 2 MB page for each small heap it backed, for a fifth less peak
/// memory and a third of the system time at the same wall time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod align;
mod analyze;
mod bench;
mod compare;
mod detect;
mod eval;
mod index;
mod search;
mod segment;
mod serve;
mod synth;
mod train;

/// Search and compare Kazakh, Russian and English scholarly papers.
#[derive(Parser)]
#[command(name = "ushtil", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Repair and segment one paper's extracted text; print its structure.
    Segment(segment::Args),
    /// Detect the language (kk, ru, en, und) of each line on standard input.
    Detect(detect::Args),
    /// Stem one word per line of standard input.
    Stem(analyze::StemArgs),
    /// Analyse each line of standard input into index terms.
    Analyze(analyze::AnalyzeArgs),
    /// Index papers (default: corpus/ into index/).
    Index(index::Args),
    /// Search the index.
    Search(search::Args),
    /// Compare a paper's titles, abstracts and keywords across languages.
    Compare(compare::Args),
    /// Align the lines of two files in different languages.
    Align(align::Args),
    /// Write synthetic journal papers built from real sentences.
    Synth(synth::Args),
    /// Measure ingestion and query speed against peers.
    Bench(bench::Args),
    /// Serve the search page and the JSON API.
    Serve(serve::Args),
    /// Evaluate against real data in ../shared/data.
    #[command(subcommand)]
    Eval(eval::Command),
    /// Regenerate the shipped tables learned from data.
    #[command(subcommand)]
    Train(train::Command),
}

fn main() -> ExitCode {
    quiet_on_closed_stdout();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Segment(args) => segment::run(args),
        Command::Detect(args) => detect::run(args),
        Command::Stem(args) => analyze::run_stem(args),
        Command::Analyze(args) => analyze::run_analyze(args),
        Command::Index(args) => index::run(args),
        Command::Search(args) => search::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Align(args) => align::run(args),
        Command::Synth(args) => synth::run(args),
        Command::Bench(args) => bench::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Eval(command) => eval::run(command),
        Command::Train(command) => train::run(command),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(io::stderr(), "ushtil: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// `println!` panics when stdout is a closed pipe (`ushtil eval langid | head`);
/// like an error on a closed pipe, that ends the command quietly.
fn quiet_on_closed_stdout() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        default_hook(info);
    }));
}

/// A closed pipe (`ushtil search … | head`) is not an error worth reporting,
/// whether it reaches us as an I/O error or inside a JSON writer's error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        let kind = match cause.downcast_ref::<io::Error>() {
            Some(e) => Some(e.kind()),
            // JSON written straight to stdout reports the pipe through serde_json.
            None => cause
                .downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind),
        };
        kind == Some(io::ErrorKind::BrokenPipe)
    })
}
