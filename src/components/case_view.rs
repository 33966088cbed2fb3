//! The pieces every case screen shows the same way (办件查询, 我的办件, the clerk's case): the
//! due date with the sentence that explains it and a 黄牌/红牌 badge in words, and the timeline
//! as an ordered list. Their labels come from the caller's table, so each chunk keeps its own.

use leptos::prelude::*;
use lianban_core::cases::view::{DeadlineView, TimelineEntry};
use lianban_core::cases::{SubCaseStatus, Warning};

/// A status's tag: its words always, a colour that repeats them.
#[component]
pub fn StatusTag(status: SubCaseStatus, label: String) -> impl IntoView {
    use SubCaseStatus as S;
    let class = match status {
        S::Approved | S::Delivered => "tag tag--success",
        S::SupplementRequested => "tag tag--warning",
        S::Refused | S::NotApproved | S::Withdrawn => "tag tag--muted",
        _ => "tag",
    };
    view! { <span class=class>{label}</span> }
}

/// Moves focus to the page's `<h1 id="page-heading" tabindex="-1">` once it is drawn, as the
/// application steps do, so a screen reader hears where a navigation landed.
pub fn focus_page_heading() {
    request_animation_frame(|| crate::components::error_summary::focus_id("page-heading"));
}

/// `2026-12-01 09:30` from an RFC 3339 time in China time (`2026-12-01T09:30:00+08:00`).
pub fn short_time(at: &str) -> String {
    match at.get(..16) {
        Some(s) if s.as_bytes().get(10) == Some(&b'T') => s.replacen('T', " ", 1),
        _ => at.to_string(),
    }
}

/// A fresh key for one intended action: kept while it is retried, dropped once it is done.
pub fn new_action_key() -> String {
    let part = || (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64;
    format!(
        "act-{:x}-{:x}-{:x}",
        js_sys::Date::now() as u64,
        part(),
        part()
    )
}

/// 黄牌 / 红牌 as words in a tag (the colour only repeats what the words say); nothing when the
/// clock is not near its end.
#[component]
pub fn WarningBadge(deadline: DeadlineView) -> impl IntoView {
    let class = match deadline.warning {
        Warning::None => None,
        Warning::Yellow => Some("tag tag--warning"),
        Warning::Red => Some("tag tag--danger"),
    };
    class
        .filter(|_| !deadline.warning_label.is_empty())
        .map(|class| view! { <span class=class>{deadline.warning_label}</span> })
}

/// The due date (or why there is none yet), what is left, the badge, and the sentence that
/// explains the date, for a summary list's `<dd>`.
#[component]
pub fn DeadlineText(deadline: DeadlineView, no_due: &'static str) -> impl IntoView {
    let due = deadline.due.clone().unwrap_or_else(|| no_due.to_string());
    let remaining = (!deadline.remaining.is_empty()).then(|| deadline.remaining.clone());
    let explanation = (!deadline.explanation.is_empty()).then(|| deadline.explanation.clone());
    view! {
        <p class="summary-list__value">
            <span class="mono">{due}</span>
            {remaining.map(|r| view! { " " <span class="deadline__remaining">{r}</span> })}
            " "
            <WarningBadge deadline />
        </p>
        {explanation.map(|e| view! { <p class="summary-list__value hint">{e}</p> })}
    }
}

/// A sub-case's timeline, oldest first: when, who, what, and what it carried.
#[component]
pub fn Timeline(
    entries: Vec<TimelineEntry>,
    /// The list's heading, its id for `aria-labelledby`, and what an empty list says.
    title: &'static str,
    title_id: String,
    empty: &'static str,
    /// The heading's level: 2, 3 (the default) or 4.
    #[prop(optional)]
    level: u8,
) -> impl IntoView {
    let heading = match level {
        2 => view! { <h2 id=title_id.clone()>{title}</h2> }.into_any(),
        4 => view! { <h4 id=title_id.clone()>{title}</h4> }.into_any(),
        _ => view! { <h3 id=title_id.clone()>{title}</h3> }.into_any(),
    };
    let body = if entries.is_empty() {
        view! { <p class="empty">{empty}</p> }.into_any()
    } else {
        view! {
            <ol class="timeline" aria-labelledby=title_id.clone()>
                {entries
                    .into_iter()
                    .map(|e| {
                        view! {
                            <li class="timeline__entry">
                                <p class="timeline__when">
                                    <time datetime=e.at.clone()>{short_time(&e.at)}</time>
                                    " · "
                                    <span>{e.who}</span>
                                </p>
                                <p class="timeline__title">{e.title}</p>
                                {e.detail.map(|d| view! { <p class="timeline__detail">{d}</p> })}
                            </li>
                        }
                    })
                    .collect::<Vec<_>>()}
            </ol>
        }
        .into_any()
    };
    view! {
        {heading}
        {body}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_a_time_to_the_minute() {
        assert_eq!(short_time("2026-12-01T09:30:05+08:00"), "2026-12-01 09:30");
        assert_eq!(short_time("昨天"), "昨天");
    }
}
