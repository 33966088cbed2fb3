//! Today's date in China (UTC+8, no daylight saving), for the identity number's "born by
//! today" check: the browser's own time zone may be anything.

use lianban_core::identity::SimpleDate;

const CHINA_OFFSET_SECONDS: f64 = 8.0 * 3600.0;

pub fn china_today() -> SimpleDate {
    let seconds = js_sys::Date::now() / 1000.0 + CHINA_OFFSET_SECONDS;
    date_from_days((seconds / 86_400.0).floor() as i64)
}

/// The civil date `days` after 1970-01-01 (H. Hinnant's algorithm).
pub fn date_from_days(days: i64) -> SimpleDate {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    SimpleDate::new(year as u16, month as u8, day as u8)
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
