//! The headers every response carries so that a page of the app cannot be turned against its
//! citizen: a Content-Security-Policy (no inline script but the built page's own, by hash; no
//! plugins; frames only where configured), `nosniff`, `Referrer-Policy: same-origin`, and
//! `Cache-Control: no-store` on API answers, which carry personal data unless a route says
//! otherwise (the public catalogue does).
//!
//! The inline scripts of `index.html` are allowed by their SHA-256, computed from the file
//! this server serves, when it starts: trunk writes its loader into the page and
//! scripts/es2017.mjs rewrites it after the build, so only the final file has the right
//! hashes, and a hash list kept in the source would go stale with every build. Moving them
//! into files instead would cost an extra request before the first paint (the elder-mode
//! script must run before it) and would not cover trunk's loader anyway. After replacing
//! the built SPA, restart the server; a CDN serving the SPA must send the same policy.
//!
//! Each header is only set when the handler has not set its own, so an endpoint with stricter
//! needs (a download's `sandbox`) keeps them.

use axum::extract::{Request, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY, USER_AGENT, VARY,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Arc;

/// The headers of this deployment, worked out once at start.
#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    csp: HeaderValue,
    /// The same policy with `'unsafe-eval'` for webviews older than `'wasm-unsafe-eval'`.
    csp_legacy: HeaderValue,
    frame_options: Option<HeaderValue>,
}

impl SecurityHeaders {
    /// From the built SPA's `index.html` (absent: an API-only server, no inline script) and
    /// the `--frame-ancestors` sources (already checked by the option's parser).
    pub fn new(index_html: Option<&str>, frame_ancestors: &str) -> Self {
        let html = index_html.unwrap_or("");
        let hashes: Vec<String> = inline_scripts(html)
            .iter()
            .map(|s| format!("'sha256-{}'", sha256_base64(s)))
            .collect();
        let mut connect = vec!["'self'".to_string()];
        connect.extend(api_origin(html));
        let policy = |wasm: &str| {
            let mut script = vec!["'self'", wasm];
            script.extend(hashes.iter().map(String::as_str));
            [
                "default-src 'self'".to_string(),
                format!("script-src {}", script.join(" ")),
                "style-src 'self'".to_string(),
                "img-src 'self'".to_string(),
                format!("connect-src {}", connect.join(" ")),
                "object-src 'none'".to_string(),
                "base-uri 'self'".to_string(),
                "form-action 'self'".to_string(),
                format!("frame-ancestors {frame_ancestors}"),
            ]
            .join("; ")
        };
        let value = |s: String| HeaderValue::try_from(s).expect("sources were checked");
        SecurityHeaders {
            csp: value(policy("'wasm-unsafe-eval'")),
            csp_legacy: value(policy("'unsafe-eval'")),
            // X-Frame-Options names no other site: only for browsers that know no CSP, and
            // only when it says the same as frame-ancestors.
            frame_options: match frame_ancestors {
                "'self'" => Some(HeaderValue::from_static("SAMEORIGIN")),
                "'none'" => Some(HeaderValue::from_static("DENY")),
                _ => None,
            },
        }
    }

    /// Reads `index.html` from the static directory, if the SPA is built there.
    pub fn for_static_dir(static_dir: &Path, frame_ancestors: &str) -> Self {
        let html = std::fs::read_to_string(static_dir.join("index.html")).ok();
        SecurityHeaders::new(html.as_deref(), frame_ancestors)
    }

    /// The policy for a page opened by `user_agent`.
    pub fn csp_for(&self, user_agent: &str) -> &HeaderValue {
        if predates_wasm_unsafe_eval(user_agent) {
            &self.csp_legacy
        } else {
            &self.csp
        }
    }
}

/// The layer: sets every header the response does not already have.
pub async fn add_security_headers(
    State(policy): State<Arc<SecurityHeaders>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let personal = path.starts_with("/api/") || path == "/healthz";
    // Only pages choose a policy by browser: API answers never pay for reading the agent.
    let page_policy = (!personal).then(|| {
        let user_agent = request
            .headers()
            .get(USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        policy.csp_for(user_agent).clone()
    });
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let headers = response.headers_mut();
    // Only a page's own policy governs what it may run; the others carry the strict one.
    if let Some(page_policy) = page_policy.filter(|_| is_html) {
        if !headers.contains_key(CONTENT_SECURITY_POLICY) {
            headers.insert(CONTENT_SECURITY_POLICY, page_policy);
            headers.append(VARY, HeaderValue::from_static("user-agent"));
        }
    }
    set_if_absent(headers, CONTENT_SECURITY_POLICY, &policy.csp);
    set_if_absent(
        headers,
        X_CONTENT_TYPE_OPTIONS,
        &HeaderValue::from_static("nosniff"),
    );
    set_if_absent(
        headers,
        REFERRER_POLICY,
        &HeaderValue::from_static("same-origin"),
    );
    if let Some(frame_options) = &policy.frame_options {
        set_if_absent(headers, X_FRAME_OPTIONS, frame_options);
    }
    if personal {
        set_if_absent(
            headers,
            CACHE_CONTROL,
            &HeaderValue::from_static("no-store"),
        );
    }
    response
}

fn set_if_absent(headers: &mut HeaderMap, name: axum::http::HeaderName, value: &HeaderValue) {
    if !headers.contains_key(&name) {
        headers.insert(name, value.clone());
    }
}

/// The text of every inline `<script>` (one without `src`), as the browser hashes it: line
/// breaks normalised to `\n`, as the HTML parser does before the script sees its text.
pub fn inline_scripts(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut scripts = Vec::new();
    let mut at = 0;
    while let Some(open) = lower[at..].find("<script").map(|i| at + i) {
        let Some(tag_end) = lower[open..].find('>').map(|i| open + i + 1) else {
            break;
        };
        let Some(close) = lower[tag_end..].find("</script").map(|i| tag_end + i) else {
            break;
        };
        let tag = &lower[open..tag_end];
        let has_src = tag
            .split(|c: char| c.is_ascii_whitespace())
            .any(|attr| attr == "src" || attr.starts_with("src="));
        if !has_src {
            let text = html[tag_end..close]
                .replace("\r\n", "\n")
                .replace('\r', "\n");
            scripts.push(text);
        }
        at = close;
    }
    scripts
}

/// The origin of `<meta name="lianban-api-base">` when it names another server.
pub fn api_origin(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let meta = lower.find("name=\"lianban-api-base\"")?;
    let tag_start = lower[..meta].rfind('<')?;
    let tag_end = meta + lower[meta..].find('>')?;
    let tag = &html[tag_start..tag_end];
    let content = tag.split("content=\"").nth(1)?.split('"').next()?.trim();
    let (scheme, rest) = content.split_once("://")?;
    if !matches!(scheme, "http" | "https") {
        return None;
    }
    let host = rest.split(['/', '?', '#']).next()?;
    let safe = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'));
    safe.then(|| format!("{scheme}://{host}"))
}

fn sha256_base64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
}

/// Whether a browser runs WebAssembly only under `'unsafe-eval'`: Chromium before 97 and
/// WebKit before Safari 16 (every browser on iOS 15 and older) refuse a module under a policy
/// without it and do not know `'wasm-unsafe-eval'`; Firefox before 102 ignores the policy for
/// WebAssembly. Old WeChat webviews (XWeb on Chromium 78, iOS 15) are many citizens' only
/// browser, so they get `'unsafe-eval'` rather than a blank page; still no inline script.
pub fn predates_wasm_unsafe_eval(user_agent: &str) -> bool {
    let version_after = |marker: &str| -> Option<u32> {
        let start = user_agent.find(marker)? + marker.len();
        let digits: String = user_agent[start..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        digits.parse().ok()
    };
    if let Some(chrome) = version_after("Chrome/") {
        return chrome < 97;
    }
    if user_agent.contains("iPhone") || user_agent.contains("iPad") || user_agent.contains("iPod") {
        // "CPU iPhone OS 15_4 like Mac OS X": the system's WebKit, whatever the app.
        return version_after(" OS ").is_some_and(|major| major < 16);
    }
    if user_agent.contains("AppleWebKit") && user_agent.contains("Safari/") {
        return version_after("Version/").is_some_and(|major| major < 16);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inline_scripts_only() {
        let html = "<head><script>a()</script><script type=\"module\">\r\nimport x from '/x.js';\r\n</script>\
                    <script src=\"/y.js\"></script><SCRIPT defer src='/z.js'></SCRIPT></head>";
        assert_eq!(inline_scripts(html), ["a()", "\nimport x from '/x.js';\n"]);
        assert!(inline_scripts("<p>no script</p>").is_empty());
    }

    #[test]
    fn hashes_as_browsers_do() {
        // The value Chromium reports for `<script>alert('Hello, world.');</script>`.
        assert_eq!(
            sha256_base64("alert('Hello, world.');"),
            "qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng="
        );
    }

    #[test]
    fn reads_a_remote_api_base() {
        let meta = |c: &str| format!("<meta name=\"lianban-api-base\" content=\"{c}\">");
        assert_eq!(api_origin(&meta("/api/v1")), None);
        assert_eq!(
            api_origin(&meta("https://api.example.gov.cn/api/v1")),
            Some("https://api.example.gov.cn".into())
        );
        assert_eq!(api_origin(&meta("https://a.b;script-src *")), None);
        assert_eq!(api_origin("<title>x</title>"), None);
    }

    #[test]
    fn old_webviews_get_unsafe_eval_for_their_wasm() {
        let xweb_78 = "Mozilla/5.0 (Linux; Android 10; V2002A) AppleWebKit/537.36 (KHTML, like Gecko) \
                       Version/4.0 Chrome/78.0.3904.62 XWEB/2693 MMWEBSDK/201201 Mobile Safari/537.36 \
                       MMWEBID/1234 MicroMessenger/7.0.22.1820(0x27001636) Process/toolsmp WeChat/arm64";
        let chrome_120 =
            "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) \
                          Chrome/120.0.0.0 Mobile Safari/537.36";
        let wechat_ios_15 = "Mozilla/5.0 (iPhone; CPU iPhone OS 15_4 like Mac OS X) AppleWebKit/605.1.15 \
                             (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.20(0x18001432) NetType/WIFI";
        let safari_17 =
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 \
                         (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";
        let firefox_90 = "Mozilla/5.0 (Android 11; Mobile; rv:90.0) Gecko/90.0 Firefox/90.0";
        assert!(predates_wasm_unsafe_eval(xweb_78));
        assert!(predates_wasm_unsafe_eval(wechat_ios_15));
        assert!(!predates_wasm_unsafe_eval(chrome_120));
        assert!(!predates_wasm_unsafe_eval(safari_17));
        assert!(!predates_wasm_unsafe_eval(firefox_90));
        assert!(!predates_wasm_unsafe_eval(""));

        let headers = SecurityHeaders::new(None, "'self'");
        let modern = headers.csp_for(chrome_120).to_str().unwrap();
        assert!(modern.contains("'wasm-unsafe-eval'") && !modern.contains("'unsafe-eval'"));
        let legacy = headers.csp_for(xweb_78).to_str().unwrap();
        assert!(legacy.contains("'unsafe-eval'") && !legacy.contains("unsafe-inline"));
    }
}
