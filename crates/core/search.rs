//! `ushtil search`: query the index. Without `--index`, the default `index/`
//! is first brought up to date with `corpus/` (built when missing,
//! re-indexed incrementally when stale), so a fresh clone answers at once.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ushtil_index::{
    Expansion, Index, IndexError, IngestOptions, Kind, Lang, SearchRequest, SearchResults,
};

#[derive(clap::Args)]
pub struct Args {
    /// The query: words, "phrases", AND, OR, -excluded, parentheses (quote
    /// it in the shell; it may start with `-`). Further words are appended.
    #[arg(allow_hyphen_values = true)]
    query: String,
    /// More query words (`ushtil search labour export` = `"labour export"`).
    #[arg(hide = true)]
    more: Vec<String>,
    /// The index directory. Default: index/ (kept up to date with corpus/).
    #[arg(long)]
    index: Option<PathBuf>,
    /// Only segments in this language (kk, ru, en).
    #[arg(long)]
    lang: Option<Lang>,
    /// Only this part of papers: title, authors, abstract, keywords, body,
    /// references; or affiliations or codes (UDC, МРНТИ), searched only when
    /// asked for.
    #[arg(long)]
    section: Option<Kind>,
    /// Papers to show.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Papers to skip (paging).
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Match papers with any of the words rather than all of them.
    #[arg(long)]
    any: bool,
    /// Match only the words' own forms, not their derivational relatives
    /// (by default `миграция` also finds `миграционная` and `миграциялық`).
    #[arg(long)]
    exact: bool,
    /// Also find papers in the other languages: each query word matches its
    /// glossary translations (or transliteration) too.
    #[arg(long)]
    cross: bool,
    /// Print the results as JSON (snippets with <b> marks).
    // The help text shows the tag as it is, not as rustdoc's HTML.
    #[allow(rustdoc::invalid_html_tags)]
    #[arg(long)]
    json: bool,
}

const DEFAULT_INDEX: &str = "index";
const DEFAULT_CORPUS: &str = "corpus";

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let index = match &args.index {
        Some(dir) => Index::open(dir)?,
        None => default_index()?,
    };
    let mut query = args.query.clone();
    for word in &args.more {
        query.push(' ');
        query.push_str(word);
    }
    let mut request = SearchRequest::new(query);
    request.lang = args.lang;
    request.section = args.section;
    request.limit = args.limit;
    request.offset = args.offset;
    request.all_words = !args.any;
    request.relatives = !args.exact;
    if args.cross {
        request.expansions = expansions(&request.query);
    }
    let results = index.search(&request)?;

    let mut out = io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &results)?;
        writeln!(out)?;
    } else {
        print_results(&mut out, &results, &request, io::stdout().is_terminal())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Opens `index/`, first indexing `corpus/` into it when the index is
/// missing or the corpus changed since (one line on stderr says so). An
/// `index/` that another version of ushtil wrote, which this one cannot
/// read, is rebuilt from `corpus/`: it is what `corpus/` makes.
fn default_index() -> anyhow::Result<Index> {
    let dir = Path::new(DEFAULT_INDEX);
    let corpus = Path::new(DEFAULT_CORPUS);
    if !corpus.is_dir() {
        return Ok(Index::open(dir)?);
    }
    let index = match Index::open_or_create(dir) {
        Err(IndexError::OtherVersion { .. }) => {
            eprintln!(
                "ushtil: {DEFAULT_INDEX}/ was built by another ushtil version; rebuilding it from {DEFAULT_CORPUS}/"
            );
            Index::rebuild(dir)?
        }
        other => other?,
    };
    let options = IngestOptions::default();
    let paths = [corpus.to_path_buf()];
    let stale = index.staleness(&paths, &options)?;
    if stale.is_fresh() {
        return Ok(index);
    }
    eprintln!(
        "ushtil: updating {}/ from {}/ ({} new, {} changed, {} removed papers)",
        DEFAULT_INDEX, DEFAULT_CORPUS, stale.new, stale.changed, stale.removed
    );
    match index.ingest(&paths, &options, &|_| {}) {
        Ok(summary) => {
            for s in &summary.skipped {
                eprintln!("ushtil: skipped {}: {}", s.path, s.reason);
            }
        }
        Err(IndexError::Locked { .. }) if index.stats().papers == 0 => {
            anyhow::bail!(
                "{DEFAULT_INDEX}/ is being built by another ushtil index and holds no papers yet; \
                 search again when it finishes"
            );
        }
        Err(IndexError::Locked { .. }) => {
            eprintln!(
                "ushtil: {}/ is being written by another ushtil index; answering from its last commit",
                DEFAULT_INDEX
            );
        }
        Err(e) => return Err(e.into()),
    }
    Ok(index)
}

/// The query's words, each with its translations from the curated glossary.
fn expansions(query: &str) -> Vec<Expansion> {
    let glossary = ushtil_align::Glossary::curated();
    Expansion::for_query(query, |word| ushtil_align::expand_query(word, &glossary))
}

fn print_results(
    out: &mut impl Write,
    results: &SearchResults,
    request: &SearchRequest,
    terminal: bool,
) -> io::Result<()> {
    let bold = |s: &str| {
        if terminal {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    if results.total == 0 {
        write!(out, "no paper matches {:?}", request.query)?;
        if let Some(n) = results.any_words_total {
            let (papers, have) = if n == 1 {
                ("paper", "has")
            } else {
                ("papers", "have")
            };
            write!(
                out,
                " (no segment has every word); {n} {papers} {have} some of them (--any)"
            )?;
        }
        // Affiliations and codes answer only when asked for: say when they
        // would.
        if request.section.is_none() {
            for kind in Kind::SECTIONS
                .into_iter()
                .filter(|k| !k.searched_by_default())
            {
                if let Some(&n) = results.facets.section.get(kind.as_str()) {
                    let papers = if n == 1 { "paper" } else { "papers" };
                    write!(
                        out,
                        "; found in the {kind} of {n} {papers} (--section {kind})"
                    )?;
                }
            }
        }
        return writeln!(out);
    }
    let shown_to = request.offset + results.hits.len();
    writeln!(
        out,
        "{} paper{} match{} {:?}{}",
        results.total,
        if results.total == 1 { "" } else { "s" },
        if results.total == 1 { "es" } else { "" },
        request.query,
        if results.hits.is_empty() {
            String::new()
        } else {
            format!(" (showing {}–{})", request.offset + 1, shown_to)
        }
    )?;
    for (i, hit) in results.hits.iter().enumerate() {
        writeln!(out)?;
        writeln!(
            out,
            "{}. {}  [{:.2}]",
            request.offset + i + 1,
            bold(&hit.title),
            hit.score
        )?;
        writeln!(out, "   {}  {}", hit.paper, hit.path)?;
        for seg in &hit.segments {
            let heading = seg
                .heading
                .as_deref()
                .map(|h| format!(" «{h}»"))
                .unwrap_or_default();
            let snippet = if terminal {
                seg.fragment.to_ansi()
            } else {
                seg.fragment.to_plain()
            };
            writeln!(out, "   {} {}{}: {}", seg.kind, seg.lang, heading, snippet)?;
        }
    }
    if request.offset >= results.total {
        // Past the last page: say where it starts.
        let last = (results.total - 1) / request.limit.max(1) * request.limit.max(1);
        writeln!(out)?;
        writeln!(
            out,
            "--offset {} is past the last paper: the last page is --offset {last}",
            request.offset
        )?;
    } else if shown_to < results.total && request.limit > 0 {
        writeln!(out)?;
        writeln!(
            out,
            "more: --offset {} (or --limit {})",
            shown_to,
            results.total.min(shown_to + request.limit)
        )?;
    }
    Ok(())
}
