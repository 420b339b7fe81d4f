//! `ushtil eval stem`: conflation precision, recall and F1 of our stemmers
//! against gold lemmas, beside the no-stemming and first-4-letters baselines.
//!
//! Data (read from `--data`, never copied into the project):
//! - kk, development split (the Kazakh stemmer was tuned on it):
//!   `kk_morph_apertium/kk_corpus_tagged_lemmas.tsv` + `kk_eval1000_lemmas.tsv`;
//! - kk, held-out split (not tuned on): `kk_morph_apertium/kk_texts2_gold_lemmas.tsv`;
//! - ru: `ud_ru_gsd/ru_gsd-ud-dev.form_lemma_upos.tsv`;
//! - en: `ud_en_ewt/en_ewt-ud-dev.form_lemma_upos.tsv`
//!   (Snowball is not tuned by us, so these are held-out by construction).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;
use ushtil_lang::Lang;
use ushtil_lang::analysis::conflation::{self, Scores};
use ushtil_lang::analysis::{self, fold};

#[derive(clap::Args)]
pub struct Args {
    /// Language to evaluate: kk, ru or en.
    #[arg(long)]
    lang: Lang,
    /// The shared evaluation data folder.
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Row {
    stemmer: &'static str,
    #[serde(flatten)]
    scores: Scores,
}

#[derive(Serialize)]
struct Split {
    name: &'static str,
    tuned_on: bool,
    sources: Vec<String>,
    forms: usize,
    rows: Vec<Row>,
}

#[derive(Serialize)]
struct Report {
    lang: Lang,
    data: PathBuf,
    splits: Vec<Split>,
}

/// Reads a TSV file with a header, returning its rows as columns.
fn read_tsv(path: &Path) -> anyhow::Result<Vec<Vec<String>>> {
    let text = super::read_data_file(path)?;
    Ok(text
        .lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect())
}

/// (form, lemma, count) observations from `path`, columns picked by index.
/// A `|`-separated lemma set keeps its first lemma.
fn observations(
    path: &Path,
    form: usize,
    lemma: usize,
    count: Option<usize>,
) -> anyhow::Result<Vec<(String, String, u64)>> {
    let rows = read_tsv(path)?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let f = r.get(form)?.clone();
            let l = r.get(lemma)?.split('|').next()?.to_string();
            let c = match count {
                Some(i) => r.get(i)?.trim().parse().ok()?,
                None => 1,
            };
            Some((f, l, c))
        })
        .collect())
}

fn distinct(obs: &[(String, String, u64)]) -> Vec<(String, String)> {
    conflation::distinct_forms(
        obs.iter()
            .flat_map(|(f, l, c)| std::iter::repeat_n((f.as_str(), l.as_str()), *c as usize)),
    )
}

fn split(
    lang: Lang,
    name: &'static str,
    tuned_on: bool,
    data: &Path,
    sources: &[(&str, usize, usize, Option<usize>)],
) -> anyhow::Result<Split> {
    let mut obs = Vec::new();
    for &(file, form, lemma, count) in sources {
        obs.extend(observations(&data.join(file), form, lemma, count)?);
    }
    let forms = distinct(&obs);
    let mut rows = vec![Row {
        stemmer: match lang {
            Lang::Kk => "ushtil kk (ours)",
            Lang::Ru => "snowball ru (rust-stemmers)",
            _ => "snowball en (rust-stemmers)",
        },
        scores: conflation::score(&forms, |w| analysis::stem(lang, w)),
    }];
    if lang == Lang::Kk {
        rows.push(Row {
            stemmer: "ushtil kk_fold (forms folded)",
            scores: conflation::score(&forms, |w| analysis::stem_folded(&fold::fold(w))),
        });
    }
    rows.push(Row {
        stemmer: "baseline: no stemming",
        scores: conflation::score(&forms, str::to_string),
    });
    rows.push(Row {
        stemmer: "baseline: first 4 letters",
        scores: conflation::score(&forms, |w| conflation::prefix(w, 4)),
    });
    Ok(Split {
        name,
        tuned_on,
        sources: sources.iter().map(|s| s.0.to_string()).collect(),
        forms: forms.len(),
        rows,
    })
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let data = &args.data;
    let splits = match args.lang {
        Lang::Kk => vec![
            split(
                Lang::Kk,
                "dev",
                true,
                data,
                &[
                    ("kk_morph_apertium/kk_corpus_tagged_lemmas.tsv", 1, 2, None),
                    ("kk_morph_apertium/kk_eval1000_lemmas.tsv", 0, 1, None),
                ],
            )?,
            split(
                Lang::Kk,
                "held-out",
                false,
                data,
                &[("kk_morph_apertium/kk_texts2_gold_lemmas.tsv", 2, 3, None)],
            )?,
        ],
        Lang::Ru => vec![split(
            Lang::Ru,
            "ud dev",
            false,
            data,
            &[("ud_ru_gsd/ru_gsd-ud-dev.form_lemma_upos.tsv", 0, 1, Some(3))],
        )?],
        Lang::En => vec![split(
            Lang::En,
            "ud dev",
            false,
            data,
            &[("ud_en_ewt/en_ewt-ud-dev.form_lemma_upos.tsv", 0, 1, Some(3))],
        )?],
        Lang::Und => anyhow::bail!("'ushtil eval stem' needs --lang kk, ru or en"),
    };
    let report = Report {
        lang: args.lang,
        data: args.data.clone(),
        splits,
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "conflation of distinct lowercase word forms against gold lemmas, lang {} (data {})",
        report.lang,
        report.data.display()
    );
    for s in &report.splits {
        println!();
        println!(
            "split {} ({}): {} forms from {}",
            s.name,
            if s.tuned_on {
                "tuned on"
            } else {
                "NOT tuned on"
            },
            s.forms,
            s.sources.join(" + ")
        );
        println!(
            "  {:<32} {:>9} {:>11} {:>10} {:>9} {:>6} {:>6} {:>6}",
            "stemmer", "forms", "lemma-pairs", "stem-pairs", "both", "P", "R", "F1"
        );
        for r in &s.rows {
            let c = &r.scores;
            println!(
                "  {:<32} {:>9} {:>11} {:>10} {:>9} {:>6.3} {:>6.3} {:>6.3}",
                r.stemmer,
                c.forms,
                c.lemma_pairs,
                c.stem_pairs,
                c.both_pairs,
                c.precision,
                c.recall,
                c.f1
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
