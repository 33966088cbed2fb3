//! The shapes the API answers about cases: the timeline as a citizen reads it, the clock with
//! its sentence, the clerk's work list and case, the public lookup and the message centre.
//! The server builds them; the SPA only shows them.

use super::clock::{Deadline, Progress, Warning};
use super::event::Event;
use super::lifecycle::{
    Action, ActionKind, Conclusion, DeliveryMethod, Role, SubCaseState, SubCaseStatus,
};
use serde::{Deserialize, Serialize};

/// One line of a sub-case's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineEntry {
    /// RFC 3339, China time.
    pub at: String,
    /// 申请人, the department's name, or 系统. Never a clerk's own name or account.
    pub who: String,
    pub action: ActionKind,
    /// e.g. 受理, 要求补正.
    pub title: String,
    /// What the action carried, as the citizen reads it: the reason, the result, the items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// The title and detail of an event's timeline line.
pub fn describe(event: &Event) -> (String, Option<String>) {
    let kind = event.action.kind();
    let conclusion = |c: &Conclusion| match c {
        Conclusion::Approved { result } => format!("准予：{result}"),
        Conclusion::NotApproved { reason } => format!("不予批准：{reason}"),
    };
    let detail = match &event.action {
        Action::Refuse { reason } | Action::NotApprove { reason } => Some(reason.clone()),
        Action::Approve { result } => Some(result.clone()),
        Action::AcceptAndConclude { conclusion: c } => Some(conclusion(c)),
        Action::RequestSupplement { items } => Some(
            items
                .iter()
                .map(|i| format!("{}：{}（{}）", i.kind.label(), i.name, i.reason))
                .collect::<Vec<_>>()
                .join("；"),
        ),
        Action::Deliver { how } => Some(match how {
            DeliveryMethod::Collected { .. } => "已在窗口领取".to_string(),
            DeliveryMethod::Posted { tracking_number } => {
                format!("已邮寄，快递单号 {tracking_number}")
            }
        }),
        Action::Accept | Action::StartReview | Action::ProvideSupplement | Action::Withdraw => None,
    };
    let detail = match (detail, event.note.as_deref().map(str::trim)) {
        (Some(d), Some(n)) if !n.is_empty() => Some(format!("{d}。{n}")),
        (None, Some(n)) if !n.is_empty() => Some(n.to_string()),
        (d, _) => d,
    };
    (kind.label().to_string(), detail)
}

/// Who an event's line names: the applicant, the department (by `department_name`), or 系统.
pub fn who(event: &Event, department_name: &str) -> String {
    match event.actor.role() {
        Role::Citizen => "申请人".to_string(),
        Role::Clerk => department_name.to_string(),
        Role::System => "系统".to_string(),
    }
}

/// The clock as shown beside a due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeadlineView {
    /// YYYY-MM-DD; none before acceptance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    /// 剩余3个工作日, 今天到期, 已超期2个工作日, 补正期间暂停计时 …
    pub remaining: String,
    pub warning: Warning,
    /// 黄牌：即将到期 / 红牌：已超期, or empty.
    pub warning_label: String,
    /// The sentence that explains the date.
    pub explanation: String,
    pub provisional: bool,
    /// Concluded on or before the due date (none while still open).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_time: Option<bool>,
}

impl From<&Deadline> for DeadlineView {
    fn from(d: &Deadline) -> DeadlineView {
        DeadlineView {
            due: d.due.map(|d| d.to_string()),
            remaining: d.remaining_text(),
            warning: d.warning,
            warning_label: d.warning.label().to_string(),
            explanation: d.explanation.clone(),
            provisional: d.provisional,
            on_time: match d.progress {
                Progress::Concluded { on_time, .. } => Some(on_time),
                _ => None,
            },
        }
    }
}

/// A sub-case as the public lookup (办件查询) shows it: no form answers, no materials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrackedSubCase {
    pub number: String,
    pub matter_name: String,
    pub department_name: String,
    pub status: SubCaseStatus,
    pub status_label: String,
    pub deadline: DeadlineView,
    pub timeline: Vec<TimelineEntry>,
}

/// 办件查询's answer: the timeline and the applicant, masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrackedCase {
    pub number: String,
    pub theme_name: String,
    /// RFC 3339, China time.
    pub submitted_at: String,
    /// e.g. 张*明.
    pub applicant: String,
    /// e.g. 2 项中 1 项已办结，1 项办理中.
    pub headline: String,
    pub sub_cases: Vec<TrackedSubCase>,
}

/// 窗口登录.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ClerkLogin {
    pub username: String,
    pub password: String,
}

/// The logged-in clerk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClerkProfile {
    pub username: String,
    pub name: String,
    pub department: String,
    pub department_name: String,
    pub hall_id: String,
    pub hall_name: String,
}

/// One line of the clerk's work list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkItem {
    /// The sub-case's number.
    pub number: String,
    /// The combined case's number.
    pub case_number: String,
    pub matter_name: String,
    /// Masked, e.g. 张*明: the list is seen over a clerk's shoulder.
    pub applicant: String,
    pub submitted_at: String,
    pub status: SubCaseStatus,
    pub status_label: String,
    pub deadline: DeadlineView,
}

/// A form answer as the clerk reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldAnswer {
    pub id: String,
    pub label: String,
    pub value: String,
}

/// A material of the case as the clerk sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseMaterial {
    pub key: String,
    pub name: String,
    /// 容缺: to be supplied later.
    pub deferred: bool,
    pub files: Vec<CaseFile>,
}

/// One uploaded file, downloaded through the clerk's access-checked endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseFile {
    pub id: String,
    pub name: String,
    pub content_type: String,
    pub size: u64,
}

/// A sub-case opened on the workbench: everything the clerk needs to decide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClerkCase {
    pub item: WorkItem,
    /// In full: the clerk checks it against the documents.
    pub applicant_name: String,
    pub applicant_phone: String,
    pub delivery: String,
    pub fields: Vec<FieldAnswer>,
    pub materials: Vec<CaseMaterial>,
    pub state: SubCaseState,
    pub timeline: Vec<TimelineEntry>,
    /// What the clerk may do now (the buttons).
    pub actions: Vec<ActionKind>,
    /// A supplement requested longer ago than the matter allows: the clerk should follow up.
    pub supplement_overdue: bool,
    /// What the citizen's latest 补正 supplied, item by item.
    #[serde(default)]
    pub supplied: Vec<SuppliedAnswer>,
    /// 好差评, with its follow-up when poor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<super::rating::Rating>,
}

/// A poor rating the department has yet to answer (整改).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpItem {
    /// The sub-case's number.
    pub number: String,
    pub case_number: String,
    pub matter_name: String,
    pub level_label: String,
    pub comment: String,
    /// YYYY-MM-DD.
    pub due_date: String,
    pub overdue: bool,
}

/// The department's answer to a poor rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FollowUpReply {
    pub reply: String,
}

/// 回访: whether the department's reply resolved the problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FollowUpVisit {
    pub resolved: bool,
}

/// What the citizen supplied for one requested item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SuppliedAnswer {
    /// The item's place in the request.
    pub index: usize,
    pub name: String,
    pub files: Vec<CaseFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// An entry of the citizen's message centre.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Message {
    pub id: i64,
    pub title: String,
    pub body: String,
    /// The combined case it is about.
    pub case_number: String,
    pub created_at: String,
    pub read: bool,
}

/// How many messages the citizen has not opened (the badge on 我的).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnreadCount {
    pub unread: u64,
}

/// The message a status change leaves for the citizen, and whether it also goes by SMS
/// (acceptance, refusal, a supplement request and a conclusion do). The SMS text never
/// carries a name or an ID number: only the matter, what happened and where to look.
pub fn notice(status: SubCaseStatus, matter_name: &str, case_number: &str) -> Notice {
    use SubCaseStatus as S;
    let (title, body, sms) = match status {
        S::Accepted => (
            "已受理",
            format!("您申请的“{matter_name}”已受理，部门正在办理。"),
            true,
        ),
        S::Refused => (
            "不予受理",
            format!("您申请的“{matter_name}”不予受理，原因请在办件详情中查看。"),
            true,
        ),
        S::UnderReview => (
            "审查中",
            format!("您申请的“{matter_name}”进入审查。"),
            false,
        ),
        S::SupplementRequested => (
            "请补正材料",
            format!(
                "您申请的“{matter_name}”需要补正材料，请在办件详情中查看需补正的内容并按要求补正。"
            ),
            true,
        ),
        S::SupplementProvided => (
            "已收到补正",
            format!("您为“{matter_name}”提交的补正已送达部门，等待审查。"),
            false,
        ),
        S::Approved => (
            "已办结",
            format!(
                "您申请的“{matter_name}”已办结（准予），请在办件详情中查看办理结果和领取方式。"
            ),
            true,
        ),
        S::NotApproved => (
            "已办结（不予批准）",
            format!("您申请的“{matter_name}”已办结，结果为不予批准，原因请在办件详情中查看。"),
            true,
        ),
        S::Delivered => (
            "已送达",
            format!("您申请的“{matter_name}”的办理结果已送达。欢迎对本次服务进行评价。"),
            false,
        ),
        S::Withdrawn => ("已撤回", format!("您已撤回“{matter_name}”的申请。"), false),
        S::Submitted => ("已提交", format!("您的“{matter_name}”申请已提交。"), false),
    };
    let sms = sms.then(|| {
        format!("【联办】{body}办件编号{case_number}，可在联办“我的办件”或“办件查询”查看。")
    });
    Notice {
        title: title.to_string(),
        body,
        sms,
    }
}

/// What [`notice`] leaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub title: String,
    pub body: String,
    pub sms: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::{Actor, SupplementItem, SupplementKind};

    fn event(action: Action, actor: Actor) -> Event {
        Event {
            at: 1_795_572_000,
            actor,
            action,
            note: None,
        }
    }

    #[test]
    fn a_supplement_request_lists_every_item_with_its_kind_and_reason() {
        let e = event(
            Action::RequestSupplement {
                items: vec![
                    SupplementItem {
                        kind: SupplementKind::Missing,
                        name: "房屋租赁合同".into(),
                        target: None,
                        reason: "未上传".into(),
                    },
                    SupplementItem {
                        kind: SupplementKind::Unclear,
                        name: "营业执照".into(),
                        target: None,
                        reason: "照片模糊".into(),
                    },
                ],
            },
            Actor::Clerk {
                department: "scjgj".into(),
                clerk_id: "c1".into(),
            },
        );
        let (title, detail) = describe(&e);
        assert_eq!(title, "要求补正");
        assert_eq!(
            detail.as_deref(),
            Some("缺少：房屋租赁合同（未上传）；不清晰：营业执照（照片模糊）")
        );
        assert_eq!(who(&e, "荆州市市场监督管理局"), "荆州市市场监督管理局");
    }

    #[test]
    fn the_timeline_never_names_the_clerk() {
        let e = event(
            Action::Accept,
            Actor::Clerk {
                department: "scjgj".into(),
                clerk_id: "wang.fang".into(),
            },
        );
        assert!(!who(&e, "市场监管局").contains("wang"));
        assert_eq!(
            who(
                &event(Action::Withdraw, Actor::Citizen { citizen_id: 1 }),
                "x"
            ),
            "申请人"
        );
    }

    #[test]
    fn only_the_four_big_steps_go_by_sms_and_it_names_no_person() {
        let sms: Vec<SubCaseStatus> = SubCaseStatus::ALL
            .into_iter()
            .filter(|s| notice(*s, "食品经营许可", "LB20261201000001").sms.is_some())
            .collect();
        assert_eq!(
            sms,
            vec![
                SubCaseStatus::Accepted,
                SubCaseStatus::Refused,
                SubCaseStatus::SupplementRequested,
                SubCaseStatus::Approved,
                SubCaseStatus::NotApproved,
            ]
        );
        let text = notice(SubCaseStatus::Accepted, "食品经营许可", "LB20261201000001")
            .sms
            .unwrap();
        assert!(text.contains("LB20261201000001") && text.starts_with("【联办】"));
    }
}
