//! The OpenAPI document, generated from the same Rust types the SPA uses.

use crate::{applications, appointments, catalogue, identity};
use axum::Json;
use lianban_core::api::{ApiError, ErrorBody};
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
        applications::list_applications,
        applications::get_application,
    ),
    components(schemas(ApiError, ErrorBody)),
    tags(
        (name = "catalogue", description = "事项目录与服务大厅"),
        (name = "identity", description = "统一身份认证：短信登录、实名认证、我的企业与电子证照"),
        (name = "appointments", description = "预约办理：可预约时段、预约、取消与改约"),
        (name = "applications", description = "一事联办：情形引导、上传材料、草稿、一表申请与办件")
    )
)]
pub struct ApiDoc;

pub async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
