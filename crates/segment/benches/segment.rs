//! Segments the reference article and reports time and throughput. The
//! result is asserted (five sections, 25 ligatures) so a broken segmenter
//! cannot be timed by mistake. A peer in the same run: `repair` alone over the
//! whole text (joining, ligatures, look-alikes), the part every paper pays.
//!
//! With `USHTIL_SEGMENT_CORPUS=DIR` (e.g. a corpus from `ushtil synth --papers
//! 1000 --out DIR`, whose papers are in `DIR/corpus`), it also segments every
//! `.txt` file of that folder per iteration: the mix of layouts and languages
//! that batch indexing sees.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ushtil_segment::{DiagnosticKind, repair, segment};

fn reference() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../corpus/going-out-policy-migration.txt"
    );
    std::fs::read_to_string(path).expect("the reference article is in corpus/")
}

fn bench(c: &mut Criterion) {
    let text = reference();
    let paper = segment(&text);
    assert_eq!(paper.sections.len(), 5);
    let ligatures = paper
        .diagnostics
        .iter()
        .filter(|d| d.kind == DiagnosticKind::Ligature)
        .count();
    assert_eq!(ligatures, 25);

    let mut group = c.benchmark_group("reference_article");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("segment", |b| b.iter(|| segment(black_box(&text))));
    group.bench_function("repair_only", |b| b.iter(|| repair(black_box(&text))));
    group.finish();

    let Some(dir) = std::env::var_os("USHTIL_SEGMENT_CORPUS") else {
        eprintln!("USHTIL_SEGMENT_CORPUS is not set: the corpus benchmark is skipped");
        return;
    };
    let mut papers = Vec::new();
    let entries = std::fs::read_dir(&dir).expect("USHTIL_SEGMENT_CORPUS names a readable folder");
    for entry in entries {
        let path = entry.expect("a folder entry can be read").path();
        if path.extension().is_some_and(|e| e == "txt") {
            papers.push(std::fs::read_to_string(&path).expect("corpus papers are UTF-8"));
        }
    }
    assert!(!papers.is_empty(), "no .txt papers in {}", dir.display());
    // Every paper yields something, so an empty segmentation cannot be timed.
    assert!(papers.iter().all(|p| {
        let paper = segment(p);
        !paper.sections.is_empty() || !paper.abstracts.is_empty()
    }));
    let bytes: usize = papers.iter().map(String::len).sum();
    let mut group = c.benchmark_group(format!("corpus_{}_papers", papers.len()));
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("segment", |b| {
        b.iter(|| {
            for p in &papers {
                black_box(segment(black_box(p)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
