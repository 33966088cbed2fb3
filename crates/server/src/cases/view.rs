//! Stored cases as each reader sees them: the applicant (everything of theirs), the public
//! lookup (timeline, masked applicant) and the clerk (their department's sub-case in full).

use crate::clock::{china_today, rfc3339_china};
use crate::error::AppError;
use crate::store::{ApplicationRecord, SubCaseRecord};
use crate::AppState;
use lianban_core::apply::{Application, SubCase};
use lianban_core::cases::view::{
    describe, who, DeadlineView, TimelineEntry, TrackedCase, TrackedSubCase, WorkItem,
};
use lianban_core::cases::{
    allowed_actions, deadline, replay, summarize, Actor, ClockDates, Deadline, Promise,
    SubCaseBrief, SubCaseFacts, SubCaseState,
};
use lianban_core::catalogue::CaseType;

/// A sub-case replayed: its state, its clock and its timeline.
pub struct Replayed {
    pub state: SubCaseState,
    pub deadline: Deadline,
    pub timeline: Vec<TimelineEntry>,
    pub matter_name: String,
    pub department_name: String,
    pub case_type: CaseType,
}

impl Replayed {
    pub fn facts<'a>(&self, applicant: i64, sub: &'a SubCaseRecord) -> SubCaseFacts<'a> {
        SubCaseFacts {
            applicant,
            department: &sub.department,
            case_type: self.case_type,
        }
    }
}

/// Replays a sub-case's events. A history the lifecycle refuses is stored data gone wrong,
/// not the reader's fault: a 500 (logged with the number only).
pub fn replayed(
    state: &AppState,
    applicant: i64,
    sub: &SubCaseRecord,
) -> Result<Replayed, AppError> {
    let cat = &state.catalogue;
    let matter = cat.matter(&sub.matter_code);
    let case_type = matter.map(|m| m.case_type).unwrap_or(CaseType::Promised);
    let promise = matter.map(Promise::of).unwrap_or(Promise {
        case_type,
        working_days: 20,
    });
    let facts = SubCaseFacts {
        applicant,
        department: &sub.department,
        case_type,
    };
    let current = replay(&sub.events, &facts).map_err(|e| {
        tracing::error!(sub_case = %sub.number, error = %e, "a stored timeline does not replay");
        AppError::Internal(anyhow::anyhow!(
            "stored timeline of {} is invalid",
            sub.number
        ))
    })?;
    let department_name = cat
        .department(&sub.department)
        .map(|d| d.name.clone())
        .unwrap_or_default();
    let timeline = sub
        .events
        .iter()
        .map(|e| {
            let (title, detail) = describe(e);
            TimelineEntry {
                at: rfc3339_china(e.at),
                who: who(e, &department_name),
                action: e.action.kind(),
                title,
                detail,
            }
        })
        .collect();
    let today = china_today(state.clock.now());
    Ok(Replayed {
        deadline: deadline(
            &state.calendar,
            promise,
            &ClockDates::from_events(&sub.events),
            today,
        ),
        state: current,
        timeline,
        matter_name: matter.map(|m| m.name.clone()).unwrap_or_default(),
        department_name,
        case_type,
    })
}

/// The case as its applicant sees it.
pub fn for_applicant(state: &AppState, r: &ApplicationRecord) -> Result<Application, AppError> {
    let me = Actor::Citizen {
        citizen_id: r.citizen_id,
    };
    let mut subs = Vec::with_capacity(r.sub_cases.len());
    for s in &r.sub_cases {
        let rep = replayed(state, r.citizen_id, s)?;
        let actions = allowed_actions(&rep.state, &me, &rep.facts(r.citizen_id, s));
        subs.push(SubCase {
            number: s.number.clone(),
            matter_code: s.matter_code.clone(),
            matter_name: rep.matter_name.clone(),
            department_name: rep.department_name.clone(),
            status: rep.state.status(),
            status_label: rep.state.status().label().to_string(),
            promised_date: s.promised_date.clone(),
            provisional: lianban_core::apply::promised_date_is_provisional(
                &state.calendar,
                &s.promised_date,
            ),
            deadline: DeadlineView::from(&rep.deadline),
            timeline: rep.timeline,
            actions,
            rated: s.rating.is_some(),
            rating: s
                .rating
                .as_ref()
                .and_then(|r| super::rating::rating_view(r, state.clock.now())),
            state: rep.state,
        });
    }
    let briefs: Vec<SubCaseBrief<'_>> = subs
        .iter()
        .map(|s| SubCaseBrief {
            matter_name: &s.matter_name,
            status: s.status,
            rated: s.rated,
        })
        .collect();
    let summary = summarize(&briefs, r.delivery.starts_with("窗口领取"));
    Ok(Application {
        number: r.number.clone(),
        query_code: r.query_code.clone(),
        theme_id: r.theme_id.clone(),
        theme_name: state
            .catalogue
            .theme(&r.theme_id)
            .map(|t| t.name.clone())
            .unwrap_or_default(),
        submitted_at: rfc3339_china(r.submitted_at),
        status: summary.status,
        headline: summary.headline,
        next_step: summary.next_step.map(|n| n.text),
        sub_cases: subs,
        deferred_materials: r.deferred.clone(),
        delivery: r.delivery.clone(),
    })
}

/// The case as 办件查询 shows it to whoever has its number and code.
pub fn for_lookup(
    state: &AppState,
    r: &ApplicationRecord,
    applicant_name: Option<&str>,
) -> Result<TrackedCase, AppError> {
    let case = for_applicant(state, r)?;
    Ok(TrackedCase {
        number: case.number,
        theme_name: case.theme_name,
        submitted_at: case.submitted_at,
        applicant: applicant_name
            .map(lianban_core::identity::mask_name)
            .unwrap_or_default(),
        headline: case.headline,
        sub_cases: case
            .sub_cases
            .into_iter()
            .map(|s| TrackedSubCase {
                number: s.number,
                matter_name: s.matter_name,
                department_name: s.department_name,
                status: s.status,
                status_label: s.status_label,
                deadline: s.deadline,
                timeline: s.timeline,
            })
            .collect(),
    })
}

/// One line of the clerk's work list.
pub fn work_item(
    state: &AppState,
    applicant: i64,
    case_number: &str,
    submitted_at: i64,
    applicant_name: Option<&str>,
    sub: &SubCaseRecord,
) -> Result<(WorkItem, Replayed), AppError> {
    let rep = replayed(state, applicant, sub)?;
    Ok((
        WorkItem {
            number: sub.number.clone(),
            case_number: case_number.to_string(),
            matter_name: rep.matter_name.clone(),
            applicant: applicant_name
                .map(lianban_core::identity::mask_name)
                .unwrap_or_default(),
            submitted_at: rfc3339_china(submitted_at),
            status: rep.state.status(),
            status_label: rep.state.status().label().to_string(),
            deadline: DeadlineView::from(&rep.deadline),
        },
        rep,
    ))
}
