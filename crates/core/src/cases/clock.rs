//! 限时办结: the promised deadline of a sub-case on the working-day calendar, and a sentence
//! that tells the citizen how it was counted.
//!
//! - A 承诺件 of `n` working days is counted from the day after acceptance (次日起算): its
//!   due date is the `n`th working day after the day of acceptance.
//! - A 即办件 is due the day it is accepted (the next working day if that is a day off).
//! - While a supplement is requested the clock stops: the day of the request still counts,
//!   the working days after it up to and including the day the supplement arrives do not,
//!   and the clock runs again from the day after. The due date moves by the working days
//!   actually suspended; a 即办件 is due again the day its supplement arrives.
//! - A date counted over a year whose holiday notice is not out yet is 暂定 (provisional):
//!   that year's statutory holidays are closed, its make-up days are not known.
//! - 黄牌 two working days before the due date, 红牌 once it has passed (电子监察).
//!
//! Whole dates only: the caller gives China dates ([`super::china_date`]) and "today".

use super::event::Event;
use super::lifecycle::Action;
use crate::calendar::{DayKind, WorkingCalendar};
use crate::catalogue::{CaseType, Matter};
use crate::date::SimpleDate;
use serde::{Deserialize, Serialize};

/// 黄牌 from this many working days before the due date.
pub const YELLOW_WORKING_DAYS: u32 = 2;

/// 承诺时限: what the matter promises, from the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Promise {
    pub case_type: CaseType,
    /// 承诺办结时限 in working days (0 for a 即办件).
    pub working_days: u32,
}

impl Promise {
    pub fn of(matter: &Matter) -> Promise {
        Promise {
            case_type: matter.case_type,
            working_days: matter.promised_days,
        }
    }

    /// 即办件; a 承诺件 of 0 days (which the catalogue refuses) is handled as one too.
    pub fn is_immediate(self) -> bool {
        self.case_type == CaseType::Immediate || self.working_days == 0
    }
}

/// One supplement request: the day it was made and the day the supplement arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suspension {
    pub requested: SimpleDate,
    /// `None` while the citizen has not provided it: the clock stands still.
    pub provided: Option<SimpleDate>,
}

/// The days of a sub-case's history the clock needs (China dates).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClockDates {
    pub accepted: Option<SimpleDate>,
    pub suspensions: Vec<Suspension>,
    pub concluded: Option<SimpleDate>,
}

impl ClockDates {
    /// The days of a sub-case's events (as [`super::replay`] accepts them).
    pub fn from_events(events: &[Event]) -> ClockDates {
        let mut dates = ClockDates::default();
        for e in events {
            let day = e.day();
            match &e.action {
                Action::Accept => {
                    dates.accepted.get_or_insert(day);
                }
                Action::AcceptAndConclude { .. } => {
                    dates.accepted.get_or_insert(day);
                    dates.concluded.get_or_insert(day);
                }
                Action::RequestSupplement { .. } => dates.suspensions.push(Suspension {
                    requested: day,
                    provided: None,
                }),
                Action::ProvideSupplement => {
                    if let Some(open) = dates
                        .suspensions
                        .last_mut()
                        .filter(|s| s.provided.is_none())
                    {
                        open.provided = Some(day);
                    }
                }
                Action::Approve { .. } | Action::NotApprove { .. } => {
                    dates.concluded.get_or_insert(day);
                }
                _ => {}
            }
        }
        dates
    }
}

/// Where the clock stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Progress {
    /// Not accepted yet: the clock has not started.
    NotStarted,
    /// Working days after today up to and including the due date: 0 is due today.
    Running { days_left: u32 },
    /// A supplement is requested: the clock stands still with this many working days left.
    Paused { days_left: u32 },
    /// Past the due date and not concluded; `working_days` after the due date up to today
    /// (or up to a supplement request, which stops the count). 0 on a day off just after it.
    Overdue { working_days: u32 },
    /// Concluded: the working days the clock counted, and those after the due date.
    Concluded {
        on_time: bool,
        working_days_taken: u32,
        working_days_late: u32,
    },
}

/// 电子监察's cards, shown alike to the citizen and the clerk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Warning {
    None,
    /// 黄牌: due within [`YELLOW_WORKING_DAYS`] working days.
    Yellow,
    /// 红牌: overdue.
    Red,
}

impl Warning {
    pub fn as_str(self) -> &'static str {
        match self {
            Warning::None => "none",
            Warning::Yellow => "yellow",
            Warning::Red => "red",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Warning::None => "",
            Warning::Yellow => "黄牌：即将到期",
            Warning::Red => "红牌：已超期",
        }
    }
}

/// The clock of one sub-case, as of one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub promise: Promise,
    /// The promised date; `None` before acceptance and while the clock stands still short of
    /// it (a supplement awaited).
    pub due: Option<SimpleDate>,
    pub progress: Progress,
    pub warning: Warning,
    /// Working days the supplement periods moved the due date by.
    pub suspended_working_days: u32,
    /// 暂定: the count ran over a year whose holiday notice is not out yet.
    pub provisional: bool,
    /// What the citizen reads beside the due date, e.g.
    /// 承诺10个工作日，自11月3日受理次日起算，扣除补正期间3个工作日，预计11月20日前办结.
    pub explanation: String,
}

impl Deadline {
    /// The short state beside a due date in a list: 剩余3个工作日, 今天到期, 已超期2个工作日 …
    pub fn remaining_text(&self) -> String {
        match self.progress {
            Progress::NotStarted => "受理后开始计时".to_string(),
            Progress::Running { days_left: 0 } => "今天到期".to_string(),
            Progress::Running { days_left } => format!("剩余{days_left}个工作日"),
            Progress::Paused { .. } => "补正期间暂停计时".to_string(),
            Progress::Overdue { working_days: 0 } => "已超期".to_string(),
            Progress::Overdue { working_days } => format!("已超期{working_days}个工作日"),
            Progress::Concluded { on_time: true, .. } => "按时办结".to_string(),
            Progress::Concluded { .. } => "超期办结".to_string(),
        }
    }
}

/// `11月3日`, or `2026年11月3日` when the sentence mentions another year than today's.
fn day_text(d: SimpleDate, with_year: bool) -> String {
    if with_year {
        format!("{}年{}月{}日", d.year(), d.month(), d.day())
    } else {
        format!("{}月{}日", d.month(), d.day())
    }
}

/// The working days in `(after, upto]` the clock counts (not suspended).
fn counted_days(
    calendar: &WorkingCalendar,
    after: SimpleDate,
    upto: SimpleDate,
    suspended: &dyn Fn(SimpleDate) -> bool,
) -> u32 {
    let mut n = 0;
    let mut d = after;
    while d < upto {
        d = d.next_day();
        if calendar.is_working_day(d) && !suspended(d) {
            n += 1;
        }
    }
    n
}

/// The suspension periods as `(requested, provided)`, a missing end closed by the conclusion.
fn periods(dates: &ClockDates) -> Vec<(SimpleDate, Option<SimpleDate>)> {
    dates
        .suspensions
        .iter()
        .map(|s| (s.requested, s.provided.or(dates.concluded)))
        .collect()
}

fn in_period(periods: &[(SimpleDate, Option<SimpleDate>)], d: SimpleDate) -> bool {
    periods
        .iter()
        .any(|(r, p)| *r < d && p.is_none_or(|p| d <= p))
}

/// The years in `from..=to` whose notice is not known, in order.
fn provisional_years(calendar: &WorkingCalendar, from: SimpleDate, to: SimpleDate) -> Vec<u16> {
    (from.year()..=to.year().max(from.year()))
        .filter(|y| !calendar.knows_year(*y))
        .collect()
}

fn provisional_note(years: &[u16]) -> String {
    if years.is_empty() {
        return String::new();
    }
    let years: Vec<String> = years.iter().map(|y| format!("{y}年")).collect();
    format!("（{}节假日安排尚未公布，日期为暂定）", years.join("、"))
}

/// `（周六，调休上班）` when the due date is a make-up working day on a weekend: a citizen
/// would not expect a Saturday.
fn make_up_note(calendar: &WorkingCalendar, d: SimpleDate) -> &'static str {
    match (calendar.day_kind(d), d.weekday()) {
        (DayKind::MakeUpWorking, 6) => "（周六，调休上班）",
        (DayKind::MakeUpWorking, _) => "（周日，调休上班）",
        _ => "",
    }
}

fn warning_of(progress: Progress) -> Warning {
    match progress {
        Progress::Running { days_left } if days_left <= YELLOW_WORKING_DAYS => Warning::Yellow,
        Progress::Overdue { .. } => Warning::Red,
        _ => Warning::None,
    }
}

/// The clock of a sub-case that promises `promise`, with the days of its history, as of
/// `today` (China date).
pub fn deadline(
    calendar: &WorkingCalendar,
    promise: Promise,
    dates: &ClockDates,
    today: SimpleDate,
) -> Deadline {
    let Some(accepted) = dates.accepted else {
        return Deadline {
            promise,
            due: None,
            progress: Progress::NotStarted,
            warning: Warning::None,
            suspended_working_days: 0,
            provisional: false,
            explanation: if promise.is_immediate() {
                "即办件，受理当日办结".to_string()
            } else {
                format!("承诺{}个工作日办结，自受理次日起算", promise.working_days)
            },
        };
    };
    if promise.is_immediate() {
        immediate(calendar, promise, accepted, dates, today)
    } else {
        promised(calendar, promise, accepted, dates, today)
    }
}

/// The first working day from `d` on (`d` itself if it is one).
fn working_from(calendar: &WorkingCalendar, d: SimpleDate) -> SimpleDate {
    if calendar.is_working_day(d) {
        d
    } else {
        calendar.add_working_days(d, 1)
    }
}

fn immediate(
    calendar: &WorkingCalendar,
    promise: Promise,
    accepted: SimpleDate,
    dates: &ClockDates,
    today: SimpleDate,
) -> Deadline {
    let periods = periods(dates);
    let suspended = |d: SimpleDate| in_period(&periods, d);
    let open = periods.iter().find(|(_, p)| p.is_none()).map(|(r, _)| *r);
    // Handled on the spot: again on the day the last supplement arrives.
    let resumed = periods.iter().filter_map(|(_, p)| *p).max();
    let start = resumed.unwrap_or(accepted).max(accepted);
    let due = working_from(calendar, start);
    let mentioned = [Some(accepted), Some(due), resumed, open, dates.concluded];
    let with_year = mentioned.iter().flatten().any(|d| d.year() != today.year());
    let a = day_text(accepted, with_year);
    let years = provisional_years(calendar, accepted, due);
    let mut text = format!("即办件，{a}受理");
    let progress = if let Some(r) = open {
        text.push_str(&format!(
            "；{}要求补正，补正期间暂停计时，收到补正材料当日办结",
            day_text(r, with_year)
        ));
        Progress::Paused { days_left: 0 }
    } else {
        if let Some(p) = resumed {
            text.push_str(&format!("，{}收到补正材料", day_text(p, with_year)));
        }
        let due_phrase = if due == start {
            "应当日办结".to_string()
        } else {
            format!("应于{}办结", day_text(due, with_year))
        };
        match dates.concluded {
            Some(c) => {
                let late = if c > due {
                    counted_days(calendar, due, c, &suspended)
                } else {
                    0
                };
                if c == start {
                    text.push_str("，当日办结");
                } else {
                    text.push_str(&format!("，{due_phrase}，{}办结", day_text(c, with_year)));
                    if c > due {
                        text.push_str(&late_text(late));
                    }
                }
                Progress::Concluded {
                    on_time: c <= due,
                    working_days_taken: counted_days(calendar, accepted, c, &suspended),
                    working_days_late: late,
                }
            }
            None if today > due => {
                let k = counted_days(calendar, due, today, &suspended);
                text.push_str(&format!("，{due_phrase}，{}", overdue_text(k)));
                Progress::Overdue { working_days: k }
            }
            None => {
                text.push_str(&format!("，{due_phrase}"));
                Progress::Running {
                    days_left: counted_days(calendar, today.max(accepted), due, &suspended),
                }
            }
        }
    };
    text.push_str(&provisional_note(&years));
    Deadline {
        promise,
        due: open.is_none().then_some(due),
        progress,
        warning: warning_of(progress),
        // The day it is due moved from the first working day after acceptance to this one.
        suspended_working_days: counted_days(
            calendar,
            working_from(calendar, accepted),
            due,
            &|_| false,
        ),
        provisional: !years.is_empty(),
        explanation: text,
    }
}

fn overdue_text(k: u32) -> String {
    if k == 0 {
        "已超期".to_string()
    } else {
        format!("已超期{k}个工作日")
    }
}

fn late_text(late: u32) -> String {
    if late == 0 {
        "，已超期".to_string()
    } else {
        format!("，超期{late}个工作日")
    }
}

/// The walk over the calendar from the day after acceptance.
struct Walk {
    /// The `n`th counted working day; `None` if the clock stopped first.
    due: Option<SimpleDate>,
    counted: u32,
    /// Working days skipped because a supplement was awaited.
    suspended: u32,
    /// Names of the holidays passed on the way, in order.
    holidays: Vec<String>,
    /// The last day looked at.
    end: SimpleDate,
}

fn walk(
    calendar: &WorkingCalendar,
    accepted: SimpleDate,
    n: u32,
    periods: &[(SimpleDate, Option<SimpleDate>)],
) -> Walk {
    let open = periods.iter().find(|(_, p)| p.is_none()).map(|(r, _)| *r);
    let mut w = Walk {
        due: None,
        counted: 0,
        suspended: 0,
        holidays: Vec::new(),
        end: accepted,
    };
    let mut d = accepted;
    loop {
        let next = d.next_day();
        // The calendar ends at 9999-12-31; nothing is due after it.
        if next == d || open.is_some_and(|r| next > r) {
            break;
        }
        d = next;
        w.end = d;
        if calendar.day_kind(d) == DayKind::Holiday {
            if let Some(name) = calendar.holiday_name(d) {
                if !w.holidays.iter().any(|h| h == name) {
                    w.holidays.push(name.to_string());
                }
            }
            continue;
        }
        if !calendar.is_working_day(d) {
            continue;
        }
        if in_period(periods, d) {
            w.suspended += 1;
            continue;
        }
        w.counted += 1;
        if w.counted >= n {
            w.due = Some(d);
            break;
        }
    }
    w
}

fn promised(
    calendar: &WorkingCalendar,
    promise: Promise,
    accepted: SimpleDate,
    dates: &ClockDates,
    today: SimpleDate,
) -> Deadline {
    let n = promise.working_days;
    let periods = periods(dates);
    let suspended = |d: SimpleDate| in_period(&periods, d);
    let open = periods.iter().find(|(_, p)| p.is_none()).map(|(r, _)| *r);
    let mut w = walk(calendar, accepted, n, &periods);
    if w.due.is_some() && w.due == open {
        // Asked on the last day: all days are used and the clock stands still at none left.
        w.due = None;
    }
    let mentioned = [Some(accepted), w.due, open, dates.concluded];
    let with_year = mentioned.iter().flatten().any(|d| d.year() != today.year());
    let years = provisional_years(calendar, accepted.next_day(), w.end);
    let mut text = format!(
        "承诺{n}个工作日，自{}受理次日起算",
        day_text(accepted, with_year)
    );
    let sus_text = if w.suspended > 0 {
        format!("，扣除补正期间{}个工作日", w.suspended)
    } else {
        String::new()
    };
    let pause_text = |r: SimpleDate| {
        format!(
            "{}要求补正，补正期间暂停计时，收到补正材料次日起继续计算",
            day_text(r, with_year)
        )
    };
    let Some(due) = w.due else {
        // The clock stands still before reaching the due date.
        let left = n - w.counted;
        text.push_str(&sus_text);
        text.push_str(&format!("，已用{}个工作日", w.counted));
        if let Some(r) = open {
            text.push_str(&format!("；{}，尚余{left}个工作日", pause_text(r)));
        }
        text.push_str(&provisional_note(&years));
        let progress = Progress::Paused { days_left: left };
        return Deadline {
            promise,
            due: None,
            progress,
            warning: warning_of(progress),
            suspended_working_days: w.suspended,
            provisional: !years.is_empty(),
            explanation: text,
        };
    };
    if !w.holidays.is_empty() {
        text.push_str(&format!("，{}假期不计", w.holidays.join("、")));
    }
    text.push_str(&sus_text);
    let due_text = format!(
        "{}{}",
        day_text(due, with_year),
        make_up_note(calendar, due)
    );
    let progress = match dates.concluded {
        Some(c) => {
            text.push_str(&format!(
                "，应于{due_text}前办结，{}办结",
                day_text(c, with_year)
            ));
            let late = if c > due {
                counted_days(calendar, due, c, &suspended)
            } else {
                0
            };
            let taken = counted_days(calendar, accepted, c, &suspended);
            if c > due {
                text.push_str(&late_text(late));
            } else {
                text.push_str(&format!("，用时{taken}个工作日"));
            }
            Progress::Concluded {
                on_time: c <= due,
                working_days_taken: taken,
                working_days_late: late,
            }
        }
        None if today > due || open.is_some() => {
            // Overdue before the request came: the request stops the count of days late.
            let upto = open.map_or(today, |r| r.min(today));
            let k = counted_days(calendar, due, upto.max(due), &suspended);
            text.push_str(&format!("，应于{due_text}前办结，{}", overdue_text(k)));
            if let Some(r) = open {
                text.push_str(&format!("；{}", pause_text(r)));
            }
            Progress::Overdue { working_days: k }
        }
        None => {
            text.push_str(&format!("，预计{due_text}前办结"));
            Progress::Running {
                days_left: counted_days(calendar, today.max(accepted), due, &suspended),
            }
        }
    };
    text.push_str(&provisional_note(&years));
    Deadline {
        promise,
        due: Some(due),
        progress,
        warning: warning_of(progress),
        suspended_working_days: w.suspended,
        provisional: !years.is_empty(),
        explanation: text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> SimpleDate {
        SimpleDate::parse_iso(s).unwrap()
    }

    /// `data/calendar/` as it is: the 2026 notice, and 2027's statutory days without its notice.
    fn calendar() -> WorkingCalendar {
        crate::calendar::test_fixtures::calendar_2026_2027()
    }

    const PROMISED_10: Promise = Promise {
        case_type: CaseType::Promised,
        working_days: 10,
    };

    const IMMEDIATE: Promise = Promise {
        case_type: CaseType::Immediate,
        working_days: 0,
    };

    fn promised(days: u32) -> Promise {
        Promise {
            case_type: CaseType::Promised,
            working_days: days,
        }
    }

    fn accepted(on: &str) -> ClockDates {
        ClockDates {
            accepted: Some(d(on)),
            ..ClockDates::default()
        }
    }

    fn with_supplement(on: &str, requested: &str, provided: Option<&str>) -> ClockDates {
        ClockDates {
            suspensions: vec![Suspension {
                requested: d(requested),
                provided: provided.map(d),
            }],
            ..accepted(on)
        }
    }

    #[test]
    fn the_issue_example_moves_the_due_date_by_the_suspended_days() {
        let c = calendar();
        // Tuesday 11-03; asked on Friday 11-06, supplied on Wednesday 11-11: 9, 10, 11 are
        // suspended, so the 10th working day moves from 11-17 to 11-20.
        let dates = with_supplement("2026-11-03", "2026-11-06", Some("2026-11-11"));
        let dl = deadline(&c, PROMISED_10, &dates, d("2026-11-12"));
        assert_eq!(dl.due, Some(d("2026-11-20")));
        assert_eq!(dl.suspended_working_days, 3);
        assert_eq!(
            dl.explanation,
            "承诺10个工作日，自11月3日受理次日起算，扣除补正期间3个工作日，预计11月20日前办结"
        );
        assert_eq!(dl.progress, Progress::Running { days_left: 6 });
        assert_eq!(dl.warning, Warning::None);
        assert!(!dl.provisional);
        assert_eq!(dl.remaining_text(), "剩余6个工作日");

        // 黄牌 from two working days before, 红牌 once past.
        let on = |today: &str| deadline(&c, PROMISED_10, &dates, d(today));
        assert_eq!(on("2026-11-17").warning, Warning::None);
        assert_eq!(
            on("2026-11-18").progress,
            Progress::Running { days_left: 2 }
        );
        assert_eq!(on("2026-11-18").warning, Warning::Yellow);
        assert_eq!(on("2026-11-20").remaining_text(), "今天到期");
        assert_eq!(on("2026-11-20").warning, Warning::Yellow);
        let sat = on("2026-11-21");
        assert_eq!(sat.progress, Progress::Overdue { working_days: 0 });
        assert_eq!(sat.warning, Warning::Red);
        assert_eq!(sat.remaining_text(), "已超期");
        let late = on("2026-11-23");
        assert_eq!(late.progress, Progress::Overdue { working_days: 1 });
        assert_eq!(late.warning, Warning::Red);
        assert_eq!(late.warning.label(), "红牌：已超期");
        assert_eq!(
            late.explanation,
            "承诺10个工作日，自11月3日受理次日起算，扣除补正期间3个工作日，应于11月20日前办结，已超期1个工作日"
        );
    }

    #[test]
    fn across_the_national_day_holiday_to_a_make_up_saturday() {
        let c = calendar();
        // Monday 09-28 + 5: 29, 30, (10-01 … 10-07 off), 8, 9, and Saturday 10-10 (调休).
        let dl = deadline(&c, promised(5), &accepted("2026-09-28"), d("2026-09-28"));
        assert_eq!(dl.due, Some(d("2026-10-10")));
        assert_eq!(
            dl.explanation,
            "承诺5个工作日，自9月28日受理次日起算，国庆节假期不计，预计10月10日（周六，调休上班）前办结"
        );
        assert_eq!(dl.progress, Progress::Running { days_left: 5 });
        assert!(!dl.provisional);
        // During the holiday three working days are left: 8, 9, 10.
        let dl = deadline(&c, promised(5), &accepted("2026-09-28"), d("2026-10-03"));
        assert_eq!(dl.progress, Progress::Running { days_left: 3 });
    }

    #[test]
    fn a_make_up_sunday_counts() {
        let c = calendar();
        // Friday 09-18 + 1: Sunday 09-20 is a working day (调休).
        let dl = deadline(&c, promised(1), &accepted("2026-09-18"), d("2026-09-18"));
        assert_eq!(dl.due, Some(d("2026-09-20")));
        assert_eq!(
            dl.explanation,
            "承诺1个工作日，自9月18日受理次日起算，预计9月20日（周日，调休上班）前办结"
        );
        assert_eq!(dl.progress, Progress::Running { days_left: 1 });
        assert_eq!(dl.warning, Warning::Yellow);
    }

    #[test]
    fn a_supplement_pause_spanning_the_holidays() {
        let c = calendar();
        // Monday 09-21, 10 days; asked Thursday 09-24 (22, 23, 24 counted), supplied Friday
        // 10-09: 28, 29, 30, 10-08, 10-09 suspended (中秋 and 国庆 are days off anyway).
        // Runs again from 10-10 (调休): 10, 12, 13, 14, 15, 16, 19.
        let dates = with_supplement("2026-09-21", "2026-09-24", Some("2026-10-09"));
        let dl = deadline(&c, PROMISED_10, &dates, d("2026-10-09"));
        assert_eq!(dl.due, Some(d("2026-10-19")));
        assert_eq!(dl.suspended_working_days, 5);
        assert_eq!(
            dl.explanation,
            "承诺10个工作日，自9月21日受理次日起算，中秋节、国庆节假期不计，扣除补正期间5个工作日，预计10月19日前办结"
        );
        assert_eq!(dl.progress, Progress::Running { days_left: 7 });
        // The same, shifted: the due date without the pause, moved by the days suspended.
        let base = c.add_working_days(d("2026-09-21"), 10);
        assert_eq!(c.add_working_days(base, 5), d("2026-10-19"));

        // While the supplement is awaited the clock stands still.
        let waiting = with_supplement("2026-09-21", "2026-09-24", None);
        let dl = deadline(&c, PROMISED_10, &waiting, d("2026-10-08"));
        assert_eq!(dl.due, None);
        assert_eq!(dl.progress, Progress::Paused { days_left: 7 });
        assert_eq!(dl.warning, Warning::None);
        assert_eq!(dl.remaining_text(), "补正期间暂停计时");
        assert_eq!(
            dl.explanation,
            "承诺10个工作日，自9月21日受理次日起算，已用3个工作日；9月24日要求补正，补正期间暂停计时，收到补正材料次日起继续计算，尚余7个工作日"
        );
    }

    #[test]
    fn a_supplement_asked_on_the_last_day_leaves_none() {
        let c = calendar();
        let dates = with_supplement("2026-11-03", "2026-11-05", None);
        let dl = deadline(&c, promised(2), &dates, d("2026-11-06"));
        assert_eq!(dl.progress, Progress::Paused { days_left: 0 });
        assert_eq!(dl.due, None);
        // Asked after the due date had passed: still overdue, but no longer counting.
        let dates = with_supplement("2026-11-03", "2026-11-09", None);
        let dl = deadline(&c, promised(2), &dates, d("2026-11-20"));
        assert_eq!(dl.due, Some(d("2026-11-05")));
        assert_eq!(dl.progress, Progress::Overdue { working_days: 2 });
        assert_eq!(dl.warning, Warning::Red);
        assert_eq!(
            dl.explanation,
            "承诺2个工作日，自11月3日受理次日起算，应于11月5日前办结，已超期2个工作日；11月9日要求补正，补正期间暂停计时，收到补正材料次日起继续计算"
        );
    }

    #[test]
    fn an_immediate_case_is_due_the_same_working_day() {
        let c = calendar();
        let dl = deadline(&c, IMMEDIATE, &accepted("2026-11-03"), d("2026-11-03"));
        assert_eq!(dl.due, Some(d("2026-11-03")));
        assert_eq!(dl.explanation, "即办件，11月3日受理，应当日办结");
        assert_eq!(dl.progress, Progress::Running { days_left: 0 });
        assert_eq!(dl.remaining_text(), "今天到期");
        let next_day = deadline(&c, IMMEDIATE, &accepted("2026-11-03"), d("2026-11-04"));
        assert_eq!(next_day.progress, Progress::Overdue { working_days: 1 });
        assert_eq!(
            next_day.explanation,
            "即办件，11月3日受理，应当日办结，已超期1个工作日"
        );
        let done = ClockDates {
            concluded: Some(d("2026-11-03")),
            ..accepted("2026-11-03")
        };
        let dl = deadline(&c, IMMEDIATE, &done, d("2026-11-10"));
        assert_eq!(dl.explanation, "即办件，11月3日受理，当日办结");
        assert_eq!(
            dl.progress,
            Progress::Concluded {
                on_time: true,
                working_days_taken: 0,
                working_days_late: 0
            }
        );
        assert_eq!(dl.remaining_text(), "按时办结");
        // Accepted on a Saturday that is no working day: due on Monday.
        let dl = deadline(&c, IMMEDIATE, &accepted("2026-11-07"), d("2026-11-07"));
        assert_eq!(dl.due, Some(d("2026-11-09")));
        assert_eq!(dl.explanation, "即办件，11月7日受理，应于11月9日办结");
        assert_eq!(dl.progress, Progress::Running { days_left: 1 });
        // With a supplement: handled on the spot the day it arrives.
        let dates = ClockDates {
            concluded: Some(d("2026-11-05")),
            ..with_supplement("2026-11-03", "2026-11-03", Some("2026-11-05"))
        };
        let dl = deadline(&c, IMMEDIATE, &dates, d("2026-11-05"));
        assert_eq!(dl.due, Some(d("2026-11-05")));
        assert_eq!(dl.suspended_working_days, 2);
        assert_eq!(
            dl.explanation,
            "即办件，11月3日受理，11月5日收到补正材料，当日办结"
        );
        let waiting = with_supplement("2026-11-03", "2026-11-03", None);
        let dl = deadline(&c, IMMEDIATE, &waiting, d("2026-11-04"));
        assert_eq!(dl.progress, Progress::Paused { days_left: 0 });
        assert_eq!(
            dl.explanation,
            "即办件，11月3日受理；11月3日要求补正，补正期间暂停计时，收到补正材料当日办结"
        );
    }

    #[test]
    fn a_deadline_running_into_2027_is_provisional() {
        let c = calendar();
        // Thursday 2026-12-24 + 10: 25, 28, 29, 30, 31, (2027-01-01 元旦, statutory), 4 … 8.
        let dl = deadline(&c, PROMISED_10, &accepted("2026-12-24"), d("2026-12-24"));
        assert_eq!(dl.due, Some(d("2027-01-08")));
        assert!(dl.provisional);
        assert_eq!(
            dl.explanation,
            "承诺10个工作日，自2026年12月24日受理次日起算，元旦假期不计，预计2027年1月8日前办结（2027年节假日安排尚未公布，日期为暂定）"
        );
        // Across 2027's Spring Festival, which the law alone closes.
        let dl = deadline(&c, promised(2), &accepted("2027-02-03"), d("2027-02-03"));
        assert_eq!(dl.due, Some(d("2027-02-09")));
        assert_eq!(
            dl.explanation,
            "承诺2个工作日，自2月3日受理次日起算，春节假期不计，预计2月9日前办结（2027年节假日安排尚未公布，日期为暂定）"
        );
        // A deadline inside 2026 is not provisional.
        let dl = deadline(&c, PROMISED_10, &accepted("2026-12-01"), d("2026-12-01"));
        assert_eq!(dl.due, Some(d("2026-12-15")));
        assert!(!dl.provisional);
    }

    #[test]
    fn not_accepted_yet_and_concluded() {
        let c = calendar();
        let none = ClockDates::default();
        let dl = deadline(&c, PROMISED_10, &none, d("2026-11-03"));
        assert_eq!(dl.progress, Progress::NotStarted);
        assert_eq!(dl.due, None);
        assert_eq!(dl.explanation, "承诺10个工作日办结，自受理次日起算");
        assert_eq!(dl.remaining_text(), "受理后开始计时");
        let dl = deadline(&c, IMMEDIATE, &none, d("2026-11-03"));
        assert_eq!(dl.explanation, "即办件，受理当日办结");

        let done = |on: &str| ClockDates {
            concluded: Some(d(on)),
            ..accepted("2026-11-03")
        };
        let dl = deadline(&c, PROMISED_10, &done("2026-11-12"), d("2026-12-01"));
        assert_eq!(
            dl.progress,
            Progress::Concluded {
                on_time: true,
                working_days_taken: 7,
                working_days_late: 0
            }
        );
        assert_eq!(dl.warning, Warning::None);
        assert_eq!(
            dl.explanation,
            "承诺10个工作日，自11月3日受理次日起算，应于11月17日前办结，11月12日办结，用时7个工作日"
        );
        let dl = deadline(&c, PROMISED_10, &done("2026-11-19"), d("2026-12-01"));
        assert_eq!(
            dl.progress,
            Progress::Concluded {
                on_time: false,
                working_days_taken: 12,
                working_days_late: 2
            }
        );
        assert_eq!(dl.remaining_text(), "超期办结");
        assert_eq!(
            dl.explanation,
            "承诺10个工作日，自11月3日受理次日起算，应于11月17日前办结，11月19日办结，超期2个工作日"
        );
    }

    #[test]
    fn the_dates_come_from_the_events() {
        use crate::cases::lifecycle::{Actor, SupplementItem, SupplementKind};
        let clerk = Actor::Clerk {
            department: "scjg".into(),
            clerk_id: "c1".into(),
        };
        // 10:00 China time on the given day.
        let at = |day: &str| (d(day).days_since_epoch() * 86_400) + 2 * 3600;
        let ev = |day: &str, action: Action| Event {
            at: at(day),
            actor: clerk.clone(),
            action,
            note: None,
        };
        let item = SupplementItem {
            kind: SupplementKind::Missing,
            name: "房屋租赁合同".into(),
            target: None,
            reason: "未上传".into(),
        };
        let events = [
            ev("2026-11-03", Action::Accept),
            ev("2026-11-04", Action::StartReview),
            ev(
                "2026-11-06",
                Action::RequestSupplement { items: vec![item] },
            ),
            ev("2026-11-11", Action::ProvideSupplement),
            ev("2026-11-12", Action::StartReview),
        ];
        assert_eq!(
            ClockDates::from_events(&events),
            with_supplement("2026-11-03", "2026-11-06", Some("2026-11-11"))
        );
    }

    proptest! {
        /// Without a supplement the due date is the calendar's `n`th working day after
        /// acceptance, and the days left count down to 0 on it.
        #[test]
        fn without_a_pause_the_due_date_is_n_working_days_after_acceptance(
            offset in 0i64..500, n in 1u32..40, today_offset in 0i64..60,
        ) {
            let c = calendar();
            let a = SimpleDate::from_days_since_epoch(d("2026-01-01").days_since_epoch() + offset).unwrap();
            let dates = accepted(&a.to_string());
            let today = SimpleDate::from_days_since_epoch(a.days_since_epoch() + today_offset).unwrap();
            let dl = deadline(&c, promised(n), &dates, today);
            let due = c.add_working_days(a, n);
            prop_assert_eq!(dl.due, Some(due));
            prop_assert_eq!(dl.suspended_working_days, 0);
            prop_assert_eq!(dl.provisional, due.year() > 2026);
            match dl.progress {
                Progress::Running { days_left } => {
                    prop_assert!(today <= due);
                    prop_assert_eq!(c.add_working_days(today, days_left), due);
                }
                Progress::Overdue { .. } => prop_assert!(today > due),
                other => prop_assert!(false, "{:?}", other),
            }
        }

        /// A finished supplement moves the due date by exactly the working days it suspended.
        #[test]
        fn a_pause_moves_the_due_date_by_the_days_it_suspended(
            offset in 0i64..300, n in 2u32..30, ask_after in 0u32..20, takes in 0i64..40,
        ) {
            let c = calendar();
            let a = SimpleDate::from_days_since_epoch(d("2026-01-05").days_since_epoch() + offset).unwrap();
            let base = c.add_working_days(a, n);
            // Asked on a working day before the due date.
            let r = c.add_working_days(a, ask_after.min(n - 1));
            let p = SimpleDate::from_days_since_epoch(r.days_since_epoch() + takes).unwrap();
            let dates = ClockDates {
                suspensions: vec![Suspension { requested: r, provided: Some(p) }],
                ..accepted(&a.to_string())
            };
            let dl = deadline(&c, promised(n), &dates, p);
            let mut s = 0;
            let mut day = r;
            while day < p {
                day = day.next_day();
                if c.is_working_day(day) {
                    s += 1;
                }
            }
            prop_assert_eq!(dl.suspended_working_days, s);
            prop_assert_eq!(dl.due, Some(c.add_working_days(base, s)));
        }
    }
}
