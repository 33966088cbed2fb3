//! 预约办理: the API types of slots and appointments.

use serde::{Deserialize, Serialize};

/// One bookable time slot of a hall's business category on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Slot {
    /// `hall~category~YYYYMMDD~HHMM` (`booking::SlotId`): the one spelling the booking
    /// endpoints accept.
    pub id: String,
    /// `hh:mm`, China time.
    pub start: String,
    pub end: String,
    pub capacity: u32,
    pub remaining: u32,
    /// False once booking has closed for it (too close to its start).
    pub open: bool,
    /// 暂定: its day lies in a year whose holiday notice is not out yet.
    #[serde(default)]
    pub provisional: bool,
}

/// `POST /api/v1/appointments`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppointmentRequest {
    /// A slot's `id` exactly as the slot list gives it; any other spelling is refused (422).
    pub slot_id: String,
    /// The matter the visit is for, if the citizen chose one.
    #[serde(default)]
    pub matter_code: Option<String>,
}

/// `POST /api/v1/appointments/{id}/reschedule`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RescheduleRequest {
    /// As in `AppointmentRequest`.
    pub slot_id: String,
}

/// What has been recorded of an appointment: the stored status (migration 0005 lets the
/// database hold these four and nothing else). Nothing is ever inferred from the clock: an
/// appointment is a no-show only when someone at the hall recorded it so, since nothing yet
/// records a check-in and every attended appointment would otherwise count as missed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordedStatus {
    Booked,
    CheckedIn,
    Cancelled,
    /// Recorded by a clerk after the slot: the only thing that counts towards a ban.
    NoShow,
}

impl RecordedStatus {
    pub const ALL: [RecordedStatus; 4] = [
        RecordedStatus::Booked,
        RecordedStatus::CheckedIn,
        RecordedStatus::Cancelled,
        RecordedStatus::NoShow,
    ];

    /// The stored text.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordedStatus::Booked => "booked",
            RecordedStatus::CheckedIn => "checked_in",
            RecordedStatus::Cancelled => "cancelled",
            RecordedStatus::NoShow => "no_show",
        }
    }

    pub fn parse(s: &str) -> Option<RecordedStatus> {
        RecordedStatus::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// As the window's list says it.
    pub fn clerk_label(self) -> &'static str {
        match self {
            RecordedStatus::Booked => "待签到",
            RecordedStatus::CheckedIn => "已签到",
            RecordedStatus::Cancelled => "已取消",
            RecordedStatus::NoShow => "未到（已登记）",
        }
    }

    /// What the citizen is shown, once the slot has `ended` or not.
    pub fn seen(self, ended: bool) -> AppointmentStatus {
        match self {
            RecordedStatus::Booked if ended => AppointmentStatus::Past,
            RecordedStatus::Booked => AppointmentStatus::Booked,
            RecordedStatus::CheckedIn => AppointmentStatus::CheckedIn,
            RecordedStatus::Cancelled => AppointmentStatus::Cancelled,
            RecordedStatus::NoShow => AppointmentStatus::NoShow,
        }
    }
}

/// An appointment's status as the citizen sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AppointmentStatus {
    /// 待办理.
    Booked,
    /// 已过预约时间: booked, its slot is over, and nothing was recorded (no check-in, no
    /// no-show). Never held against the citizen.
    Past,
    /// 已签到.
    CheckedIn,
    /// 已取消.
    Cancelled,
    /// 爽约: recorded by the hall as not come.
    NoShow,
}

impl AppointmentStatus {
    pub fn label(self) -> &'static str {
        match self {
            AppointmentStatus::Booked => "待办理",
            AppointmentStatus::Past => "已过预约时间",
            AppointmentStatus::CheckedIn => "已签到",
            AppointmentStatus::Cancelled => "已取消",
            AppointmentStatus::NoShow => "未到（爽约）",
        }
    }
}

/// A citizen's appointment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Appointment {
    pub id: i64,
    pub slot_id: String,
    pub hall_id: String,
    pub hall_name: String,
    pub hall_address: String,
    pub category: String,
    pub category_name: String,
    /// YYYY-MM-DD.
    pub date: String,
    pub start: String,
    pub end: String,
    pub matter_code: Option<String>,
    pub matter_name: Option<String>,
    /// 签到码: shown at the hall (and as a QR code) to check in.
    pub checkin_code: String,
    pub status: AppointmentStatus,
    /// Whether it can still be cancelled or rescheduled.
    pub changeable: bool,
    /// 暂定: its day lies in a year whose holiday notice is not out yet.
    #[serde(default)]
    pub provisional: bool,
}

/// One day of the date strip (`GET /api/v1/halls/{id}/days`): a bookable working day of a
/// hall's business category. Holidays and days off are absent; a day with no open place left
/// is still listed, marked full, so the strip does not jump.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BookableDay {
    /// YYYY-MM-DD.
    pub date: String,
    /// ISO weekday, 1 = Monday … 7 = Sunday (a make-up working day may fall on a weekend).
    pub weekday: u8,
    /// Places left over the day's slots still open for booking.
    pub remaining: u32,
    pub full: bool,
    /// 暂定: the day lies in a year whose holiday notice is not out yet (its statutory
    /// holidays are left out, but a make-up working day or a swap may still change it).
    #[serde(default)]
    pub provisional: bool,
}

/// `GET /api/v1/appointments/standing`: the citizen's no-shows and how near a ban they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BookingStanding {
    /// No-shows within the last `window_days` days.
    pub recent_no_shows: u32,
    pub no_show_limit: u32,
    pub window_days: u32,
    pub ban_days: u32,
    /// How many more no-shows in the window would bar online booking (0 when barred).
    pub no_shows_before_ban: u32,
    /// Last day of a ban in force, YYYY-MM-DD.
    pub banned_until: Option<String>,
}

/// When the chosen slot filled up: the open slots with places left, nearest in time to it
/// first (earlier before later at equal distance), at most `count`.
pub fn nearest_free<'a>(slots: &'a [Slot], chosen_start: &str, count: usize) -> Vec<&'a Slot> {
    let minutes = |s: &str| {
        let h: i32 = s.get(..2).and_then(|x| x.parse().ok()).unwrap_or(0);
        let m: i32 = s.get(3..5).and_then(|x| x.parse().ok()).unwrap_or(0);
        h * 60 + m
    };
    let at = minutes(chosen_start);
    let mut free: Vec<&Slot> = slots
        .iter()
        .filter(|s| s.open && s.remaining > 0 && s.start != chosen_start)
        .collect();
    free.sort_by_key(|s| {
        let m = minutes(&s.start);
        ((m - at).abs(), m)
    });
    free.truncate(count);
    free
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(start: &str, remaining: u32, open: bool) -> Slot {
        Slot {
            id: format!("h~c~20261126~{}", start.replace(':', "")),
            start: start.into(),
            end: String::new(),
            capacity: 5,
            remaining,
            open,
            provisional: false,
        }
    }

    #[test]
    fn nearest_free_slots_around_a_full_one() {
        let slots = [
            slot("09:00", 2, false),
            slot("09:30", 1, true),
            slot("10:00", 0, true),
            slot("10:30", 0, true),
            slot("11:00", 3, true),
            slot("11:30", 4, true),
        ];
        let starts: Vec<&str> = nearest_free(&slots, "10:30", 3)
            .iter()
            .map(|s| s.start.as_str())
            .collect();
        // 11:00 is 30 min away, 11:30 and 09:30 60 min (earlier first); 09:00 is closed.
        assert_eq!(starts, ["11:00", "09:30", "11:30"]);
        assert!(nearest_free(&slots[2..4], "10:00", 3).is_empty());
    }

    #[test]
    fn a_booking_past_its_time_is_missed_only_when_recorded_so() {
        assert_eq!(RecordedStatus::Booked.seen(true), AppointmentStatus::Past);
        assert_eq!(
            RecordedStatus::Booked.seen(false),
            AppointmentStatus::Booked
        );
        assert_eq!(RecordedStatus::NoShow.seen(true), AppointmentStatus::NoShow);
        assert_eq!(
            RecordedStatus::CheckedIn.seen(true),
            AppointmentStatus::CheckedIn
        );
        for r in RecordedStatus::ALL {
            assert_eq!(RecordedStatus::parse(r.as_str()), Some(r));
        }
        assert_eq!(RecordedStatus::parse("past"), None);
        assert_eq!(AppointmentStatus::Past.label(), "已过预约时间");
    }
}

/// An appointment as the hall's clerk sees it (the citizen's name masked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClerkAppointment {
    pub id: i64,
    /// 签到码.
    pub code: String,
    /// YYYY-MM-DD.
    pub date: String,
    /// e.g. 09:00-09:30.
    pub time: String,
    pub category_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matter_name: Option<String>,
    /// e.g. 张*.
    pub citizen: String,
    pub status: RecordedStatus,
    pub status_label: String,
    /// Over and not checked in: the clerk may record a no-show (never done automatically).
    pub may_record_no_show: bool,
}

/// 签到 at a window: what the code typed or scanned says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CheckInRequest {
    pub code: String,
}

/// Why an appointment cannot be checked in here and now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckInRefusal {
    /// Booked at another hall (its name).
    WrongHall(String),
    /// Booked for another day (YYYY-MM-DD).
    WrongDay(String),
    /// Cancelled, checked in already, or recorded as a no-show.
    NotBooked(RecordedStatus),
}

impl CheckInRefusal {
    pub fn code(&self) -> &'static str {
        match self {
            CheckInRefusal::WrongHall(_) => "wrong_hall",
            CheckInRefusal::WrongDay(_) => "wrong_day",
            CheckInRefusal::NotBooked(_) => "not_booked",
        }
    }

    pub fn message(&self) -> String {
        match self {
            CheckInRefusal::WrongHall(hall) => {
                format!("这是{hall}的预约，请提醒群众到该大厅办理")
            }
            CheckInRefusal::WrongDay(day) => {
                let (m, d) = (day.get(5..7).unwrap_or(""), day.get(8..10).unwrap_or(""));
                format!(
                    "这个预约是{}月{}日的，不是今天",
                    m.trim_start_matches('0'),
                    d.trim_start_matches('0')
                )
            }
            CheckInRefusal::NotBooked(RecordedStatus::CheckedIn) => "这个预约已经签到过了".into(),
            CheckInRefusal::NotBooked(RecordedStatus::Cancelled) => "这个预约已被取消".into(),
            CheckInRefusal::NotBooked(_) => "这个预约已登记为未到，不能再签到".into(),
        }
    }
}

/// Whether an appointment may be checked in at `clerk_hall` on `today` (YYYY-MM-DD).
pub fn check_in(
    status: RecordedStatus,
    hall_id: &str,
    hall_name: &str,
    date: &str,
    clerk_hall: &str,
    today: &str,
) -> Result<(), CheckInRefusal> {
    if status != RecordedStatus::Booked {
        return Err(CheckInRefusal::NotBooked(status));
    }
    if hall_id != clerk_hall {
        return Err(CheckInRefusal::WrongHall(hall_name.to_string()));
    }
    if date != today {
        return Err(CheckInRefusal::WrongDay(date.to_string()));
    }
    Ok(())
}

/// 爽约 may be recorded only by a clerk, for a booked appointment whose slot is over.
pub fn may_record_no_show(status: RecordedStatus, ends_at: i64, now: i64) -> bool {
    status == RecordedStatus::Booked && ends_at <= now
}

#[cfg(test)]
mod check_in_tests {
    use super::*;

    #[test]
    fn only_a_booked_appointment_of_this_hall_and_today_checks_in() {
        let ok = check_in(
            RecordedStatus::Booked,
            "a",
            "甲大厅",
            "2026-12-02",
            "a",
            "2026-12-02",
        );
        assert_eq!(ok, Ok(()));
        let hall = check_in(
            RecordedStatus::Booked,
            "b",
            "乙大厅",
            "2026-12-02",
            "a",
            "2026-12-02",
        );
        assert_eq!(
            hall.unwrap_err().message(),
            "这是乙大厅的预约，请提醒群众到该大厅办理"
        );
        let day = check_in(
            RecordedStatus::Booked,
            "a",
            "甲",
            "2026-12-03",
            "a",
            "2026-12-02",
        );
        assert_eq!(day.unwrap_err().message(), "这个预约是12月3日的，不是今天");
        let twice = check_in(
            RecordedStatus::CheckedIn,
            "a",
            "甲",
            "2026-12-02",
            "a",
            "2026-12-02",
        );
        assert_eq!(twice.unwrap_err().code(), "not_booked");
        assert!(may_record_no_show(RecordedStatus::Booked, 100, 100));
        assert!(!may_record_no_show(RecordedStatus::Booked, 101, 100));
        assert!(!may_record_no_show(RecordedStatus::CheckedIn, 0, 100));
    }
}
