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

    /// Development conveniences (readable logs). Never in production.
    #[arg(long, env = "LIANBAN_DEV", default_value_t = false)]
    pub dev: bool,
}

impl Config {
    /// A configuration for tests and tools, with everything else at its default.
    pub fn for_paths(database: String, static_dir: PathBuf, data_dir: PathBuf) -> Self {
        Config {
            listen: "127.0.0.1:0".parse().expect("valid address"),
            database,
            static_dir,
            data_dir,
            dev: false,
        }
    }
}
