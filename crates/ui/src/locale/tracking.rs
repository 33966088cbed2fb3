//! The strings of 办件查询, 我的办件 and 消息中心, reached as [`t`]. Not a field of the main
//! table, so that only the tracking chunk refers to them and they download with it. The words
//! of a case's lifecycle (a status, an action, a supplement kind) are `lianban-core`'s
//! `label()`s, so every screen, the server's messages included, calls a step the same.

/// The 办件 table.
pub fn t() -> &'static TrackingLocale {
    &ZH_CN
}

pub struct TrackingLocale {
    pub track_intro: &'static str,
    pub track_number: &'static str,
    pub track_number_hint: &'static str,
    pub track_code: &'static str,
    pub track_code_hint: &'static str,
    pub track_submit: &'static str,
    pub track_searching: &'static str,
    pub track_result: &'static str,
    pub track_logged_in_hint: &'static str,
    pub track_mine: &'static str,

    pub case_number: &'static str,
    pub case_theme: &'static str,
    pub case_applicant: &'static str,
    pub case_submitted_at: &'static str,
    pub case_progress: &'static str,
    pub case_next_step: &'static str,
    pub sub_cases: fn(usize) -> String,
    pub sub_department: &'static str,
    pub sub_number: &'static str,
    pub sub_status: &'static str,
    pub sub_due: &'static str,
    pub sub_due_none: &'static str,
    pub sub_remaining: &'static str,
    pub timeline: &'static str,
    pub timeline_empty: &'static str,

    pub cases_intro: &'static str,
    pub cases_empty: &'static str,
    pub cases_open: fn(&str) -> String,
    pub cases_count: fn(u64) -> String,

    pub case_title: &'static str,
    pub case_back: &'static str,
    pub case_track_public: &'static str,
    pub refused_reason: &'static str,
    pub result: &'static str,
    pub not_approved_reason: &'static str,
    pub delivered_how: &'static str,
    pub supplement_title: &'static str,
    pub supplement_intro: &'static str,
    pub supplement_kind: &'static str,
    pub supplement_name: &'static str,
    pub supplement_reason: &'static str,
    pub provide_confirm_title: &'static str,
    pub provide_confirm_detail: &'static str,
    pub provide_yes: &'static str,
    pub withdraw_confirm_title: &'static str,
    pub withdraw_confirm_detail: fn(&str) -> String,
    pub withdraw_yes: &'static str,
    pub confirm_no: &'static str,
    pub sending: &'static str,
    pub action_done: fn(&str) -> String,

    pub messages_intro: &'static str,
    pub messages_empty: &'static str,
    pub messages_unread: fn(u64) -> String,
    pub message_unread: &'static str,
    pub message_view_case: &'static str,
    pub messages_read_all: &'static str,
}

pub static ZH_CN: TrackingLocale = TrackingLocale {
    track_intro: "凭回执上的办件编号和查询码查询办理进度，无需登录。",
    track_number: "办件编号",
    track_number_hint: "回执上以LB开头的16位编号",
    track_code: "查询码",
    track_code_hint: "回执上的6位查询码，由数字和大写字母组成",
    track_submit: "查询",
    track_searching: "正在查询…",
    track_result: "查询结果",
    track_logged_in_hint: "登录后可在“我的办件”查看您提交的全部申请，无需查询码。",
    track_mine: "我的办件",

    case_number: "办件编号",
    case_theme: "办理事项",
    case_applicant: "申请人",
    case_submitted_at: "提交时间",
    case_progress: "办理进度",
    case_next_step: "您需要做的",
    sub_cases: |n| format!("各部门办件（{n}件）"),
    sub_department: "办理部门",
    sub_number: "子件编号",
    sub_status: "状态",
    sub_due: "办结期限",
    sub_due_none: "受理后开始计时",
    sub_remaining: "剩余时间",
    timeline: "办理过程",
    timeline_empty: "暂无办理记录。",

    cases_intro: "您提交的申请，最近提交的在前。点开可查看每个部门的办理过程。",
    cases_empty: "您还没有提交过申请。",
    cases_open: |theme| format!("查看详情：{theme}"),
    cases_count: |n| format!("共{n}件"),

    case_title: "办件详情",
    case_back: "返回我的办件",
    case_track_public: "办件查询（凭编号和查询码）",
    refused_reason: "不予受理的原因",
    result: "办理结果",
    not_approved_reason: "不予批准的原因",
    delivered_how: "送达方式",
    supplement_title: "需要补正的内容",
    supplement_intro: "部门一次性告知了以下需要补正的内容。请全部按要求准备好后，点“已按要求补正”。补正期间办理期限暂停计算。",
    supplement_kind: "类型",
    supplement_name: "材料或事项",
    supplement_reason: "要求",
    provide_confirm_title: "确认已按要求补正？",
    provide_confirm_detail: "确认后，部门将重新审查您的申请，暂停的办理期限继续计算。",
    provide_yes: "确认已补正",
    withdraw_confirm_title: "确认撤回申请？",
    withdraw_confirm_detail: |m| format!("撤回后，“{m}”将不再办理；如需办理，要重新提交申请。"),
    withdraw_yes: "确认撤回",
    confirm_no: "返回",
    sending: "正在提交…",
    action_done: |what| format!("已提交：{what}"),

    messages_intro: "办件受理、补正、办结等进展会通知到这里。点开一条消息即标为已读。",
    messages_empty: "暂无消息。",
    messages_unread: |n| {
        if n == 0 {
            "没有未读消息".to_string()
        } else {
            format!("{n}条未读")
        }
    },
    message_unread: "未读",
    message_view_case: "查看办件",
    messages_read_all: "全部标为已读",
};
