use serde::{Deserialize, Serialize};

/// 政务服务大厅 (or 便民服务中心): a place where citizens are served in person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Hall {
    /// Stable id used in URLs and QR posters, e.g. `city-centre`.
    pub id: String,
    /// e.g. 市民之家（市政务服务中心）.
    pub name: String,
    pub level: HallLevel,
    /// 所在区, e.g. 江城区.
    pub district: String,
    pub address: String,
    /// WGS-84 latitude and longitude.
    pub latitude: f64,
    pub longitude: f64,
    pub phone: String,
    /// 办公时间: one entry per group of weekdays.
    pub hours: Vec<OpeningHours>,
    /// Ids of the business categories (业务类别) its windows serve.
    pub categories: Vec<String>,
    /// 交通指引 and other practical notes.
    #[serde(default)]
    pub transit: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HallLevel {
    /// 市级政务服务中心.
    City,
    /// 区（县）级.
    District,
    /// 镇（街道）便民服务中心.
    Town,
}

impl HallLevel {
    pub fn label(self) -> &'static str {
        match self {
            HallLevel::City => "市级",
            HallLevel::District => "区级",
            HallLevel::Town => "镇街",
        }
    }
}

/// Opening hours for some weekdays: `weekdays` 1 = Monday … 7 = Sunday, and one or more
/// periods such as `["09:00", "12:00"]`, `["13:30", "17:30"]` (a lunch break between them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OpeningHours {
    pub weekdays: Vec<u8>,
    pub periods: Vec<[String; 2]>,
}

const WEEKDAY_NAMES: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];

impl OpeningHours {
    /// e.g. "周一至周五 09:00–12:00，13:30–17:30".
    pub fn describe(&self) -> String {
        let days = describe_weekdays(&self.weekdays);
        let periods: Vec<String> = self
            .periods
            .iter()
            .map(|[from, to]| format!("{from}–{to}"))
            .collect();
        format!("{days} {}", periods.join("，"))
    }
}

fn describe_weekdays(days: &[u8]) -> String {
    let name = |d: u8| {
        WEEKDAY_NAMES
            .get(usize::from(d.max(1)) - 1)
            .copied()
            .unwrap_or("")
    };
    let contiguous = days.windows(2).all(|w| w[1] == w[0] + 1);
    match days {
        [] => String::new(),
        [one] => name(*one).to_string(),
        [first, .., last] if contiguous => format!("{}至{}", name(*first), name(*last)),
        _ => days.iter().map(|d| name(*d)).collect::<Vec<_>>().join("、"),
    }
}

/// Whether `hh:mm` is a valid 24-hour time.
pub fn is_clock_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 5
        && b[2] == b':'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 2 || c.is_ascii_digit())
        && s[..2] < *"24"
        && s[3..] < *"60"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(days: &[u8]) -> OpeningHours {
        OpeningHours {
            weekdays: days.to_vec(),
            periods: vec![
                ["09:00".into(), "12:00".into()],
                ["13:30".into(), "17:30".into()],
            ],
        }
    }

    #[test]
    fn describes_a_working_week_with_lunch_break() {
        assert_eq!(
            hours(&[1, 2, 3, 4, 5]).describe(),
            "周一至周五 09:00–12:00，13:30–17:30"
        );
    }

    #[test]
    fn describes_scattered_days_one_by_one() {
        assert!(hours(&[6]).describe().starts_with("周六 "));
        assert!(hours(&[1, 3]).describe().starts_with("周一、周三 "));
    }

    #[test]
    fn checks_clock_times() {
        assert!(is_clock_time("09:00"));
        assert!(is_clock_time("23:59"));
        assert!(!is_clock_time("24:00"));
        assert!(!is_clock_time("9:00"));
        assert!(!is_clock_time("12:60"));
    }
}
