//! One error type for every handler, rendered in the one JSON error shape. Internal causes are
//! logged, never sent to the client.

use axum::extract::rejection::QueryRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use lianban_core::api::ApiError;

#[derive(Debug)]
pub enum AppError {
    /// 404 with a stable code, e.g. `matter_not_found`.
    NotFound {
        code: &'static str,
        message: &'static str,
    },
    /// 400/422 etc.: the client's fault, with a message in Chinese.
    Client(StatusCode, ApiError),
    /// 503: the database is unreachable.
    Unavailable(anyhow::Error),
    /// 500: a bug or an unexpected failure.
    Internal(anyhow::Error),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn not_found(code: &'static str, message: &'static str) -> Self {
        AppError::NotFound { code, message }
    }

    /// A refusal with its status, stable code and Chinese message.
    pub fn client(status: StatusCode, code: &str, message: &str) -> Self {
        AppError::Client(status, ApiError::new(code, message))
    }

    pub fn bad_request(code: &str, message: &str) -> Self {
        AppError::Client(StatusCode::BAD_REQUEST, ApiError::new(code, message))
    }
}

impl From<anyhow::Error> for AppError {
    fn from(e: anyhow::Error) -> Self {
        AppError::Internal(e)
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                AppError::Unavailable(e.into())
            }
            other => AppError::Internal(other.into()),
        }
    }
}

impl From<QueryRejection> for AppError {
    fn from(_: QueryRejection) -> Self {
        AppError::bad_request("invalid_query", "查询参数格式不正确，请检查后重试")
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            AppError::NotFound { code, message } => {
                (StatusCode::NOT_FOUND, ApiError::new(code, message))
            }
            AppError::Client(status, body) => (status, body),
            AppError::Unavailable(e) => {
                tracing::error!(error = %e, "database unavailable");
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    ApiError::new("service_unavailable", "服务暂时不可用，请稍后再试"),
                )
            }
            AppError::Internal(e) => {
                tracing::error!(error = ?e, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    ApiError::new("internal_error", "系统繁忙，请稍后再试"),
                )
            }
        };
        (status, Json(body)).into_response()
    }
}

/// The answer for an API path that does not exist.
pub async fn api_not_found() -> AppError {
    AppError::not_found("not_found", "您访问的接口不存在")
}

/// The answer for a method an API path does not allow.
pub async fn method_not_allowed() -> AppError {
    AppError::Client(
        StatusCode::METHOD_NOT_ALLOWED,
        ApiError::new("method_not_allowed", "不支持该请求方式"),
    )
}

/// A safety net under every API route: an answer that left a handler or an extractor in
/// another shape than the one JSON error (axum's plain-text rejections of a malformed
/// multipart body, a path value of the wrong type, a body over the limit) is rewritten into
/// it, so that no client ever has to parse two kinds of error.
pub async fn one_error_shape(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (code, message) = match status {
        StatusCode::PAYLOAD_TOO_LARGE => ("too_large", "提交的内容太大"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ("unsupported_media_type", "请求内容的类型不受支持"),
        StatusCode::NOT_FOUND => ("not_found", "您访问的内容不存在"),
        StatusCode::METHOD_NOT_ALLOWED => ("method_not_allowed", "不支持该请求方式"),
        StatusCode::REQUEST_TIMEOUT => ("request_timeout", "请求超时，请重试"),
        s if s.is_server_error() => ("internal_error", "系统繁忙，请稍后再试"),
        _ => ("bad_request", "请求格式不正确，请检查后重试"),
    };
    let mut rewritten = AppError::Client(status, ApiError::new(code, message)).into_response();
    // Keep what the original said about retrying or allowed methods.
    for name in [axum::http::header::RETRY_AFTER, axum::http::header::ALLOW] {
        if let Some(v) = response.headers().get(&name) {
            rewritten.headers_mut().insert(name, v.clone());
        }
    }
    rewritten
}
