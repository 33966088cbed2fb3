//! The combined case (联办件) as one line: its status derived from its sub-cases by one rule,
//! "3 项中 2 项已办结，1 项待您补正", and the one next thing the citizen must do.

use super::lifecycle::SubCaseStatus;
use serde::{Deserialize, Serialize};

/// What the citizen needs to know of one sub-case for the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubCaseBrief<'a> {
    /// 事项名称, e.g. 食品经营许可（新办）.
    pub matter_name: &'a str,
    pub status: SubCaseStatus,
    /// The citizen has rated it (好差评).
    pub rated: bool,
}

/// The combined case's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CombinedStatus {
    /// At least one sub-case waits for the citizen's supplement: nothing else comes first.
    AwaitingCitizen,
    /// At least one sub-case is still with a department.
    InProgress,
    /// Every sub-case has ended and at least one was concluded.
    Concluded,
    /// Every sub-case was refused or withdrawn.
    Closed,
}

impl CombinedStatus {
    pub const ALL: [CombinedStatus; 4] = [
        CombinedStatus::AwaitingCitizen,
        CombinedStatus::InProgress,
        CombinedStatus::Concluded,
        CombinedStatus::Closed,
    ];

    /// Exactly one of the texts [`CombinedStatus::as_str`] writes.
    pub fn parse(s: &str) -> Option<CombinedStatus> {
        CombinedStatus::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Still being handled: a second application for the same theme would most likely be a
    /// duplicate (a resubmit, another phone), so the citizen is asked first.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            CombinedStatus::AwaitingCitizen | CombinedStatus::InProgress
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CombinedStatus::AwaitingCitizen => "awaiting_citizen",
            CombinedStatus::InProgress => "in_progress",
            CombinedStatus::Concluded => "concluded",
            CombinedStatus::Closed => "closed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CombinedStatus::AwaitingCitizen => "待您补正",
            CombinedStatus::InProgress => "办理中",
            CombinedStatus::Concluded => "已办结",
            CombinedStatus::Closed => "已结束",
        }
    }
}

/// The groups a citizen counts sub-cases in, in the order the summary names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    Concluded,
    AwaitingCitizen,
    InProgress,
    Waiting,
    Refused,
    Withdrawn,
}

const GROUPS: [Group; 6] = [
    Group::Concluded,
    Group::AwaitingCitizen,
    Group::InProgress,
    Group::Waiting,
    Group::Refused,
    Group::Withdrawn,
];

impl Group {
    fn of(status: SubCaseStatus) -> Group {
        use SubCaseStatus as S;
        match status {
            S::Approved | S::NotApproved | S::Delivered => Group::Concluded,
            S::SupplementRequested => Group::AwaitingCitizen,
            S::Accepted | S::UnderReview | S::SupplementProvided => Group::InProgress,
            S::Submitted => Group::Waiting,
            S::Refused => Group::Refused,
            S::Withdrawn => Group::Withdrawn,
        }
    }

    /// After a count: 2 项{label}.
    fn label(self) -> &'static str {
        match self {
            Group::Concluded => "已办结",
            Group::AwaitingCitizen => "待您补正",
            Group::InProgress => "办理中",
            Group::Waiting => "待受理",
            Group::Refused => "不予受理",
            Group::Withdrawn => "已撤回",
        }
    }

    /// After 均: 3 项均{all}.
    fn all(self) -> &'static str {
        match self {
            Group::InProgress => "在办理中",
            other => other.label(),
        }
    }
}

/// What the citizen must do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NextStepKind {
    /// 补正: upload or correct what the department asked for.
    ProvideSupplement,
    /// Collect the result at the hall chosen for delivery.
    CollectResult,
    /// 好差评.
    Rate,
}

/// The one next thing, and which sub-case it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextStep {
    pub kind: NextStepKind,
    /// Index into the sub-cases given to [`summarize`].
    pub sub_case: usize,
    /// The sentence shown, e.g. 请为“食品经营许可（新办）”补正材料.
    pub text: String,
}

/// The combined case in one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseSummary {
    pub status: CombinedStatus,
    /// e.g. 3 项中 2 项已办结，1 项待您补正.
    pub headline: String,
    /// `None` when the citizen has nothing to do but wait.
    pub next_step: Option<NextStep>,
}

/// The one rule for a combined case. `collect_at_hall`: the citizen chose to collect results
/// at a hall (窗口领取), so an approved, undelivered result waits for them there.
pub fn summarize(sub_cases: &[SubCaseBrief<'_>], collect_at_hall: bool) -> CaseSummary {
    let count = |g: Group| {
        sub_cases
            .iter()
            .filter(|s| Group::of(s.status) == g)
            .count()
    };
    let total = sub_cases.len();
    let status = if count(Group::AwaitingCitizen) > 0 {
        CombinedStatus::AwaitingCitizen
    } else if count(Group::InProgress) + count(Group::Waiting) > 0 {
        CombinedStatus::InProgress
    } else if count(Group::Concluded) > 0 {
        CombinedStatus::Concluded
    } else {
        CombinedStatus::Closed
    };
    let present: Vec<(Group, usize)> = GROUPS
        .into_iter()
        .map(|g| (g, count(g)))
        .filter(|(_, n)| *n > 0)
        .collect();
    let headline = match present.as_slice() {
        [] => "暂无办理事项".to_string(),
        [(g, 1)] => g.label().to_string(),
        [(g, n)] => format!("{n} 项均{}", g.all()),
        parts => format!(
            "{total} 项中 {}",
            parts
                .iter()
                .map(|(g, n)| format!("{n} 项{}", g.label()))
                .collect::<Vec<_>>()
                .join("，")
        ),
    };
    let first = |pred: &dyn Fn(&SubCaseBrief<'_>) -> bool| sub_cases.iter().position(pred);
    let next_step = first(&|s| s.status == SubCaseStatus::SupplementRequested)
        .map(|i| NextStep {
            kind: NextStepKind::ProvideSupplement,
            sub_case: i,
            text: format!("请为“{}”补正材料", sub_cases[i].matter_name),
        })
        .or_else(|| {
            first(&|s| collect_at_hall && s.status == SubCaseStatus::Approved).map(|i| NextStep {
                kind: NextStepKind::CollectResult,
                sub_case: i,
                text: format!("“{}”已办结，请到大厅领取办理结果", sub_cases[i].matter_name),
            })
        })
        .or_else(|| {
            first(&|s| s.status.is_concluded() && !s.rated).map(|i| NextStep {
                kind: NextStepKind::Rate,
                sub_case: i,
                text: format!("“{}”已办结，请评价本次服务", sub_cases[i].matter_name),
            })
        });
    CaseSummary {
        status,
        headline,
        next_step,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use SubCaseStatus as S;

    #[test]
    fn combined_statuses_read_back_and_the_open_ones_are_those_still_handled() {
        for c in CombinedStatus::ALL {
            assert_eq!(CombinedStatus::parse(c.as_str()), Some(c));
        }
        assert_eq!(CombinedStatus::parse("submitted"), None);
        let open: Vec<_> = CombinedStatus::ALL
            .into_iter()
            .filter(|c| c.is_open())
            .collect();
        assert_eq!(
            open,
            [CombinedStatus::AwaitingCitizen, CombinedStatus::InProgress]
        );
    }

    fn brief(matter_name: &str, status: SubCaseStatus) -> SubCaseBrief<'_> {
        SubCaseBrief {
            matter_name,
            status,
            rated: false,
        }
    }

    #[test]
    fn the_issue_example() {
        let s = summarize(
            &[
                brief("营业执照", S::Delivered),
                brief("食品经营许可", S::SupplementRequested),
                brief("户外招牌设置", S::Approved),
            ],
            true,
        );
        assert_eq!(s.headline, "3 项中 2 项已办结，1 项待您补正");
        assert_eq!(s.status, CombinedStatus::AwaitingCitizen);
        let next = s.next_step.unwrap();
        assert_eq!(next.kind, NextStepKind::ProvideSupplement);
        assert_eq!(next.sub_case, 1);
        assert_eq!(next.text, "请为“食品经营许可”补正材料");
    }

    #[test]
    fn a_supplement_comes_first_then_collection_then_a_rating() {
        let mut subs = vec![
            brief("营业执照", S::Delivered),
            brief("食品经营许可", S::Approved),
            brief("户外招牌设置", S::UnderReview),
        ];
        let s = summarize(&subs, true);
        assert_eq!(s.headline, "3 项中 2 项已办结，1 项办理中");
        assert_eq!(s.status, CombinedStatus::InProgress);
        assert_eq!(
            s.next_step.unwrap().text,
            "“食品经营许可”已办结，请到大厅领取办理结果"
        );
        let s = summarize(&subs, false);
        let next = s.next_step.unwrap();
        assert_eq!(next.kind, NextStepKind::Rate);
        assert_eq!(
            (next.sub_case, next.text.as_str()),
            (0, "“营业执照”已办结，请评价本次服务")
        );
        subs[0].rated = true;
        subs[1].rated = true;
        assert_eq!(summarize(&subs, false).next_step, None);
    }

    #[test]
    fn headlines() {
        let h = |st: &[SubCaseStatus]| {
            let subs: Vec<SubCaseBrief> = st.iter().map(|s| brief("x", *s)).collect();
            let s = summarize(&subs, false);
            (s.headline, s.status)
        };
        assert_eq!(h(&[]), ("暂无办理事项".into(), CombinedStatus::Closed));
        assert_eq!(
            h(&[S::Submitted]),
            ("待受理".into(), CombinedStatus::InProgress)
        );
        assert_eq!(
            h(&[S::Approved, S::NotApproved, S::Delivered]),
            ("3 项均已办结".into(), CombinedStatus::Concluded)
        );
        assert_eq!(
            h(&[S::Accepted, S::SupplementProvided]),
            ("2 项均在办理中".into(), CombinedStatus::InProgress)
        );
        assert_eq!(
            h(&[S::Withdrawn, S::Refused]),
            (
                "2 项中 1 项不予受理，1 项已撤回".into(),
                CombinedStatus::Closed
            )
        );
        assert_eq!(
            h(&[
                S::Refused,
                S::Delivered,
                S::Submitted,
                S::SupplementRequested
            ]),
            (
                "4 项中 1 项已办结，1 项待您补正，1 项待受理，1 项不予受理".into(),
                CombinedStatus::AwaitingCitizen
            )
        );
    }
}
