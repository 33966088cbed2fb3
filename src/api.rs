//! The one typed client of the platform API. Every request goes through [`get`], which aborts
//! itself when the page (the reactive owner) that asked for it goes away, and sorts failures
//! into what a citizen can act on: check the network, the thing does not exist, or try later.

use crate::url::{encode, query};
use lianban_core::api::{ApiError, Page};
use lianban_core::catalogue::{
    DepartmentSummary, HallDetail, HallSummary, MatterDetail, MatterSummary, ThemeDetail,
    ThemeSummary,
};
use serde::de::DeserializeOwned;
use std::future::Future;
use std::sync::OnceLock;

/// Why a request gave no data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiFailure {
    /// The phone reports no network connection.
    Offline,
    /// The request did not reach the server or got no answer (server down, DNS, timeout).
    Network,
    /// 404: the code in the URL names nothing (`matter_not_found`, ...).
    NotFound { message: String },
    /// Any other error answer; `message` is the server's Chinese message when it sent one.
    Server {
        status: u16,
        message: Option<String>,
    },
}

/// The API base from `<meta name="lianban-api-base">`, so one build can point at any
/// deployment of the platform; `/api/v1` when the page has none.
pub fn api_base() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| {
                d.query_selector("meta[name=lianban-api-base]")
                    .ok()
                    .flatten()
            })
            .and_then(|m| m.get_attribute("content"))
            .map(|s| s.trim_end_matches('/').to_string())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| DEFAULT_API_BASE.to_string())
    })
}

pub const DEFAULT_API_BASE: &str = "/api/v1";

/// GETs `path` (below the API base) as JSON.
///
/// Call it inside a resource's fetcher: the abort is registered with the current reactive
/// owner right away (not when the future is first polled), so a refetch or leaving the page
/// cancels the request in flight.
pub fn get<T: DeserializeOwned + 'static>(
    path: String,
) -> impl Future<Output = Result<T, ApiFailure>> {
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(|c| c.signal());
    if let Some(controller) = controller {
        let controller = send_wrapper::SendWrapper::new(controller);
        leptos::prelude::on_cleanup(move || controller.abort());
    }
    let url = format!("{}{path}", api_base());
    async move {
        let response = gloo_net::http::Request::get(&url)
            .abort_signal(signal.as_ref())
            .header("Accept", "application/json")
            .send()
            .await
            .map_err(|_| network_failure())?;
        let status = response.status();
        if response.ok() {
            return response.json::<T>().await.map_err(|_| ApiFailure::Server {
                status,
                message: None,
            });
        }
        let message = response
            .json::<ApiError>()
            .await
            .ok()
            .map(|e| e.error.message);
        Err(classify(status, message))
    }
}

fn network_failure() -> ApiFailure {
    let online = web_sys::window()
        .map(|w| w.navigator().on_line())
        .unwrap_or(true);
    if online {
        ApiFailure::Network
    } else {
        ApiFailure::Offline
    }
}

/// Sorts an error answer by its status.
pub fn classify(status: u16, message: Option<String>) -> ApiFailure {
    match status {
        404 => ApiFailure::NotFound {
            message: message.unwrap_or_default(),
        },
        // What a proxy answers when the platform behind it is down is a network failure to
        // the citizen: retrying later is the only remedy either way.
        502..=504 if message.is_none() => ApiFailure::Network,
        _ => ApiFailure::Server { status, message },
    }
}

/// What `/matters` is asked for: the search page's state, also the shape of its URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MatterQuery {
    pub q: String,
    pub department: String,
    /// `online`, `immediate`, `nearby`, `one_visit`.
    pub flags: Vec<String>,
    /// 1-based; 1 is left out of URLs.
    pub page: u32,
    pub per_page: u32,
}

impl MatterQuery {
    /// The query string, also used for the SPA's own `/search` URL.
    pub fn to_query(&self) -> String {
        let number = |n: u32, shown: bool| if shown { n.to_string() } else { String::new() };
        let page = number(self.page, self.page > 1);
        let per_page = number(self.per_page, self.per_page > 0);
        let mut pairs = vec![
            ("q", self.q.trim()),
            ("department", self.department.as_str()),
        ];
        pairs.extend(self.flags.iter().map(|f| ("flag", f.as_str())));
        pairs.push(("page", page.as_str()));
        pairs.push(("per_page", per_page.as_str()));
        query(pairs)
    }
}

pub fn matters(q: &MatterQuery) -> impl Future<Output = Result<Page<MatterSummary>, ApiFailure>> {
    get(format!("/matters{}", q.to_query()))
}

pub fn matter(code: &str) -> impl Future<Output = Result<MatterDetail, ApiFailure>> {
    get(format!("/matters/{}", encode(code)))
}

pub fn themes(q: &str) -> impl Future<Output = Result<Page<ThemeSummary>, ApiFailure>> {
    let per_page = lianban_core::api::MAX_PER_PAGE.to_string();
    get(format!(
        "/themes{}",
        query([("q", q.trim()), ("per_page", &per_page)])
    ))
}

pub fn theme(id: &str) -> impl Future<Output = Result<ThemeDetail, ApiFailure>> {
    get(format!("/themes/{}", encode(id)))
}

pub fn departments() -> impl Future<Output = Result<Page<DepartmentSummary>, ApiFailure>> {
    get(format!(
        "/departments?per_page={}",
        lianban_core::api::MAX_PER_PAGE
    ))
}

pub fn halls() -> impl Future<Output = Result<Page<HallSummary>, ApiFailure>> {
    get(format!(
        "/halls?per_page={}",
        lianban_core::api::MAX_PER_PAGE
    ))
}

pub fn hall(id: &str) -> impl Future<Output = Result<HallDetail, ApiFailure>> {
    get(format!("/halls/{}", encode(id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_error_answers() {
        assert!(matches!(classify(404, None), ApiFailure::NotFound { .. }));
        assert_eq!(classify(502, None), ApiFailure::Network);
        assert_eq!(
            classify(500, Some("服务器内部错误".into())),
            ApiFailure::Server {
                status: 500,
                message: Some("服务器内部错误".into())
            }
        );
    }

    #[test]
    fn writes_matter_queries() {
        let q = MatterQuery {
            q: " 营业执照 ".into(),
            flags: vec!["online".into(), "one_visit".into()],
            page: 2,
            ..Default::default()
        };
        assert_eq!(
            q.to_query(),
            "?q=%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7&flag=online&flag=one_visit&page=2"
        );
        assert_eq!(MatterQuery::default().to_query(), "");
    }
}
