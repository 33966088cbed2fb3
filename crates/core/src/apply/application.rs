//! 一表申请: what the SPA submits once for all matters of a theme, the check both sides run
//! on it, and the combined case with one sub-case per matter that the platform creates.

use super::answers::Answers;
use super::checklist::{evaluate, Checklist, MaterialSupplyKind, ThemeKit};
use crate::calendar::WorkingCalendar;
use crate::cases::view::{DeadlineView, TimelineEntry};
use crate::cases::{ActionKind, CombinedStatus, SubCaseState, SubCaseStatus};
use crate::date::SimpleDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `POST /api/v1/applications`, also the shape of a saved draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationRequest {
    pub theme_id: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub answers: Answers,
    /// Values of the combined form by field id. Fields filled from the account are ignored.
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
    /// How each material is supplied, by checklist key.
    #[serde(default)]
    pub materials: BTreeMap<String, MaterialSupply>,
    #[serde(default)]
    pub delivery: Option<Delivery>,
    /// The citizen saw that a case of this theme is still open (`409 open_case_exists`) and
    /// wants a second one all the same.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub new_case_confirmed: bool,
}

/// How the citizen supplies one material.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum MaterialSupply {
    /// Uploaded files (`POST /api/v1/uploads`), in order; one material may take several pages.
    Upload { uploads: Vec<String> },
    /// 容缺: supplied later, under the citizen's signed commitment (告知承诺).
    Deferred { commitment: bool },
}

/// 结果送达.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Delivery {
    /// 窗口领取 at a hall.
    Hall { hall_id: String },
    /// 邮寄送达 (free of charge).
    Post {
        recipient: String,
        phone: String,
        address: String,
    },
}

/// The halls where every included matter can be collected: those common to all of them.
pub fn collection_halls(kit: &ThemeKit, checklist: &Checklist) -> Vec<String> {
    let mut halls: Option<Vec<String>> = None;
    for cm in &checklist.matters {
        let Some(km) = kit.matters.iter().find(|k| k.matter.code == cm.code) else {
            continue;
        };
        halls = Some(match halls {
            None => km.matter.halls.clone(),
            Some(h) => h
                .into_iter()
                .filter(|id| km.matter.halls.contains(id))
                .collect(),
        });
    }
    halls.unwrap_or_default()
}

/// Checks a whole application; every problem is a message keyed by where it is (`answers.area`, `fields.shop_name`, `materials.premises_lease`, `delivery.address`).
/// `account_fields` are the values the verified account supplies; they replace the request's.
pub fn check_application(
    kit: &ThemeKit,
    req: &ApplicationRequest,
    licences: &[String],
    account_fields: &BTreeMap<String, String>,
    today: SimpleDate,
) -> Result<Checklist, BTreeMap<String, String>> {
    let checklist = evaluate(kit, &req.answers, licences);
    let mut problems = Problems::default();
    if let Some(q) = &checklist.next_question {
        problems.add(format!("answers.{q}"), "情形引导还有问题没有回答");
    }
    if checklist.complete() && checklist.matters.is_empty() {
        problems.add("answers", "根据您的情况，没有需要在这里办理的事项");
    }
    for id in &checklist.fields {
        let Some(def) = kit.fields.iter().find(|f| &f.id == id) else {
            continue;
        };
        let value = account_fields
            .get(id)
            .or_else(|| req.fields.get(id))
            .map(String::as_str)
            .unwrap_or("");
        if let Err(message) = def.check(value, today) {
            problems.add(format!("fields.{id}"), message);
        }
    }
    for m in &checklist.materials {
        let field = format!("materials.{}", m.key);
        match (&m.supply, req.materials.get(&m.key)) {
            (MaterialSupplyKind::Upload, Some(MaterialSupply::Upload { uploads }))
                if !uploads.is_empty() => {}
            (MaterialSupplyKind::Upload, Some(MaterialSupply::Deferred { commitment: true }))
                if m.deferrable => {}
            (MaterialSupplyKind::Upload, Some(MaterialSupply::Deferred { .. })) if m.deferrable => {
                problems.add(field, format!("容缺提交“{}”须勾选告知承诺", m.name));
            }
            (MaterialSupplyKind::Upload, Some(MaterialSupply::Deferred { .. })) => {
                problems.add(field, format!("“{}”不能容缺，请上传", m.name));
            }
            (MaterialSupplyKind::Upload, _) if m.required => {
                problems.add(field, format!("请上传“{}”", m.name));
            }
            _ => {}
        }
    }
    for key in req.materials.keys() {
        if checklist.material(key).is_none_or(|m| !m.needs_upload()) {
            problems.add(format!("materials.{key}"), "这份材料不在您的告知单中");
        }
    }
    match &req.delivery {
        None => problems.add("delivery", "请选择办理结果的领取方式"),
        Some(Delivery::Hall { hall_id }) => {
            if !collection_halls(kit, &checklist).contains(hall_id) {
                problems.add("delivery.hall_id", "请选择可以领取全部结果的大厅");
            }
        }
        Some(Delivery::Post {
            recipient,
            phone,
            address,
        }) => {
            let n = recipient.trim().chars().count();
            if !(2..=20).contains(&n) {
                problems.add("delivery.recipient", "请填写收件人姓名");
            }
            if let Err(e) = crate::identity::MobilePhone::parse(phone) {
                problems.add("delivery.phone", e.message());
            }
            let n = address.trim().chars().count();
            if !(5..=100).contains(&n) {
                problems.add("delivery.address", "请填写详细的收件地址（5到100个字）");
            }
        }
    }
    if problems.0.is_empty() {
        Ok(checklist)
    } else {
        Err(problems.0)
    }
}

/// The promised conclusion date of a matter submitted on `day`: 即办件 the same working day,
/// 承诺件 after `promised_days` working days, holidays and make-up days respected.
pub fn promised_date(
    calendar: &WorkingCalendar,
    day: SimpleDate,
    promised_days: u32,
) -> SimpleDate {
    let start = if calendar.is_working_day(day) {
        day
    } else {
        calendar.add_working_days(day, 1)
    };
    if promised_days == 0 {
        start
    } else {
        calendar.add_working_days(day, promised_days)
    }
}

/// A combined case (联办件) as its citizen sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Application {
    /// 办件编号, e.g. LB20261125000123.
    pub number: String,
    /// 查询码: with the number, looks the case up without logging in.
    pub query_code: String,
    pub theme_id: String,
    pub theme_name: String,
    /// RFC 3339, China time.
    pub submitted_at: String,
    /// Derived from the sub-cases by `cases::summarize`.
    pub status: CombinedStatus,
    /// e.g. 3 项中 2 项已办结，1 项待您补正.
    pub headline: String,
    /// The one thing the citizen must do now, if any (e.g. 请为“…”补正材料).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_step: Option<String>,
    pub sub_cases: Vec<SubCase>,
    /// Materials deferred under 容缺, to be supplied later.
    pub deferred_materials: Vec<String>,
    /// e.g. 窗口领取：荆州市政务服务中心 or 邮寄送达：湖北省荆州市…
    pub delivery: String,
}

/// One matter's share of a combined case, handled by its department.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubCase {
    pub number: String,
    pub matter_code: String,
    pub matter_name: String,
    pub department_name: String,
    pub status: SubCaseStatus,
    pub status_label: String,
    /// The state with what it carries: the reason of a refusal, the items of a supplement
    /// request, the result.
    pub state: SubCaseState,
    /// YYYY-MM-DD: the date promised at submission (the clock below counts from acceptance).
    pub promised_date: String,
    /// 暂定: the promised date was counted into a year whose holiday notice is not out yet
    /// (see `promised_date_is_provisional`).
    #[serde(default)]
    pub provisional: bool,
    pub deadline: DeadlineView,
    pub timeline: Vec<TimelineEntry>,
    /// What the citizen may do now: withdraw, confirm a supplement.
    pub actions: Vec<ActionKind>,
    /// Rated (好差评) already.
    #[serde(default)]
    pub rated: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<crate::cases::rating::Rating>,
}

/// 我的草稿: an unfinished application, saved as the citizen goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Draft {
    pub theme_id: String,
    pub theme_name: String,
    /// The step the citizen was on, e.g. `questions`, `form`, `materials`.
    pub step: String,
    pub content: ApplicationRequest,
    /// When the server stored it, in milliseconds since 1970 (for display only: phones'
    /// clocks disagree, so the order of saves is the version's).
    pub saved_at: i64,
    /// Assigned by the server, one more at every save: a save must name the version it
    /// was made from.
    pub version: i64,
}

/// `PUT /api/v1/drafts/{theme_id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DraftSave {
    pub step: String,
    pub content: ApplicationRequest,
    /// The version of the server's copy this one was made from (`Draft::version`); 0 for
    /// a draft the server has not had. A save from an older version is refused with the
    /// newer copy ([`DraftConflict`]), never silently dropped or applied.
    pub version: i64,
}

/// `409 draft_conflict`: the save was made from an older version than the server holds
/// (another phone saved since). The error, and the newer copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DraftConflict {
    pub error: crate::api::ErrorBody,
    pub draft: Draft,
}

/// `409 open_case_exists`: the citizen already has an open case of this theme. Submitting
/// again with `new_case_confirmed` makes a second one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpenCaseExists {
    pub error: crate::api::ErrorBody,
    /// 办件编号 of the open case.
    pub case_number: String,
}

/// Problems by field; the first message for a field is the one shown.
#[derive(Default)]
struct Problems(BTreeMap<String, String>);

impl Problems {
    fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.entry(field.into()).or_insert_with(|| message.into());
    }
}
