//! 上传材料: the type is read from the content (JPEG, PNG, PDF), never from the name; the
//! bytes are stored once under their SHA-256 outside the database; only the uploader may use
//! or read an upload.

use super::verified;
use crate::error::{AppError, AppResult};
use crate::idempotency::{hash, random_code};
use crate::identity::session::Citizen;
use crate::store::UploadRecord;
use crate::AppState;
use axum::body::Body;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::Response;
use axum::Json;
use lianban_core::api::ApiError;
use lianban_core::apply::{sniff_upload, Upload, MAX_UPLOAD_BYTES};
use std::path::PathBuf;

fn too_large() -> AppError {
    AppError::client(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too_large",
        "文件太大了：每个文件不能超过10MB，请压缩或分页后再上传",
    )
}

fn no_file() -> AppError {
    AppError::Client(
        StatusCode::UNPROCESSABLE_ENTITY,
        ApiError::new("file_required", "请选择要上传的文件")
            .with_field("file", "请选择要上传的文件"),
    )
}

/// Where the bytes of `sha256` live: two levels, so no directory grows too large.
fn stored_path(dir: &std::path::Path, sha256: &str) -> PathBuf {
    dir.join(&sha256[..2]).join(sha256)
}

/// 上传一份材料 (multipart, one part named `file`).
#[utoipa::path(post, path = "/api/v1/uploads", tag = "applications",
    request_body(content_type = "multipart/form-data", content = String),
    responses((status = 201, body = Upload), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 413, body = ApiError), (status = 415, body = ApiError)))]
pub async fn upload(
    State(state): State<AppState>,
    citizen: Citizen,
    mut multipart: Multipart,
) -> AppResult<(StatusCode, Json<Upload>)> {
    verified(&state, &citizen).await?;
    let mut file = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_large()),
            Err(_) => return Err(no_file()),
        };
        if field.name() != Some("file") {
            continue;
        }
        let name: String = field
            .file_name()
            .unwrap_or("未命名文件")
            .chars()
            .filter(|c| !c.is_control())
            .take(100)
            .collect();
        let bytes = match field.bytes().await {
            Ok(b) => b,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_large()),
            Err(_) => return Err(no_file()),
        };
        file = Some((name, bytes));
        break;
    }
    let (name, bytes) = file.ok_or_else(no_file)?;
    if bytes.is_empty() {
        return Err(no_file());
    }
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(too_large());
    }
    let content_type = sniff_upload(&bytes).ok_or_else(|| {
        AppError::client(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_type",
            "只能上传 JPG、PNG 格式的照片或 PDF 文件",
        )
    })?;
    let sha256 = hash(&bytes);
    let path = stored_path(&state.settings.upload_dir, &sha256);
    if !tokio::fs::try_exists(&path).await.unwrap_or(false) {
        let dir = path.parent().expect("two levels");
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(|e| AppError::Internal(e.into()))?;
        // Written aside and renamed, so a half-written file never has the final name.
        let temp = dir.join(format!(
            "{sha256}.{}.part",
            random_code(b"0123456789abcdef", 8)?
        ));
        tokio::fs::write(&temp, &bytes)
            .await
            .map_err(|e| AppError::Internal(e.into()))?;
        tokio::fs::rename(&temp, &path)
            .await
            .map_err(|e| AppError::Internal(e.into()))?;
    }
    let record = UploadRecord {
        id: random_code(b"abcdefghijkmnpqrstuvwxyz23456789", 24)?,
        citizen_id: citizen.id,
        sha256,
        content_type: content_type.to_string(),
        size: bytes.len() as i64,
        name,
        created_at: state.clock.now(),
    };
    state.store.add_upload(&record).await?;
    Ok((StatusCode::CREATED, Json(view(&record))))
}

pub fn view(r: &UploadRecord) -> Upload {
    Upload {
        id: r.id.clone(),
        name: r.name.clone(),
        content_type: r.content_type.clone(),
        size: r.size as u64,
    }
}

/// 查看已上传的材料: its owner only.
#[utoipa::path(get, path = "/api/v1/uploads/{id}", tag = "applications",
    params(("id" = String, Path)),
    responses((status = 200, description = "the file"), (status = 404, body = ApiError)))]
pub async fn download(
    State(state): State<AppState>,
    citizen: Citizen,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let record = state
        .store
        .upload(citizen.id, &id)
        .await?
        .ok_or(AppError::not_found("upload_not_found", "没有找到这份材料"))?;
    let bytes = tokio::fs::read(stored_path(&state.settings.upload_dir, &record.sha256))
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    Response::builder()
        .header(header::CONTENT_TYPE, record.content_type)
        .header(header::CACHE_CONTROL, "private, no-store")
        .header("x-content-type-options", "nosniff")
        .header(header::CONTENT_DISPOSITION, "inline")
        .body(Body::from(bytes))
        .map_err(|e| AppError::Internal(e.into()))
}
