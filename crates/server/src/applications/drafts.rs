//! 我的草稿: an unfinished application saved on the server, so that it follows the citizen to
//! another phone. One per theme; the newer save wins.

use super::verified;
use crate::error::{AppError, AppResult};
use crate::identity::session::Citizen;
use crate::json::ApiJson;
use crate::store::DraftRecord;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use lianban_core::api::{ApiError, Page};
use lianban_core::apply::{Draft, DraftSave};
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
    })
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

/// Saves the draft of a theme (verified citizens only: it may name their uploads).
#[utoipa::path(put, path = "/api/v1/drafts/{theme_id}", tag = "applications",
    params(("theme_id" = String, Path)), request_body = DraftSave,
    responses((status = 200, body = Draft), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn save_draft(
    State(state): State<AppState>,
    citizen: Citizen,
    Path(theme_id): Path<String>,
    ApiJson(body): ApiJson<DraftSave>,
) -> AppResult<Json<Draft>> {
    verified(&state, &citizen).await?;
    let theme = theme(&state, &theme_id)?;
    if body.content.theme_id != theme.id || body.step.len() > 40 {
        return Err(AppError::Client(
            StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::new("invalid_draft", "草稿与主题不符，请刷新页面后重试"),
        ));
    }
    let record = DraftRecord {
        theme_id: theme.id.clone(),
        step: body.step,
        content: serde_json::to_string(&body.content).map_err(|e| AppError::Internal(e.into()))?,
        saved_at: body.saved_at,
    };
    state.store.save_draft(citizen.id, &record).await?;
    // What is stored now: this save, or a newer one that it did not overwrite.
    get_draft(State(state), citizen, Path(theme_id)).await
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
