//! Spawns the real server on a random port with a fresh SQLite file and the repository's
//! seed data, as a citizen's browser would reach it.

#![allow(dead_code)]

pub mod apply;
pub mod cases;

use lianban_server::clock::ManualClock;
use lianban_server::config::Config;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tempfile::TempDir;

pub struct TestServer {
    pub base: String,
    pub client: reqwest::Client,
    pub dir: TempDir,
    /// The server's clock: tests move it instead of sleeping.
    pub clock: Arc<ManualClock>,
}

/// 2026-11-25 10:00 in China.
pub const START: i64 = 1795572000;

pub fn repo_data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

/// A temporary copy of the repository's `data/`, for a test that changes the catalogue.
pub fn copy_of_repo_data() -> TempDir {
    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy_dir(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }
    let data = tempfile::tempdir().unwrap();
    copy_dir(&repo_data_dir(), data.path());
    data
}

impl TestServer {
    pub async fn start() -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        Self::start_in(dir, repo_data_dir()).await
    }

    /// Starts on `dir` (which holds the database file and a tiny built SPA).
    pub async fn start_in(dir: TempDir, data_dir: PathBuf) -> TestServer {
        Self::start_with(dir, data_dir, |_| {}).await
    }

    /// Starts in development mode (SMS outbox, demo citizens) with the options `tweak` sets.
    pub async fn start_dev(tweak: impl FnOnce(&mut Config)) -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        Self::start_with(dir, repo_data_dir(), |c| {
            c.dev = true;
            tweak(c)
        })
        .await
    }

    pub async fn start_with(
        dir: TempDir,
        data_dir: PathBuf,
        tweak: impl FnOnce(&mut Config),
    ) -> TestServer {
        let static_dir = dir.path().join("dist");
        std::fs::create_dir_all(&static_dir).unwrap();
        std::fs::write(
            static_dir.join("index.html"),
            "<!doctype html><html lang=\"zh-CN\"><title>联办</title></html>",
        )
        .unwrap();
        std::fs::write(
            static_dir.join("lianban-0123456789abcdef_bg.wasm"),
            b"\0asm\x01\0\0\0",
        )
        .unwrap();
        let mut config = Config::for_paths(
            format!("sqlite://{}", dir.path().join("test.db").display()),
            static_dir,
            data_dir,
        );
        config.upload_dir = dir.path().join("uploads");
        tweak(&mut config);
        let clock = Arc::new(ManualClock::new(START));
        let state = lianban_server::build_state_with_clock(&config, clock.clone())
            .await
            .unwrap();
        let app = lianban_server::app(state, &config);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await
            .unwrap();
        });
        TestServer {
            base: format!("http://{addr}"),
            client: Self::new_client(),
            dir,
            clock,
        }
    }

    /// A client with its own cookie jar: one citizen's browser.
    pub fn new_client() -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap()
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{}", self.base, path))
            .send()
            .await
            .unwrap()
    }

    /// GET and parse JSON, asserting the status.
    pub async fn json(&self, path: &str, status: u16) -> serde_json::Value {
        let res = self.get(path).await;
        assert_eq!(res.status().as_u16(), status, "GET {path}");
        res.json().await.unwrap()
    }
}

/// Asserts the one error shape: a stable code and a Chinese message.
pub fn assert_error(body: &serde_json::Value, code: &str) {
    assert_eq!(body["error"]["code"], code, "{body}");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "message should be Chinese: {message}"
    );
}

/// Logs a fresh client (one citizen's browser) in as `phone`, through the dev SMS outbox.
pub async fn login(s: &TestServer, phone: &str) -> reqwest::Client {
    let c = TestServer::new_client();
    let res = c
        .post(format!("{}/api/v1/auth/sms-codes", s.base))
        .json(&serde_json::json!({ "phone": phone }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 202);
    let code = s
        .json(&format!("/api/v1/dev/sms-codes/latest?phone={phone}"), 200)
        .await["code"]
        .as_str()
        .unwrap()
        .to_string();
    let res = c
        .post(format!("{}/api/v1/auth/sessions", s.base))
        .json(&serde_json::json!({ "phone": phone, "code": code }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    c
}

/// A valid 公民身份号码 from its first 17 digits (GB 11643 check character).
pub fn id_number(first17: &str) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let sum: u32 = first17
        .chars()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).unwrap() * w)
        .sum();
    format!("{first17}{}", CHECK[(sum % 11) as usize] as char)
}

/// Logs in as `phone` and verifies the real name with a number made from `first17`.
pub async fn verified_citizen(
    s: &TestServer,
    phone: &str,
    name: &str,
    first17: &str,
) -> reqwest::Client {
    let c = login(s, phone).await;
    let res = c
        .put(format!("{}/api/v1/me/identity", s.base))
        .json(&serde_json::json!({ "name": name, "id_number": id_number(first17) }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200, "verify {phone}");
    c
}
