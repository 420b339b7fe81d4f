//! `ushtil detect`: the language (kk, ru, en, und) and confidence of each
//! line of standard input, one output line per input line.

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use anyhow::Context;
use ushtil_lang::{Detection, Detector};

#[derive(clap::Args)]
pub struct Args {
    /// Print JSON lines (`{"lang":"kk","confidence":0.97}`) instead of
    /// `<lang><TAB><confidence>`.
    #[arg(long)]
    json: bool,
    /// Also print the per-language log-likelihoods of the Cyrillic words
    /// (kk, ru and the confusers), to see why a line got its label.
    #[arg(long)]
    scores: bool,
    /// Answer with lingua 1.8 over {en, ru, kk}, the peer of `ushtil eval
    /// langid`, instead of ushtil's detector (confidence printed as 1).
    #[cfg(feature = "lingua")]
    #[arg(long)]
    lingua: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let detector = Detector::builder().build();
    #[cfg(feature = "lingua")]
    let peer = args.lingua.then(ushtil_lang::detect::peer::Lingua::new);
    let stdin = io::stdin().lock();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut buf = Vec::new();
    let mut input = stdin;
    loop {
        buf.clear();
        let n = input
            .read_until(b'\n', &mut buf)
            .context("cannot read standard input")?;
        if n == 0 {
            break;
        }
        // Invalid UTF-8 is read with replacement characters, not refused:
        // one bad byte must not stop a batch.
        let line = String::from_utf8_lossy(&buf);
        let line = line.trim_end_matches(['\n', '\r']);
        #[cfg(feature = "lingua")]
        if let Some(peer) = &peer {
            let d = Detection {
                lang: peer.detect(line),
                confidence: 1.0,
            };
            write_line(&mut out, d, args.json)?;
            continue;
        }
        let d = detector.detect(line);
        write_line(&mut out, d, args.json)?;
        if args.scores {
            let scores: Vec<String> = detector
                .scores(line)
                .into_iter()
                .map(|(code, s)| format!("{code}={s:.1}"))
                .collect();
            writeln!(out, "#\t{}", scores.join(" "))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[derive(serde::Serialize)]
struct JsonLine {
    lang: ushtil_lang::Lang,
    confidence: f64,
}

fn write_line(out: &mut impl Write, d: Detection, json: bool) -> anyhow::Result<()> {
    if json {
        // Three decimals, as in the tab-separated form.
        let line = JsonLine {
            lang: d.lang,
            confidence: (f64::from(d.confidence) * 1000.0).round() / 1000.0,
        };
        serde_json::to_writer(&mut *out, &line)?;
        writeln!(out)?;
    } else {
        writeln!(out, "{}\t{:.3}", d.lang, d.confidence)?;
    }
    Ok(())
}
