//! The strings of 预约办理 (booking, 我的预约, the appointment page), in their own table so the
//! booking pages and the big [`super::Locale`] merge independently. Reached as [`t`], not
//! as a field of the main table, so that only the booking chunk refers to them and they
//! download with it.

use lianban_core::appointments::AppointmentStatus;
use lianban_core::date::SimpleDate;
use lianban_core::geo::km_tenths;

/// The 预约办理 table.
pub fn t() -> &'static BookingLocale {
    &ZH_CN
}

pub struct BookingLocale {
    pub start: &'static str,
    pub how_it_works: &'static str,
    pub mine_title: &'static str,
    pub mine_login: &'static str,
    pub mine_login_button: &'static str,
    pub upcoming: &'static str,
    pub upcoming_empty: &'static str,
    pub past: &'static str,
    pub past_empty: &'static str,
    pub no_shows: fn(u32, u32) -> String,
    pub standing_warning: fn(u32, u32) -> String,
    pub standing_banned: fn(&str) -> String,
    pub status_booked: &'static str,
    pub status_checked_in: &'static str,
    pub status_cancelled: &'static str,
    pub status_no_show: &'static str,
    pub status_past: &'static str,
    pub open_detail: &'static str,
    pub reschedule: &'static str,
    pub cancel: &'static str,
    pub cancel_confirm_title: &'static str,
    pub cancel_confirm_detail: fn(&str) -> String,
    pub cancel_yes: &'static str,
    pub cancel_no: &'static str,
    pub cancelled: &'static str,

    pub new_title: &'static str,
    pub reschedule_title: &'static str,
    pub reschedule_intro: &'static str,
    pub step_hall: &'static str,
    pub step_category: &'static str,
    pub step_time: &'static str,
    pub step_of: fn(u8, u8) -> String,
    pub for_matter: &'static str,
    pub near_me: &'static str,
    pub locating: &'static str,
    pub location_hint: &'static str,
    pub location_failed: &'static str,
    pub by_distance: &'static str,
    pub distance: fn(u32) -> String,
    pub halls_empty: &'static str,
    pub change_hall: &'static str,
    pub change_category: &'static str,
    pub category_hint: &'static str,
    pub days_label: &'static str,
    pub days_empty: &'static str,
    pub day_full: &'static str,
    pub day_remaining: fn(u32) -> String,
    /// On a day of a year whose holiday notice is not out yet.
    pub day_provisional: &'static str,
    /// Beside any date of such years (the day strip, a booking, the 一事联办 receipt): one
    /// sentence wherever the calendar is not final.
    pub provisional_note: fn(&[u16]) -> String,
    pub slots_label: &'static str,
    pub slots_empty: &'static str,
    pub slot_remaining: fn(u32) -> String,
    pub slot_full: &'static str,
    pub slot_closed: &'static str,
    pub next: &'static str,
    pub choose_slot_first: &'static str,

    pub confirm_title: &'static str,
    pub confirm_reschedule_title: &'static str,
    pub confirm_intro: &'static str,
    pub field_hall: &'static str,
    pub field_category: &'static str,
    pub field_time: &'static str,
    pub field_matter: &'static str,
    pub field_person: &'static str,
    pub unverified: &'static str,
    pub submit: &'static str,
    pub submit_reschedule: &'static str,
    pub submitting: &'static str,
    pub slot_full_title: &'static str,
    pub slot_full_detail: &'static str,
    pub slot_full_none: &'static str,
    pub use_slot: fn(&str, &str, u32) -> String,
    pub choose_again: &'static str,
    pub refused_title: &'static str,
    pub slot_gone: &'static str,

    pub detail_title: &'static str,
    pub success: &'static str,
    pub checkin_code: &'static str,
    pub qr_label: &'static str,
    pub qr_hint: &'static str,
    pub materials: &'static str,
    pub add_to_calendar: &'static str,
    pub ics_summary: fn(&str, &str) -> String,
    pub ics_description: fn(&str, &str) -> String,
    pub back_to_mine: &'static str,
    pub not_found: &'static str,
    pub weekdays: [&'static str; 7],
}

pub static ZH_CN: BookingLocale = BookingLocale {
    start: "开始预约",
    how_it_works:
        "选大厅、业务类别和时段，提交后得到签到码。到大厅后凭签到码或二维码签到，不用排队取号。",
    mine_title: "我的预约",
    mine_login: "登录后可以预约，并查看、改约或取消您的预约。",
    mine_login_button: "登录后查看我的预约",
    upcoming: "待办理",
    upcoming_empty: "暂无待办理的预约。",
    past: "以往预约",
    past_empty: "暂无以往预约。",
    no_shows: |window, n| format!("近{window}天预约未到：{n} 次"),
    standing_warning: |left, ban| {
        format!(
            "请按时到场，不能到场请提前取消。再有 {left} 次预约未到，将有 {ban} 天不能网上预约。"
        )
    },
    standing_banned: |until| {
        format!("您近期多次预约未到，{until}（含）之前不能网上预约。可以直接到大厅取号办理。")
    },
    status_booked: "待办理",
    status_checked_in: "已签到",
    status_cancelled: "已取消",
    status_no_show: "未到（爽约）",
    status_past: "已过预约时间",
    open_detail: "查看签到码",
    reschedule: "改约",
    cancel: "取消预约",
    cancel_confirm_title: "确定取消这个预约吗？",
    cancel_confirm_detail: |when| format!("{when}的预约取消后，号源会让给其他市民。"),
    cancel_yes: "确定取消",
    cancel_no: "暂不取消",
    cancelled: "预约已取消。",

    new_title: "预约办理",
    reschedule_title: "改约",
    reschedule_intro: "选一个新的时段。改约成功后，原来的预约自动取消。",
    step_hall: "选择办事大厅",
    step_category: "选择业务类别",
    step_time: "选择日期和时段",
    step_of: |at, of| format!("第 {at} 步，共 {of} 步"),
    for_matter: "预约事项",
    near_me: "离我最近的大厅排在前面",
    locating: "正在获取您的位置…",
    location_hint: "允许获取位置后，离您最近的大厅排在前面。位置只在本机使用，不会上传。",
    location_failed: "没有获取到您的位置，大厅按城区排列。",
    by_distance: "已按离您的距离排列",
    distance: |m| {
        if m < 1000 {
            format!("距您约 {m} 米")
        } else {
            let (km, tenth) = km_tenths(m);
            format!("距您约 {km}.{tenth} 公里")
        }
    },
    halls_empty: "暂无可预约的大厅。",
    change_hall: "更换大厅",
    change_category: "更换业务类别",
    category_hint: "请选择您要办的业务所在的窗口类别。不清楚时可选“综合窗口”。",
    days_label: "选择日期",
    days_empty: "近期没有可预约的日期。",
    day_full: "已约满",
    day_remaining: |n| format!("余 {n} 个"),
    day_provisional: "暂定",
    provisional_note: |years| {
        let years: Vec<String> = years.iter().map(|y| format!("{y}年")).collect();
        format!(
            "{}节假日安排尚未公布，日期为暂定；如有调整，以大厅通知为准。",
            years.join("、")
        )
    },
    slots_label: "选择时段",
    slots_empty: "这一天已没有可预约的时段，请换一天。",
    slot_remaining: |n| format!("剩余 {n} 个"),
    slot_full: "已约满",
    slot_closed: "已停止预约",
    next: "下一步：确认预约",
    choose_slot_first: "请先选择一个时段。",

    confirm_title: "确认预约",
    confirm_reschedule_title: "确认改约",
    confirm_intro: "请核对预约信息。提交后会得到签到码。",
    field_hall: "办事大厅",
    field_category: "业务类别",
    field_time: "预约时间",
    field_matter: "预约事项",
    field_person: "预约人",
    unverified: "您还没有实名认证，到大厅时请带上身份证。",
    submit: "提交预约",
    submit_reschedule: "确认改约",
    submitting: "正在提交…",
    slot_full_title: "这个时段刚刚约满了",
    slot_full_detail: "您选择时，这个时段已被其他市民约满。可以改选离它最近的时段：",
    slot_full_none: "这一天已没有空余时段，请换一天。",
    use_slot: |start, end, n| format!("改选 {start}–{end}（剩余 {n} 个）"),
    choose_again: "重新选择日期和时段",
    refused_title: "暂时不能预约",
    slot_gone: "这个时段已不能预约，请重新选择。",

    detail_title: "预约详情",
    success: "预约成功，请按时到场。",
    checkin_code: "签到码",
    qr_label: "预约签到二维码",
    qr_hint: "到大厅后，在取号机扫描此二维码，或向工作人员出示签到码。",
    materials: "请带齐以下材料",
    add_to_calendar: "添加到手机日历",
    ics_summary: |category, hall| format!("预约办理：{category}（{hall}）"),
    ics_description: |code, matter| {
        if matter.is_empty() {
            format!("签到码：{code}\n请按时到场，凭签到码签到。")
        } else {
            format!("签到码：{code}\n事项：{matter}\n请按时到场，凭签到码签到。")
        }
    },
    back_to_mine: "返回我的预约",
    not_found: "没有找到这个预约。",
    weekdays: ["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
};

impl BookingLocale {
    pub fn status(&self, s: AppointmentStatus) -> &'static str {
        match s {
            AppointmentStatus::Booked => self.status_booked,
            AppointmentStatus::Past => self.status_past,
            AppointmentStatus::CheckedIn => self.status_checked_in,
            AppointmentStatus::Cancelled => self.status_cancelled,
            AppointmentStatus::NoShow => self.status_no_show,
        }
    }

    /// `11月26日 周四` of `YYYY-MM-DD`; the text itself when it is not a date.
    pub fn day(&self, iso: &str) -> String {
        match SimpleDate::parse_iso(iso) {
            Some(d) => format!(
                "{}月{}日 {}",
                d.month(),
                d.day(),
                self.weekdays[usize::from(d.weekday().clamp(1, 7) - 1)]
            ),
            None => iso.to_string(),
        }
    }

    /// `11月26日 周四 09:00–09:30`.
    pub fn when(&self, iso: &str, start: &str, end: &str) -> String {
        format!("{} {start}–{end}", self.day(iso))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_days_and_distances() {
        assert_eq!(ZH_CN.day("2026-11-26"), "11月26日 周四");
        assert_eq!(
            ZH_CN.when("2026-11-30", "09:00", "09:30"),
            "11月30日 周一 09:00–09:30"
        );
        assert_eq!((ZH_CN.distance)(850), "距您约 850 米");
        assert_eq!((ZH_CN.distance)(4_049), "距您约 4.0 公里");
        assert_eq!((ZH_CN.distance)(12_345), "距您约 12.3 公里");
    }

    #[test]
    fn says_which_years_are_provisional() {
        assert_eq!(
            (ZH_CN.provisional_note)(&[2027]),
            "2027年节假日安排尚未公布，日期为暂定；如有调整，以大厅通知为准。"
        );
        assert!((ZH_CN.provisional_note)(&[2027, 2028]).starts_with("2027年、2028年节假日"));
        assert_eq!(ZH_CN.status(AppointmentStatus::Past), "已过预约时间");
    }
}
