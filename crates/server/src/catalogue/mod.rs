//! The service catalogue endpoints: matters, themes, departments and halls. Anyone may read
//! them, without logging in; they answer from bytes built once at start-up, with a strong
//! `ETag`, `304 Not Modified` and a `Cache-Control` that lets a phone keep them a while.

mod answer;
mod handlers;
mod published;

pub use answer::CACHE_CONTROL_VALUE;
pub use handlers::*;
pub use published::PublishedCatalogue;

use crate::AppState;
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
}
