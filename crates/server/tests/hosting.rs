//! How the server hosts the SPA and itself: deep links, caching, compression, health, and
//! start-up against the same database twice.

mod common;

use common::{repo_data_dir, TestServer};

#[tokio::test]
async fn deep_links_get_index_html_which_is_never_cached() {
    let s = TestServer::start().await;
    for path in ["/", "/matters/ANY-CODE", "/halls/city-centre?from=qr"] {
        let res = s.get(path).await;
        assert_eq!(res.status().as_u16(), 200, "{path}");
        let cache = res.headers()["cache-control"].to_str().unwrap().to_string();
        assert!(cache.contains("no-store"), "{path}: {cache}");
        assert!(res.text().await.unwrap().contains("<title>联办</title>"));
    }
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year() {
    let s = TestServer::start().await;
    let res = s.get("/lianban-0123456789abcdef_bg.wasm").await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(res.headers()["content-type"], "application/wasm");
}

#[tokio::test]
async fn api_answers_are_compressed() {
    let s = TestServer::start().await;
    for encoding in ["br", "gzip"] {
        let res = s
            .client
            .get(format!("{}/api/v1/matters?per_page=100", s.base))
            .header("accept-encoding", encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(res.headers()["content-encoding"], encoding);
    }
}

#[tokio::test]
async fn health_and_request_ids() {
    let s = TestServer::start().await;
    let res = s.get("/healthz").await;
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.headers().contains_key("x-request-id"));
}

#[tokio::test]
async fn a_second_start_on_the_same_database_keeps_one_catalogue() {
    let first = TestServer::start().await;
    let before = first.json("/api/v1/matters?per_page=1", 200).await["total"].clone();
    let dir = first.dir;
    let second = TestServer::start_in(dir, repo_data_dir()).await;
    let after = second.json("/api/v1/matters?per_page=1", 200).await["total"].clone();
    assert_eq!(before, after);
}

#[tokio::test]
async fn a_broken_seed_file_stops_the_start_naming_file_and_entry() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(
        data.path().join("categories.toml"),
        "[[categories]]\nid = 'zonghe'\nname = '综合窗口'\n",
    )
    .unwrap();
    std::fs::write(
        data.path().join("halls.toml"),
        "[[halls]]\nid = 'h1'\nname = '大厅'\nlevel = 'city'\ndistrict = '区'\naddress = '路'\n\
         latitude = 30.0\nlongitude = 114.0\nphone = '1'\ncategories = ['zonghe']\n\
         hours = [{ weekdays = [1, 2, 3, 4, 5], periods = [['17:00', '09:00']] }]\n",
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = lianban_server::config::Config::for_paths(
        format!("sqlite://{}", dir.path().join("x.db").display()),
        dir.path().to_path_buf(),
        data.path().to_path_buf(),
    );
    let err = lianban_server::build_state(&config).await.err().unwrap();
    let message = format!("{err:#}");
    assert!(
        message.contains("halls.toml: 大厅 h1: 办公时段 17:00–09:00 不正确"),
        "{message}"
    );
}

// ---- security headers (issue 9, finding 7) ------------------------------------------------

/// A header's values as text, joined as one (header names are case-insensitive).
fn header(res: &reqwest::Response, name: &str) -> String {
    res.headers()
        .get_all(name)
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect::<Vec<_>>()
        .join(", ")
}

fn assert_hardened(res: &reqwest::Response, what: &str) {
    let csp = header(res, "content-security-policy");
    for part in [
        "default-src 'self'",
        "'wasm-unsafe-eval'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self' https://servicewechat.com",
    ] {
        assert!(csp.contains(part), "{what}: no {part} in {csp:?}");
    }
    assert!(!csp.contains("unsafe-inline"), "{what}: {csp}");
    assert_eq!(header(res, "x-content-type-options"), "nosniff", "{what}");
    assert_eq!(header(res, "referrer-policy"), "same-origin", "{what}");
}

#[tokio::test]
async fn every_kind_of_answer_carries_the_security_headers() {
    let s = common::TestServer::start().await;
    let cases = [
        ("/", 200, "index.html"),
        ("/matters/ANY-CODE", 200, "a deep link"),
        ("/lianban-0123456789abcdef_bg.wasm", 200, "a hashed asset"),
        ("/api/v1/matters?per_page=1", 200, "an API answer"),
        ("/api/v1/no-such-thing", 404, "a 404"),
        ("/api/v1/matters?page=0", 400, "an error"),
        ("/api/v1/me", 401, "a refusal"),
        ("/healthz", 200, "the health check"),
    ];
    for (path, status, what) in cases {
        let res = s.get(path).await;
        assert_eq!(res.status().as_u16(), status, "{what}: {path}");
        assert_hardened(&res, what);
    }
    // A body past the limit is refused by a layer before any handler.
    let res = s
        .client
        .post(format!("{}/api/v1/auth/sms-codes", s.base))
        .header("content-type", "application/json")
        .body(vec![b' '; 1024 * 1024 + 1024])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 413);
    assert_hardened(&res, "a body too large");
}

#[tokio::test]
async fn personal_answers_are_never_stored_and_the_catalogue_may_be() {
    let s = common::TestServer::start_dev(|_| {}).await;
    let anonymous = s.get("/api/v1/me").await;
    assert_eq!(header(&anonymous, "cache-control"), "no-store");
    let c = common::login(&s, "13800138000").await;
    for path in [
        "/api/v1/me",
        "/api/v1/appointments",
        "/api/v1/drafts",
        "/api/v1/applications",
        "/api/v1/me/licences",
    ] {
        let res = c.get(format!("{}{path}", s.base)).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 200, "{path}");
        assert_eq!(header(&res, "cache-control"), "no-store", "{path}");
    }
    let hall = s.json("/api/v1/halls?per_page=1", 200).await["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    // Free places change by the second: not the catalogue, even under /halls.
    let days = s.get(&format!("/api/v1/halls/{hall}/days")).await;
    assert_eq!(header(&days, "cache-control"), "no-store");
    for path in [
        "/api/v1/matters?q=营业执照".to_string(),
        "/api/v1/themes".to_string(),
        format!("/api/v1/halls/{hall}"),
    ] {
        let res = s.get(&path).await;
        assert_eq!(res.status().as_u16(), 200, "{path}");
        assert_eq!(
            header(&res, "cache-control"),
            "public, max-age=300",
            "{path}"
        );
    }
    // A refusal from the catalogue is not kept either.
    let missing = s.get("/api/v1/matters/NO-SUCH-MATTER").await;
    assert_eq!(missing.status().as_u16(), 404);
    assert_eq!(header(&missing, "cache-control"), "no-store");
}

/// A built index.html as trunk and scripts/es2017.mjs leave it: the repository's page with
/// trunk's module loader added.
fn built_index_html() -> String {
    let source = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../index.html"),
    )
    .unwrap();
    let loader = "<script type=\"module\">\nimport init, * as bindings from '/lianban-0123456789abcdef.js';\n\
                  init({ module_or_path: '/lianban-0123456789abcdef_bg.wasm' }).then(function (wasm) {\n\
                  window.wasmBindings = bindings;\n});\n</script>";
    source.replace("</head>", &format!("{loader}</head>"))
}

/// Starts the test server on a static directory holding `index_html`.
async fn start_with_index(
    index_html: &str,
    tweak: impl FnOnce(&mut lianban_server::config::Config),
) -> (TestServer, tempfile::TempDir) {
    let spa = tempfile::tempdir().unwrap();
    std::fs::write(spa.path().join("index.html"), index_html).unwrap();
    let spa_dir = spa.path().to_path_buf();
    let s = TestServer::start_with(tempfile::tempdir().unwrap(), repo_data_dir(), |c| {
        c.static_dir = spa_dir;
        tweak(c)
    })
    .await;
    (s, spa)
}

/// The sources of one directive of a policy.
fn directive(csp: &str, name: &str) -> Vec<String> {
    csp.split(';')
        .map(str::trim)
        .find_map(|d| d.strip_prefix(&format!("{name} ")))
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

#[tokio::test]
async fn the_policy_allows_exactly_the_inline_scripts_of_the_served_page() {
    use base64::Engine;
    use sha2::Digest;
    let (s, _spa) = start_with_index(&built_index_html(), |_| {}).await;
    let res = s.get("/halls").await;
    let csp = header(&res, "content-security-policy");
    let page = res.text().await.unwrap();
    // What the browser hashes: each <script> without src, its text as served.
    let mut expected = Vec::new();
    for chunk in page.split("<script").skip(1) {
        let (tag, rest) = chunk.split_once('>').unwrap();
        if tag.contains("src=") {
            continue;
        }
        let text = rest.split("</script>").next().unwrap();
        let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(text));
        expected.push(format!("'sha256-{hash}'"));
    }
    assert_eq!(
        expected.len(),
        3,
        "elder mode, the shell and trunk's loader"
    );
    let script_src = directive(&csp, "script-src");
    let hashes: Vec<&String> = script_src
        .iter()
        .filter(|s| s.starts_with("'sha256-"))
        .collect();
    assert_eq!(hashes.len(), expected.len(), "{csp}");
    for hash in &expected {
        assert!(script_src.contains(hash), "{hash} missing from {csp}");
    }
    assert_eq!(script_src[..2], ["'self'", "'wasm-unsafe-eval'"]);
    assert_eq!(directive(&csp, "connect-src"), ["'self'"]);
}

#[tokio::test]
async fn a_remote_api_base_is_allowed_to_connect() {
    let html = built_index_html().replace(
        "content=\"/api/v1\"",
        "content=\"https://api.example.gov.cn/api/v1\"",
    );
    let (s, _spa) = start_with_index(&html, |_| {}).await;
    let csp = header(&s.get("/").await, "content-security-policy");
    assert_eq!(
        directive(&csp, "connect-src"),
        ["'self'", "https://api.example.gov.cn"]
    );
}

#[tokio::test]
async fn old_webviews_get_unsafe_eval_instead_of_a_blank_page() {
    let (s, _spa) = start_with_index(&built_index_html(), |_| {}).await;
    let xweb = "Mozilla/5.0 (Linux; Android 10; V2002A) AppleWebKit/537.36 (KHTML, like Gecko) \
                Version/4.0 Chrome/78.0.3904.62 XWEB/2693 MMWEBSDK/201201 Mobile Safari/537.36 \
                MicroMessenger/7.0.22.1820(0x27001636) WeChat/arm64";
    let res = s
        .client
        .get(format!("{}/", s.base))
        .header("user-agent", xweb)
        .send()
        .await
        .unwrap();
    let csp = header(&res, "content-security-policy");
    let script_src = directive(&csp, "script-src");
    assert!(script_src.contains(&"'unsafe-eval'".to_string()), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert!(header(&res, "vary").to_lowercase().contains("user-agent"));
    // The same page for a current browser keeps eval off.
    let modern = header(&s.get("/").await, "content-security-policy");
    assert!(!directive(&modern, "script-src").contains(&"'unsafe-eval'".to_string()));
}

#[tokio::test]
async fn frame_ancestors_follow_the_option() {
    let (s, _spa) = start_with_index(&built_index_html(), |c| {
        c.frame_ancestors = "'self'".into();
    })
    .await;
    let res = s.get("/").await;
    assert_eq!(
        directive(&header(&res, "content-security-policy"), "frame-ancestors"),
        ["'self'"]
    );
    assert_eq!(header(&res, "x-frame-options"), "SAMEORIGIN");

    // The default lets the mini-program host frame the app; X-Frame-Options cannot say so.
    let default = TestServer::start().await;
    let res = default.get("/").await;
    assert_eq!(
        directive(&header(&res, "content-security-policy"), "frame-ancestors"),
        ["'self'", "https://servicewechat.com"]
    );
    assert_eq!(header(&res, "x-frame-options"), "");

    use clap::Parser;
    let parse = |v: &str| {
        lianban_server::config::Config::try_parse_from(["lianban-server", "--frame-ancestors", v])
    };
    assert!(parse("'self' https://app.city.gov.cn").is_ok());
    for bad in [
        "'self'; script-src *",
        "'self'\r\nSet-Cookie: a=b",
        "",
        "'none' 'self'",
    ] {
        assert!(parse(bad).is_err(), "{bad:?} accepted");
    }
}
