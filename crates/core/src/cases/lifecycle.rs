//! The life of a sub-case, as data plus one function: [`next`] decides every transition for
//! the server (which records it) and the SPA (which offers only the buttons
//! [`allowed_actions`] returns), so the two cannot disagree about what a case may do next.
//!
//! | from | action | to | by |
//! | --- | --- | --- | --- |
//! | submitted | accept | accepted | clerk |
//! | submitted | accept_and_conclude (即办件 only) | approved / not_approved | clerk |
//! | submitted | refuse (reason) | refused | clerk |
//! | submitted | withdraw | withdrawn | applicant |
//! | accepted, supplement_provided | start_review | under_review | clerk |
//! | under_review | request_supplement (items) | supplement_requested | clerk |
//! | supplement_requested | provide_supplement | supplement_provided | applicant |
//! | under_review | approve (result) | approved | clerk |
//! | under_review | not_approve (reason) | not_approved | clerk |
//! | approved, not_approved | deliver (how) | delivered | clerk, platform |
//!
//! Refused, withdrawn and delivered are final. Every other pair is refused with a typed
//! [`Refusal`].
//!
//! Only the applicant (not another citizen) withdraws and provides a supplement; only a clerk
//! of the sub-case's department decides; the platform itself may only record a delivery (a
//! courier's callback). A not-approved decision is delivered too: the law wants it in writing.

use crate::catalogue::CaseType;
use serde::{Deserialize, Serialize};

/// Longest reason (refusal, not approved, one supplement item's why), in characters.
pub const MAX_REASON_CHARS: usize = 500;
/// Longest result text (e.g. 食品经营许可证 JY14210020000123), in characters.
pub const MAX_RESULT_CHARS: usize = 200;
/// Longest name of a supplement item (the material or field it is about), in characters.
pub const MAX_ITEM_NAME_CHARS: usize = 100;
/// Most items one supplement request may list.
pub const MAX_SUPPLEMENT_ITEMS: usize = 30;
/// Longest hall id of a delivery by collection.
pub const MAX_HALL_ID_LEN: usize = 64;

/// The status of a sub-case without its data: what a TEXT column with a CHECK constraint
/// holds (see [`SubCaseStatus::as_str`] and [`SubCaseStatus::ALL`]), and what filters use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SubCaseStatus {
    /// 已提交，待受理.
    Submitted,
    /// 已受理.
    Accepted,
    /// 不予受理.
    Refused,
    /// 审查中.
    UnderReview,
    /// 待补正.
    SupplementRequested,
    /// 已补正，待审查.
    SupplementProvided,
    /// 办结：准予.
    Approved,
    /// 办结：不予批准.
    NotApproved,
    /// 已送达.
    Delivered,
    /// 已撤回.
    Withdrawn,
}

impl SubCaseStatus {
    /// Every status, in the order of the lifecycle.
    pub const ALL: [SubCaseStatus; 10] = [
        SubCaseStatus::Submitted,
        SubCaseStatus::Accepted,
        SubCaseStatus::Refused,
        SubCaseStatus::UnderReview,
        SubCaseStatus::SupplementRequested,
        SubCaseStatus::SupplementProvided,
        SubCaseStatus::Approved,
        SubCaseStatus::NotApproved,
        SubCaseStatus::Delivered,
        SubCaseStatus::Withdrawn,
    ];

    /// The stable text form, as stored and as serde writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            SubCaseStatus::Submitted => "submitted",
            SubCaseStatus::Accepted => "accepted",
            SubCaseStatus::Refused => "refused",
            SubCaseStatus::UnderReview => "under_review",
            SubCaseStatus::SupplementRequested => "supplement_requested",
            SubCaseStatus::SupplementProvided => "supplement_provided",
            SubCaseStatus::Approved => "approved",
            SubCaseStatus::NotApproved => "not_approved",
            SubCaseStatus::Delivered => "delivered",
            SubCaseStatus::Withdrawn => "withdrawn",
        }
    }

    /// Exactly one of the texts [`SubCaseStatus::as_str`] writes; `None` for anything else
    /// (a status never falls back to a default).
    pub fn parse(s: &str) -> Option<SubCaseStatus> {
        SubCaseStatus::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// No action can follow: refused, withdrawn, delivered.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            SubCaseStatus::Refused | SubCaseStatus::Withdrawn | SubCaseStatus::Delivered
        )
    }

    /// 已办结: a decision on the matter was made (approved or not, delivered or not). What
    /// makes a sub-case ratable (好差评) and stops its clock.
    pub fn is_concluded(self) -> bool {
        matches!(
            self,
            SubCaseStatus::Approved | SubCaseStatus::NotApproved | SubCaseStatus::Delivered
        )
    }
}

/// What one supplement item asks for (补正类型).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SupplementKind {
    /// 缺少: not supplied at all.
    Missing,
    /// 不清晰: supplied but unreadable.
    Unclear,
    /// 已过期: supplied but no longer valid.
    Expired,
    /// 需更正: a material or a form answer that is wrong.
    NeedsCorrection,
}

impl SupplementKind {
    pub const ALL: [SupplementKind; 4] = [
        SupplementKind::Missing,
        SupplementKind::Unclear,
        SupplementKind::Expired,
        SupplementKind::NeedsCorrection,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SupplementKind::Missing => "missing",
            SupplementKind::Unclear => "unclear",
            SupplementKind::Expired => "expired",
            SupplementKind::NeedsCorrection => "needs_correction",
        }
    }
}

/// One thing a supplement request asks for. A request lists every item at once (一次性告知),
/// each thing once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SupplementItem {
    pub kind: SupplementKind,
    /// What it is about, as the citizen knows it: a material's name (房屋租赁合同) or a form
    /// field's label.
    pub name: String,
    /// Where the citizen answers it, keyed as the application's problems are:
    /// `materials.<key>` or `fields.<id>`; none for anything else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Why, and what would do (e.g. 租赁合同已于2026年10月到期，请上传续签后的合同).
    pub reason: String,
}

/// 办结: the department's decision on the matter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Conclusion {
    /// 准予: `result` is what the citizen gets (e.g. 食品经营许可证 JY14210020000123).
    Approved { result: String },
    /// 不予批准, with the reason the law requires in writing.
    NotApproved { reason: String },
}

/// 送达: how the result (or the written decision not to approve) reached the citizen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum DeliveryMethod {
    /// 窗口领取 at a hall (its catalogue id).
    Collected { hall_id: String },
    /// 邮寄送达, with the courier's tracking number.
    Posted { tracking_number: String },
}

/// A sub-case is in exactly one of these, with what that state needs to be shown.
///
/// A state is not stored and overwritten: it is what [`super::replay`] makes of the
/// sub-case's events. Serde: `{"status": "refused", "reason": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum SubCaseState {
    Submitted,
    Accepted,
    Refused {
        reason: String,
    },
    UnderReview,
    /// The clock stops while the citizen answers these.
    SupplementRequested {
        items: Vec<SupplementItem>,
    },
    SupplementProvided,
    Approved {
        result: String,
    },
    NotApproved {
        reason: String,
    },
    /// The conclusion is kept: a delivered sub-case still says what was decided.
    Delivered {
        conclusion: Conclusion,
        how: DeliveryMethod,
    },
    Withdrawn,
}

impl SubCaseState {
    pub fn status(&self) -> SubCaseStatus {
        match self {
            SubCaseState::Submitted => SubCaseStatus::Submitted,
            SubCaseState::Accepted => SubCaseStatus::Accepted,
            SubCaseState::Refused { .. } => SubCaseStatus::Refused,
            SubCaseState::UnderReview => SubCaseStatus::UnderReview,
            SubCaseState::SupplementRequested { .. } => SubCaseStatus::SupplementRequested,
            SubCaseState::SupplementProvided => SubCaseStatus::SupplementProvided,
            SubCaseState::Approved { .. } => SubCaseStatus::Approved,
            SubCaseState::NotApproved { .. } => SubCaseStatus::NotApproved,
            SubCaseState::Delivered { .. } => SubCaseStatus::Delivered,
            SubCaseState::Withdrawn => SubCaseStatus::Withdrawn,
        }
    }

    /// The decision, once there is one.
    pub fn conclusion(&self) -> Option<Conclusion> {
        match self {
            SubCaseState::Approved { result } => Some(Conclusion::Approved {
                result: result.clone(),
            }),
            SubCaseState::NotApproved { reason } => Some(Conclusion::NotApproved {
                reason: reason.clone(),
            }),
            SubCaseState::Delivered { conclusion, .. } => Some(conclusion.clone()),
            _ => None,
        }
    }
}

/// What an actor asks to do to a sub-case, with what the action needs. Serde:
/// `{"action": "refuse", "reason": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "action")]
pub enum Action {
    /// 受理.
    Accept,
    /// 即办件: accepted and decided at the window in one step.
    AcceptAndConclude { conclusion: Conclusion },
    /// 不予受理, with the reason.
    Refuse { reason: String },
    /// 开始审查 (again, after a supplement).
    StartReview,
    /// 要求补正: every item at once.
    RequestSupplement { items: Vec<SupplementItem> },
    /// 已按要求补正: the citizen confirms the uploads and corrections are done.
    ProvideSupplement,
    /// 办结：准予.
    Approve { result: String },
    /// 办结：不予批准.
    NotApprove { reason: String },
    /// 送达.
    Deliver { how: DeliveryMethod },
    /// 撤回 by the applicant, before acceptance.
    Withdraw,
}

/// An action without its data: what a button is, and what an event's TEXT column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    Accept,
    AcceptAndConclude,
    Refuse,
    StartReview,
    RequestSupplement,
    ProvideSupplement,
    Approve,
    NotApprove,
    Deliver,
    Withdraw,
}

impl ActionKind {
    pub const ALL: [ActionKind; 10] = [
        ActionKind::Accept,
        ActionKind::AcceptAndConclude,
        ActionKind::Refuse,
        ActionKind::StartReview,
        ActionKind::RequestSupplement,
        ActionKind::ProvideSupplement,
        ActionKind::Approve,
        ActionKind::NotApprove,
        ActionKind::Deliver,
        ActionKind::Withdraw,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::Accept => "accept",
            ActionKind::AcceptAndConclude => "accept_and_conclude",
            ActionKind::Refuse => "refuse",
            ActionKind::StartReview => "start_review",
            ActionKind::RequestSupplement => "request_supplement",
            ActionKind::ProvideSupplement => "provide_supplement",
            ActionKind::Approve => "approve",
            ActionKind::NotApprove => "not_approve",
            ActionKind::Deliver => "deliver",
            ActionKind::Withdraw => "withdraw",
        }
    }

    /// Exactly one of the texts [`ActionKind::as_str`] writes.
    pub fn parse(s: &str) -> Option<ActionKind> {
        ActionKind::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// Who may take it.
    pub fn roles(self) -> &'static [Role] {
        match self {
            ActionKind::ProvideSupplement | ActionKind::Withdraw => &[Role::Citizen],
            ActionKind::Deliver => &[Role::Clerk, Role::System],
            _ => &[Role::Clerk],
        }
    }

    /// The statuses it may be taken in.
    pub fn from_statuses(self) -> &'static [SubCaseStatus] {
        use SubCaseStatus as S;
        match self {
            ActionKind::Accept
            | ActionKind::AcceptAndConclude
            | ActionKind::Refuse
            | ActionKind::Withdraw => &[S::Submitted],
            ActionKind::StartReview => &[S::Accepted, S::SupplementProvided],
            ActionKind::RequestSupplement | ActionKind::Approve | ActionKind::NotApprove => {
                &[S::UnderReview]
            }
            ActionKind::ProvideSupplement => &[S::SupplementRequested],
            ActionKind::Deliver => &[S::Approved, S::NotApproved],
        }
    }
}

impl Action {
    pub fn kind(&self) -> ActionKind {
        match self {
            Action::Accept => ActionKind::Accept,
            Action::AcceptAndConclude { .. } => ActionKind::AcceptAndConclude,
            Action::Refuse { .. } => ActionKind::Refuse,
            Action::StartReview => ActionKind::StartReview,
            Action::RequestSupplement { .. } => ActionKind::RequestSupplement,
            Action::ProvideSupplement => ActionKind::ProvideSupplement,
            Action::Approve { .. } => ActionKind::Approve,
            Action::NotApprove { .. } => ActionKind::NotApprove,
            Action::Deliver { .. } => ActionKind::Deliver,
            Action::Withdraw => ActionKind::Withdraw,
        }
    }
}

/// The kind of actor, for the rule of who may take an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 申请人.
    Citizen,
    /// 窗口工作人员 of a department.
    Clerk,
    /// The platform itself (a courier's delivery callback).
    System,
}

/// Who takes an action. Serde: `{"kind": "clerk", "department": "scjg", "clerk_id": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Actor {
    /// A logged-in citizen (their account id).
    Citizen {
        citizen_id: i64,
    },
    /// A clerk: the department decides what they may touch; the account id is for the audit
    /// trail and is never shown to the citizen.
    Clerk {
        department: String,
        clerk_id: String,
    },
    System,
}

impl Actor {
    pub fn role(&self) -> Role {
        match self {
            Actor::Citizen { .. } => Role::Citizen,
            Actor::Clerk { .. } => Role::Clerk,
            Actor::System => Role::System,
        }
    }
}

/// What [`next`] needs to know about the sub-case beyond its state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubCaseFacts<'a> {
    /// The citizen account that applied: the only citizen who may act on it.
    pub applicant: i64,
    /// The code of the department that handles the matter (the catalogue's `department`).
    pub department: &'a str,
    /// 即办件 or 承诺件, from the matter.
    pub case_type: CaseType,
}

/// Whether a refusal is about who asks, about the state the case is in, or about what the
/// action carries; the server's one place that picks an HTTP status maps these to 403, 409
/// and 422.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusalClass {
    Forbidden,
    Conflict,
    Invalid,
}

/// Why [`next`] refuses an action. [`Refusal::message`] is the sentence a citizen or clerk
/// is shown; a refusal about the state names it ("该事项已受理，不能撤回").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The action is not possible in the sub-case's current status.
    NotNow {
        status: SubCaseStatus,
        action: ActionKind,
    },
    /// `accept_and_conclude` on a 承诺件.
    NotImmediate,
    /// A citizen (or the platform) asked for what only a clerk does.
    ClerkOnly {
        action: ActionKind,
    },
    /// A clerk (or the platform) asked for what only the applicant does.
    ApplicantOnly {
        action: ActionKind,
    },
    /// A citizen who is not the applicant.
    NotYourCase,
    /// A clerk of another department.
    OtherDepartment,
    /// Refuse, not approve: the reason is required.
    ReasonRequired {
        action: ActionKind,
    },
    ReasonTooLong {
        action: ActionKind,
    },
    /// Approve: what the citizen gets is required.
    ResultRequired {
        action: ActionKind,
    },
    ResultTooLong {
        action: ActionKind,
    },
    /// A supplement request without items.
    NoSupplementItems,
    TooManySupplementItems,
    /// `index` is 0-based.
    SupplementItemNameMissing {
        index: usize,
    },
    SupplementItemReasonMissing {
        index: usize,
    },
    SupplementItemTooLong {
        index: usize,
    },
    /// A target that is neither `materials.<key>` nor `fields.<id>`.
    SupplementItemTarget {
        index: usize,
    },
    /// The same material or field listed twice: one item says everything about it.
    DuplicateSupplementItem {
        index: usize,
    },
    /// Collection at a hall without the hall.
    HallRequired,
    /// A posted delivery's tracking number is not 6 to 30 ASCII letters and digits.
    TrackingNumber,
}

impl Refusal {
    pub fn class(&self) -> RefusalClass {
        match self {
            Refusal::NotNow { .. } | Refusal::NotImmediate => RefusalClass::Conflict,
            Refusal::ClerkOnly { .. }
            | Refusal::ApplicantOnly { .. }
            | Refusal::NotYourCase
            | Refusal::OtherDepartment => RefusalClass::Forbidden,
            _ => RefusalClass::Invalid,
        }
    }

    /// A stable snake_case code for APIs.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::NotNow { .. } => "case_action_not_allowed_now",
            Refusal::NotImmediate => "case_not_immediate",
            Refusal::ClerkOnly { .. } => "case_clerk_only",
            Refusal::ApplicantOnly { .. } => "case_applicant_only",
            Refusal::NotYourCase => "case_not_yours",
            Refusal::OtherDepartment => "case_other_department",
            Refusal::ReasonRequired { .. } => "case_reason_required",
            Refusal::ReasonTooLong { .. } => "case_reason_too_long",
            Refusal::ResultRequired { .. } => "case_result_required",
            Refusal::ResultTooLong { .. } => "case_result_too_long",
            Refusal::NoSupplementItems => "supplement_items_required",
            Refusal::TooManySupplementItems => "supplement_items_too_many",
            Refusal::SupplementItemNameMissing { .. } => "supplement_item_name_required",
            Refusal::SupplementItemReasonMissing { .. } => "supplement_item_reason_required",
            Refusal::SupplementItemTooLong { .. } => "supplement_item_too_long",
            Refusal::SupplementItemTarget { .. } => "supplement_item_target",
            Refusal::DuplicateSupplementItem { .. } => "supplement_item_duplicate",
            Refusal::HallRequired => "delivery_hall_required",
            Refusal::TrackingNumber => "delivery_tracking_number",
        }
    }

    /// The field of the action (in its serde shape) the refusal is about, for per-field
    /// errors in a form.
    pub fn field(&self) -> Option<String> {
        let in_conclusion = |action: &ActionKind, name: &str| {
            if *action == ActionKind::AcceptAndConclude {
                format!("conclusion.{name}")
            } else {
                name.to_string()
            }
        };
        match self {
            Refusal::ReasonRequired { action } | Refusal::ReasonTooLong { action } => {
                Some(in_conclusion(action, "reason"))
            }
            Refusal::ResultRequired { action } | Refusal::ResultTooLong { action } => {
                Some(in_conclusion(action, "result"))
            }
            Refusal::NoSupplementItems | Refusal::TooManySupplementItems => {
                Some("items".to_string())
            }
            Refusal::SupplementItemNameMissing { index }
            | Refusal::DuplicateSupplementItem { index } => Some(format!("items[{index}].name")),
            Refusal::SupplementItemReasonMissing { index }
            | Refusal::SupplementItemTooLong { index } => Some(format!("items[{index}].reason")),
            Refusal::SupplementItemTarget { index } => Some(format!("items[{index}].target")),
            Refusal::HallRequired => Some("how.hall_id".to_string()),
            Refusal::TrackingNumber => Some("how.tracking_number".to_string()),
            _ => None,
        }
    }

    /// The sentence shown.
    pub fn message(&self) -> String {
        let n = |index: &usize| index + 1;
        match self {
            Refusal::NotNow { status, action } => {
                format!("该事项{}，不能{}", status.phrase(), action.verb())
            }
            Refusal::NotImmediate => "该事项不是即办件，不能当场办结，请先受理".to_string(),
            Refusal::ClerkOnly { action } => {
                format!("只有承办部门的工作人员可以{}", action.verb())
            }
            Refusal::ApplicantOnly { action } => {
                format!("只有申请人本人可以{}", action.verb())
            }
            Refusal::NotYourCase => "这不是您的办件，不能办理".to_string(),
            Refusal::OtherDepartment => "该事项由其他部门承办，您无权办理".to_string(),
            Refusal::ReasonRequired { action } => match action {
                ActionKind::Refuse => "请填写不予受理的理由".to_string(),
                _ => "请填写不予批准的理由".to_string(),
            },
            Refusal::ReasonTooLong { .. } => {
                format!("理由不能超过{MAX_REASON_CHARS}个字")
            }
            Refusal::ResultRequired { .. } => {
                "请填写办理结果（如证照名称和编号）".to_string()
            }
            Refusal::ResultTooLong { .. } => {
                format!("办理结果不能超过{MAX_RESULT_CHARS}个字")
            }
            Refusal::NoSupplementItems => {
                "请一次性列出需要补正的全部材料或内容，至少一项".to_string()
            }
            Refusal::TooManySupplementItems => {
                format!("补正要求最多{MAX_SUPPLEMENT_ITEMS}项，请合并相近的要求")
            }
            Refusal::SupplementItemNameMissing { index } => {
                format!("第{}项补正要求缺少材料或内容的名称", n(index))
            }
            Refusal::SupplementItemReasonMissing { index } => {
                format!("第{}项补正要求缺少原因，请说明需要怎样补正", n(index))
            }
            Refusal::SupplementItemTooLong { index } => format!(
                "第{}项补正要求的文字过长（名称不超过{MAX_ITEM_NAME_CHARS}个字，原因不超过{MAX_REASON_CHARS}个字）",
                n(index)
            ),
            Refusal::SupplementItemTarget { index } => {
                format!("第{}项补正要求指向的材料或表单项不正确", n(index))
            }
            Refusal::DuplicateSupplementItem { index } => {
                format!("第{}项与前面的补正要求重复，请合并为一项", n(index))
            }
            Refusal::HallRequired => "请填写领取结果的大厅".to_string(),
            Refusal::TrackingNumber => "邮寄单号应为6到30位字母或数字".to_string(),
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for Refusal {}

/// Whether `actor` may take `action` on a sub-case in `status` at all, before looking at
/// what the action carries: who first (so that another department learns nothing of the
/// state), then the matter, then the state.
fn check(
    status: SubCaseStatus,
    action: ActionKind,
    actor: &Actor,
    facts: &SubCaseFacts<'_>,
) -> Result<(), Refusal> {
    let roles = action.roles();
    match actor {
        Actor::Citizen { citizen_id } => {
            if !roles.contains(&Role::Citizen) {
                return Err(Refusal::ClerkOnly { action });
            }
            if *citizen_id != facts.applicant {
                return Err(Refusal::NotYourCase);
            }
        }
        Actor::Clerk { department, .. } => {
            if !roles.contains(&Role::Clerk) {
                return Err(Refusal::ApplicantOnly { action });
            }
            if department != facts.department {
                return Err(Refusal::OtherDepartment);
            }
        }
        Actor::System => {
            if !roles.contains(&Role::System) {
                return Err(if roles.contains(&Role::Citizen) {
                    Refusal::ApplicantOnly { action }
                } else {
                    Refusal::ClerkOnly { action }
                });
            }
        }
    }
    if action == ActionKind::AcceptAndConclude && facts.case_type != CaseType::Immediate {
        return Err(Refusal::NotImmediate);
    }
    if !action.from_statuses().contains(&status) {
        return Err(Refusal::NotNow { status, action });
    }
    Ok(())
}

/// Trimmed `text`, or the refusal when it is empty or longer than `max` characters.
fn required(text: &str, max: usize, missing: Refusal, long: Refusal) -> Result<String, Refusal> {
    let t = text.trim();
    if t.is_empty() {
        Err(missing)
    } else if t.chars().count() > max {
        Err(long)
    } else {
        Ok(t.to_string())
    }
}

fn checked_conclusion(c: &Conclusion, action: ActionKind) -> Result<Conclusion, Refusal> {
    Ok(match c {
        Conclusion::Approved { result } => Conclusion::Approved {
            result: required(
                result,
                MAX_RESULT_CHARS,
                Refusal::ResultRequired { action },
                Refusal::ResultTooLong { action },
            )?,
        },
        Conclusion::NotApproved { reason } => Conclusion::NotApproved {
            reason: required(
                reason,
                MAX_REASON_CHARS,
                Refusal::ReasonRequired { action },
                Refusal::ReasonTooLong { action },
            )?,
        },
    })
}

/// `materials.<key>` or `fields.<id>`, each part ASCII without spaces.
fn is_target(t: &str) -> bool {
    let rest = t
        .strip_prefix("materials.")
        .or_else(|| t.strip_prefix("fields."));
    rest.is_some_and(|r| {
        (1..=MAX_HALL_ID_LEN).contains(&r.len())
            && r.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    })
}

fn checked_items(items: &[SupplementItem]) -> Result<Vec<SupplementItem>, Refusal> {
    if items.is_empty() {
        return Err(Refusal::NoSupplementItems);
    }
    if items.len() > MAX_SUPPLEMENT_ITEMS {
        return Err(Refusal::TooManySupplementItems);
    }
    let mut out: Vec<SupplementItem> = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let too_long = Refusal::SupplementItemTooLong { index };
        let name = required(
            &item.name,
            MAX_ITEM_NAME_CHARS,
            Refusal::SupplementItemNameMissing { index },
            too_long.clone(),
        )?;
        let reason = required(
            &item.reason,
            MAX_REASON_CHARS,
            Refusal::SupplementItemReasonMissing { index },
            too_long,
        )?;
        if item.target.as_deref().is_some_and(|t| !is_target(t)) {
            return Err(Refusal::SupplementItemTarget { index });
        }
        if out
            .iter()
            .any(|o| o.name == name || (o.target.is_some() && o.target == item.target))
        {
            return Err(Refusal::DuplicateSupplementItem { index });
        }
        out.push(SupplementItem {
            kind: item.kind,
            name,
            target: item.target.clone(),
            reason,
        });
    }
    Ok(out)
}

fn checked_delivery(how: &DeliveryMethod) -> Result<DeliveryMethod, Refusal> {
    Ok(match how {
        DeliveryMethod::Collected { hall_id } => {
            let h = hall_id.trim();
            if h.is_empty() || h.len() > MAX_HALL_ID_LEN {
                return Err(Refusal::HallRequired);
            }
            DeliveryMethod::Collected {
                hall_id: h.to_string(),
            }
        }
        DeliveryMethod::Posted { tracking_number } => {
            let t = tracking_number.trim();
            if !(6..=30).contains(&t.len()) || !t.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return Err(Refusal::TrackingNumber);
            }
            DeliveryMethod::Posted {
                tracking_number: t.to_string(),
            }
        }
    })
}

/// The one rule of the lifecycle: the state after `actor` takes `action` on a sub-case in
/// `state`, or why not. Texts the action carries are kept trimmed.
pub fn next(
    state: &SubCaseState,
    action: &Action,
    actor: &Actor,
    facts: &SubCaseFacts<'_>,
) -> Result<SubCaseState, Refusal> {
    let kind = action.kind();
    check(state.status(), kind, actor, facts)?;
    Ok(match action {
        Action::Accept => SubCaseState::Accepted,
        Action::AcceptAndConclude { conclusion } => match checked_conclusion(conclusion, kind)? {
            Conclusion::Approved { result } => SubCaseState::Approved { result },
            Conclusion::NotApproved { reason } => SubCaseState::NotApproved { reason },
        },
        Action::Refuse { reason } => SubCaseState::Refused {
            reason: required(
                reason,
                MAX_REASON_CHARS,
                Refusal::ReasonRequired { action: kind },
                Refusal::ReasonTooLong { action: kind },
            )?,
        },
        Action::StartReview => SubCaseState::UnderReview,
        Action::RequestSupplement { items } => SubCaseState::SupplementRequested {
            items: checked_items(items)?,
        },
        Action::ProvideSupplement => SubCaseState::SupplementProvided,
        Action::Approve { result } => SubCaseState::Approved {
            result: required(
                result,
                MAX_RESULT_CHARS,
                Refusal::ResultRequired { action: kind },
                Refusal::ResultTooLong { action: kind },
            )?,
        },
        Action::NotApprove { reason } => SubCaseState::NotApproved {
            reason: required(
                reason,
                MAX_REASON_CHARS,
                Refusal::ReasonRequired { action: kind },
                Refusal::ReasonTooLong { action: kind },
            )?,
        },
        Action::Deliver { how } => {
            let Some(conclusion) = state.conclusion() else {
                return Err(Refusal::NotNow {
                    status: state.status(),
                    action: kind,
                });
            };
            SubCaseState::Delivered {
                conclusion,
                how: checked_delivery(how)?,
            }
        }
        Action::Withdraw => SubCaseState::Withdrawn,
    })
}

/// The actions `actor` can take now, in [`ActionKind::ALL`]'s order: the buttons worth
/// offering. Each succeeds through [`next`] once its form is filled in correctly.
pub fn allowed_actions(
    state: &SubCaseState,
    actor: &Actor,
    facts: &SubCaseFacts<'_>,
) -> Vec<ActionKind> {
    ActionKind::ALL
        .into_iter()
        .filter(|a| check(state.status(), *a, actor, facts).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEPT: &str = "scjg";

    fn facts(case_type: CaseType) -> SubCaseFacts<'static> {
        SubCaseFacts {
            applicant: 7,
            department: DEPT,
            case_type,
        }
    }

    fn clerk(dept: &str) -> Actor {
        Actor::Clerk {
            department: dept.into(),
            clerk_id: "clerk-1".into(),
        }
    }

    fn item(name: &str) -> SupplementItem {
        SupplementItem {
            kind: SupplementKind::Expired,
            name: name.into(),
            target: Some("materials.premises_lease".into()),
            reason: "租赁合同已到期，请上传续签后的合同".into(),
        }
    }

    /// One state of each status.
    fn state_of(status: SubCaseStatus) -> SubCaseState {
        use SubCaseStatus as S;
        match status {
            S::Submitted => SubCaseState::Submitted,
            S::Accepted => SubCaseState::Accepted,
            S::Refused => SubCaseState::Refused {
                reason: "不属于本部门职责".into(),
            },
            S::UnderReview => SubCaseState::UnderReview,
            S::SupplementRequested => SubCaseState::SupplementRequested {
                items: vec![item("房屋租赁合同")],
            },
            S::SupplementProvided => SubCaseState::SupplementProvided,
            S::Approved => SubCaseState::Approved {
                result: "食品经营许可证".into(),
            },
            S::NotApproved => SubCaseState::NotApproved {
                reason: "场所不符合要求".into(),
            },
            S::Delivered => SubCaseState::Delivered {
                conclusion: Conclusion::Approved {
                    result: "食品经营许可证".into(),
                },
                how: DeliveryMethod::Collected {
                    hall_id: "city-centre".into(),
                },
            },
            S::Withdrawn => SubCaseState::Withdrawn,
        }
    }

    /// An action of each kind, filled in correctly.
    fn action_of(kind: ActionKind) -> Action {
        match kind {
            ActionKind::Accept => Action::Accept,
            ActionKind::AcceptAndConclude => Action::AcceptAndConclude {
                conclusion: Conclusion::Approved {
                    result: "个体工商户营业执照".into(),
                },
            },
            ActionKind::Refuse => Action::Refuse {
                reason: "申请材料不属于本部门受理范围".into(),
            },
            ActionKind::StartReview => Action::StartReview,
            ActionKind::RequestSupplement => Action::RequestSupplement {
                items: vec![item("房屋租赁合同")],
            },
            ActionKind::ProvideSupplement => Action::ProvideSupplement,
            ActionKind::Approve => Action::Approve {
                result: "食品经营许可证".into(),
            },
            ActionKind::NotApprove => Action::NotApprove {
                reason: "经营场所与食品安全要求不符".into(),
            },
            ActionKind::Deliver => Action::Deliver {
                how: DeliveryMethod::Posted {
                    tracking_number: "EA123456789CN".into(),
                },
            },
            ActionKind::Withdraw => Action::Withdraw,
        }
    }

    /// Every allowed transition of the issue, written out by hand: (from, action, to).
    const ALLOWED: [(SubCaseStatus, ActionKind, SubCaseStatus); 12] = {
        use ActionKind as A;
        use SubCaseStatus as S;
        [
            (S::Submitted, A::Accept, S::Accepted),
            (S::Submitted, A::AcceptAndConclude, S::Approved),
            (S::Submitted, A::Refuse, S::Refused),
            (S::Submitted, A::Withdraw, S::Withdrawn),
            (S::Accepted, A::StartReview, S::UnderReview),
            (S::UnderReview, A::RequestSupplement, S::SupplementRequested),
            (S::UnderReview, A::Approve, S::Approved),
            (S::UnderReview, A::NotApprove, S::NotApproved),
            (
                S::SupplementRequested,
                A::ProvideSupplement,
                S::SupplementProvided,
            ),
            (S::SupplementProvided, A::StartReview, S::UnderReview),
            (S::Approved, A::Deliver, S::Delivered),
            (S::NotApproved, A::Deliver, S::Delivered),
        ]
    };

    /// The actor who may take `kind` on the case of `facts`.
    fn rightful(kind: ActionKind) -> Actor {
        match kind.roles()[0] {
            Role::Citizen => Actor::Citizen { citizen_id: 7 },
            Role::Clerk => clerk(DEPT),
            Role::System => Actor::System,
        }
    }

    #[test]
    fn every_transition_of_every_status_is_allowed_or_refused_as_the_table_says() {
        for case_type in [CaseType::Immediate, CaseType::Promised] {
            let f = facts(case_type);
            for status in SubCaseStatus::ALL {
                let state = state_of(status);
                for kind in ActionKind::ALL {
                    let expected = ALLOWED
                        .iter()
                        .find(|(from, a, _)| *from == status && *a == kind)
                        .map(|(_, _, to)| *to);
                    let got = next(&state, &action_of(kind), &rightful(kind), &f);
                    match (expected, got) {
                        (Some(_), Err(Refusal::NotImmediate))
                            if kind == ActionKind::AcceptAndConclude
                                && case_type == CaseType::Promised => {}
                        (Some(to), Ok(s)) => {
                            assert_eq!(s.status(), to, "{status:?} {kind:?}");
                            assert!(allowed_actions(&state, &rightful(kind), &f).contains(&kind));
                        }
                        (None, Err(r)) => {
                            if kind == ActionKind::AcceptAndConclude
                                && case_type == CaseType::Promised
                            {
                                assert_eq!(r, Refusal::NotImmediate);
                            } else {
                                assert_eq!(
                                    r,
                                    Refusal::NotNow {
                                        status,
                                        action: kind
                                    },
                                    "{status:?} {kind:?}"
                                );
                            }
                            assert_eq!(r.class(), RefusalClass::Conflict);
                            assert!(!allowed_actions(&state, &rightful(kind), &f).contains(&kind));
                        }
                        (e, g) => panic!("{status:?} {kind:?} {case_type:?}: {e:?} vs {g:?}"),
                    }
                }
            }
        }
    }

    #[test]
    fn the_wrong_people_are_refused_whatever_the_state() {
        let f = facts(CaseType::Immediate);
        let other_citizen = Actor::Citizen { citizen_id: 8 };
        let owner = Actor::Citizen { citizen_id: 7 };
        for status in SubCaseStatus::ALL {
            let state = state_of(status);
            for kind in ActionKind::ALL {
                let action = action_of(kind);
                let citizen_may = kind.roles().contains(&Role::Citizen);
                let clerk_may = kind.roles().contains(&Role::Clerk);
                let system_may = kind.roles().contains(&Role::System);
                let r = next(&state, &action, &other_citizen, &f).unwrap_err();
                assert_eq!(
                    r,
                    if citizen_may {
                        Refusal::NotYourCase
                    } else {
                        Refusal::ClerkOnly { action: kind }
                    }
                );
                assert_eq!(r.class(), RefusalClass::Forbidden);
                if !citizen_may {
                    assert_eq!(
                        next(&state, &action, &owner, &f),
                        Err(Refusal::ClerkOnly { action: kind })
                    );
                }
                let r = next(&state, &action, &clerk("gaj"), &f).unwrap_err();
                assert_eq!(
                    r,
                    if clerk_may {
                        Refusal::OtherDepartment
                    } else {
                        Refusal::ApplicantOnly { action: kind }
                    }
                );
                assert_eq!(r.class(), RefusalClass::Forbidden);
                if !clerk_may {
                    assert_eq!(
                        next(&state, &action, &clerk(DEPT), &f),
                        Err(Refusal::ApplicantOnly { action: kind })
                    );
                }
                if !system_may {
                    let r = next(&state, &action, &Actor::System, &f).unwrap_err();
                    assert_eq!(r.class(), RefusalClass::Forbidden, "{kind:?}");
                }
            }
        }
    }

    #[test]
    fn refusals_name_the_state_and_the_action() {
        let f = facts(CaseType::Promised);
        let owner = Actor::Citizen { citizen_id: 7 };
        let r = next(&SubCaseState::Accepted, &Action::Withdraw, &owner, &f).unwrap_err();
        assert_eq!(r.message(), "该事项已受理，不能撤回");
        assert_eq!(r.code(), "case_action_not_allowed_now");
        let r = next(&SubCaseState::Withdrawn, &Action::Accept, &clerk(DEPT), &f).unwrap_err();
        assert_eq!(r.message(), "该事项已撤回，不能受理");
        let r = next(
            &SubCaseState::Submitted,
            &action_of(ActionKind::Approve),
            &clerk(DEPT),
            &f,
        )
        .unwrap_err();
        assert_eq!(r.message(), "该事项尚未受理，不能作出准予办结决定");
        let r = next(
            &SubCaseState::Submitted,
            &action_of(ActionKind::AcceptAndConclude),
            &clerk(DEPT),
            &f,
        )
        .unwrap_err();
        assert_eq!(r.message(), "该事项不是即办件，不能当场办结，请先受理");
        let r = next(&SubCaseState::Submitted, &Action::Accept, &owner, &f).unwrap_err();
        assert_eq!(r.message(), "只有承办部门的工作人员可以受理");
        let r = next(
            &SubCaseState::Submitted,
            &Action::Withdraw,
            &clerk(DEPT),
            &f,
        )
        .unwrap_err();
        assert_eq!(r.message(), "只有申请人本人可以撤回");
        let r = next(&SubCaseState::Submitted, &Action::Accept, &clerk("gaj"), &f).unwrap_err();
        assert_eq!(r.message(), "该事项由其他部门承办，您无权办理");
    }

    #[test]
    fn reasons_items_results_and_deliveries_are_required() {
        let f = facts(CaseType::Immediate);
        let c = clerk(DEPT);
        let at = |status| state_of(status);
        let refuse = Action::Refuse {
            reason: " \u{3000} ".into(),
        };
        let r = next(&at(SubCaseStatus::Submitted), &refuse, &c, &f).unwrap_err();
        assert_eq!(r.message(), "请填写不予受理的理由");
        assert_eq!(r.field().as_deref(), Some("reason"));
        assert_eq!(r.class(), RefusalClass::Invalid);
        let long = Action::NotApprove {
            reason: "长".repeat(MAX_REASON_CHARS + 1),
        };
        let r = next(&at(SubCaseStatus::UnderReview), &long, &c, &f).unwrap_err();
        assert_eq!(
            r,
            Refusal::ReasonTooLong {
                action: ActionKind::NotApprove
            }
        );
        let fine = Action::NotApprove {
            reason: "长".repeat(MAX_REASON_CHARS),
        };
        assert!(next(&at(SubCaseStatus::UnderReview), &fine, &c, &f).is_ok());
        let on_the_spot = Action::AcceptAndConclude {
            conclusion: Conclusion::NotApproved { reason: "".into() },
        };
        let r = next(&at(SubCaseStatus::Submitted), &on_the_spot, &c, &f).unwrap_err();
        assert_eq!(r.message(), "请填写不予批准的理由");
        assert_eq!(r.field().as_deref(), Some("conclusion.reason"));
        let approve = Action::Approve { result: "".into() };
        let r = next(&at(SubCaseStatus::UnderReview), &approve, &c, &f).unwrap_err();
        assert_eq!(r.code(), "case_result_required");

        let request = |items: Vec<SupplementItem>| Action::RequestSupplement { items };
        let review = at(SubCaseStatus::UnderReview);
        let r = next(&review, &request(vec![]), &c, &f).unwrap_err();
        assert_eq!(
            r.message(),
            "请一次性列出需要补正的全部材料或内容，至少一项"
        );
        let mut no_reason = item("营业执照");
        no_reason.reason = " ".into();
        let r = next(&review, &request(vec![item("租赁合同"), no_reason]), &c, &f).unwrap_err();
        assert_eq!(r.message(), "第2项补正要求缺少原因，请说明需要怎样补正");
        assert_eq!(r.field().as_deref(), Some("items[1].reason"));
        let mut no_name = item("");
        no_name.target = None;
        let r = next(&review, &request(vec![no_name]), &c, &f).unwrap_err();
        assert_eq!(r, Refusal::SupplementItemNameMissing { index: 0 });
        let mut bad_target = item("租赁合同");
        bad_target.target = Some("materials.".into());
        let r = next(&review, &request(vec![bad_target]), &c, &f).unwrap_err();
        assert_eq!(r, Refusal::SupplementItemTarget { index: 0 });
        // The same material twice, under another name: one item must say everything.
        let r = next(
            &review,
            &request(vec![item("租赁合同"), item("房屋租赁合同")]),
            &c,
            &f,
        )
        .unwrap_err();
        assert_eq!(r.message(), "第2项与前面的补正要求重复，请合并为一项");
        let many = (0..=MAX_SUPPLEMENT_ITEMS)
            .map(|i| SupplementItem {
                target: None,
                ..item(&format!("材料{i}"))
            })
            .collect();
        let r = next(&review, &request(many), &c, &f).unwrap_err();
        assert_eq!(r, Refusal::TooManySupplementItems);
        // Every kind, with and without a target, all at once.
        let all: Vec<SupplementItem> = SupplementKind::ALL
            .into_iter()
            .enumerate()
            .map(|(i, kind)| SupplementItem {
                kind,
                name: format!(" 材料{i} "),
                target: (i % 2 == 0).then(|| format!("fields.f{i}")),
                reason: "请重新上传".into(),
            })
            .collect();
        let s = next(&review, &request(all), &c, &f).unwrap();
        let SubCaseState::SupplementRequested { items } = s else {
            panic!("{s:?}")
        };
        assert_eq!(items.len(), 4);
        assert_eq!(items[0].name, "材料0", "kept trimmed");

        let concluded = at(SubCaseStatus::NotApproved);
        let post = |t: &str| Action::Deliver {
            how: DeliveryMethod::Posted {
                tracking_number: t.into(),
            },
        };
        for bad in [
            "",
            "12345",
            "EA 123456789CN",
            "ＥＡ123456789CN",
            &"9".repeat(31),
        ] {
            let r = next(&concluded, &post(bad), &c, &f).unwrap_err();
            assert_eq!(r, Refusal::TrackingNumber, "{bad:?}");
        }
        let hall = Action::Deliver {
            how: DeliveryMethod::Collected {
                hall_id: " ".into(),
            },
        };
        assert_eq!(next(&concluded, &hall, &c, &f), Err(Refusal::HallRequired));
        let delivered = next(&concluded, &post("SF1234567890123"), &Actor::System, &f).unwrap();
        assert_eq!(
            delivered.conclusion(),
            Some(Conclusion::NotApproved {
                reason: "场所不符合要求".into()
            }),
            "a delivered sub-case still says what was decided"
        );
    }

    #[test]
    fn a_refused_action_checks_who_before_what_it_carries() {
        // Another department learns nothing, not even that the reason is missing.
        let f = facts(CaseType::Promised);
        let empty = Action::Refuse { reason: "".into() };
        assert_eq!(
            next(&SubCaseState::Submitted, &empty, &clerk("gaj"), &f),
            Err(Refusal::OtherDepartment)
        );
        assert_eq!(
            next(&SubCaseState::Accepted, &empty, &clerk(DEPT), &f),
            Err(Refusal::NotNow {
                status: SubCaseStatus::Accepted,
                action: ActionKind::Refuse
            })
        );
    }

    #[test]
    fn the_buttons_on_offer() {
        let f = facts(CaseType::Immediate);
        let owner = Actor::Citizen { citizen_id: 7 };
        use ActionKind as A;
        assert_eq!(
            allowed_actions(&SubCaseState::Submitted, &clerk(DEPT), &f),
            [A::Accept, A::AcceptAndConclude, A::Refuse]
        );
        assert_eq!(
            allowed_actions(
                &SubCaseState::Submitted,
                &clerk(DEPT),
                &facts(CaseType::Promised)
            ),
            [A::Accept, A::Refuse]
        );
        assert_eq!(
            allowed_actions(&SubCaseState::Submitted, &owner, &f),
            [A::Withdraw]
        );
        assert!(allowed_actions(&SubCaseState::Submitted, &clerk("gaj"), &f).is_empty());
        assert_eq!(
            allowed_actions(&state_of(SubCaseStatus::SupplementRequested), &owner, &f),
            [A::ProvideSupplement]
        );
        assert_eq!(
            allowed_actions(&SubCaseState::UnderReview, &clerk(DEPT), &f),
            [A::RequestSupplement, A::Approve, A::NotApprove]
        );
        assert_eq!(
            allowed_actions(&state_of(SubCaseStatus::Approved), &Actor::System, &f),
            [A::Deliver]
        );
        for terminal in [
            SubCaseStatus::Refused,
            SubCaseStatus::Withdrawn,
            SubCaseStatus::Delivered,
        ] {
            assert!(terminal.is_terminal());
            for actor in [owner.clone(), clerk(DEPT), Actor::System] {
                assert!(allowed_actions(&state_of(terminal), &actor, &f).is_empty());
            }
        }
    }

    #[test]
    fn text_forms_are_stable_and_parse_back() {
        for s in SubCaseStatus::ALL {
            assert_eq!(SubCaseStatus::parse(s.as_str()), Some(s));
            assert_eq!(state_of(s).status(), s);
        }
        for a in ActionKind::ALL {
            assert_eq!(ActionKind::parse(a.as_str()), Some(a));
            assert_eq!(action_of(a).kind(), a);
        }
        assert_eq!(SubCaseStatus::parse("Submitted"), None);
        assert_eq!(SubCaseStatus::parse("concluded"), None);
        assert_eq!(SubCaseStatus::parse(" accepted"), None);
        assert_eq!(ActionKind::parse("ACCEPT"), None);
        assert_eq!(
            SubCaseStatus::ALL.map(SubCaseStatus::as_str),
            [
                "submitted",
                "accepted",
                "refused",
                "under_review",
                "supplement_requested",
                "supplement_provided",
                "approved",
                "not_approved",
                "delivered",
                "withdrawn"
            ]
        );
    }
}
