//! 统一身份认证: SMS login, sessions, real-name verification, the enterprises a citizen
//! represents and their e-licences.

pub mod client_addr;
mod handlers;
pub mod secret;
pub mod session;
pub mod sms;
pub mod verifier;

pub use handlers::*;

use crate::AppState;
use axum::routing::{get, post, put};
use axum::Router;

pub fn router(dev: bool) -> Router<AppState> {
    let router = Router::new()
        .route("/auth/sms-codes", post(send_sms_code))
        .route("/auth/sessions", post(login))
        .route(
            "/auth/sessions/current",
            get(current_session).delete(logout),
        )
        .route("/me", get(get_me))
        .route("/me/identity", put(verify_identity))
        .route("/me/preferences", put(set_preferences))
        .route(
            "/me/enterprises",
            get(list_enterprises).post(add_enterprise),
        )
        .route("/me/licences", get(list_licences));
    if dev {
        router.route("/dev/sms-codes/latest", get(dev_latest_code))
    } else {
        router
    }
}
