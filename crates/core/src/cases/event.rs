//! The timeline is the events: every change of a sub-case is an [`Event`] appended to its
//! list, and its state is what [`replay`] makes of that list. A status is never overwritten in
//! place, so the timeline a citizen reads and the state a clerk acts on cannot drift apart.

use super::lifecycle::{next, Action, Actor, Refusal, SubCaseFacts, SubCaseState};
use crate::date::SimpleDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One change of a sub-case, as stored (append-only) and as the timeline shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Unix seconds. [`china_date`] gives the day the clock counts with.
    pub at: i64,
    pub actor: Actor,
    pub action: Action,
    /// A free remark of whoever acted, shown on the timeline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Event {
    /// The day it happened in China.
    pub fn day(&self) -> SimpleDate {
        china_date(self.at)
    }
}

/// The date in China (UTC+8 all year, no daylight saving) at Unix time `t`, clamped to years
/// 1..=9999 (no event lies within centuries of either end).
pub fn china_date(t: i64) -> SimpleDate {
    const CHINA_OFFSET: i64 = 8 * 3600;
    const DAY: i64 = 86_400;
    let days = t.saturating_add(CHINA_OFFSET).div_euclid(DAY);
    let first = SimpleDate::new(1, 1, 1).expect("a date");
    let last = SimpleDate::new(9999, 12, 31).expect("a date");
    let days = days.clamp(first.days_since_epoch(), last.days_since_epoch());
    SimpleDate::from_days_since_epoch(days).unwrap_or(first)
}

/// Why a list of events is not a history the lifecycle allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplayFault {
    /// [`next`] refuses the event in the state the earlier ones led to.
    Refused(Refusal),
    /// Earlier than the event before it.
    OutOfOrder,
}

/// The first event of a list that cannot have happened, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayError {
    /// 0-based position in the list.
    pub index: usize,
    pub fault: ReplayFault,
}

impl fmt::Display for ReplayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.fault {
            ReplayFault::Refused(r) => write!(f, "第{}条办理记录无效：{r}", self.index + 1),
            ReplayFault::OutOfOrder => {
                write!(f, "第{}条办理记录早于前一条", self.index + 1)
            }
        }
    }
}

impl std::error::Error for ReplayError {}

/// The state after each event, from `submitted` (which is not an event: it is the
/// application's submission). Fails at the first event the lifecycle does not allow.
pub fn replay_each(
    events: &[Event],
    facts: &SubCaseFacts<'_>,
) -> Result<Vec<SubCaseState>, ReplayError> {
    let mut states = Vec::with_capacity(events.len());
    let mut state = SubCaseState::Submitted;
    let mut last_at = i64::MIN;
    for (index, e) in events.iter().enumerate() {
        if e.at < last_at {
            return Err(ReplayError {
                index,
                fault: ReplayFault::OutOfOrder,
            });
        }
        last_at = e.at;
        state = next(&state, &e.action, &e.actor, facts).map_err(|r| ReplayError {
            index,
            fault: ReplayFault::Refused(r),
        })?;
        states.push(state.clone());
    }
    Ok(states)
}

/// The current state of a sub-case with these events.
pub fn replay(events: &[Event], facts: &SubCaseFacts<'_>) -> Result<SubCaseState, ReplayError> {
    Ok(replay_each(events, facts)?
        .pop()
        .unwrap_or(SubCaseState::Submitted))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::lifecycle::{ActionKind, SubCaseStatus};
    use crate::catalogue::CaseType;

    const FACTS: SubCaseFacts<'static> = SubCaseFacts {
        applicant: 7,
        department: "scjg",
        case_type: CaseType::Promised,
    };

    fn clerk() -> Actor {
        Actor::Clerk {
            department: "scjg".into(),
            clerk_id: "c1".into(),
        }
    }

    fn ev(at: i64, actor: Actor, action: Action) -> Event {
        Event {
            at,
            actor,
            action,
            note: None,
        }
    }

    #[test]
    fn china_dates() {
        // 2026-11-25 15:59:59 UTC is 23:59:59 in China; one second later it is the 26th.
        assert_eq!(china_date(1_795_622_399).to_string(), "2026-11-25");
        assert_eq!(china_date(1_795_622_400).to_string(), "2026-11-26");
        assert_eq!(china_date(0).to_string(), "1970-01-01");
        assert_eq!(china_date(i64::MIN).to_string(), "0001-01-01");
        assert_eq!(china_date(i64::MAX).to_string(), "9999-12-31");
    }

    #[test]
    fn replay_walks_the_events_from_submitted() {
        assert_eq!(replay(&[], &FACTS), Ok(SubCaseState::Submitted));
        let events = [
            ev(100, clerk(), Action::Accept),
            ev(200, clerk(), Action::StartReview),
            ev(
                300,
                clerk(),
                Action::Approve {
                    result: " 食品经营许可证 ".into(),
                },
            ),
        ];
        let states = replay_each(&events, &FACTS).unwrap();
        assert_eq!(
            states.iter().map(SubCaseState::status).collect::<Vec<_>>(),
            [
                SubCaseStatus::Accepted,
                SubCaseStatus::UnderReview,
                SubCaseStatus::Approved
            ]
        );
        assert_eq!(
            replay(&events, &FACTS),
            Ok(SubCaseState::Approved {
                result: "食品经营许可证".into()
            })
        );
    }

    #[test]
    fn an_impossible_history_is_an_error_at_its_first_bad_event() {
        let events = [
            ev(100, clerk(), Action::Accept),
            ev(200, Actor::Citizen { citizen_id: 7 }, Action::Withdraw),
        ];
        let e = replay(&events, &FACTS).unwrap_err();
        assert_eq!(
            e,
            ReplayError {
                index: 1,
                fault: ReplayFault::Refused(Refusal::NotNow {
                    status: SubCaseStatus::Accepted,
                    action: ActionKind::Withdraw
                })
            }
        );
        assert_eq!(e.to_string(), "第2条办理记录无效：该事项已受理，不能撤回");
        let backwards = [
            ev(200, clerk(), Action::Accept),
            ev(100, clerk(), Action::StartReview),
        ];
        assert_eq!(
            replay(&backwards, &FACTS).unwrap_err(),
            ReplayError {
                index: 1,
                fault: ReplayFault::OutOfOrder
            }
        );
        let twice = [
            ev(100, clerk(), Action::Accept),
            ev(100, clerk(), Action::Accept),
        ];
        assert_eq!(replay(&twice, &FACTS).unwrap_err().index, 1);
    }
}
