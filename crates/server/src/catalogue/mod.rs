//! The service catalogue endpoints: matters, themes, departments and halls. Anyone may read
//! them, without logging in.

mod handlers;

pub use handlers::*;

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
