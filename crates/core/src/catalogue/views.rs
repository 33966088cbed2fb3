//! What the API answers: summaries for lists and details for single pages, built from the
//! catalogue once (the server stores them) and read as they are by the SPA.

use super::*;
use serde::{Deserialize, Serialize};

/// A matter in a list (search results, a theme's or a hall's matters).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatterSummary {
    pub code: String,
    pub name: String,
    pub department_code: String,
    pub department_name: String,
    pub summary: String,
    pub audience: Audience,
    pub case_type: CaseType,
    pub promised_days: u32,
    pub flags: ServiceFlags,
}

/// A matter's whole guide, with the names a page needs to show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatterDetail {
    pub matter: Matter,
    pub department: Department,
    pub category: Category,
    /// The halls where it is handled (办理地点).
    pub halls: Vec<HallSummary>,
    /// The themes (一件事) that include it.
    pub themes: Vec<ThemeRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThemeRef {
    pub id: String,
    pub name: String,
}

/// A theme in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThemeSummary {
    pub id: String,
    pub name: String,
    pub audience: Audience,
    pub summary: String,
    pub matter_count: u32,
    /// Names of the departments involved, in the order of the theme's matters.
    pub departments: Vec<String>,
}

/// A theme with its questionnaire and the matters it may include.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThemeDetail {
    pub theme: Theme,
    pub matters: Vec<MatterSummary>,
}

/// A hall in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HallSummary {
    pub id: String,
    pub name: String,
    pub level: HallLevel,
    pub district: String,
    pub address: String,
    pub latitude: f64,
    pub longitude: f64,
    pub phone: String,
    /// 办公时间, one line per group of weekdays, e.g. 周一至周五 09:00–12:00，13:30–17:30.
    pub hours: Vec<String>,
}

/// A hall's page: where, when, which windows and which matters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HallDetail {
    pub hall: HallSummary,
    pub transit: Option<String>,
    pub categories: Vec<Category>,
    pub matters: Vec<MatterSummary>,
}

/// A department with how many matters it offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DepartmentSummary {
    pub code: String,
    pub name: String,
    pub phone: String,
    pub description: String,
    pub matter_count: u32,
}

impl Catalogue {
    pub fn matter_summary(&self, m: &Matter) -> MatterSummary {
        MatterSummary {
            code: m.code.clone(),
            name: m.name.clone(),
            department_code: m.department.clone(),
            department_name: self
                .department(&m.department)
                .map(|d| d.name.clone())
                .unwrap_or_default(),
            summary: m.summary.clone(),
            audience: m.audience,
            case_type: m.case_type,
            promised_days: m.promised_days,
            flags: m.flags,
        }
    }

    /// The detail of a matter; `None` if the catalogue does not validate around it.
    pub fn matter_detail(&self, m: &Matter) -> Option<MatterDetail> {
        Some(MatterDetail {
            matter: m.clone(),
            department: self.department(&m.department)?.clone(),
            category: self.category(&m.category)?.clone(),
            halls: m
                .halls
                .iter()
                .filter_map(|id| self.hall(id))
                .map(hall_summary)
                .collect(),
            themes: self
                .themes
                .iter()
                .filter(|t| t.matters.iter().any(|tm| tm.code == m.code))
                .map(|t| ThemeRef {
                    id: t.id.clone(),
                    name: t.name.clone(),
                })
                .collect(),
        })
    }

    pub fn theme_summary(&self, t: &Theme) -> ThemeSummary {
        let mut departments: Vec<String> = Vec::new();
        for m in t.matters.iter().filter_map(|tm| self.matter(&tm.code)) {
            if let Some(d) = self.department(&m.department) {
                if !departments.contains(&d.name) {
                    departments.push(d.name.clone());
                }
            }
        }
        ThemeSummary {
            id: t.id.clone(),
            name: t.name.clone(),
            audience: t.audience,
            summary: t.summary.clone(),
            matter_count: t.matters.len() as u32,
            departments,
        }
    }

    pub fn theme_detail(&self, t: &Theme) -> ThemeDetail {
        ThemeDetail {
            theme: t.clone(),
            matters: t
                .matters
                .iter()
                .filter_map(|tm| self.matter(&tm.code))
                .map(|m| self.matter_summary(m))
                .collect(),
        }
    }

    /// Everything the questionnaire engine needs for a theme, for the SPA and the server alike.
    pub fn theme_kit(&self, t: &Theme) -> crate::apply::ThemeKit {
        let matters: Vec<crate::apply::KitMatter> = t
            .matters
            .iter()
            .filter_map(|tm| self.matter(&tm.code))
            .map(|m| crate::apply::KitMatter {
                matter: m.clone(),
                department_name: self
                    .department(&m.department)
                    .map(|d| d.name.clone())
                    .unwrap_or_default(),
            })
            .collect();
        let fields = self
            .fields
            .iter()
            .filter(|f| matters.iter().any(|k| k.matter.fields.contains(&f.id)))
            .cloned()
            .collect();
        crate::apply::ThemeKit {
            theme: t.clone(),
            matters,
            fields,
        }
    }

    pub fn hall_detail(&self, h: &Hall) -> HallDetail {
        HallDetail {
            hall: hall_summary(h),
            transit: h.transit.clone(),
            categories: h
                .categories
                .iter()
                .filter_map(|c| self.category(c))
                .cloned()
                .collect(),
            matters: self
                .matters
                .iter()
                .filter(|m| m.halls.contains(&h.id))
                .map(|m| self.matter_summary(m))
                .collect(),
        }
    }

    pub fn department_summary(&self, d: &Department) -> DepartmentSummary {
        DepartmentSummary {
            code: d.code.clone(),
            name: d.name.clone(),
            phone: d.phone.clone(),
            description: d.description.clone(),
            matter_count: self
                .matters
                .iter()
                .filter(|m| m.department == d.code)
                .count() as u32,
        }
    }
}

pub fn hall_summary(h: &Hall) -> HallSummary {
    HallSummary {
        id: h.id.clone(),
        name: h.name.clone(),
        level: h.level,
        district: h.district.clone(),
        address: h.address.clone(),
        latitude: h.latitude,
        longitude: h.longitude,
        phone: h.phone.clone(),
        hours: h.hours.iter().map(OpeningHours::describe).collect(),
    }
}
