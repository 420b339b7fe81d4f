//! How well two segments in different languages correspond: shared evidence
//! (numbers, glossary concepts, cognate stems and transliterations) combined
//! with a Gale–Church length probability, as one score in 0..1.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use ushtil_lang::Lang;

use crate::glossary::Glossary;
use crate::text::{Token, is_stopword, tokens};
use crate::translit::cognate_key;

/// How much a match of each kind counts, relative to a glossary match.
///
/// Numbers are the strongest anchor; a cognate key (4 skeleton consonants)
/// can match by chance, so it counts less.
pub const QUALITY_NUMBER: f32 = 1.0;
pub const QUALITY_GLOSSARY: f32 = 1.0;
pub const QUALITY_COGNATE: f32 = 0.8;

/// Weight of a number token relative to a word (numbers rarely change in translation).
pub const NUMBER_WEIGHT: f32 = 2.0;

/// Gale–Church variance of the length difference per character (their 6.8,
/// measured on English–French–German; we keep it).
pub const LENGTH_VARIANCE: f64 = 6.8;

/// Exponents of the length probability and of the punctuation similarity in
/// the combined score (a log-linear model). Chosen on `ushtil eval align
/// --seed 7` (UDHR paragraphs and a 1,000-line gov sample other than the
/// reported seed-1 sample; the UDHR paragraphs are the same 50 either way).
pub const LENGTH_WEIGHT: f64 = 0.03;
pub const PUNCTUATION_WEIGHT: f64 = 0.5;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Feature {
    Number(u64),
    Concept(u32),
    Cognate(u64),
}

fn hash_str(kind: u8, s: &str) -> u64 {
    let mut h = DefaultHasher::new();
    kind.hash(&mut h);
    s.hash(&mut h);
    h.finish()
}

impl Feature {
    fn key(self) -> u64 {
        match self {
            Feature::Number(h) | Feature::Cognate(h) => h,
            Feature::Concept(id) => (1u64 << 63) | u64::from(id),
        }
    }

    fn quality(self) -> f32 {
        match self {
            Feature::Number(_) => QUALITY_NUMBER,
            Feature::Concept(_) => QUALITY_GLOSSARY,
            Feature::Cognate(_) => QUALITY_COGNATE,
        }
    }
}

/// A segment reduced to what cross-language scoring needs.
#[derive(Clone, Debug)]
pub struct Features {
    pub lang: Lang,
    /// Letters and digits (spaces and punctuation not counted).
    pub chars: usize,
    /// Punctuation counts (see [`PUNCTUATION`]).
    punct: [u16; PUNCTUATION.len()],
    tokens: Vec<TokenFeatures>,
    /// Every feature key of the segment, sorted, deduplicated.
    keys: Vec<u64>,
    total_weight: f32,
}

/// Punctuation classes whose counts translations tend to keep: sentence ends,
/// commas, colons and semicolons, brackets, quotes.
pub const PUNCTUATION: [&str; 5] = [".!?…", ",", ":;", "()[]", "«»\"“”„"];

fn punctuation(text: &str) -> [u16; PUNCTUATION.len()] {
    let mut counts = [0u16; PUNCTUATION.len()];
    for c in text.chars() {
        for (k, class) in PUNCTUATION.iter().enumerate() {
            if class.contains(c) {
                counts[k] = counts[k].saturating_add(1);
            }
        }
    }
    counts
}

/// How alike two punctuation profiles are, in 0..1: the mean over classes
/// of `(min + 1) / (max + 1)`.
pub fn punctuation_similarity(a: &Features, b: &Features) -> f64 {
    let sum: f64 = a
        .punct
        .iter()
        .zip(&b.punct)
        .map(|(&x, &y)| (f64::from(x.min(y)) + 1.0) / (f64::from(x.max(y)) + 1.0))
        .sum();
    sum / PUNCTUATION.len() as f64
}

#[derive(Clone, Debug)]
struct TokenFeatures {
    weight: f32,
    /// (key, quality) of each feature of the token.
    feats: Vec<(u64, f32)>,
}

impl Features {
    /// Extracts the features of `text` in `lang`.
    pub fn new(lang: Lang, text: &str, glossary: &Glossary) -> Self {
        let chars = text.chars().filter(|c| c.is_alphanumeric()).count();
        let punct = punctuation(text);
        let mut toks = Vec::new();
        for token in tokens(text) {
            let (weight, feats) = match &token {
                Token::Number(n) => (NUMBER_WEIGHT, vec![Feature::Number(hash_str(b'n', n))]),
                Token::Word(w) => {
                    if is_stopword(lang, w) || w.chars().count() < 2 {
                        continue;
                    }
                    let mut feats: Vec<Feature> = glossary
                        .concepts(lang, w)
                        .iter()
                        .map(|&id| Feature::Concept(id))
                        .collect();
                    if let Some(k) = cognate_key(w) {
                        feats.push(Feature::Cognate(hash_str(b'c', &k)));
                    }
                    (1.0, feats)
                }
            };
            toks.push(TokenFeatures {
                weight,
                feats: feats.into_iter().map(|f| (f.key(), f.quality())).collect(),
            });
        }
        let mut keys: Vec<u64> = toks
            .iter()
            .flat_map(|t| t.feats.iter().map(|f| f.0))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let total_weight = toks.iter().map(|t| t.weight).sum();
        Features {
            lang,
            chars,
            punct,
            tokens: toks,
            keys,
            total_weight,
        }
    }

    /// Features of several segments read as one (for 2-1 and 1-2 links).
    pub fn merge(parts: &[&Features]) -> Features {
        let lang = parts.first().map_or(Lang::Und, |f| f.lang);
        let mut tokens = Vec::new();
        let mut chars = 0;
        let mut punct = [0u16; PUNCTUATION.len()];
        for p in parts {
            tokens.extend(p.tokens.iter().cloned());
            chars += p.chars;
            for (k, c) in p.punct.iter().enumerate() {
                punct[k] = punct[k].saturating_add(*c);
            }
        }
        let mut keys: Vec<u64> = parts.iter().flat_map(|p| p.keys.iter().copied()).collect();
        keys.sort_unstable();
        keys.dedup();
        let total_weight = tokens.iter().map(|t| t.weight).sum();
        Features {
            lang,
            chars,
            punct,
            tokens,
            keys,
            total_weight,
        }
    }

    /// Every feature key (for document frequencies).
    pub fn keys(&self) -> &[u64] {
        &self.keys
    }
}

/// Document frequencies of features over a pool of segments, so common
/// evidence (a concept every segment has) counts less than rare evidence.
#[derive(Clone, Debug, Default)]
pub struct Idf {
    df: HashMap<u64, u32>,
    n: u32,
}

impl Idf {
    /// Counts features over `pool` (both sides of a parallel set).
    pub fn new<'a>(pool: impl IntoIterator<Item = &'a Features>) -> Self {
        let mut idf = Idf::default();
        for f in pool {
            idf.n += 1;
            for &k in f.keys() {
                *idf.df.entry(k).or_default() += 1;
            }
        }
        idf
    }

    /// The weight of a feature in 0..1: 1 for a feature seen once, falling
    /// with its frequency; 1 for every feature when the pool is empty.
    pub fn weight(&self, key: u64) -> f32 {
        if self.n < 2 {
            return 1.0;
        }
        let df = self.df.get(&key).copied().unwrap_or(1).max(1) as f32;
        let n = self.n as f32;
        ((1.0 + n / df).ln() / (1.0 + n).ln()).clamp(0.0, 1.0)
    }
}

/// Shared evidence of two segments in 0..1: the weighted share of tokens on
/// both sides that find a counterpart on the other side.
pub fn evidence(a: &Features, b: &Features, idf: &Idf) -> f64 {
    let total = a.total_weight + b.total_weight;
    if total <= 0.0 {
        return 0.0;
    }
    let matched = matched_weight(a, b, idf) + matched_weight(b, a, idf);
    f64::from((matched / total).clamp(0.0, 1.0))
}

fn matched_weight(a: &Features, b: &Features, idf: &Idf) -> f32 {
    let mut sum = 0.0;
    for t in &a.tokens {
        let mut best = 0.0f32;
        for &(key, quality) in &t.feats {
            if b.keys.binary_search(&key).is_ok() {
                best = best.max(quality * idf.weight(key));
            }
        }
        sum += t.weight * best;
    }
    sum
}

/// The Gale–Church probability that segments of `la` and `lb` letters are
/// translations, given the expected ratio `ratio` = length b / length a:
/// `2·(1 − Φ(|δ|))` with `δ = (lb − la·ratio) / √(m·s²)`, `m` the mean
/// of `la` and `lb / ratio` (Gale and Church use `la`; the mean is symmetric).
pub fn length_probability(la: usize, lb: usize, ratio: f64) -> f64 {
    if la == 0 && lb == 0 {
        return 1.0;
    }
    let la = la.max(1) as f64;
    let lb = lb as f64;
    let mean = (la + lb / ratio.max(1e-3)) / 2.0;
    let delta = (lb - la * ratio) / (mean * LENGTH_VARIANCE).sqrt();
    2.0 * (1.0 - normal_cdf(delta.abs()))
}

/// Standard normal CDF (Abramowitz & Stegun 26.2.17, error below 7.5e-8).
fn normal_cdf(x: f64) -> f64 {
    if x < 0.0 {
        return 1.0 - normal_cdf(-x);
    }
    let t = 1.0 / (1.0 + 0.231_641_9 * x);
    let poly = t
        * (0.319_381_530
            + t * (-0.356_563_782
                + t * (1.781_477_937 + t * (-1.821_255_978 + t * 1.330_274_429))));
    let pdf = (-x * x / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt();
    (1.0 - pdf * poly).clamp(0.0, 1.0)
}

/// The combined score in 0..1 of two segments, log-linear in its parts:
/// `exp(√evidence − 1) · P(length)^0.03 · punctuation^0.5`. A pair with no shared
/// evidence scores at most e⁻¹ ≈ 0.37; identical evidence, length and
/// punctuation score 1.
pub fn score(a: &Features, b: &Features, idf: &Idf, ratio: f64) -> f64 {
    score_with(a, b, idf, ratio, &Weights::default())
}

/// The exponents of the parts of [`score`] other than evidence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weights {
    pub length: f64,
    pub punctuation: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            length: LENGTH_WEIGHT,
            punctuation: PUNCTUATION_WEIGHT,
        }
    }
}

/// [`score`] with other exponents (for tuning with `ushtil eval align`).
pub fn score_with(a: &Features, b: &Features, idf: &Idf, ratio: f64, w: &Weights) -> f64 {
    let e = evidence(a, b, idf);
    let l = length_probability(a.chars, b.chars, ratio);
    let p = punctuation_similarity(a, b);
    (e.sqrt() - 1.0 + w.length * l.max(1e-9).ln() + w.punctuation * p.ln()).exp()
}

/// The expected length ratio b/a between two sets of parallel segments, from
/// their total lengths, kept within 0.8..1.25 (kk, ru and en translations of
/// the same text differ in length by less than that; a text that dropped a
/// sentence must not teach the aligner that dropping is normal). 1 when either
/// side is empty.
pub fn length_ratio(a: &[Features], b: &[Features]) -> f64 {
    let la: usize = a.iter().map(|f| f.chars).sum();
    let lb: usize = b.iter().map(|f| f.chars).sum();
    if la == 0 || lb == 0 {
        1.0
    } else {
        (lb as f64 / la as f64).clamp(0.8, 1.25)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feats(lang: Lang, text: &str) -> Features {
        Features::new(lang, text, &Glossary::curated())
    }

    #[test]
    fn translations_score_higher_than_unrelated_text() {
        let kk = feats(
            Lang::Kk,
            "Қытай мигранттары 2015 жылы экономикалық реформаны қолдады.",
        );
        let ru = feats(
            Lang::Ru,
            "Китайские мигранты в 2015 году поддержали экономическую реформу.",
        );
        let other = feats(Lang::Ru, "Суд рассмотрел дело о земле в селе.");
        let idf = Idf::default();
        let good = score(&kk, &ru, &idf, 1.0);
        let bad = score(&kk, &other, &idf, 1.0);
        assert!(good > 0.7, "translation scored {good}");
        assert!(bad < good - 0.3, "unrelated scored {bad} vs {good}");
    }

    #[test]
    fn scores_stay_in_unit_range_for_empty_text() {
        let empty = feats(Lang::Kk, "");
        let ru = feats(Lang::Ru, "Китай");
        for s in [
            score(&empty, &ru, &Idf::default(), 1.0),
            score(&empty, &empty, &Idf::default(), 1.0),
        ] {
            assert!((0.0..=1.0).contains(&s), "{s}");
        }
    }

    #[test]
    fn length_probability_peaks_at_the_expected_ratio() {
        let same = length_probability(100, 100, 1.0);
        let double = length_probability(100, 200, 1.0);
        assert!(same > 0.95);
        assert!(double < 0.01);
        assert!(length_probability(100, 90, 0.9) > 0.95);
    }

    #[test]
    fn normal_cdf_matches_known_values() {
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-6);
        assert!((normal_cdf(1.96) - 0.975).abs() < 1e-4);
        assert!((normal_cdf(-1.0) - 0.158_655).abs() < 1e-4);
    }
}
