//! `ushtil align A B [--json]`: for each line of A, the 1-based number of its
//! best-matching line in B and the score, tab-separated. Best matches are
//! ranked with the CSLS hub correction (a line of B that scores high against
//! every line of A is discounted); the score printed is the plain one, in 0..1.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;
use ushtil_align::Glossary;
use ushtil_align::retrieve::{CSLS_K, assign, best_matches, csls, score_matrix};
use ushtil_lang::{Lang, detect};
use ushtil_segment::decode;

#[derive(clap::Args)]
pub struct Args {
    /// A text file, one segment per line.
    a: PathBuf,
    /// A text file in another language, one segment per line, in any order.
    b: PathBuf,
    /// Print JSON lines: {"a": n, "b": m, "score": s} (b null when B is empty).
    #[arg(long)]
    json: bool,
    /// Match lines one to one (each line of B used at most once, the best
    /// total score) instead of each line's best match.
    #[arg(long)]
    one_to_one: bool,
    /// The language of A (kk, ru, en); detected from its text by default.
    #[arg(long, value_name = "LANG")]
    lang_a: Option<Lang>,
    /// The language of B (kk, ru, en); detected from its text by default.
    #[arg(long, value_name = "LANG")]
    lang_b: Option<Lang>,
    /// Add the entries of a glossary TSV to the curated one; repeatable.
    #[arg(long, value_name = "FILE")]
    glossary: Vec<PathBuf>,
}

#[derive(Serialize)]
struct Row {
    a: usize,
    b: Option<usize>,
    score: Option<f64>,
}

fn read_lines(path: &Path) -> anyhow::Result<Vec<String>> {
    let bytes = std::fs::read(path)
        .with_context(|| format!("cannot read {}: check the path", path.display()))?;
    let text = decode(&bytes).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(text.lines().map(str::to_string).collect())
}

fn language(given: Option<Lang>, lines: &[String], path: &Path) -> anyhow::Result<Lang> {
    if let Some(lang) = given.filter(|l| *l != Lang::Und) {
        return Ok(lang);
    }
    let sample: String = lines.iter().take(200).map(|l| format!("{l}\n")).collect();
    match detect(&sample).lang {
        Lang::Und if lines.iter().all(|l| l.trim().is_empty()) => Ok(Lang::Und),
        Lang::Und => anyhow::bail!(
            "cannot tell the language of {}: pass it with --lang-a/--lang-b (kk, ru or en)",
            path.display()
        ),
        lang => Ok(lang),
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut glossary = Glossary::curated();
    for path in &args.glossary {
        glossary.extend(Glossary::read(path)?);
    }
    let a = read_lines(&args.a)?;
    let b = read_lines(&args.b)?;
    let la = language(args.lang_a, &a, &args.a)?;
    let lb = language(args.lang_b, &b, &args.b)?;
    let matrix = score_matrix(la, &a, lb, &b, &glossary);
    let matches: Vec<Option<(usize, f64)>> = if args.one_to_one {
        assign(&matrix)
            .into_iter()
            .enumerate()
            .map(|(i, j)| j.map(|j| (j, matrix[i][j])))
            .collect()
    } else {
        // Rank with the hub correction, report the plain score.
        best_matches(&csls(&matrix, CSLS_K))
            .into_iter()
            .enumerate()
            .map(|(i, m)| m.map(|(j, _)| (j, matrix[i][j])))
            .collect()
    };
    let mut out = io::stdout().lock();
    for (i, m) in matches.iter().enumerate() {
        let round = |s: f64| (s * 1000.0).round() / 1000.0;
        if args.json {
            let row = Row {
                a: i + 1,
                b: m.map(|(j, _)| j + 1),
                score: m.map(|(_, s)| round(s)),
            };
            serde_json::to_writer(&mut out, &row)?;
            writeln!(out)?;
        } else {
            match m {
                Some((j, s)) => writeln!(out, "{}\t{:.3}", j + 1, s)?,
                None => writeln!(out, "-\t-")?,
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
