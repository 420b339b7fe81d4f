//! `ushtil stem` (one word per line → its stem) and `ushtil analyze` (text →
//! one line of index terms per input line), both over standard input.

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use ushtil_lang::analysis::{self, names};
use ushtil_lang::{Lang, detect};

/// The language flag of `stem` and `analyze`: a language or `auto`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LangArg {
    Lang(Lang),
    Auto,
}

fn parse_lang_arg(s: &str) -> Result<LangArg, String> {
    if s.trim().eq_ignore_ascii_case("auto") {
        return Ok(LangArg::Auto);
    }
    match s.parse::<Lang>() {
        Ok(Lang::Und) | Err(_) => Err(format!("unknown language '{s}': use kk, ru, en or auto")),
        Ok(lang) => Ok(LangArg::Lang(lang)),
    }
}

fn parse_known_lang(s: &str) -> Result<Lang, String> {
    match parse_lang_arg(s)? {
        LangArg::Lang(lang) => Ok(lang),
        LangArg::Auto => Err("'auto' is for 'ushtil analyze': stem needs kk, ru or en".into()),
    }
}

#[derive(clap::Args)]
pub struct StemArgs {
    /// Language of the words: kk, ru or en.
    #[arg(long, value_parser = parse_known_lang)]
    lang: Lang,
    /// Kazakh only: fold to the Russian keyboard (`қ` → `к`, …) before stemming.
    #[arg(long)]
    fold: bool,
}

#[derive(clap::Args)]
pub struct AnalyzeArgs {
    /// Language of the text: kk, ru, en, or auto (detected per line; lines
    /// that cannot be told get the language-neutral analyser).
    #[arg(long, value_parser = parse_lang_arg)]
    lang: LangArg,
    /// Use the folded Kazakh analyser for Kazakh text.
    #[arg(long)]
    fold: bool,
}

/// Reads standard input line by line (invalid UTF-8 replaced, never fatal),
/// writing `f(line)` per line; a closed pipe ends quietly.
fn each_line(mut f: impl FnMut(&str) -> String) -> anyhow::Result<ExitCode> {
    let stdin = io::stdin().lock();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut reader = stdin;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        let line = String::from_utf8_lossy(&buf);
        let line = line.trim_end_matches(['\n', '\r']);
        let result = writeln!(out, "{}", f(line));
        if let Err(e) = result {
            if e.kind() == io::ErrorKind::BrokenPipe {
                return Ok(ExitCode::SUCCESS);
            }
            return Err(e.into());
        }
    }
    match out.flush() {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => other.map(|_| ExitCode::SUCCESS).map_err(Into::into),
    }
}

pub fn run_stem(args: StemArgs) -> anyhow::Result<ExitCode> {
    if args.fold && args.lang != Lang::Kk {
        anyhow::bail!("--fold is for Kazakh: use it with --lang kk");
    }
    each_line(|line| {
        line.split_whitespace()
            .map(|word| {
                if args.fold {
                    analysis::stem_folded(word)
                } else {
                    analysis::stem(args.lang, word)
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    })
}

pub fn run_analyze(args: AnalyzeArgs) -> anyhow::Result<ExitCode> {
    if args.fold && matches!(args.lang, LangArg::Lang(l) if l != Lang::Kk) {
        anyhow::bail!("--fold is for Kazakh: use it with --lang kk or auto");
    }
    let name_for = |lang: Lang| match lang {
        Lang::Kk if args.fold => names::KK_FOLD,
        lang => analysis::analyzer_name(lang),
    };
    let mut analyzers: Vec<(&str, analysis::TextAnalyzer)> = names::ALL
        .iter()
        .map(|&n| {
            (
                n,
                analysis::analyzer(n).expect("every listed name has an analyser"),
            )
        })
        .collect();
    each_line(|line| {
        let lang = match args.lang {
            LangArg::Lang(lang) => lang,
            LangArg::Auto => detect(line).lang,
        };
        let name = name_for(lang);
        let (_, analyzer) = analyzers
            .iter_mut()
            .find(|(n, _)| *n == name)
            .expect("name_for returns a listed name");
        let mut stream = analyzer.token_stream(line);
        let mut terms = Vec::new();
        while stream.advance() {
            terms.push(stream.token().text.clone());
        }
        terms.join(" ")
    })
}
