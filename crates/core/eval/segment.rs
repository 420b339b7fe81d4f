//! `ushtil eval segment`: how segmentation holds up when extraction damages
//! the layout. Each paper of a folder is segmented as it is and again with
//! the damage done to it; the damaged reading is scored against the
//! undamaged one, field by field. The one damage so far is the loss of
//! blank lines (some extractors, and copy-paste from a PDF viewer, give
//! text without them), which leaves paragraphs, headings and titles to be
//! told from the lines alone.
//!
//! A folder of papers with their blank lines, such as `ushtil synth` writes,
//! is the input; nothing is read from `../shared/data`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use rayon::prelude::*;
use serde::Serialize;
use ushtil_segment::Paper;

#[derive(clap::Args)]
pub struct Args {
    /// A folder of papers (`.txt` files, read recursively), e.g. one that
    /// `ushtil synth` wrote.
    #[arg(long, default_value = "corpus")]
    corpus: PathBuf,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    json: bool,
}

/// How many papers read the same with the damage as without, per field.
#[derive(Default, Serialize)]
struct Same {
    titles: usize,
    authors: usize,
    abstracts: usize,
    keywords: usize,
    headings: usize,
    references: usize,
}

/// Items of one kind (titles, section headings) in the undamaged readings,
/// how many of them the damaged readings found, and how many they gave
/// that the undamaged ones do not have.
#[derive(Default, Serialize)]
struct Found {
    original: usize,
    found: usize,
    extra: usize,
}

impl Found {
    fn add(&mut self, original: &[String], damaged: &[String]) {
        self.original += original.len();
        self.found += original.iter().filter(|t| damaged.contains(t)).count();
        self.extra += damaged.iter().filter(|t| !original.contains(t)).count();
    }
}

#[derive(Default, Serialize)]
struct Report {
    corpus: PathBuf,
    damage: &'static str,
    papers: usize,
    /// Files that could not be read as text (named on standard error).
    skipped: usize,
    same: Same,
    titles: Found,
    headings: Found,
}

fn titles(p: &Paper) -> Vec<String> {
    p.titles.iter().map(|t| t.text.clone()).collect()
}

fn headings(p: &Paper) -> Vec<String> {
    p.sections
        .iter()
        .filter(|s| !s.heading.is_empty())
        .map(|s| s.heading.clone())
        .collect()
}

/// The `.txt` files under `dir`, sorted.
fn papers_in(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(true) {
        // walkdir's own message repeats the cause; the cause alone reads better.
        let entry = entry
            .map_err(|e| match e.into_io_error() {
                Some(io) => anyhow::Error::from(io),
                None => anyhow::anyhow!("a symbolic link loops back on itself"),
            })
            .with_context(|| {
                format!(
                    "cannot read the folder {}: pass a folder of papers with --corpus",
                    dir.display()
                )
            })?;
        let path = entry.path();
        if entry.file_type().is_file() && path.extension().is_some_and(|e| e == "txt") {
            out.push(path.to_path_buf());
        }
    }
    out.sort();
    Ok(out)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let files = papers_in(&args.corpus)?;
    if files.is_empty() {
        anyhow::bail!(
            "no .txt papers under {}: pass a folder of papers with --corpus (ushtil synth writes one)",
            args.corpus.display()
        );
    }
    // Per file: both readings, or why the file was skipped.
    let readings: Vec<Result<(Paper, Paper), String>> = files
        .par_iter()
        .map(|path| {
            let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let text =
                ushtil_segment::decode(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
            let original = ushtil_segment::segment(&text);
            let damaged = ushtil_segment::segment(&ushtil_segment::without_blank_lines(&text));
            Ok((original, damaged))
        })
        .collect();
    let mut report = Report {
        corpus: args.corpus.clone(),
        damage: "blank lines removed",
        ..Report::default()
    };
    for reading in readings {
        let (o, d) = match reading {
            Ok(pair) => pair,
            Err(message) => {
                eprintln!("ushtil: skipped {message}");
                report.skipped += 1;
                continue;
            }
        };
        report.papers += 1;
        let same = &mut report.same;
        same.titles += usize::from(o.titles == d.titles);
        same.authors += usize::from(o.authors == d.authors);
        same.abstracts += usize::from(o.abstracts == d.abstracts);
        same.keywords += usize::from(o.keywords == d.keywords);
        same.headings += usize::from(headings(&o) == headings(&d));
        same.references += usize::from(o.references == d.references);
        report.titles.add(&titles(&o), &titles(&d));
        report.headings.add(&headings(&o), &headings(&d));
    }
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        print_table(&report);
    }
    Ok(ExitCode::SUCCESS)
}

fn pct(n: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        100.0 * n as f64 / of as f64
    }
}

fn print_table(r: &Report) {
    println!(
        "{} papers from {} ({} skipped), read again with {}",
        r.papers,
        r.corpus.display(),
        r.skipped,
        r.damage
    );
    println!();
    println!("papers that read the same as without the damage");
    let s = &r.same;
    for (field, n) in [
        ("titles", s.titles),
        ("authors", s.authors),
        ("abstracts", s.abstracts),
        ("keywords", s.keywords),
        ("section headings", s.headings),
        ("references", s.references),
    ] {
        println!(
            "  {field:<17} {n:>6} of {:<6} {:>6.1}%",
            r.papers,
            pct(n, r.papers)
        );
    }
    println!();
    println!("items found                found    extra");
    for (what, f) in [("titles", &r.titles), ("section headings", &r.headings)] {
        println!(
            "  {what:<17} {:>6} of {:<6} {:>6.1}% {:>6}",
            f.found,
            f.original,
            pct(f.found, f.original),
            f.extra
        );
    }
}
