//! `ushtil stem` and `ushtil analyze`.
//!
//! PLACEHOLDER until its issue lands.

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct StemArgs {}

#[derive(clap::Args)]
pub struct AnalyzeArgs {}

pub fn run_stem(_args: StemArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("'ushtil stem' is not built yet")
}

pub fn run_analyze(_args: AnalyzeArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("'ushtil analyze' is not built yet")
}
