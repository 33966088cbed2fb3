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

    /// Take the client address from X-Forwarded-For (only behind a proxy that sets it, and
    /// only when the server cannot be reached except through it). See --trusted-proxies.
    #[arg(long, env = "LIANBAN_TRUST_FORWARDED_FOR", default_value_t = false)]
    pub trust_forwarded_for: bool,

    /// With --trust-forwarded-for: how many proxies in front of the server append to
    /// X-Forwarded-For. The client address is the N-th entry from the right (the right-most
    /// with 1), the one the outermost proxy wrote; entries to its left come from the client and
    /// are ignored. A header with fewer entries, or an entry that is not an IP address, counts
    /// the connection's peer instead.
    #[arg(
        long,
        env = "LIANBAN_TRUSTED_PROXIES",
        default_value_t = 1,
        value_parser = clap::value_parser!(u32).range(1..)
    )]
    pub trusted_proxies: u32,

    /// How many SMS codes one phone number may receive per day when asked for from one client
    /// address: below --sms-per-phone-per-day, so one address cannot spend a number's day.
    #[arg(
        long,
        env = "LIANBAN_SMS_PER_PHONE_PER_ADDRESS_PER_DAY",
        default_value_t = 5
    )]
    pub sms_per_phone_per_address_per_day: u32,

    /// How many failed logins (wrong or expired codes) one client address may make in 15
    /// minutes, over all numbers, before it must wait. Per number and address the bound is 5.
    #[arg(long, env = "LIANBAN_LOGIN_FAILURES_PER_ADDRESS", default_value_t = 30)]
    pub login_failures_per_address: u32,

    /// 整改: working days a department has to answer a poor rating (好差评).
    #[arg(long, env = "LIANBAN_FOLLOW_UP_WORKING_DAYS", default_value_t = 15)]
    pub follow_up_working_days: u32,

    /// Days after which a supplement not provided is flagged to the clerk.
    #[arg(long, env = "LIANBAN_SUPPLEMENT_LIMIT_DAYS", default_value_t = 30)]
    pub supplement_limit_days: u32,

    /// The platform's identity service for real-name verification (实名认证): an http:// URL
    /// answering the JSON contract of `identity::verifier`. Required without --dev.
    #[arg(long, env = "LIANBAN_IDENTITY_VERIFIER_URL")]
    pub identity_verifier_url: Option<String>,

    /// The key this platform presents to the identity service (sent as a bearer token).
    #[arg(long, env = "LIANBAN_IDENTITY_VERIFIER_KEY", hide_env_values = true)]
    pub identity_verifier_key: Option<String>,

    /// How long to wait for the identity service before telling the citizen to retry later.
    #[arg(
        long,
        env = "LIANBAN_IDENTITY_VERIFIER_TIMEOUT_SECONDS",
        default_value_t = 5
    )]
    pub identity_verifier_timeout_seconds: u64,

    /// Tests and tools only (never from the command line): accept every well-formed identity
    /// number without --dev and without an identity service.
    #[arg(skip)]
    pub accept_well_formed_identities: bool,
    /// Seconds a client has to send a request's head (request line and headers), counted from
    /// when it connects or when the previous answer went out: a half-sent request (slowloris)
    /// is closed then, and so is a kept-alive connection that sends nothing more.
    #[arg(long, env = "LIANBAN_HEADER_READ_TIMEOUT_SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub header_read_timeout_secs: u64,

    /// Seconds a connection may pass without a byte moving either way before it is closed:
    /// a client that stops sending a body or stops reading an answer. Longer than the 30 s
    /// a request may take.
    #[arg(long, env = "LIANBAN_IDLE_TIMEOUT_SECS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
    pub idle_timeout_secs: u64,

    /// Most client connections open at once; more wait in the listen queue until one closes.
    /// Keep it well under the open-file limit (`ulimit -n`, often 1024): the database, the
    /// files being served and the uploads need descriptors too.
    #[arg(long, env = "LIANBAN_MAX_CONNECTIONS", default_value_t = 512, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: u32,

    /// Who may show the app inside a frame: the sources of the Content-Security-Policy's
    /// `frame-ancestors`, separated by spaces. The default allows this site and WeChat's
    /// mini-program host (whose `<web-view>` is a frame on PC WeChat and in its developer
    /// tools; on phones, like the city app's webview, it is a page of its own, which no
    /// frame rule touches). `'none'` forbids every frame.
    #[arg(long, env = "LIANBAN_FRAME_ANCESTORS", default_value = DEFAULT_FRAME_ANCESTORS, value_parser = parse_frame_ancestors)]
    pub frame_ancestors: String,

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

/// This site, and WeChat's mini-program host (see `--frame-ancestors`).
pub const DEFAULT_FRAME_ANCESTORS: &str = "'self' https://servicewechat.com";

/// Accepts CSP source expressions only (`'self'`, `'none'`, a scheme such as `https:`, or a
/// host with optional scheme, `*.` prefix and port): a `;` or a newline would let the option
/// write other directives, or other headers.
pub fn parse_frame_ancestors(value: &str) -> Result<String, String> {
    let sources: Vec<&str> = value.split_ascii_whitespace().collect();
    if sources.is_empty() {
        return Err("give at least one source, e.g. 'self' (or 'none')".into());
    }
    for source in &sources {
        let keyword = matches!(*source, "'self'" | "'none'");
        let host_like = source
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'/' | b'*'));
        if !keyword && !host_like {
            return Err(format!(
                "{source} is not a frame-ancestors source ('self', 'none', https:, https://host)"
            ));
        }
    }
    if sources.len() > 1 && sources.contains(&"'none'") {
        return Err("'none' cannot be combined with other sources".into());
    }
    Ok(sources.join(" "))
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

    /// A configuration for tests and tools, with everything else at its default, except that
    /// well-formed identity numbers are accepted without an identity service (tests that need
    /// the production rule set `accept_well_formed_identities` to false).
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
            trusted_proxies: 1,
            sms_per_phone_per_address_per_day: 5,
            login_failures_per_address: 30,
            follow_up_working_days: 15,
            supplement_limit_days: 30,
            identity_verifier_url: None,
            identity_verifier_key: None,
            identity_verifier_timeout_seconds: 5,
            accept_well_formed_identities: true,
            header_read_timeout_secs: 10,
            idle_timeout_secs: 60,
            max_connections: 512,
            frame_ancestors: DEFAULT_FRAME_ANCESTORS.into(),
            upload_files_per_day: 50,
            upload_mib_per_day: 200,
            upload_pending_mib: 80,
            upload_orphan_days: 7,
        }
    }
}
