//! A tiny calendar date, enough for birth dates and working-day arithmetic: core has no
//! clock and takes no date crate.

use std::fmt;

/// A valid proleptic-Gregorian calendar date (year 1..=9999). The fields are private so that an
/// invalid date (2023-02-29) cannot be built; derive order compares year, then month, then day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SimpleDate {
    year: u16,
    month: u8,
    day: u8,
}

impl SimpleDate {
    /// `None` unless `year-month-day` is a real date with `1 <= year <= 9999`.
    pub const fn new(year: u16, month: u8, day: u8) -> Option<SimpleDate> {
        if year == 0 || year > 9999 || month == 0 || month > 12 || day == 0 {
            return None;
        }
        if day > days_in_month(year, month) {
            return None;
        }
        Some(SimpleDate { year, month, day })
    }

    pub const fn year(self) -> u16 {
        self.year
    }

    pub const fn month(self) -> u8 {
        self.month
    }

    pub const fn day(self) -> u8 {
        self.day
    }

    /// Parses exactly eight ASCII digits `YYYYMMDD`; `None` for anything else or a non-date.
    pub fn from_yyyymmdd(digits: &str) -> Option<SimpleDate> {
        let b = digits.as_bytes();
        if b.len() != 8 || !b.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let n =
            |r: std::ops::Range<usize>| b[r].iter().fold(0u16, |a, d| a * 10 + u16::from(d - b'0'));
        SimpleDate::new(n(0..4), n(4..6) as u8, n(6..8) as u8)
    }

    /// Parses ISO `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<SimpleDate> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        SimpleDate::from_yyyymmdd(&[&s[0..4], &s[5..7], &s[8..10]].concat())
    }

    /// Days since 1970-01-01 (negative before), after Howard Hinnant's `days_from_civil`.
    pub fn days_since_epoch(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01; `None` outside years 1..=9999.
    pub fn from_days_since_epoch(days: i64) -> Option<SimpleDate> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        u16::try_from(y)
            .ok()
            .and_then(|y| SimpleDate::new(y, m as u8, d as u8))
    }

    /// The next calendar day.
    pub fn next_day(self) -> SimpleDate {
        SimpleDate::from_days_since_epoch(self.days_since_epoch() + 1).unwrap_or(self)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (4).
        ((self.days_since_epoch() + 3).rem_euclid(7) + 1) as u8
    }
}

/// Gregorian leap year: divisible by 4, except centuries not divisible by 400 (1900 is not a
/// leap year, 2000 is).
pub const fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// Days in `month` (1..=12) of `year`; 0 for an invalid month.
pub const fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// ISO 8601, `2000-02-29`.
impl fmt::Display for SimpleDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_arithmetic_round_trips() {
        let d = SimpleDate::new(2026, 11, 25).unwrap();
        assert_eq!(d.weekday(), 3, "a Wednesday");
        assert_eq!(
            SimpleDate::from_days_since_epoch(d.days_since_epoch()),
            Some(d)
        );
        assert_eq!(SimpleDate::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(
            SimpleDate::new(2024, 2, 28).unwrap().next_day().to_string(),
            "2024-02-29"
        );
        assert_eq!(
            SimpleDate::new(2026, 12, 31)
                .unwrap()
                .next_day()
                .to_string(),
            "2027-01-01"
        );
        assert_eq!(SimpleDate::parse_iso("2026-10-01").unwrap().weekday(), 4);
        assert_eq!(SimpleDate::parse_iso("2026-02-30"), None);
        for days in -1000..3000 {
            let date = SimpleDate::from_days_since_epoch(days).unwrap();
            assert_eq!(date.days_since_epoch(), days);
        }
    }

    #[test]
    fn leap_years() {
        assert!(is_leap_year(2000));
        assert!(is_leap_year(2024));
        assert!(!is_leap_year(1900));
        assert!(!is_leap_year(2023));
        assert!(!is_leap_year(2100));
    }

    #[test]
    fn validity() {
        assert!(SimpleDate::new(2000, 2, 29).is_some());
        assert!(SimpleDate::new(1900, 2, 29).is_none());
        assert!(SimpleDate::new(2023, 2, 29).is_none());
        assert!(SimpleDate::new(2024, 2, 29).is_some());
        assert!(SimpleDate::new(2023, 4, 31).is_none());
        assert!(SimpleDate::new(2023, 12, 31).is_some());
        assert!(SimpleDate::new(2023, 13, 1).is_none());
        assert!(SimpleDate::new(2023, 0, 1).is_none());
        assert!(SimpleDate::new(2023, 1, 0).is_none());
        assert!(SimpleDate::new(0, 1, 1).is_none());
        assert!(SimpleDate::new(10000, 1, 1).is_none());
    }

    #[test]
    fn yyyymmdd() {
        assert_eq!(
            SimpleDate::from_yyyymmdd("20000229"),
            SimpleDate::new(2000, 2, 29)
        );
        assert_eq!(SimpleDate::from_yyyymmdd("19000229"), None);
        assert_eq!(SimpleDate::from_yyyymmdd("2000022"), None);
        assert_eq!(SimpleDate::from_yyyymmdd("2000022X"), None);
        assert_eq!(SimpleDate::from_yyyymmdd("２0000229"), None);
    }

    #[test]
    fn ordering_and_display() {
        let a = SimpleDate::new(1999, 12, 31).unwrap();
        let b = SimpleDate::new(2000, 1, 1).unwrap();
        let c = SimpleDate::new(2000, 2, 1).unwrap();
        assert!(a < b && b < c);
        assert_eq!(b.to_string(), "2000-01-01");
        assert_eq!((c.year(), c.month(), c.day()), (2000, 2, 1));
    }
}
