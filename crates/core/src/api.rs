//! The conventions every endpoint follows: one list shape, one error shape.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Every list endpoint answers `{"items": [...], "total": N, "page": P, "per_page": K}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    /// How many items match in all, over every page.
    pub total: u64,
    /// 1-based page number.
    pub page: u32,
    pub per_page: u32,
}

impl<T> Page<T> {
    /// A list that is never paged (a citizen's own few records): everything on page 1.
    pub fn whole(items: Vec<T>) -> Page<T> {
        let total = items.len() as u64;
        Page {
            items,
            total,
            page: 1,
            per_page: total.max(1) as u32,
        }
    }
}

/// Paging limits shared by the server (which clamps) and the SPA (which asks).
pub const DEFAULT_PER_PAGE: u32 = 20;
pub const MAX_PER_PAGE: u32 = 100;
/// The highest page number a list answers (a million entries at the largest page size); a
/// larger one is a client's mistake, not an empty page.
pub const MAX_PAGE: u32 = 10_000;

/// Every error answers `{"error": {"code", "message", "fields"?}}` with the matching status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub error: ErrorBody,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// A stable snake_case code that programs can match on, e.g. `matter_not_found`.
    pub code: String,
    /// A message in plain Chinese for the citizen.
    pub message: String,
    /// Per-field messages, only where a form field is at fault.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<BTreeMap<String, String>>,
}

impl ApiError {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError {
            error: ErrorBody {
                code: code.into(),
                message: message.into(),
                fields: None,
            },
        }
    }

    pub fn with_field(mut self, field: impl Into<String>, message: impl Into<String>) -> Self {
        self.error
            .fields
            .get_or_insert_with(BTreeMap::new)
            .insert(field.into(), message.into());
        self
    }
}
