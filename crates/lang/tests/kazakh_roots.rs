//! The detector's Kazakh root lexicon (`crates/lang/src/detect/kazakh_roots.txt`)
//! against the Russian words of `../shared/data`: Snowball's Russian
//! vocabulary, the forms of UD Russian-GSD dev and Tatoeba's Russian
//! sentences. A root written like a Russian word says nothing about
//! which language a span is in, so the lexicon must not hold one.
//!
//! Skips with a notice when the data folder is absent.

use std::collections::BTreeSet;
use std::path::PathBuf;

use ushtil_lang::detect::kazakh::{is_kazakh_root, roots};
use ushtil_lang::detect::model::framed;

fn data_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("USHTIL_DATA") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
    };
    if dir.join("snowball_reference_vocab").is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "notice: {} not found; the root lexicon's check against Russian skipped",
            dir.display()
        );
        None
    }
}

/// Lower-case Russian word forms of the three sources.
fn russian_words(dir: &std::path::Path) -> BTreeSet<String> {
    let read = |p: &str| std::fs::read_to_string(dir.join(p)).unwrap();
    let mut words = BTreeSet::new();
    let mut add = |text: &str| {
        for w in text.split(|c: char| !c.is_alphabetic()) {
            if !w.is_empty()
                && w.chars()
                    .all(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'))
            {
                words.insert(w.to_lowercase());
            }
        }
    };
    for line in read("snowball_reference_vocab/russian.voc_stem.tsv").lines() {
        add(line.split('\t').next().unwrap_or(""));
    }
    for line in read("ud_ru_gsd/ru_gsd-ud-dev.conllu").lines() {
        if !line.starts_with('#') {
            add(line.split('\t').nth(1).unwrap_or(""));
        }
    }
    add(&read("langid_tatoeba_laser/rus.txt"));
    words
}

#[test]
fn no_free_root_is_a_russian_word() {
    let Some(dir) = data_dir() else { return };
    let russian = russian_words(&dir);
    let clashes: Vec<&str> = roots()
        .filter(|&(root, bound)| !bound && russian.contains(root))
        .map(|(root, _)| root)
        .collect();
    assert!(
        clashes.is_empty(),
        "roots written like Russian words: {clashes:?}; mark each bound (`той-`) or take it out"
    );
}

#[test]
fn few_russian_words_read_as_a_kazakh_root() {
    let Some(dir) = data_dir() else { return };
    let russian = russian_words(&dir);
    let read: Vec<&String> = russian
        .iter()
        .filter(|w| is_kazakh_root(&framed(w)))
        .collect();
    eprintln!(
        "{} of {} Russian words read as a Kazakh root: {read:?}",
        read.len(),
        russian.len()
    );
    // A root whose suffixed forms are Russian words (`сыр`: `сыры`) would
    // add a handful each.
    assert!(read.len() * 5000 <= russian.len(), "{read:?}");
}
