//! Real-name verification (实名认证). A real platform asks the population registry whether
//! the name and identity number belong together; the reference platform has no registry and
//! accepts every well-formed number (checked in `lianban-core`). A registry client plugs in
//! behind [`IdentityVerifier`].

use async_trait::async_trait;
use lianban_core::identity::IdNumber;

#[async_trait]
pub trait IdentityVerifier: Send + Sync + 'static {
    /// Whether `name` is the holder of `id_number`.
    async fn matches(&self, name: &str, id_number: &IdNumber) -> anyhow::Result<bool>;
}

/// The reference platform's verifier: no registry, so a well-formed number is accepted.
pub struct WellFormedOnly;

#[async_trait]
impl IdentityVerifier for WellFormedOnly {
    async fn matches(&self, _name: &str, _id_number: &IdNumber) -> anyhow::Result<bool> {
        Ok(true)
    }
}
