//! Conformance of our English and Russian stemming (normalisation + rust-stemmers)
//! with the Snowball reference vocabularies in `../shared/data/snowball_reference_vocab`.
//!
//! Skips with a notice when the data folder is absent. Every mismatch must be
//! explained by our normalisation (the raw rust-stemmers output matches the
//! reference); a mismatch of the stemmer itself fails the test.

use std::path::PathBuf;

use ushtil_lang::Lang;
use ushtil_lang::analysis::{self, normalise};

fn data_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("USHTIL_DATA") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
    };
    let dir = dir.join("snowball_reference_vocab");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "notice: {} not found; Snowball conformance skipped",
            dir.display()
        );
        None
    }
}

struct Outcome {
    words: usize,
    /// Words whose stem differs only because our normalisation changed the word first.
    by_normalisation: Vec<(String, String, String)>,
    /// Words whose stem differs although the normalised word is the word itself.
    by_stemmer: Vec<(String, String, String)>,
}

fn conform(file: &str, lang: Lang) -> Option<Outcome> {
    let path = data_dir()?.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let algorithm = match lang {
        Lang::En => rust_stemmers::Algorithm::English,
        _ => rust_stemmers::Algorithm::Russian,
    };
    let raw = rust_stemmers::Stemmer::create(algorithm);
    let mut outcome = Outcome {
        words: 0,
        by_normalisation: Vec::new(),
        by_stemmer: Vec::new(),
    };
    for line in text.lines() {
        let Some((word, expected)) = line.split_once('\t') else {
            continue;
        };
        outcome.words += 1;
        let ours = analysis::stem(lang, word);
        if ours == expected {
            continue;
        }
        let row = (word.to_string(), expected.to_string(), ours);
        if normalise(word) != word && raw.stem(word) == expected {
            outcome.by_normalisation.push(row);
        } else {
            outcome.by_stemmer.push(row);
        }
    }
    Some(outcome)
}

fn report(name: &str, o: &Outcome) {
    eprintln!(
        "{name}: {} words, {} match, {} differ by our normalisation, {} differ by the stemmer",
        o.words,
        o.words - o.by_normalisation.len() - o.by_stemmer.len(),
        o.by_normalisation.len(),
        o.by_stemmer.len()
    );
    for (word, expected, ours) in o.by_normalisation.iter().take(10) {
        eprintln!("  normalisation: {word} → ours {ours}, snowball {expected}");
    }
    for (word, expected, ours) in o.by_stemmer.iter().take(10) {
        eprintln!("  stemmer: {word} → ours {ours}, snowball {expected}");
    }
}

#[test]
fn english_matches_snowball_2_2_era() {
    let Some(o) = conform("english.voc_stem.snowball2-era.tsv", Lang::En) else {
        return;
    };
    report("english (2.2-era list)", &o);
    assert!(o.words > 29_000);
    assert!(
        o.by_stemmer.is_empty(),
        "{} stemmer mismatches",
        o.by_stemmer.len()
    );
    // Normalisation may only differ on words it rewrites: typographic apostrophes
    // and non-ASCII letters (the vocabulary is ASCII apart from a few).
    for (word, _, _) in &o.by_normalisation {
        assert!(
            !word.is_ascii() || word.chars().any(|c| c.is_ascii_uppercase()),
            "{word}"
        );
    }
}

#[test]
fn russian_matches_snowball() {
    let Some(o) = conform("russian.voc_stem.tsv", Lang::Ru) else {
        return;
    };
    report("russian", &o);
    assert!(o.words > 49_000);
    assert!(
        o.by_stemmer.is_empty(),
        "{} stemmer mismatches",
        o.by_stemmer.len()
    );
    // The only normalisation that changes a lowercase Russian word is `ё` → `е`.
    for (word, _, _) in &o.by_normalisation {
        assert!(word.contains('ё'), "{word}");
    }
}

#[test]
fn english_current_snowball_differs_as_documented() {
    // rust-stemmers predates the 2023–2025 English changes; this measures the
    // gap (informational) and checks only that most words still agree.
    let Some(o) = conform("english.voc_stem.tsv", Lang::En) else {
        return;
    };
    report("english (current Snowball 3 list)", &o);
    let differ = o.by_normalisation.len() + o.by_stemmer.len();
    assert!(differ * 10 < o.words, "{differ} of {} differ", o.words);
}
