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
