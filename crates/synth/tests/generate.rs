//! Generation tests on the real evaluation data: determinism, the layouts'
//! structure as the segmenter reads it. Skipped with a notice when
//! `../shared/data` is absent.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ushtil_synth::{Sources, Synth};

fn sources() -> Option<&'static Sources> {
    static SOURCES: OnceLock<Option<Sources>> = OnceLock::new();
    SOURCES
        .get_or_init(|| {
            let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
            if !data.is_dir() {
                eprintln!("skipped: evaluation data not found at {}", data.display());
                return None;
            }
            Some(Sources::load(&data).expect("the evaluation data loads"))
        })
        .as_ref()
}

#[test]
fn same_seed_same_bytes_different_seed_different_bytes() {
    let Some(src) = sources() else { return };
    let a = Synth::new(src, 7);
    let b = Synth::new(src, 7);
    let c = Synth::new(src, 8);
    for i in [0, 1, 17] {
        assert_eq!(a.paper(i).text, b.paper(i).text, "paper {i}");
        assert_ne!(a.paper(i).text, c.paper(i).text, "paper {i}");
    }
    assert_ne!(a.paper(0).text, a.paper(1).text);
}

#[test]
fn dump_for_review() {
    let Some(src) = sources() else { return };
    if let Ok(dir) = std::env::var("SYNTH_DUMP") {
        let synth = Synth::new(src, 42);
        synth.write_corpus(&PathBuf::from(dir), 60).unwrap();
    }
}

/// Headings compare without numbering and case.
fn norm_heading(h: &str) -> String {
    h.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ')
        .to_lowercase()
}

fn norm(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What the segmenter gets wrong in paper `i`, one line a mismatch.
fn mismatches(synth: &Synth, i: usize) -> Vec<String> {
    let generated = synth.paper(i);
    let truth = &generated.truth;
    let text = generated.text.clone();
    let Ok(paper) = std::panic::catch_unwind(move || ushtil_segment::segment(&text)) else {
        return vec![format!("paper {i}: the segmenter panicked")];
    };
    let mut out = Vec::new();
    for t in &truth.titles {
        if !paper
            .titles
            .iter()
            .any(|p| p.lang.code() == t.lang && norm(&p.text) == norm(&t.text))
        {
            out.push(format!(
                "title {} {:?} not in {:?}",
                t.lang, t.text, paper.titles
            ));
        }
    }
    for k in &truth.keywords {
        if !paper
            .keywords
            .iter()
            .any(|p| p.lang.code() == k.lang && p.terms == k.terms)
        {
            out.push(format!(
                "keywords {} {:?} not in {:?}",
                k.lang, k.terms, paper.keywords
            ));
        }
    }
    if paper.keywords.len() != truth.keywords.len() {
        out.push(format!(
            "{} keyword lists, expected {}",
            paper.keywords.len(),
            truth.keywords.len()
        ));
    }
    for a in &truth.abstracts {
        if !paper.abstracts.iter().any(|p| p.lang.code() == a.lang) {
            out.push(format!("no {} abstract", a.lang));
        }
    }
    let headings: Vec<String> = paper
        .sections
        .iter()
        .map(|s| norm_heading(&s.heading))
        .collect();
    let expected: Vec<String> = truth.headings.iter().map(|h| norm_heading(h)).collect();
    if headings != expected {
        out.push(format!("headings {headings:?}, expected {expected:?}"));
    }
    if paper.references.len() != truth.references {
        out.push(format!(
            "{} references, expected {}",
            paper.references.len(),
            truth.references
        ));
    }
    if !out.is_empty() {
        out.insert(0, format!("paper {i} ({})", truth.layout));
    }
    out
}

#[test]
fn papers_segment_into_the_structure_they_were_built_with() {
    let Some(src) = sources() else { return };
    let synth = Synth::new(src, 42);
    let n = 60;
    let bad: Vec<Vec<String>> = (0..n)
        .map(|i| mismatches(&synth, i))
        .filter(|m| !m.is_empty())
        .collect();
    for m in &bad {
        eprintln!("{}", m.join("\n  "));
    }
    // Not every paper yet: the misses printed above are reported to the
    // segmenter (a kk abstract labelled `Аннотация` read as ru, translated
    // blocks after the references, a U+2010 hyphen panic). This guards
    // against the generator drifting away from what the segmenter reads.
    let good = n - bad.len();
    assert!(
        good * 100 >= n * 45,
        "only {good} of {n} papers segment into their structure"
    );
}
