//! Today's date in China (UTC+8, no daylight saving), for the identity number's "born by
//! today" check: the browser's own time zone may be anything.

use lianban_core::identity::SimpleDate;

const CHINA_OFFSET_SECONDS: f64 = 8.0 * 3600.0;

pub fn china_today() -> SimpleDate {
    let seconds = js_sys::Date::now() / 1000.0 + CHINA_OFFSET_SECONDS;
    date_from_days((seconds / 86_400.0).floor() as i64)
}

/// The civil date `days` after 1970-01-01 (core's calendar arithmetic; a browser clock far
/// outside years 1..=9999 falls back to 2000-01-01 rather than failing).
pub fn date_from_days(days: i64) -> SimpleDate {
    SimpleDate::from_days_since_epoch(days)
        .unwrap_or(SimpleDate::new(2000, 1, 1).expect("a real date"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_days_into_dates() {
        assert_eq!(date_from_days(0), SimpleDate::new(1970, 1, 1).unwrap());
        assert_eq!(
            date_from_days(11_016),
            SimpleDate::new(2000, 2, 29).unwrap()
        );
        assert_eq!(
            date_from_days(20_417),
            SimpleDate::new(2025, 11, 25).unwrap()
        );
    }
}
