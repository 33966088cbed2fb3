//! Sending one-time codes. The platform's SMS gateway plugs in behind [`SmsSender`]; the
//! reference implementation has none, so without `--dev` sending is refused with a clear
//! message, and with `--dev` the code goes to the log and to an outbox that tests read.

use async_trait::async_trait;
use std::collections::HashMap;
use std::sync::Mutex;

#[async_trait]
pub trait SmsSender: Send + Sync + 'static {
    /// Sends `code` to `phone`. An error means the citizen got nothing.
    async fn send_code(&self, phone: &str, code: &str) -> anyhow::Result<()>;
}

/// No gateway configured: every send fails (the handler answers 503).
pub struct NoGateway;

#[async_trait]
impl SmsSender for NoGateway {
    async fn send_code(&self, _phone: &str, _code: &str) -> anyhow::Result<()> {
        anyhow::bail!("no SMS gateway is configured (start with --dev for the development outbox)")
    }
}

/// Development only: logs the code and keeps the latest per number for
/// `GET /api/v1/dev/sms-codes/latest`.
#[derive(Default)]
pub struct DevOutbox {
    latest: Mutex<HashMap<String, String>>,
}

impl DevOutbox {
    pub fn latest(&self, phone: &str) -> Option<String> {
        self.latest.lock().ok().and_then(|m| m.get(phone).cloned())
    }
}

#[async_trait]
impl SmsSender for DevOutbox {
    async fn send_code(&self, phone: &str, code: &str) -> anyhow::Result<()> {
        tracing::warn!(phone = %phone, code = %code, "DEV: SMS code (never logged without --dev)");
        if let Ok(mut m) = self.latest.lock() {
            m.insert(phone.to_string(), code.to_string());
        }
        Ok(())
    }
}
