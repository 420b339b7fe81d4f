//! Matching the segments of two parallel texts in any order: a score for
//! every pair, the best match of each segment, or a one-to-one assignment.

use rayon::prelude::*;
use ushtil_lang::Lang;

use crate::glossary::Glossary;
use crate::score::{Features, Idf, Weights, length_ratio, score_with};

/// The score of every pair: `matrix[i][j]` for segment `i` of `a` and `j` of
/// `b`, in 0..1. Evidence is weighted by how rare it is across both sides;
/// the length ratio is estimated from the two sides' totals.
pub fn score_matrix(
    la: Lang,
    a: &[String],
    lb: Lang,
    b: &[String],
    glossary: &Glossary,
) -> Vec<Vec<f64>> {
    score_matrix_with(la, a, lb, b, glossary, &Weights::default())
}

/// [`score_matrix`] with other score weights.
pub fn score_matrix_with(
    la: Lang,
    a: &[String],
    lb: Lang,
    b: &[String],
    glossary: &Glossary,
    weights: &Weights,
) -> Vec<Vec<f64>> {
    let fa: Vec<Features> = a
        .par_iter()
        .map(|s| Features::new(la, s, glossary))
        .collect();
    let fb: Vec<Features> = b
        .par_iter()
        .map(|s| Features::new(lb, s, glossary))
        .collect();
    let idf = Idf::new(fa.iter().chain(&fb));
    let ratio = length_ratio(&fa, &fb);
    fa.par_iter()
        .map(|x| {
            fb.iter()
                .map(|y| score_with(x, y, &idf, ratio, weights))
                .collect()
        })
        .collect()
}

/// Neighbours CSLS averages over: chosen on `ushtil eval align --seed 7`
/// (3 beat 0 and 10 on UDHR and gov lines).
pub const CSLS_K: usize = 3;

/// Cross-domain similarity local scaling (Conneau et al. 2018, "Word
/// translation without parallel data"): `2·s(i,j) − r(i) − c(j)`, where `r(i)`
/// and `c(j)` are the mean of the `k` best scores of row `i` and column `j`.
/// It demotes hubs, candidates that score high against every row. For
/// ranking only: the values are not in 0..1.
pub fn csls(matrix: &[Vec<f64>], k: usize) -> Vec<Vec<f64>> {
    let m = matrix.first().map_or(0, Vec::len);
    if k == 0 || m == 0 {
        return matrix.to_vec();
    }
    let top_mean = |mut v: Vec<f64>| -> f64 {
        v.sort_by(|a, b| b.total_cmp(a));
        let k = k.min(v.len()).max(1);
        v.iter().take(k).sum::<f64>() / k as f64
    };
    let rows: Vec<f64> = matrix.iter().map(|r| top_mean(r.clone())).collect();
    let cols: Vec<f64> = (0..m)
        .map(|j| top_mean(matrix.iter().filter_map(|r| r.get(j).copied()).collect()))
        .collect();
    matrix
        .iter()
        .zip(&rows)
        .map(|(r, ri)| {
            r.iter()
                .zip(&cols)
                .map(|(s, cj)| 2.0 * s - ri - cj)
                .collect()
        })
        .collect()
}

/// For each row, the column with the highest score and that score (`None`
/// for an empty row). Ties go to the lower column.
pub fn best_matches(matrix: &[Vec<f64>]) -> Vec<Option<(usize, f64)>> {
    matrix
        .iter()
        .map(|row| {
            row.iter()
                .copied()
                .enumerate()
                .fold(None, |best: Option<(usize, f64)>, (j, s)| match best {
                    Some((_, b)) if b >= s => best,
                    _ => Some((j, s)),
                })
        })
        .collect()
}

/// The one-to-one assignment of rows to columns with the highest total score
/// (Hungarian method, Kuhn–Munkres with potentials, O(n²·m)). Rows beyond the
/// number of columns get `None`.
pub fn assign(matrix: &[Vec<f64>]) -> Vec<Option<usize>> {
    let n = matrix.len();
    let m = matrix.first().map_or(0, Vec::len);
    if n == 0 || m == 0 {
        return vec![None; n];
    }
    if n > m {
        // Assign columns to rows on the transpose, then invert.
        let transposed: Vec<Vec<f64>> = (0..m)
            .map(|j| {
                (0..n)
                    .map(|i| matrix[i].get(j).copied().unwrap_or(0.0))
                    .collect()
            })
            .collect();
        let cols = assign(&transposed);
        let mut rows = vec![None; n];
        for (j, i) in cols.into_iter().enumerate() {
            if let Some(i) = i {
                rows[i] = Some(j);
            }
        }
        return rows;
    }
    // Minimise cost = -score; 1-based arrays as in the classic formulation.
    let cost = |i: usize, j: usize| -matrix[i - 1].get(j - 1).copied().unwrap_or(0.0);
    let mut u = vec![0.0f64; n + 1];
    let mut v = vec![0.0f64; m + 1];
    let mut p = vec![0usize; m + 1];
    let mut way = vec![0usize; m + 1];
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![f64::INFINITY; m + 1];
        let mut used = vec![false; m + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = f64::INFINITY;
            let mut j1 = 0;
            for j in 1..=m {
                if !used[j] {
                    let cur = cost(i0, j) - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=m {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut rows = vec![None; n];
    for j in 1..=m {
        if p[j] > 0 {
            rows[p[j] - 1] = Some(j - 1);
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_match_picks_the_highest_column() {
        let m = vec![vec![0.1, 0.9, 0.3], vec![0.5, 0.5, 0.2], vec![]];
        assert_eq!(best_matches(&m), vec![Some((1, 0.9)), Some((0, 0.5)), None]);
    }

    #[test]
    fn csls_demotes_a_hub_column() {
        // Column 0 scores high against every row: a hub. Row 1's own match
        // (column 1) wins once the hub is discounted.
        let m = vec![vec![0.9, 0.1], vec![0.8, 0.75]];
        assert_eq!(best_matches(&m)[1].unwrap().0, 0);
        assert_eq!(best_matches(&csls(&m, 1))[1].unwrap().0, 1);
        assert_eq!(best_matches(&csls(&m, 1))[0].unwrap().0, 0);
    }

    #[test]
    fn assignment_maximises_the_total() {
        // Greedy would give row 0 column 0 (0.9) and row 1 column 1 (0.1);
        // the best total is 0.8 + 0.85.
        let m = vec![vec![0.9, 0.8], vec![0.85, 0.1]];
        assert_eq!(assign(&m), vec![Some(1), Some(0)]);
    }

    #[test]
    fn assignment_handles_rectangles_and_empties() {
        let wide = vec![vec![0.1, 0.2, 0.9]];
        assert_eq!(assign(&wide), vec![Some(2)]);
        let tall = vec![vec![0.2], vec![0.7], vec![0.1]];
        assert_eq!(assign(&tall), vec![None, Some(0), None]);
        assert_eq!(assign(&[]), Vec::<Option<usize>>::new());
    }

    #[test]
    fn shuffled_translations_are_matched_back() {
        let g = Glossary::curated();
        let kk: Vec<String> = [
            "Қытай экономикасы 1978 жылдан бері өсті.",
            "Мигранттар шетелде жұмыс істейді.",
            "Инвестициялық белсенділік артты.",
        ]
        .map(String::from)
        .to_vec();
        let ru: Vec<String> = [
            "Инвестиционная активность выросла.",
            "Экономика Китая растет с 1978 года.",
            "Мигранты работают за рубежом.",
        ]
        .map(String::from)
        .to_vec();
        let m = score_matrix(Lang::Kk, &kk, Lang::Ru, &ru, &g);
        let best: Vec<usize> = best_matches(&m).into_iter().map(|b| b.unwrap().0).collect();
        assert_eq!(best, vec![1, 2, 0]);
        assert_eq!(assign(&m), vec![Some(1), Some(2), Some(0)]);
    }
}
