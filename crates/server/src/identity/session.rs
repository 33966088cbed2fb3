//! The login session: a random token in an HttpOnly, SameSite=Lax cookie (Secure over
//! HTTPS); the database keeps only its hash and a sliding expiry.

use super::secret::token_hash;
use crate::error::AppError;
use crate::AppState;
use axum::extract::FromRequestParts;
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use lianban_core::api::ApiError;

pub const COOKIE_NAME: &str = "lianban_session";
/// The cookie outlives the server's sliding expiry, which decides.
const COOKIE_MAX_AGE: i64 = 30 * 86_400;

/// The logged-in citizen of a request; a handler that takes it needs a login.
#[derive(Debug, Clone)]
pub struct Citizen {
    pub id: i64,
    pub token_hash: String,
}

pub fn session_token(headers: &HeaderMap) -> Option<String> {
    cookie_value(headers, COOKIE_NAME)
}

/// The value of the cookie `name`, if the request has a non-empty one.
pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.to_string())
        .filter(|v| !v.is_empty())
}

pub fn login_required() -> AppError {
    AppError::Client(
        StatusCode::UNAUTHORIZED,
        ApiError::new("login_required", "请先登录"),
    )
}

impl FromRequestParts<AppState> for Citizen {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = session_token(&parts.headers).ok_or_else(login_required)?;
        let hash = token_hash(&token);
        let now = state.clock.now();
        let id = state
            .store
            .touch_session(&hash, now, now + state.settings.session_idle_seconds)
            .await?
            .ok_or_else(login_required)?;
        Ok(Citizen {
            id,
            token_hash: hash,
        })
    }
}

/// Whether the request reached us over HTTPS (directly or through a proxy that says so).
fn is_https(headers: &HeaderMap, always_secure: bool) -> bool {
    always_secure
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

pub fn set_cookie(headers: &mut HeaderMap, request: &HeaderMap, token: &str, secure: bool) {
    let secure = if is_https(request, secure) {
        "; Secure"
    } else {
        ""
    };
    let value = format!(
        "{COOKIE_NAME}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={COOKIE_MAX_AGE}{secure}"
    );
    if let Ok(v) = HeaderValue::from_str(&value) {
        headers.insert(SET_COOKIE, v);
    }
}

pub fn clear_cookie(headers: &mut HeaderMap, request: &HeaderMap, secure: bool) {
    let secure = if is_https(request, secure) {
        "; Secure"
    } else {
        ""
    };
    let value = format!("{COOKIE_NAME}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}");
    if let Ok(v) = HeaderValue::from_str(&value) {
        headers.insert(SET_COOKIE, v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_session_cookie_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            COOKIE,
            HeaderValue::from_static("a=1; lianban_session=abc; b=2"),
        );
        assert_eq!(session_token(&h).as_deref(), Some("abc"));
        let mut h = HeaderMap::new();
        h.insert(COOKIE, HeaderValue::from_static("lianban_session="));
        assert_eq!(session_token(&h), None);
    }
}
