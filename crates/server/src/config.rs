//! The server's command line; every option has an environment-variable twin.

use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;

/// lianban-server: the reference implementation of the Liánbàn (联办) platform API, and the
/// static host of the built SPA.
#[derive(Debug, Clone, Parser)]
#[command(version, about)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "LIANBAN_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// Database URL: `sqlite://path/to/file.db` (created if missing).
    #[arg(
        long,
        env = "LIANBAN_DATABASE",
        default_value = "sqlite://var/lianban.db"
    )]
    pub database: String,

    /// Directory of the built SPA (trunk's output); its index.html answers every non-API path.
    #[arg(long, env = "LIANBAN_STATIC_DIR", default_value = "dist")]
    pub static_dir: PathBuf,

    /// Directory of the catalogue seed data (matters, themes, halls), loaded on start.
    #[arg(long, env = "LIANBAN_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// Directory for uploaded materials (stored under their SHA-256). With several replicas,
    /// a directory every replica shares (a network file system or an object-store mount).
    #[arg(long, env = "LIANBAN_UPLOAD_DIR", default_value = "var/uploads")]
    pub upload_dir: PathBuf,

    /// Development conveniences: readable logs, SMS codes written to the log and readable at
    /// /api/v1/dev/sms-codes/latest, demo citizens from data/demo/. Never in production.
    #[arg(long, env = "LIANBAN_DEV", default_value_t = false)]
    pub dev: bool,

    /// Secret key for hashing one-time codes (32 characters or more). Every replica needs the
    /// same one; without it a random key is made at start, valid for this process only.
    #[arg(long, env = "LIANBAN_SECRET", hide_env_values = true)]
    pub secret: Option<String>,

    /// How many SMS codes one phone number may receive per day.
    #[arg(long, env = "LIANBAN_SMS_PER_PHONE_PER_DAY", default_value_t = 10)]
    pub sms_per_phone_per_day: u32,

    /// How many SMS codes one client address may request per day (raise it for load tests).
    #[arg(long, env = "LIANBAN_SMS_PER_ADDRESS_PER_DAY", default_value_t = 30)]
    pub sms_per_address_per_day: u32,

    /// A login session ends after this many minutes without use.
    #[arg(long, env = "LIANBAN_SESSION_IDLE_MINUTES", default_value_t = 120)]
    pub session_idle_minutes: i64,

    /// Mark the session cookie Secure even when no proxy says the request came over HTTPS.
    #[arg(long, env = "LIANBAN_SECURE_COOKIES", default_value_t = false)]
    pub secure_cookies: bool,

    /// Take the client address from X-Forwarded-For (only behind a proxy that sets it).
    #[arg(long, env = "LIANBAN_TRUST_FORWARDED_FOR", default_value_t = false)]
    pub trust_forwarded_for: bool,

    /// How many files one citizen may upload per day (China time).
    #[arg(long, env = "LIANBAN_UPLOAD_FILES_PER_DAY", default_value_t = 50)]
    pub upload_files_per_day: u32,

    /// How many MiB one citizen may upload per day (China time).
    #[arg(long, env = "LIANBAN_UPLOAD_MIB_PER_DAY", default_value_t = 200)]
    pub upload_mib_per_day: u64,

    /// How many MiB of one citizen's uploads may wait for a submitted case (in drafts, or not
    /// used at all); a submit frees what its case uses.
    #[arg(long, env = "LIANBAN_UPLOAD_PENDING_MIB", default_value_t = 80)]
    pub upload_pending_mib: u64,

    /// Uploads that no draft and no case uses are removed after this many days.
    #[arg(long, env = "LIANBAN_UPLOAD_ORPHAN_DAYS", default_value_t = 7)]
    pub upload_orphan_days: u32,
}

impl Config {
    /// The upload limits of one citizen.
    pub fn upload_quota(&self) -> lianban_core::apply::UploadQuota {
        const MIB: u64 = 1024 * 1024;
        lianban_core::apply::UploadQuota {
            files_per_day: self.upload_files_per_day,
            bytes_per_day: self.upload_mib_per_day.saturating_mul(MIB),
            pending_bytes: self.upload_pending_mib.saturating_mul(MIB),
            orphan_days: self.upload_orphan_days,
        }
    }

    /// A configuration for tests and tools, with everything else at its default.
    pub fn for_paths(database: String, static_dir: PathBuf, data_dir: PathBuf) -> Self {
        Config {
            listen: "127.0.0.1:0".parse().expect("valid address"),
            database,
            static_dir,
            data_dir,
            upload_dir: PathBuf::from("var/uploads"),
            dev: false,
            secret: None,
            sms_per_phone_per_day: 10,
            sms_per_address_per_day: 30,
            session_idle_minutes: 120,
            secure_cookies: false,
            trust_forwarded_for: false,
            upload_files_per_day: 50,
            upload_mib_per_day: 200,
            upload_pending_mib: 80,
            upload_orphan_days: 7,
        }
    }
}
