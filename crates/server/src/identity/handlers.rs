use super::client_addr::client_addr;
use super::secret::{code_hash, new_code, new_token, token_hash};
use super::session::{clear_cookie, session_token, set_cookie, Citizen};
use crate::clock::{china_day_start, china_today};
use crate::error::{AppError, AppResult};
use crate::json::ApiJson;
use crate::store::{
    CitizenRecord, CodeCheck, LoginAttempt, NewLicence, SmsCodeIssue, SmsIssueOutcome,
    VerifyOutcome,
};
use crate::AppState;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use lianban_core::account::{
    name_problem, Enterprise, EnterpriseRequest, IdentityRequest, Licence, LoginRequest, Me,
    Preferences, SmsCodeRequest, SmsCodeSent, LANGUAGES, LOGIN_FAILURES_PER_NUMBER_AND_ADDRESS,
    LOGIN_FAILURE_WINDOW_SECONDS, SMS_CODE_DIGITS, SMS_CODE_TTL_SECONDS, SMS_MAX_FOREIGN_ATTEMPTS,
    SMS_RESEND_SECONDS,
};
use lianban_core::api::{ApiError, Page};
use lianban_core::identity::{CreditCode, IdNumber, MobilePhone};
use std::net::SocketAddr;

fn unprocessable(code: &str, message: &str, field: &str, field_message: &str) -> AppError {
    AppError::Client(
        StatusCode::UNPROCESSABLE_ENTITY,
        ApiError::new(code, message).with_field(field, field_message),
    )
}

fn too_many(code: &str, message: String, retry_after: Option<i64>) -> Response {
    let mut response =
        AppError::Client(StatusCode::TOO_MANY_REQUESTS, ApiError::new(code, message))
            .into_response();
    if let Some(seconds) = retry_after {
        if let Ok(v) = HeaderValue::from_str(&seconds.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
    }
    response
}

fn parse_phone(phone: &str) -> AppResult<MobilePhone> {
    MobilePhone::parse(phone)
        .map_err(|e| unprocessable("invalid_phone", e.message(), "phone", e.message()))
}

/// The peer address of the connection, when the server was started with connect info.
pub struct Peer(pub Option<SocketAddr>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Peer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(Peer(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0),
        ))
    }
}

/// Whole minutes to wait, rounded up, for a message.
fn minutes(seconds: i64) -> i64 {
    (seconds + 59) / 60
}

/// 获取验证码.
#[utoipa::path(post, path = "/api/v1/auth/sms-codes", tag = "identity",
    request_body = SmsCodeRequest,
    responses((status = 202, body = SmsCodeSent), (status = 422, body = ApiError),
              (status = 429, body = ApiError), (status = 503, body = ApiError)))]
pub async fn send_sms_code(
    State(state): State<AppState>,
    Peer(peer): Peer,
    headers: HeaderMap,
    ApiJson(body): ApiJson<SmsCodeRequest>,
) -> AppResult<Response> {
    let phone = parse_phone(&body.phone)?;
    let code = new_code(SMS_CODE_DIGITS)?;
    let now = state.clock.now();
    let addr = client_addr(&state.settings, &headers, peer);
    let hash = code_hash(&state.settings.secret, phone.as_str(), &code);
    let s = &state.settings;
    let outcome = state
        .store
        .issue_sms_code(&SmsCodeIssue {
            phone: phone.as_str(),
            client_addr: &addr,
            code_hash: &hash,
            now,
            expires_at: now + SMS_CODE_TTL_SECONDS,
            day_start: china_day_start(now),
            resend_seconds: SMS_RESEND_SECONDS,
            per_phone_per_day: s.sms_per_phone_per_day,
            per_address_per_day: s.sms_per_address_per_day,
            per_phone_per_address_per_day: s.sms_per_phone_per_address_per_day,
        })
        .await?;
    // Daily caps start again at midnight, China time.
    let tomorrow = china_day_start(now) + 86_400 - now;
    match outcome {
        SmsIssueOutcome::Issued => {}
        SmsIssueOutcome::TooSoon { retry_after } => {
            return Ok(too_many(
                "sms_too_soon",
                format!("验证码已发送，请{retry_after}秒后再重新获取"),
                Some(retry_after),
            ))
        }
        SmsIssueOutcome::PhoneDailyLimit => {
            return Ok(too_many(
                "sms_daily_limit",
                "这个手机号今天获取验证码的次数已达上限，请明天再试".into(),
                Some(tomorrow),
            ))
        }
        SmsIssueOutcome::AddressDailyLimit => {
            return Ok(too_many(
                "sms_address_limit",
                "当前网络今天获取验证码的次数已达上限，请明天再试或换用其他网络".into(),
                Some(tomorrow),
            ))
        }
        SmsIssueOutcome::PhoneAddressDailyLimit => {
            return Ok(too_many(
                "sms_phone_address_limit",
                "从当前网络为这个手机号获取验证码的次数今天已达上限，请明天再试，\
                 或换用其他网络（如在Wi-Fi和手机流量之间切换）获取"
                    .into(),
                Some(tomorrow),
            ))
        }
    }
    if let Err(e) = state.sms.send_code(phone.as_str(), &code).await {
        tracing::error!(error = %e, "SMS not sent");
        return Err(AppError::Client(
            StatusCode::SERVICE_UNAVAILABLE,
            ApiError::new("sms_unavailable", "短信暂时发不出去，请稍后再试"),
        ));
    }
    Ok((
        StatusCode::ACCEPTED,
        Json(SmsCodeSent {
            phone_masked: phone.masked(),
            resend_after_seconds: SMS_RESEND_SECONDS,
            expires_in_seconds: SMS_CODE_TTL_SECONDS,
        }),
    )
        .into_response())
}

/// 登录: a code for a session cookie.
#[utoipa::path(post, path = "/api/v1/auth/sessions", tag = "identity",
    request_body = LoginRequest,
    responses((status = 200, body = Me), (status = 422, body = ApiError), (status = 429, body = ApiError)))]
pub async fn login(
    State(state): State<AppState>,
    Peer(peer): Peer,
    headers: HeaderMap,
    ApiJson(body): ApiJson<LoginRequest>,
) -> AppResult<Response> {
    let phone = parse_phone(&body.phone)?;
    let code = body.code.trim();
    if code.len() != SMS_CODE_DIGITS || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(unprocessable(
            "invalid_code",
            "请输入6位数字验证码",
            "code",
            "请输入6位数字验证码",
        ));
    }
    let now = state.clock.now();
    let hash = code_hash(&state.settings.secret, phone.as_str(), code);
    let addr = client_addr(&state.settings, &headers, peer);
    let attempt = LoginAttempt {
        phone: phone.as_str(),
        client_addr: &addr,
        code_hash: &hash,
        now,
        window: LOGIN_FAILURE_WINDOW_SECONDS,
        per_address: state.settings.login_failures_per_address,
        per_phone_and_address: LOGIN_FAILURES_PER_NUMBER_AND_ADDRESS as u32,
        foreign_per_code: SMS_MAX_FOREIGN_ATTEMPTS as u32,
    };
    match state.store.check_sms_code(&attempt).await? {
        CodeCheck::Accepted => {}
        CodeCheck::NoCode => {
            return Err(unprocessable(
                "code_missing",
                "请先获取验证码",
                "code",
                "请先获取验证码",
            ))
        }
        CodeCheck::Expired => {
            return Err(unprocessable(
                "code_expired",
                "验证码已过期，请重新获取",
                "code",
                "验证码已过期，请重新获取",
            ))
        }
        CodeCheck::Wrong { remaining } => {
            let m = format!("验证码不正确，还可以再试{remaining}次");
            return Err(unprocessable("code_wrong", &m, "code", &m));
        }
        CodeCheck::Exhausted => {
            return Ok(too_many(
                "code_attempts_exhausted",
                "这个验证码已被输错多次，请重新获取验证码后再登录".into(),
                None,
            ))
        }
        CodeCheck::PhoneAddressThrottled { retry_after } => {
            return Ok(too_many(
                "login_attempts_number",
                format!(
                    "这个手机号输错验证码的次数过多，请{}分钟后再试",
                    minutes(retry_after)
                ),
                Some(retry_after),
            ))
        }
        CodeCheck::AddressThrottled { retry_after } => {
            return Ok(too_many(
                "login_attempts_address",
                format!(
                    "当前网络输错验证码的次数过多，请{}分钟后再试，\
                     或换用其他网络（如在Wi-Fi和手机流量之间切换）登录",
                    minutes(retry_after)
                ),
                Some(retry_after),
            ))
        }
    }
    let citizen = state.store.citizen_for_phone(phone.as_str(), now).await?;
    let token = new_token()?;
    state
        .store
        .create_session(
            &token_hash(&token),
            citizen,
            now,
            now + state.settings.session_idle_seconds,
        )
        .await?;
    let me = me_of(&state, citizen).await?;
    let mut response = Json(me).into_response();
    set_cookie(
        response.headers_mut(),
        &headers,
        &token,
        state.settings.secure_cookies,
    );
    Ok(response)
}

/// 退出登录: the session is revoked at once.
#[utoipa::path(delete, path = "/api/v1/auth/sessions/current", tag = "identity",
    responses((status = 204)))]
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    if let Some(token) = session_token(&headers) {
        state.store.revoke_session(&token_hash(&token)).await?;
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    clear_cookie(
        response.headers_mut(),
        &headers,
        state.settings.secure_cookies,
    );
    Ok(response)
}

async fn record(state: &AppState, id: i64) -> AppResult<CitizenRecord> {
    state
        .store
        .citizen(id)
        .await?
        .ok_or_else(super::session::login_required)
}

async fn me_of(state: &AppState, id: i64) -> AppResult<Me> {
    Ok(me_from(record(state, id).await?))
}

fn me_from(r: CitizenRecord) -> Me {
    Me {
        phone_masked: MobilePhone::parse(&r.phone)
            .map(|p| p.masked())
            .unwrap_or_default(),
        verified: r.id_number.is_some(),
        name: r.name,
        id_number_masked: r
            .id_number
            .as_deref()
            .and_then(|n| IdNumber::parse_except_today(n).ok())
            .map(|n| n.masked()),
        preferences: r.preferences,
        enterprise_count: r.enterprise_count,
        licence_count: r.licence_count,
    }
}

/// 当前会话: who is logged in on this browser, if anyone.
///
/// The profile as `GET /me` answers it, or `null`. Unlike `GET /me` it answers 200 to a
/// visitor without a (valid) session: the app asks it at every start, and an anonymous visit
/// is the normal case, not an error for the browser's console to report. A valid session is
/// kept alive as by any other request.
#[utoipa::path(get, path = "/api/v1/auth/sessions/current", tag = "identity",
    responses((status = 200, body = Option<Me>, description = "登录的市民；未登录为 null")))]
pub async fn current_session(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> AppResult<Json<Option<Me>>> {
    let Some(token) = session_token(&headers) else {
        return Ok(Json(None));
    };
    let now = state.clock.now();
    let id = state
        .store
        .touch_session(
            &token_hash(&token),
            now,
            now + state.settings.session_idle_seconds,
        )
        .await?;
    let record = match id {
        Some(id) => state.store.citizen(id).await?,
        None => None,
    };
    Ok(Json(record.map(me_from)))
}

/// 我的: the citizen's own profile, masked.
#[utoipa::path(get, path = "/api/v1/me", tag = "identity",
    responses((status = 200, body = Me), (status = 401, body = ApiError)))]
pub async fn get_me(State(state): State<AppState>, citizen: Citizen) -> AppResult<Json<Me>> {
    Ok(Json(me_of(&state, citizen.id).await?))
}

/// 实名认证: name and resident identity number.
#[utoipa::path(put, path = "/api/v1/me/identity", tag = "identity",
    request_body = IdentityRequest,
    responses((status = 200, body = Me), (status = 409, body = ApiError), (status = 422, body = ApiError),
              (status = 503, body = ApiError)))]
pub async fn verify_identity(
    State(state): State<AppState>,
    citizen: Citizen,
    ApiJson(body): ApiJson<IdentityRequest>,
) -> AppResult<Json<Me>> {
    let now = state.clock.now();
    let name = body.name.trim().to_string();
    let mut error = ApiError::new("invalid_identity", "请核对姓名和身份证号码");
    let name_problem = name_problem(&name);
    if let Some(p) = name_problem {
        error = error.with_field("name", p);
    }
    let id_number = match IdNumber::parse(&body.id_number, china_today(now)) {
        Ok(n) => Some(n),
        Err(e) => {
            error = error.with_field("id_number", e.message());
            None
        }
    };
    let (Some(id_number), None) = (id_number, name_problem) else {
        return Err(AppError::Client(StatusCode::UNPROCESSABLE_ENTITY, error));
    };
    match state.verifier.matches(&name, &id_number).await {
        Ok(true) => {}
        Ok(false) => return Err(identity_not_verified()),
        Err(e) => {
            tracing::error!(error = %e, "identity service failed");
            return Err(AppError::Client(
                StatusCode::SERVICE_UNAVAILABLE,
                ApiError::new(
                    "identity_service_unavailable",
                    "实名认证服务暂时不可用，请稍后再试",
                ),
            ));
        }
    }
    let licence = NewLicence {
        kind: "居民身份证".into(),
        number: id_number.as_str().to_string(),
        holder: name.clone(),
        issuer: "公安机关".into(),
        issued_on: china_today(now).to_string(),
        valid_until: None,
    };
    match state
        .store
        .verify_identity(citizen.id, &name, id_number.as_str(), &licence, now)
        .await?
    {
        VerifyOutcome::Verified => Ok(Json(me_of(&state, citizen.id).await?)),
        VerifyOutcome::NumberTaken => {
            // Answered as a mismatch, so that nobody learns that a number is registered; the
            // real owner resolves it at a hall, with the card in hand.
            tracing::warn!(
                citizen = citizen.id,
                "identity number already bound to another account"
            );
            Err(identity_not_verified())
        }
        VerifyOutcome::AlreadyVerified => Err(AppError::Client(
            StatusCode::CONFLICT,
            ApiError::new(
                "already_verified",
                "您的账号已完成实名认证，如需更改请到服务大厅办理",
            ),
        )),
    }
}

/// The one answer for a name and number that cannot be bound to this account, whether the
/// registry says they do not belong together or the number is bound to another account.
fn identity_not_verified() -> AppError {
    let m = "姓名与身份证号码未通过核验。请核对后重试；如确认无误，请携带本人居民身份证到政务服务大厅窗口办理";
    unprocessable("identity_mismatch", m, "id_number", m)
}

/// 偏好设置: elder mode and language.
#[utoipa::path(put, path = "/api/v1/me/preferences", tag = "identity",
    request_body = Preferences,
    responses((status = 200, body = Me), (status = 422, body = ApiError)))]
pub async fn set_preferences(
    State(state): State<AppState>,
    citizen: Citizen,
    ApiJson(body): ApiJson<Preferences>,
) -> AppResult<Json<Me>> {
    if !LANGUAGES.contains(&body.language.as_str()) {
        return Err(unprocessable(
            "invalid_language",
            "不支持该语言",
            "language",
            "请选择简体中文或English",
        ));
    }
    state.store.set_preferences(citizen.id, &body).await?;
    Ok(Json(me_of(&state, citizen.id).await?))
}

/// 我的企业.
#[utoipa::path(get, path = "/api/v1/me/enterprises", tag = "identity",
    responses((status = 200, body = Page<Enterprise>), (status = 401, body = ApiError)))]
pub async fn list_enterprises(
    State(state): State<AppState>,
    citizen: Citizen,
) -> AppResult<Json<Page<Enterprise>>> {
    let items = state.store.enterprises(citizen.id).await?;
    Ok(Json(Page::whole(items)))
}

/// 添加企业: name and unified social credit code. The representation is confirmed at once when
/// the platform's e-licence of the business licence names the citizen as legal representative,
/// else it stays 待核验 until a clerk confirms it.
#[utoipa::path(post, path = "/api/v1/me/enterprises", tag = "identity",
    request_body = EnterpriseRequest,
    responses((status = 201, body = Enterprise), (status = 403, body = ApiError),
              (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn add_enterprise(
    State(state): State<AppState>,
    citizen: Citizen,
    ApiJson(body): ApiJson<EnterpriseRequest>,
) -> AppResult<Response> {
    if record(&state, citizen.id).await?.id_number.is_none() {
        return Err(AppError::Client(
            StatusCode::FORBIDDEN,
            ApiError::new("identity_required", "请先完成实名认证，再添加企业"),
        ));
    }
    let name = body.name.trim();
    let mut error = ApiError::new("invalid_enterprise", "请核对企业名称和统一社会信用代码");
    let mut bad = false;
    if name.is_empty() || name.chars().count() > 100 {
        bad = true;
        error = error.with_field("name", "请输入企业名称（不超过100个字）");
    }
    let check = match CreditCode::parse(&body.credit_code) {
        Ok(c) => Some(c),
        Err(e) => {
            bad = true;
            error = error.with_field("credit_code", e.message());
            None
        }
    };
    let Some(check) = check.filter(|_| !bad) else {
        return Err(AppError::Client(StatusCode::UNPROCESSABLE_ENTITY, error));
    };
    if let (Some(warning), false) = (check.warning(), body.confirm_check_character) {
        return Err(unprocessable(
            "credit_code_unconfirmed",
            warning,
            "credit_code",
            warning,
        ));
    }
    let now = state.clock.now();
    match state
        .store
        .add_enterprise(
            citizen.id,
            name,
            check.code.as_str(),
            check.check_character_ok,
            now,
        )
        .await?
    {
        Some(e) => Ok((StatusCode::CREATED, Json(e)).into_response()),
        None => Err(AppError::Client(
            StatusCode::CONFLICT,
            ApiError::new("enterprise_exists", "这家企业已经添加过了")
                .with_field("credit_code", "这家企业已经添加过了"),
        )),
    }
}

/// 我的电子证照.
#[utoipa::path(get, path = "/api/v1/me/licences", tag = "identity",
    responses((status = 200, body = Page<Licence>), (status = 401, body = ApiError)))]
pub async fn list_licences(
    State(state): State<AppState>,
    citizen: Citizen,
) -> AppResult<Json<Page<Licence>>> {
    Ok(Json(Page::whole(state.store.licences(citizen.id).await?)))
}

#[derive(serde::Deserialize)]
pub struct LatestCodeQuery {
    phone: String,
}

/// Development only (`--dev`): the latest code sent to a number, for tests.
pub async fn dev_latest_code(
    State(state): State<AppState>,
    Query(q): Query<LatestCodeQuery>,
) -> AppResult<Json<serde_json::Value>> {
    let phone = parse_phone(&q.phone)?;
    let code = state
        .dev_outbox
        .as_ref()
        .and_then(|o| o.latest(phone.as_str()))
        .ok_or(AppError::not_found(
            "sms_code_not_found",
            "没有发给这个号码的验证码",
        ))?;
    Ok(Json(serde_json::json!({ "code": code })))
}
