//! Router tests over an in-memory backend: API shapes, errors, limits and
//! escaping, without an index on disk (the end-to-end tests use a real one).

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use tower::ServiceExt;
use ushtil_lang::Lang;
use ushtil_segment::{Keywords, LangText, Paper, Section as BodySection};

use crate::backend::*;
use crate::params::MAX_QUERY_CHARS;

/// Two papers; the second carries markup in every field a page shows.
struct Fake {
    papers: Vec<StoredPaper>,
}

fn lang_text(lang: Lang, text: &str) -> LangText {
    LangText {
        lang,
        text: text.to_string(),
    }
}

impl Fake {
    fn new() -> Fake {
        let evil = "<script>alert(1)</script>";
        let migration = Paper {
            titles: vec![
                lang_text(Lang::En, "Migration Aspect of the Going Out Policy"),
                lang_text(Lang::Kk, "Миграциялық аспект"),
            ],
            authors: vec!["Назира Болдурукова".into()],
            abstracts: vec![
                lang_text(
                    Lang::Kk,
                    "Мақалада шетелдегі Қытай диаспораларының əлеуеті сарапталады.",
                ),
                lang_text(
                    Lang::Ru,
                    "В статье анализируется потенциал китайских диаспор.",
                ),
                lang_text(
                    Lang::En,
                    "The article examines the potential of the Chinese diaspora.",
                ),
            ],
            keywords: vec![Keywords {
                lang: Lang::Ru,
                terms: vec!["Китай".into(), "мигранты".into()],
            }],
            sections: vec![BodySection {
                heading: "Introduction".into(),
                lang: Lang::En,
                paragraphs: vec!["Political reforms started in 1978.".into()],
            }],
            references: vec!["Smith J. Migration. 2010.".into()],
            diagnostics: vec![],
        };
        let hostile = Paper {
            titles: vec![lang_text(Lang::En, &format!("Title {evil}"))],
            authors: vec![format!("Author {evil}")],
            abstracts: vec![lang_text(Lang::En, &format!("Abstract {evil} & more"))],
            keywords: vec![Keywords {
                lang: Lang::En,
                terms: vec![evil.into()],
            }],
            sections: vec![BodySection {
                heading: evil.into(),
                lang: Lang::En,
                paragraphs: vec![format!("Body {evil}")],
            }],
            references: vec![evil.into()],
            diagnostics: vec![],
        };
        Fake {
            papers: vec![
                StoredPaper {
                    id: "a1b2c3".into(),
                    path: "corpus/going-out.txt".into(),
                    paper: migration,
                },
                StoredPaper {
                    id: "evil01".into(),
                    path: format!("corpus/{evil}.txt"),
                    paper: hostile,
                },
            ],
        }
    }
}

impl Backend for Fake {
    fn search(&self, params: &SearchParams) -> Result<SearchResults, BackendError> {
        if params.query.contains('(') && !params.query.contains(')') {
            return Err(BackendError::BadQuery(format!(
                "malformed query {:?}: unbalanced parenthesis",
                params.query
            )));
        }
        if params.query == "panic" {
            panic!("a backend bug");
        }
        if params.query == "slow" {
            std::thread::sleep(std::time::Duration::from_millis(300));
        }
        let hits: Vec<Hit> = self
            .papers
            .iter()
            .filter(|p| {
                serde_json::to_string(&p.paper)
                    .unwrap()
                    .to_lowercase()
                    .contains(&params.query.to_lowercase())
            })
            .map(|p| Hit {
                paper: p.id.clone(),
                path: p.path.clone(),
                title: p.paper.titles[0].text.clone(),
                score: 1.5,
                segments: vec![HitSegment {
                    kind: "abstract".into(),
                    lang: Lang::En,
                    heading: None,
                    // The index escapes text; this one pretends it forgot.
                    snippet: format!("raw <i>x</i> <b>{}</b> &amp; more", params.query),
                }],
            })
            .collect();
        let mut facets = Facets::default();
        facets.lang.insert(Lang::En, hits.len());
        facets.section.insert(Section::Abstract, hits.len());
        // As the index does: with no paper holding the whole query, how many
        // hold one of its words.
        let any_words_total = (hits.is_empty() && !params.any)
            .then(|| {
                self.papers
                    .iter()
                    .filter(|p| {
                        let json = serde_json::to_string(&p.paper).unwrap().to_lowercase();
                        params
                            .query
                            .split_whitespace()
                            .any(|w| json.contains(&w.to_lowercase()))
                    })
                    .count()
            })
            .filter(|&n| n > 0 && params.query.split_whitespace().nth(1).is_some());
        Ok(SearchResults {
            total: hits.len(),
            hits: hits
                .into_iter()
                .skip(params.offset)
                .take(params.limit)
                .collect(),
            facets,
            any_words_total,
        })
    }

    fn paper(&self, id: &str) -> Result<Option<StoredPaper>, BackendError> {
        Ok(self.papers.iter().find(|p| p.id == id).cloned())
    }

    fn compare(&self, paper: &Paper) -> Result<CompareView, BackendError> {
        if paper.authors.iter().any(|a| a.starts_with("Author")) {
            // The hostile paper's comparison is slow.
            std::thread::sleep(std::time::Duration::from_millis(300));
        }
        let missing = Lang::KNOWN
            .into_iter()
            .filter(|lang| !paper.keywords.iter().any(|k| k.lang == *lang));
        let flags: Vec<FlagView> = missing
            .map(|lang| FlagView {
                kind: "missing_keywords".into(),
                lang: Some(lang),
                message: format!("no {lang} keywords"),
            })
            .collect();
        Ok(CompareView {
            raw: serde_json::json!({ "flags": flags.iter().map(|f| &f.kind).collect::<Vec<_>>() }),
            flags,
            ..CompareView::default()
        })
    }

    fn health(&self) -> Result<Health, BackendError> {
        Ok(Health {
            papers: self.papers.len() as u64,
            segments: 12,
        })
    }
}

async fn get(uri: &str) -> (StatusCode, String, String) {
    send(Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn send(request: Request<Body>) -> (StatusCode, String, String) {
    let app = crate::router(Arc::new(Fake::new()));
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (
        status,
        content_type,
        String::from_utf8(body.to_vec()).unwrap(),
    )
}

async fn get_json(uri: &str) -> (StatusCode, serde_json::Value) {
    let (status, content_type, body) = get(uri).await;
    assert!(
        content_type.starts_with("application/json"),
        "{uri}: {content_type} {body}"
    );
    (status, serde_json::from_str(&body).unwrap())
}

fn error_of(value: &serde_json::Value) -> &str {
    value["error"]
        .as_str()
        .expect("an error body has an error message")
}

#[tokio::test]
async fn search_returns_the_issue_json_shape() {
    let (status, json) = get_json("/api/search?q=diaspora&limit=5").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["total"], 1);
    let hit = &json["hits"][0];
    assert_eq!(hit["paper"], "a1b2c3");
    assert_eq!(hit["path"], "corpus/going-out.txt");
    assert!(hit["score"].is_number());
    let segment = &hit["segments"][0];
    assert_eq!(segment["kind"], "abstract");
    assert_eq!(segment["lang"], "en");
    assert!(segment["heading"].is_null());
    assert_eq!(json["facets"]["lang"]["en"], 1);
}

#[tokio::test]
async fn snippets_keep_only_bold_marks() {
    let (_, json) = get_json("/api/search?q=diaspora").await;
    let snippet = json["hits"][0]["segments"][0]["snippet"].as_str().unwrap();
    assert_eq!(
        snippet,
        "raw &lt;i&gt;x&lt;/i&gt; <b>diaspora</b> &amp; more"
    );
}

#[tokio::test]
async fn bad_parameters_get_400_with_a_json_message() {
    for (uri, needle) in [
        ("/api/search", "missing query"),
        ("/api/search?q=", "missing query"),
        ("/api/search?q=x&lang=de", "bad lang"),
        ("/api/search?q=x&section=intro", "bad section"),
        ("/api/search?q=x&limit=1000", "bad limit"),
        ("/api/search?q=x&offset=-3", "bad offset"),
        ("/api/search?q=x&lang=kk&lang=ru", "malformed query string"),
        ("/api/search?q=(unbalanced", "unbalanced"),
        ("/api/papers/..%2F..%2Fetc%2Fpasswd", "bad paper id"),
        ("/api/papers/a.b", "bad paper id"),
    ] {
        let (status, json) = get_json(uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {json}");
        assert!(error_of(&json).contains(needle), "{uri}: {json}");
    }
}

#[tokio::test]
async fn an_overlong_query_is_refused() {
    let q = "қ".repeat(MAX_QUERY_CHARS + 1);
    let (status, json) = get_json(&format!("/api/search?q={q}")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error_of(&json).contains("too long"), "{json}");
    let uri = format!("/api/search?q={}", "x".repeat(crate::MAX_URI_BYTES));
    let (status, json) = get_json(&uri).await;
    assert_eq!(status, StatusCode::URI_TOO_LONG);
    assert!(error_of(&json).contains("too long"), "{json}");
}

#[tokio::test]
async fn an_oversized_body_gets_413() {
    let request = Request::post("/api/search?q=x")
        .header(
            header::CONTENT_LENGTH,
            (crate::MAX_BODY_BYTES + 1).to_string(),
        )
        .body(Body::from(vec![b'a'; crate::MAX_BODY_BYTES + 1]))
        .unwrap();
    let (status, _, body) = send(request).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
}

#[tokio::test]
async fn unknown_papers_and_endpoints_get_404() {
    let (status, json) = get_json("/api/papers/ffffff").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(error_of(&json).contains("ffffff"));
    let (status, _) = get_json("/api/papers/ffffff/compare").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = get_json("/api/nothing").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, body) = get("/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("Page not found"));
}

#[tokio::test]
async fn writes_are_refused_as_json() {
    let request = Request::delete("/api/papers/a1b2c3")
        .body(Body::empty())
        .unwrap();
    let (status, content_type, body) = send(request).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{body}");
    assert!(content_type.starts_with("application/json"));
}

#[tokio::test]
async fn a_panic_becomes_a_json_500_without_details() {
    let (status, json) = get_json("/api/search?q=panic").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(!error_of(&json).contains("backend bug"), "{json}");
}

#[tokio::test]
async fn paper_and_compare_and_health_answer() {
    let (status, json) = get_json("/api/papers/a1b2c3").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["id"], "a1b2c3");
    assert_eq!(json["paper"]["abstracts"][1]["lang"], "ru");
    let (status, json) = get_json("/api/papers/a1b2c3/compare").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["flags"][0], "missing_keywords");
    let (status, json) = get_json("/api/health").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["status"], "ok");
    assert_eq!(json["papers"], 2);
}

#[tokio::test]
async fn pages_escape_every_piece_of_paper_text() {
    let (status, content_type, body) = get("/paper/evil01").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/html"));
    assert!(!body.contains("<script>alert"), "{body}");
    // Title, author, abstract, keyword, heading, paragraph, reference, path.
    assert!(
        body.matches("&lt;script&gt;alert(1)&lt;/script&gt;")
            .count()
            >= 8
    );
    let (_, _, body) = get("/?q=script").await;
    assert!(!body.contains("<script>alert"), "{body}");
    assert!(!body.contains("<i>x</i>"), "{body}");
    assert!(body.contains("<mark>script</mark>"), "{body}");
}

#[tokio::test]
async fn the_search_page_shows_hits_filters_and_links() {
    let (status, _, body) = get("/?q=diaspora").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("1 paper matches"), "{body}");
    assert!(
        body.contains(r#"href="/paper/a1b2c3?q=diaspora""#),
        "{body}"
    );
    assert!(
        body.contains(r#"href="/?q=diaspora&amp;lang=en""#),
        "{body}"
    );
    assert!(body.contains(r#"lang="en""#));
    let (status, _, body) = get("/?q=x&limit=5000").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("bad limit"));
    let (status, _, body) = get("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("holds <strong>2</strong> papers"), "{body}");
}

#[tokio::test]
async fn a_search_no_paper_wholly_matches_links_to_the_papers_with_some_words() {
    let (status, _, body) = get("/?q=diaspora+zzzq").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("No papers match"), "{body}");
    assert!(
        body.contains(r#"href="/?q=diaspora+zzzq&amp;any=on">1 paper has some of them"#),
        "{body}"
    );
    let (_, json) = get_json("/api/search?q=diaspora+zzzq").await;
    assert_eq!(json["any_words_total"], 1, "{json}");
    // A word no paper has: nothing to point at.
    let (_, _, body) = get("/?q=zzzq+qqqz").await;
    assert!(!body.contains("some of them"), "{body}");
}

#[tokio::test]
async fn the_paper_page_shows_languages_side_by_side_and_flags() {
    let (status, _, body) = get("/paper/a1b2c3?q=diaspora").await;
    assert_eq!(status, StatusCode::OK);
    for needle in [
        r#"<p lang="kk">Мақалада"#,
        r#"<p lang="ru">В статье"#,
        r#"<p lang="en">The article"#,
        "No keywords in this language.",
        "missing_keywords",
        "Back to results for",
        "Introduction",
        "Smith J. Migration",
    ] {
        assert!(body.contains(needle), "missing {needle:?} in {body}");
    }
    let (status, _, _) = get("/paper/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn pages_carry_a_strict_content_security_policy() {
    let app = crate::router(Arc::new(Fake::new()));
    let response = app
        .oneshot(Request::get("/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let csp = response.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(csp.contains("script-src 'self'"));
    assert!(!csp.contains("unsafe-inline"));
}

#[tokio::test]
async fn static_assets_are_embedded() {
    let (status, content_type, body) = get("/static/style.css").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/css"));
    assert!(body.contains("--accent"));
    let (status, content_type, _) = get("/static/app.js").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/javascript"));
}

#[tokio::test]
async fn pages_link_to_the_next_and_previous_page_keeping_the_limit() {
    // "titles" is a key of every paper's JSON: the fake matches both papers.
    let (status, _, body) = get("/?q=titles&limit=1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Page 1 of 2"), "{body}");
    assert!(
        body.contains(r#"rel="next" href="/?q=titles&amp;limit=1&amp;page=2""#),
        "{body}"
    );
    assert!(!body.contains(r#"rel="prev""#));
    let (_, _, body) = get("/?q=titles&limit=1&page=2").await;
    assert!(body.contains("Page 2 of 2"), "{body}");
    assert!(body.contains(r#"<ol class="hits" start="2">"#), "{body}");
    assert!(
        body.contains(r#"rel="prev" href="/?q=titles&amp;limit=1""#),
        "{body}"
    );
}

#[tokio::test]
async fn a_slow_request_times_out_with_a_json_503_and_frees_its_slot_later() {
    let limits = crate::Limits {
        request_timeout: std::time::Duration::from_millis(50),
        max_concurrent_queries: 1,
        ..crate::Limits::default()
    };
    let app = crate::router_with(Arc::new(Fake::new()), limits);
    let call = |uri: &str| {
        app.clone()
            .oneshot(Request::get(uri).body(Body::empty()).unwrap())
    };
    let response = call("/api/search?q=slow").await.unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert!(error_of(&json).contains("timed out"), "{json}");
    // The slow call still holds the only slot, so a fast query now waits
    // past its timeout too; once the slow call ends, the slot is free.
    let response = call("/api/search?q=diaspora").await.unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let response = call("/api/search?q=diaspora").await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn options_stay_checked_and_carry_over_to_filter_links() {
    let (status, _, body) = get("/?q=diaspora&cross=on").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains(r#"<input type="checkbox" name="cross" checked>"#),
        "{body}"
    );
    assert!(
        body.contains(r#"<input type="checkbox" name="any">"#),
        "{body}"
    );
    assert!(
        body.contains(r#"href="/?q=diaspora&amp;lang=en&amp;cross=on""#),
        "{body}"
    );
    let (_, _, body) = get("/?q=diaspora&exact=on").await;
    assert!(
        body.contains(r#"<input type="checkbox" name="exact" checked>"#),
        "{body}"
    );
    assert!(
        body.contains(r#"href="/?q=diaspora&amp;lang=en&amp;exact=on""#),
        "{body}"
    );
}

#[tokio::test]
async fn a_slow_comparison_leaves_the_paper_page_without_it() {
    let limits = crate::Limits {
        compare_budget: std::time::Duration::from_millis(50),
        ..crate::Limits::default()
    };
    let app = crate::router_with(Arc::new(Fake::new()), limits);
    let response = app
        .oneshot(Request::get("/paper/evil01").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let body = String::from_utf8(body.to_vec()).unwrap();
    assert!(body.contains("The comparison is not available"), "{body}");
    assert!(body.contains("Abstracts"), "{body}");
}
