//! Hosting the built SPA: its files as they are (pre-compressed `.br`/`.gz` siblings when the
//! build made them), the pages the server paints (`first_screen`: home, a guide, a theme, a
//! hall), and `index.html` for every other path so that deep links survive a reload. A
//! missing *file* (a path whose last segment has an extension, such as `/favicon.ico`) is a
//! 404, not the page: a browser asking for an icon or a script must not get HTML. HTML is
//! never cached (WeChat caches hard); content-hashed assets are cached for a year.

use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, EXPIRES, PRAGMA};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::convert::Infallible;
use std::path::Path;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// The SPA's files and pages; `api` is the API router, which the painted pages ask for their
/// data.
pub fn router(static_dir: &Path, api: Router) -> Router {
    let index = ServeFile::new(static_dir.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    let page_or_missing = tower::service_fn(move |request: Request| {
        let index = index.clone();
        async move {
            if names_a_file(request.uri().path()) {
                return Ok::<_, Infallible>(StatusCode::NOT_FOUND.into_response());
            }
            Ok(index.oneshot(request).await.into_response())
        }
    });
    let files = ServeDir::new(static_dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(page_or_missing);
    crate::first_screen::router(static_dir, api)
        .fallback_service(files)
        .layer(axum::middleware::from_fn(cache_policy))
}

/// Whether a path names a file (its last segment has an extension) rather than a page: no
/// route of the app has a dot in its last segment (matter codes, theme and hall ids, case
/// numbers are letters, digits and hyphens).
pub fn names_a_file(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .and_then(|last| last.rsplit_once('.'))
        .is_some_and(|(name, ext)| !name.is_empty() && !ext.is_empty())
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

    #[test]
    fn tells_files_from_pages() {
        assert!(names_a_file("/favicon.ico"));
        assert!(names_a_file("/favicon.svg"));
        assert!(names_a_file("/assets/lianban-0123456789abcdef.js"));
        assert!(!names_a_file("/"));
        assert!(!names_a_file("/matters/SCJG-001"));
        assert!(!names_a_file("/themes/open-restaurant/apply/form"));
        assert!(!names_a_file("/.well-known/"));
    }
}
