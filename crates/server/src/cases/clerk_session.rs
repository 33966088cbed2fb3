//! A clerk's session: its own cookie, its own table. A citizen's session token is never
//! looked up here, so a citizen cookie can never act as a clerk (and the other way round).

use crate::error::AppError;
use crate::identity::secret::token_hash;
use crate::store::ClerkRecord;
use crate::AppState;
use axum::extract::FromRequestParts;
use axum::http::header::SET_COOKIE;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use lianban_core::api::ApiError;

pub const CLERK_COOKIE: &str = "lianban_clerk";
/// Only the clerk API ever receives it.
const COOKIE_PATH: &str = "/api/v1/clerk";
/// A counter left unattended logs out after this long without a request.
pub const CLERK_IDLE_SECONDS: i64 = 30 * 60;

/// The logged-in clerk of a request.
#[derive(Debug, Clone)]
pub struct Clerk {
    pub record: ClerkRecord,
    pub token_hash: String,
}

pub fn clerk_token(headers: &HeaderMap) -> Option<String> {
    crate::identity::session::cookie_value(headers, CLERK_COOKIE)
}

pub fn clerk_login_required() -> AppError {
    AppError::Client(
        StatusCode::UNAUTHORIZED,
        ApiError::new("clerk_login_required", "请先以工作人员身份登录"),
    )
}

/// The clerk of the request's cookie, if the session is live.
pub async fn current_clerk(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<Clerk>, AppError> {
    let Some(token) = clerk_token(headers) else {
        return Ok(None);
    };
    let hash = token_hash(&token);
    let now = state.clock.now();
    Ok(state
        .store
        .touch_clerk_session(&hash, now, now + CLERK_IDLE_SECONDS)
        .await?
        .map(|record| Clerk {
            record,
            token_hash: hash,
        }))
}

impl FromRequestParts<AppState> for Clerk {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        current_clerk(state, &parts.headers)
            .await?
            .ok_or_else(clerk_login_required)
    }
}

fn cookie(headers: &mut HeaderMap, request: &HeaderMap, value: &str, max_age: i64, secure: bool) {
    let https = secure
        || request
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"));
    let secure = if https { "; Secure" } else { "" };
    let value = format!(
        "{CLERK_COOKIE}={value}; Path={COOKIE_PATH}; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"
    );
    if let Ok(v) = HeaderValue::from_str(&value) {
        headers.insert(SET_COOKIE, v);
    }
}

pub fn set_clerk_cookie(headers: &mut HeaderMap, request: &HeaderMap, token: &str, secure: bool) {
    cookie(headers, request, token, 12 * 3600, secure);
}

pub fn clear_clerk_cookie(headers: &mut HeaderMap, request: &HeaderMap, secure: bool) {
    cookie(headers, request, "", 0, secure);
}
