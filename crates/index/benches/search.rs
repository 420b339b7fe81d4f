//! Query latency on a kept `ushtil bench` folder: ushtil's search (ten papers
//! with three snippets each, exact total and facets) against stock tantivy's
//! top 10 (block-max WAND, then the 10 stored documents fetched) on the same
//! index and on the floor's index, over the bench's 100 queries, in one run.
//!
//! It needs the folder `ushtil bench --papers 1000 --keep DIR --no-profile`
//! leaves: `DIR` is `$USHTIL_BENCH_DIR`, else `/tmp/bench1k`. Without one it
//! says so and measures nothing. Run: `cargo bench -p ushtil-index --bench search`.
//!
//! Two groups: one query at a time on an index searched before (what a
//! server does: the bench's numbers), and the 100 queries once on an index
//! opened just before (what `ushtil search` does for its one query).

use std::path::{Path, PathBuf};

use criterion::{BatchSize, Criterion};
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::{TantivyDocument, schema::Field};
use ushtil_index::{Index, SearchRequest};

fn bench_dir() -> PathBuf {
    std::env::var_os("USHTIL_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/bench1k"))
}

/// The first of the folder's indexes that exists.
fn index_in(dir: &Path, names: &[&str]) -> Option<PathBuf> {
    names
        .iter()
        .map(|n| dir.join(n))
        .find(|p| p.join("meta.json").is_file())
}

/// Stock tantivy over an index: a parser over `fields` (with `boosts`), top 10
/// by score, the 10 documents fetched. What the bench's floor engine does.
struct Stock {
    searcher: tantivy::Searcher,
    parser: QueryParser,
}

impl Stock {
    fn open(dir: &Path, fields: &[(&str, f32)], conjunction: bool) -> Stock {
        let index = tantivy::Index::open_in_dir(dir).expect("the bench index opens");
        ushtil_lang::analysis::register(index.tokenizers());
        // Queries are stemmed, not given the folded terms the Kazakh field
        // holds beside the stemmed ones (as ushtil's own parsers do).
        use ushtil_lang::analysis::{analyzer, names};
        index.tokenizers().register(
            names::KK_INDEX,
            analyzer(names::KK).expect("the Kazakh analyser exists"),
        );
        let schema = index.schema();
        let fields: Vec<(Field, f32)> = fields
            .iter()
            .map(|(name, boost)| (schema.get_field(name).expect("the field exists"), *boost))
            .collect();
        let mut parser = QueryParser::for_index(&index, fields.iter().map(|f| f.0).collect());
        for (field, boost) in &fields {
            parser.set_field_boost(*field, *boost);
        }
        if conjunction {
            parser.set_conjunction_by_default();
        }
        let searcher = index.reader().expect("a reader opens").searcher();
        Stock { searcher, parser }
    }

    fn search(&self, q: &str) -> usize {
        let (query, _) = self.parser.parse_query_lenient(q);
        let top = self
            .searcher
            .search(&query, &TopDocs::with_limit(10).order_by_score())
            .expect("tantivy searches");
        for (_, address) in &top {
            let doc: TantivyDocument = self.searcher.doc(*address).expect("stored doc");
            std::hint::black_box(doc);
        }
        top.len()
    }
}

fn bench(c: &mut Criterion, dir: &Path, ushtil_dir: &Path) {
    let queries = ushtil_bench::queries::queries();
    let index = Index::open(ushtil_dir).expect("the bench's ushtil index opens");
    // A broken pipeline answers nothing fast: most queries must find papers.
    let with_hits = queries
        .iter()
        .filter(|q| {
            !index
                .search(&SearchRequest::new(q.as_str()))
                .unwrap()
                .hits
                .is_empty()
        })
        .count();
    assert!(
        with_hits >= 90,
        "only {with_hits} of 100 queries found papers"
    );

    let mut group = c.benchmark_group("query (one of the bench's 100, in turn)");
    let mut turn = queries.iter().cycle();
    group.bench_function("ushtil search: 10 papers, snippets, total, facets", |b| {
        b.iter(|| {
            let q = turn.next().expect("cycle");
            index
                .search(&SearchRequest::new(q.as_str()))
                .unwrap()
                .hits
                .len()
        })
    });
    let fields = [
        ("text_kk", 1.0),
        ("text_ru", 1.0),
        ("text_en", 1.0),
        ("text_plain", 0.5),
    ];
    let same = Stock::open(ushtil_dir, &fields, true);
    let mut turn = queries.iter().cycle();
    group.bench_function("stock tantivy top 10 + fetch, same index and fields", |b| {
        b.iter(|| same.search(turn.next().expect("cycle")))
    });
    if let Some(floor_dir) = index_in(dir, &["index-floor-2t", "index-floor-1t"]) {
        let floor = Stock::open(&floor_dir, &[("text", 1.0)], false);
        let mut turn = queries.iter().cycle();
        group.bench_function("floor: stock tantivy top 10 + fetch, floor index", |b| {
            b.iter(|| floor.search(turn.next().expect("cycle")))
        });
    }
    group.finish();

    // Cold: each of the 100 queries once on an index opened just before (not
    // timed), so nothing a search keeps is warm yet; stock tantivy likewise
    // with a fresh reader (the operating system's page cache stays warm for
    // both).
    let mut group = c.benchmark_group("all 100 queries once, index just opened");
    group.sample_size(10);
    group.bench_function("ushtil search", |b| {
        b.iter_batched(
            || Index::open(ushtil_dir).expect("the bench's ushtil index opens"),
            |index| {
                queries
                    .iter()
                    .map(|q| {
                        index
                            .search(&SearchRequest::new(q.as_str()))
                            .unwrap()
                            .hits
                            .len()
                    })
                    .sum::<usize>()
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("stock tantivy top 10 + fetch, same index and fields", |b| {
        b.iter_batched(
            || Stock::open(ushtil_dir, &fields, true),
            |stock| queries.iter().map(|q| stock.search(q)).sum::<usize>(),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

fn main() {
    let dir = bench_dir();
    let Some(ushtil_dir) = index_in(&dir, &["index-ushtil-2t", "index-ushtil-1t"]) else {
        eprintln!(
            "no ushtil index in {}: run `ushtil bench --papers 1000 --keep {} --no-profile` \
             (or set USHTIL_BENCH_DIR); nothing measured",
            dir.display(),
            dir.display()
        );
        return;
    };
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c, &dir, &ushtil_dir);
    c.final_summary();
}
