//! `ushtil segment`.
//!
//! PLACEHOLDER until its issue lands.

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("'ushtil segment' is not built yet")
}
