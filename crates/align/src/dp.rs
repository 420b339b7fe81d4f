//! Sentence alignment of two translations by dynamic programming over 1-1,
//! 1-2, 2-1, 1-0 and 0-1 links (Gale & Church 1993), with the cost of a link
//! lowered by shared evidence (numbers, glossary terms, cognates).

use serde::{Deserialize, Serialize};

use crate::score::{Features, Idf, evidence, length_probability, score};

/// Prior probability of each link shape, from Gale & Church (1993, table 5):
/// 1-1 0.89, 1-0/0-1 0.0099 (split evenly), 2-1/1-2 0.089 (split evenly).
const PRIORS: &[((usize, usize), f64)] = &[
    ((1, 1), 0.89),
    ((1, 2), 0.0445),
    ((2, 1), 0.0445),
    ((1, 0), 0.005),
    ((0, 1), 0.005),
];

/// How much shared evidence (0..1) lowers a link's cost, in nats: a link
/// whose every word finds a counterpart costs this much less.
const EVIDENCE_BONUS: f64 = 6.0;

/// One link of an alignment: sentence indices (0-based) on each side, one of
/// which may be empty (a sentence the other translation dropped), and a score
/// in 0..1 (0 for a dropped sentence).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub a: Vec<usize>,
    pub b: Vec<usize>,
    pub score: f64,
}

/// Aligns sentences `a` with sentences `b` (features already extracted), in
/// order. `ratio` is the expected length ratio b/a. Every sentence of both
/// sides appears in exactly one link.
pub fn align(a: &[Features], b: &[Features], ratio: f64) -> Vec<Link> {
    let (n, m) = (a.len(), b.len());
    let idf = Idf::default();
    let mut cost = vec![vec![f64::INFINITY; m + 1]; n + 1];
    let mut back = vec![vec![(0usize, 0usize); m + 1]; n + 1];
    cost[0][0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            if i == 0 && j == 0 {
                continue;
            }
            for &((di, dj), prior) in PRIORS {
                if di > i || dj > j || !cost[i - di][j - dj].is_finite() {
                    continue;
                }
                let link_cost = bead_cost(&a[i - di..i], &b[j - dj..j], ratio, prior, &idf);
                let total = cost[i - di][j - dj] + link_cost;
                if total < cost[i][j] {
                    cost[i][j] = total;
                    back[i][j] = (di, dj);
                }
            }
        }
    }
    let mut links = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (di, dj) = back[i][j];
        let sa: Vec<usize> = (i - di..i).collect();
        let sb: Vec<usize> = (j - dj..j).collect();
        let s = if di == 0 || dj == 0 {
            0.0
        } else {
            let fa: Vec<&Features> = a[i - di..i].iter().collect();
            let fb: Vec<&Features> = b[j - dj..j].iter().collect();
            score(&Features::merge(&fa), &Features::merge(&fb), &idf, ratio)
        };
        links.push(Link {
            a: sa,
            b: sb,
            score: s,
        });
        i -= di;
        j -= dj;
    }
    links.reverse();
    links
}

fn bead_cost(a: &[Features], b: &[Features], ratio: f64, prior: f64, idf: &Idf) -> f64 {
    let prior_cost = -prior.ln();
    if a.is_empty() || b.is_empty() {
        // A dropped sentence: its prior, plus the length it leaves unexplained.
        let chars: usize = a.iter().chain(b).map(|f| f.chars).sum();
        return prior_cost + (chars as f64).sqrt() * 0.2;
    }
    let fa: Vec<&Features> = a.iter().collect();
    let fb: Vec<&Features> = b.iter().collect();
    let (ma, mb) = (Features::merge(&fa), Features::merge(&fb));
    let p_len = length_probability(ma.chars, mb.chars, ratio).max(1e-9);
    prior_cost - p_len.ln() - EVIDENCE_BONUS * evidence(&ma, &mb, idf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Glossary;
    use ushtil_lang::Lang;

    fn check(a: (Lang, &[&str]), b: (Lang, &[&str]), expected: &[(&[usize], &[usize])]) {
        let g = Glossary::curated();
        let fa: Vec<Features> = a.1.iter().map(|s| Features::new(a.0, s, &g)).collect();
        let fb: Vec<Features> = b.1.iter().map(|s| Features::new(b.0, s, &g)).collect();
        let ratio = crate::score::length_ratio(&fa, &fb);
        let links = align(&fa, &fb, ratio);
        let got: Vec<(Vec<usize>, Vec<usize>)> =
            links.iter().map(|l| (l.a.clone(), l.b.clone())).collect();
        let want: Vec<(Vec<usize>, Vec<usize>)> = expected
            .iter()
            .map(|(x, y)| (x.to_vec(), y.to_vec()))
            .collect();
        assert_eq!(got, want);
        for l in &links {
            assert!((0.0..=1.0).contains(&l.score));
        }
    }

    #[test]
    fn one_to_one_translations_align_in_order() {
        check(
            (
                Lang::Kk,
                &[
                    "Қытай экономикасы 1978 жылдан бастап өсті.",
                    "Мигранттар шетелде жұмыс істейді.",
                ],
            ),
            (
                Lang::Ru,
                &[
                    "Экономика Китая растет с 1978 года.",
                    "Мигранты работают за рубежом.",
                ],
            ),
            &[(&[0], &[0]), (&[1], &[1])],
        );
    }

    #[test]
    fn a_sentence_split_in_two_aligns_one_to_two() {
        check(
            (
                Lang::En,
                &[
                    "China started reforms in 1978, and its economy and investment abroad grew quickly over 30 years.",
                    "Migrants work abroad.",
                ],
            ),
            (
                Lang::Ru,
                &[
                    "Китай начал реформы в 1978 году.",
                    "Его экономика и инвестиции за рубежом быстро росли 30 лет.",
                    "Мигранты работают за рубежом.",
                ],
            ),
            &[(&[0], &[0, 1]), (&[1], &[2])],
        );
    }

    #[test]
    fn a_dropped_sentence_aligns_to_nothing() {
        check(
            (
                Lang::Kk,
                &[
                    "Қытай диаспорасының әлеуеті зерттеледі.",
                    "Инвестициялық белсенділікке 2000 жылдан бергі стратегияның әсері талданады, экспорт пен еңбек көші-қоны қарастырылады.",
                    "Мақалада 15 миллион мигранттың рөлі көрсетілген.",
                ],
            ),
            (
                Lang::Ru,
                &[
                    "Исследуется потенциал китайской диаспоры.",
                    "В статье показана роль 15 миллионов мигрантов.",
                ],
            ),
            &[(&[0], &[0]), (&[1], &[]), (&[2], &[1])],
        );
    }

    #[test]
    fn empty_sides_give_only_dropped_links() {
        check((Lang::Kk, &[]), (Lang::Ru, &["Китай."]), &[(&[], &[0])]);
        check((Lang::Kk, &[]), (Lang::Ru, &[]), &[]);
    }
}
