//! The adapter over a real index: the reference article and a composed paper
//! ingested into a temp dir, then asked through the router as a browser would.

use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use tower::ServiceExt;
use ushtil_index::{Index, IngestOptions};
use ushtil_server::adapter::IndexBackend;

fn reference_article() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus/going-out-policy-migration.txt");
    std::fs::read_to_string(path).unwrap()
}

const HOSTILE: &str = "Remittances <script>alert(1)</script> in Central Asia\n\n\
    The article studies the remittances <script>alert(1)</script> labour migrants send home.\n\
    Keywords: remittances, labour migration.\n\n\
    Introduction\n\nRemittances grew after 2010.\n";

fn backend() -> (tempfile::TempDir, Arc<IndexBackend>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index");
    let index = Index::open_or_create(&path).unwrap();
    let texts = vec![
        (
            "corpus/going-out-policy-migration.txt".to_string(),
            reference_article(),
        ),
        ("corpus/hostile.txt".to_string(), HOSTILE.to_string()),
    ];
    let summary = index
        .ingest_texts(texts, &IngestOptions::default(), &|_| {})
        .unwrap();
    assert_eq!(summary.papers, 2, "{summary:?}");
    drop(index);
    (dir, Arc::new(IndexBackend::open(&path).unwrap()))
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, String) {
    let response = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, String::from_utf8(body.to_vec()).unwrap())
}

async fn json(app: &axum::Router, uri: &str) -> (StatusCode, serde_json::Value) {
    let (status, body) = get(app, uri).await;
    (status, serde_json::from_str(&body).unwrap())
}

#[tokio::test]
async fn search_paper_and_compare_over_a_real_index() {
    let (_dir, backend) = backend();
    let app = ushtil_server::router(backend);

    let (status, results) = json(
        &app,
        "/api/search?q=%D0%BC%D0%B8%D0%B3%D1%80%D0%B0%D0%BD%D1%82%D1%8B",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{results}");
    let hit = &results["hits"][0];
    assert_eq!(
        hit["path"], "corpus/going-out-policy-migration.txt",
        "{results}"
    );
    assert!(
        results["facets"]["lang"]["ru"].as_u64().unwrap() >= 1,
        "{results}"
    );
    let id = hit["paper"].as_str().unwrap().to_string();

    let (status, stored) = json(&app, &format!("/api/papers/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(stored["id"], id.as_str());

    // The reference article has no English keywords: compare says so.
    let (status, comparison) = json(&app, &format!("/api/papers/{id}/compare")).await;
    assert_eq!(status, StatusCode::OK, "{comparison}");
    let flags = comparison["flags"].as_array().unwrap();
    assert!(
        flags
            .iter()
            .any(|f| f["kind"] == "missing_keywords" && f["lang"] == "en"),
        "{comparison}"
    );
    let (status, page) = get(&app, &format!("/paper/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("missing_keywords"),
        "the page shows the flags"
    );
    assert!(
        page.contains("Keyword correspondences"),
        "the page shows keyword links"
    );

    let (status, _) = json(&app, "/api/papers/ffffffffffff").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, error) = json(&app, "/api/search?q=%22unclosed").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{error}");
}

#[tokio::test]
async fn markup_in_a_paper_never_reaches_a_page_unescaped() {
    let (_dir, backend) = backend();
    let app = ushtil_server::router(backend);
    let (_, results) = json(&app, "/api/search?q=remittances").await;
    let hit = &results["hits"][0];
    let snippets = hit["segments"].to_string();
    assert!(snippets.contains("&lt;script&gt;"), "{snippets}");
    assert!(!snippets.contains("<script"), "{snippets}");
    let id = hit["paper"].as_str().unwrap();
    for uri in [format!("/paper/{id}"), "/?q=remittances".to_string()] {
        let (status, page) = get(&app, &uri).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!page.contains("<script>alert"), "{uri}");
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{uri}"
        );
    }
}
