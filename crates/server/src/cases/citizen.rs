//! 我的办件 and 消息中心: the citizen's own cases, paged, the actions the applicant may take
//! (撤回, 已按要求补正) and the messages every status change leaves.

use super::act::{act, Supplied};
use super::view::{for_applicant, replayed};
use crate::clock::rfc3339_china;
use crate::error::{AppError, AppResult};
use crate::identity::session::Citizen;
use crate::json::ApiJson;
use crate::paging::Paging;
use crate::store::SuppliedItem;
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use lianban_core::api::{ApiError, Page};
use lianban_core::apply::Application;
use lianban_core::cases::supplement::{check_reply, field_target, SupplementReply};
use lianban_core::cases::view::{Message, UnreadCount};
use lianban_core::cases::{Action, Actor};
use lianban_core::cases::{ActionKind, SubCaseState};
use std::collections::BTreeMap;

fn application_not_found() -> AppError {
    AppError::not_found("application_not_found", "没有找到这个办件")
}

/// 我的办件: the citizen's cases, newest first, paged.
#[utoipa::path(get, path = "/api/v1/applications", tag = "applications",
    params(("page" = Option<u32>, Query), ("per_page" = Option<u32>, Query)),
    responses((status = 200, body = Page<Application>), (status = 400, body = ApiError), (status = 401, body = ApiError)))]
pub async fn list_applications(
    State(state): State<AppState>,
    citizen: Citizen,
    Query(pairs): Query<Vec<(String, String)>>,
) -> AppResult<Json<Page<Application>>> {
    let paging = Paging::from_pairs(&pairs)?;
    let (rows, total) = state
        .store
        .applications_page(citizen.id, paging.offset(), paging.per_page)
        .await?;
    let mut items = Vec::with_capacity(rows.len());
    for r in &rows {
        items.push(for_applicant(&state, r)?);
    }
    Ok(Json(paging.page_of(items, total)))
}

/// One of the citizen's own cases; anyone else's is "not found".
#[utoipa::path(get, path = "/api/v1/applications/{number}", tag = "applications",
    params(("number" = String, Path)),
    responses((status = 200, body = Application), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn get_application(
    State(state): State<AppState>,
    citizen: Citizen,
    Path(number): Path<String>,
) -> AppResult<Json<Application>> {
    let record = state
        .store
        .application(citizen.id, &number)
        .await?
        .ok_or_else(application_not_found)?;
    Ok(Json(for_applicant(&state, &record)?))
}

/// The applicant's action on one sub-case: 撤回 before acceptance. (已按要求补正 goes with
/// its files and values, through `…/supplement`.)
#[utoipa::path(post, path = "/api/v1/applications/{number}/sub-cases/{sub_number}/actions",
    tag = "applications",
    params(("number" = String, Path), ("sub_number" = String, Path), ("Idempotency-Key" = String, Header)),
    request_body = Action,
    responses((status = 200, body = Application), (status = 400, body = ApiError),
              (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 404, body = ApiError), (status = 409, body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn citizen_action(
    State(state): State<AppState>,
    citizen: Citizen,
    Path((number, sub_number)): Path<(String, String)>,
    headers: HeaderMap,
    ApiJson(action): ApiJson<Action>,
) -> AppResult<Json<Application>> {
    let key = crate::idempotency::key(&headers)?;
    let record = state
        .store
        .application(citizen.id, &number)
        .await?
        .ok_or_else(application_not_found)?;
    if !record.sub_cases.iter().any(|s| s.number == sub_number) {
        return Err(application_not_found());
    }
    if action.kind() == ActionKind::ProvideSupplement {
        return Err(AppError::client(
            StatusCode::UNPROCESSABLE_ENTITY,
            "supplement_answers_required",
            "请逐项上传或更正需补正的内容后再提交补正",
        ));
    }
    let after = act(
        &state,
        &sub_number,
        Actor::Citizen {
            citizen_id: citizen.id,
        },
        action,
        &key,
        Supplied::default(),
    )
    .await?;
    Ok(Json(for_applicant(&state, &after)?))
}

/// 补正: a file or a corrected value for every item the department asked for, then
/// "已按要求补正" — in one request, so that the department never sees half of it.
#[utoipa::path(post, path = "/api/v1/applications/{number}/sub-cases/{sub_number}/supplement",
    tag = "applications",
    params(("number" = String, Path), ("sub_number" = String, Path), ("Idempotency-Key" = String, Header)),
    request_body = SupplementReply,
    responses((status = 200, body = Application), (status = 400, body = ApiError),
              (status = 401, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn provide_supplement(
    State(state): State<AppState>,
    citizen: Citizen,
    Path((number, sub_number)): Path<(String, String)>,
    headers: HeaderMap,
    ApiJson(reply): ApiJson<SupplementReply>,
) -> AppResult<Json<Application>> {
    let key = crate::idempotency::key(&headers)?;
    let record = state
        .store
        .application(citizen.id, &number)
        .await?
        .ok_or_else(application_not_found)?;
    let sub = record
        .sub_cases
        .iter()
        .find(|s| s.number == sub_number)
        .ok_or_else(application_not_found)?;
    let rep = replayed(&state, citizen.id, sub)?;
    let SubCaseState::SupplementRequested { items } = &rep.state else {
        return Err(AppError::client(
            StatusCode::CONFLICT,
            "not_awaiting_supplement",
            &format!("该事项{}，不需要补正", rep.state.status().phrase()),
        ));
    };
    let kit = state
        .catalogue
        .theme(&record.theme_id)
        .map(|t| state.catalogue.theme_kit(t));
    let today = crate::clock::china_today(state.clock.now());
    let field = |id: &str| {
        kit.as_ref()
            .and_then(|k| k.fields.iter().find(|f| f.id == id))
    };
    let mut problems = match check_reply(items, &reply, field, today) {
        Ok(()) => BTreeMap::new(),
        Err(p) => p,
    };
    let named: Vec<String> = reply.items.iter().flat_map(|a| a.uploads.clone()).collect();
    let owned = state.store.owned_uploads(citizen.id, &named).await?;
    for (i, a) in reply.items.iter().enumerate() {
        if a.uploads.iter().any(|u| !owned.contains(u)) {
            problems.insert(
                format!("items.{i}"),
                "这份文件不存在或不是您上传的，请重新上传".into(),
            );
        }
    }
    if !problems.is_empty() {
        let mut e = ApiError::new(
            "invalid_supplement",
            "补正内容还有需要修改的地方，请按提示修改后再提交",
        );
        e.error.fields = Some(problems);
        return Err(AppError::Client(StatusCode::UNPROCESSABLE_ENTITY, e));
    }
    let mut supplied = Supplied::default();
    for (i, (item, answer)) in items.iter().zip(&reply.items).enumerate() {
        let target = field_target(item).filter(|id| field(id).is_some());
        if let (Some(id), Some(v)) = (target, answer.value.as_deref()) {
            supplied
                .field_values
                .insert(id.to_string(), v.trim().to_string());
            supplied.items.push(SuppliedItem {
                index: i,
                name: item.name.clone(),
                upload_id: None,
                value: Some(v.trim().to_string()),
            });
        }
        for u in &answer.uploads {
            supplied.items.push(SuppliedItem {
                index: i,
                name: item.name.clone(),
                upload_id: Some(u.clone()),
                value: None,
            });
        }
    }
    let after = act(
        &state,
        &sub_number,
        Actor::Citizen {
            citizen_id: citizen.id,
        },
        Action::ProvideSupplement,
        &key,
        supplied,
    )
    .await?;
    Ok(Json(for_applicant(&state, &after)?))
}

/// 消息中心, newest first.
#[utoipa::path(get, path = "/api/v1/me/messages", tag = "applications",
    params(("page" = Option<u32>, Query), ("per_page" = Option<u32>, Query)),
    responses((status = 200, body = Page<Message>), (status = 400, body = ApiError), (status = 401, body = ApiError)))]
pub async fn messages(
    State(state): State<AppState>,
    citizen: Citizen,
    Query(pairs): Query<Vec<(String, String)>>,
) -> AppResult<Json<Page<Message>>> {
    let paging = Paging::from_pairs(&pairs)?;
    let (rows, total) = state
        .store
        .messages(citizen.id, paging.offset(), paging.per_page)
        .await?;
    let items = rows
        .into_iter()
        .map(|m| Message {
            id: m.id,
            title: m.title,
            body: m.body,
            case_number: m.case_number,
            created_at: rfc3339_china(m.created_at),
            read: m.read,
        })
        .collect();
    Ok(Json(paging.page_of(items, total)))
}

/// The badge on 我的.
#[utoipa::path(get, path = "/api/v1/me/messages/unread", tag = "applications",
    responses((status = 200, body = UnreadCount), (status = 401, body = ApiError)))]
pub async fn unread(
    State(state): State<AppState>,
    citizen: Citizen,
) -> AppResult<Json<UnreadCount>> {
    Ok(Json(UnreadCount {
        unread: state.store.unread_messages(citizen.id).await?,
    }))
}

/// Marks one message read.
#[utoipa::path(post, path = "/api/v1/me/messages/{id}/read", tag = "applications",
    params(("id" = i64, Path)),
    responses((status = 204), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn mark_read(
    State(state): State<AppState>,
    citizen: Citizen,
    Path(id): Path<i64>,
) -> AppResult<StatusCode> {
    if state
        .store
        .mark_message_read(citizen.id, id, state.clock.now())
        .await?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::not_found("message_not_found", "没有找到这条消息"))
    }
}

/// 全部标为已读.
#[utoipa::path(post, path = "/api/v1/me/messages/read-all", tag = "applications",
    responses((status = 204), (status = 401, body = ApiError)))]
pub async fn mark_all_read(
    State(state): State<AppState>,
    citizen: Citizen,
) -> AppResult<StatusCode> {
    state
        .store
        .mark_all_messages_read(citizen.id, state.clock.now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
