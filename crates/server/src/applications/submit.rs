//! 一表申请, submitted once: the server runs the questionnaire engine again, re-checks every
//! field and material, checks that each upload is the citizen's own, and creates the case
//! with one sub-case per matter in one transaction.

use super::verified;
use crate::cases::view::for_applicant;
use crate::clock::china_today;
use crate::error::{AppError, AppResult};
use crate::idempotency::{self, random_code, READABLE};
use crate::identity::session::Citizen;
use crate::json::ApiJson;
use crate::store::{NewApplication, NewSubCase, SubmitOutcome};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use lianban_core::api::ApiError;
use lianban_core::api::ErrorBody;
use lianban_core::apply::{
    check_application, promised_date, AccountValue, Application, ApplicationRequest, Delivery,
    MaterialSupply, OpenCaseExists, ThemeKit,
};
use lianban_core::cases::CombinedStatus;
use std::collections::BTreeMap;

/// Everything the questionnaire engine needs for a theme (public, like the theme itself).
#[utoipa::path(get, path = "/api/v1/themes/{id}/kit", tag = "applications",
    params(("id" = String, Path)),
    responses((status = 200, body = ThemeKit), (status = 404, body = ApiError)))]
pub async fn theme_kit(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> AppResult<Json<ThemeKit>> {
    let theme = state
        .catalogue
        .theme(&id)
        .ok_or(AppError::not_found("theme_not_found", "没有找到这个主题"))?;
    Ok(Json(state.catalogue.theme_kit(theme)))
}

fn invalid(fields: BTreeMap<String, String>) -> AppError {
    let mut e = ApiError::new(
        "invalid_application",
        "申请信息还有需要修改的地方，请按提示修改后再提交",
    );
    e.error.fields = Some(fields);
    AppError::Client(StatusCode::UNPROCESSABLE_ENTITY, e)
}

/// The stored statuses of a case still being handled.
fn open_statuses() -> Vec<&'static str> {
    CombinedStatus::ALL
        .into_iter()
        .filter(|s| s.is_open())
        .map(CombinedStatus::as_str)
        .collect()
}

/// 提交联办申请. The same `Idempotency-Key` never creates a second case; while the citizen
/// has an open case of the same theme, a new one is made only with `new_case_confirmed`.
#[utoipa::path(post, path = "/api/v1/applications", tag = "applications",
    request_body = ApplicationRequest,
    params(("Idempotency-Key" = String, Header)),
    responses((status = 201, body = Application), (status = 200, body = Application, description = "a repeated request"),
              (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 409, body = OpenCaseExists, description = "`open_case_exists`: an open case of this theme (its number); or `idempotency_key_reused` (no case_number)"),
              (status = 422, body = ApiError)))]
pub async fn submit(
    State(state): State<AppState>,
    citizen: Citizen,
    headers: HeaderMap,
    ApiJson(req): ApiJson<ApplicationRequest>,
) -> AppResult<Response> {
    let key = idempotency::key(&headers)?;
    let account = verified(&state, &citizen).await?;
    let theme = state
        .catalogue
        .theme(&req.theme_id)
        .ok_or_else(|| invalid(BTreeMap::from([("theme_id".into(), "没有这个主题".into())])))?;
    let kit = state.catalogue.theme_kit(theme);
    let licences: Vec<String> = state
        .store
        .licences(citizen.id)
        .await?
        .into_iter()
        .map(|l| l.kind)
        .collect();
    // Values the verified account supplies replace whatever the request says.
    let mut account_fields = BTreeMap::new();
    for f in &kit.fields {
        let value = match f.from_account {
            Some(AccountValue::Name) => account.name.clone(),
            Some(AccountValue::IdNumber) => account.id_number.clone(),
            Some(AccountValue::Phone) => Some(account.phone.clone()),
            None => None,
        };
        if let Some(v) = value {
            account_fields.insert(f.id.clone(), v);
        }
    }
    let now = state.clock.now();
    let today = china_today(now);
    let checklist =
        check_application(&kit, &req, &licences, &account_fields, today).map_err(invalid)?;

    // Every upload named must be the citizen's own.
    let named: Vec<String> = req
        .materials
        .values()
        .flat_map(|s| match s {
            MaterialSupply::Upload { uploads } => uploads.clone(),
            MaterialSupply::Deferred { .. } => Vec::new(),
        })
        .collect();
    let owned = state.store.owned_uploads(citizen.id, &named).await?;
    let mut foreign = BTreeMap::new();
    for (key, supply) in &req.materials {
        if let MaterialSupply::Upload { uploads } = supply {
            if uploads.iter().any(|u| !owned.contains(u)) {
                foreign.insert(
                    format!("materials.{key}"),
                    "这份文件不存在或不是您上传的，请重新上传".to_string(),
                );
            }
        }
    }
    if !foreign.is_empty() {
        return Err(invalid(foreign));
    }

    // Only the fields of this checklist are kept, account values included.
    let mut stored = req.clone();
    stored.fields = checklist
        .fields
        .iter()
        .filter_map(|id| {
            let v = account_fields.get(id).or_else(|| req.fields.get(id))?;
            Some((id.clone(), v.trim().to_string()))
        })
        .collect();
    let content = serde_json::to_string(&stored).map_err(|e| AppError::Internal(e.into()))?;
    let request_hash = idempotency::hash(
        serde_json::to_string(&req)
            .map_err(|e| AppError::Internal(e.into()))?
            .as_bytes(),
    );
    let delivery = match req.delivery.as_ref() {
        Some(Delivery::Hall { hall_id }) => format!(
            "窗口领取：{}",
            state
                .catalogue
                .hall(hall_id)
                .map(|h| h.name.as_str())
                .unwrap_or(hall_id)
        ),
        Some(Delivery::Post { address, .. }) => format!("免费邮寄送达：{}", address.trim()),
        None => String::new(),
    };
    let deferred: Vec<String> = checklist
        .materials
        .iter()
        .filter(|m| {
            matches!(
                req.materials.get(&m.key),
                Some(MaterialSupply::Deferred { .. })
            )
        })
        .map(|m| m.name.clone())
        .collect();
    let sub_cases = checklist
        .matters
        .iter()
        .map(|m| NewSubCase {
            matter_code: m.code.clone(),
            department: state
                .catalogue
                .matter(&m.code)
                .map(|x| x.department.clone())
                .unwrap_or_default(),
            promised_date: promised_date(&state.calendar, today, m.promised_days).to_string(),
        })
        .collect();
    let query_code = random_code(READABLE, 6)?;
    let outcome = state
        .store
        .submit_application(&NewApplication {
            citizen_id: citizen.id,
            theme_id: &theme.id,
            query_code: &query_code,
            content: &content,
            delivery: &delivery,
            deferred: &deferred,
            idempotency_key: &key,
            request_hash: &request_hash,
            now,
            day: today,
            sub_cases,
            uploads: &named,
            new_case_confirmed: req.new_case_confirmed,
            open_statuses: &open_statuses(),
        })
        .await?;
    match outcome {
        SubmitOutcome::Created(r) => {
            tracing::info!(number = %r.number, theme = %r.theme_id, matters = r.sub_cases.len(), "application submitted");
            Ok((StatusCode::CREATED, Json(for_applicant(&state, &r)?)).into_response())
        }
        SubmitOutcome::Replayed(r) => Ok((StatusCode::OK, Json(for_applicant(&state, &r)?)).into_response()),
        SubmitOutcome::OpenCaseExists(number) => Ok((
            StatusCode::CONFLICT,
            Json(OpenCaseExists {
                error: ErrorBody {
                    code: "open_case_exists".into(),
                    message: format!(
                        "您已有一件“{}”正在办理（办件编号 {number}）。如需再办一件，请确认后重新提交",
                        theme.name
                    ),
                    fields: None,
                },
                case_number: number,
            }),
        )
            .into_response()),
        SubmitOutcome::KeyReused => Err(AppError::client(
            StatusCode::CONFLICT,
            "idempotency_key_reused",
            "这个请求编号已用于另一份申请，请刷新页面后重试",
        )),
    }
}
