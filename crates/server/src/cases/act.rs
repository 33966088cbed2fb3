//! Taking an action on a sub-case, for a citizen or a clerk alike: the store replays the
//! stored events inside its transaction, [`lianban_core::cases::next`] decides, and the event
//! is appended with its message and SMS, or refused with the lifecycle's reason.

use super::view::replayed;
use crate::error::AppError;
use crate::store::{AppendOutcome, ApplicationRecord, Decided, SuppliedItem};
use crate::AppState;
use axum::http::StatusCode;
use lianban_core::api::ApiError;
use lianban_core::apply::ApplicationRequest;
use lianban_core::cases::view::notice;
use lianban_core::cases::{
    deadline, next, Action, Actor, ClockDates, Event, Promise, Refusal, RefusalClass,
};

/// The lifecycle's refusal as an answer: 403, 409 (with the current state in the message) or
/// 422 (with the field).
pub fn refusal(r: &Refusal) -> AppError {
    let status = match r.class() {
        RefusalClass::Forbidden => StatusCode::FORBIDDEN,
        RefusalClass::Conflict => StatusCode::CONFLICT,
        RefusalClass::Invalid => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let mut e = ApiError::new(r.code(), r.message());
    if let Some(field) = r.field() {
        e = e.with_field(field, r.message());
    }
    AppError::Client(status, e)
}

pub fn sub_case_not_found() -> AppError {
    AppError::not_found("sub_case_not_found", "没有找到这个办件")
}

/// What a 补正 brings besides its event: the files and values for each item, and the form
/// values it corrects (applied to the case's stored answers).
#[derive(Debug, Clone, Default)]
pub struct Supplied {
    pub items: Vec<SuppliedItem>,
    pub field_values: std::collections::BTreeMap<String, String>,
}

/// Takes `action` as `actor` on the sub-case `number`; the case after it. `key` makes a
/// retried request store nothing twice.
pub async fn act(
    state: &AppState,
    number: &str,
    actor: Actor,
    action: Action,
    key: &str,
    supplied: Supplied,
) -> Result<ApplicationRecord, AppError> {
    let now = state.clock.now();
    let decide = |case: &ApplicationRecord, sub: &crate::store::SubCaseRecord| {
        let rep = replayed(state, case.citizen_id, sub).map_err(|_| {
            anyhow::anyhow!("the stored timeline of {} does not replay", sub.number)
        })?;
        let facts = rep.facts(case.citizen_id, sub);
        let after = match next(&rep.state, &action, &actor, &facts) {
            Ok(s) => s,
            Err(r) => return Ok(Err(r)),
        };
        let event = Event {
            at: now,
            actor: actor.clone(),
            action: action.clone(),
            note: None,
        };
        let mut events = sub.events.clone();
        events.push(event.clone());
        let promise = state
            .catalogue
            .matter(&sub.matter_code)
            .map(Promise::of)
            .unwrap_or(Promise {
                case_type: rep.case_type,
                working_days: 20,
            });
        let clock = deadline(
            &state.calendar,
            promise,
            &ClockDates::from_events(&events),
            crate::clock::china_today(now),
        );
        let n = notice(after.status(), &rep.matter_name, &case.number);
        let content = if supplied.field_values.is_empty() {
            None
        } else {
            let mut request: ApplicationRequest = serde_json::from_str(&case.content)?;
            for (id, value) in &supplied.field_values {
                request.fields.insert(id.clone(), value.trim().to_string());
            }
            Some(serde_json::to_string(&request)?)
        };
        Ok(Ok(Decided {
            event,
            status: after.status(),
            due_date: clock.due.map(|d| d.to_string()),
            message: Some((n.title, n.body)),
            sms: n.sms,
            supplement: supplied.items.clone(),
            content,
        }))
    };
    match state.store.append_event(number, key, now, &decide).await? {
        AppendOutcome::Appended(case) => {
            tracing::info!(sub_case = %number, action = action.kind().as_str(), "case action recorded");
            crate::cases::sms::wake(state);
            Ok(case)
        }
        AppendOutcome::Replayed(case) => Ok(case),
        AppendOutcome::Refused(r) => Err(refusal(&r)),
        AppendOutcome::NotFound => Err(sub_case_not_found()),
    }
}
