//! Speed of the hot stages: scoring every pair of two parallel sets (what
//! `ushtil align` and `ushtil eval align` do) and comparing one paper.
//! Made-up kk/ru lines, so the bench needs no data; each run asserts its result.

use criterion::{Criterion, criterion_group, criterion_main};
use ushtil_align::retrieve::{best_matches, csls, score_matrix};
use ushtil_align::{Glossary, compare};
use ushtil_segment::{Lang, LangText, Paper};

fn lines(n: usize) -> (Vec<String>, Vec<String>) {
    let kk = (0..n)
        .map(|i| format!("{i} жылы Қытай мигранттары шетелде {} мың жұмыс орнын ашты, инвестициялық белсенділік өсті.", i * 7 + 3))
        .collect();
    let ru = (0..n)
        .map(|i| format!("В {i} году китайские мигранты открыли за рубежом {} тысяч рабочих мест, инвестиционная активность выросла.", i * 7 + 3))
        .collect();
    (kk, ru)
}

fn bench(c: &mut Criterion) {
    let g = Glossary::curated();
    let (kk, ru) = lines(300);
    c.bench_function("score_matrix 300x300 kk-ru + csls best match", |b| {
        b.iter(|| {
            let m = score_matrix(Lang::Kk, &kk, Lang::Ru, &ru, &g);
            let best = best_matches(&csls(&m, 3));
            // The numbers make each line's translation the best match.
            assert_eq!(best[42].map(|(j, _)| j), Some(42));
            best
        })
    });
    let paper = Paper {
        abstracts: vec![
            LangText {
                lang: Lang::Kk,
                text: kk[..8].join(" "),
            },
            LangText {
                lang: Lang::Ru,
                text: ru[..8].join(" "),
            },
        ],
        ..Paper::default()
    };
    c.bench_function("compare one paper (8+8 sentences)", |b| {
        b.iter(|| {
            let cmp = compare(&paper, &g);
            assert_eq!(cmp.sentence_links.len(), 8);
            cmp
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
