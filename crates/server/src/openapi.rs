//! The OpenAPI document, generated from the same Rust types the SPA uses.

use crate::access::{access, Access};
use crate::cases::{check_in, citizen, clerk, rating, stats, track};
use crate::identity::session::COOKIE_NAME;
use crate::{applications, appointments, catalogue, identity};
use axum::Json;
use lianban_core::api::{ApiError, ErrorBody};
use lianban_core::api::{MAX_PAGE, MAX_PER_PAGE};
use serde_json::json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "联办 Liánbàn platform API",
        description = "一网通办平台接口：事项目录、一件事主题、服务大厅。列表统一为 {items, total, page, per_page}；错误统一为 {error: {code, message, fields?}}。"
    ),
    paths(
        catalogue::list_matters,
        catalogue::get_matter,
        catalogue::list_themes,
        catalogue::get_theme,
        catalogue::list_departments,
        catalogue::list_halls,
        catalogue::get_hall,
        identity::send_sms_code,
        identity::login,
        identity::current_session,
        identity::logout,
        identity::get_me,
        identity::verify_identity,
        identity::set_preferences,
        identity::list_enterprises,
        identity::add_enterprise,
        identity::list_licences,
        appointments::list_days,
        appointments::list_slots,
        appointments::standing,
        appointments::book,
        appointments::list_appointments,
        appointments::cancel,
        appointments::reschedule,
        applications::theme_kit,
        applications::upload,
        applications::download,
        applications::list_drafts,
        applications::get_draft,
        applications::save_draft,
        applications::delete_draft,
        applications::submit,
        citizen::list_applications,
        citizen::get_application,
        citizen::citizen_action,
        citizen::provide_supplement,
        citizen::messages,
        citizen::unread,
        citizen::mark_read,
        citizen::mark_all_read,
        rating::rate,
        rating::visit,
        rating::follow_ups,
        rating::reply,
        track::track,
        stats::public_stats,
        clerk::clerk_login,
        clerk::current_clerk_session,
        clerk::clerk_logout,
        clerk::work_list,
        clerk::clerk_sub_case,
        clerk::clerk_action,
        clerk::clerk_file,
        check_in::check_in_by_code,
        check_in::today,
        check_in::no_show,
    ),
    components(schemas(ApiError, ErrorBody)),
    tags(
        (name = "catalogue", description = "事项目录与服务大厅"),
        (name = "identity", description = "统一身份认证：短信登录、实名认证、我的企业与电子证照"),
        (name = "appointments", description = "预约办理：可预约时段、预约、取消与改约"),
        (name = "applications", description = "一事联办：情形引导、上传材料、草稿、一表申请与办件；办件进度、消息与办件查询"),
        (name = "clerk", description = "窗口工作台：工作人员登录、本部门待办、办件详情与办理")
    )
)]
pub struct ApiDoc;

/// The document as served: the generated one, completed with what every operation can answer
/// besides what its handler declares, so that it says what the server does.
pub fn document() -> serde_json::Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).expect("the document serialises");
    doc["components"]["securitySchemes"]["session"] = json!({
        "type": "apiKey", "in": "cookie", "name": COOKIE_NAME,
        "description": "登录后的会话（短信验证码登录时设置的 HttpOnly Cookie）"
    });
    doc["components"]["securitySchemes"]["clerk_session"] = json!({
        "type": "apiKey", "in": "cookie", "name": crate::cases::clerk_session::CLERK_COOKIE,
        "description": "工作人员登录后的会话（与市民会话互不通用）"
    });
    let Some(paths) = doc["paths"].as_object_mut() else {
        return doc;
    };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for (method, op) in item.iter_mut() {
            complete_operation(method, path, op);
        }
    }
    doc
}

fn error_answer(description: &str) -> serde_json::Value {
    json!({
        "description": description,
        "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ApiError" } } }
    })
}

/// The bounds `paging.rs` enforces, stated on every list's parameters.
fn bound_paging(op: &mut serde_json::Value) {
    let Some(params) = op.get_mut("parameters").and_then(|p| p.as_array_mut()) else {
        return;
    };
    for p in params {
        let max = match p["name"].as_str() {
            Some("page") => MAX_PAGE,
            Some("per_page") => MAX_PER_PAGE,
            _ => continue,
        };
        p["schema"] = json!({ "type": "integer", "minimum": 1, "maximum": max });
    }
}

/// What every catalogue read does besides its body (`catalogue::answer`): a strong `ETag`
/// and `Cache-Control` on the answer, `If-None-Match` and the 304 it may give.
fn revalidated(op: &mut serde_json::Value) {
    let headers = json!({
        "ETag": {
            "required": true,
            "description": "强校验标签：同一内容同一标签（压缩形式各有其标签）；内容随 data/ 更新而变",
            "schema": { "type": "string" }
        },
        "Cache-Control": {
            "required": true,
            "description": crate::catalogue::CACHE_CONTROL_VALUE,
            "schema": { "type": "string" }
        },
        "Vary": { "required": true, "schema": { "type": "string" } }
    });
    let parameter = json!({
        "name": "If-None-Match",
        "in": "header",
        "required": false,
        "description": "此前收到的 ETag（可多个，逗号分隔，或 *）：内容未变则回答 304，无内容",
        "schema": { "type": "string" }
    });
    match op.get_mut("parameters").and_then(|p| p.as_array_mut()) {
        Some(params) => params.push(parameter),
        None => op["parameters"] = json!([parameter]),
    }
    op["responses"]["200"]["headers"] = headers.clone();
    op["responses"]["304"] = json!({
        "description": "未修改：客户端所持的版本仍是最新（无内容）",
        "headers": headers
    });
}

fn complete_operation(method: &str, path: &str, op: &mut serde_json::Value) {
    bound_paging(op);
    let catalogue = op["tags"]
        .as_array()
        .is_some_and(|t| t.iter().any(|t| t == "catalogue"));
    if method == "get" && catalogue {
        revalidated(op);
    }
    let has_body = op.get("requestBody").is_some();
    let has_params = op
        .get("parameters")
        .and_then(|p| p.as_array())
        .is_some_and(|p| !p.is_empty());
    let mut extra = Vec::new();
    // Malformed JSON, a query or path value of the wrong type.
    if has_body || has_params {
        extra.push(("400", "请求格式不正确"));
    }
    if has_body {
        extra.push(("415", "请求内容的类型不受支持"));
    }
    match access(method, path) {
        Some(Access::Citizen) => extra.push(("401", "请先登录")),
        Some(Access::Owner) => {
            extra.push(("401", "请先登录"));
            extra.push(("404", "没有找到，或不是您本人的记录"));
        }
        Some(Access::Clerk) => extra.push(("401", "请先以工作人员身份登录")),
        _ => {}
    }
    if matches!(access(method, path), Some(Access::Citizen | Access::Owner)) {
        op["security"] = json!([{ "session": [] }]);
    }
    if access(method, path) == Some(Access::Clerk) {
        op["security"] = json!([{ "clerk_session": [] }]);
    }
    for (status, description) in extra {
        if op["responses"].get(status).is_none() {
            op["responses"][status] = error_answer(description);
        }
    }
}

/// `GET /api/v1/openapi.json`, built once.
pub async fn openapi_json() -> Json<serde_json::Value> {
    static DOCUMENT: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
    Json(DOCUMENT.get_or_init(document).clone())
}
