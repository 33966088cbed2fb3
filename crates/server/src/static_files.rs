//! Hosting the built SPA: its files as they are (pre-compressed `.br`/`.gz` siblings when the
//! build made them), and `index.html` for every other path so that deep links survive a
//! reload. `index.html` is never cached (WeChat caches hard); content-hashed assets are
//! cached for a year.

use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, EXPIRES, PRAGMA};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use std::path::Path;
use tower_http::services::{ServeDir, ServeFile};

pub fn router(static_dir: &Path) -> Router {
    let index = ServeFile::new(static_dir.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    let files = ServeDir::new(static_dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(index);
    Router::new()
        .fallback_service(files)
        .layer(axum::middleware::from_fn(cache_policy))
}

/// Whether a path carries a content hash: trunk's in a file name (`main-3f2a9c0d1e4b5a67.css`),
/// or the build's directory of the split Wasm (`/pkg/3f2a9c0d1e4b5a67/lianban_bg.wasm`).
pub fn is_content_hashed(path: &str) -> bool {
    path.split(['/', '-', '_', '.'])
        .any(|part| part.len() == 16 && part.bytes().all(|b| b.is_ascii_hexdigit()))
}

async fn cache_policy(request: Request, next: Next) -> Response {
    let hashed = is_content_hashed(request.uri().path());
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let cacheable = response_ok(&response);
    let headers = response.headers_mut();
    if is_html || !cacheable {
        headers.insert(
            CACHE_CONTROL,
            HeaderValue::from_static("no-cache, no-store, must-revalidate"),
        );
        headers.insert(PRAGMA, HeaderValue::from_static("no-cache"));
        headers.insert(EXPIRES, HeaderValue::from_static("0"));
    } else if hashed {
        headers.insert(
            CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        );
    } else {
        headers.insert(
            CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=3600"),
        );
    }
    response
}

fn response_ok(response: &Response) -> bool {
    response.status().is_success() || response.status().as_u16() == 304
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_trunk_hashes() {
        assert!(is_content_hashed("/lianban-3f2a9c0d1e4b5a67_bg.wasm"));
        assert!(is_content_hashed("/lianban-3f2a9c0d1e4b5a67.js"));
        assert!(is_content_hashed("/main-0123456789abcdef.css"));
        assert!(is_content_hashed("/pkg/0123456789abcdef/split_apply.wasm"));
        assert!(!is_content_hashed("/pkg/lianban.js"));
        assert!(!is_content_hashed("/index.html"));
        assert!(!is_content_hashed("/icons/icon-192.png"));
        assert!(!is_content_hashed("/matters/SCJG-001"));
    }
}
