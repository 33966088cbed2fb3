//! The content decisions of the catalogue screens (home, a matter's guide, a theme, a hall):
//! what each shows, in which order and under which label. The SPA's page components and the
//! server's first screen both call these, so a row added to a guide appears in both.

use crate::locale::meta::meta;
use crate::locale::{
    audience_label, case_type_label, promised_days, statutory_days, t, visits_label,
};
use lianban_core::api::MAX_PER_PAGE;
use lianban_core::catalogue::{MatterDetail, MatterSummary, Theme};

/// How many matters the home page shows (热门事项).
pub const HOME_POPULAR: u32 = 6;

/// What the home page asks the API (below its base) for its 一件事 tiles: all of them.
pub fn home_themes_path() -> String {
    format!("/themes?per_page={MAX_PER_PAGE}")
}

/// What the home page asks the API for its 热门事项.
pub fn home_matters_path() -> String {
    format!("/matters?per_page={HOME_POPULAR}")
}

/// The id of the element in which a painted page carries the API's answer to `GET path`
/// (`path` below the API base, as the app asks it: `/matters/CG-001`).
pub fn carried_answer_id(path: &str) -> String {
    format!("lianban-api:{path}")
}

/// The document title: "page - 联办", or the brand's own title for the home page.
pub fn document_title(page: &str) -> String {
    let l = t();
    if page.is_empty() {
        l.brand_title.to_string()
    } else {
        format!("{page} - {}", l.brand)
    }
}

/// 基本信息 of a guide: (label, value) rows, in the national guide standard's order. The fees
/// row, which is a list, follows them.
pub fn matter_basic(detail: &MatterDetail) -> Vec<(&'static str, String)> {
    let l = t();
    let m = &detail.matter;
    vec![
        (l.matter_code, m.code.clone()),
        (l.matter_department, detail.department.name.clone()),
        (l.matter_kind, m.kind.clone()),
        (l.matter_audience, audience_label(m.audience).to_string()),
        (l.matter_case_type, case_type_label(m.case_type).to_string()),
        (l.matter_category, detail.category.name.clone()),
        (l.matter_statutory, statutory_days(m.statutory_days)),
        (l.matter_promised, promised_days(m.promised_days)),
        (l.matter_visits, visits_label(m.visits)),
        (l.matter_result, m.result.clone()),
        (l.matter_delivery, m.delivery.join(l.list_separator)),
    ]
}

/// The departments a theme involves, once each, in the order of its matters.
pub fn theme_departments(matters: &[MatterSummary]) -> Vec<String> {
    let mut departments: Vec<String> = Vec::new();
    for m in matters {
        if !departments.contains(&m.department_name) {
            departments.push(m.department_name.clone());
        }
    }
    departments
}

/// The remark on a theme's matter that only some situations need (视情形办理).
pub fn theme_matter_note(theme: &Theme, code: &str) -> Option<&'static str> {
    theme
        .matters
        .iter()
        .any(|tm| tm.code == code && tm.when.is_some())
        .then_some(t().theme_matter_conditional)
}

/// A shared link's description (`<meta name="description">`, `og:description`) of a guide.
pub fn matter_description(detail: &MatterDetail) -> String {
    (meta().matter)(
        &detail.matter.name,
        &detail.department.name,
        &detail.matter.summary,
    )
}

pub fn theme_description(theme: &Theme, matters: &[MatterSummary]) -> String {
    let departments = theme_departments(matters).join(t().list_separator);
    (meta().theme)(&theme.name, &theme.summary, &departments)
}

pub fn hall_description(name: &str, address: &str, hours: &[String]) -> String {
    (meta().hall)(name, address, &hours.join(t().list_separator))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_name_the_page_and_the_brand() {
        assert_eq!(document_title(""), "联办 - 一网通办政务服务");
        assert_eq!(document_title("我要开饭店"), "我要开饭店 - 联办");
    }
}
