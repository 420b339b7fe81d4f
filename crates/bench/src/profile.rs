//! Where ushtil's ingestion time goes: each stage run on its own over the
//! whole corpus, on one thread, in pipeline order.

use std::fs;
use std::path::Path;
use std::time::Instant;

use serde::{Deserialize, Serialize};
use ushtil_lang::Lang;
use ushtil_lang::analysis::analyzer;

use crate::BenchError;
use crate::engines::{corpus_files, peak_rss_bytes};

/// One stage's time over the corpus.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Stage {
    pub name: String,
    pub seconds: f64,
    /// What the stage counts, for a sanity check (bytes, papers, segments, tokens).
    pub count: u64,
    pub what: String,
    /// For a breakdown row: the stage whose time includes this one (its
    /// time is measured standalone and not added to the total).
    pub part_of: Option<String>,
}

/// The profile of one single-threaded run.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Profile {
    pub papers: u64,
    pub bytes: u64,
    pub stages: Vec<Stage>,
    /// The stage that takes longest (the next thing to make faster).
    pub largest: String,
    pub peak_rss_bytes: u64,
}

fn stage(name: &str, seconds: f64, count: u64, what: &str) -> Stage {
    Stage {
        name: name.to_string(),
        seconds,
        count,
        what: what.to_string(),
        part_of: None,
    }
}

fn part(name: &str, of: &str, seconds: f64, count: u64, what: &str) -> Stage {
    Stage {
        part_of: Some(of.to_string()),
        ..stage(name, seconds, count, what)
    }
}

/// Times the stages of ushtil's ingestion of `corpus`, one at a time, on
/// one thread. The top-level stages add up to a single-threaded ingestion:
/// - `reading`: reading the files and decoding them;
/// - `segmentation`: `ushtil_segment::segment` on every paper, which repairs
///   the text, finds the structure and detects the languages of its blocks;
///   - `repair` (a part of it, timed standalone): `ushtil_segment::repair`
///     over each whole paper (line joining, hyphens, ligatures, look-alikes);
///   - `detection` (a part of it, timed standalone): `ushtil_lang::detect`
///     on every segment the paper yields;
/// - `analysis`: every segment through the analyser the index applies (its
///   language's, with the folded terms for Kazakh; the plain one for `und`);
/// - `tantivy`: `Index::ingest_papers` of the segmented papers into a fresh
///   index in `scratch` (document building, tantivy's indexing, commit),
///   less the analysis stage that runs inside it.
pub fn profile(corpus: &Path, scratch: &Path) -> Result<Profile, BenchError> {
    let files = corpus_files(corpus)?;

    let t = Instant::now();
    let mut texts = Vec::with_capacity(files.len());
    let mut bytes = 0u64;
    for file in &files {
        let raw = fs::read(file).map_err(|source| BenchError::Io {
            path: file.clone(),
            source,
        })?;
        bytes += raw.len() as u64;
        if let Ok(text) = ushtil_segment::decode(&raw) {
            texts.push((file.display().to_string(), text));
        }
    }
    let reading = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let mut repaired = 0u64;
    for (_, text) in &texts {
        let (out, diagnostics) = ushtil_segment::repair(text);
        repaired += diagnostics.len() as u64;
        std::hint::black_box(out);
    }
    let repair = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let papers: Vec<(String, ushtil_segment::Paper)> = texts
        .iter()
        .map(|(name, text)| (name.clone(), ushtil_segment::segment(text)))
        .collect();
    let segment_all = t.elapsed().as_secs_f64();

    let segments: Vec<(Lang, &str)> = papers
        .iter()
        .flat_map(|(_, p)| {
            let titles = p.titles.iter().map(|t| (t.lang, t.text.as_str()));
            let abstracts = p.abstracts.iter().map(|a| (a.lang, a.text.as_str()));
            let body = p
                .sections
                .iter()
                .flat_map(|s| s.paragraphs.iter().map(move |para| (s.lang, para.as_str())));
            let refs = p.references.iter().map(|r| (Lang::Und, r.as_str()));
            titles.chain(abstracts).chain(body).chain(refs)
        })
        .collect();

    let t = Instant::now();
    for (_, text) in &segments {
        std::hint::black_box(ushtil_lang::detect(text));
    }
    let detection = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let mut tokens = 0u64;
    let mut analysers: Vec<_> = [Lang::Kk, Lang::Ru, Lang::En, Lang::Und]
        .into_iter()
        .map(|lang| {
            let name = ushtil_index::index_analyser(lang);
            (
                lang,
                analyzer(name).expect("ushtil registers this analyser"),
            )
        })
        .collect();
    for (lang, text) in &segments {
        let lang = if *lang == Lang::Und {
            ushtil_lang::detect(text).lang
        } else {
            *lang
        };
        if let Some((_, a)) = analysers.iter_mut().find(|(l, _)| *l == lang) {
            let mut stream = a.token_stream(text);
            while stream.advance() {
                tokens += 1;
            }
        }
    }
    let analysis = t.elapsed().as_secs_f64();
    let n_segments = segments.len() as u64;
    drop(segments);

    let t = Instant::now();
    let idx = ushtil_index::Index::open_or_create(scratch)?;
    let options = ushtil_index::IngestOptions {
        threads: 1,
        ..Default::default()
    };
    let n_papers = papers.len() as u64;
    let summary = idx.ingest_papers(papers, &options, &|_| {})?;
    let indexing = t.elapsed().as_secs_f64();

    let stages = vec![
        stage("reading", reading, bytes, "bytes read and decoded"),
        stage("segmentation", segment_all, n_papers, "papers segmented"),
        part("repair", "segmentation", repair, repaired, "repairs made"),
        part(
            "detection",
            "segmentation",
            detection,
            n_segments,
            "segments detected",
        ),
        stage("analysis", analysis, tokens, "tokens from the analysers"),
        stage(
            "tantivy",
            (indexing - analysis).max(0.0),
            summary.segments,
            "segments indexed (ingest_papers time less analysis)",
        ),
    ];
    let largest = stages
        .iter()
        .filter(|s| s.part_of.is_none())
        .max_by(|a, b| a.seconds.total_cmp(&b.seconds))
        .map(|s| s.name.clone())
        .unwrap_or_default();
    Ok(Profile {
        papers: n_papers,
        bytes,
        stages,
        largest,
        peak_rss_bytes: peak_rss_bytes(),
    })
}
