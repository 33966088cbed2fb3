//! Real-name verification (实名认证): whether a name and an identity number belong together.
//! Only the platform's identity service (公安人口信息核验) can say; the server asks it through
//! [`HttpVerifier`]. [`WellFormedOnly`] says yes to every well-formed number (checked in
//! `lianban-core`) and exists for `--dev` and tests: a server started without `--dev` refuses
//! to start with it.
//!
//! # The identity service's contract
//!
//! ```text
//! POST <--identity-verifier-url>
//! Authorization: Bearer <--identity-verifier-key>
//! Content-Type: application/json
//!
//! {"name": "王小明", "id_number": "11010519491231002X"}
//! ```
//!
//! answered `200` with `{"match": true}` when the name is the holder of the number and
//! `{"match": false}` when it is not (or there is no such number). Anything else (another
//! status, another body, no answer within `--identity-verifier-timeout-seconds`) is a failure
//! of the service: the citizen is told to try again later (503), never taken as a yes.

use crate::config::Config;
use anyhow::{anyhow, bail, Context};
use async_trait::async_trait;
use lianban_core::identity::IdNumber;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::Duration;

#[async_trait]
pub trait IdentityVerifier: Send + Sync + 'static {
    /// Whether `name` is the holder of `id_number`; an error when that cannot be known now.
    async fn matches(&self, name: &str, id_number: &IdNumber) -> anyhow::Result<bool>;
}

/// For `--dev` and tests only: no registry, so a well-formed number is accepted.
pub struct WellFormedOnly;

#[async_trait]
impl IdentityVerifier for WellFormedOnly {
    async fn matches(&self, _name: &str, _id_number: &IdNumber) -> anyhow::Result<bool> {
        Ok(true)
    }
}

/// Asks the platform's identity service (see the module's contract).
pub struct HttpVerifier {
    client: reqwest::Client,
    url: reqwest::Url,
    key: String,
}

#[derive(Serialize)]
struct Question<'a> {
    name: &'a str,
    id_number: &'a str,
}

#[derive(Deserialize)]
struct Answer {
    #[serde(rename = "match")]
    matched: bool,
}

/// A longer answer than this is not the contract's.
const MAX_ANSWER_BYTES: usize = 16 * 1024;

impl HttpVerifier {
    pub fn new(url: &str, key: &str, timeout: Duration) -> anyhow::Result<Self> {
        let url = reqwest::Url::parse(url)
            .with_context(|| "--identity-verifier-url is not a URL (http://host:port/path)")?;
        match url.scheme() {
            "http" => {}
            // reqwest is built without TLS here (nothing else needs it): a sidecar or egress
            // proxy on the same host terminates TLS towards the platform.
            "https" => bail!(
                "--identity-verifier-url: this build speaks plain HTTP only; point it at a \
                 TLS-terminating proxy on this host (e.g. http://127.0.0.1:8443/verify)"
            ),
            other => bail!("--identity-verifier-url: unsupported scheme {other}"),
        }
        if key.trim().is_empty() {
            bail!("--identity-verifier-key is empty");
        }
        let client = reqwest::Client::builder()
            .connect_timeout(timeout.min(Duration::from_secs(3)))
            .timeout(timeout)
            // The key goes to the configured address only.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .context("cannot build the identity service's HTTP client")?;
        Ok(HttpVerifier {
            client,
            url,
            key: key.to_string(),
        })
    }
}

#[async_trait]
impl IdentityVerifier for HttpVerifier {
    async fn matches(&self, name: &str, id_number: &IdNumber) -> anyhow::Result<bool> {
        // Errors name the service and the status, never the name or the number.
        let response = self
            .client
            .post(self.url.clone())
            .bearer_auth(&self.key)
            .json(&Question {
                name,
                id_number: id_number.as_str(),
            })
            .send()
            .await
            .map_err(|e| anyhow!("identity service unreachable: {}", e.without_url()))?;
        let status = response.status();
        if status != reqwest::StatusCode::OK {
            bail!("identity service answered {status}");
        }
        if response
            .content_length()
            .is_some_and(|n| n > MAX_ANSWER_BYTES as u64)
        {
            bail!("identity service answered with an oversized body");
        }
        let body = response
            .bytes()
            .await
            .map_err(|e| anyhow!("identity service answer cut short: {}", e.without_url()))?;
        if body.len() > MAX_ANSWER_BYTES {
            bail!("identity service answered with an oversized body");
        }
        let answer: Answer = serde_json::from_slice(&body)
            .map_err(|_| anyhow!("identity service answered outside its contract"))?;
        Ok(answer.matched)
    }
}

/// The verifier the configuration asks for; without `--dev` there must be a real one.
pub fn from_config(config: &Config) -> anyhow::Result<Arc<dyn IdentityVerifier>> {
    let timeout = Duration::from_secs(config.identity_verifier_timeout_seconds.max(1));
    match (&config.identity_verifier_url, &config.identity_verifier_key) {
        (Some(url), Some(key)) => Ok(Arc::new(HttpVerifier::new(url, key, timeout)?)),
        (Some(_), None) => bail!(
            "--identity-verifier-url needs --identity-verifier-key (the key the identity \
             service gave this platform)"
        ),
        (None, Some(_)) => {
            bail!("--identity-verifier-key was given without --identity-verifier-url")
        }
        (None, None) if config.dev || config.accept_well_formed_identities => {
            Ok(Arc::new(WellFormedOnly))
        }
        (None, None) => bail!(
            "no identity verifier is configured: without --dev, real-name verification (实名认证) \
             must ask the platform's identity service, or any well-formed identity number would \
             be accepted as the citizen's. Start with --identity-verifier-url and \
             --identity-verifier-key, or with --dev for development"
        ),
    }
}
