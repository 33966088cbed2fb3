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
    /// Sends a notice about a case (no name, no ID number in it).
    async fn send_text(&self, phone: &str, text: &str) -> anyhow::Result<()>;
}

/// No gateway configured: every send fails (the handler answers 503).
pub struct NoGateway;

#[async_trait]
impl SmsSender for NoGateway {
    async fn send_code(&self, _phone: &str, _code: &str) -> anyhow::Result<()> {
        anyhow::bail!("no SMS gateway is configured (start with --dev for the development outbox)")
    }

    async fn send_text(&self, _phone: &str, _text: &str) -> anyhow::Result<()> {
        anyhow::bail!("no SMS gateway is configured")
    }
}

/// Development only: logs the code and keeps the latest per number for
/// `GET /api/v1/dev/sms-codes/latest`.
#[derive(Default)]
pub struct DevOutbox {
    latest: Mutex<HashMap<String, String>>,
    notices: Mutex<HashMap<String, Vec<String>>>,
}

impl DevOutbox {
    pub fn latest(&self, phone: &str) -> Option<String> {
        self.latest.lock().ok().and_then(|m| m.get(phone).cloned())
    }

    /// The case notices sent to `phone`, oldest first.
    pub fn notices(&self, phone: &str) -> Vec<String> {
        self.notices
            .lock()
            .ok()
            .and_then(|m| m.get(phone).cloned())
            .unwrap_or_default()
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

    async fn send_text(&self, phone: &str, text: &str) -> anyhow::Result<()> {
        tracing::info!(text = %text, "DEV: SMS notice");
        if let Ok(mut m) = self.notices.lock() {
            m.entry(phone.to_string())
                .or_default()
                .push(text.to_string());
        }
        Ok(())
    }
}
