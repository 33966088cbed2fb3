//! 一事联办 on the server: the engine's kit for a theme, uploads, drafts, and the combined
//! application that becomes one case with a sub-case per matter.

mod drafts;
mod submit;
mod uploads;

pub use drafts::*;
pub use submit::*;
pub use uploads::*;

use crate::error::{AppError, AppResult};
use crate::identity::session::Citizen;
use crate::store::CitizenRecord;
use crate::AppState;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use lianban_core::apply::MAX_UPLOAD_BYTES;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/themes/{id}/kit", get(theme_kit))
        .route("/drafts", get(list_drafts))
        .route(
            "/drafts/{theme_id}",
            get(get_draft).put(save_draft).delete(delete_draft),
        )
        .route(
            "/applications",
            get(crate::cases::citizen::list_applications).post(submit),
        )
        .route("/uploads/{id}", get(download))
}

/// Uploads take bodies larger than the rest of the API allows.
pub fn upload_router() -> Router<AppState> {
    Router::new()
        .route("/uploads", post(upload))
        .layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES + 64 * 1024))
}

/// The citizen's account, refused unless the real name is verified: uploading, drafts on the
/// server and submitting are for verified citizens only.
async fn verified(state: &AppState, citizen: &Citizen) -> AppResult<CitizenRecord> {
    let record = state
        .store
        .citizen(citizen.id)
        .await?
        .ok_or_else(crate::identity::session::login_required)?;
    if record.id_number.is_none() {
        return Err(AppError::client(
            StatusCode::FORBIDDEN,
            "identity_unverified",
            "请先完成实名认证再办理",
        ));
    }
    Ok(record)
}
