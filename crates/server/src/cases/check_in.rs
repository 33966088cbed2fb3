//! 窗口签到: a clerk types or scans an appointment's 签到码; the day's list of the clerk's hall;
//! a no-show recorded only when the clerk confirms it (two ban online booking for a while).

use super::clerk_session::Clerk;
use crate::clock::{china_today, hh_mm_china};
use crate::error::{AppError, AppResult};
use crate::json::ApiJson;
use crate::store::{AppointmentRecord, RecordOutcome};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use lianban_core::api::{ApiError, Page};
use lianban_core::appointments::{check_in, may_record_no_show, CheckInRequest, ClerkAppointment};
use lianban_core::identity::mask_name;

fn view(state: &AppState, r: &AppointmentRecord, citizen: Option<&str>) -> ClerkAppointment {
    let cat = &state.catalogue;
    ClerkAppointment {
        id: r.id,
        code: r.checkin_code.clone(),
        date: r.date.clone(),
        time: format!("{}-{}", hh_mm_china(r.starts_at), hh_mm_china(r.ends_at)),
        category_name: cat
            .category(&r.category)
            .map(|c| c.name.clone())
            .unwrap_or_default(),
        matter_name: r
            .matter_code
            .as_deref()
            .and_then(|c| cat.matter(c))
            .map(|m| m.name.clone()),
        citizen: citizen.map(mask_name).unwrap_or_default(),
        status: r.status,
        status_label: r.status.clerk_label().to_string(),
        may_record_no_show: may_record_no_show(r.status, r.ends_at, state.clock.now()),
    }
}

async fn citizen_name(state: &AppState, id: i64) -> AppResult<Option<String>> {
    Ok(state.store.citizen(id).await?.and_then(|c| c.name))
}

/// 签到.
#[utoipa::path(post, path = "/api/v1/clerk/check-ins", tag = "clerk",
    request_body = CheckInRequest,
    responses((status = 200, body = ClerkAppointment), (status = 401, body = ApiError),
              (status = 404, body = ApiError), (status = 409, body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn check_in_by_code(
    State(state): State<AppState>,
    clerk: Clerk,
    ApiJson(body): ApiJson<CheckInRequest>,
) -> AppResult<Json<ClerkAppointment>> {
    let code = body.code.trim().to_ascii_uppercase();
    if code.is_empty() || code.len() > 32 {
        let m = "请输入或扫描签到码";
        return Err(AppError::Client(
            StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::new("invalid_code", m).with_field("code", m),
        ));
    }
    let Some((citizen, record)) = state.store.appointment_by_code(&code).await? else {
        return Err(AppError::not_found(
            "checkin_code_unknown",
            "没有这个签到码，请核对后重新输入",
        ));
    };
    let hall_name = state
        .catalogue
        .hall(&record.hall_id)
        .map(|h| h.name.as_str())
        .unwrap_or("");
    let today = china_today(state.clock.now()).to_string();
    if let Err(r) = check_in(
        record.status,
        &record.hall_id,
        hall_name,
        &record.date,
        &clerk.record.hall_id,
        &today,
    ) {
        return Err(AppError::client(
            StatusCode::CONFLICT,
            r.code(),
            &r.message(),
        ));
    }
    if !state.store.check_in(record.id, state.clock.now()).await? {
        return Err(AppError::client(
            StatusCode::CONFLICT,
            "not_booked",
            "这个预约刚刚已签到或被取消",
        ));
    }
    let (_, after) = state
        .store
        .appointment_by_id(record.id)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("a checked-in appointment vanished")))?;
    tracing::info!(hall = %after.hall_id, "checked in");
    let name = citizen_name(&state, citizen).await?;
    Ok(Json(view(&state, &after, name.as_deref())))
}

/// 今日预约 of the clerk's hall.
#[utoipa::path(get, path = "/api/v1/clerk/appointments", tag = "clerk",
    responses((status = 200, body = Page<ClerkAppointment>), (status = 401, body = ApiError)))]
pub async fn today(
    State(state): State<AppState>,
    clerk: Clerk,
) -> AppResult<Json<Page<ClerkAppointment>>> {
    let day = china_today(state.clock.now()).to_string();
    let rows = state.store.hall_day(&clerk.record.hall_id, &day).await?;
    Ok(Json(Page::whole(
        rows.iter()
            .map(|(r, name)| view(&state, r, name.as_deref()))
            .collect(),
    )))
}

/// 登记未到, once the slot is over; only an appointment of the clerk's hall.
#[utoipa::path(post, path = "/api/v1/clerk/appointments/{id}/no-show", tag = "clerk",
    params(("id" = i64, Path)),
    responses((status = 200, body = ClerkAppointment), (status = 401, body = ApiError),
              (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError)))]
pub async fn no_show(
    State(state): State<AppState>,
    clerk: Clerk,
    Path(id): Path<i64>,
) -> AppResult<Json<ClerkAppointment>> {
    let not_found = || AppError::not_found("appointment_not_found", "没有找到这个预约");
    let (citizen, record) = state
        .store
        .appointment_by_id(id)
        .await?
        .ok_or_else(not_found)?;
    if record.hall_id != clerk.record.hall_id {
        return Err(AppError::client(
            StatusCode::FORBIDDEN,
            "other_hall",
            "这不是本大厅的预约，不能登记",
        ));
    }
    match state.store.record_no_show(id, state.clock.now()).await? {
        RecordOutcome::Recorded(r) => {
            let name = citizen_name(&state, citizen).await?;
            Ok(Json(view(&state, &r, name.as_deref())))
        }
        RecordOutcome::NotFound => Err(not_found()),
        RecordOutcome::NotApplicable => Err(AppError::client(
            StatusCode::CONFLICT,
            if record.status == lianban_core::appointments::RecordedStatus::Booked {
                "not_over_yet"
            } else {
                "not_booked"
            },
            if record.status == lianban_core::appointments::RecordedStatus::Booked {
                "预约时段还没有结束，结束后才能登记未到"
            } else {
                "这个预约已签到、已取消或已登记，不能再登记未到"
            },
        )),
    }
}
