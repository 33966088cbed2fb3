//! 好差评: once a sub-case is concluded its applicant rates it on the five national levels
//! (一事一评), may change the rating for [`RATING_CHANGE_DAYS`] days, and a poor rating needs
//! a reason and opens a follow-up (整改) the department must answer in working days.

use super::lifecycle::SubCaseStatus;
use serde::{Deserialize, Serialize};

/// Days after the first rating in which it may be changed.
pub const RATING_CHANGE_DAYS: i64 = 7;
/// Working days the department has to answer a poor rating, unless configured otherwise.
pub const DEFAULT_FOLLOW_UP_WORKING_DAYS: u32 = 15;
pub const MAX_COMMENT_CHARS: usize = 500;
pub const MAX_REPLY_CHARS: usize = 1000;
/// A poor rating's reason: enough to act on.
pub const MIN_POOR_REASON_CHARS: usize = 5;

/// The five national levels, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RatingLevel {
    VerySatisfied,
    Satisfied,
    BasicallySatisfied,
    Dissatisfied,
    VeryDissatisfied,
}

impl RatingLevel {
    pub const ALL: [RatingLevel; 5] = [
        RatingLevel::VerySatisfied,
        RatingLevel::Satisfied,
        RatingLevel::BasicallySatisfied,
        RatingLevel::Dissatisfied,
        RatingLevel::VeryDissatisfied,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RatingLevel::VerySatisfied => "very_satisfied",
            RatingLevel::Satisfied => "satisfied",
            RatingLevel::BasicallySatisfied => "basically_satisfied",
            RatingLevel::Dissatisfied => "dissatisfied",
            RatingLevel::VeryDissatisfied => "very_dissatisfied",
        }
    }

    pub fn parse(s: &str) -> Option<RatingLevel> {
        RatingLevel::ALL.into_iter().find(|l| l.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            RatingLevel::VerySatisfied => "非常满意",
            RatingLevel::Satisfied => "满意",
            RatingLevel::BasicallySatisfied => "基本满意",
            RatingLevel::Dissatisfied => "不满意",
            RatingLevel::VeryDissatisfied => "非常不满意",
        }
    }

    /// 差评: 不满意 or worse — needs a reason and opens a follow-up.
    pub fn is_poor(self) -> bool {
        matches!(
            self,
            RatingLevel::Dissatisfied | RatingLevel::VeryDissatisfied
        )
    }

    /// Counts towards 满意率 (基本满意 and better).
    pub fn is_satisfied(self) -> bool {
        !self.is_poor()
    }
}

/// The tags a citizen may pick: what went well, and what did not.
pub const GOOD_TAGS: [&str; 4] = ["办事效率高", "一次办成", "材料要求清楚", "工作人员热情"];
pub const POOR_TAGS: [&str; 4] = ["等待时间长", "材料反复要", "办事流程不清楚", "服务态度差"];

/// 评价 as the citizen sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RatingRequest {
    pub level: RatingLevel,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Optional, but a poor rating's reason.
    #[serde(default)]
    pub comment: String,
}

/// A follow-up (整改) of a poor rating, as both sides see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUp {
    /// YYYY-MM-DD: the department answers by then.
    pub due_date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replied_at: Option<String>,
    /// 回访: the citizen's word on whether the reply resolved it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<bool>,
}

/// A stored rating as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rating {
    pub level: RatingLevel,
    pub level_label: String,
    pub tags: Vec<String>,
    pub comment: String,
    pub rated_at: String,
    /// Until then (RFC 3339) it may be changed.
    pub changeable_until: String,
    pub changeable: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<FollowUp>,
}

/// Why a rating is not taken, with the field it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RatingRefusal {
    /// Not concluded yet: nothing to rate.
    NotConcluded,
    /// Rated more than [`RATING_CHANGE_DAYS`] days ago.
    NoLongerChangeable,
    ReasonRequired,
    CommentTooLong,
    UnknownTag(String),
}

impl RatingRefusal {
    pub fn message(&self) -> String {
        match self {
            RatingRefusal::NotConcluded => "事项办结后才能评价".into(),
            RatingRefusal::NoLongerChangeable => {
                format!("评价已超过{RATING_CHANGE_DAYS}天，不能再修改")
            }
            RatingRefusal::ReasonRequired => format!(
                "选择“不满意”或“非常不满意”时，请写明原因（至少{MIN_POOR_REASON_CHARS}个字），以便部门整改"
            ),
            RatingRefusal::CommentTooLong => format!("评价内容最多{MAX_COMMENT_CHARS}个字"),
            RatingRefusal::UnknownTag(t) => format!("没有“{t}”这个标签"),
        }
    }

    /// The request field it is about; none for the state of the case.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            RatingRefusal::NotConcluded | RatingRefusal::NoLongerChangeable => None,
            RatingRefusal::ReasonRequired | RatingRefusal::CommentTooLong => Some("comment"),
            RatingRefusal::UnknownTag(_) => Some("tags"),
        }
    }
}

/// Whether `request` may be stored on a sub-case in `status`, first rated at `first_rated`
/// (Unix seconds), at `now`.
pub fn check_rating(
    status: SubCaseStatus,
    request: &RatingRequest,
    first_rated: Option<i64>,
    now: i64,
) -> Result<(), RatingRefusal> {
    if !status.is_concluded() {
        return Err(RatingRefusal::NotConcluded);
    }
    if first_rated.is_some_and(|t| now - t > RATING_CHANGE_DAYS * 86_400) {
        return Err(RatingRefusal::NoLongerChangeable);
    }
    let comment = request.comment.trim().chars().count();
    if comment > MAX_COMMENT_CHARS {
        return Err(RatingRefusal::CommentTooLong);
    }
    if request.level.is_poor() && comment < MIN_POOR_REASON_CHARS {
        return Err(RatingRefusal::ReasonRequired);
    }
    if let Some(t) = request
        .tags
        .iter()
        .find(|t| !GOOD_TAGS.contains(&t.as_str()) && !POOR_TAGS.contains(&t.as_str()))
    {
        return Err(RatingRefusal::UnknownTag(t.clone()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(level: RatingLevel, comment: &str) -> RatingRequest {
        RatingRequest {
            level,
            tags: vec![],
            comment: comment.into(),
        }
    }

    #[test]
    fn only_a_concluded_case_is_rated_and_only_for_seven_days() {
        let good = req(RatingLevel::Satisfied, "");
        assert_eq!(
            check_rating(SubCaseStatus::UnderReview, &good, None, 0),
            Err(RatingRefusal::NotConcluded)
        );
        assert_eq!(
            check_rating(SubCaseStatus::Approved, &good, None, 0),
            Ok(())
        );
        assert_eq!(
            check_rating(SubCaseStatus::Delivered, &good, Some(0), 7 * 86_400),
            Ok(())
        );
        assert_eq!(
            check_rating(SubCaseStatus::Delivered, &good, Some(0), 7 * 86_400 + 1),
            Err(RatingRefusal::NoLongerChangeable)
        );
    }

    #[test]
    fn a_poor_rating_needs_its_reason() {
        for level in RatingLevel::ALL {
            let r = check_rating(SubCaseStatus::NotApproved, &req(level, "  "), None, 0);
            assert_eq!(r.is_err(), level.is_poor(), "{level:?}");
        }
        assert_eq!(
            check_rating(
                SubCaseStatus::Approved,
                &req(RatingLevel::VeryDissatisfied, "窗口让我跑了三趟"),
                None,
                0
            ),
            Ok(())
        );
        let mut tagged = req(RatingLevel::Satisfied, "");
        tagged.tags = vec!["一次办成".into(), "很好".into()];
        assert_eq!(
            check_rating(SubCaseStatus::Approved, &tagged, None, 0),
            Err(RatingRefusal::UnknownTag("很好".into()))
        );
    }
}
