//! 办事公开 (`/stats`): per department and per matter over the last 90 days, from the real
//! cases. Built at most every few minutes: the figures are for the public, not a live board.

use super::view::replayed;
use crate::clock::china_today;
use crate::error::AppResult;
use crate::AppState;
use axum::extract::State;
use axum::Json;
use lianban_core::cases::rating::RatingLevel;
use lianban_core::cases::stats::{rows, CaseFact, PublicStats, WINDOW_DAYS};
use lianban_core::cases::Progress;
use std::sync::{Arc, Mutex};

/// How long one build of the figures is served.
const FRESH_SECONDS: i64 = 300;

/// The latest build and when it was made; one per server (in `AppState`).
pub type StatsCache = Mutex<Option<(i64, Arc<PublicStats>)>>;

async fn build(state: &AppState, now: i64) -> anyhow::Result<PublicStats> {
    let since = now - WINDOW_DAYS * 86_400;
    let subs = state.store.sub_cases_since(since).await?;
    let mut facts = Vec::with_capacity(subs.len());
    for (applicant, s) in &subs {
        // The applicant's own actions (补正, 撤回) replay only with the applicant's id. A
        // history that does not replay is logged by `replayed` and left out of the figures.
        let Ok(rep) = replayed(state, *applicant, s) else {
            continue;
        };
        let concluded = match rep.deadline.progress {
            Progress::Concluded {
                on_time,
                working_days_taken,
                ..
            } => Some((on_time, working_days_taken)),
            _ => None,
        };
        let rating = s.rating.as_ref().and_then(|r| RatingLevel::parse(&r.level));
        let poor_answered_in_time = s.rating.as_ref().and_then(|r| {
            let f = r.follow_up.as_ref()?;
            let replied = f.replied_at.map(|t| china_today(t).to_string());
            Some(replied.is_some_and(|d| d <= f.due_date))
        });
        facts.push(CaseFact {
            department: s.department.clone(),
            matter_code: s.matter_code.clone(),
            concluded,
            rating,
            poor_answered_in_time,
        });
    }
    let cat = &state.catalogue;
    let departments = rows(
        &facts,
        |f| &f.department,
        |code| {
            cat.department(code)
                .map(|d| d.name.clone())
                .unwrap_or_default()
        },
    );
    let mut matters = rows(
        &facts,
        |f| &f.matter_code,
        |code| cat.matter(code).map(|m| m.name.clone()).unwrap_or_default(),
    );
    for m in &mut matters {
        m.promised_days = cat.matter(&m.code).map(|x| x.promised_days);
    }
    Ok(PublicStats {
        from: china_today(since).to_string(),
        to: china_today(now).to_string(),
        departments,
        matters,
    })
}

/// 办事公开.
#[utoipa::path(get, path = "/api/v1/stats", tag = "applications",
    responses((status = 200, body = PublicStats)))]
pub async fn public_stats(State(state): State<AppState>) -> AppResult<Json<PublicStats>> {
    let cache = &state.stats_cache;
    let now = state.clock.now();
    let fresh = cache
        .lock()
        .ok()
        .and_then(|c| c.clone())
        .filter(|(at, _)| now - at < FRESH_SECONDS && *at <= now);
    if let Some((_, stats)) = fresh {
        return Ok(Json((*stats).clone()));
    }
    let stats = Arc::new(build(&state, now).await?);
    if let Ok(mut c) = cache.lock() {
        *c = Some((now, stats.clone()));
    }
    Ok(Json((*stats).clone()))
}
