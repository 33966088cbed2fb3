use crate::clock::china_today;
use crate::error::{AppError, AppResult};
use crate::idempotency::{self, random_code, READABLE};
use crate::identity::session::Citizen;
use crate::json::ApiJson;
use crate::store::{
    AppointmentRecord, BookOutcome, BookingCheck, BookingDates, CancelOutcome, NewAppointment,
};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use lianban_core::api::{ApiError, Page};
use lianban_core::appointments::{
    Appointment, AppointmentRequest, AppointmentStatus, BookableDay, BookingStanding,
    RecordedStatus, RescheduleRequest, Slot,
};
use lianban_core::booking::{
    bookable_days, booking_standing, check_booking, clock, day_slots, BookingHistory, SlotId,
};
use lianban_core::date::SimpleDate;
use std::sync::Arc;

use lianban_core::booking::{china_instant, CHINA_OFFSET_SECONDS as CHINA_OFFSET};

fn client(code: &str, message: &str, status: StatusCode) -> AppError {
    AppError::Client(status, ApiError::new(code, message))
}

fn slot_field(message: &str) -> AppError {
    AppError::Client(
        StatusCode::UNPROCESSABLE_ENTITY,
        ApiError::new("invalid_slot", message).with_field("slot_id", message),
    )
}

#[derive(serde::Deserialize)]
pub struct DaysQuery {
    category: String,
}

#[derive(serde::Deserialize)]
pub struct SlotQuery {
    category: String,
    date: String,
}

/// The end (minutes since midnight) of a slot that exists: a hall's category on a bookable
/// day at one of its slot times.
fn valid_slot_end(state: &AppState, id: &SlotId) -> Result<u32, &'static str> {
    let hall = state.catalogue.hall(id.hall()).ok_or("没有这个服务大厅")?;
    let today = china_today(state.clock.now());
    if !bookable_days(&state.calendar, today, &state.booking_rules).contains(&id.date()) {
        return Err("这一天不能预约：只能预约今后几个工作日，节假日不开放");
    }
    day_slots(
        &hall.hours,
        id.date(),
        &state.calendar,
        state.booking_rules.slot_minutes,
    )
    .into_iter()
    .find(|(start, _)| *start == id.start())
    .map(|(_, end)| end)
    .ok_or("这个时段不存在，请重新选择")
}

/// The slot of a hall's category that the server itself hands out; the catalogue's ids are
/// checked on load to make these, so a failure here is a bug.
fn slot_of(hall: &str, category: &str, date: SimpleDate, start: u32) -> AppResult<SlotId> {
    SlotId::new(hall, category, date, start)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("slot id of {hall}/{category}: {e:?}")))
}

/// The hall, if it has a window of `category`.
fn hall_with_category<'a>(
    state: &'a AppState,
    hall_id: &str,
    category: &str,
) -> AppResult<&'a lianban_core::catalogue::Hall> {
    let hall = state.catalogue.hall(hall_id).ok_or(AppError::not_found(
        "hall_not_found",
        "没有找到这个服务大厅",
    ))?;
    if !hall.categories.iter().any(|c| c == category) {
        return Err(AppError::Client(
            StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::new("invalid_category", "该大厅没有这个业务类别的窗口")
                .with_field("category", "请选择该大厅办理的业务类别"),
        ));
    }
    Ok(hall)
}

/// 可预约日期: the date strip of a hall's business category. The days come from
/// `bookable_days` over the calendar (holidays absent); each says whether a place is left.
#[utoipa::path(get, path = "/api/v1/halls/{id}/days", tag = "appointments",
    params(("id" = String, Path), ("category" = String, Query)),
    responses((status = 200, body = Page<BookableDay>), (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn list_days(
    State(state): State<AppState>,
    Path(hall_id): Path<String>,
    query: Result<Query<DaysQuery>, axum::extract::rejection::QueryRejection>,
) -> AppResult<Json<Page<BookableDay>>> {
    let Query(q) = query?;
    let hall = hall_with_category(&state, &hall_id, &q.category)?;
    let now = state.clock.now();
    let rules = &state.booking_rules;
    let days = bookable_days(&state.calendar, china_today(now), rules);
    let mut slots = Vec::new();
    for date in &days {
        for (start, _) in day_slots(&hall.hours, *date, &state.calendar, rules.slot_minutes) {
            let id = slot_of(&hall.id, &q.category, *date, start)?;
            slots.push((*date, id, rules.slot_open(*date, start, now)));
        }
    }
    let ids: Vec<SlotId> = slots.iter().map(|(_, id, _)| id.clone()).collect();
    let counts = state.store.slot_counts(&ids).await?;
    let items = days
        .iter()
        .map(|date| {
            let remaining: u32 = slots
                .iter()
                .filter(|(d, _, open)| d == date && *open)
                .map(|(_, id, _)| {
                    let taken = counts
                        .iter()
                        .find(|(s, _)| s == id.as_str())
                        .map(|(_, n)| *n)
                        .unwrap_or(0);
                    rules.capacity.saturating_sub(taken)
                })
                .sum();
            BookableDay {
                date: date.to_string(),
                weekday: date.weekday(),
                remaining,
                full: remaining == 0,
                provisional: state.calendar.is_provisional(*date),
            }
        })
        .collect();
    Ok(Json(Page::whole(items)))
}

/// 可预约时段 of a hall's business category on a day, with the places left.
#[utoipa::path(get, path = "/api/v1/halls/{id}/slots", tag = "appointments",
    params(("id" = String, Path), ("category" = String, Query), ("date" = String, Query, description = "YYYY-MM-DD")),
    responses((status = 200, body = Page<Slot>), (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn list_slots(
    State(state): State<AppState>,
    Path(hall_id): Path<String>,
    query: Result<Query<SlotQuery>, axum::extract::rejection::QueryRejection>,
) -> AppResult<Json<Page<Slot>>> {
    let Query(q) = query?;
    let hall = hall_with_category(&state, &hall_id, &q.category)?;
    let date = SimpleDate::parse_iso(&q.date).ok_or_else(|| {
        AppError::Client(
            StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::new("invalid_date", "日期格式应为 YYYY-MM-DD")
                .with_field("date", "日期不正确"),
        )
    })?;
    let now = state.clock.now();
    let rules = &state.booking_rules;
    let open_day = bookable_days(&state.calendar, china_today(now), rules).contains(&date);
    let times = if open_day {
        day_slots(&hall.hours, date, &state.calendar, rules.slot_minutes)
    } else {
        Vec::new()
    };
    let ids = times
        .iter()
        .map(|(start, _)| slot_of(&hall.id, &q.category, date, *start))
        .collect::<AppResult<Vec<SlotId>>>()?;
    let counts = state.store.slot_counts(&ids).await?;
    let provisional = state.calendar.is_provisional(date);
    let items: Vec<Slot> = times
        .iter()
        .zip(&ids)
        .map(|((start, end), id)| {
            let taken = counts
                .iter()
                .find(|(s, _)| s == id.as_str())
                .map(|(_, n)| *n)
                .unwrap_or(0);
            Slot {
                id: id.to_string(),
                start: clock(*start),
                end: clock(*end),
                capacity: rules.capacity,
                remaining: rules.capacity.saturating_sub(taken),
                open: rules.slot_open(date, *start, now),
                provisional,
            }
        })
        .collect();
    Ok(Json(Page::whole(items)))
}

fn view(state: &AppState, r: &AppointmentRecord, now: i64) -> Appointment {
    let hall = state.catalogue.hall(&r.hall_id);
    let status = r.status.seen(r.ends_at <= now);
    let minutes = |t: i64| (((t + CHINA_OFFSET).rem_euclid(86_400)) / 60) as u32;
    Appointment {
        id: r.id,
        slot_id: r.slot_id.clone(),
        hall_id: r.hall_id.clone(),
        hall_name: hall.map(|h| h.name.clone()).unwrap_or_default(),
        hall_address: hall.map(|h| h.address.clone()).unwrap_or_default(),
        category: r.category.clone(),
        category_name: state
            .catalogue
            .category(&r.category)
            .map(|c| c.name.clone())
            .unwrap_or_default(),
        date: r.date.clone(),
        start: clock(minutes(r.starts_at)),
        end: clock(minutes(r.ends_at)),
        matter_code: r.matter_code.clone(),
        matter_name: r
            .matter_code
            .as_deref()
            .and_then(|c| state.catalogue.matter(c))
            .map(|m| m.name.clone()),
        checkin_code: r.checkin_code.clone(),
        status,
        changeable: status == AppointmentStatus::Booked
            && state.booking_rules.changeable(r.starts_at, now),
        provisional: SimpleDate::parse_iso(&r.date)
            .is_some_and(|d| state.calendar.is_provisional(d)),
    }
}

fn history_of(dates: &BookingDates) -> BookingHistory {
    let parse = |v: &[String]| v.iter().filter_map(|d| SimpleDate::parse_iso(d)).collect();
    BookingHistory {
        active_dates: parse(&dates.active),
        no_show_dates: parse(&dates.no_shows),
    }
}

/// Books `slot_id` (optionally replacing an appointment) under the request's key.
async fn book_slot(
    state: &AppState,
    citizen: &Citizen,
    key: &str,
    slot_id: &str,
    matter_code: Option<&str>,
    replaces: Option<i64>,
) -> AppResult<Response> {
    // Parsed once, here: from now on only the canonical text exists, so every counter and
    // record is keyed on the one spelling.
    let id = SlotId::parse_known(slot_id, &state.catalogue).map_err(|e| slot_field(e.message()))?;
    let end = valid_slot_end(state, &id).map_err(slot_field)?;
    if let Some(code) = matter_code {
        let matter = state.catalogue.matter(code).ok_or_else(|| {
            AppError::Client(
                StatusCode::UNPROCESSABLE_ENTITY,
                ApiError::new("invalid_matter", "没有这个事项")
                    .with_field("matter_code", "没有这个事项，请重新选择"),
            )
        })?;
        if matter.category != id.category() || !matter.halls.iter().any(|h| h == id.hall()) {
            return Err(AppError::Client(
                StatusCode::UNPROCESSABLE_ENTITY,
                ApiError::new("invalid_matter", "这个事项不在该窗口办理").with_field(
                    "matter_code",
                    "这个事项不在所选大厅的该业务窗口办理，请换一个大厅或业务类别",
                ),
            ));
        }
    }
    let now = state.clock.now();
    let rules = state.booking_rules.clone();
    if !rules.slot_open(id.date(), id.start(), now) {
        return Err(client(
            "slot_closed",
            &format!(
                "该时段开始前{}分钟停止预约，请选择其他时段",
                rules.close_before_minutes
            ),
            StatusCode::CONFLICT,
        ));
    }
    let today = china_today(now);
    let date = id.date();
    let check: BookingCheck = Arc::new(move |dates: &BookingDates| {
        check_booking(&rules, &history_of(dates), today, date)
    });
    let request_hash = {
        let body = format!(
            "{id}\n{}\n{}",
            matter_code.unwrap_or(""),
            replaces.unwrap_or(0)
        );
        idempotency::hash(body.as_bytes())
    };
    let outcome = state
        .store
        .book(NewAppointment {
            citizen_id: citizen.id,
            starts_at: china_instant(id.date(), id.start()),
            ends_at: china_instant(id.date(), end),
            slot: id,
            matter_code: matter_code.map(str::to_string),
            checkin_code: random_code(READABLE, 8)?,
            idempotency_key: key.to_string(),
            request_hash,
            capacity: state.booking_rules.capacity,
            now,
            check,
            replaces,
            cancel_before: state.booking_rules.cancel_window_seconds(),
        })
        .await?;
    match outcome {
        BookOutcome::Booked(r) => {
            Ok((StatusCode::CREATED, Json(view(state, &r, now))).into_response())
        }
        BookOutcome::Replayed(r) => {
            Ok((StatusCode::OK, Json(view(state, &r, now))).into_response())
        }
        BookOutcome::KeyReused => Err(client(
            "idempotency_key_reused",
            "这个请求编号已用于另一次预约，请刷新页面后重试",
            StatusCode::UNPROCESSABLE_ENTITY,
        )),
        BookOutcome::Full => Err(client(
            "slot_full",
            "这个时段已约满，请选择其他时段",
            StatusCode::CONFLICT,
        )),
        BookOutcome::Refused(refusal) => Err(client(
            refusal.code(),
            &refusal.message(&state.booking_rules),
            StatusCode::CONFLICT,
        )),
        BookOutcome::NotChangeable => Err(client(
            "appointment_not_changeable",
            &format!(
                "预约开始前{}小时内或已办理、已取消的预约不能更改",
                state.booking_rules.cancel_before_minutes / 60
            ),
            StatusCode::CONFLICT,
        )),
    }
}

/// 预约: books a place in a slot. The same `Idempotency-Key` never books twice.
#[utoipa::path(post, path = "/api/v1/appointments", tag = "appointments",
    request_body = AppointmentRequest,
    params(("Idempotency-Key" = String, Header)),
    responses((status = 201, body = Appointment), (status = 200, body = Appointment, description = "a repeated request"),
              (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn book(
    State(state): State<AppState>,
    citizen: Citizen,
    headers: HeaderMap,
    ApiJson(body): ApiJson<AppointmentRequest>,
) -> AppResult<Response> {
    let key = idempotency::key(&headers)?;
    book_slot(
        &state,
        &citizen,
        &key,
        &body.slot_id,
        body.matter_code.as_deref(),
        None,
    )
    .await
}

/// 改约: books the new slot and releases the old one in one transaction.
#[utoipa::path(post, path = "/api/v1/appointments/{id}/reschedule", tag = "appointments",
    request_body = RescheduleRequest,
    params(("id" = i64, Path), ("Idempotency-Key" = String, Header)),
    responses((status = 201, body = Appointment), (status = 409, body = ApiError)))]
pub async fn reschedule(
    State(state): State<AppState>,
    citizen: Citizen,
    Path(id): Path<i64>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<RescheduleRequest>,
) -> AppResult<Response> {
    let key = idempotency::key(&headers)?;
    let matter = state
        .store
        .appointments(citizen.id)
        .await?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or(AppError::not_found(
            "appointment_not_found",
            "没有找到这个预约",
        ))?
        .matter_code;
    book_slot(
        &state,
        &citizen,
        &key,
        &body.slot_id,
        matter.as_deref(),
        Some(id),
    )
    .await
}

/// 我的预约.
#[utoipa::path(get, path = "/api/v1/appointments", tag = "appointments",
    responses((status = 200, body = Page<Appointment>), (status = 401, body = ApiError)))]
pub async fn list_appointments(
    State(state): State<AppState>,
    citizen: Citizen,
) -> AppResult<Json<Page<Appointment>>> {
    let now = state.clock.now();
    let items: Vec<Appointment> = state
        .store
        .appointments(citizen.id)
        .await?
        .iter()
        .map(|r| view(&state, r, now))
        .collect();
    Ok(Json(Page::whole(items)))
}

/// 预约信用: recent no-shows and how near a ban on online booking the citizen is.
#[utoipa::path(get, path = "/api/v1/appointments/standing", tag = "appointments",
    responses((status = 200, body = BookingStanding), (status = 401, body = ApiError)))]
pub async fn standing(
    State(state): State<AppState>,
    citizen: Citizen,
) -> AppResult<Json<BookingStanding>> {
    let now = state.clock.now();
    let no_shows: Vec<SimpleDate> = state
        .store
        .appointments(citizen.id)
        .await?
        .iter()
        .filter(|r| r.status == RecordedStatus::NoShow)
        .filter_map(|r| SimpleDate::parse_iso(&r.date))
        .collect();
    Ok(Json(booking_standing(
        &state.booking_rules,
        &no_shows,
        china_today(now),
    )))
}

/// 取消预约: until the cancel window before the slot.
#[utoipa::path(post, path = "/api/v1/appointments/{id}/cancel", tag = "appointments",
    params(("id" = i64, Path)),
    responses((status = 200, body = Appointment), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn cancel(
    State(state): State<AppState>,
    citizen: Citizen,
    Path(id): Path<i64>,
) -> AppResult<Json<Appointment>> {
    let now = state.clock.now();
    let window = state.booking_rules.cancel_window_seconds();
    match state
        .store
        .cancel_appointment(citizen.id, id, now, window)
        .await?
    {
        CancelOutcome::Cancelled(r) => Ok(Json(view(&state, &r, now))),
        CancelOutcome::NotFound => Err(AppError::not_found(
            "appointment_not_found",
            "没有找到这个预约",
        )),
        CancelOutcome::NotChangeable => Err(client(
            "appointment_not_changeable",
            &format!(
                "预约开始前{}小时内或已办理、已取消的预约不能取消",
                state.booking_rules.cancel_before_minutes / 60
            ),
            StatusCode::CONFLICT,
        )),
    }
}
