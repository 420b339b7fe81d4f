//! The ushtil web page and JSON API, served by axum over an index.
//!
//! [`router`] builds the whole application over a [`Backend`] (the index and
//! the comparison, seen through [`adapter`]); [`serve`] runs it on a bound
//! listener until a shutdown signal. Everything the page needs (HTML, CSS, a
//! little JavaScript) is compiled into the binary: no CDN, no network.
//!
//! Routes:
//! - `GET /` the search page (`?q=…&lang=…&section=…&page=…`), rendered on
//!   the server so it works without JavaScript;
//! - `GET /paper/{id}` a paper: metadata, the abstracts and keywords side by
//!   side with the comparison's links and flags, sections, references;
//! - `GET /api/search?q=…&lang=kk|ru|en|und&section=title|authors|abstract|keywords|body|references|affiliations|codes&limit=1..100&offset=…&any=true&cross=true&exact=true`:
//!   `{"total", "hits": [{"paper", "path", "title", "score", "segments":
//!   [{"kind", "lang", "heading", "snippet"}]}], "facets": {"lang", "section"}}`
//!   (snippets are escaped text with `<b>` marks; `any` matches any word,
//!   `cross` adds the words' translations as `ushtil search --cross`,
//!   `exact` leaves out the words' derivational relatives as `ushtil
//!   search --exact`);
//! - `GET /api/papers/{id}` the stored paper `{"id", "path", "paper"}`;
//!   `GET /api/papers/{id}/compare` the `ushtil compare` JSON;
//!   `GET /api/health` `{"status", "version", "papers", "segments"}`;
//! - errors are `{"error": "…"}`: 400 malformed query or parameter, 404
//!   unknown paper or endpoint, 405 anything but GET, 413 body, 414 URI, 503
//!   timeout, 500 internal (never a trace).
//!
//! Safety: every piece of paper text is escaped by the templates (the index's
//! `<b>` highlight marks are parsed into fragments, never passed through);
//! queries are capped at [`params::MAX_QUERY_CHARS`] characters,
//! [`params::MAX_NESTING`] levels of parentheses and [`params::MAX_LIMIT`]
//! results; URIs over [`MAX_URI_BYTES`] get 414, bodies
//! over [`MAX_BODY_BYTES`] get 413; each request has [`REQUEST_TIMEOUT`]; at
//! most [`MAX_CONCURRENT_QUERIES`] index calls run at once (others queue);
//! paper ids are checked against `[A-Za-z0-9_-]{1,64}` and only ever used as
//! index keys; a panic becomes a JSON 500, never a trace.
//!
//! ```no_run
//! # async fn example(backend: std::sync::Arc<dyn ushtil_server::Backend>) -> std::io::Result<()> {
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:7878").await?;
//! ushtil_server::serve(listener, backend, async {
//!     let _ = tokio::signal::ctrl_c().await;
//! })
//! .await
//! # }
//! ```

pub mod adapter;
mod api;
pub mod backend;
mod error;
mod pages;
pub mod params;
pub mod snippet;

use std::any::Any;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;

pub use backend::{Backend, BackendError};
pub use error::ApiError;

/// The longest request URI accepted (a 1,000-character Cyrillic query,
/// percent-encoded, takes about 12 KiB).
pub const MAX_URI_BYTES: usize = 16 * 1024;
/// The largest request body accepted (the API is read-only: GET has none).
pub const MAX_BODY_BYTES: usize = 16 * 1024;
/// How long one request may take, queueing included.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// Index calls running at once; more wait their turn (within the timeout).
pub const MAX_CONCURRENT_QUERIES: usize = 16;

/// Time and concurrency limits; [`Limits::default`] is what `ushtil serve` uses.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// How long one request may take, queueing included.
    pub request_timeout: Duration,
    /// Index calls running at once; more wait their turn.
    pub max_concurrent_queries: usize,
    /// How long the paper page waits for the cross-language comparison
    /// before showing the paper without it.
    pub compare_budget: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            request_timeout: REQUEST_TIMEOUT,
            max_concurrent_queries: MAX_CONCURRENT_QUERIES,
            compare_budget: Duration::from_secs(4),
        }
    }
}

/// What every handler shares: the backend and the permits to call it.
#[derive(Clone)]
pub struct AppState {
    backend: Arc<dyn Backend>,
    permits: Arc<Semaphore>,
    limits: Limits,
}

impl AppState {
    pub fn new(backend: Arc<dyn Backend>, limits: Limits) -> AppState {
        AppState {
            backend,
            permits: Arc::new(Semaphore::new(limits.max_concurrent_queries.max(1))),
            limits,
        }
    }

    /// Runs a blocking backend call on tokio's blocking pool, at most
    /// [`Limits::max_concurrent_queries`] at a time.
    pub async fn run<T, F>(&self, call: F) -> Result<T, ApiError>
    where
        F: FnOnce(&dyn Backend) -> Result<T, BackendError> + Send + 'static,
        T: Send + 'static,
    {
        let permit = Arc::clone(&self.permits)
            .acquire_owned()
            .await
            .map_err(|_| ApiError::internal("the server is shutting down"))?;
        let backend = Arc::clone(&self.backend);
        // The permit moves into the blocking task: a request that times out
        // stops waiting, but its index call keeps the permit until it ends,
        // so timed-out work cannot pile up past the limit.
        let task = move || {
            let result = call(backend.as_ref());
            drop(permit);
            result
        };
        match tokio::task::spawn_blocking(task).await {
            Ok(result) => result.map_err(ApiError::from),
            Err(_) => Err(ApiError::internal(
                "internal error while reading the index; the server log has no more detail",
            )),
        }
    }
}

/// The whole application: pages, API, static files and the guards.
pub fn router(backend: Arc<dyn Backend>) -> Router {
    router_with(backend, Limits::default())
}

/// [`router`] with other limits (tests use a short timeout).
pub fn router_with(backend: Arc<dyn Backend>, limits: Limits) -> Router {
    let state = AppState::new(backend, limits);
    let api = Router::new()
        .route("/search", get(api::search))
        .route("/papers/{id}", get(api::paper))
        .route("/papers/{id}/compare", get(api::compare))
        .route("/health", get(api::health))
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed);
    Router::new()
        .route("/", get(pages::search))
        .route("/paper/{id}", get(pages::paper))
        .route("/static/style.css", get(pages::style))
        .route("/static/app.js", get(pages::script))
        .nest("/api", api)
        .fallback(pages::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        .with_state(state)
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(middleware::from_fn_with_state(limits, guard))
        .layer(CatchPanicLayer::custom(panic_response))
}

/// Serves `router(backend)` on `listener` until `shutdown` resolves, then
/// finishes the requests in flight.
pub async fn serve(
    listener: TcpListener,
    backend: Arc<dyn Backend>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(backend))
        .with_graceful_shutdown(shutdown)
        .await
}

/// Serves `router(backend)` on an already bound listener until Ctrl-C or
/// SIGTERM, on its own multi-threaded tokio runtime; requests in flight are
/// finished before it returns. The entry point of `ushtil serve`.
pub fn serve_until_signal(
    listener: std::net::TcpListener,
    backend: Arc<dyn Backend>,
) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // Room for the query parser's recursion (nesting is capped too).
        .thread_stack_size(8 * 1024 * 1024)
        .build()?;
    runtime.block_on(async move {
        let listener = TcpListener::from_std(listener)?;
        serve(listener, backend, shutdown_signal()).await
    })
}

/// Resolves on Ctrl-C (SIGINT) or, on Unix, SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        // If the handler cannot be installed, only SIGTERM (or a kill) stops us.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}

/// Limits and headers for every request: URI and body size, timeout, and the
/// security headers (a strict CSP: only our own script and style run).
async fn guard(State(limits): State<Limits>, request: Request, next: Next) -> Response {
    let uri_len = request.uri().to_string().len();
    if uri_len > MAX_URI_BYTES {
        return error::json_error(
            StatusCode::URI_TOO_LONG,
            &format!("request uri is too long: {uri_len} bytes, the limit is {MAX_URI_BYTES}"),
        );
    }
    let body_len = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if body_len.is_some_and(|len| len > MAX_BODY_BYTES as u64) {
        return error::json_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!("request body is too large: the limit is {MAX_BODY_BYTES} bytes"),
        );
    }
    let timeout = limits.request_timeout;
    let mut response = match tokio::time::timeout(timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => error::json_error(
            StatusCode::SERVICE_UNAVAILABLE,
            &format!(
                "request timed out after {:.1} s: try a narrower query",
                timeout.as_secs_f64()
            ),
        ),
    };
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
             connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// A panic in a handler: a JSON 500 without the panic message or a trace.
fn panic_response(_panic: Box<dyn Any + Send + 'static>) -> Response {
    error::json_error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal error: the request could not be answered",
    )
}

#[cfg(test)]
mod tests;
