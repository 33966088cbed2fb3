//! The one typed client of the platform API. Every request goes through [`get`], which aborts
//! itself when the page (the reactive owner) that asked for it goes away, and sorts failures
//! into what a citizen can act on: check the network, the thing does not exist, or try later.

use crate::url::{encode, query};
use gloo_net::http::Method;
use leptos::prelude::LocalResource;
use lianban_core::account::{
    Enterprise, EnterpriseRequest, IdentityRequest, Licence, LoginRequest, Me, Preferences,
    SmsCodeRequest, SmsCodeSent,
};
use lianban_core::api::{ApiError, Page};
use lianban_core::apply::{Application, ApplicationRequest, Draft, DraftSave, ThemeKit, Upload};
use lianban_core::appointments::{
    Appointment, AppointmentRequest, BookableDay, BookingStanding, CheckInRequest,
    ClerkAppointment, RescheduleRequest, Slot,
};
use lianban_core::cases::rating::RatingRequest;
use lianban_core::cases::stats::PublicStats;
use lianban_core::cases::supplement::SupplementReply;
use lianban_core::cases::view::{
    ClerkCase, ClerkLogin, ClerkProfile, FollowUpItem, FollowUpReply, Message, TrackedCase,
    UnreadCount, WorkItem,
};
use lianban_core::cases::Action;
use lianban_core::catalogue::{
    DepartmentSummary, HallDetail, HallSummary, MatterDetail, MatterSummary, ThemeDetail,
    ThemeSummary,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
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
    let fetch = get_text(path);
    async move {
        let (status, text) = fetch.await?;
        serde_json::from_str(&text).map_err(|_| ApiFailure::Server {
            status,
            message: None,
        })
    }
}

/// `LocalResource::new` with the fetcher boxed. Leptos compiles a resource's machinery (the
/// effect that runs the fetcher, the future wrapper) once per fetcher type, and every closure
/// is a type of its own; boxed, it is compiled once per answer type instead.
#[track_caller]
pub fn resource<T, Fut>(fetch: impl Fn() -> Fut + 'static) -> LocalResource<T>
where
    T: 'static,
    Fut: Future<Output = T> + 'static,
{
    boxed_resource(Box::new(move || Box::pin(fetch())))
}

type BoxedFetch<T> = Box<dyn Fn() -> Pin<Box<dyn Future<Output = T>>>>;

#[track_caller]
fn boxed_resource<T: 'static>(fetch: BoxedFetch<T>) -> LocalResource<T> {
    LocalResource::new(fetch)
}

/// The untyped part of [`get`], compiled once rather than once per answer type.
fn get_text(path: String) -> impl Future<Output = Result<(u16, String), ApiFailure>> {
    let carried = carried_answer(&path);
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(|c| c.signal());
    if let Some(controller) = controller {
        let controller = send_wrapper::SendWrapper::new(controller);
        leptos::prelude::on_cleanup(move || controller.abort());
    }
    let url = format!("{}{path}", api_base());
    async move {
        if let Some(text) = carried {
            return Ok((200, text));
        }
        let response = gloo_net::http::Request::get(&url)
            .abort_signal(signal.as_ref())
            .header("Accept", "application/json")
            .send()
            .await
            .map_err(|_| network_failure())?;
        let status = response.status();
        let text = response.text().await.map_err(|_| network_failure())?;
        if response.ok() {
            return Ok((status, text));
        }
        let message = serde_json::from_str::<ApiError>(&text)
            .ok()
            .map(|e| e.error.message);
        Err(classify(status, message))
    }
}

/// The answer to `GET path` that the page itself carries, taken once. The server that
/// painted a deep link's first screen puts the API answers it painted from into the HTML as
/// `<script type="application/json" id="lianban-api:/matters/CG-001">` (not run: data), so the
/// app's first render is the painted screen, without a loading state in between and without
/// asking again. Later visits to the page ask the API as usual.
fn carried_answer(path: &str) -> Option<String> {
    let element = web_sys::window()?
        .document()?
        .get_element_by_id(&lianban_ui::screens::carried_answer_id(path))?;
    let text = element.text_content();
    element.remove();
    text
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
    get(matters_path(q))
}

pub fn matter(code: &str) -> impl Future<Output = Result<MatterDetail, ApiFailure>> {
    get(format!("/matters/{}", encode(code)))
}

pub fn themes(q: &str) -> impl Future<Output = Result<Page<ThemeSummary>, ApiFailure>> {
    get(themes_path(q))
}

fn themes_path(q: &str) -> String {
    let per_page = lianban_core::api::MAX_PER_PAGE.to_string();
    format!(
        "/themes{}",
        query([("q", q.trim()), ("per_page", &per_page)])
    )
}

fn matters_path(q: &MatterQuery) -> String {
    format!("/matters{}", q.to_query())
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

/// Why a form was not accepted: the server's answer (code, Chinese message, per-field
/// messages), or a failure to reach it (`status` 0, `code` `network` or `offline`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub code: String,
    pub message: String,
    pub fields: BTreeMap<String, String>,
    /// Seconds from a `Retry-After` header (429).
    pub retry_after: Option<i64>,
}

impl Refusal {
    fn unreachable() -> Refusal {
        let l = crate::i18n::t();
        let (code, title, detail) = match network_failure() {
            ApiFailure::Offline => ("offline", l.error_offline_title, l.error_offline_detail),
            _ => ("network", l.error_network_title, l.error_network_detail),
        };
        Refusal {
            status: 0,
            code: code.to_string(),
            message: format!("{title}：{detail}"),
            fields: BTreeMap::new(),
            retry_after: None,
        }
    }
}

/// Sends a write (`POST`, `PUT`, `DELETE`) with a JSON body. Same-origin, so the session
/// cookie goes with it. A `204` reads as JSON `null` (use `()`).
pub async fn send<B: Serialize, T: DeserializeOwned>(
    method: Method,
    path: &str,
    body: Option<&B>,
) -> Result<T, Refusal> {
    send_keyed(method, path, body, None).await
}

/// [`send`] with an `Idempotency-Key` header: a retried write with the same key never
/// repeats its effect (booking).
pub async fn send_keyed<B: Serialize, T: DeserializeOwned>(
    method: Method,
    path: &str,
    body: Option<&B>,
    idempotency_key: Option<&str>,
) -> Result<T, Refusal> {
    let body = body.and_then(|b| serde_json::to_string(b).ok());
    let (status, text) = send_text(method, path, body, idempotency_key).await?;
    let text = if text.trim().is_empty() {
        "null"
    } else {
        &text
    };
    serde_json::from_str(text).map_err(|_| server_refusal(status, None))
}

/// The untyped part of [`send`], compiled once (it is the bulk of the code).
/// `idempotency_key` goes as the `Idempotency-Key` header of a write a retry could repeat.
async fn send_text(
    method: Method,
    path: &str,
    body: Option<String>,
    idempotency_key: Option<&str>,
) -> Result<(u16, String), Refusal> {
    let answer = exchange(method, path, body, idempotency_key).await?;
    if answer.ok {
        Ok((answer.status, answer.text))
    } else {
        Err(answer.refusal())
    }
}

/// A write's answer as it came, refusals included: some carry more than the error (the
/// newer draft of a conflict, the open case of a resubmit).
struct Answer {
    status: u16,
    ok: bool,
    text: String,
    retry_after: Option<i64>,
}

impl Answer {
    fn refusal(&self) -> Refusal {
        let mut refusal = server_refusal(
            self.status,
            serde_json::from_str::<ApiError>(&self.text).ok(),
        );
        refusal.retry_after = self.retry_after;
        refusal
    }

    /// A 2xx answer's body, or the refusal.
    fn parse<T: DeserializeOwned>(&self) -> Result<T, Refusal> {
        if !self.ok {
            return Err(self.refusal());
        }
        serde_json::from_str(&self.text).map_err(|_| server_refusal(self.status, None))
    }
}

/// Sends a write; only a failure to reach the server is an `Err`.
async fn exchange(
    method: Method,
    path: &str,
    body: Option<String>,
    idempotency_key: Option<&str>,
) -> Result<Answer, Refusal> {
    let url = format!("{}{path}", api_base());
    let mut builder = gloo_net::http::RequestBuilder::new(&url)
        .method(method)
        .header("Accept", "application/json");
    if let Some(key) = idempotency_key {
        builder = builder.header("Idempotency-Key", key);
    }
    let request = match body {
        Some(b) => {
            builder = builder.header("Content-Type", "application/json");
            builder.body(b).map_err(|_| Refusal::unreachable())?
        }
        None => builder.build().map_err(|_| Refusal::unreachable())?,
    };
    let response = request.send().await.map_err(|_| Refusal::unreachable())?;
    let retry_after = response
        .headers()
        .get("Retry-After")
        .and_then(|v| v.trim().parse().ok());
    Ok(Answer {
        status: response.status(),
        ok: response.ok(),
        text: response.text().await.unwrap_or_default(),
        retry_after,
    })
}

fn server_refusal(status: u16, error: Option<ApiError>) -> Refusal {
    match error {
        Some(ApiError { error }) => Refusal {
            status,
            code: error.code,
            message: error.message,
            fields: error.fields.unwrap_or_default(),
            retry_after: None,
        },
        None => {
            let l = crate::i18n::t();
            Refusal {
                status,
                code: "server".to_string(),
                message: format!("{}：{}", l.error_server_title, l.error_server_detail),
                fields: BTreeMap::new(),
                retry_after: None,
            }
        }
    }
}

pub async fn send_sms_code(phone: &str) -> Result<SmsCodeSent, Refusal> {
    let body = SmsCodeRequest {
        phone: phone.to_string(),
    };
    send(Method::POST, "/auth/sms-codes", Some(&body)).await
}

pub async fn log_in(phone: &str, code: &str) -> Result<Me, Refusal> {
    let body = LoginRequest {
        phone: phone.to_string(),
        code: code.to_string(),
    };
    send(Method::POST, "/auth/sessions", Some(&body)).await
}

pub async fn log_out() -> Result<(), Refusal> {
    send::<(), ()>(Method::DELETE, "/auth/sessions/current", None).await
}

/// The citizen's profile; `None` when nobody is logged in. Asked of the current session, which
/// answers an anonymous visitor `null` (a 401 from `/me` would be reported in the browser's
/// console on every anonymous visit).
pub fn me() -> impl Future<Output = Result<Option<Me>, ApiFailure>> {
    get::<Option<Me>>("/auth/sessions/current".to_string())
}

pub async fn verify_identity(name: &str, id_number: &str) -> Result<Me, Refusal> {
    let body = IdentityRequest {
        name: name.trim().to_string(),
        id_number: id_number.to_string(),
    };
    send(Method::PUT, "/me/identity", Some(&body)).await
}

pub async fn save_preferences(preferences: &Preferences) -> Result<Me, Refusal> {
    send(Method::PUT, "/me/preferences", Some(preferences)).await
}

pub fn enterprises() -> impl Future<Output = Result<Page<Enterprise>, ApiFailure>> {
    get(format!(
        "/me/enterprises?per_page={}",
        lianban_core::api::MAX_PER_PAGE
    ))
}

pub async fn add_enterprise(request: &EnterpriseRequest) -> Result<Enterprise, Refusal> {
    send(Method::POST, "/me/enterprises", Some(request)).await
}

pub fn licences() -> impl Future<Output = Result<Page<Licence>, ApiFailure>> {
    get(format!(
        "/me/licences?per_page={}",
        lianban_core::api::MAX_PER_PAGE
    ))
}

// ---- 一事联办: kits, drafts, uploads, applications ----------------------------------------

pub fn theme_kit(id: &str) -> impl Future<Output = Result<ThemeKit, ApiFailure>> {
    get(format!("/themes/{}/kit", encode(id)))
}

/// A verified citizen's drafts (我的草稿).
pub fn drafts() -> impl Future<Output = Result<Page<Draft>, ApiFailure>> {
    get(format!(
        "/drafts?per_page={}",
        lianban_core::api::MAX_PER_PAGE
    ))
}

/// The server's draft of a theme; `NotFound` when there is none.
pub fn draft(theme_id: &str) -> impl Future<Output = Result<Draft, ApiFailure>> {
    get(format!("/drafts/{}", encode(theme_id)))
}

/// Why a draft was not saved on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftSaveFailure {
    /// Another phone saved since this copy was made: the server's newer copy.
    Conflict(Draft),
    Refused(Refusal),
}

/// Saves a draft made from the server's `draft.version`.
pub async fn save_draft(theme_id: &str, save: &DraftSave) -> Result<Draft, DraftSaveFailure> {
    let body = serde_json::to_string(save).ok();
    let path = format!("/drafts/{}", encode(theme_id));
    let answer = exchange(Method::PUT, &path, body, None)
        .await
        .map_err(DraftSaveFailure::Refused)?;
    match answer.parse() {
        // The newer copy is also in the answer's `draft`; read with the parser the SPA
        // already has for a draft, it costs the Wasm no second one.
        Err(r) if r.status == 409 && r.code == "draft_conflict" => match draft(theme_id).await {
            Ok(newer) => Err(DraftSaveFailure::Conflict(newer)),
            Err(_) => Err(DraftSaveFailure::Refused(r)),
        },
        other => other.map_err(DraftSaveFailure::Refused),
    }
}

pub async fn delete_draft(theme_id: &str) -> Result<(), Refusal> {
    send::<(), ()>(
        Method::DELETE,
        &format!("/drafts/{}", encode(theme_id)),
        None,
    )
    .await
}

/// The part of `OpenCaseExists` the SPA reads (its error is read as any refusal's).
#[derive(serde::Deserialize)]
struct CaseNumber {
    case_number: String,
}

/// Why a submit made no case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubmitFailure {
    /// The citizen has an open case of this theme (its number): submit again with
    /// `new_case_confirmed` if they want a second one.
    OpenCase {
        case_number: String,
    },
    Refused(Refusal),
}

/// Submits once: the same `key` never creates two cases (a retry answers the same case).
pub async fn submit_application<T: DeserializeOwned>(
    request: &ApplicationRequest,
    key: &str,
) -> Result<T, SubmitFailure> {
    let body = serde_json::to_string(request).ok();
    let answer = exchange(Method::POST, "/applications", body, Some(key))
        .await
        .map_err(SubmitFailure::Refused)?;
    match answer.parse() {
        Err(r) if r.status == 409 && r.code == "open_case_exists" => {
            match serde_json::from_str::<CaseNumber>(&answer.text) {
                Ok(open) => Err(SubmitFailure::OpenCase {
                    case_number: open.case_number,
                }),
                Err(_) => Err(SubmitFailure::Refused(r)),
            }
        }
        other => other.map_err(SubmitFailure::Refused),
    }
}

pub fn application(number: &str) -> impl Future<Output = Result<Application, ApiFailure>> {
    get(format!("/applications/{}", encode(number)))
}

/// 我的办件, newest first, one page of them.
pub fn applications(page: u32) -> impl Future<Output = Result<Page<Application>, ApiFailure>> {
    get(format!("/applications{}", page_query(page)))
}

/// `?page=n`, or nothing for the first page.
fn page_query(page: u32) -> String {
    if page > 1 {
        format!("?page={page}")
    } else {
        String::new()
    }
}

/// The citizen acts on one of their sub-cases (撤回, 已按要求补正); `key` is kept by the caller
/// across retries of the same intended action, so a double tap records one event.
pub async fn citizen_action(
    number: &str,
    sub_number: &str,
    action: &Action,
    key: &str,
) -> Result<Application, Refusal> {
    let path = format!(
        "/applications/{}/sub-cases/{}/actions",
        encode(number),
        encode(sub_number)
    );
    send_keyed(Method::POST, &path, Some(action), Some(key)).await
}

/// 补正: every requested item answered at once (files, or a corrected value), which also
/// confirms 已按要求补正; `key` as in [`citizen_action`].
pub async fn supplement(
    number: &str,
    sub_number: &str,
    reply: &SupplementReply,
    key: &str,
) -> Result<Application, Refusal> {
    let path = format!(
        "/applications/{}/sub-cases/{}/supplement",
        encode(number),
        encode(sub_number)
    );
    send_keyed(Method::POST, &path, Some(reply), Some(key)).await
}

/// 好差评: rates a concluded sub-case, or changes the rating while it may be changed.
pub async fn rate(
    number: &str,
    sub_number: &str,
    request: &RatingRequest,
) -> Result<Application, Refusal> {
    let path = format!(
        "/applications/{}/sub-cases/{}/rating",
        encode(number),
        encode(sub_number)
    );
    send(Method::PUT, &path, Some(request)).await
}

#[derive(Serialize)]
struct Visit {
    resolved: bool,
}

/// 回访: whether the department's answer to a poor rating resolved it.
pub async fn visit(number: &str, sub_number: &str, resolved: bool) -> Result<Application, Refusal> {
    let path = format!(
        "/applications/{}/sub-cases/{}/rating/visit",
        encode(number),
        encode(sub_number)
    );
    send(Method::POST, &path, Some(&Visit { resolved })).await
}

/// 办事公开: the published figures of every department and matter.
pub fn public_stats() -> impl Future<Output = Result<PublicStats, ApiFailure>> {
    get("/stats".to_string())
}

/// 消息中心, newest first.
pub fn messages(page: u32) -> impl Future<Output = Result<Page<Message>, ApiFailure>> {
    get(format!("/me/messages{}", page_query(page)))
}

pub fn unread_messages() -> impl Future<Output = Result<UnreadCount, ApiFailure>> {
    get("/me/messages/unread".to_string())
}

pub async fn mark_read(id: i64) -> Result<(), Refusal> {
    send::<(), ()>(Method::POST, &format!("/me/messages/{id}/read"), None).await
}

pub async fn mark_all_read() -> Result<(), Refusal> {
    send::<(), ()>(Method::POST, "/me/messages/read-all", None).await
}

#[derive(Serialize)]
struct TrackRequest<'a> {
    number: &'a str,
    code: &'a str,
}

/// 办件查询 without login: the case number and its query code. A POST, so the code never
/// sits in a URL, a log line or the browser's history.
pub async fn track(number: &str, code: &str) -> Result<TrackedCase, Refusal> {
    let body = TrackRequest { number, code };
    send(Method::POST, "/track", Some(&body)).await
}

// ---- 窗口工作台 (its own cookie; a citizen's session never opens it) ---------------------

pub async fn clerk_log_in(username: &str, password: &str) -> Result<ClerkProfile, Refusal> {
    let body = ClerkLogin {
        username: username.trim().to_string(),
        password: password.to_string(),
    };
    send(Method::POST, "/clerk/sessions", Some(&body)).await
}

/// The logged-in clerk; `None` without a clerk session.
pub fn clerk_current() -> impl Future<Output = Result<Option<ClerkProfile>, ApiFailure>> {
    get::<Option<ClerkProfile>>("/clerk/sessions/current".to_string())
}

pub async fn clerk_log_out() -> Result<(), Refusal> {
    send::<(), ()>(Method::DELETE, "/clerk/sessions/current", None).await
}

/// The work list: `status` is a status's text, `open` (the default) or `all`.
pub fn work_list(
    status: &str,
    page: u32,
) -> impl Future<Output = Result<Page<WorkItem>, ApiFailure>> {
    let page = if page > 1 {
        page.to_string()
    } else {
        String::new()
    };
    get(format!(
        "/clerk/sub-cases{}",
        query([("status", status), ("page", page.as_str())])
    ))
}

pub fn clerk_case(number: &str) -> impl Future<Output = Result<ClerkCase, ApiFailure>> {
    get(format!("/clerk/sub-cases/{}", encode(number)))
}

/// A clerk's decision on a sub-case; `key` as in [`citizen_action`].
pub async fn clerk_action(number: &str, action: &Action, key: &str) -> Result<ClerkCase, Refusal> {
    let path = format!("/clerk/sub-cases/{}/actions", encode(number));
    send_keyed(Method::POST, &path, Some(action), Some(key)).await
}

/// 差评整改: the department's poor ratings still to answer.
pub fn follow_ups() -> impl Future<Output = Result<Page<FollowUpItem>, ApiFailure>> {
    get("/clerk/follow-ups".to_string())
}

/// The department's answer to a poor rating (once).
pub async fn answer_follow_up(number: &str, reply: &str) -> Result<(), Refusal> {
    let path = format!("/clerk/sub-cases/{}/follow-up", encode(number));
    let body = FollowUpReply {
        reply: reply.trim().to_string(),
    };
    send(Method::POST, &path, Some(&body)).await
}

/// 窗口签到 by the 签到码 typed or scanned.
pub async fn check_in(code: &str) -> Result<ClerkAppointment, Refusal> {
    let body = CheckInRequest {
        code: code.trim().to_string(),
    };
    send(Method::POST, "/clerk/check-ins", Some(&body)).await
}

/// The clerk's hall's appointments today.
pub fn hall_today() -> impl Future<Output = Result<Page<ClerkAppointment>, ApiFailure>> {
    get("/clerk/appointments".to_string())
}

/// 登记未到, after the slot and only when the clerk confirms it.
pub async fn record_no_show(id: i64) -> Result<ClerkAppointment, Refusal> {
    send::<(), _>(
        Method::POST,
        &format!("/clerk/appointments/{id}/no-show"),
        None,
    )
    .await
}

/// Where a clerk downloads one of the case's files (the clerk's cookie goes with the link).
pub fn clerk_file_url(number: &str, upload_id: &str) -> String {
    format!(
        "{}/clerk/sub-cases/{}/files/{}",
        api_base(),
        encode(number),
        encode(upload_id)
    )
}

/// Uploads one file (`POST /uploads`, multipart, part `file`) with XMLHttpRequest, so that
/// `progress` hears the percentage sent.
pub async fn upload(
    file: web_sys::File,
    progress: impl Fn(u32) + 'static,
) -> Result<Upload, Refusal> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let xhr = web_sys::XmlHttpRequest::new().map_err(|_| Refusal::unreachable())?;
    let form = web_sys::FormData::new().map_err(|_| Refusal::unreachable())?;
    form.append_with_blob_and_filename("file", &file, &file.name())
        .map_err(|_| Refusal::unreachable())?;
    xhr.open("POST", &format!("{}/uploads", api_base()))
        .map_err(|_| Refusal::unreachable())?;
    let _ = xhr.set_request_header("Accept", "application/json");
    let (done_tx, done_rx) = futures::channel::oneshot::channel::<bool>();
    let done_tx = std::rc::Rc::new(std::cell::RefCell::new(Some(done_tx)));
    let finish = |ok: bool| {
        let tx = done_tx.clone();
        Closure::<dyn FnMut()>::new(move || {
            if let Some(tx) = tx.borrow_mut().take() {
                let _ = tx.send(ok);
            }
        })
    };
    let on_load = finish(true);
    let on_error = finish(false);
    let on_abort = finish(false);
    xhr.set_onload(Some(on_load.as_ref().unchecked_ref()));
    xhr.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    xhr.set_onabort(Some(on_abort.as_ref().unchecked_ref()));
    let on_progress =
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
            if e.length_computable() && e.total() > 0.0 {
                progress((e.loaded() * 100.0 / e.total()) as u32);
            }
        });
    if let Ok(up) = xhr.upload() {
        up.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    }
    xhr.send_with_opt_form_data(Some(&form))
        .map_err(|_| Refusal::unreachable())?;
    let loaded = done_rx.await.unwrap_or(false);
    // The callbacks live until the request is over.
    drop((on_load, on_error, on_abort, on_progress));
    if !loaded {
        return Err(Refusal::unreachable());
    }
    let status = xhr.status().unwrap_or(0);
    let text = xhr.response_text().ok().flatten().unwrap_or_default();
    if (200..300).contains(&status) {
        return serde_json::from_str(&text).map_err(|_| server_refusal(status, None));
    }
    Err(server_refusal(
        status,
        serde_json::from_str::<ApiError>(&text).ok(),
    ))
}

/// The date strip of a hall's business category: bookable days, full ones marked.
pub fn hall_days(
    hall: &str,
    category: &str,
) -> impl Future<Output = Result<Page<BookableDay>, ApiFailure>> {
    get(format!(
        "/halls/{}/days{}",
        encode(hall),
        query([("category", category)])
    ))
}

pub fn hall_slots(
    hall: &str,
    category: &str,
    date: &str,
) -> impl Future<Output = Result<Page<Slot>, ApiFailure>> {
    get(format!(
        "/halls/{}/slots{}",
        encode(hall),
        query([("category", category), ("date", date)])
    ))
}

/// 我的预约, in time order.
pub fn appointments() -> impl Future<Output = Result<Page<Appointment>, ApiFailure>> {
    get("/appointments".to_string())
}

pub fn booking_standing() -> impl Future<Output = Result<BookingStanding, ApiFailure>> {
    get("/appointments/standing".to_string())
}

/// Books a slot; `key` is kept by the caller across retries of the same confirmation.
pub async fn book(
    slot_id: &str,
    matter_code: Option<&str>,
    key: &str,
) -> Result<Appointment, Refusal> {
    let body = AppointmentRequest {
        slot_id: slot_id.to_string(),
        matter_code: matter_code.map(str::to_string),
    };
    send_keyed(Method::POST, "/appointments", Some(&body), Some(key)).await
}

/// 改约: the new slot is booked and the old one released together.
pub async fn reschedule(id: i64, slot_id: &str, key: &str) -> Result<Appointment, Refusal> {
    let body = RescheduleRequest {
        slot_id: slot_id.to_string(),
    };
    let path = format!("/appointments/{id}/reschedule");
    send_keyed(Method::POST, &path, Some(&body), Some(key)).await
}

pub async fn cancel_appointment(id: i64) -> Result<Appointment, Refusal> {
    let path = format!("/appointments/{id}/cancel");
    send::<(), Appointment>(Method::POST, &path, None).await
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

    /// The server paints the home page with the answers to these two paths: the app must ask
    /// exactly them, or it would not find the answers the page carries.
    #[test]
    fn the_home_page_asks_what_the_server_painted_it_from() {
        use lianban_ui::screens::{home_matters_path, home_themes_path, HOME_POPULAR};
        let popular = MatterQuery {
            per_page: HOME_POPULAR,
            ..Default::default()
        };
        assert_eq!(matters_path(&popular), home_matters_path());
        assert_eq!(themes_path(""), home_themes_path());
    }
}
