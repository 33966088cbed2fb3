//! The storage seam: handlers talk to a [`Store`], never to a database driver, so that a
//! PostgreSQL backend can be added beside the SQLite one without touching them.

mod sqlite;

pub use sqlite::SqliteStore;

use async_trait::async_trait;
use lianban_core::api::Page;
use lianban_core::catalogue::{
    Catalogue, DepartmentSummary, HallDetail, HallSummary, MatterDetail, MatterSummary,
    ThemeDetail, ThemeSummary,
};

/// A matter search: every field is optional.
#[derive(Debug, Clone, Default)]
pub struct MatterQuery {
    /// Search terms (see `lianban_core::search::terms`); an entry must match all of them.
    pub terms: Vec<String>,
    pub department: Option<String>,
    /// Flag names (`online`, `immediate`, `nearby`, `one_visit`) that must all be set.
    pub flags: Vec<&'static str>,
    pub page: u32,
    pub per_page: u32,
}

#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Answers when the database is reachable.
    async fn ping(&self) -> anyhow::Result<()>;
    /// Makes the stored catalogue equal to `catalogue` (entries no longer in it are retired,
    /// not deleted, so that records referring to them keep their meaning).
    async fn sync_catalogue(&self, catalogue: &Catalogue) -> anyhow::Result<()>;
    async fn search_matters(&self, query: &MatterQuery) -> sqlx::Result<Page<MatterSummary>>;
    async fn matter(&self, code: &str) -> sqlx::Result<Option<MatterDetail>>;
    async fn search_themes(&self, terms: &[String]) -> sqlx::Result<Vec<ThemeSummary>>;
    async fn theme(&self, id: &str) -> sqlx::Result<Option<ThemeDetail>>;
    async fn departments(&self) -> sqlx::Result<Vec<DepartmentSummary>>;
    async fn halls(&self) -> sqlx::Result<Vec<HallSummary>>;
    async fn hall(&self, id: &str) -> sqlx::Result<Option<HallDetail>>;
}

/// Text that a search term is matched against, besides the name and the keywords.
pub(crate) fn other_search_text(parts: &[&str]) -> String {
    parts.join("\n")
}
