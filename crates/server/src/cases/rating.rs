//! 好差评 and 整改: the applicant rates a concluded sub-case; a poor rating opens a follow-up
//! that the department's clerk answers and the applicant judges (回访).

use super::clerk::{other_department, own_case};
use super::clerk_session::Clerk;
use super::view::{for_applicant, replayed};
use crate::clock::{china_today, rfc3339_china};
use crate::error::{AppError, AppResult};
use crate::identity::session::Citizen;
use crate::json::ApiJson;
use crate::store::{NewRating, RatingRecord};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use lianban_core::api::{ApiError, Page};
use lianban_core::apply::Application;
use lianban_core::cases::rating::{
    check_rating, FollowUp, Rating, RatingLevel, RatingRequest, MAX_REPLY_CHARS, RATING_CHANGE_DAYS,
};
use lianban_core::cases::view::{FollowUpItem, FollowUpReply, FollowUpVisit};

/// A stored rating as shown, as of `now`.
pub fn rating_view(r: &RatingRecord, now: i64) -> Option<Rating> {
    let level = RatingLevel::parse(&r.level)?;
    let until = r.first_rated_at + RATING_CHANGE_DAYS * 86_400;
    Some(Rating {
        level,
        level_label: level.label().to_string(),
        tags: r.tags.clone(),
        comment: r.comment.clone(),
        rated_at: rfc3339_china(r.rated_at),
        changeable_until: rfc3339_china(until),
        changeable: now <= until,
        follow_up: r.follow_up.as_ref().map(|f| FollowUp {
            due_date: f.due_date.clone(),
            reply: f.reply.clone(),
            replied_at: f.replied_at.map(rfc3339_china),
            resolved: f.resolved,
        }),
    })
}

fn not_found() -> AppError {
    AppError::not_found("application_not_found", "没有找到这个办件")
}

/// 评价 a concluded sub-case of the citizen's own (changeable for 7 days).
#[utoipa::path(put, path = "/api/v1/applications/{number}/sub-cases/{sub_number}/rating",
    tag = "applications",
    params(("number" = String, Path), ("sub_number" = String, Path)),
    request_body = RatingRequest,
    responses((status = 200, body = Application), (status = 401, body = ApiError),
              (status = 404, body = ApiError), (status = 409, body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn rate(
    State(state): State<AppState>,
    citizen: Citizen,
    Path((number, sub_number)): Path<(String, String)>,
    ApiJson(request): ApiJson<RatingRequest>,
) -> AppResult<Json<Application>> {
    let record = state
        .store
        .application(citizen.id, &number)
        .await?
        .ok_or_else(not_found)?;
    let sub = record
        .sub_cases
        .iter()
        .find(|s| s.number == sub_number)
        .ok_or_else(not_found)?;
    let rep = replayed(&state, citizen.id, sub)?;
    let now = state.clock.now();
    let first = sub.rating.as_ref().map(|r| r.first_rated_at);
    if let Err(refusal) = check_rating(rep.state.status(), &request, first, now) {
        let mut e = ApiError::new("rating_refused", refusal.message());
        let status = match refusal.field() {
            Some(f) => {
                e = e.with_field(f, refusal.message());
                StatusCode::UNPROCESSABLE_ENTITY
            }
            None => StatusCode::CONFLICT,
        };
        return Err(AppError::Client(status, e));
    }
    let follow_up_due = request.level.is_poor().then(|| {
        state
            .calendar
            .add_working_days(china_today(now), state.settings.follow_up_working_days)
            .to_string()
    });
    state
        .store
        .put_rating(&NewRating {
            sub_case_number: &sub_number,
            level: request.level.as_str(),
            tags: &request.tags,
            comment: request.comment.trim(),
            now,
            follow_up_due,
        })
        .await?;
    tracing::info!(sub_case = %sub_number, level = request.level.as_str(), "rated");
    let after = state
        .store
        .application(citizen.id, &number)
        .await?
        .ok_or_else(not_found)?;
    Ok(Json(for_applicant(&state, &after)?))
}

/// 回访: whether the department's reply resolved the problem.
#[utoipa::path(post, path = "/api/v1/applications/{number}/sub-cases/{sub_number}/rating/visit",
    tag = "applications",
    params(("number" = String, Path), ("sub_number" = String, Path)),
    request_body = FollowUpVisit,
    responses((status = 200, body = Application), (status = 401, body = ApiError),
              (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn visit(
    State(state): State<AppState>,
    citizen: Citizen,
    Path((number, sub_number)): Path<(String, String)>,
    ApiJson(body): ApiJson<FollowUpVisit>,
) -> AppResult<Json<Application>> {
    let record = state
        .store
        .application(citizen.id, &number)
        .await?
        .ok_or_else(not_found)?;
    if !record.sub_cases.iter().any(|s| s.number == sub_number) {
        return Err(not_found());
    }
    if !state
        .store
        .visit_follow_up(&sub_number, body.resolved, state.clock.now())
        .await?
    {
        return Err(AppError::client(
            StatusCode::CONFLICT,
            "no_follow_up_reply",
            "部门还没有答复这条评价",
        ));
    }
    let after = state
        .store
        .application(citizen.id, &number)
        .await?
        .ok_or_else(not_found)?;
    Ok(Json(for_applicant(&state, &after)?))
}

/// 差评整改: the department's poor ratings not answered yet, the earliest due first.
#[utoipa::path(get, path = "/api/v1/clerk/follow-ups", tag = "clerk",
    responses((status = 200, body = Page<FollowUpItem>), (status = 401, body = ApiError)))]
pub async fn follow_ups(
    State(state): State<AppState>,
    clerk: Clerk,
) -> AppResult<Json<Page<FollowUpItem>>> {
    let today = china_today(state.clock.now()).to_string();
    let rows = state
        .store
        .open_follow_ups(&clerk.record.department)
        .await?;
    Ok(Json(Page::whole(
        rows.into_iter()
            .map(|r| FollowUpItem {
                matter_name: state
                    .catalogue
                    .matter(&r.matter_code)
                    .map(|m| m.name.clone())
                    .unwrap_or_default(),
                level_label: RatingLevel::parse(&r.level)
                    .map(|l| l.label().to_string())
                    .unwrap_or_default(),
                overdue: r.due_date < today,
                number: r.sub_case_number,
                case_number: r.case_number,
                comment: r.comment,
                due_date: r.due_date,
            })
            .collect(),
    )))
}

/// 整改答复 to a poor rating of the clerk's department.
#[utoipa::path(post, path = "/api/v1/clerk/sub-cases/{number}/follow-up", tag = "clerk",
    params(("number" = String, Path)),
    request_body = FollowUpReply,
    responses((status = 204), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 404, body = ApiError), (status = 409, body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn reply(
    State(state): State<AppState>,
    clerk: Clerk,
    Path(number): Path<String>,
    ApiJson(body): ApiJson<FollowUpReply>,
) -> AppResult<StatusCode> {
    let case = own_case(&state, &clerk, &number).await?;
    let text = body.reply.trim();
    let n = text.chars().count();
    if !(5..=MAX_REPLY_CHARS).contains(&n) {
        let m = format!("请填写答复内容（5到{MAX_REPLY_CHARS}个字）");
        return Err(AppError::Client(
            StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::new("invalid_reply", &m).with_field("reply", &m),
        ));
    }
    let sub = case
        .sub_cases
        .iter()
        .find(|s| s.number == number)
        .ok_or_else(other_department)?;
    let matter = state
        .catalogue
        .matter(&sub.matter_code)
        .map(|m| m.name.as_str())
        .unwrap_or("");
    let body_text = format!("您对“{matter}”的评价，部门已答复：{text}");
    if !state
        .store
        .reply_follow_up(
            &number,
            text,
            &clerk.record.username,
            state.clock.now(),
            ("评价已答复", &body_text),
        )
        .await?
    {
        return Err(AppError::client(
            StatusCode::CONFLICT,
            "no_open_follow_up",
            "这条评价没有待答复的整改，或已经答复过",
        ));
    }
    Ok(StatusCode::NO_CONTENT)
}
