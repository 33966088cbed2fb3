//! 窗口工作台: a clerk logs in, lists their department's sub-cases, opens one and acts on it.
//! Another department's sub-case is refused with 403 (the clerk knows it exists: the number
//! is on the applicant's receipt at their counter).

use super::act::{act, sub_case_not_found};
use super::clerk_session::{
    clear_clerk_cookie, current_clerk, set_clerk_cookie, Clerk, CLERK_IDLE_SECONDS,
};
use super::clerks::password_matches;
use super::view::work_item;
use crate::error::{AppError, AppResult};
use crate::identity::client_addr::client_addr;
use crate::identity::secret::{new_token, token_hash};
use crate::identity::Peer;
use crate::json::ApiJson;
use crate::paging::Paging;
use crate::store::ApplicationRecord;
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use lianban_core::api::{ApiError, Page};
use lianban_core::apply::{evaluate, ApplicationRequest, MaterialSupply};
use lianban_core::cases::view::{
    CaseFile, CaseMaterial, ClerkCase, ClerkLogin, ClerkProfile, FieldAnswer, SuppliedAnswer,
    WorkItem,
};
use lianban_core::cases::{allowed_actions, Action, Actor, SubCaseStatus};

/// Failed logins of one account within the window before it is locked.
pub const CLERK_FAILURES_PER_ACCOUNT: u32 = 5;
/// Failed logins from one address within the window (any account).
pub const CLERK_FAILURES_PER_ADDRESS: u32 = 20;
pub const CLERK_FAILURE_WINDOW_SECONDS: i64 = 15 * 60;

fn profile(state: &AppState, c: &crate::store::ClerkRecord) -> ClerkProfile {
    ClerkProfile {
        username: c.username.clone(),
        name: c.name.clone(),
        department: c.department.clone(),
        department_name: state
            .catalogue
            .department(&c.department)
            .map(|d| d.name.clone())
            .unwrap_or_default(),
        hall_id: c.hall_id.clone(),
        hall_name: state
            .catalogue
            .hall(&c.hall_id)
            .map(|h| h.name.clone())
            .unwrap_or_default(),
    }
}

fn locked(message: String, retry_after: i64) -> Response {
    let mut r = AppError::Client(StatusCode::LOCKED, ApiError::new("clerk_locked", message))
        .into_response();
    if let Ok(v) = HeaderValue::from_str(&retry_after.max(1).to_string()) {
        r.headers_mut().insert(header::RETRY_AFTER, v);
    }
    r
}

/// 工作人员登录.
#[utoipa::path(post, path = "/api/v1/clerk/sessions", tag = "clerk",
    request_body = ClerkLogin,
    responses((status = 200, body = ClerkProfile), (status = 401, body = ApiError),
              (status = 422, body = ApiError), (status = 423, body = ApiError),
              (status = 429, body = ApiError)))]
pub async fn clerk_login(
    State(state): State<AppState>,
    Peer(peer): Peer,
    headers: HeaderMap,
    ApiJson(body): ApiJson<ClerkLogin>,
) -> AppResult<Response> {
    let username = body.username.trim();
    let mut missing = ApiError::new("invalid_login", "请填写用户名和密码");
    if username.is_empty() {
        missing = missing.with_field("username", "请填写用户名");
    }
    if body.password.is_empty() {
        missing = missing.with_field("password", "请填写密码");
    }
    if username.is_empty() || body.password.is_empty() {
        return Err(AppError::Client(StatusCode::UNPROCESSABLE_ENTITY, missing));
    }
    if username.chars().count() > 64 || body.password.len() > 256 {
        return Err(AppError::Client(
            StatusCode::UNAUTHORIZED,
            ApiError::new("clerk_login_failed", "用户名或密码不正确"),
        ));
    }
    let now = state.clock.now();
    let addr = client_addr(&state.settings, &headers, peer);
    let since = now - CLERK_FAILURE_WINDOW_SECONDS;
    let failures = state.store.clerk_failures(username, &addr, since).await?;
    if failures.by_key >= CLERK_FAILURES_PER_ACCOUNT {
        let until = failures.oldest_by_key.unwrap_or(now) + CLERK_FAILURE_WINDOW_SECONDS;
        return Ok(locked(
            format!(
                "密码连续输错{CLERK_FAILURES_PER_ACCOUNT}次，该账号已锁定，请于{}后再试，或联系管理员",
                crate::clock::hh_mm_china(until)
            ),
            until - now,
        ));
    }
    if failures.by_address >= CLERK_FAILURES_PER_ADDRESS {
        return Err(AppError::client(
            StatusCode::TOO_MANY_REQUESTS,
            "clerk_login_address",
            "这台设备登录失败次数过多，请15分钟后再试",
        ));
    }
    let clerk = state.store.clerk(username).await?;
    let ok = match &clerk {
        Some(c) => password_matches(&c.password_hash, &body.password),
        // The same work for an unknown name, so that timing does not tell names apart.
        None => {
            let _ = password_matches(super::clerks::dummy_hash(), &body.password);
            false
        }
    };
    let Some(clerk) = clerk.filter(|_| ok) else {
        state
            .store
            .record_clerk_failure(username, &addr, now)
            .await?;
        let left = CLERK_FAILURES_PER_ACCOUNT.saturating_sub(failures.by_key + 1);
        let message = if left == 0 {
            "用户名或密码不正确，该账号已锁定15分钟".to_string()
        } else {
            format!("用户名或密码不正确，还可以再试{left}次")
        };
        return Err(AppError::Client(
            StatusCode::UNAUTHORIZED,
            ApiError::new("clerk_login_failed", message),
        ));
    };
    let token = new_token()?;
    state
        .store
        .create_clerk_session(
            &token_hash(&token),
            &clerk.username,
            now,
            now + CLERK_IDLE_SECONDS,
        )
        .await?;
    tracing::info!(department = %clerk.department, "clerk logged in");
    let mut response = Json(profile(&state, &clerk)).into_response();
    set_clerk_cookie(
        response.headers_mut(),
        &headers,
        &token,
        state.settings.secure_cookies,
    );
    Ok(response)
}

/// The logged-in clerk, or `null`.
#[utoipa::path(get, path = "/api/v1/clerk/sessions/current", tag = "clerk",
    responses((status = 200, body = Option<ClerkProfile>)))]
pub async fn current_clerk_session(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> AppResult<Json<Option<ClerkProfile>>> {
    Ok(Json(
        current_clerk(&state, &headers)
            .await?
            .map(|c| profile(&state, &c.record)),
    ))
}

/// 退出登录.
#[utoipa::path(delete, path = "/api/v1/clerk/sessions/current", tag = "clerk",
    responses((status = 204)))]
pub async fn clerk_logout(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> AppResult<Response> {
    if let Some(c) = current_clerk(&state, &headers).await? {
        state.store.revoke_clerk_session(&c.token_hash).await?;
    }
    let mut r = StatusCode::NO_CONTENT.into_response();
    clear_clerk_cookie(r.headers_mut(), &headers, state.settings.secure_cookies);
    Ok(r)
}

/// The statuses a work-list filter names: `open` (the default) is everything a clerk may
/// still act on, `all` everything.
fn statuses(filter: Option<&str>) -> Result<Vec<&'static str>, AppError> {
    match filter.unwrap_or("open") {
        "all" => Ok(Vec::new()),
        "open" => Ok(SubCaseStatus::ALL
            .into_iter()
            .filter(|s| !s.is_terminal())
            .map(SubCaseStatus::as_str)
            .collect()),
        other => SubCaseStatus::parse(other)
            .map(|s| vec![s.as_str()])
            .ok_or_else(|| {
                AppError::Client(
                    StatusCode::BAD_REQUEST,
                    ApiError::new("invalid_query", "查询参数不正确")
                        .with_field("status", "没有这个办理状态"),
                )
            }),
    }
}

/// 待办列表: the department's sub-cases, due date first.
#[utoipa::path(get, path = "/api/v1/clerk/sub-cases", tag = "clerk",
    params(("status" = Option<String>, Query), ("page" = Option<u32>, Query), ("per_page" = Option<u32>, Query)),
    responses((status = 200, body = Page<WorkItem>), (status = 400, body = ApiError), (status = 401, body = ApiError)))]
pub async fn work_list(
    State(state): State<AppState>,
    clerk: Clerk,
    Query(pairs): Query<Vec<(String, String)>>,
) -> AppResult<Json<Page<WorkItem>>> {
    let paging = Paging::from_pairs(
        &pairs
            .iter()
            .filter(|(k, _)| k != "status")
            .cloned()
            .collect::<Vec<_>>(),
    )?;
    let filter = pairs
        .iter()
        .find(|(k, _)| k == "status")
        .map(|(_, v)| v.as_str());
    let statuses = statuses(filter)?;
    let (rows, total) = state
        .store
        .work_list(
            &clerk.record.department,
            &statuses,
            paging.offset(),
            paging.per_page,
        )
        .await?;
    let mut items = Vec::with_capacity(rows.len());
    for r in &rows {
        let (item, _) = work_item(
            &state,
            r.applicant,
            &r.case_number,
            r.submitted_at,
            r.applicant_name.as_deref(),
            &r.sub_case,
        )?;
        items.push(item);
    }
    Ok(Json(paging.page_of(items, total)))
}

pub fn other_department() -> AppError {
    AppError::client(
        StatusCode::FORBIDDEN,
        "other_department",
        "这个办件不属于您所在的部门，无法查看或办理",
    )
}

/// The case and the clerk's sub-case of it, refused for another department.
pub async fn own_case(
    state: &AppState,
    clerk: &Clerk,
    number: &str,
) -> AppResult<ApplicationRecord> {
    let (_, case) = state
        .store
        .case_of_sub_case(number)
        .await?
        .ok_or_else(sub_case_not_found)?;
    let sub = case
        .sub_cases
        .iter()
        .find(|s| s.number == number)
        .ok_or_else(sub_case_not_found)?;
    if sub.department != clerk.record.department {
        return Err(other_department());
    }
    Ok(case)
}

async fn clerk_case(
    state: &AppState,
    clerk: &Clerk,
    case: &ApplicationRecord,
    number: &str,
) -> AppResult<ClerkCase> {
    let sub = case
        .sub_cases
        .iter()
        .find(|s| s.number == number)
        .ok_or_else(sub_case_not_found)?;
    let applicant = state.store.citizen(case.citizen_id).await?;
    let (item, rep) = work_item(
        state,
        case.citizen_id,
        &case.number,
        case.submitted_at,
        applicant.as_ref().and_then(|a| a.name.as_deref()),
        sub,
    )?;
    let request: ApplicationRequest =
        serde_json::from_str(&case.content).map_err(|e| AppError::Internal(e.into()))?;
    let kit = state
        .catalogue
        .theme(&case.theme_id)
        .map(|t| state.catalogue.theme_kit(t));
    let fields = kit
        .as_ref()
        .map(|k| {
            k.fields
                .iter()
                .filter_map(|f| {
                    request.fields.get(&f.id).map(|v| FieldAnswer {
                        id: f.id.clone(),
                        label: f.label.clone(),
                        value: v.clone(),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let licences: Vec<String> = state
        .store
        .licences(case.citizen_id)
        .await?
        .into_iter()
        .map(|l| l.kind)
        .collect();
    let checklist = kit
        .as_ref()
        .map(|k| evaluate(k, &request.answers, &licences));
    let mut materials = Vec::new();
    for m in checklist.iter().flat_map(|c| &c.materials) {
        if !m.matters.contains(&sub.matter_code) {
            continue;
        }
        let (deferred, ids) = match request.materials.get(&m.key) {
            Some(MaterialSupply::Upload { uploads }) => (false, uploads.clone()),
            Some(MaterialSupply::Deferred { .. }) => (true, Vec::new()),
            None => (false, Vec::new()),
        };
        let mut files = Vec::new();
        for id in &ids {
            if let Some(u) = state.store.case_upload(&case.number, id).await? {
                files.push(CaseFile {
                    id: u.id,
                    name: u.name,
                    content_type: u.content_type,
                    size: u.size.max(0) as u64,
                });
            }
        }
        materials.push(CaseMaterial {
            key: m.key.clone(),
            name: m.name.clone(),
            deferred,
            files,
        });
    }
    let actor = Actor::Clerk {
        department: clerk.record.department.clone(),
        clerk_id: clerk.record.username.clone(),
    };
    let actions = allowed_actions(&rep.state, &actor, &rep.facts(case.citizen_id, sub));
    let supplement_overdue = rep.state.status() == SubCaseStatus::SupplementRequested
        && sub.events.last().is_some_and(|e| {
            state.clock.now() - e.at > i64::from(state.settings.supplement_limit_days) * 86_400
        });
    let mut supplied: Vec<SuppliedAnswer> = Vec::new();
    for s in state.store.latest_supplement(number).await? {
        if supplied.last().is_none_or(|l| l.index != s.index) {
            supplied.push(SuppliedAnswer {
                index: s.index,
                name: s.name.clone(),
                files: Vec::new(),
                value: None,
            });
        }
        let Some(entry) = supplied.last_mut() else {
            continue;
        };
        if let Some(v) = s.value {
            entry.value = Some(v);
        }
        if let Some(id) = s.upload_id {
            if let Some(u) = state.store.case_upload(&case.number, &id).await? {
                entry.files.push(CaseFile {
                    id: u.id,
                    name: u.name,
                    content_type: u.content_type,
                    size: u.size.max(0) as u64,
                });
            }
        }
    }
    Ok(ClerkCase {
        rating: sub
            .rating
            .as_ref()
            .and_then(|r| super::rating::rating_view(r, state.clock.now())),
        supplied,
        item,
        applicant_name: applicant
            .as_ref()
            .and_then(|a| a.name.clone())
            .unwrap_or_default(),
        applicant_phone: applicant.map(|a| a.phone).unwrap_or_default(),
        delivery: case.delivery.clone(),
        fields,
        materials,
        state: rep.state,
        timeline: rep.timeline,
        actions,
        supplement_overdue,
    })
}

/// 办件详情 for the clerk: the form answers, the materials, the timeline and the actions.
#[utoipa::path(get, path = "/api/v1/clerk/sub-cases/{number}", tag = "clerk",
    params(("number" = String, Path)),
    responses((status = 200, body = ClerkCase), (status = 401, body = ApiError),
              (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn clerk_sub_case(
    State(state): State<AppState>,
    clerk: Clerk,
    Path(number): Path<String>,
) -> AppResult<Json<ClerkCase>> {
    let case = own_case(&state, &clerk, &number).await?;
    Ok(Json(clerk_case(&state, &clerk, &case, &number).await?))
}

/// 办理: one action on the sub-case; the same `Idempotency-Key` records it once.
#[utoipa::path(post, path = "/api/v1/clerk/sub-cases/{number}/actions", tag = "clerk",
    params(("number" = String, Path), ("Idempotency-Key" = String, Header)),
    request_body = Action,
    responses((status = 200, body = ClerkCase), (status = 400, body = ApiError),
              (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 404, body = ApiError), (status = 409, body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn clerk_action(
    State(state): State<AppState>,
    clerk: Clerk,
    Path(number): Path<String>,
    headers: HeaderMap,
    ApiJson(action): ApiJson<Action>,
) -> AppResult<Json<ClerkCase>> {
    let key = crate::idempotency::key(&headers)?;
    own_case(&state, &clerk, &number).await?;
    let actor = Actor::Clerk {
        department: clerk.record.department.clone(),
        clerk_id: clerk.record.username.clone(),
    };
    let case = act(&state, &number, actor, action, &key, Default::default()).await?;
    Ok(Json(clerk_case(&state, &clerk, &case, &number).await?))
}

/// A material of a sub-case of the clerk's department.
#[utoipa::path(get, path = "/api/v1/clerk/sub-cases/{number}/files/{id}", tag = "clerk",
    params(("number" = String, Path), ("id" = String, Path)),
    responses((status = 200, description = "the file"), (status = 401, body = ApiError),
              (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn clerk_file(
    State(state): State<AppState>,
    clerk: Clerk,
    Path((number, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let case = own_case(&state, &clerk, &number).await?;
    let record = state
        .store
        .case_upload(&case.number, &id)
        .await?
        .ok_or(AppError::not_found("upload_not_found", "没有找到这份材料"))?;
    crate::applications::serve_upload(&state, record).await
}
