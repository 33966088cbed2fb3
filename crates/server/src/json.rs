//! A JSON body extractor whose failures answer in the one error shape, in Chinese.

use crate::error::AppError;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use lianban_core::api::ApiError;
use serde::de::DeserializeOwned;

pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(match rejection {
                JsonRejection::MissingJsonContentType(_) => AppError::Client(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    ApiError::new("unsupported_media_type", "请求内容应为 JSON 格式"),
                ),
                JsonRejection::JsonDataError(_) => AppError::Client(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    ApiError::new("invalid_body", "提交的内容缺少必填项或格式不正确"),
                ),
                _ => AppError::bad_request("invalid_json", "提交的内容不是有效的 JSON"),
            }),
        }
    }
}
