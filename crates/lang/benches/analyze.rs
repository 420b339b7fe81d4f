//! Analyser throughput on the reference article (`corpus/going-out-policy-migration.txt`):
//! each ushtil analyser on its language's text, beside tantivy's own `en_stem`
//! on the same English text. Throughput is in tokens (elements) per second.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tantivy::tokenizer::{TextAnalyzer, TokenizerManager};
use ushtil_lang::analysis::{analyzer, names};

/// The article split into its Kazakh and Russian abstracts and its English
/// title, abstract and body (markers: the author line before each abstract,
/// and the `Introduction` heading).
fn texts() -> (String, String, String) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../corpus/going-out-policy-migration.txt"
    );
    let text = std::fs::read_to_string(path).expect("the reference article is in corpus/");
    let lines: Vec<&str> = text.lines().collect();
    let author: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trim() == "Назира Болдурукова")
        .map(|(i, _)| i)
        .collect();
    let intro = lines
        .iter()
        .position(|l| l.trim() == "Introduction")
        .expect("the article has an Introduction heading");
    assert_eq!(
        author.len(),
        2,
        "the article has two author lines before the kk and ru abstracts"
    );
    let kk = lines[author[0]..author[1]].join("\n");
    let ru = lines[author[1]..intro].join("\n");
    let en = [&lines[..author[0]], &lines[intro..]].concat().join("\n");
    (kk, ru, en)
}

fn count(analyzer: &mut TextAnalyzer, text: &str) -> u64 {
    let mut stream = analyzer.token_stream(text);
    let mut n = 0;
    while stream.advance() {
        n += 1;
    }
    n
}

fn bench(c: &mut Criterion) {
    let (kk, ru, en) = texts();
    let mut plain = analyzer(names::PLAIN).expect("plain exists");
    let mut group = c.benchmark_group("analyze");
    let en_tokens = count(&mut plain, &en);
    assert!(en_tokens > 2000, "English text has {en_tokens} tokens");
    for (name, text, min_tokens) in [
        (names::KK, &kk, 30),
        (names::KK_FOLD, &kk, 30),
        (names::RU, &ru, 30),
        (names::EN, &en, 2000),
        (names::PLAIN, &en, 2000),
    ] {
        let mut a = analyzer(name).expect("listed name");
        let n = count(&mut a, text);
        // Our filters never drop tokens, so every analyser sees the plain count.
        assert_eq!(n, count(&mut plain, text), "{name}");
        assert!(n >= min_tokens, "{name}: {n} tokens");
        group.throughput(Throughput::Elements(n));
        group.bench_function(name, |b| b.iter(|| count(&mut a, black_box(text))));
    }
    let mut en_stem = TokenizerManager::default()
        .get("en_stem")
        .expect("tantivy registers en_stem");
    let n = count(&mut en_stem, &en);
    assert!(n > 2000, "tantivy en_stem: {n} tokens");
    group.throughput(Throughput::Elements(n));
    group.bench_function("tantivy_en_stem", |b| {
        b.iter(|| count(&mut en_stem, black_box(&en)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
