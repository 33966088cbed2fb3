//! Reading `page` / `per_page` and shaping a list answer the same way on every endpoint.

use crate::error::AppError;
use axum::http::StatusCode;
use lianban_core::api::{ApiError, Page, DEFAULT_PER_PAGE, MAX_PAGE, MAX_PER_PAGE};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub page: u32,
    pub per_page: u32,
}

impl Paging {
    /// Reads the two parameters from a query's pairs; absent ones take their defaults.
    pub fn from_pairs(pairs: &[(String, String)]) -> Result<Paging, AppError> {
        let mut paging = Paging {
            page: 1,
            per_page: DEFAULT_PER_PAGE,
        };
        let mut error = ApiError::new("invalid_query", "查询参数不正确");
        let mut bad = false;
        for (key, value) in pairs {
            match key.as_str() {
                "page" => match value.parse::<u32>() {
                    Ok(p) if (1..=MAX_PAGE).contains(&p) => paging.page = p,
                    _ => {
                        bad = true;
                        error =
                            error.with_field("page", format!("页码应为1到{MAX_PAGE}之间的整数"));
                    }
                },
                "per_page" => match value.parse::<u32>() {
                    Ok(n) if (1..=MAX_PER_PAGE).contains(&n) => paging.per_page = n,
                    _ => {
                        bad = true;
                        error = error.with_field(
                            "per_page",
                            format!("每页条数应为1到{MAX_PER_PAGE}之间的整数"),
                        );
                    }
                },
                _ => {}
            }
        }
        if bad {
            Err(AppError::Client(StatusCode::BAD_REQUEST, error))
        } else {
            Ok(paging)
        }
    }

    /// How many items come before this page (what a store skips).
    pub fn offset(self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.per_page)
    }

    /// This page's `items` of `total` matching in all, read by the store at [`Paging::offset`].
    pub fn page_of<T>(self, items: Vec<T>, total: u64) -> Page<T> {
        Page {
            items,
            total,
            page: self.page,
            per_page: self.per_page,
        }
    }

    /// One page of an already complete, ordered list.
    pub fn slice<T>(self, items: Vec<T>) -> Page<T> {
        let total = items.len() as u64;
        let start = (self.page as usize - 1).saturating_mul(self.per_page as usize);
        Page {
            items: items
                .into_iter()
                .skip(start)
                .take(self.per_page as usize)
                .collect(),
            total,
            page: self.page,
            per_page: self.per_page,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(q: &[(&str, &str)]) -> Vec<(String, String)> {
        q.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_and_limits() {
        assert_eq!(
            Paging::from_pairs(&[]).unwrap(),
            Paging {
                page: 1,
                per_page: DEFAULT_PER_PAGE
            }
        );
        assert!(Paging::from_pairs(&pairs(&[("per_page", "100")])).is_ok());
        assert!(Paging::from_pairs(&pairs(&[("per_page", "101")])).is_err());
        assert!(Paging::from_pairs(&pairs(&[("page", "0")])).is_err());
        assert!(Paging::from_pairs(&pairs(&[("page", "x")])).is_err());
    }

    #[test]
    fn slices_pages() {
        let p = Paging {
            page: 2,
            per_page: 2,
        }
        .slice(vec![1, 2, 3, 4, 5]);
        assert_eq!(p.items, [3, 4]);
        assert_eq!(p.total, 5);
        let past = Paging {
            page: 9,
            per_page: 2,
        }
        .slice(vec![1]);
        assert!(past.items.is_empty());
    }
}
