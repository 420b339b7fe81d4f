//! `ushtil eval …`: measurements against the real data in `../shared/data`.

use std::process::ExitCode;

mod align;
mod langid;
mod stem;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Language identification accuracy, confusions and throughput.
    Langid(langid::Args),
    /// Stemmer conflation precision, recall and F1 against gold lemmas.
    Stem(stem::Args),
    /// Cross-language alignment accuracy on parallel text.
    Align(align::Args),
}

pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Langid(args) => langid::run(args),
        Command::Stem(args) => stem::run(args),
        Command::Align(args) => align::run(args),
    }
}
