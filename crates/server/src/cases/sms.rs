//! The SMS outbox: a case's change stores its SMS in the same transaction, and this sends
//! it afterwards. A failed send keeps its reason and is tried again later, so that a gateway
//! outage delays a notice but never loses it.

use crate::AppState;
use std::time::Duration;

/// How many sends are tried before one stays failed for good (its reason kept).
const MAX_ATTEMPTS: i64 = 10;
/// How often failed sends are tried again.
pub const RETRY_EVERY: Duration = Duration::from_secs(60);

/// Sends what is waiting. Returns how many went out.
pub async fn drain(state: &AppState) -> anyhow::Result<u32> {
    // One drain at a time in this process, so that a notice is not sent twice.
    static DRAINING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    let _one = DRAINING.lock().await;
    let mut sent = 0;
    for sms in state.store.pending_sms(100).await? {
        if sms.attempts >= MAX_ATTEMPTS {
            continue;
        }
        match state.sms.send_text(&sms.phone, &sms.text).await {
            Ok(()) => {
                state.store.sms_sent(sms.id, state.clock.now()).await?;
                sent += 1;
            }
            Err(e) => {
                // The reason, never the phone number or the text.
                tracing::warn!(sms = sms.id, error = %e, "case SMS not sent; will retry");
                state.store.sms_failed(sms.id, &e.to_string()).await?;
            }
        }
    }
    Ok(sent)
}

/// Sends in the background, after the answer has gone.
pub fn wake(state: &AppState) {
    let state = state.clone();
    tokio::spawn(async move {
        if let Err(e) = drain(&state).await {
            tracing::warn!(error = %e, "SMS outbox not drained");
        }
    });
}

/// Tries the outbox again every [`RETRY_EVERY`] until the handle is dropped.
pub fn spawn_retry(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(RETRY_EVERY);
        loop {
            tick.tick().await;
            if let Err(e) = drain(&state).await {
                tracing::warn!(error = %e, "SMS outbox not drained");
            }
        }
    })
}
