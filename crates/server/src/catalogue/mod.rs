//! The service catalogue endpoints: matters, themes, departments and halls. Anyone may read
//! them, without logging in.

mod handlers;

pub use handlers::*;

use crate::AppState;
use axum::extract::Request;
use axum::http::header::CACHE_CONTROL;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::get;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/matters", get(list_matters))
        .route("/matters/{code}", get(get_matter))
        .route("/themes", get(list_themes))
        .route("/themes/{id}", get(get_theme))
        .route("/departments", get(list_departments))
        .route("/halls", get(list_halls))
        .route("/halls/{id}", get(get_hall))
        .layer(axum::middleware::from_fn(public_cache))
}

/// The catalogue is the same for everyone and changes only with a new data/ and a restart:
/// browsers and a CDN may keep an answer for a few minutes. Every other API answer is
/// `no-store` (see `security_headers`), so this is the one place that opts out.
async fn public_cache(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    if response.status().is_success() {
        response.headers_mut().insert(
            CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=300"),
        );
    }
    response
}
