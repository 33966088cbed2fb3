//! The working-day calendar (工作日): public holidays and make-up working days (调休) from the
//! State Council's yearly notice, kept as data in `data/calendar/`. Promised deadlines of
//! 承诺件 and the days a hall takes appointments are counted on it, in the browser and on the
//! server alike.
//!
//! The notice for a year comes out in November of the year before, but the booking window
//! and the deadlines reach into that year earlier. What the law fixes in advance (法定节假日:
//! 《全国年节及纪念日放假办法》, `data/calendar/statutory.toml`) keeps those days closed in a
//! year without its notice, and every date counted in such a year is 暂定 (provisional):
//! its make-up working days and swaps are not known yet. Once `<year>.toml` is added, the
//! notice alone decides that year.

use crate::date::SimpleDate;
use serde::{Deserialize, Serialize};

/// One year's notice, as in `data/calendar/<year>.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearNotice {
    pub year: u16,
    /// The notice it comes from.
    pub source: String,
    pub holidays: Vec<Holiday>,
    /// Weekend days that are working days (调休上班), `YYYY-MM-DD`.
    #[serde(default)]
    pub make_up_workdays: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    pub name: String,
    /// First and last day off, inclusive, `YYYY-MM-DD`.
    pub from: String,
    pub to: String,
}

/// The days the law itself makes holidays in one year, before (or without) its notice:
/// one entry of `data/calendar/statutory.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatutoryYear {
    pub year: u16,
    pub holidays: Vec<Holiday>,
}

/// `data/calendar/statutory.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatutoryHolidays {
    /// The law, and how its lunar and solar-term dates were worked out.
    pub source: String,
    pub years: Vec<StatutoryYear>,
}

/// 《全国年节及纪念日放假办法》 as amended in 2024 (in force from 2025-01-01): every holiday
/// for all citizens, its number of days, and the span (`MM-DD`) its first day can fall in. The
/// spans only catch a mistyped month or day; the lunar dates themselves are data.
const STATUTORY: [(&str, u32, &str, &str); 7] = [
    ("元旦", 1, "01-01", "01-01"),
    // 除夕 to 正月初三.
    ("春节", 4, "01-19", "02-20"),
    ("清明节", 1, "04-03", "04-06"),
    ("劳动节", 2, "05-01", "05-01"),
    ("端午节", 1, "05-25", "06-26"),
    ("中秋节", 1, "09-05", "10-10"),
    ("国庆节", 3, "10-01", "10-01"),
];

/// What kind of day a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind {
    Working,
    /// A make-up working day on a weekend (调休上班).
    MakeUpWorking,
    Weekend,
    Holiday,
}

/// Every known year's holidays and make-up days.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WorkingCalendar {
    years: Vec<u16>,
    /// Sorted holiday dates with their names.
    holidays: Vec<(SimpleDate, String)>,
    /// Sorted make-up working days.
    make_up: Vec<SimpleDate>,
    /// Years closed by their statutory days alone, sorted.
    pending: Vec<u16>,
}

/// The statutory days of one year, checked against the law; none at all (and the errors
/// said) when an entry is wrong.
fn statutory_days(y: &StatutoryYear, errors: &mut Vec<String>) -> Vec<(SimpleDate, String)> {
    let mut days = Vec::new();
    let before = errors.len();
    for (name, count, first, last) in STATUTORY {
        let entries: Vec<&Holiday> = y.holidays.iter().filter(|h| h.name == name).collect();
        let [h] = entries.as_slice() else {
            errors.push(format!(
                "{}年 法定节假日: {name} 应有且只有一项（现有{}项）",
                y.year,
                entries.len()
            ));
            continue;
        };
        let in_year = |s: &str| SimpleDate::parse_iso(s).filter(|d| d.year() == y.year);
        let (Some(from), Some(to)) = (in_year(&h.from), in_year(&h.to)) else {
            errors.push(format!(
                "{}年 法定节假日: {name} 的日期 {}–{} 不正确或不在本年",
                y.year, h.from, h.to
            ));
            continue;
        };
        let span = |mmdd: &str| SimpleDate::parse_iso(&format!("{}-{mmdd}", y.year));
        let length = to.days_since_epoch() - from.days_since_epoch() + 1;
        if length != i64::from(count)
            || span(first).is_some_and(|f| from < f)
            || span(last).is_some_and(|l| from > l)
        {
            errors.push(format!(
                "{}年 法定节假日: {name} 应为{count}天，从 {first} 到 {last} 之间开始（现为 {from} 至 {to}）",
                y.year
            ));
            continue;
        }
        let mut d = from;
        while d <= to {
            days.push((d, name.to_string()));
            d = d.next_day();
        }
    }
    for h in &y.holidays {
        if !STATUTORY.iter().any(|(name, ..)| *name == h.name) {
            errors.push(format!(
                "{}年 法定节假日: {} 不是《全国年节及纪念日放假办法》规定的节日",
                y.year, h.name
            ));
        }
    }
    if errors.len() > before {
        days.clear();
    }
    days
}

impl WorkingCalendar {
    /// The calendar of the notices alone (no statutory days for other years).
    pub fn from_notices(notices: &[YearNotice]) -> Result<WorkingCalendar, Vec<String>> {
        WorkingCalendar::new(notices, &[])
    }

    /// Builds the calendar from the State Council's notices and the statutory days of years
    /// that may lack one; a year's notice wins over its statutory days (and must close them
    /// all). Every error names the year and the entry.
    pub fn new(
        notices: &[YearNotice],
        statutory: &[StatutoryYear],
    ) -> Result<WorkingCalendar, Vec<String>> {
        let mut cal = WorkingCalendar::default();
        let mut errors = Vec::new();
        for n in notices {
            let date = |s: &str, what: &str, errors: &mut Vec<String>| {
                let d = SimpleDate::parse_iso(s);
                match d {
                    Some(d) if d.year() == n.year => Some(d),
                    _ => {
                        errors.push(format!("{}年 {what}: 日期 {s} 不正确或不在本年", n.year));
                        None
                    }
                }
            };
            if cal.years.contains(&n.year) {
                errors.push(format!("{}年的通知重复", n.year));
            }
            cal.years.push(n.year);
            for h in &n.holidays {
                let (Some(from), Some(to)) = (
                    date(&h.from, &h.name, &mut errors),
                    date(&h.to, &h.name, &mut errors),
                ) else {
                    continue;
                };
                if from > to {
                    errors.push(format!("{}年 {}: 开始日期晚于结束日期", n.year, h.name));
                    continue;
                }
                let mut d = from;
                while d <= to {
                    cal.holidays.push((d, h.name.clone()));
                    d = d.next_day();
                }
            }
            for s in &n.make_up_workdays {
                if let Some(d) = date(s, "调休上班", &mut errors) {
                    if d.weekday() < 6 {
                        errors.push(format!("{}年 调休上班: {s} 不是周末", n.year));
                    }
                    cal.make_up.push(d);
                }
            }
        }
        cal.holidays.sort();
        let mut statutory_years = Vec::new();
        for y in statutory {
            if statutory_years.contains(&y.year) {
                errors.push(format!("{}年的法定节假日重复", y.year));
                continue;
            }
            statutory_years.push(y.year);
            let days = statutory_days(y, &mut errors);
            if cal.knows_year(y.year) {
                // The law binds the notice too: a statutory day it leaves open is a typo.
                for (d, name) in &days {
                    if cal.holiday_name(*d).is_none() {
                        errors.push(format!(
                            "{}年的通知没有把法定节假日 {name}（{d}）列为假日",
                            y.year
                        ));
                    }
                }
            } else {
                cal.holidays.extend(days);
                cal.pending.push(y.year);
            }
        }
        cal.holidays.sort();
        cal.pending.sort_unstable();
        cal.make_up.sort();
        for d in &cal.make_up {
            if cal.holiday_name(*d).is_some() {
                errors.push(format!("{d} 既是假日又是调休上班日"));
            }
        }
        if errors.is_empty() {
            Ok(cal)
        } else {
            Err(errors)
        }
    }

    /// Whether the State Council's notice for `year` is known. Without it the statutory
    /// holidays and weekends are the days off, and every date counted in that year is
    /// provisional.
    pub fn knows_year(&self, year: u16) -> bool {
        self.years.contains(&year)
    }

    /// The years with statutory days but no notice yet, in order: those whose dates are
    /// provisional although their holidays are known.
    pub fn pending_years(&self) -> Vec<u16> {
        self.pending.clone()
    }

    /// 暂定: `date` lies in a year without its notice, so a make-up working day or a swap
    /// still to be announced may move it.
    pub fn is_provisional(&self, date: SimpleDate) -> bool {
        !self.knows_year(date.year())
    }

    pub fn holiday_name(&self, date: SimpleDate) -> Option<&str> {
        self.holidays
            .binary_search_by(|(d, _)| d.cmp(&date))
            .ok()
            .map(|i| self.holidays[i].1.as_str())
    }

    pub fn day_kind(&self, date: SimpleDate) -> DayKind {
        if self.make_up.binary_search(&date).is_ok() {
            DayKind::MakeUpWorking
        } else if self.holiday_name(date).is_some() {
            DayKind::Holiday
        } else if date.weekday() >= 6 {
            DayKind::Weekend
        } else {
            DayKind::Working
        }
    }

    pub fn is_working_day(&self, date: SimpleDate) -> bool {
        matches!(
            self.day_kind(date),
            DayKind::Working | DayKind::MakeUpWorking
        )
    }

    /// The `n`th working day after `start` (not counting `start`): the promised date of a
    /// case accepted on `start` with a limit of `n` working days. `n = 0` is `start` itself.
    pub fn add_working_days(&self, start: SimpleDate, n: u32) -> SimpleDate {
        let mut date = start;
        let mut left = n;
        while left > 0 {
            date = date.next_day();
            if self.is_working_day(date) {
                left -= 1;
            }
        }
        date
    }

    /// The next `count` working days after `start`, in order (the days a hall takes
    /// appointments for).
    pub fn next_working_days(&self, start: SimpleDate, count: usize) -> Vec<SimpleDate> {
        let mut out = Vec::with_capacity(count);
        let mut date = start;
        while out.len() < count {
            date = date.next_day();
            if self.is_working_day(date) {
                out.push(date);
            }
        }
        out
    }
}

/// Builds the calendar from the files of `data/calendar/`, given as (file name, text):
/// `<year>.toml` is that year's notice, `statutory.toml` the statutory days. Any other name is
/// refused, so that a misnamed notice cannot be silently left out.
#[cfg(feature = "seed")]
pub fn calendar_from_files(files: &[(String, String)]) -> Result<WorkingCalendar, Vec<String>> {
    let mut notices = Vec::new();
    let mut statutory = Vec::new();
    let mut errors = Vec::new();
    for (name, text) in files {
        if name == "statutory.toml" {
            match toml::from_str::<StatutoryHolidays>(text) {
                Ok(s) => statutory.extend(s.years),
                Err(e) => errors.push(format!("{name}: {e}")),
            }
            continue;
        }
        let Some(year) = name
            .strip_suffix(".toml")
            .filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
        else {
            errors.push(format!(
                "{name}: 文件名应为 <年份>.toml（国务院办公厅的放假通知）或 statutory.toml"
            ));
            continue;
        };
        match toml::from_str::<YearNotice>(text) {
            Ok(n) if n.year.to_string() == year => notices.push(n),
            Ok(n) => errors.push(format!("{name}: 文件中的年份是 {}", n.year)),
            Err(e) => errors.push(format!("{name}: {e}")),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    WorkingCalendar::new(&notices, &statutory)
}

/// The calendars the tests of this crate count on: the 2026 notice as published, and what the
/// law fixes for 2026 and 2027 (as in `data/calendar/`).
#[cfg(test)]
pub(crate) mod test_fixtures {
    use super::*;

    pub fn notice_2026() -> YearNotice {
        let h = |name: &str, from: &str, to: &str| Holiday {
            name: name.into(),
            from: from.into(),
            to: to.into(),
        };
        YearNotice {
            year: 2026,
            source: "test".into(),
            holidays: vec![
                h("元旦", "2026-01-01", "2026-01-03"),
                h("春节", "2026-02-15", "2026-02-23"),
                h("清明节", "2026-04-04", "2026-04-06"),
                h("劳动节", "2026-05-01", "2026-05-05"),
                h("端午节", "2026-06-19", "2026-06-21"),
                h("中秋节", "2026-09-25", "2026-09-27"),
                h("国庆节", "2026-10-01", "2026-10-07"),
            ],
            make_up_workdays: [
                "2026-01-04",
                "2026-02-14",
                "2026-02-28",
                "2026-05-09",
                "2026-09-20",
                "2026-10-10",
            ]
            .map(String::from)
            .to_vec(),
        }
    }

    pub fn statutory(year: u16, days: [(&str, &str, &str); 7]) -> StatutoryYear {
        StatutoryYear {
            year,
            holidays: days
                .iter()
                .map(|(name, from, to)| Holiday {
                    name: (*name).into(),
                    from: (*from).into(),
                    to: (*to).into(),
                })
                .collect(),
        }
    }

    pub fn statutory_2026() -> StatutoryYear {
        statutory(
            2026,
            [
                ("元旦", "2026-01-01", "2026-01-01"),
                ("春节", "2026-02-16", "2026-02-19"),
                ("清明节", "2026-04-05", "2026-04-05"),
                ("劳动节", "2026-05-01", "2026-05-02"),
                ("端午节", "2026-06-19", "2026-06-19"),
                ("中秋节", "2026-09-25", "2026-09-25"),
                ("国庆节", "2026-10-01", "2026-10-03"),
            ],
        )
    }

    /// What the law fixes for 2027 (see `data/calendar/statutory.toml`).
    pub fn statutory_2027() -> StatutoryYear {
        statutory(
            2027,
            [
                ("元旦", "2027-01-01", "2027-01-01"),
                ("春节", "2027-02-05", "2027-02-08"),
                ("清明节", "2027-04-05", "2027-04-05"),
                ("劳动节", "2027-05-01", "2027-05-02"),
                ("端午节", "2027-06-09", "2027-06-09"),
                ("中秋节", "2027-09-15", "2027-09-15"),
                ("国庆节", "2027-10-01", "2027-10-03"),
            ],
        )
    }

    /// `data/calendar/` as it is: the 2026 notice, and 2027's statutory days without its notice.
    pub fn calendar_2026_2027() -> WorkingCalendar {
        WorkingCalendar::new(&[notice_2026()], &[statutory_2026(), statutory_2027()]).unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::test_fixtures::*;
    use super::*;

    fn d(s: &str) -> SimpleDate {
        SimpleDate::parse_iso(s).unwrap()
    }

    fn cal() -> WorkingCalendar {
        WorkingCalendar::from_notices(&[notice_2026()]).unwrap()
    }

    #[test]
    fn the_handbook_example_counts_the_make_up_sunday() {
        // From Friday 2026-09-18, 5 working days: 09-20 (make-up Sunday), 21, 22, 23, 24.
        assert_eq!(cal().add_working_days(d("2026-09-18"), 5), d("2026-09-24"));
    }

    #[test]
    fn holidays_and_make_up_days() {
        let c = cal();
        assert_eq!(c.day_kind(d("2026-10-01")), DayKind::Holiday);
        assert_eq!(c.holiday_name(d("2026-02-18")), Some("春节"));
        assert_eq!(c.day_kind(d("2026-10-10")), DayKind::MakeUpWorking);
        assert_eq!(c.day_kind(d("2026-10-11")), DayKind::Weekend);
        assert_eq!(c.day_kind(d("2026-11-25")), DayKind::Working);
        // National Day: accepted on 2026-09-30, 3 working days → 10-08, 10-09, 10-10 (Sat).
        assert_eq!(c.add_working_days(d("2026-09-30"), 3), d("2026-10-10"));
        // Spring Festival: Friday 02-13, 1 working day → Saturday 02-14 (make-up).
        assert_eq!(c.add_working_days(d("2026-02-13"), 1), d("2026-02-14"));
        assert_eq!(c.add_working_days(d("2026-02-14"), 1), d("2026-02-24"));
        assert_eq!(c.add_working_days(d("2026-11-25"), 0), d("2026-11-25"));
    }

    #[test]
    fn next_working_days_skip_days_off() {
        let days = cal().next_working_days(d("2026-09-30"), 3);
        assert_eq!(days, [d("2026-10-08"), d("2026-10-09"), d("2026-10-10")]);
    }

    fn cal_with_2027_statutory() -> WorkingCalendar {
        calendar_2026_2027()
    }

    #[test]
    fn a_year_without_its_notice_keeps_its_statutory_holidays_closed() {
        let c = cal_with_2027_statutory();
        assert!(!c.knows_year(2027));
        // 元旦 2027 is a Friday: closed all the same.
        assert_eq!(c.day_kind(d("2027-01-01")), DayKind::Holiday);
        assert_eq!(c.holiday_name(d("2027-01-01")), Some("元旦"));
        for spring in ["2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08"] {
            assert!(!c.is_working_day(d(spring)), "{spring}");
            assert_eq!(c.holiday_name(d(spring)), Some("春节"));
        }
        for other in ["2027-04-05", "2027-06-09", "2027-09-15", "2027-10-01"] {
            assert!(!c.is_working_day(d(other)), "{other}");
        }
        assert!(c.is_working_day(d("2027-02-09")), "初四 is a plain Tuesday");
        // From Friday 2026-12-25 the booking window used to reach 2027-01-01.
        assert_eq!(
            c.next_working_days(d("2026-12-25"), 5),
            [
                d("2026-12-28"),
                d("2026-12-29"),
                d("2026-12-30"),
                d("2026-12-31"),
                d("2027-01-04")
            ]
        );
    }

    #[test]
    fn every_date_in_a_year_without_its_notice_is_provisional() {
        let c = cal_with_2027_statutory();
        for date in ["2027-01-01", "2027-01-04", "2027-02-05", "2027-12-31"] {
            assert!(c.is_provisional(d(date)), "{date}");
        }
        assert!(!c.is_provisional(d("2026-12-31")));
        // A year the data knows nothing of is provisional too, and counts weekdays.
        assert!(c.is_provisional(d("2040-01-02")));
        assert!(c.is_working_day(d("2040-01-02")));
    }

    #[test]
    fn the_handbook_example_holds_with_the_statutory_days_loaded() {
        let c = cal_with_2027_statutory();
        assert_eq!(c.add_working_days(d("2026-09-18"), 5), d("2026-09-24"));
        // The 2026 notice, not the law's bare days, decides 2026: 02-15 … 02-23 are off.
        assert!(!c.is_working_day(d("2026-02-23")));
        assert!(c.is_working_day(d("2026-02-14")), "make-up Saturday");
    }

    #[test]
    fn the_notice_wins_once_it_is_added() {
        let mut n = notice_2026();
        n.year = 2027;
        n.source = "a made-up 2027 notice".into();
        n.holidays = statutory_2027().holidays;
        n.holidays[0].to = "2027-01-03".into();
        n.make_up_workdays = vec!["2027-01-09".into()];
        let c = WorkingCalendar::new(&[notice_2026(), n], &[statutory_2026(), statutory_2027()])
            .unwrap();
        assert!(c.knows_year(2027));
        assert!(!c.is_provisional(d("2027-01-04")));
        assert!(!c.is_working_day(d("2027-01-01")));
        assert!(
            c.is_working_day(d("2027-01-09")),
            "the notice's make-up Saturday"
        );
    }

    #[test]
    fn statutory_days_are_checked_against_the_law() {
        let mut y = statutory_2027();
        y.holidays[1].to = "2027-02-07".into(); // 春节 three days
        y.holidays[6].from = "2027-09-30".into(); // 国庆节 from the wrong day
        y.holidays.remove(2); // no 清明节
        y.holidays.push(Holiday {
            name: "植树节".into(),
            from: "2027-03-12".into(),
            to: "2027-03-12".into(),
        });
        let errors = WorkingCalendar::new(&[], &[y, statutory_2027()]).unwrap_err();
        let has = |s: &str| errors.iter().any(|e| e.contains(s));
        assert!(has("春节 应为4天"), "{errors:?}");
        assert!(has("国庆节 应为3天"), "{errors:?}");
        assert!(has("清明节 应有且只有一项"), "{errors:?}");
        assert!(has("植树节 不是"), "{errors:?}");
        assert!(has("2027年的法定节假日重复"), "{errors:?}");

        // A notice that leaves a statutory day open has a typo somewhere.
        let mut n = notice_2026();
        n.holidays.retain(|h| h.name != "中秋节");
        let errors = WorkingCalendar::new(&[n], &[statutory_2026()]).unwrap_err();
        assert!(
            errors.iter().any(|e| e.contains("中秋节（2026-09-25）")),
            "{errors:?}"
        );
    }

    #[test]
    fn an_unknown_year_without_statutory_days_counts_weekdays_only() {
        let c = cal();
        assert!(!c.knows_year(2027));
        // Without the law's days for 2027 nothing closes 2027-01-01; it is provisional.
        assert!(c.is_working_day(d("2027-01-01")));
        assert!(c.is_provisional(d("2027-01-01")));
    }

    #[test]
    fn bad_notices_name_the_entry() {
        let mut n = notice_2026();
        n.make_up_workdays.push("2026-11-25".into());
        n.holidays[0].to = "2025-12-31".into();
        let errors = WorkingCalendar::from_notices(&[n]).unwrap_err();
        assert!(
            errors.iter().any(|e| e.contains("2026-11-25 不是周末")),
            "{errors:?}"
        );
        assert!(errors.iter().any(|e| e.contains("元旦")), "{errors:?}");
    }
}
