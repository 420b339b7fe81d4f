//! `ushtil train …`: regenerates the tables learned from data that ship in the
//! binary, from the folders `../shared/data/README.md` allows (Tatoeba and
//! the UDHR translations; nothing from the share-alike or GPL folders).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use ushtil_lang::detect::model::{Counts, ModelLang};
use ushtil_lang::detect::{tables, train};

#[derive(clap::Subcommand)]
pub enum Command {
    /// Regenerate the language-identification n-gram tables
    /// (crates/lang/data/langid/) from Tatoeba and the UDHR.
    Langid(LangidArgs),
}

#[derive(clap::Args)]
pub struct LangidArgs {
    /// The shared data folder.
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// Where to write the tables.
    #[arg(long, default_value = "crates/lang/data/langid")]
    out: PathBuf,
}

pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Langid(args) => langid(args),
    }
}

/// Which lines of a source file train the tables.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Split {
    /// Every line.
    All,
    /// Lines 0, 2, 4…; the odd lines are held out for `ushtil eval langid`.
    Even,
}

/// How a source file is laid out.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// One sentence a line.
    Lines,
    /// UDHR `section<TAB>para<TAB>text` with a header row.
    UdhrParas,
}

/// One training source.
pub(crate) struct Source {
    pub lang: ModelLang,
    pub path: &'static str,
    pub layout: Layout,
    pub split: Split,
}

const fn src(lang: ModelLang, path: &'static str, layout: Layout, split: Split) -> Source {
    Source {
        lang,
        path,
        layout,
        split,
    }
}

use Layout::{Lines, UdhrParas};
use ModelLang as L;
use Split::{All, Even};

/// The training plan: Tatoeba (`langid_tatoeba_laser`, CC BY 2.0 FR) and the
/// UDHR (`udhr_parallel`). Kazakh, Russian and English are evaluated on other
/// folders, so all their lines train; the confusers that `ushtil eval langid`
/// measures on Tatoeba train on the even lines only.
pub(crate) const SOURCES: &[Source] = &[
    src(L::Kk, "langid_tatoeba_laser/kaz.txt", Lines, All),
    src(L::Kk, "udhr_parallel/udhr_kaz.paras.tsv", UdhrParas, All),
    src(L::Ru, "langid_tatoeba_laser/rus.txt", Lines, All),
    src(L::Ru, "udhr_parallel/udhr_rus.paras.tsv", UdhrParas, All),
    src(L::En, "udhr_parallel/udhr_eng.paras.tsv", UdhrParas, All),
    src(L::En, "langid_tatoeba_laser/aze-eng.eng.txt", Lines, All),
    src(L::En, "langid_tatoeba_laser/bel-eng.eng.txt", Lines, All),
    src(L::En, "langid_tatoeba_laser/bul-eng.eng.txt", Lines, All),
    src(L::En, "langid_tatoeba_laser/kaz-eng.eng.txt", Lines, All),
    src(L::En, "langid_tatoeba_laser/mkd-eng.eng.txt", Lines, All),
    src(L::En, "langid_tatoeba_laser/mon-eng.eng.txt", Lines, All),
    src(L::En, "langid_tatoeba_laser/rus-eng.eng.txt", Lines, All),
    src(L::En, "langid_tatoeba_laser/srp-eng.eng.txt", Lines, All),
    src(L::En, "langid_tatoeba_laser/tat-eng.eng.txt", Lines, All),
    src(L::En, "langid_tatoeba_laser/tuk-eng.eng.txt", Lines, All),
    src(L::En, "langid_tatoeba_laser/tur-eng.eng.txt", Lines, All),
    src(L::En, "langid_tatoeba_laser/ukr-eng.eng.txt", Lines, All),
    src(L::En, "langid_tatoeba_laser/uzb-eng.eng.txt", Lines, All),
    src(L::Ky, "udhr_parallel/udhr_kir.paras.tsv", UdhrParas, All),
    src(L::Tt, "udhr_parallel/udhr_tat.paras.tsv", UdhrParas, All),
    src(L::Tt, "langid_tatoeba_laser/tat.txt", Lines, Even),
    src(L::Mn, "udhr_parallel/udhr_khk.paras.tsv", UdhrParas, All),
    src(L::Mn, "langid_tatoeba_laser/mon.txt", Lines, Even),
    src(L::Uk, "udhr_parallel/udhr_ukr.paras.tsv", UdhrParas, All),
    src(L::Uk, "langid_tatoeba_laser/ukr.txt", Lines, Even),
    src(L::Be, "udhr_parallel/udhr_bel.paras.tsv", UdhrParas, All),
    src(L::Be, "langid_tatoeba_laser/bel.txt", Lines, Even),
    src(L::Bg, "udhr_parallel/udhr_bul.paras.tsv", UdhrParas, All),
    src(L::Bg, "langid_tatoeba_laser/bul.txt", Lines, Even),
    src(L::Mk, "langid_tatoeba_laser/mkd.txt", Lines, Even),
    src(
        L::Uz,
        "udhr_parallel/udhr_uzn_cyrl.paras.tsv",
        UdhrParas,
        All,
    ),
    src(L::Uz, "langid_tatoeba_laser/uzb.txt", Lines, All),
    src(L::Sah, "udhr_parallel/udhr_sah.paras.tsv", UdhrParas, All),
    src(
        L::Tk,
        "udhr_parallel/udhr_tuk_cyrl.paras.tsv",
        UdhrParas,
        All,
    ),
];

/// The text lines of a source file (for UDHR files, the paragraph texts).
pub(crate) fn read_lines(data: &Path, path: &str, layout: Layout) -> anyhow::Result<Vec<String>> {
    let full = data.join(path);
    let text = crate::eval::read_data_file(&full)?;
    Ok(match layout {
        Layout::Lines => text.lines().map(str::to_string).collect(),
        Layout::UdhrParas => text
            .lines()
            .skip(1)
            .filter_map(|l| l.splitn(3, '\t').nth(2))
            .map(str::to_string)
            .collect(),
    })
}

fn langid(args: LangidArgs) -> anyhow::Result<ExitCode> {
    fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    for lang in ModelLang::ALL {
        let mut counts = Counts::default();
        let mut used = Vec::new();
        let mut lines_used = 0usize;
        for s in SOURCES.iter().filter(|s| s.lang == lang) {
            let lines = read_lines(&args.data, s.path, s.layout)?;
            let kept: Vec<&str> = lines
                .iter()
                .enumerate()
                .filter(|(i, _)| s.split == Split::All || i % 2 == 0)
                .map(|(_, l)| l.as_str())
                .collect();
            lines_used += kept.len();
            let c = train::count(lang, kept);
            for (k, n) in c.ngrams {
                *counts.ngrams.entry(k).or_default() += n;
            }
            used.push(format!(
                "{}{}",
                s.path,
                if s.split == Split::Even {
                    " (even lines)"
                } else {
                    ""
                }
            ));
        }
        let header = format!(
            "ushtil language-identification table for '{lang}': character n-gram counts\n\
             (`_` marks a word boundary). Generated by `ushtil train langid`; do not edit.\n\
             Sources ({lines_used} lines): {}\n\
             Tatoeba sentences are CC BY 2.0 FR (see NOTICE); UDHR translations (c) OHCHR, free reproduction.",
            used.join(", ")
        );
        let path = args.out.join(tables::file_name(lang));
        fs::write(&path, counts.to_table(&header))
            .with_context(|| format!("cannot write {}", path.display()))?;
        println!(
            "{lang}\t{} n-grams\t{}",
            counts.ngrams.len(),
            path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
