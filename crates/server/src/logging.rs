//! Structured logs: JSON lines in production, readable lines with `--dev`. Level from
//! `RUST_LOG` (default `info`). Request logs carry method, path, status, latency and request
//! id — never query strings, bodies or cookies, which may hold personal data.

use tracing_subscriber::{fmt, EnvFilter};

pub fn init(dev: bool) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = fmt().with_env_filter(filter).with_target(false);
    if dev {
        builder.init();
    } else {
        builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .init();
    }
}
