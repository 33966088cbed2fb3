//! The service catalogue: departments, matters (事项) with their guides, themes (一件事) with
//! their situation questionnaires, and service halls. The seed files in `data/` deserialize
//! straight into these types; [`Catalogue::validate`] checks that they fit together.

mod hall;
mod matter;
#[cfg(feature = "seed")]
mod source;
mod theme;
mod validate;
mod views;

pub use hall::*;
pub use matter::*;
#[cfg(feature = "seed")]
pub use source::parse_catalogue;
pub use theme::*;
pub use validate::*;
pub use views::*;

use serde::{Deserialize, Serialize};

/// 部门: a department that owns matters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Department {
    /// Short stable code, e.g. `scjgj` (市场监督管理局).
    pub code: String,
    /// Full name, e.g. 市场监督管理局.
    pub name: String,
    /// Consultation phone of the department.
    pub phone: String,
    /// One sentence on what citizens come to it for.
    #[serde(default)]
    pub description: String,
}

/// 业务类别: a business category a hall's windows serve (综合窗口, 不动产登记, ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub name: String,
}

/// The whole catalogue as loaded from `data/`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Catalogue {
    pub departments: Vec<Department>,
    pub categories: Vec<Category>,
    pub matters: Vec<Matter>,
    pub themes: Vec<Theme>,
    pub halls: Vec<Hall>,
    /// The combined form's field definitions (`data/fields.toml`).
    pub fields: Vec<crate::apply::FieldDef>,
}

impl Catalogue {
    pub fn department(&self, code: &str) -> Option<&Department> {
        self.departments.iter().find(|d| d.code == code)
    }
    pub fn matter(&self, code: &str) -> Option<&Matter> {
        self.matters.iter().find(|m| m.code == code)
    }
    pub fn hall(&self, id: &str) -> Option<&Hall> {
        self.halls.iter().find(|h| h.id == id)
    }
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }
    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.id == id)
    }
    pub fn field(&self, id: &str) -> Option<&crate::apply::FieldDef> {
        self.fields.iter().find(|f| f.id == id)
    }
}
