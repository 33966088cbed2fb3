//! The catalogue's reads, answered from the bytes [`PublishedCatalogue`] built at start-up.
//! Every answer has a strong `ETag` and `Cache-Control` (see `answer`); the OpenAPI document
//! adds `If-None-Match` and the 304 to each of these operations (`openapi::revalidated`).

use super::published::{MatterQuery, PublishedCatalogue};
use crate::error::{AppError, AppResult};
use crate::paging::Paging;
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use lianban_core::api::{ApiError, Page};
use lianban_core::catalogue::{
    DepartmentSummary, HallDetail, HallSummary, MatterDetail, MatterSummary, ThemeDetail,
    ThemeSummary, SERVICE_FLAGS,
};
use lianban_core::search;

type Pairs = Query<Vec<(String, String)>>;

fn published(state: &AppState) -> &PublishedCatalogue {
    &state.published
}

fn pairs(
    query: Result<Pairs, axum::extract::rejection::QueryRejection>,
) -> AppResult<Vec<(String, String)>> {
    Ok(query?.0)
}

/// The search terms of every `q`, bounded (see `lianban_core::search`): a query beyond the
/// bounds is a 400 naming `q`.
fn text_query(pairs: &[(String, String)]) -> AppResult<Vec<String>> {
    search::terms_of(
        pairs
            .iter()
            .filter(|(k, _)| k == "q")
            .map(|(_, v)| v.as_str()),
    )
    .map_err(|e| {
        AppError::Client(
            StatusCode::BAD_REQUEST,
            ApiError::new(e.code(), e.message()).with_field("q", e.message()),
        )
    })
}

/// 事项搜索: by keyword (partial names and everyday words), department and service flags.
#[utoipa::path(
    get,
    path = "/api/v1/matters",
    tag = "catalogue",
    params(
        ("q" = Option<String>, Query, description = "关键词，如 营业执照、开饭店；所有 q 合计最多50个字、10个词，超出为400"),
        ("department" = Option<String>, Query, description = "部门编码"),
        ("flag" = Option<String>, Query, description = "immediate、online、nearby、one_visit，可重复或以逗号分隔"),
        ("page" = Option<u32>, Query, description = "页码，从1开始"),
        ("per_page" = Option<u32>, Query, description = "每页条数，1到100"),
    ),
    responses(
        (status = 200, body = Page<MatterSummary>),
        (status = 400, body = ApiError),
    )
)]
pub async fn list_matters(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Pairs, axum::extract::rejection::QueryRejection>,
) -> AppResult<Response> {
    let pairs = pairs(query)?;
    let paging = Paging::from_pairs(&pairs)?;
    let mut flags = Vec::new();
    for (_, value) in pairs.iter().filter(|(k, _)| k == "flag") {
        for name in value.split(',').filter(|s| !s.is_empty()) {
            match SERVICE_FLAGS.iter().find(|(n, _)| *n == name) {
                Some((n, _)) if !flags.contains(n) => flags.push(*n),
                Some(_) => {}
                None => {
                    return Err(AppError::Client(
                        StatusCode::BAD_REQUEST,
                        ApiError::new("invalid_query", "查询参数不正确").with_field(
                            "flag",
                            "服务方式应为 immediate（马上办）、online（网上办）、nearby（就近办）或 one_visit（一次办）",
                        ),
                    ))
                }
            }
        }
    }
    let department = pairs
        .iter()
        .find(|(k, v)| k == "department" && !v.is_empty())
        .map(|(_, v)| v.clone());
    let query = MatterQuery {
        terms: text_query(&pairs)?,
        department,
        flags,
    };
    let answer = published(&state).matters(&query, paging.page, paging.per_page);
    Ok(answer.respond(&headers))
}

/// 办事指南: one matter's whole guide.
#[utoipa::path(
    get,
    path = "/api/v1/matters/{code}",
    tag = "catalogue",
    params(("code" = String, Path, description = "事项编码")),
    responses((status = 200, body = MatterDetail), (status = 404, body = ApiError))
)]
pub async fn get_matter(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> AppResult<Response> {
    published(&state)
        .matter(&code)
        .map(|a| a.respond(&headers))
        .ok_or(AppError::not_found(
            "matter_not_found",
            "没有找到这个事项，请核对事项编码",
        ))
}

/// 主题（一件事）列表, optionally searched.
#[utoipa::path(
    get,
    path = "/api/v1/themes",
    tag = "catalogue",
    params(
        ("q" = Option<String>, Query, description = "关键词；所有 q 合计最多50个字、10个词，超出为400"),
        ("page" = Option<u32>, Query), ("per_page" = Option<u32>, Query),
    ),
    responses((status = 200, body = Page<ThemeSummary>), (status = 400, body = ApiError))
)]
pub async fn list_themes(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Pairs, axum::extract::rejection::QueryRejection>,
) -> AppResult<Response> {
    let pairs = pairs(query)?;
    let paging = Paging::from_pairs(&pairs)?;
    let terms = text_query(&pairs)?;
    let answer = published(&state).themes(&terms, paging.page, paging.per_page);
    Ok(answer.respond(&headers))
}

/// 一件事: a theme with its questionnaire and matters.
#[utoipa::path(
    get,
    path = "/api/v1/themes/{id}",
    tag = "catalogue",
    params(("id" = String, Path, description = "主题编号")),
    responses((status = 200, body = ThemeDetail), (status = 404, body = ApiError))
)]
pub async fn get_theme(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> AppResult<Response> {
    published(&state)
        .theme(&id)
        .map(|a| a.respond(&headers))
        .ok_or(AppError::not_found(
            "theme_not_found",
            "没有找到这件事，请返回首页重新选择",
        ))
}

/// 部门列表.
#[utoipa::path(
    get,
    path = "/api/v1/departments",
    tag = "catalogue",
    params(("page" = Option<u32>, Query), ("per_page" = Option<u32>, Query)),
    responses((status = 200, body = Page<DepartmentSummary>), (status = 400, body = ApiError))
)]
pub async fn list_departments(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Pairs, axum::extract::rejection::QueryRejection>,
) -> AppResult<Response> {
    let paging = Paging::from_pairs(&pairs(query)?)?;
    let answer = published(&state).departments(paging.page, paging.per_page);
    Ok(answer.respond(&headers))
}

/// 服务大厅列表.
#[utoipa::path(
    get,
    path = "/api/v1/halls",
    tag = "catalogue",
    params(("page" = Option<u32>, Query), ("per_page" = Option<u32>, Query)),
    responses((status = 200, body = Page<HallSummary>), (status = 400, body = ApiError))
)]
pub async fn list_halls(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Pairs, axum::extract::rejection::QueryRejection>,
) -> AppResult<Response> {
    let paging = Paging::from_pairs(&pairs(query)?)?;
    let answer = published(&state).halls(paging.page, paging.per_page);
    Ok(answer.respond(&headers))
}

/// 大厅详情: where, when, which windows and which matters.
#[utoipa::path(
    get,
    path = "/api/v1/halls/{id}",
    tag = "catalogue",
    params(("id" = String, Path, description = "大厅编号")),
    responses((status = 200, body = HallDetail), (status = 404, body = ApiError))
)]
pub async fn get_hall(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> AppResult<Response> {
    published(&state)
        .hall(&id)
        .map(|a| a.respond(&headers))
        .ok_or(AppError::not_found(
            "hall_not_found",
            "没有找到这个服务大厅",
        ))
}
