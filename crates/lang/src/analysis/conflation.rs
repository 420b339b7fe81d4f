//! The conflation metric `ushtil eval stem` reports: over distinct lowercase
//! word forms, pairs that share a gold lemma versus pairs that share a stem.
//!
//! precision = pairs sharing stem AND lemma / pairs sharing stem;
//! recall = pairs sharing stem AND lemma / pairs sharing lemma; F1 their
//! harmonic mean. Pairs are counted from group sizes (n·(n−1)/2), so the cost
//! is linear in the number of forms.

use std::collections::HashMap;

use serde::Serialize;

/// Pair counts and the scores derived from them.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Scores {
    pub forms: usize,
    pub lemma_pairs: u64,
    pub stem_pairs: u64,
    pub both_pairs: u64,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

fn pairs(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Whether `form` counts as a word for the metric: letters (and combining
/// marks) only — no digits, punctuation or symbols.
pub fn is_word(form: &str) -> bool {
    !form.is_empty()
        && form
            .chars()
            .all(|c| c.is_alphabetic() || unicode_normalization::char::is_combining_mark(c))
}

/// Distinct lowercase word forms with their lemma, from `(form, lemma)`
/// observations (tokens). A form seen with several lemmas keeps the one seen
/// most often (ties: the smallest). Non-words and empty lemmas are skipped.
pub fn distinct_forms<'a>(
    observations: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<(String, String)> {
    let mut counts: HashMap<String, HashMap<String, u64>> = HashMap::new();
    for (form, lemma) in observations {
        let form = form.to_lowercase();
        let lemma = lemma.trim().to_lowercase();
        if !is_word(&form) || lemma.is_empty() {
            continue;
        }
        *counts.entry(form).or_default().entry(lemma).or_default() += 1;
    }
    let mut out: Vec<(String, String)> = counts
        .into_iter()
        .map(|(form, lemmas)| {
            let lemma = lemmas
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .map(|(lemma, _)| lemma)
                .expect("a form is only inserted with a lemma");
            (form, lemma)
        })
        .collect();
    out.sort();
    out
}

/// Scores the stems `stem(form)` of distinct `forms` against their lemmas.
pub fn score(forms: &[(String, String)], mut stem: impl FnMut(&str) -> String) -> Scores {
    let mut by_lemma: HashMap<&str, u64> = HashMap::new();
    let mut by_stem: HashMap<String, u64> = HashMap::new();
    let mut by_both: HashMap<(String, &str), u64> = HashMap::new();
    for (form, lemma) in forms {
        let s = stem(form);
        *by_lemma.entry(lemma).or_default() += 1;
        *by_stem.entry(s.clone()).or_default() += 1;
        *by_both.entry((s, lemma)).or_default() += 1;
    }
    let sum = |counts: &mut dyn Iterator<Item = u64>| counts.map(pairs).sum::<u64>();
    let lemma_pairs = sum(&mut by_lemma.values().copied());
    let stem_pairs = sum(&mut by_stem.values().copied());
    let both_pairs = sum(&mut by_both.values().copied());
    let precision = ratio(both_pairs, stem_pairs);
    let recall = ratio(both_pairs, lemma_pairs);
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Scores {
        forms: forms.len(),
        lemma_pairs,
        stem_pairs,
        both_pairs,
        precision,
        recall,
        f1,
    }
}

/// The first-`n`-letters baseline stemmer.
pub fn prefix(word: &str, n: usize) -> String {
    word.chars().take(n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(rows: &[(&str, &str)]) -> Vec<(String, String)> {
        distinct_forms(rows.iter().copied())
    }

    #[test]
    fn identity_scores_zero_and_perfect_scores_one() {
        let f = forms(&[
            ("cats", "cat"),
            ("cat", "cat"),
            ("dogs", "dog"),
            ("dog", "dog"),
        ]);
        let none = score(&f, |w| w.to_string());
        assert_eq!((none.stem_pairs, none.both_pairs, none.f1), (0, 0, 0.0));
        let lemma = score(&f, |w| w.trim_end_matches('s').to_string());
        assert_eq!((lemma.precision, lemma.recall, lemma.f1), (1.0, 1.0, 1.0));
    }

    #[test]
    fn over_conflation_costs_precision() {
        let f = forms(&[("cats", "cat"), ("cat", "cat"), ("car", "car")]);
        let s = score(&f, |w| prefix(w, 2));
        assert_eq!((s.lemma_pairs, s.stem_pairs, s.both_pairs), (1, 3, 1));
        assert!((s.precision - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(s.recall, 1.0);
    }

    #[test]
    fn distinct_forms_lowercase_and_skip_non_words() {
        let f = forms(&[
            ("Cat", "cat"),
            ("cat", "cat"),
            ("3.7", "3.7"),
            (",", ","),
            ("x", ""),
        ]);
        assert_eq!(f, [("cat".to_string(), "cat".to_string())]);
    }
}
