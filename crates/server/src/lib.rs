//! `lianban-server`: the reference implementation of the Liánbàn platform API (axum + sqlx),
//! and the static host of the built SPA.

pub mod access;
pub mod applications;
pub mod appointments;
pub mod cases;
pub mod catalogue;
pub mod clock;
pub mod config;
pub mod csrf;
pub mod demo;
pub mod error;
pub mod first_screen;
pub mod idempotency;
pub mod identity;
pub mod json;
pub mod logging;
pub mod openapi;
pub mod paging;
pub mod security_headers;
pub mod seed;
pub mod serving;
pub mod static_files;
pub mod store;

use axum::extract::State;
use axum::http::{header, HeaderName, StatusCode};
use axum::routing::get;
use axum::{Json, Router};
use clock::{Clock, SystemClock};
use config::Config;
use identity::sms::{DevOutbox, NoGateway, SmsSender};
use identity::verifier::IdentityVerifier;
use lianban_core::booking::BookingRules;
use lianban_core::calendar::WorkingCalendar;
use lianban_core::catalogue::Catalogue;
use std::sync::Arc;
use std::time::Duration;
use store::{CaseStore, CatalogueStore, SqliteStore, Store};
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::sensitive_headers::SetSensitiveRequestHeadersLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    /// The catalogue as loaded from data/ (also in the store, for the records that refer to it).
    pub catalogue: Arc<Catalogue>,
    /// The catalogue's API answers, built from `catalogue` once.
    pub published: Arc<catalogue::PublishedCatalogue>,
    pub calendar: Arc<WorkingCalendar>,
    pub booking_rules: Arc<BookingRules>,
    pub clock: Arc<dyn Clock>,
    pub sms: Arc<dyn SmsSender>,
    /// Only with `--dev`: the codes sent, for the development endpoint.
    pub dev_outbox: Option<Arc<DevOutbox>>,
    pub verifier: Arc<dyn IdentityVerifier>,
    pub settings: Arc<Settings>,
    /// 办事公开's figures, built at most every few minutes.
    pub stats_cache: Arc<cases::stats::StatsCache>,
}

/// The options handlers consult, read once from the configuration.
pub struct Settings {
    pub dev: bool,
    pub secret: Vec<u8>,
    pub sms_per_phone_per_day: u32,
    pub sms_per_address_per_day: u32,
    pub session_idle_seconds: i64,
    pub secure_cookies: bool,
    pub trust_forwarded_for: bool,
    /// With `trust_forwarded_for`: the proxies that append to X-Forwarded-For.
    pub trusted_proxies: u32,
    pub sms_per_phone_per_address_per_day: u32,
    pub login_failures_per_address: u32,
    /// 整改 deadline of a poor rating, in working days.
    pub follow_up_working_days: u32,
    /// A supplement not provided after this many days is flagged to the clerk.
    pub supplement_limit_days: u32,
    /// Where uploaded materials are stored, under their SHA-256.
    pub upload_dir: std::path::PathBuf,
    /// What one citizen may upload, and when unused uploads go.
    pub upload_quota: lianban_core::apply::UploadQuota,
}

/// Opens the database, applies migrations and synchronises the catalogue from the data
/// directory.
pub async fn build_state(config: &Config) -> anyhow::Result<AppState> {
    build_state_with_clock(config, Arc::new(SystemClock)).await
}

/// [`build_state`] with a given clock (tests move a manual one).
pub async fn build_state_with_clock(
    config: &Config,
    clock: Arc<dyn Clock>,
) -> anyhow::Result<AppState> {
    // First: a server that would take any number as the citizen's must not start at all.
    let verifier = identity::verifier::from_config(config)?;
    let catalogue = seed::load_catalogue(&config.data_dir)?;
    let published = catalogue::PublishedCatalogue::build(&catalogue)?;
    let calendar = seed::load_calendar(&config.data_dir)?;
    let booking_rules = seed::load_booking_rules(&config.data_dir)?;
    let store = SqliteStore::connect(&config.database).await?;
    store.sync_catalogue(&catalogue).await?;
    tracing::info!(
        matters = catalogue.matters.len(),
        themes = catalogue.themes.len(),
        halls = catalogue.halls.len(),
        "catalogue loaded"
    );
    if config.dev {
        demo::seed_demo_citizens(&store, &config.data_dir, clock.now()).await?;
    }
    let clerks = cases::clerks::load(&config.data_dir, &catalogue, config.dev)?;
    store.sync_clerks(&clerks).await?;
    let secret = match &config.secret {
        Some(s) if s.len() >= 32 => s.as_bytes().to_vec(),
        Some(_) => anyhow::bail!("--secret must be at least 32 characters"),
        None => {
            if !config.dev {
                tracing::warn!("no --secret given: SMS codes are valid on this process only");
            }
            identity::secret::new_secret()?
        }
    };
    let dev_outbox = config.dev.then(|| Arc::new(DevOutbox::default()));
    let sms: Arc<dyn SmsSender> = match &dev_outbox {
        Some(outbox) => outbox.clone(),
        None => Arc::new(NoGateway),
    };
    Ok(AppState {
        store: Arc::new(store),
        catalogue: Arc::new(catalogue),
        published: Arc::new(published),
        calendar: Arc::new(calendar),
        booking_rules: Arc::new(booking_rules),
        clock,
        sms,
        dev_outbox,
        verifier,
        stats_cache: Arc::default(),
        settings: Arc::new(Settings {
            dev: config.dev,
            secret,
            sms_per_phone_per_day: config.sms_per_phone_per_day,
            sms_per_address_per_day: config.sms_per_address_per_day,
            session_idle_seconds: config.session_idle_minutes * 60,
            secure_cookies: config.secure_cookies,
            trust_forwarded_for: config.trust_forwarded_for,
            trusted_proxies: config.trusted_proxies,
            sms_per_phone_per_address_per_day: config.sms_per_phone_per_address_per_day,
            login_failures_per_address: config.login_failures_per_address,
            follow_up_working_days: config.follow_up_working_days,
            supplement_limit_days: config.supplement_limit_days,
            upload_dir: config.upload_dir.clone(),
            upload_quota: config.upload_quota(),
        }),
    })
}

/// The API alone, under `/api/v1`.
pub fn api_router(state: AppState) -> Router {
    let dev = state.settings.dev;
    Router::new()
        .nest(
            "/api/v1",
            Router::new()
                .merge(catalogue::router())
                .merge(identity::router(dev))
                .merge(appointments::router())
                .merge(applications::router())
                .merge(cases::router())
                .route("/openapi.json", get(openapi::openapi_json))
                // Every body is small but an upload's.
                .layer(RequestBodyLimitLayer::new(1024 * 1024))
                .merge(applications::upload_router())
                .fallback(error::api_not_found)
                .method_not_allowed_fallback(error::method_not_allowed)
                .layer(axum::middleware::from_fn(csrf::same_origin_writes))
                .layer(axum::middleware::from_fn(error::one_error_shape)),
        )
        .route("/healthz", get(healthz))
        .with_state(state)
}

/// The whole application: the API, and the SPA's files for every other path.
pub fn app(state: AppState, config: &Config) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    let api = api_router(state);
    api.clone()
        .merge(static_files::router(&config.static_dir, api))
        // Pre-compressed SPA files pass through as they are; everything else is compressed here.
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(
            TraceLayer::new_for_http().make_span_with(|req: &axum::extract::Request| {
                // The path only: query strings may carry personal data.
                let id = req
                    .headers()
                    .get("x-request-id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("");
                tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
            })
            .on_request(())
            .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .layer(SetSensitiveRequestHeadersLayer::new([
            header::AUTHORIZATION,
            header::COOKIE,
        ]))
        // Outermost, so that every answer has them: timeouts, body limits and 404s too.
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(security_headers::SecurityHeaders::for_static_dir(
                &config.static_dir,
                &config.frame_ancestors,
            )),
            security_headers::add_security_headers,
        ))
}

async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<serde_json::Value>) {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, Json(serde_json::json!({"status": "ok"}))),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({"status": "unavailable"})),
            )
        }
    }
}

/// How often uploads that nothing uses are looked for (`--upload-orphan-days` says when
/// they go).
const UPLOAD_SWEEP_EVERY: Duration = Duration::from_secs(3600);

/// Runs the server until Ctrl-C or SIGTERM, then finishes the requests in flight.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    let state = build_state(&config).await?;
    if !config.static_dir.join("index.html").exists() {
        tracing::warn!(dir = %config.static_dir.display(), "no built SPA here: only the API is served (run `make build`)");
    }
    // Stopped when serve returns (the handle is dropped).
    let _sweep = applications::spawn_upload_sweep(state.clone(), UPLOAD_SWEEP_EVERY);
    let sms_retry = cases::sms::spawn_retry(state.clone());
    let listener = serving::bind(config.listen)?;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, "listening");
    println!("联办 Liánbàn is running: open http://{addr}/");
    serving::serve(
        listener,
        app(state, &config),
        serving::ConnectionLimits::from_config(&config),
        shutdown_signal(),
    )
    .await?;
    sms_retry.abort();
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
