//! Properties of the case lifecycle over every sequence of actions by any actors: nothing
//! reaches a state the lifecycle does not allow, replaying the accepted actions gives
//! the state stepping through them gave, the buttons on offer are exactly the actions that
//! can work, and a final state accepts nothing.

use lianban_core::cases::{
    allowed_actions, next, replay, replay_each, Action, ActionKind, Actor, Conclusion,
    DeliveryMethod, Event, RefusalClass, ReplayFault, Role, SubCaseFacts, SubCaseState,
    SubCaseStatus, SupplementItem, SupplementKind,
};
use lianban_core::catalogue::CaseType;
use proptest::prelude::*;

const APPLICANT: i64 = 7;
const DEPT: &str = "scjg";

/// The lifecycle, written out again by hand (not taken from the code under test):
/// (from, action, to, who).
const EDGES: &[(SubCaseStatus, ActionKind, SubCaseStatus, &[Who])] = {
    use ActionKind as A;
    use SubCaseStatus as S;
    &[
        (S::Submitted, A::Accept, S::Accepted, &[Who::DeptClerk]),
        (S::Submitted, A::Refuse, S::Refused, &[Who::DeptClerk]),
        (S::Submitted, A::Withdraw, S::Withdrawn, &[Who::Applicant]),
        // 即办件 only: checked separately.
        (
            S::Submitted,
            A::AcceptAndConclude,
            S::Approved,
            &[Who::DeptClerk],
        ),
        (
            S::Submitted,
            A::AcceptAndConclude,
            S::NotApproved,
            &[Who::DeptClerk],
        ),
        (
            S::Accepted,
            A::StartReview,
            S::UnderReview,
            &[Who::DeptClerk],
        ),
        (
            S::UnderReview,
            A::RequestSupplement,
            S::SupplementRequested,
            &[Who::DeptClerk],
        ),
        (
            S::SupplementRequested,
            A::ProvideSupplement,
            S::SupplementProvided,
            &[Who::Applicant],
        ),
        (
            S::SupplementProvided,
            A::StartReview,
            S::UnderReview,
            &[Who::DeptClerk],
        ),
        (S::UnderReview, A::Approve, S::Approved, &[Who::DeptClerk]),
        (
            S::UnderReview,
            A::NotApprove,
            S::NotApproved,
            &[Who::DeptClerk],
        ),
        (
            S::Approved,
            A::Deliver,
            S::Delivered,
            &[Who::DeptClerk, Who::Platform],
        ),
        (
            S::NotApproved,
            A::Deliver,
            S::Delivered,
            &[Who::DeptClerk, Who::Platform],
        ),
    ]
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Applicant,
    OtherCitizen,
    DeptClerk,
    OtherClerk,
    Platform,
}

const EVERYONE: [Who; 5] = [
    Who::Applicant,
    Who::OtherCitizen,
    Who::DeptClerk,
    Who::OtherClerk,
    Who::Platform,
];

fn actor(who: Who) -> Actor {
    match who {
        Who::Applicant => Actor::Citizen {
            citizen_id: APPLICANT,
        },
        Who::OtherCitizen => Actor::Citizen { citizen_id: 8 },
        Who::DeptClerk => Actor::Clerk {
            department: DEPT.into(),
            clerk_id: "clerk-a".into(),
        },
        Who::OtherClerk => Actor::Clerk {
            department: "gaj".into(),
            clerk_id: "clerk-b".into(),
        },
        Who::Platform => Actor::System,
    }
}

fn facts(case_type: CaseType) -> SubCaseFacts<'static> {
    SubCaseFacts {
        applicant: APPLICANT,
        department: DEPT,
        case_type,
    }
}

fn item(name: &str, reason: &str) -> SupplementItem {
    SupplementItem {
        kind: SupplementKind::Unclear,
        name: name.into(),
        target: None,
        reason: reason.into(),
    }
}

/// An action of `kind`, filled in well (`good`) or with what it needs left empty.
fn action(kind: ActionKind, good: bool, variant: bool) -> Action {
    let text = |s: &str| if good { s.to_string() } else { " ".to_string() };
    match kind {
        ActionKind::Accept => Action::Accept,
        ActionKind::AcceptAndConclude => Action::AcceptAndConclude {
            conclusion: if variant {
                Conclusion::Approved {
                    result: text("个体工商户营业执照"),
                }
            } else {
                Conclusion::NotApproved {
                    reason: text("经营范围属于禁止类"),
                }
            },
        },
        ActionKind::Refuse => Action::Refuse {
            reason: text("不属于本部门受理范围"),
        },
        ActionKind::StartReview => Action::StartReview,
        ActionKind::RequestSupplement => Action::RequestSupplement {
            items: if good {
                vec![
                    item("身份证复印件", "照片模糊，请重新拍摄"),
                    item("房屋租赁合同", "请上传完整的合同"),
                ]
            } else if variant {
                vec![]
            } else {
                vec![item("身份证复印件", "")]
            },
        },
        ActionKind::ProvideSupplement => Action::ProvideSupplement,
        ActionKind::Approve => Action::Approve {
            result: text("食品经营许可证 JY14210020000123"),
        },
        ActionKind::NotApprove => Action::NotApprove {
            reason: text("经营场所不符合食品安全要求"),
        },
        ActionKind::Deliver => Action::Deliver {
            how: if variant {
                DeliveryMethod::Collected {
                    hall_id: text("city-centre"),
                }
            } else {
                DeliveryMethod::Posted {
                    tracking_number: text("EA123456789CN"),
                }
            },
        },
        ActionKind::Withdraw => Action::Withdraw,
    }
}

fn any_step() -> impl Strategy<Value = (Who, ActionKind, bool, bool)> {
    (
        prop::sample::select(EVERYONE.to_vec()),
        prop::sample::select(ActionKind::ALL.to_vec()),
        prop::bool::weighted(0.8),
        any::<bool>(),
    )
}

fn any_case_type() -> impl Strategy<Value = CaseType> {
    prop::sample::select(vec![CaseType::Immediate, CaseType::Promised])
}

/// What a reachable state must hold, whatever led there.
fn well_formed(s: &SubCaseState) -> bool {
    let text = |t: &str| !t.is_empty() && t.trim() == t;
    match s {
        SubCaseState::Refused { reason } | SubCaseState::NotApproved { reason } => text(reason),
        SubCaseState::Approved { result } => text(result),
        SubCaseState::SupplementRequested { items } => {
            !items.is_empty() && items.iter().all(|i| text(&i.name) && text(&i.reason))
        }
        SubCaseState::Delivered { conclusion, how } => {
            let c = match conclusion {
                Conclusion::Approved { result } => text(result),
                Conclusion::NotApproved { reason } => text(reason),
            };
            let h = match how {
                DeliveryMethod::Collected { hall_id } => text(hall_id),
                DeliveryMethod::Posted { tracking_number } => text(tracking_number),
            };
            c && h
        }
        _ => true,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn no_sequence_of_actions_leaves_the_lifecycle(
        case_type in any_case_type(),
        steps in prop::collection::vec(any_step(), 0..40),
    ) {
        let f = facts(case_type);
        let mut state = SubCaseState::Submitted;
        let mut events = Vec::new();
        for (i, (who, kind, good, variant)) in steps.into_iter().enumerate() {
            let a = action(kind, good, variant);
            let by = actor(who);
            let offered = allowed_actions(&state, &by, &f).contains(&kind);
            match next(&state, &a, &by, &f) {
                Ok(after) => {
                    let edge = EDGES.iter().find(|(from, k, to, _)| {
                        *from == state.status() && *k == kind && *to == after.status()
                    });
                    prop_assert!(edge.is_some(), "{:?} -{:?}-> {:?}", state, kind, after);
                    prop_assert!(edge.unwrap().3.contains(&who), "{:?} took {:?}", who, kind);
                    prop_assert!(
                        kind != ActionKind::AcceptAndConclude || case_type == CaseType::Immediate
                    );
                    prop_assert!(offered, "{:?} worked but was not offered", kind);
                    prop_assert!(well_formed(&after), "{:?}", after);
                    events.push(Event {
                        at: 1_795_572_000 + i as i64 * 60,
                        actor: by,
                        action: a,
                        note: None,
                    });
                    state = after;
                }
                Err(refusal) => {
                    // Offered but refused: only because the form was not filled in.
                    prop_assert_eq!(
                        offered,
                        refusal.class() == RefusalClass::Invalid,
                        "{:?} {:?} {:?}", state, kind, refusal
                    );
                    prop_assert!(!refusal.message().is_empty());
                }
            }
        }
        prop_assert_eq!(replay(&events, &f), Ok(state.clone()));
        let each = replay_each(&events, &f).unwrap();
        prop_assert_eq!(each.len(), events.len());
        if state.status().is_terminal() {
            for who in EVERYONE {
                prop_assert!(allowed_actions(&state, &actor(who), &f).is_empty());
                for kind in ActionKind::ALL {
                    for variant in [true, false] {
                        prop_assert!(next(&state, &action(kind, true, variant), &actor(who), &f).is_err());
                    }
                }
            }
        }
    }

    /// Whatever a stored history says, replay accepts it only if every event was allowed in
    /// turn: a forged or reordered timeline cannot produce a state.
    #[test]
    fn replay_accepts_only_histories_next_accepts(
        case_type in any_case_type(),
        steps in prop::collection::vec((any_step(), 0i64..3), 0..25),
    ) {
        let f = facts(case_type);
        let mut at = 1_795_572_000i64;
        let events: Vec<Event> = steps
            .into_iter()
            .map(|((who, kind, good, variant), back)| {
                // Now and then one goes back in time.
                at += 60 - back * 50;
                Event { at, actor: actor(who), action: action(kind, good, variant), note: None }
            })
            .collect();
        let mut state = SubCaseState::Submitted;
        let mut first_bad = None;
        for (i, e) in events.iter().enumerate() {
            if i > 0 && e.at < events[i - 1].at {
                first_bad = Some((i, ReplayFault::OutOfOrder));
                break;
            }
            match next(&state, &e.action, &e.actor, &f) {
                Ok(s) => state = s,
                Err(r) => {
                    first_bad = Some((i, ReplayFault::Refused(r)));
                    break;
                }
            }
        }
        match (replay(&events, &f), first_bad) {
            (Ok(s), None) => prop_assert_eq!(s, state),
            (Err(e), Some((index, fault))) => {
                prop_assert_eq!(e.index, index);
                prop_assert_eq!(e.fault, fault);
            }
            (got, expected) => prop_assert!(false, "{:?} vs {:?}", got, expected),
        }
    }
}

#[test]
fn every_status_is_reachable() {
    // Breadth-first over well-filled actions by everyone: the lifecycle has no dead status.
    let f = facts(CaseType::Immediate);
    let mut seen = vec![SubCaseState::Submitted];
    let mut i = 0;
    while i < seen.len() {
        let s = seen[i].clone();
        for who in EVERYONE {
            for kind in ActionKind::ALL {
                for variant in [true, false] {
                    if let Ok(after) = next(&s, &action(kind, true, variant), &actor(who), &f) {
                        if !seen.iter().any(|x| x.status() == after.status()) {
                            seen.push(after);
                        }
                    }
                }
            }
        }
        i += 1;
    }
    let mut statuses: Vec<SubCaseStatus> = seen.iter().map(SubCaseState::status).collect();
    statuses.sort();
    assert_eq!(statuses, SubCaseStatus::ALL.to_vec());
    // And the text forms a CHECK constraint will list are exactly these.
    assert_eq!(
        SubCaseStatus::ALL
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(","),
        "submitted,accepted,refused,under_review,supplement_requested,supplement_provided,approved,not_approved,delivered,withdrawn"
    );
    assert!(Role::Clerk.label() == "窗口工作人员");
}
