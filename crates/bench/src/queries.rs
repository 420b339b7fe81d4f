//! The fixed set of 100 benchmark queries in Kazakh, Russian and English,
//! written from the synthetic corpus's topic vocabulary.

use ushtil_synth::vocab::{TERMS, Term};

/// Inflected forms a user types, written by us: Kazakh case and plural forms,
/// Russian case forms, English plurals and derivations. They exercise the
/// stemmers (the floor and SQLite match them only where the surface agrees).
const INFLECTED: &[&str] = &[
    "мигранттардың",
    "мигранттарға",
    "көші-қонның",
    "инвестициялардың",
    "экономикалық өсуі",
    "саясатының",
    "диаспоралардың",
    "жұмыссыздықтың",
    "еңбек нарығында",
    "экспорттауға",
    "мигрантов",
    "мигрантами",
    "миграционной политики",
    "инвестициями",
    "безработицы",
    "рынка труда",
    "диаспоры",
    "экспорта",
    "государственной политики",
    "беженцев",
    "migrant",
    "investment",
    "economies",
    "policies",
    "exported",
    "unemployed",
    "diasporas",
    "reforms",
    "labour markets",
    "governments",
];

/// The benchmark's 100 queries, always the same: the inflected forms above,
/// then each topic term in turn in Kazakh, Russian and English, and pairs of
/// terms.
pub fn queries() -> Vec<String> {
    let mut out: Vec<String> = INFLECTED.iter().map(|q| q.to_string()).collect();
    let pick = |t: &Term, lang: usize| match lang {
        0 => t.kk,
        1 => t.ru,
        _ => t.en,
    };
    // Single terms, the languages interleaved, and pairs of terms in one
    // language; three singles to a pair.
    let singles =
        (0..TERMS.len() * 3).map(|k| pick(&TERMS[(k / 3 * 5) % TERMS.len()], k % 3).to_string());
    let pairs = (0..TERMS.len()).map(|j| {
        let (a, b) = (&TERMS[j], &TERMS[(j * 11 + 3) % TERMS.len()]);
        format!("{} {}", pick(a, j % 3), pick(b, j % 3))
    });
    let mut singles = singles.peekable();
    let mut pairs = pairs.peekable();
    let mut k = 0usize;
    while out.len() < 100 && (singles.peek().is_some() || pairs.peek().is_some()) {
        let next = if k % 4 == 3 {
            pairs.next().or_else(|| singles.next())
        } else {
            singles.next().or_else(|| pairs.next())
        };
        k += 1;
        if let Some(q) = next
            && !out.contains(&q)
        {
            out.push(q);
        }
    }
    out
}

/// Words of a query, for engines without a query parser of their own.
pub fn words(query: &str) -> Vec<&str> {
    query
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_hundred_distinct_queries_in_three_scripts() {
        let q = queries();
        assert_eq!(q.len(), 100);
        let mut sorted = q.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), 100);
        let kk = q
            .iter()
            .filter(|s| s.contains(['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'і']))
            .count();
        let latin = q.iter().filter(|s| s.is_ascii()).count();
        assert!(kk >= 15 && latin >= 25, "kk {kk}, latin {latin}");
        assert_eq!(queries(), q, "deterministic");
    }
}
