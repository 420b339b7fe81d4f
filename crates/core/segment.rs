//! `ushtil segment FILE [--json]`: repair and segment one paper's extracted
//! text, print a readable outline or the JSON of the segmentation.

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use ushtil_segment::{Segmentation, decode, segment_full};

#[derive(clap::Args)]
pub struct Args {
    /// The paper's extracted text (UTF-8, UTF-16, Windows-1251, KZ-1048 or Windows-1252); `-` reads standard input.
    file: PathBuf,
    /// Print the segmentation as JSON (the Paper's keys, plus affiliations,
    /// codes and citations) instead of an outline.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let name = args.file.display().to_string();
    let bytes = if name == "-" {
        let mut buf = Vec::new();
        io::stdin()
            .read_to_end(&mut buf)
            .context("cannot read standard input")?;
        buf
    } else {
        std::fs::read(&args.file).with_context(|| {
            format!("cannot read {name}: check the path (ushtil segment takes one text file)")
        })?
    };
    let text = decode(&bytes).with_context(|| format!("cannot segment {name}"))?;
    let seg = segment_full(&text);
    let mut out = io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &seg)?;
        writeln!(out)?;
    } else {
        write_outline(&mut out, &seg)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The first `n` words of `text`, with an ellipsis if there are more.
fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut s = words[..words.len().min(n)].join(" ");
    if words.len() > n {
        s.push_str(" …");
    }
    s
}

fn write_outline(out: &mut impl Write, seg: &Segmentation) -> io::Result<()> {
    let p = &seg.paper;
    writeln!(out, "Titles")?;
    for t in &p.titles {
        writeln!(out, "  [{}] {}", t.lang, t.text)?;
    }
    writeln!(out, "Authors")?;
    for a in &p.authors {
        writeln!(out, "  {a}")?;
    }
    if !seg.affiliations.is_empty() {
        writeln!(out, "Affiliations")?;
        for a in &seg.affiliations {
            writeln!(out, "  {a}")?;
        }
    }
    if !seg.codes.is_empty() {
        writeln!(out, "Codes: {}", seg.codes.join("; "))?;
    }
    writeln!(out, "Abstracts")?;
    for a in &p.abstracts {
        let words = a.text.split_whitespace().count();
        writeln!(
            out,
            "  [{}] {words} words: {}",
            a.lang,
            first_words(&a.text, 12)
        )?;
    }
    writeln!(out, "Keywords")?;
    for k in &p.keywords {
        writeln!(out, "  [{}] {}", k.lang, k.terms.join(" | "))?;
    }
    writeln!(out, "Sections")?;
    for (i, s) in p.sections.iter().enumerate() {
        let heading = if s.heading.is_empty() {
            "(no heading)"
        } else {
            &s.heading
        };
        writeln!(
            out,
            "  {}. [{}] {heading} — {} paragraph{}",
            i + 1,
            s.lang,
            s.paragraphs.len(),
            if s.paragraphs.len() == 1 { "" } else { "s" }
        )?;
        for para in &s.paragraphs {
            writeln!(out, "       {}", first_words(para, 8))?;
        }
    }
    writeln!(out, "References: {}", p.references.len())?;
    writeln!(out, "Citations: {}", seg.citations.len())?;
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for d in &p.diagnostics {
        let kind = serde_json::to_value(d.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        *kinds.entry(kind).or_default() += 1;
    }
    let summary: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
    writeln!(
        out,
        "Diagnostics: {} ({})",
        p.diagnostics.len(),
        if summary.is_empty() {
            "none".to_string()
        } else {
            summary.join(", ")
        }
    )?;
    Ok(())
}
