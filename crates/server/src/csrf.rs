//! Protection against cross-site requests: a state-changing API request must come from the
//! app's own origin. Browsers say where a request comes from (`Sec-Fetch-Site`, `Origin`);
//! a request that says it is cross-site is refused. The session cookie is also SameSite=Lax
//! and JSON bodies need a content type that a plain HTML form cannot send.

use crate::error::AppError;
use axum::extract::Request;
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use lianban_core::api::ApiError;

pub async fn same_origin_writes(request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe && is_cross_site(&request) {
        return AppError::Client(
            StatusCode::FORBIDDEN,
            ApiError::new("cross_site_request", "请在联办应用内操作"),
        )
        .into_response();
    }
    next.run(request).await
}

fn is_cross_site(request: &Request) -> bool {
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    // Older browsers: compare Origin with Host.
    match (
        headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        headers.get(header::HOST).and_then(|v| v.to_str().ok()),
    ) {
        (Some(origin), Some(host)) => {
            let origin_host = origin.split("://").nth(1).unwrap_or(origin);
            origin == "null" || origin_host != host
        }
        _ => false,
    }
}
