//! The working-day calendar (工作日): public holidays and make-up working days (调休) from the
//! State Council's yearly notice, kept as data in `data/calendar/`. Promised deadlines of
//! 承诺件 and the days a hall takes appointments are counted on it, in the browser and on the
//! server alike.

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
}

impl WorkingCalendar {
    /// Builds the calendar; every error names the year and the entry.
    pub fn from_notices(notices: &[YearNotice]) -> Result<WorkingCalendar, Vec<String>> {
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

    /// Whether the State Council's notice for `year` is known. Without it only weekends are
    /// days off, and a deadline that falls in that year should say so.
    pub fn knows_year(&self, year: u16) -> bool {
        self.years.contains(&year)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> SimpleDate {
        SimpleDate::parse_iso(s).unwrap()
    }

    fn notice_2026() -> YearNotice {
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
                h("劳动节", "2026-05-01", "2026-05-05"),
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

    #[test]
    fn an_unknown_year_counts_weekdays_only() {
        let c = cal();
        assert!(!c.knows_year(2027));
        // 2027-01-01 is a Friday; without the 2027 notice it counts as a working day.
        assert!(c.is_working_day(d("2027-01-01")));
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
