//! 预约办理: the rules that decide which appointment slots a hall offers and whether a
//! citizen may book one. Pure functions over the hall's hours, the working-day calendar and
//! the citizen's history, so the SPA can explain a refusal before asking and the server
//! decides the same way.

use crate::calendar::WorkingCalendar;
use crate::catalogue::OpeningHours;
use crate::date::SimpleDate;
use serde::{Deserialize, Serialize};

mod slot_id;

pub use slot_id::{is_slot_part, SlotId, SlotIdError, MAX_PART_LEN};

/// The booking rules of `data/booking.toml`; every field has the default that halls publish.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BookingRules {
    /// Booking is open for this many working days ahead (today not included).
    pub open_working_days: u32,
    /// A slot can no longer be booked this many minutes before it starts.
    pub close_before_minutes: u32,
    /// Length of one slot.
    pub slot_minutes: u32,
    /// Places per slot per business category, unless a hall says otherwise.
    pub capacity: u32,
    /// Bookings one citizen may hold on one day.
    pub per_citizen_per_day: u32,
    /// Upcoming bookings one citizen may hold at once.
    pub max_active: u32,
    /// Cancelling is allowed until this many minutes before the slot.
    pub cancel_before_minutes: u32,
    /// This many no-shows within `no_show_window_days` …
    pub no_show_limit: u32,
    pub no_show_window_days: u32,
    /// … bar online booking for this many days.
    pub ban_days: u32,
}

/// China is UTC+8 all year (no daylight saving).
pub const CHINA_OFFSET_SECONDS: i64 = 8 * 3600;

/// Unix seconds of `minutes` past midnight of `date` in China.
pub fn china_instant(date: crate::date::SimpleDate, minutes: u32) -> i64 {
    date.days_since_epoch() * 86_400 + i64::from(minutes) * 60 - CHINA_OFFSET_SECONDS
}

impl BookingRules {
    /// Whether the slot starting `minutes` past midnight of `date` can still be booked at
    /// `now` (Unix seconds): booking closes `close_before_minutes` before it starts.
    pub fn slot_open(&self, date: crate::date::SimpleDate, minutes: u32, now: i64) -> bool {
        now < china_instant(date, minutes) - i64::from(self.close_before_minutes) * 60
    }

    /// The window before a slot's start in which it can no longer be cancelled or moved.
    pub fn cancel_window_seconds(&self) -> i64 {
        i64::from(self.cancel_before_minutes) * 60
    }

    /// Whether a booked appointment starting at `starts_at` can still be cancelled or moved.
    pub fn changeable(&self, starts_at: i64, now: i64) -> bool {
        starts_at - self.cancel_window_seconds() > now
    }
}

#[cfg(test)]
mod rule_tests {
    use super::*;
    use crate::date::SimpleDate;

    #[test]
    fn a_slot_closes_an_hour_before_and_changes_stop_two_hours_before_in_china_time() {
        let rules = BookingRules {
            close_before_minutes: 60,
            cancel_before_minutes: 120,
            ..BookingRules::default()
        };
        let day = SimpleDate::new(2026, 11, 26).unwrap();
        // 09:00 China on 2026-11-26 is 01:00 UTC.
        let nine = china_instant(day, 9 * 60);
        assert_eq!(nine, 1_795_654_800);
        assert!(rules.slot_open(day, 9 * 60, nine - 3601));
        assert!(!rules.slot_open(day, 9 * 60, nine - 3600));
        assert!(rules.changeable(nine, nine - 7201));
        assert!(!rules.changeable(nine, nine - 7200));
    }
}

impl Default for BookingRules {
    fn default() -> Self {
        BookingRules {
            open_working_days: 5,
            close_before_minutes: 60,
            slot_minutes: 30,
            capacity: 5,
            per_citizen_per_day: 1,
            max_active: 3,
            cancel_before_minutes: 120,
            no_show_limit: 2,
            no_show_window_days: 30,
            ban_days: 90,
        }
    }
}

/// Minutes since midnight of `hh:mm` (validated by the catalogue on load).
fn minutes(hhmm: &str) -> u32 {
    let h: u32 = hhmm.get(..2).and_then(|s| s.parse().ok()).unwrap_or(0);
    let m: u32 = hhmm.get(3..5).and_then(|s| s.parse().ok()).unwrap_or(0);
    h * 60 + m
}

/// The slots of one day as (start, end) minutes since midnight: each opening period cut into
/// whole slots (a lunch break between periods has none). A make-up working day on a weekend
/// keeps the hours of a normal Monday.
pub fn day_slots(
    hours: &[OpeningHours],
    date: SimpleDate,
    calendar: &WorkingCalendar,
    slot_minutes: u32,
) -> Vec<(u32, u32)> {
    if !calendar.is_working_day(date) || slot_minutes == 0 {
        return Vec::new();
    }
    let weekday = if date.weekday() >= 6 {
        1
    } else {
        date.weekday()
    };
    let mut slots = Vec::new();
    for h in hours.iter().filter(|h| h.weekdays.contains(&weekday)) {
        for [from, to] in &h.periods {
            let (mut start, end) = (minutes(from), minutes(to));
            while start + slot_minutes <= end {
                slots.push((start, start + slot_minutes));
                start += slot_minutes;
            }
        }
    }
    slots.sort_unstable();
    slots
}

/// The days a citizen can book on: the next `open_working_days` working days after today.
pub fn bookable_days(
    calendar: &WorkingCalendar,
    today: SimpleDate,
    rules: &BookingRules,
) -> Vec<SimpleDate> {
    calendar.next_working_days(today, rules.open_working_days as usize)
}

/// `hh:mm` of minutes since midnight.
pub fn clock(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// What the server knows of a citizen when they ask to book.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BookingHistory {
    /// Dates of their upcoming (not cancelled, not past) bookings.
    pub active_dates: Vec<SimpleDate>,
    /// Dates of the no-shows recorded against them (never merely past bookings).
    pub no_show_dates: Vec<SimpleDate>,
}

/// Why a citizen may not book (each with the Chinese sentence that says so).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookingRefusal {
    /// Online booking is barred until (and including) this date.
    Banned {
        until: SimpleDate,
    },
    TooManyActive {
        max: u32,
    },
    AlreadyBookedThatDay,
}

impl BookingRefusal {
    pub fn code(&self) -> &'static str {
        match self {
            BookingRefusal::Banned { .. } => "booking_banned",
            BookingRefusal::TooManyActive { .. } => "booking_limit",
            BookingRefusal::AlreadyBookedThatDay => "booking_same_day",
        }
    }

    pub fn message(&self, rules: &BookingRules) -> String {
        match self {
            BookingRefusal::Banned { until } => format!(
                "您在{}天内有{}次预约未到，{}前不能在网上预约，可直接到大厅取号办理",
                rules.no_show_window_days,
                rules.no_show_limit,
                until.next_day()
            ),
            BookingRefusal::TooManyActive { max } => {
                format!("您已有{max}个未办理的预约，请先办理或取消后再预约")
            }
            BookingRefusal::AlreadyBookedThatDay => {
                "您当天已有预约，每人每天只能预约一次".to_string()
            }
        }
    }
}

/// Whether the citizen may book a slot on `date`, given their history; `today` in China.
pub fn check_booking(
    rules: &BookingRules,
    history: &BookingHistory,
    today: SimpleDate,
    date: SimpleDate,
) -> Result<(), BookingRefusal> {
    if let Some(until) = ban_until(rules, &history.no_show_dates) {
        if today <= until {
            return Err(BookingRefusal::Banned { until });
        }
    }
    if history.active_dates.len() as u32 >= rules.max_active {
        return Err(BookingRefusal::TooManyActive {
            max: rules.max_active,
        });
    }
    let same_day = history.active_dates.iter().filter(|d| **d == date).count() as u32;
    if same_day >= rules.per_citizen_per_day {
        return Err(BookingRefusal::AlreadyBookedThatDay);
    }
    Ok(())
}

/// The last day of a ban, if the no-shows earn one: `no_show_limit` no-shows within a window
/// of `no_show_window_days` bar booking for `ban_days` from the last of them.
pub fn ban_until(rules: &BookingRules, no_show_dates: &[SimpleDate]) -> Option<SimpleDate> {
    let limit = rules.no_show_limit as usize;
    if limit == 0 || no_show_dates.len() < limit {
        return None;
    }
    let mut dates = no_show_dates.to_vec();
    dates.sort_unstable();
    let mut until = None;
    for window in dates.windows(limit) {
        let (first, last) = (window[0], window[limit - 1]);
        if last.days_since_epoch() - first.days_since_epoch() < i64::from(rules.no_show_window_days)
        {
            until = SimpleDate::from_days_since_epoch(
                last.days_since_epoch() + i64::from(rules.ban_days) - 1,
            );
        }
    }
    until
}

/// No-shows that count now (within the window before `today`): what the citizen is warned
/// of before a ban applies.
pub fn recent_no_shows(
    rules: &BookingRules,
    no_show_dates: &[SimpleDate],
    today: SimpleDate,
) -> u32 {
    no_show_dates
        .iter()
        .filter(|d| {
            today.days_since_epoch() - d.days_since_epoch() < i64::from(rules.no_show_window_days)
        })
        .count() as u32
}

/// The citizen's standing as `GET /appointments/standing` reports it: recent no-shows, how
/// many more would bar online booking, and the ban in force if any.
pub fn booking_standing(
    rules: &BookingRules,
    no_show_dates: &[SimpleDate],
    today: SimpleDate,
) -> crate::appointments::BookingStanding {
    let recent = recent_no_shows(rules, no_show_dates, today);
    let banned_until = ban_until(rules, no_show_dates).filter(|until| today <= *until);
    crate::appointments::BookingStanding {
        recent_no_shows: recent,
        no_show_limit: rules.no_show_limit,
        window_days: rules.no_show_window_days,
        ban_days: rules.ban_days,
        no_shows_before_ban: if banned_until.is_some() {
            0
        } else {
            rules.no_show_limit.saturating_sub(recent)
        },
        banned_until: banned_until.map(|d| d.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{Holiday, YearNotice};

    fn d(s: &str) -> SimpleDate {
        SimpleDate::parse_iso(s).unwrap()
    }

    fn calendar() -> WorkingCalendar {
        WorkingCalendar::from_notices(&[YearNotice {
            year: 2026,
            source: "test".into(),
            holidays: vec![Holiday {
                name: "国庆节".into(),
                from: "2026-10-01".into(),
                to: "2026-10-07".into(),
            }],
            make_up_workdays: vec!["2026-10-10".into()],
        }])
        .unwrap()
    }

    fn hours() -> Vec<OpeningHours> {
        vec![
            OpeningHours {
                weekdays: vec![1, 2, 3, 4, 5],
                periods: vec![
                    ["09:00".into(), "12:00".into()],
                    ["13:30".into(), "17:30".into()],
                ],
            },
            OpeningHours {
                weekdays: vec![6],
                periods: vec![["09:00".into(), "12:00".into()]],
            },
        ]
    }

    #[test]
    fn slots_skip_lunch_and_holidays() {
        let c = calendar();
        let slots = day_slots(&hours(), d("2026-11-25"), &c, 30);
        assert_eq!(slots.len(), 6 + 8);
        assert_eq!(slots[0], (540, 570));
        assert!(
            !slots.iter().any(|(s, _)| (720..810).contains(s)),
            "no slot in lunch break"
        );
        assert!(
            day_slots(&hours(), d("2026-10-01"), &c, 30).is_empty(),
            "holiday"
        );
        assert!(
            day_slots(&hours(), d("2026-11-28"), &c, 30).is_empty(),
            "Saturday is not a working day"
        );
        assert_eq!(
            day_slots(&hours(), d("2026-10-10"), &c, 30).len(),
            14,
            "make-up Saturday keeps weekday hours"
        );
        assert_eq!(clock(810), "13:30");
    }

    #[test]
    fn booking_opens_five_working_days_ahead() {
        let days = bookable_days(&calendar(), d("2026-09-29"), &BookingRules::default());
        let shown: Vec<String> = days.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            shown,
            [
                "2026-09-30",
                "2026-10-08",
                "2026-10-09",
                "2026-10-10",
                "2026-10-12"
            ]
        );
    }

    #[test]
    fn one_per_day_and_a_cap_on_active_bookings() {
        let rules = BookingRules::default();
        let today = d("2026-11-25");
        let mut h = BookingHistory::default();
        assert_eq!(check_booking(&rules, &h, today, d("2026-11-26")), Ok(()));
        h.active_dates.push(d("2026-11-26"));
        assert_eq!(
            check_booking(&rules, &h, today, d("2026-11-26")),
            Err(BookingRefusal::AlreadyBookedThatDay)
        );
        h.active_dates.extend([d("2026-11-27"), d("2026-11-30")]);
        assert_eq!(
            check_booking(&rules, &h, today, d("2026-12-01")),
            Err(BookingRefusal::TooManyActive { max: 3 })
        );
    }

    #[test]
    fn two_no_shows_in_thirty_days_bar_booking_for_ninety() {
        let rules = BookingRules::default();
        let h = BookingHistory {
            active_dates: vec![],
            no_show_dates: vec![d("2026-11-02"), d("2026-11-20")],
        };
        let refusal = check_booking(&rules, &h, d("2026-11-25"), d("2026-11-26")).unwrap_err();
        assert_eq!(
            refusal,
            BookingRefusal::Banned {
                until: d("2027-02-17")
            }
        );
        assert!(refusal.message(&rules).contains("2027-02-18前"));
        assert_eq!(
            check_booking(&rules, &h, d("2027-02-18"), d("2027-02-19")),
            Ok(())
        );

        // Two no-shows 40 days apart earn no ban, but the citizen is warned of one.
        let apart = [d("2026-10-01"), d("2026-11-20")];
        assert_eq!(ban_until(&rules, &apart), None);
        assert_eq!(recent_no_shows(&rules, &apart, d("2026-11-25")), 1);
    }

    #[test]
    fn standing_warns_before_the_ban_and_reports_it() {
        let rules = BookingRules::default();
        let today = d("2026-11-25");
        let clean = booking_standing(&rules, &[], today);
        assert_eq!((clean.recent_no_shows, clean.no_shows_before_ban), (0, 2));
        assert_eq!(clean.banned_until, None);
        let one = booking_standing(&rules, &[d("2026-11-20")], today);
        assert_eq!((one.recent_no_shows, one.no_shows_before_ban), (1, 1));
        let two = booking_standing(&rules, &[d("2026-11-02"), d("2026-11-20")], today);
        assert_eq!(two.banned_until.as_deref(), Some("2027-02-17"));
        assert_eq!(two.no_shows_before_ban, 0);
        // After the ban has run out, and the no-shows have left the window.
        let later = booking_standing(&rules, &[d("2026-11-02"), d("2026-11-20")], d("2027-02-18"));
        assert_eq!(later.banned_until, None);
        assert_eq!((later.recent_no_shows, later.no_shows_before_ban), (0, 2));
    }
}
