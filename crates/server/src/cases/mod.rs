//! 办件 after submit: the applicant's cases and messages, the public lookup, and the clerk
//! workbench that moves them. Every decision is `lianban_core::cases`'.

pub mod act;
pub mod check_in;
pub mod citizen;
pub mod clerk;
pub mod clerk_session;
pub mod clerks;
pub mod rating;
pub mod sms;
pub mod stats;
pub mod track;
pub mod view;

use crate::AppState;
use axum::routing::{get, post, put};
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/applications/{number}", get(citizen::get_application))
        .route(
            "/applications/{number}/sub-cases/{sub_number}/actions",
            post(citizen::citizen_action),
        )
        .route(
            "/applications/{number}/sub-cases/{sub_number}/supplement",
            post(citizen::provide_supplement),
        )
        .route(
            "/applications/{number}/sub-cases/{sub_number}/rating",
            put(rating::rate),
        )
        .route(
            "/applications/{number}/sub-cases/{sub_number}/rating/visit",
            post(rating::visit),
        )
        .route("/clerk/follow-ups", get(rating::follow_ups))
        .route("/clerk/check-ins", post(check_in::check_in_by_code))
        .route("/clerk/appointments", get(check_in::today))
        .route("/clerk/appointments/{id}/no-show", post(check_in::no_show))
        .route("/clerk/sub-cases/{number}/follow-up", post(rating::reply))
        .route("/me/messages", get(citizen::messages))
        .route("/me/messages/unread", get(citizen::unread))
        .route("/me/messages/read-all", post(citizen::mark_all_read))
        .route("/me/messages/{id}/read", post(citizen::mark_read))
        .route("/track", post(track::track))
        .route("/stats", get(stats::public_stats))
        .route("/clerk/sessions", post(clerk::clerk_login))
        .route(
            "/clerk/sessions/current",
            get(clerk::current_clerk_session).delete(clerk::clerk_logout),
        )
        .route("/clerk/sub-cases", get(clerk::work_list))
        .route("/clerk/sub-cases/{number}", get(clerk::clerk_sub_case))
        .route(
            "/clerk/sub-cases/{number}/actions",
            post(clerk::clerk_action),
        )
        .route(
            "/clerk/sub-cases/{number}/files/{id}",
            get(clerk::clerk_file),
        )
}
