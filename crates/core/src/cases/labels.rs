//! Every Chinese word the lifecycle shows, in one place, so that the SPA's locale table can
//! take them over in one move and a status is never called two things on two screens.

use super::lifecycle::{
    ActionKind, Conclusion, DeliveryMethod, Role, SubCaseStatus, SupplementKind,
};

impl SubCaseStatus {
    /// As a status badge or a timeline entry shows it.
    pub fn label(self) -> &'static str {
        match self {
            SubCaseStatus::Submitted => "已提交，待受理",
            SubCaseStatus::Accepted => "已受理",
            SubCaseStatus::Refused => "不予受理",
            SubCaseStatus::UnderReview => "审查中",
            SubCaseStatus::SupplementRequested => "待补正",
            SubCaseStatus::SupplementProvided => "已补正，待审查",
            SubCaseStatus::Approved => "已办结",
            SubCaseStatus::NotApproved => "已办结（不予批准）",
            SubCaseStatus::Delivered => "已送达",
            SubCaseStatus::Withdrawn => "已撤回",
        }
    }

    /// As it reads after 该事项 in a refusal: 该事项{phrase}，不能{verb}.
    pub fn phrase(self) -> &'static str {
        match self {
            SubCaseStatus::Submitted => "尚未受理",
            SubCaseStatus::Accepted => "已受理",
            SubCaseStatus::Refused => "已不予受理",
            SubCaseStatus::UnderReview => "正在审查",
            SubCaseStatus::SupplementRequested => "正在等待补正",
            SubCaseStatus::SupplementProvided => "已补正待审查",
            SubCaseStatus::Approved => "已办结",
            SubCaseStatus::NotApproved => "已作出不予批准决定",
            SubCaseStatus::Delivered => "已办结并送达",
            SubCaseStatus::Withdrawn => "已撤回",
        }
    }
}

impl ActionKind {
    /// As a button says it.
    pub fn label(self) -> &'static str {
        match self {
            ActionKind::Accept => "受理",
            ActionKind::AcceptAndConclude => "受理并当场办结",
            ActionKind::Refuse => "不予受理",
            ActionKind::StartReview => "开始审查",
            ActionKind::RequestSupplement => "要求补正",
            ActionKind::ProvideSupplement => "已按要求补正",
            ActionKind::Approve => "准予办结",
            ActionKind::NotApprove => "不予批准",
            ActionKind::Deliver => "登记送达",
            ActionKind::Withdraw => "撤回申请",
        }
    }

    /// As it reads after 不能 or 可以 in a sentence.
    pub fn verb(self) -> &'static str {
        match self {
            ActionKind::Accept => "受理",
            ActionKind::AcceptAndConclude => "当场办结",
            ActionKind::Refuse => "作出不予受理决定",
            ActionKind::StartReview => "开始审查",
            ActionKind::RequestSupplement => "要求补正",
            ActionKind::ProvideSupplement => "提交补正",
            ActionKind::Approve => "作出准予办结决定",
            ActionKind::NotApprove => "作出不予批准决定",
            ActionKind::Deliver => "登记送达",
            ActionKind::Withdraw => "撤回",
        }
    }
}

impl SupplementKind {
    pub fn label(self) -> &'static str {
        match self {
            SupplementKind::Missing => "缺少",
            SupplementKind::Unclear => "不清晰",
            SupplementKind::Expired => "已过期",
            SupplementKind::NeedsCorrection => "需更正",
        }
    }
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Citizen => "申请人",
            Role::Clerk => "窗口工作人员",
            Role::System => "系统",
        }
    }
}

impl Conclusion {
    pub fn label(&self) -> &'static str {
        match self {
            Conclusion::Approved { .. } => "准予",
            Conclusion::NotApproved { .. } => "不予批准",
        }
    }
}

impl DeliveryMethod {
    pub fn label(&self) -> &'static str {
        match self {
            DeliveryMethod::Collected { .. } => "窗口领取",
            DeliveryMethod::Posted { .. } => "邮寄送达",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_and_action_has_its_own_words() {
        let mut labels: Vec<&str> = SubCaseStatus::ALL.map(SubCaseStatus::label).to_vec();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), SubCaseStatus::ALL.len());
        let mut phrases: Vec<&str> = SubCaseStatus::ALL.map(SubCaseStatus::phrase).to_vec();
        phrases.sort_unstable();
        phrases.dedup();
        assert_eq!(phrases.len(), SubCaseStatus::ALL.len());
        let mut buttons: Vec<&str> = ActionKind::ALL.map(ActionKind::label).to_vec();
        buttons.sort_unstable();
        buttons.dedup();
        assert_eq!(buttons.len(), ActionKind::ALL.len());
    }
}
