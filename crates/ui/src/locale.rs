//! The locale table: every string the UI shows comes from here, never from a component.
//! Simplified Chinese now; English is a second instance of [`Locale`] and a switch in [`t`].
//!
//! Plain strings are `&'static str` fields; strings with numbers or names in them are `fn`
//! fields, so each language can put the number where its grammar wants it.

use lianban_core::catalogue::{Audience, CaseType, HallLevel};

pub mod account;
pub mod apply;
pub mod booking;
pub mod clerk;
pub mod meta;
pub mod tracking;

pub struct Locale {
    pub brand: &'static str,
    pub brand_mark: &'static str,
    pub brand_tagline: &'static str,
    /// The document title of the home page.
    pub brand_title: &'static str,
    pub back: &'static str,
    pub nav_label: &'static str,
    pub tab_home: &'static str,
    pub tab_services: &'static str,
    pub tab_halls: &'static str,
    pub tab_me: &'static str,
    pub elder_mode: &'static str,
    pub elder_mode_switch: &'static str,
    pub elder_mode_hint: &'static str,
    pub label_colon: &'static str,
    pub list_separator: &'static str,
    pub yes: &'static str,
    pub no: &'static str,

    pub loading: &'static str,
    pub retry: &'static str,
    /// A screen's code did not download (see `components::lazy_screen`).
    pub chunk_failed_title: &'static str,
    pub chunk_failed_detail: &'static str,
    /// The heading of a 一事联办 step's frame while its code downloads.
    pub chunk_title_apply: &'static str,
    pub error_offline_title: &'static str,
    pub error_offline_detail: &'static str,
    pub error_network_title: &'static str,
    pub error_network_detail: &'static str,
    pub error_server_title: &'static str,
    pub error_server_detail: &'static str,
    pub error_help: &'static str,
    pub not_found_title: &'static str,
    pub not_found_detail: &'static str,
    pub not_found_home: &'static str,
    pub not_found_search: &'static str,
    pub coming_soon_title: &'static str,
    pub coming_soon_detail: &'static str,
    pub coming_soon_halls: &'static str,
    pub hotline_label: &'static str,
    pub hotline_text: &'static str,
    pub hotline_call: &'static str,

    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub search_button: &'static str,

    pub home_title: &'static str,
    pub home_lead: &'static str,
    pub home_entries_label: &'static str,
    pub home_themes: &'static str,
    pub home_themes_hint: &'static str,
    pub home_all_themes: &'static str,
    pub home_matters: &'static str,
    pub all_matters_count: fn(u64) -> String,

    pub all_matters: &'static str,
    pub search_results_for: fn(&str) -> String,
    pub department_matters: fn(&str) -> String,
    pub filters: &'static str,
    pub filter_department: &'static str,
    pub filter_all_departments: &'static str,
    pub filter_flags: &'static str,
    pub search_themes: &'static str,
    pub search_matters: &'static str,
    pub results_count: fn(u64) -> String,
    pub search_empty: &'static str,
    pub matters_empty: &'static str,
    pub pager_label: &'static str,
    pub pager_previous: &'static str,
    pub pager_next: &'static str,
    pub pager_position: fn(u32, u32) -> String,
    pub browse_departments: &'static str,

    pub flags_label: &'static str,
    pub flag_immediate: &'static str,
    pub flag_online: &'static str,
    pub flag_nearby: &'static str,
    pub flag_one_visit: &'static str,
    pub audience_person: &'static str,
    pub audience_enterprise: &'static str,
    pub audience_both: &'static str,
    pub case_immediate: &'static str,
    pub case_promised: &'static str,
    pub hall_city: &'static str,
    pub hall_district: &'static str,
    pub hall_town: &'static str,
    pub working_days: fn(u32) -> String,
    pub on_the_spot: &'static str,
    pub no_statutory_limit: &'static str,
    pub promised_within: fn(u32) -> String,
    pub visits_none: &'static str,
    pub visits_at_most: fn(u8) -> String,

    pub guide_eyebrow: &'static str,
    pub guide_basic: &'static str,
    pub matter_code: &'static str,
    pub matter_department: &'static str,
    pub matter_kind: &'static str,
    pub matter_audience: &'static str,
    pub matter_case_type: &'static str,
    pub matter_category: &'static str,
    pub matter_statutory: &'static str,
    pub matter_promised: &'static str,
    pub matter_visits: &'static str,
    pub matter_result: &'static str,
    pub matter_delivery: &'static str,
    pub matter_fees: &'static str,
    pub fees_none: &'static str,
    pub fee_basis: &'static str,
    pub guide_flags: &'static str,
    pub guide_conditions: &'static str,
    pub guide_materials: &'static str,
    pub materials_count: fn(usize) -> String,
    pub material_required: &'static str,
    pub material_optional: &'static str,
    pub material_licence: fn(&str) -> String,
    pub material_deferrable: &'static str,
    pub material_source: &'static str,
    pub material_originals: fn(u8) -> String,
    pub material_copies: fn(u8) -> String,
    pub material_no_paper: &'static str,
    pub guide_steps: &'static str,
    pub guide_halls: &'static str,
    pub guide_basis: &'static str,
    pub guide_contact: &'static str,
    pub matter_phone: &'static str,
    pub matter_complaint_phone: &'static str,
    pub matter_department_phone: &'static str,
    pub guide_themes: &'static str,
    pub guide_themes_hint: &'static str,
    pub guide_apply: &'static str,
    pub guide_apply_detail: &'static str,
    pub matter_count: fn(u32) -> String,

    pub themes_title: &'static str,
    pub themes_intro: &'static str,
    pub themes_empty: &'static str,
    pub theme_counts: fn(u32, usize) -> String,
    pub theme_eyebrow: &'static str,
    pub theme_benefits: &'static str,
    pub theme_departments: &'static str,
    pub theme_notice: &'static str,
    pub theme_questions: fn(usize) -> String,
    pub theme_online_soon: &'static str,
    pub theme_matters: &'static str,
    pub theme_matters_hint: fn(usize) -> String,
    pub theme_matter_conditional: &'static str,

    pub departments_title: &'static str,
    pub departments_intro: &'static str,
    pub departments_empty: &'static str,

    pub halls_title: &'static str,
    pub halls_intro: &'static str,
    pub halls_empty: &'static str,
    pub hall_address: &'static str,
    pub hall_map: &'static str,
    pub hall_hours: &'static str,
    pub hall_phone: &'static str,
    pub hall_transit: &'static str,
    pub hall_categories: &'static str,
    pub hall_matters: &'static str,
    pub hall_matters_empty: &'static str,

    pub appointments_title: &'static str,
    pub appointments_intro: &'static str,
    pub track_title: &'static str,
    pub stats_title: &'static str,
    pub cases_title: &'static str,
    pub messages_title: &'static str,
    pub clerk_title: &'static str,
    pub me_title: &'static str,

    pub error_title_prefix: &'static str,
    pub error_summary_title: &'static str,
    pub warning_label: &'static str,
    pub close: &'static str,
    pub count_items: fn(u32) -> String,
    pub login_title: &'static str,
    pub me_drafts: &'static str,
    pub back_to_me: &'static str,
    /// 开始办理 / 继续办理 on a theme's page. The rest of 一事联办 is `i18n::apply::t()` and
    /// 预约办理 is `i18n::booking::t()`: not reachable from here, they travel in their chunks.
    pub apply_start: &'static apply::StartLocale,
}

pub static ZH_CN: Locale = Locale {
    brand: "联办",
    brand_mark: "联",
    brand_tagline: "一网通办",
    brand_title: "联办 - 一网通办政务服务",
    back: "返回",
    nav_label: "主导航",
    tab_home: "首页",
    tab_services: "办事",
    tab_halls: "大厅",
    tab_me: "我的",
    elder_mode: "长辈版",
    elder_mode_switch: "长辈版（大字体）",
    elder_mode_hint: "长辈版使用更大的字体、更强的对比和更大的按钮。",
    label_colon: "：",
    list_separator: "、",
    yes: "是",
    no: "否",

    loading: "正在加载…",
    retry: "重试",
    chunk_failed_title: "页面没有打开",
    chunk_failed_detail: "网络不稳定，这一页没有下载完。您已经填写的内容都保存在这部手机上，不会丢失。请检查网络后点“重试”。",
    chunk_title_apply: "办一件事",
    error_offline_title: "网络未连接",
    error_offline_detail: "请检查手机的网络连接后重试。",
    error_network_title: "暂时无法连接服务",
    error_network_detail: "可能是网络不稳定或服务正在维护，请稍后重试。",
    error_server_title: "服务暂时出错",
    error_server_detail: "请稍后重试。",
    error_help: "如需帮助，可拨打政务服务便民热线 12345。",
    not_found_title: "页面不存在",
    not_found_detail: "您要找的页面或事项不存在，可能链接有误或事项已调整。",
    not_found_home: "返回首页",
    not_found_search: "查看全部事项",
    coming_soon_title: "在线服务建设中",
    coming_soon_detail:
        "这项在线服务正在建设，暂不能在线办理。您可以前往政务服务大厅办理，或拨打 12345 热线咨询。",
    coming_soon_halls: "查看办事大厅地址和办公时间",
    hotline_label: "便民热线",
    hotline_text: "办事遇到问题？政务服务便民热线 12345，工作日 8:30–17:30。",
    hotline_call: "拨打 12345",

    search_label: "搜索事项",
    search_placeholder: "搜索事项或一件事，如：营业执照",
    search_button: "搜索",

    home_title: "市民办事，一网通办",
    home_lead: "查办事指南，办“一件事”，找办事大厅。企业和群众办事，少跑腿、少交材料。",
    home_entries_label: "常用服务",
    home_themes: "一件事 · 主题服务",
    home_themes_hint: "几个部门的事项合在一起，一次告知、一表申请。",
    home_all_themes: "全部一件事",
    home_matters: "热门事项",
    all_matters_count: |n| format!("查看全部 {n} 项事项"),

    all_matters: "全部事项",
    search_results_for: |q| format!("“{q}”的搜索结果"),
    department_matters: |d| format!("{d}的事项"),
    filters: "筛选",
    filter_department: "部门",
    filter_all_departments: "全部部门",
    filter_flags: "服务方式",
    search_themes: "相关一件事",
    search_matters: "事项",
    results_count: |n| format!("共 {n} 项"),
    search_empty: "没有找到相关事项。请换个说法，例如“营业执照”“开饭店”“社保”，或减少筛选条件。",
    matters_empty: "暂无事项。",
    pager_label: "翻页",
    pager_previous: "上一页",
    pager_next: "下一页",
    pager_position: |at, of| format!("第 {at} 页，共 {of} 页"),
    browse_departments: "按部门查找事项",

    flags_label: "服务方式",
    flag_immediate: "马上办",
    flag_online: "网上办",
    flag_nearby: "就近办",
    flag_one_visit: "一次办",
    audience_person: "自然人",
    audience_enterprise: "法人",
    audience_both: "自然人、法人",
    case_immediate: "即办件",
    case_promised: "承诺件",
    hall_city: "市级",
    hall_district: "区级",
    hall_town: "镇街",
    working_days: |n| format!("{n} 个工作日"),
    on_the_spot: "当场办结",
    no_statutory_limit: "无",
    promised_within: |n| format!("承诺 {n} 个工作日办结"),
    visits_none: "0 次（全程网办）",
    visits_at_most: |n| format!("最多 {n} 次"),

    guide_eyebrow: "办事指南",
    guide_basic: "基本信息",
    matter_code: "事项编码",
    matter_department: "实施部门",
    matter_kind: "事项类型",
    matter_audience: "服务对象",
    matter_case_type: "办件类型",
    matter_category: "业务类别",
    matter_statutory: "法定办结时限",
    matter_promised: "承诺办结时限",
    matter_visits: "到现场次数",
    matter_result: "办理结果",
    matter_delivery: "送达方式",
    matter_fees: "收费标准",
    fees_none: "不收费",
    fee_basis: "收费依据：",
    guide_flags: "服务方式",
    guide_conditions: "受理条件",
    guide_materials: "申请材料",
    materials_count: |n| {
        format!("共 {n} 项材料。标有“免提交”的，平台已有电子证照，无需提交纸质材料。")
    },
    material_required: "必要",
    material_optional: "视情形提交",
    material_licence: |l| format!("免提交（电子证照：{l}）"),
    material_deferrable: "可容缺",
    material_source: "来源：",
    material_originals: |n| format!("原件 {n} 份"),
    material_copies: |n| format!("复印件 {n} 份"),
    material_no_paper: "无需纸质材料",
    guide_steps: "办理流程",
    guide_halls: "办理地点",
    guide_basis: "设定依据",
    guide_contact: "咨询与监督",
    matter_phone: "咨询电话",
    matter_complaint_phone: "监督投诉电话",
    matter_department_phone: "部门电话",
    guide_themes: "相关一件事",
    guide_themes_hint: "本事项可以与其他部门的事项一起办：",
    guide_apply: "如何办理",
    guide_apply_detail: "请携带上述材料到办理地点的窗口办理。可以先在线预约到大厅办理的时间；在线申请功能正在建设。",
    matter_count: |n| format!("{n} 项事项"),

    themes_title: "一件事",
    themes_intro:
        "把一个人生活或一家企业经营中要同时办的几件事合在一起：一次告知、一表申请、一次提交。",
    themes_empty: "暂无一件事。",
    theme_counts: |matters, departments| format!("{matters} 个事项 · {departments} 个部门"),
    theme_eyebrow: "一件事",
    theme_benefits: "合办的好处",
    theme_departments: "涉及部门",
    theme_notice: "办理须知",
    theme_questions: |n| {
        format!(
            "办理前需回答 {n} 个情形问题，系统据此生成您的一次告知单（要办哪些事项、交哪些材料）："
        )
    },
    theme_online_soon:
        "一件事在线申请即将开通。目前可先查看各事项的办事指南，到办事大厅综合窗口一并办理。",
    theme_matters: "可能涉及的事项",
    theme_matters_hint: |n| format!("共 {n} 项，根据您的情形确定实际要办的事项。"),
    theme_matter_conditional: "视情形办理",

    departments_title: "部门",
    departments_intro: "按部门查找可办理的事项。",
    departments_empty: "暂无部门。",

    halls_title: "办事大厅",
    halls_intro: "市、区政务服务中心和镇街便民服务中心的地址、办公时间和电话。",
    halls_empty: "暂无办事大厅。",
    hall_address: "地址",
    hall_map: "在地图中查看",
    hall_hours: "办公时间",
    hall_phone: "咨询电话",
    hall_transit: "交通指引",
    hall_categories: "业务类别",
    hall_matters: "可办理事项",
    hall_matters_empty: "暂无可办理事项。",

    appointments_title: "预约办理",
    appointments_intro: "预约到办事大厅办理的时间，到场后凭预约码取号。",
    track_title: "办件查询",
    stats_title: "办事公开",
    cases_title: "我的办件",
    messages_title: "消息中心",
    clerk_title: "窗口工作台",
    me_title: "我的",

    error_title_prefix: "错误：",
    error_summary_title: "请修改以下问题",
    warning_label: "请注意：",
    close: "关闭",
    count_items: |n| format!("{n} 个"),
    login_title: "登录 / 注册",
    me_drafts: "我的草稿",
    back_to_me: "返回我的",
    apply_start: &apply::START_ZH_CN,
};

/// The locale in use. One language now; the choice will live here when there are two.
pub fn t() -> &'static Locale {
    &ZH_CN
}

pub fn flag_label(name: &str) -> &'static str {
    let l = t();
    match name {
        "immediate" => l.flag_immediate,
        "online" => l.flag_online,
        "nearby" => l.flag_nearby,
        "one_visit" => l.flag_one_visit,
        _ => "",
    }
}

pub fn audience_label(a: Audience) -> &'static str {
    let l = t();
    match a {
        Audience::Person => l.audience_person,
        Audience::Enterprise => l.audience_enterprise,
        Audience::Both => l.audience_both,
    }
}

pub fn case_type_label(c: CaseType) -> &'static str {
    match c {
        CaseType::Immediate => t().case_immediate,
        CaseType::Promised => t().case_promised,
    }
}

pub fn hall_level_label(h: HallLevel) -> &'static str {
    let l = t();
    match h {
        HallLevel::City => l.hall_city,
        HallLevel::District => l.hall_district,
        HallLevel::Town => l.hall_town,
    }
}

/// 承诺时限: 0 means concluded on the spot.
pub fn promised_days(days: u32) -> String {
    match days {
        0 => t().on_the_spot.to_string(),
        n => (t().working_days)(n),
    }
}

/// For a list: 当场办结, or 承诺 N 个工作日办结.
pub fn promised_short(days: u32) -> String {
    match days {
        0 => t().on_the_spot.to_string(),
        n => (t().promised_within)(n),
    }
}

/// 法定时限: 0 means the law sets none.
pub fn statutory_days(days: u32) -> String {
    match days {
        0 => t().no_statutory_limit.to_string(),
        n => (t().working_days)(n),
    }
}

pub fn visits_label(visits: u8) -> String {
    match visits {
        0 => t().visits_none.to_string(),
        n => (t().visits_at_most)(n),
    }
}

/// e.g. 原件 1 份、复印件 2 份.
pub fn material_copies(originals: u8, copies: u8) -> String {
    let l = t();
    let mut parts = Vec::new();
    if originals > 0 {
        parts.push((l.material_originals)(originals));
    }
    if copies > 0 {
        parts.push((l.material_copies)(copies));
    }
    if parts.is_empty() {
        l.material_no_paper.to_string()
    } else {
        parts.join(l.list_separator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lianban_core::catalogue::SERVICE_FLAGS;

    #[test]
    fn every_flag_has_a_label() {
        for (name, core_label) in SERVICE_FLAGS {
            assert_eq!(flag_label(name), core_label);
        }
    }

    #[test]
    fn says_time_limits_and_copies() {
        assert_eq!(promised_days(0), "当场办结");
        assert_eq!(promised_days(5), "5 个工作日");
        assert_eq!(material_copies(1, 2), "原件 1 份、复印件 2 份");
        assert_eq!(material_copies(0, 0), "无需纸质材料");
        assert_eq!(visits_label(1), "最多 1 次");
    }
}
