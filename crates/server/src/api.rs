//! The JSON API: `/api/search`, `/api/papers/{id}`, `/api/papers/{id}/compare`
//! and `/api/health`. Every error is `{"error": "…"}` with a fitting status.

use axum::Json;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::AppState;
use crate::backend::{SearchResults, StoredPaper, valid_id};
use crate::error::ApiError;
use crate::params::RawSearch;
use crate::snippet;

/// `GET /api/search?q=…&lang=…&section=…&limit=…&offset=…`
pub async fn search(
    State(state): State<AppState>,
    query: Result<Query<RawSearch>, QueryRejection>,
) -> Result<Json<SearchResults>, ApiError> {
    let Query(raw) = query.map_err(|err| ApiError::bad_request(query_rejection(&err)))?;
    let params = raw.validate()?;
    let results = state.run(move |backend| backend.search(&params)).await?;
    Ok(Json(sanitized(results)))
}

/// `GET /api/papers/{id}`: the stored paper (`{"id", "path", "paper"}`).
pub async fn paper(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<StoredPaper>, ApiError> {
    let id = paper_id(id)?;
    Ok(Json(find_paper(&state, id).await?))
}

/// `GET /api/papers/{id}/compare`: the comparison crate's JSON for the paper.
pub async fn compare(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let id = paper_id(id)?;
    let stored = find_paper(&state, id).await?;
    let view = state
        .run(move |backend| backend.compare(&stored.paper))
        .await?;
    Ok(Json(view.raw))
}

/// `GET /api/health`: liveness plus what the index holds.
pub async fn health(State(state): State<AppState>) -> Result<Json<serde_json::Value>, ApiError> {
    let health = state.run(|backend| backend.health()).await?;
    Ok(Json(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "papers": health.papers,
        "segments": health.segments,
    })))
}

/// Unknown `/api/…` paths.
pub async fn not_found() -> Response {
    ApiError::not_found("no such endpoint: see /api/search, /api/papers/{id}, /api/health")
        .into_response()
}

/// A known path with a method other than GET.
pub async fn method_not_allowed() -> Response {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method not allowed: the API is read-only, use GET",
    )
    .into_response()
}

/// Validates the id of a path; it is used only as a lookup key.
pub fn paper_id(id: Result<Path<String>, PathRejection>) -> Result<String, ApiError> {
    let Path(id) = id.map_err(|err| ApiError::bad_request(format!("bad paper id: {err}")))?;
    if valid_id(&id) {
        Ok(id)
    } else {
        Err(ApiError::bad_request(
            "bad paper id: ids are 1 to 64 letters, digits, '-' or '_' (as /api/search returns them)",
        ))
    }
}

/// Looks a paper up; `404` when the index does not hold it.
pub async fn find_paper(state: &AppState, id: String) -> Result<StoredPaper, ApiError> {
    let lookup = id.clone();
    state
        .run(move |backend| backend.paper(&lookup))
        .await?
        .ok_or_else(|| {
            ApiError::not_found(format!(
                "no paper with id '{id}' in the index: search for it to find its id"
            ))
        })
}

/// Re-renders every snippet so that `<b>` is its only markup, whatever the
/// index produced.
pub fn sanitized(mut results: SearchResults) -> SearchResults {
    for hit in &mut results.hits {
        for segment in &mut hit.segments {
            segment.snippet = snippet::sanitize(&segment.snippet);
        }
    }
    results
}

/// A query-string error without axum's wording about deserialisation.
pub fn query_rejection(err: &QueryRejection) -> String {
    format!("malformed query string: {}", err.body_text().to_lowercase())
}
