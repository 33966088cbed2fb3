//! 预约办理: the slots a hall offers, and booking, listing, cancelling and rescheduling a
//! citizen's appointments.

mod handlers;

pub use handlers::*;

use crate::AppState;
use axum::routing::{get, post};
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/halls/{id}/days", get(list_days))
        .route("/halls/{id}/slots", get(list_slots))
        .route("/appointments/standing", get(standing))
        .route("/appointments", get(list_appointments).post(book))
        .route("/appointments/{id}/cancel", post(cancel))
        .route("/appointments/{id}/reschedule", post(reschedule))
}
