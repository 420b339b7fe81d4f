//! `ushtil compare PAPER [--json] [--html FILE]`: a paper's titles, abstracts
//! and keywords side by side across languages, with sentence and keyword links
//! and the flags an editor acts on. `ushtil compare --mine-from DIR --out FILE`
//! mines a glossary from many papers.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use ushtil_align::{Comparison, Glossary, compare, mine};
use ushtil_segment::{Lang, Paper, decode, segment};

#[derive(clap::Args)]
pub struct Args {
    /// The paper: a text file (segmented first), a JSON file from `ushtil
    /// segment --json`, or the id of an indexed paper.
    #[arg(required_unless_present = "mine_from")]
    paper: Option<String>,
    /// Print the comparison as JSON.
    #[arg(long)]
    json: bool,
    /// Also write the comparison as one self-contained HTML page to FILE.
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
    /// The index to look paper ids up in.
    #[arg(long, value_name = "DIR", default_value = "index")]
    index: PathBuf,
    /// Add the entries of a glossary TSV (kk, ru, en[, score]) to the curated
    /// one; repeatable (for example a glossary written by --mine-from).
    #[arg(long, value_name = "FILE")]
    glossary: Vec<PathBuf>,
    /// Mine a glossary from the papers (.txt or .json) in DIR instead of
    /// comparing one paper: matched keywords and aligned abstract sentences
    /// vote for translations (Dice over co-occurrence).
    #[arg(long, value_name = "DIR")]
    mine_from: Option<PathBuf>,
    /// Where --mine-from writes the mined glossary (default: standard output).
    #[arg(long, value_name = "FILE", requires = "mine_from")]
    out: Option<PathBuf>,
    /// Units (keyword pairs, sentence pairs) a mined translation needs.
    #[arg(long, default_value_t = 2, requires = "mine_from")]
    min_count: u32,
    /// Dice coefficient a mined translation needs.
    #[arg(long, default_value_t = 0.5, requires = "mine_from")]
    min_dice: f32,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut glossary = Glossary::curated();
    for path in &args.glossary {
        glossary.extend(Glossary::read(path)?);
    }
    if let Some(dir) = &args.mine_from {
        return run_mine(dir, &glossary, &args);
    }
    let Some(name) = args.paper.as_deref() else {
        bail!("give a paper (a file or an indexed paper id), or --mine-from DIR");
    };
    let paper = load_paper(name, &args.index)?;
    let comparison = compare(&paper, &glossary);
    if let Some(path) = &args.html {
        std::fs::write(path, html_page(name, &comparison)).with_context(|| {
            format!(
                "cannot write {}: check the folder exists and is writable",
                path.display()
            )
        })?;
    }
    let mut out = io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &comparison)?;
        writeln!(out)?;
    } else {
        write_terminal(&mut out, &comparison)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Reads a paper from a file (text or segmentation JSON) or from the index.
fn load_paper(name: &str, index: &Path) -> anyhow::Result<Paper> {
    let path = Path::new(name);
    if path.is_file() {
        return read_paper_file(path);
    }
    // A paper id is letters and digits: a name with a path separator or an
    // extension can only have been meant as a file.
    if path.exists() || name.contains(['/', '\\', '.']) {
        let why = if path.exists() {
            "is not a file"
        } else {
            "does not exist"
        };
        bail!(
            "{name} {why}: pass a text file, a JSON file from `ushtil segment --json` or a paper id"
        );
    }
    if !ushtil_index::Index::exists(index) {
        bail!(
            "{name} is not a file, and there is no index at {} to look it up as a paper id (pass --index DIR or a file path)",
            index.display()
        );
    }
    let idx = ushtil_index::Index::open(index).with_context(|| {
        format!(
            "{name} is not a file, and the index at {} to look it up as a paper id cannot be opened",
            index.display()
        )
    })?;
    match idx.paper(name)? {
        Some(stored) => Ok(stored.paper),
        None => bail!(
            "{name} is neither a file nor a paper id in the index at {} (`ushtil search` lists ids)",
            index.display()
        ),
    }
}

fn read_paper_file(path: &Path) -> anyhow::Result<Paper> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let text = decode(&bytes).with_context(|| format!("cannot read {}", path.display()))?;
    if text.trim_start().starts_with('{') {
        return serde_json::from_str(&text).with_context(|| {
            format!(
                "{} looks like JSON but is not a paper (write one with `ushtil segment --json`)",
                path.display()
            )
        });
    }
    Ok(segment(&text))
}

fn run_mine(dir: &Path, glossary: &Glossary, args: &Args) -> anyhow::Result<ExitCode> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the folder {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "json"))
        .collect();
    files.sort();
    let mut papers = Vec::new();
    let mut skipped = 0;
    for f in &files {
        match read_paper_file(f) {
            Ok(p) => papers.push(p),
            Err(e) => {
                skipped += 1;
                eprintln!("ushtil: skipped {}: {e:#}", f.display());
            }
        }
    }
    let mined = mine(&papers, glossary, args.min_count, args.min_dice);
    let header = format!(
        "Glossary mined by `ushtil compare --mine-from {}` from {} papers\n(keyword and sentence links voting, Dice >= {}, count >= {}).",
        dir.display(),
        papers.len(),
        args.min_dice,
        args.min_count
    );
    let tsv = mined.to_tsv(&header);
    match &args.out {
        Some(path) => {
            std::fs::write(path, tsv).with_context(|| format!("cannot write {}", path.display()))?
        }
        None => io::stdout().lock().write_all(tsv.as_bytes())?,
    }
    eprintln!(
        "mined {} translations from {} papers",
        mined.len(),
        papers.len()
    );
    Ok(if skipped > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Kk => "Kazakh",
        Lang::Ru => "Russian",
        Lang::En => "English",
        Lang::Und => "unknown",
    }
}

fn write_terminal(out: &mut impl Write, c: &Comparison) -> io::Result<()> {
    let codes: Vec<&str> = c.languages.iter().map(|l| l.code()).collect();
    writeln!(
        out,
        "Languages: {}",
        if codes.is_empty() {
            "none found".into()
        } else {
            codes.join(", ")
        }
    )?;
    writeln!(out, "\nTitles")?;
    for t in &c.titles {
        writeln!(out, "  [{}] {} ({} words)", t.lang, t.text, t.words)?;
    }
    writeln!(out, "\nAbstracts")?;
    for a in &c.abstracts {
        writeln!(
            out,
            "  [{}] {} — {} sentences, {} words",
            a.lang,
            lang_name(a.lang),
            a.sentence_count,
            a.words
        )?;
        for (i, s) in a.sentences.iter().enumerate() {
            writeln!(out, "      {}. {s}", i + 1)?;
        }
    }
    writeln!(out, "\nKeywords")?;
    for k in &c.keywords {
        writeln!(
            out,
            "  [{}] {} ({} keywords)",
            k.lang,
            k.terms.join("; "),
            k.count
        )?;
    }
    writeln!(out, "\nSentence links (sentence numbers per abstract)")?;
    for l in &c.sentence_links {
        let nums = |v: &[usize]| {
            if v.is_empty() {
                "—".to_string()
            } else {
                v.iter()
                    .map(|i| (i + 1).to_string())
                    .collect::<Vec<_>>()
                    .join("+")
            }
        };
        writeln!(
            out,
            "  {}:{:<5} ↔ {}:{:<5} score {:.2}",
            l.a,
            nums(&l.a_sentences),
            l.b,
            nums(&l.b_sentences),
            l.score
        )?;
    }
    writeln!(out, "\nKeyword links")?;
    for k in &c.keyword_links {
        let cell = |t: &Option<String>| t.clone().unwrap_or_else(|| "—".into());
        let evidence: Vec<&str> = k.evidence.iter().map(|e| e.name()).collect();
        writeln!(
            out,
            "  kk: {:<24} ru: {:<26} en: {:<20} score {:.2} {}",
            cell(&k.kk),
            cell(&k.ru),
            cell(&k.en),
            k.score,
            evidence.join(",")
        )?;
    }
    writeln!(out, "\nFlags ({})", c.flags.len())?;
    for f in &c.flags {
        let kind = f.kind.name();
        writeln!(out, "  {kind} [{}]: {}", f.lang, f.detail)?;
    }
    Ok(())
}

/// Escapes text for HTML element content and attribute values (the web
/// page's escaper, so the two HTML outputs escape alike).
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    ushtil_server::snippet::escape_into(text, &mut out);
    out
}

/// One self-contained page: side-by-side columns per language, the links and
/// the flags. All text is escaped.
fn html_page(name: &str, c: &Comparison) -> String {
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>ushtil compare: ");
    h.push_str(&esc(name));
    h.push_str("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:90em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4em;vertical-align:top;text-align:left}.flag{background:#fff3cd}.score{color:#555;font-size:.9em}</style></head><body>\n");
    h.push_str(&format!("<h1>Comparison of {}</h1>\n", esc(name)));
    let langs: Vec<Lang> = c.languages.clone();
    h.push_str("<table><tr><th></th>");
    for l in &langs {
        h.push_str(&format!("<th>{}</th>", esc(lang_name(*l))));
    }
    h.push_str("</tr>\n<tr><th>Title</th>");
    for l in &langs {
        let t = c
            .titles
            .iter()
            .find(|t| t.lang == *l)
            .map_or(String::new(), |t| esc(&t.text));
        h.push_str(&format!("<td>{t}</td>"));
    }
    h.push_str("</tr>\n<tr><th>Abstract</th>");
    for l in &langs {
        h.push_str("<td>");
        if let Some(a) = c.abstracts.iter().find(|a| a.lang == *l) {
            h.push_str(&format!(
                "<p class=\"score\">{} sentences, {} words</p><ol>",
                a.sentence_count, a.words
            ));
            for s in &a.sentences {
                h.push_str(&format!("<li>{}</li>", esc(s)));
            }
            h.push_str("</ol>");
        }
        h.push_str("</td>");
    }
    h.push_str("</tr>\n<tr><th>Keywords</th>");
    for l in &langs {
        let k = c
            .keywords
            .iter()
            .find(|k| k.lang == *l)
            .map_or(String::new(), |k| {
                format!(
                    "{} <span class=\"score\">({})</span>",
                    esc(&k.terms.join("; ")),
                    k.count
                )
            });
        h.push_str(&format!("<td>{k}</td>"));
    }
    h.push_str("</tr></table>\n<h2>Sentence links</h2>\n<table><tr><th>a</th><th>sentences</th><th>b</th><th>sentences</th><th>score</th></tr>\n");
    for l in &c.sentence_links {
        let nums = |v: &[usize]| {
            v.iter()
                .map(|i| (i + 1).to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        h.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.2}</td></tr>\n",
            l.a,
            nums(&l.a_sentences),
            l.b,
            nums(&l.b_sentences),
            l.score
        ));
    }
    h.push_str("</table>\n<h2>Keyword links</h2>\n<table><tr><th>kk</th><th>ru</th><th>en</th><th>score</th><th>evidence</th></tr>\n");
    for k in &c.keyword_links {
        let cell = |t: &Option<String>| t.as_deref().map_or("—".to_string(), esc);
        let ev: Vec<&str> = k.evidence.iter().map(|e| e.name()).collect();
        h.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{:.2}</td><td>{}</td></tr>\n",
            cell(&k.kk),
            cell(&k.ru),
            cell(&k.en),
            k.score,
            esc(&ev.join(", "))
        ));
    }
    h.push_str(&format!(
        "</table>\n<h2>Flags ({})</h2>\n<ul>\n",
        c.flags.len()
    ));
    for f in &c.flags {
        let kind = f.kind.name();
        h.push_str(&format!(
            "<li class=\"flag\"><b>{}</b> [{}]: {}</li>\n",
            esc(kind),
            f.lang,
            esc(&f.detail)
        ));
    }
    h.push_str("</ul>\n</body></html>\n");
    h
}
