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
    SimpleDate::from_days_since_epoch((now + CHINA_OFFSET).div_euclid(DAY))
        .expect("a date within years 1..=9999")
}

/// `2026-11-25T18:30:00+08:00`: a time as the citizen reads it.
/// `14:05`, China time: when a lock ends, as a message says it.
pub fn hh_mm_china(t: i64) -> String {
    let secs = (t + CHINA_OFFSET).rem_euclid(DAY);
    format!("{:02}:{:02}", secs / 3600, secs / 60 % 60)
}

pub fn rfc3339_china(t: i64) -> String {
    let secs = (t + CHINA_OFFSET).rem_euclid(DAY);
    format!(
        "{}T{:02}:{:02}:{:02}+08:00",
        china_today(t),
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_in_china() {
        assert_eq!(rfc3339_china(1_795_622_399), "2026-11-25T23:59:59+08:00");
        assert_eq!(rfc3339_china(1_795_572_000), "2026-11-25T10:00:00+08:00");
    }

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
