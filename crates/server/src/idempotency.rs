//! What every retry-safe write shares: the `Idempotency-Key` header, the hash that tells a
//! repeated request from a different one under the same key, and short random codes.

use crate::error::{AppError, AppResult};
use axum::http::{HeaderMap, StatusCode};
use sha2::{Digest, Sha256};

/// The request's `Idempotency-Key` (8 to 100 characters), or a 400 that says so.
pub fn key(headers: &HeaderMap) -> AppResult<String> {
    headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| (8..=100).contains(&k.len()))
        .map(str::to_string)
        .ok_or_else(|| {
            AppError::client(
                StatusCode::BAD_REQUEST,
                "idempotency_key_required",
                "请求缺少 Idempotency-Key（8到100个字符），请刷新页面后重试",
            )
        })
}

/// Hex SHA-256, to compare a repeated request body with the first one.
pub fn hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `len` random characters of `alphabet`: check-in codes, query codes, upload ids.
pub fn random_code(alphabet: &[u8], len: usize) -> anyhow::Result<String> {
    let mut bytes = vec![0u8; len];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    Ok(bytes
        .iter()
        .map(|b| alphabet[usize::from(*b) % alphabet.len()] as char)
        .collect())
}

/// Codes read aloud at a window and typed by a clerk: no 0/O, 1/I/L.
pub const READABLE: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
