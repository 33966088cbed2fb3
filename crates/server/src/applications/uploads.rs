//! 上传材料: the type is read from the content's structure (JPEG, PNG, PDF), never from the
//! name; the name is kept as data only; the bytes are stored once under their SHA-256
//! outside the database; only the uploader may use or read an upload; each citizen has a
//! quota, and uploads that nothing uses are swept away after a while.

use super::verified;
use crate::clock::china_day_start;
use crate::error::{AppError, AppResult};
use crate::idempotency::{hash, random_code};
use crate::identity::session::Citizen;
use crate::store::{SweepReport, UploadRecord};
use crate::AppState;
use axum::body::Body;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use lianban_core::api::ApiError;
use lianban_core::apply::{sniff_upload, upload_name, QuotaRefusal, Upload, MAX_UPLOAD_BYTES};
use std::path::PathBuf;
use std::time::Duration;

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

/// The answer to an upload past the quota: 429 until tomorrow for the daily limits, 413 for
/// the total not yet submitted.
fn quota_refused(refusal: QuotaRefusal, now: i64) -> Response {
    let status = if refusal.is_daily() {
        StatusCode::TOO_MANY_REQUESTS
    } else {
        StatusCode::PAYLOAD_TOO_LARGE
    };
    let mut response =
        AppError::Client(status, ApiError::new(refusal.code(), refusal.message())).into_response();
    if refusal.is_daily() {
        let tomorrow = china_day_start(now) + 86_400;
        if let Ok(v) = HeaderValue::from_str(&(tomorrow - now).to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
    }
    response
}

/// 上传一份材料 (multipart, one part named `file`).
#[utoipa::path(post, path = "/api/v1/uploads", tag = "applications",
    request_body(content_type = "multipart/form-data", content = String),
    responses((status = 201, body = Upload), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 413, body = ApiError, description = "the file is over 10 MB, or the citizen's uploads not yet submitted are over their total"),
              (status = 415, body = ApiError, description = "not a whole JPEG, PNG or PDF"),
              (status = 422, body = ApiError),
              (status = 429, body = ApiError, description = "the citizen's files or bytes for today are used up (Retry-After: seconds until midnight, China time)")))]
pub async fn upload(
    State(state): State<AppState>,
    citizen: Citizen,
    mut multipart: Multipart,
) -> AppResult<Response> {
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
        let name = upload_name(field.file_name().unwrap_or(""));
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
    let content_type = sniff_upload(&bytes).map_err(|refusal| {
        AppError::client(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            refusal.code(),
            refusal.message(),
        )
    })?;
    let now = state.clock.now();
    let record = UploadRecord {
        id: random_code(b"abcdefghijkmnpqrstuvwxyz23456789", 24)?,
        citizen_id: citizen.id,
        sha256: hash(&bytes),
        content_type: content_type.to_string(),
        size: bytes.len() as i64,
        name,
        created_at: now,
    };
    if let Err(refusal) = state
        .store
        .add_upload(&record, china_day_start(now), &state.settings.upload_quota)
        .await?
    {
        return Ok(quota_refused(refusal, now));
    }
    // The bytes after the record, never before: a sweep removes bytes only while no record
    // shares them, so bytes checked for after the record exists are there to stay.
    if let Err(e) = store_bytes(&state.settings.upload_dir, &record.sha256, &bytes).await {
        let _ = state.store.delete_upload(citizen.id, &record.id).await;
        return Err(AppError::Internal(e));
    }
    Ok((StatusCode::CREATED, Json(view(&record))).into_response())
}

async fn store_bytes(dir: &std::path::Path, sha256: &str, bytes: &[u8]) -> anyhow::Result<()> {
    let path = stored_path(dir, sha256);
    if tokio::fs::try_exists(&path).await.unwrap_or(false) {
        return Ok(());
    }
    let dir = path.parent().expect("two levels");
    tokio::fs::create_dir_all(dir).await?;
    // Written aside and renamed, so a half-written file never has the final name.
    let temp = dir.join(format!(
        "{sha256}.{}.part",
        random_code(b"0123456789abcdef", 8).map_err(|_| anyhow::anyhow!("no randomness"))?
    ));
    tokio::fs::write(&temp, bytes).await?;
    tokio::fs::rename(&temp, &path).await?;
    Ok(())
}

pub fn view(r: &UploadRecord) -> Upload {
    Upload {
        id: r.id.clone(),
        // Names stored before they were cleaned are cleaned on the way out.
        name: upload_name(&r.name),
        content_type: r.content_type.clone(),
        size: r.size as u64,
    }
}

/// `attachment` with the name twice: plain ASCII for old clients, and the name itself in
/// RFC 5987 form (`filename*=UTF-8''…`, RFC 6266), which every current browser prefers.
pub fn content_disposition(name: &str) -> String {
    let name = upload_name(name);
    let fallback: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ' | '(' | ')') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

/// 查看已上传的材料: its owner only. Always a download, never shown in the platform's own
/// origin: even a file that got past the checks cannot run there.
#[utoipa::path(get, path = "/api/v1/uploads/{id}", tag = "applications",
    params(("id" = String, Path)),
    responses((status = 200, description = "the file, as an attachment"), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
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
    serve_upload(&state, record).await
}

/// An upload's bytes, served so that a browser never runs them (the citizen's own, or a
/// clerk's download of a case's material).
pub async fn serve_upload(state: &AppState, record: UploadRecord) -> AppResult<Response> {
    let bytes = tokio::fs::read(stored_path(&state.settings.upload_dir, &record.sha256))
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    Response::builder()
        .header(header::CONTENT_TYPE, record.content_type)
        .header(header::CACHE_CONTROL, "private, no-store")
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .header(
            header::CONTENT_SECURITY_POLICY,
            "sandbox; default-src 'none'",
        )
        .header(
            header::CONTENT_DISPOSITION,
            content_disposition(&record.name),
        )
        .body(Body::from(bytes))
        .map_err(|e| AppError::Internal(e.into()))
}

/// Removes the uploads older than the retention (`--upload-orphan-days`) that no draft and
/// no case uses, and their bytes where no other upload shares them.
pub async fn sweep_unused_uploads(state: &AppState) -> anyhow::Result<SweepReport> {
    let days = i64::from(state.settings.upload_quota.orphan_days);
    let before = state.clock.now() - days * 86_400;
    let dir = state.settings.upload_dir.clone();
    let report = state
        .store
        .sweep_uploads(before, &move |sha256: &str| {
            let path = stored_path(&dir, sha256);
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => tracing::warn!(error = %e, "could not remove an unused upload's bytes"),
            }
        })
        .await?;
    if report.uploads > 0 {
        tracing::info!(
            uploads = report.uploads,
            files = report.files,
            "unused uploads removed"
        );
    }
    Ok(report)
}

/// The periodic sweep, until the handle is stopped or dropped.
pub struct UploadSweep(tokio::task::JoinHandle<()>);

impl UploadSweep {
    pub fn stop(self) {}
}

impl Drop for UploadSweep {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Starts sweeping unused uploads every `every` (the first sweep at once).
pub fn spawn_upload_sweep(state: AppState, every: Duration) -> UploadSweep {
    UploadSweep(tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = sweep_unused_uploads(&state).await {
                tracing::warn!(error = %e, "sweeping unused uploads failed; trying again later");
            }
        }
    }))
}
