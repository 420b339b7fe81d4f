//! Detection speed on short items (a keyword, a title) and a long paragraph,
//! against whatlang (our base, which has no Kazakh) in the same run.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ushtil_lang::{Lang, detect};

const KEYWORD: &str = "экономикалық";
const TITLE: &str = "Қытайдың «Шетке шығу» стратегиясы және Орталық Азия";
const RU_SENTENCE: &str =
    "Стратегия «выхода за рубеж» изменила инвестиционную политику Китая в Центральной Азии.";

fn paragraph() -> String {
    "Мақалада Қытайдың шетелдік инвестиция саясатының қалыптасуы мен оның Орталық Азия елдеріне әсері қарастырылады. "
        .repeat(10)
}

fn bench(c: &mut Criterion) {
    // The benchmarks must time a working detector, not a broken one.
    assert_eq!(detect(KEYWORD).lang, Lang::Kk);
    assert_eq!(detect(TITLE).lang, Lang::Kk);
    assert_eq!(detect(RU_SENTENCE).lang, Lang::Ru);
    let para = paragraph();
    assert!(para.len() > 1000);
    assert_eq!(detect(&para).lang, Lang::Kk);

    let mut g = c.benchmark_group("detect");
    for (name, text) in [
        ("keyword", KEYWORD),
        ("title", TITLE),
        ("ru_sentence", RU_SENTENCE),
        ("paragraph_1kb", para.as_str()),
    ] {
        g.bench_function(format!("ushtil/{name}"), |b| {
            b.iter(|| detect(black_box(text)))
        });
        g.bench_function(format!("whatlang/{name}"), |b| {
            b.iter(|| whatlang::detect(black_box(text)))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
