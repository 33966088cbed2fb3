//! 我的草稿: an unfinished application saved on the server, so that it follows the citizen to
//! another phone. One per theme. Saves are ordered by a version the server assigns, never by
//! a phone's clock: a save names the version it was made from, and one made from an older
//! version gets the newer copy back (409) for the citizen to choose.

use super::verified;
use crate::error::{AppError, AppResult};
use crate::identity::session::Citizen;
use crate::json::ApiJson;
use crate::store::DraftRecord;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use lianban_core::api::{ApiError, Page};
use lianban_core::apply::{Draft, DraftConflict, DraftSave, MaterialSupply};
use lianban_core::catalogue::Theme;

fn theme<'a>(state: &'a AppState, id: &str) -> AppResult<&'a Theme> {
    state
        .catalogue
        .theme(id)
        .ok_or(AppError::not_found("theme_not_found", "没有找到这个主题"))
}

fn view(state: &AppState, r: &DraftRecord) -> Option<Draft> {
    Some(Draft {
        theme_id: r.theme_id.clone(),
        theme_name: state.catalogue.theme(&r.theme_id)?.name.clone(),
        step: r.step.clone(),
        // Drafts are written only by this server, from a checked shape.
        content: serde_json::from_str(&r.content).ok()?,
        saved_at: r.saved_at,
        version: r.version,
    })
}

fn draft_conflict() -> ApiError {
    ApiError::new(
        "draft_conflict",
        "这份申请在另一部手机上保存过更新的内容，请选择保留哪一份",
    )
}

/// 我的草稿, the most recently saved first.
#[utoipa::path(get, path = "/api/v1/drafts", tag = "applications",
    responses((status = 200, body = Page<Draft>), (status = 401, body = ApiError)))]
pub async fn list_drafts(
    State(state): State<AppState>,
    citizen: Citizen,
) -> AppResult<Json<Page<Draft>>> {
    let drafts = state.store.drafts(citizen.id).await?;
    Ok(Json(Page::whole(
        drafts.iter().filter_map(|d| view(&state, d)).collect(),
    )))
}

#[utoipa::path(get, path = "/api/v1/drafts/{theme_id}", tag = "applications",
    params(("theme_id" = String, Path)),
    responses((status = 200, body = Draft), (status = 404, body = ApiError)))]
pub async fn get_draft(
    State(state): State<AppState>,
    citizen: Citizen,
    Path(theme_id): Path<String>,
) -> AppResult<Json<Draft>> {
    state
        .store
        .draft(citizen.id, &theme_id)
        .await?
        .and_then(|d| view(&state, &d))
        .map(Json)
        .ok_or(AppError::not_found("draft_not_found", "没有这个主题的草稿"))
}

/// Saves the draft of a theme (verified citizens only: it may name their uploads), made from
/// the server's copy at `version`.
#[utoipa::path(put, path = "/api/v1/drafts/{theme_id}", tag = "applications",
    params(("theme_id" = String, Path)), request_body = DraftSave,
    responses((status = 200, body = Draft, description = "stored, with its new version"),
              (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = DraftConflict, description = "made from an older version: the newer copy"),
              (status = 422, body = ApiError)))]
pub async fn save_draft(
    State(state): State<AppState>,
    citizen: Citizen,
    Path(theme_id): Path<String>,
    ApiJson(body): ApiJson<DraftSave>,
) -> AppResult<Response> {
    verified(&state, &citizen).await?;
    let theme = theme(&state, &theme_id)?;
    if body.content.theme_id != theme.id || body.step.len() > 40 {
        return Err(AppError::Client(
            StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::new("invalid_draft", "草稿与主题不符，请刷新页面后重试"),
        ));
    }
    let uploads: Vec<String> = body
        .content
        .materials
        .values()
        .flat_map(|s| match s {
            MaterialSupply::Upload { uploads } => uploads.clone(),
            MaterialSupply::Deferred { .. } => Vec::new(),
        })
        .collect();
    let record = DraftRecord {
        theme_id: theme.id.clone(),
        step: body.step,
        content: serde_json::to_string(&body.content).map_err(|e| AppError::Internal(e.into()))?,
        saved_at: state.clock.now() * 1000,
        version: 0,
    };
    let stored = state
        .store
        .save_draft(citizen.id, &record, body.version, &uploads)
        .await?;
    if let Some(stored) = stored.as_ref().and_then(|d| view(&state, d)) {
        return Ok(Json(stored).into_response());
    }
    // Another save came first: the citizen gets the newer copy to choose from.
    let newer = state
        .store
        .draft(citizen.id, &theme.id)
        .await?
        .and_then(|d| view(&state, &d));
    let error = draft_conflict();
    Ok(match newer {
        Some(draft) => (
            StatusCode::CONFLICT,
            Json(DraftConflict {
                error: error.error,
                draft,
            }),
        )
            .into_response(),
        // Deleted in between (submitted on another phone): nothing newer to offer.
        None => AppError::Client(StatusCode::CONFLICT, error).into_response(),
    })
}

#[utoipa::path(delete, path = "/api/v1/drafts/{theme_id}", tag = "applications",
    params(("theme_id" = String, Path)),
    responses((status = 204, description = "deleted")))]
pub async fn delete_draft(
    State(state): State<AppState>,
    citizen: Citizen,
    Path(theme_id): Path<String>,
) -> AppResult<StatusCode> {
    state.store.delete_draft(citizen.id, &theme_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
