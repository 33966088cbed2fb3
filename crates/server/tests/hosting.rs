//! How the server hosts the SPA and itself: deep links, caching, compression, health, and
//! start-up against the same database twice.

mod common;

use common::{copy_of_repo_data, repo_data_dir, TestServer};

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

// ---- the first screen painted by the server (issue 10) -----------------------------------

/// The hashes a browser computes for a page: of each inline script that runs (a JSON data
/// block does not run, and is not checked against the policy).
fn running_inline_script_hashes(page: &str) -> Vec<String> {
    use base64::Engine;
    use sha2::Digest;
    let mut hashes = Vec::new();
    for chunk in page.split("<script").skip(1) {
        let (tag, rest) = chunk.split_once('>').unwrap();
        if tag.contains("src=") || tag.contains("application/json") {
            continue;
        }
        let text = rest.split("</script>").next().unwrap();
        let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(text));
        hashes.push(format!("'sha256-{hash}'"));
    }
    hashes
}

#[tokio::test]
async fn home_a_guide_a_theme_and_a_hall_are_painted_into_the_html() {
    let (s, _spa) = start_with_index(&built_index_html(), |_| {}).await;
    let pages = [
        ("/", "市民办事，一网通办</h1>", "/themes?per_page=100"),
        ("/matters/SCJG-001", "<h1>企业设立登记", "/matters/SCJG-001"),
        (
            "/themes/open-restaurant",
            "<h1>我要开饭店</h1>",
            "/themes/open-restaurant",
        ),
        (
            "/halls/city-centre?from=qr",
            "<h1>荆州市民之家",
            "/halls/city-centre",
        ),
    ];
    for (path, h1, carried) in pages {
        let res = s.get(path).await;
        assert_eq!(res.status().as_u16(), 200, "{path}");
        assert!(
            header(&res, "content-type").starts_with("text/html"),
            "{path}"
        );
        assert!(header(&res, "cache-control").contains("no-store"), "{path}");
        let csp = header(&res, "content-security-policy");
        let page = res.text().await.unwrap();
        assert!(page.contains(h1), "{path}");
        assert!(page.contains("<main id=\"main\" class=\"page\">"), "{path}");
        assert!(
            !page.contains("id=\"shell-status\""),
            "{path}: no loading line"
        );
        assert_eq!(page.matches("<title>").count(), 1, "{path}");
        assert_eq!(page.matches("name=\"description\"").count(), 1, "{path}");
        assert!(page.contains("<meta property=\"og:title\""), "{path}");
        // The loader and the inline scripts are the file's: the policy still allows them all.
        assert!(page.contains("import init, * as bindings from '/lianban-0123456789abcdef.js'"));
        let script_src = directive(&csp, "script-src");
        let running = running_inline_script_hashes(&page);
        assert_eq!(running.len(), 3, "{path}");
        for hash in running {
            assert!(script_src.contains(&hash), "{path}: {hash} not in {csp}");
        }
        // The page carries the API's own answer, byte for byte.
        let id = format!("<script type=\"application/json\" id=\"lianban-api:{carried}\">");
        let json = page
            .split(&id)
            .nth(1)
            .unwrap_or_else(|| panic!("{path}: no {id}"));
        let json = json
            .split("</script>")
            .next()
            .unwrap()
            .replace("\\u003c", "<");
        let api = s
            .get(&format!("/api/v1{carried}"))
            .await
            .text()
            .await
            .unwrap();
        assert_eq!(json, api, "{path}");
    }
    // Compressed on the fly like the API.
    let res = s
        .client
        .get(format!("{}/matters/SCJG-001", s.base))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(header(&res, "content-encoding"), "br");
}

#[tokio::test]
async fn unknown_codes_are_404s_with_the_shell_and_other_paths_keep_it() {
    let (s, spa) = start_with_index(&built_index_html(), |_| {}).await;
    for path in ["/matters/NO-SUCH-CODE", "/themes/no-such", "/halls/no-such"] {
        let res = s.get(path).await;
        assert_eq!(res.status().as_u16(), 404, "{path}");
        assert!(
            header(&res, "content-type").starts_with("text/html"),
            "{path}"
        );
        let page = res.text().await.unwrap();
        assert!(page.contains("<div id=\"shell\">"), "{path}: the app boots");
        assert!(page.contains("<title>页面不存在 - 联办</title>"), "{path}");
    }
    for path in ["/search?q=x", "/themes", "/me", "/no/such/page"] {
        let res = s.get(path).await;
        assert_eq!(res.status().as_u16(), 200, "{path}");
        assert!(
            res.text().await.unwrap().contains("id=\"shell-status\""),
            "{path}"
        );
    }
    // An icon is an icon, and a missing file is not the page.
    std::fs::write(
        spa.path().join("favicon.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    let icon = s.get("/favicon.svg").await;
    assert_eq!(icon.status().as_u16(), 200);
    assert_eq!(header(&icon, "content-type"), "image/svg+xml");
    for path in [
        "/favicon.ico",
        "/lianban-0000000000000000.js",
        "/apple-touch-icon.png",
    ] {
        let res = s.get(path).await;
        assert_eq!(res.status().as_u16(), 404, "{path}");
        assert!(
            !header(&res, "content-type").starts_with("text/html"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_matter_name_with_markup_in_data_stays_text() {
    let data = copy_of_repo_data();
    let file = data.path().join("matters/scjgj.toml");
    let toml = std::fs::read_to_string(&file).unwrap();
    let hostile = toml.replacen(
        "name = \"企业设立登记（有限责任公司、个人独资企业、合伙企业）\"",
        "name = \"<script>alert(1)</script>企业设立登记\"",
        1,
    );
    assert_ne!(toml, hostile);
    std::fs::write(&file, hostile).unwrap();
    let spa = tempfile::tempdir().unwrap();
    std::fs::write(spa.path().join("index.html"), built_index_html()).unwrap();
    let spa_dir = spa.path().to_path_buf();
    let s = TestServer::start_with(
        tempfile::tempdir().unwrap(),
        data.path().to_path_buf(),
        |c| {
            c.static_dir = spa_dir;
        },
    )
    .await;
    let page = s.get("/matters/SCJG-001").await.text().await.unwrap();
    assert!(!page.contains("<script>alert(1)"), "{page}");
    assert!(page.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;企业设立登记</h1>"));
    assert!(
        page.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;企业设立登记 - 联办</title>")
    );
    assert!(page.contains("\\u003cscript>alert(1)\\u003c/script>"));
}

// ---- connection limits (issue 9, finding 4) -----------------------------------------------

/// The server as `lianban-server` runs it (its own connection handling, not axum::serve),
/// stopped by sending on `stop`.
struct Served {
    addr: std::net::SocketAddr,
    base: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
    _dir: tempfile::TempDir,
}

async fn serve(tweak: impl FnOnce(&mut lianban_server::config::Config)) -> Served {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), built_index_html()).unwrap();
    let mut config = lianban_server::config::Config::for_paths(
        format!("sqlite://{}", dir.path().join("test.db").display()),
        dist,
        repo_data_dir(),
    );
    config.upload_dir = dir.path().join("uploads");
    config.dev = true;
    tweak(&mut config);
    let clock = std::sync::Arc::new(lianban_server::clock::ManualClock::new(common::START));
    let state = lianban_server::build_state_with_clock(&config, clock)
        .await
        .unwrap();
    let app = lianban_server::app(state, &config);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(lianban_server::serving::serve(
        listener,
        app,
        lianban_server::serving::ConnectionLimits::from_config(&config),
        async {
            let _ = stopped.await;
        },
    ));
    Served {
        addr,
        base: format!("http://{addr}"),
        stop: Some(stop),
        task,
        _dir: dir,
    }
}

use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Reads until the server closes the connection (or `limit` passes): the bytes read, and
/// whether it was closed.
async fn read_until_closed(stream: &mut tokio::net::TcpStream, limit: Duration) -> (Vec<u8>, bool) {
    let mut got = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    let deadline = Instant::now() + limit;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Err(_) => return (got, false),
            Ok(Ok(0)) | Ok(Err(_)) => return (got, true),
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
        }
    }
}

#[tokio::test]
async fn a_half_sent_request_is_closed_after_the_header_timeout() {
    let s = serve(|c| c.header_read_timeout_secs = 1).await;
    let mut slow = tokio::net::TcpStream::connect(s.addr).await.unwrap();
    // The slowloris way: a request line and one header, then nothing.
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-a: ")
        .await
        .unwrap();
    let started = Instant::now();
    let (answer, closed) = read_until_closed(&mut slow, Duration::from_secs(5)).await;
    assert!(closed, "still open after 5 s");
    assert!(answer.is_empty(), "{}", String::from_utf8_lossy(&answer));
    assert!(started.elapsed() >= Duration::from_millis(900));

    // A connection that says nothing at all goes the same way.
    let mut silent = tokio::net::TcpStream::connect(s.addr).await.unwrap();
    assert!(
        read_until_closed(&mut silent, Duration::from_secs(5))
            .await
            .1
    );

    // A whole request is answered as ever.
    let res = reqwest::get(format!("{}/healthz", s.base)).await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
}

#[tokio::test]
async fn a_kept_alive_connection_that_sends_nothing_more_is_closed() {
    let s = serve(|c| c.header_read_timeout_secs = 1).await;
    let mut conn = tokio::net::TcpStream::connect(s.addr).await.unwrap();
    conn.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let (answer, closed) = read_until_closed(&mut conn, Duration::from_secs(5)).await;
    assert!(closed, "kept alive past the header timeout");
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[tokio::test]
async fn a_client_that_stops_reading_is_dropped_after_the_idle_timeout() {
    let s = serve(|c| c.idle_timeout_secs = 1).await;
    // Larger than every socket buffer between the two ends on this machine.
    let size = 48 * 1024 * 1024;
    std::fs::write(s._dir.path().join("dist/big.bin"), vec![7u8; size]).unwrap();
    let mut reader = tokio::net::TcpStream::connect(s.addr).await.unwrap();
    reader
        .write_all(b"GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_secs(3)).await;
    let (got, closed) = read_until_closed(&mut reader, Duration::from_secs(20)).await;
    assert!(closed);
    assert!(
        got.len() < size,
        "the whole answer was sent to a client that stopped reading"
    );

    // One that reads gets it all, however long it takes.
    let res = reqwest::get(format!("{}/big.bin", s.base)).await.unwrap();
    assert_eq!(res.bytes().await.unwrap().len(), size);
}

#[tokio::test]
async fn past_the_connection_limit_new_clients_wait_and_the_server_recovers() {
    let s = serve(|c| {
        c.max_connections = 3;
        c.header_read_timeout_secs = 60;
    })
    .await;
    let mut idle = Vec::new();
    for _ in 0..3 {
        idle.push(tokio::net::TcpStream::connect(s.addr).await.unwrap());
    }
    let health = format!("{}/healthz", s.base);
    let quick = reqwest::Client::builder()
        .timeout(Duration::from_millis(700))
        .build()
        .unwrap();
    assert!(
        quick.get(&health).send().await.is_err(),
        "a fourth connection was served past the limit of 3"
    );
    // A client already waiting is served as soon as a place is free.
    let waiting = tokio::spawn(async move { reqwest::get(health).await.map(|r| r.status()) });
    tokio::time::sleep(Duration::from_millis(200)).await;
    drop(idle);
    let status = tokio::time::timeout(Duration::from_secs(5), waiting)
        .await
        .expect("the server did not recover")
        .unwrap()
        .unwrap();
    assert_eq!(status.as_u16(), 200);
}

#[tokio::test]
async fn silent_connections_at_the_limit_time_out_and_let_healthz_through() {
    let s = serve(|c| {
        c.max_connections = 3;
        c.header_read_timeout_secs = 1;
    })
    .await;
    let mut idle = Vec::new();
    for _ in 0..3 {
        idle.push(tokio::net::TcpStream::connect(s.addr).await.unwrap());
    }
    let res = tokio::time::timeout(
        Duration::from_secs(10),
        reqwest::get(format!("{}/healthz", s.base)),
    )
    .await
    .expect("/healthz unanswered while silent connections held every place")
    .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    for mut conn in idle {
        assert!(read_until_closed(&mut conn, Duration::from_secs(5)).await.1);
    }
}

#[tokio::test]
async fn the_peer_address_still_reaches_the_per_address_limit() {
    let s = serve(|c| c.sms_per_address_per_day = 1).await;
    let from = |ip: [u8; 4]| {
        reqwest::Client::builder()
            .local_address(std::net::IpAddr::from(ip))
            .build()
            .unwrap()
    };
    let send = |client: reqwest::Client, phone: &'static str| {
        let url = format!("{}/api/v1/auth/sms-codes", s.base);
        async move {
            client
                .post(url)
                .json(&serde_json::json!({ "phone": phone }))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(send(from([127, 0, 0, 1]), "13800138001").await, 202);
    // Another address has its own allowance: the server sees who is connected.
    assert_eq!(send(from([127, 0, 0, 2]), "13800138002").await, 202);
    assert_eq!(send(from([127, 0, 0, 1]), "13800138003").await, 429);
}

#[tokio::test]
async fn shutdown_finishes_the_request_in_flight_then_stops() {
    let mut s = serve(|_| {}).await;
    let mut conn = tokio::net::TcpStream::connect(s.addr).await.unwrap();
    let body = br#"{"phone":"1"}"#;
    conn.write_all(
        format!(
            "POST /api/v1/auth/sms-codes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\n\r\n",
            body.len()
        )
        .as_bytes(),
    )
    .await
    .unwrap();
    conn.write_all(&body[..5]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    s.stop.take().unwrap().send(()).unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(!s.task.is_finished(), "stopped with a request in flight");
    conn.write_all(&body[5..]).await.unwrap();
    let (answer, closed) = read_until_closed(&mut conn, Duration::from_secs(5)).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 422"), "{answer}");
    assert!(closed);
    tokio::time::timeout(Duration::from_secs(5), &mut s.task)
        .await
        .expect("still running after the last request")
        .unwrap()
        .unwrap();
    assert!(tokio::net::TcpStream::connect(s.addr).await.is_err());
}
