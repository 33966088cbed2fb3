//! Time as the server sees it: Unix seconds, and the date in China (UTC+8 all year, no
//! daylight saving). A trait so that tests can move time forward instead of sleeping.

use lianban_core::identity::SimpleDate;
use std::sync::atomic::{AtomicI64, Ordering};

pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> i64;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> i64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
    }
}

/// A clock that stands still until a test moves it.
pub struct ManualClock(AtomicI64);

impl ManualClock {
    pub fn new(now: i64) -> Self {
        ManualClock(AtomicI64::new(now))
    }
    pub fn advance(&self, seconds: i64) {
        self.0.fetch_add(seconds, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

const CHINA_OFFSET: i64 = 8 * 3600;
const DAY: i64 = 86_400;

/// The Unix time at which the current day began in China.
pub fn china_day_start(now: i64) -> i64 {
    (now + CHINA_OFFSET).div_euclid(DAY) * DAY - CHINA_OFFSET
}

/// Today's date in China.
pub fn china_today(now: i64) -> SimpleDate {
    let (y, m, d) = civil_from_days((now + CHINA_OFFSET).div_euclid(DAY));
    SimpleDate::new(y as u16, m as u8, d as u8).expect("a valid calendar date")
}

/// Days since 1970-01-01 to (year, month, day), after Howard Hinnant's `civil_from_days`.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_china() {
        // 2026-11-25 15:59:59 UTC is 23:59:59 in China; one second later it is the 26th.
        let t = 1_795_622_399;
        assert_eq!(china_today(t).to_string(), "2026-11-25");
        assert_eq!(china_today(t + 1).to_string(), "2026-11-26");
        assert_eq!(china_day_start(t + 1), t + 1);
        assert_eq!(china_day_start(t), t + 1 - DAY);
        assert_eq!(china_today(0).to_string(), "1970-01-01");
        assert_eq!(china_today(951_782_400).to_string(), "2000-02-29");
    }
}
