//! What the server adds to a search: the same query answered by the index
//! directly (the peer), through `/api/search` (validation, blocking pool,
//! snippet sanitising, JSON) and through the HTML page (maud rendering), plus
//! the paper page (stored paper + cross-language comparison + rendering).
//! In-process requests (no sockets), over 200 copies of the reference article.

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use criterion::{Criterion, criterion_group, criterion_main};
use tower::ServiceExt;
use ushtil_index::{Index, IngestOptions, SearchRequest};
use ushtil_server::adapter::IndexBackend;

const PAPERS: usize = 200;

fn bench(c: &mut Criterion) {
    let article = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../corpus/going-out-policy-migration.txt"),
    )
    .expect("the reference article is in corpus/");
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("index");
    let index = Index::open_or_create(&path).expect("a new index");
    let texts = (0..PAPERS)
        .map(|i| (format!("corpus/copy-{i:03}.txt"), article.clone()))
        .collect();
    let summary = index
        .ingest_texts(texts, &IngestOptions::default(), &|_| {})
        .expect("ingestion");
    assert_eq!(summary.papers as usize, PAPERS);

    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    let backend = Arc::new(IndexBackend::open(&path).expect("the index opens"));
    let app = ushtil_server::router(backend);
    let get = |uri: &str| {
        let response = runtime.block_on(
            app.clone()
                .oneshot(Request::get(uri).body(Body::empty()).expect("a request")),
        );
        let response = response.expect("the router answers");
        assert_eq!(response.status(), StatusCode::OK, "{uri}");
        runtime
            .block_on(axum::body::to_bytes(response.into_body(), usize::MAX))
            .expect("a body")
    };
    let query = "%D0%BC%D0%B8%D0%B3%D1%80%D0%B0%D0%BD%D1%82%D1%8B"; // мигранты
    let first: serde_json::Value =
        serde_json::from_slice(&get(&format!("/api/search?q={query}"))).expect("json");
    assert_eq!(first["total"], PAPERS, "every copy matches");
    let id = first["hits"][0]["paper"]
        .as_str()
        .expect("an id")
        .to_string();

    let mut group = c.benchmark_group("search_мигранты_10_of_200");
    group.bench_function("index_direct", |b| {
        let request = SearchRequest::new("мигранты");
        b.iter(|| {
            let results = index.search(black_box(&request)).expect("search");
            assert_eq!(results.total, PAPERS);
        })
    });
    group.bench_function("api_json", |b| {
        b.iter(|| get(black_box(&format!("/api/search?q={query}"))))
    });
    group.bench_function("html_page", |b| {
        b.iter(|| get(black_box(&format!("/?q={query}"))))
    });
    group.finish();
    let mut group = c.benchmark_group("paper");
    group.bench_function("api_paper_json", |b| {
        b.iter(|| get(black_box(&format!("/api/papers/{id}"))))
    });
    group.bench_function("html_page_with_compare", |b| {
        b.iter(|| get(black_box(&format!("/paper/{id}"))))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
