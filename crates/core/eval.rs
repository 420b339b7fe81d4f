//! `ushtil eval …`: measurements against the real data in `../shared/data`,
//! and of segmentation against damage done to a folder of papers.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

mod align;
mod langid;
mod segment;
mod stem;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Language identification accuracy, confusions and throughput.
    Langid(langid::Args),
    /// Stemmer conflation precision, recall and F1 against gold lemmas.
    Stem(stem::Args),
    /// Cross-language alignment accuracy on parallel text.
    Align(align::Args),
    /// Segmentation of papers read again with their blank lines removed,
    /// against the papers as they are.
    Segment(segment::Args),
}

pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Langid(args) => langid::run(args),
        Command::Stem(args) => stem::run(args),
        Command::Align(args) => align::run(args),
        Command::Segment(args) => segment::run(args),
    }
}

/// Reads a file of the shared data folder; the error names the file and
/// the `--data` option.
pub(crate) fn read_data_file(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| {
        format!(
            "cannot read {}: pass the shared data folder with --data",
            path.display()
        )
    })
}
