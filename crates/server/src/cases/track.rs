//! 办件查询 without login: a case number and its query code answer the timeline and the
//! applicant's name masked. Wrong codes are counted in the database per case number and per
//! address; after [`TRACK_FAILURES_PER_CASE`] for one number it is locked for the window.

use super::view::for_lookup;
use crate::clock::hh_mm_china;
use crate::error::{AppError, AppResult};
use crate::identity::client_addr::client_addr;
use crate::identity::Peer;
use crate::json::ApiJson;
use crate::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use lianban_core::api::ApiError;
use lianban_core::cases::view::TrackedCase;
use lianban_core::cases::{CaseNumber, QueryCode};
use serde::Deserialize;

pub const TRACK_FAILURES_PER_CASE: u32 = 5;
/// Wrong codes from one address, whatever the number (someone trying many numbers).
pub const TRACK_FAILURES_PER_ADDRESS: u32 = 30;
pub const TRACK_WINDOW_SECONDS: i64 = 15 * 60;

/// 办件编号 and 查询码, as typed.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TrackRequest {
    pub number: String,
    pub code: String,
}

fn invalid(fields: &[(&str, String)]) -> AppError {
    let mut e = ApiError::new("invalid_lookup", "请检查办件编号和查询码");
    for (f, m) in fields {
        e = e.with_field(*f, m.clone());
    }
    AppError::Client(StatusCode::UNPROCESSABLE_ENTITY, e)
}

fn with_retry_after(status: StatusCode, code: &str, message: String, seconds: i64) -> Response {
    let mut r = AppError::Client(status, ApiError::new(code, message)).into_response();
    if let Ok(v) = HeaderValue::from_str(&seconds.max(1).to_string()) {
        r.headers_mut().insert(header::RETRY_AFTER, v);
    }
    r
}

/// 办件查询.
#[utoipa::path(post, path = "/api/v1/track", tag = "applications",
    request_body = TrackRequest,
    responses((status = 200, body = TrackedCase), (status = 404, body = ApiError),
              (status = 422, body = ApiError), (status = 423, body = ApiError),
              (status = 429, body = ApiError)))]
pub async fn track(
    State(state): State<AppState>,
    Peer(peer): Peer,
    headers: HeaderMap,
    ApiJson(body): ApiJson<TrackRequest>,
) -> AppResult<Response> {
    // Case-insensitive and spaces forgiven, as people type from paper.
    let number_text = body.number.trim().to_ascii_uppercase();
    let code_text = body.code.trim().to_ascii_uppercase();
    let number = CaseNumber::parse(&number_text);
    let code = QueryCode::parse(&code_text);
    let mut problems = Vec::new();
    if let Err(e) = &number {
        problems.push(("number", e.to_string()));
    }
    if let Err(e) = &code {
        problems.push(("code", e.to_string()));
    }
    let (Ok(number), Ok(code)) = (number, code) else {
        return Err(invalid(&problems));
    };
    let now = state.clock.now();
    let addr = client_addr(&state.settings, &headers, peer);
    let failures = state
        .store
        .track_failures(number.as_str(), &addr, now - TRACK_WINDOW_SECONDS)
        .await?;
    if failures.by_key >= TRACK_FAILURES_PER_CASE {
        let until = failures.oldest_by_key.unwrap_or(now) + TRACK_WINDOW_SECONDS;
        return Ok(with_retry_after(
            StatusCode::LOCKED,
            "lookup_locked",
            format!(
                "这个办件编号的查询码已连续输错{TRACK_FAILURES_PER_CASE}次，已锁定，请于{}后再查",
                hh_mm_china(until)
            ),
            until - now,
        ));
    }
    if failures.by_address >= TRACK_FAILURES_PER_ADDRESS {
        return Ok(with_retry_after(
            StatusCode::TOO_MANY_REQUESTS,
            "lookup_address",
            "查询失败次数过多，请15分钟后再试".to_string(),
            TRACK_WINDOW_SECONDS,
        ));
    }
    let found = state.store.case_by_number(number.as_str()).await?;
    let Some((citizen_id, case)) = found.filter(|(_, c)| c.query_code == code.as_str()) else {
        state
            .store
            .record_track_failure(number.as_str(), &addr, now)
            .await?;
        let left = TRACK_FAILURES_PER_CASE.saturating_sub(failures.by_key + 1);
        // The same answer whether the number exists or not.
        let message = if left == 0 {
            "办件编号或查询码不正确。已连续输错5次，这个办件编号15分钟内不能再查".to_string()
        } else {
            format!("办件编号或查询码不正确，还可以再试{left}次")
        };
        return Err(AppError::Client(
            StatusCode::NOT_FOUND,
            ApiError::new("lookup_failed", message),
        ));
    };
    let applicant = state.store.citizen(citizen_id).await?;
    let answer = for_lookup(
        &state,
        &case,
        applicant.as_ref().and_then(|a| a.name.as_deref()),
    )?;
    Ok(Json(answer).into_response())
}
