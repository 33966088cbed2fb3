//! Whether a promised conclusion date (承诺办结日期) can be relied on yet.

use crate::calendar::WorkingCalendar;
use crate::date::SimpleDate;

/// A promised date (`YYYY-MM-DD`) is 暂定 while its year's holiday notice is not out: the
/// statutory holidays were skipped, but a make-up working day or a swap still to be announced
/// may move it. Counts start on the day of submission, so a date in a known year was counted
/// over known days only. A text that is no date is not called provisional.
pub fn promised_date_is_provisional(calendar: &WorkingCalendar, promised: &str) -> bool {
    SimpleDate::parse_iso(promised).is_some_and(|d| calendar.is_provisional(d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apply::promised_date;

    fn d(s: &str) -> SimpleDate {
        SimpleDate::parse_iso(s).unwrap()
    }

    fn calendar() -> WorkingCalendar {
        crate::calendar::test_fixtures::calendar_2026_2027()
    }

    #[test]
    fn a_deadline_counted_into_2027_skips_its_statutory_days_and_is_provisional() {
        let c = calendar();
        // Thursday 2026-12-31, 1 working day: not Friday 2027-01-01 (元旦) but Monday 01-04.
        let promised = promised_date(&c, d("2026-12-31"), 1);
        assert_eq!(promised, d("2027-01-04"));
        assert!(promised_date_is_provisional(&c, &promised.to_string()));
        // Thursday 2027-02-04, 2 working days: across 除夕 to 初三 (02-05 … 02-08).
        assert_eq!(promised_date(&c, d("2027-02-04"), 2), d("2027-02-10"));
    }

    #[test]
    fn a_deadline_inside_a_year_with_its_notice_is_not_provisional() {
        let c = calendar();
        let promised = promised_date(&c, d("2026-09-18"), 5);
        assert_eq!(promised, d("2026-09-24"), "the make-up Sunday 09-20 counts");
        assert!(!promised_date_is_provisional(&c, &promised.to_string()));
        assert!(!promised_date_is_provisional(&c, "not a date"));
    }
}
