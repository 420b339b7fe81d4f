//! Segments the reference article and reports time and throughput. The
//! result is asserted (five sections, 25 ligatures) so a broken segmenter
//! cannot be timed by mistake. A peer in the same run: `repair` alone over the
//! whole text (joining, ligatures, look-alikes), the part every paper pays.

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
}

criterion_group!(benches, bench);
criterion_main!(benches);
