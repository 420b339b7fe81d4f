//! `ushtil train …`: regenerates the tables learned from data that ship in the
//! binary, from the folders `../shared/data/README.md` allows.
//!
//! PLACEHOLDER until the detector lands.

use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum Command {}

pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {}
}
