//! The SQLite backend: one file, WAL mode, used for one machine and for every test.
//!
//! `synchronous=FULL`: the WAL is synced at every commit, so what a 2xx answer says was
//! stored survives a power cut, not only a crash of the process (with `NORMAL`, the last
//! commits before a power cut may be lost). Bookings, the writes that come in a rush, share
//! one sync per group (`bookings`).

mod applications;
mod appointments;
mod bookings;
mod cases;
mod catalogue;
mod identity;

use anyhow::Context;
use bookings::BookingWriter;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, SqlitePool};
use std::str::FromStr;
use std::time::Duration;

#[derive(Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    bookings: BookingWriter,
}

impl SqliteStore {
    /// Opens (creating if missing) the database at `url` and applies the migrations.
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        let options = SqliteConnectOptions::from_str(url)
            .with_context(|| "数据库地址格式不正确（应为 sqlite://路径）")?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        if let Some(parent) = options.get_filename().parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create {}", parent.display()))?;
            }
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options.clone())
            .await
            .context("cannot open the SQLite database")?;
        sqlx::migrate!("./migrations/sqlite")
            .run(&pool)
            .await
            .context("cannot apply the database migrations")?;
        let writer = options
            .connect()
            .await
            .context("cannot open the SQLite database for bookings")?;
        Ok(SqliteStore {
            pool,
            bookings: BookingWriter::start(writer),
        })
    }
}

impl SqliteStore {
    pub(crate) async fn ping(&self) -> anyhow::Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}

#[async_trait::async_trait]
impl super::Store for SqliteStore {
    async fn ping(&self) -> anyhow::Result<()> {
        SqliteStore::ping(self).await
    }
}
