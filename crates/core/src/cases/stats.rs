//! 办事公开: the figures a department and a matter publish, from their real cases. Every
//! figure carries the count behind it; one from fewer than [`MIN_SAMPLE`] cases says 样本不足
//! instead of a number that would mean nothing.

use super::rating::RatingLevel;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Fewer cases than this and a figure is not given.
pub const MIN_SAMPLE: u64 = 5;
/// The window the page covers, in days.
pub const WINDOW_DAYS: i64 = 90;

/// What one sub-case contributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFact {
    pub department: String,
    pub matter_code: String,
    /// Concluded: on time or not, and the working days the clock counted.
    pub concluded: Option<(bool, u32)>,
    pub rating: Option<RatingLevel>,
    /// A poor rating: whether the department answered it by its due date.
    pub poor_answered_in_time: Option<bool>,
}

/// One published figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Figure {
    /// A share in percent, or working days; none under [`MIN_SAMPLE`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// The cases (or ratings) it is computed from.
    pub count: u64,
    /// As shown: 92%（25件）, 4个工作日（25件）, 样本不足（3件）.
    pub text: String,
}

/// A department's or a matter's line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatsRow {
    pub code: String,
    pub name: String,
    pub received: u64,
    pub concluded: u64,
    /// 限时办结率.
    pub on_time: Figure,
    pub median_days: Figure,
    pub p90_days: Figure,
    /// 承诺时限 (a matter's line only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promised_days: Option<u32>,
    /// 满意率 (基本满意 and better), over ratings.
    pub satisfaction: Figure,
    /// Poor ratings answered in time.
    pub poor_answered: Figure,
}

/// 办事公开's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicStats {
    /// YYYY-MM-DD, the first day counted.
    pub from: String,
    pub to: String,
    pub departments: Vec<StatsRow>,
    pub matters: Vec<StatsRow>,
}

fn share(hits: u64, count: u64) -> Figure {
    if count < MIN_SAMPLE {
        return insufficient(count);
    }
    let pct = (hits as f64 * 1000.0 / count as f64).round() / 10.0;
    Figure {
        value: Some(pct),
        count,
        text: format!("{pct}%（{count}件）"),
    }
}

fn insufficient(count: u64) -> Figure {
    Figure {
        value: None,
        count,
        text: format!("样本不足（{count}件）"),
    }
}

/// The `p`th percentile (nearest rank) of working days.
fn days(sorted: &[u32], p: f64) -> Figure {
    let count = sorted.len() as u64;
    if count < MIN_SAMPLE {
        return insufficient(count);
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    let v = sorted[rank - 1];
    Figure {
        value: Some(f64::from(v)),
        count,
        text: format!("{v}个工作日（{count}件）"),
    }
}

fn row<'a>(code: &str, name: String, facts: impl Iterator<Item = &'a CaseFact>) -> StatsRow {
    let mut received = 0;
    let mut taken = Vec::new();
    let mut on_time = 0;
    let mut rated = 0;
    let mut satisfied = 0;
    let mut poor = 0;
    let mut answered = 0;
    for f in facts {
        received += 1;
        if let Some((in_time, d)) = f.concluded {
            taken.push(d);
            on_time += u64::from(in_time);
        }
        if let Some(level) = f.rating {
            rated += 1;
            satisfied += u64::from(level.is_satisfied());
        }
        if let Some(a) = f.poor_answered_in_time {
            poor += 1;
            answered += u64::from(a);
        }
    }
    taken.sort_unstable();
    StatsRow {
        code: code.to_string(),
        name,
        received,
        concluded: taken.len() as u64,
        on_time: share(on_time, taken.len() as u64),
        median_days: days(&taken, 0.5),
        p90_days: days(&taken, 0.9),
        promised_days: None,
        satisfaction: share(satisfied, rated),
        poor_answered: share(answered, poor),
    }
}

/// Lines grouped by `key`, named by `name`, most cases first.
pub fn rows(
    facts: &[CaseFact],
    key: impl Fn(&CaseFact) -> &str,
    name: impl Fn(&str) -> String,
) -> Vec<StatsRow> {
    let mut groups: BTreeMap<&str, Vec<&CaseFact>> = BTreeMap::new();
    for f in facts {
        groups.entry(key(f)).or_default().push(f);
    }
    let mut out: Vec<StatsRow> = groups
        .into_iter()
        .map(|(code, fs)| row(code, name(code), fs.into_iter()))
        .collect();
    out.sort_by(|a, b| b.received.cmp(&a.received).then(a.code.cmp(&b.code)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(concluded: Option<(bool, u32)>, rating: Option<RatingLevel>) -> CaseFact {
        CaseFact {
            department: "scjgj".into(),
            matter_code: "SCJG-001".into(),
            concluded,
            rating,
            poor_answered_in_time: None,
        }
    }

    #[test]
    fn figures_carry_their_count_and_a_small_sample_gives_none() {
        let facts: Vec<CaseFact> = (0..4).map(|d| fact(Some((true, d)), None)).collect();
        let r = &rows(&facts, |f| &f.department, |_| "市场监管局".into())[0];
        assert_eq!(r.received, 4);
        assert_eq!(r.on_time.value, None);
        assert_eq!(r.on_time.text, "样本不足（4件）");
        assert_eq!(r.satisfaction.text, "样本不足（0件）");
    }

    #[test]
    fn shares_medians_and_the_90th_percentile() {
        let mut facts: Vec<CaseFact> = (1..=10)
            .map(|d| fact(Some((d <= 8, d)), Some(RatingLevel::Satisfied)))
            .collect();
        facts.push(fact(None, None));
        facts[0].rating = Some(RatingLevel::VeryDissatisfied);
        let r = &rows(&facts, |f| &f.matter_code, |c| c.to_string())[0];
        assert_eq!((r.received, r.concluded), (11, 10));
        assert_eq!(r.on_time.text, "80%（10件）");
        assert_eq!(r.median_days.text, "5个工作日（10件）");
        assert_eq!(r.p90_days.value, Some(9.0));
        assert_eq!(r.satisfaction.text, "90%（10件）");
    }
}
