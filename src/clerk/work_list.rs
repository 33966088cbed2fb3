//! 待办件 (`/clerk`): the sub-cases of the clerk's department, the nearest due date first, a
//! page at a time, filtered by status (`?status=`, the open ones by default). Each line says
//! the matter, the applicant masked (the list is seen over a shoulder), the status, the due
//! date, what is left and 黄牌/红牌 in words. Refreshes when the page becomes visible again.

use super::RequireClerk;
use crate::api;
use crate::components::case_view::{focus_page_heading, short_time, StatusTag, WarningBadge};
use crate::components::remote::Remote;
use crate::i18n::clerk;
use crate::i18n::t;
use crate::title::set_title;
use crate::url::{encode, query};
use crate::visible::on_visible;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use lianban_core::api::Page;
use lianban_core::cases::view::WorkItem;
use lianban_core::cases::SubCaseStatus;

#[component]
pub fn WorkListPage() -> impl IntoView {
    view! {
        <RequireClerk>
            <WorkList />
        </RequireClerk>
    }
}

/// The work list's own URL: its filter and page.
fn list_path(status: &str, page: u32) -> String {
    let page = if page > 1 {
        page.to_string()
    } else {
        String::new()
    };
    let status = if status == "open" { "" } else { status };
    format!(
        "/clerk{}",
        query([("status", status), ("page", page.as_str())])
    )
}

#[component]
fn WorkList() -> impl IntoView {
    let c = clerk::t();
    set_title(t().clerk_title);
    let query = use_query_map();
    let navigate = use_navigate();
    let status = Memo::new(move |_| {
        query.with(|q| {
            q.get("status")
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "open".into())
        })
    });
    let page = Memo::new(move |_| {
        query.with(|q| {
            q.get("page")
                .and_then(|p| p.parse::<u32>().ok())
                .unwrap_or(1)
                .max(1)
        })
    });
    let list = api::resource(move || api::work_list(&status.get(), page.get()));
    on_visible(move || list.refetch());
    focus_page_heading();
    let on_status = move |ev: leptos::ev::Event| {
        navigate(
            &list_path(&event_target_value(&ev), 1),
            NavigateOptions::default(),
        );
    };
    let option = move |value: &'static str, label: &'static str| {
        view! { <option value=value selected=move || status.get() == value>{label}</option> }
    };
    let options = SubCaseStatus::ALL
        .into_iter()
        .map(|s| option(s.as_str(), s.label()))
        .collect::<Vec<_>>();
    view! {
        <h1 id="page-heading" tabindex="-1">{c.work_title}</h1>
        <ul class="link-list">
            <li>
                <A href="/clerk/follow-ups">{c.follow_ups_link}</A>
            </li>
            <li>
                <A href="/clerk/check-in">{c.checkin_link}</A>
            </li>
        </ul>
        <div class="field">
            <label for="work-status">{c.filter_status}</label>
            <select id="work-status" class="select" on:change=on_status>
                {option("open", c.filter_open)}
                {option("all", c.filter_all)}
                {options}
            </select>
        </div>
        <Remote resource=list render=move |p| view! { <Items page=p status=status.get_untracked() /> } />
    }
}

#[component]
fn Items(page: Page<WorkItem>, status: String) -> impl IntoView {
    let l = t();
    let c = clerk::t();
    if page.items.is_empty() && page.page <= 1 {
        return view! { <p class="empty">{c.work_empty}</p> }.into_any();
    }
    let pages = page.total.div_ceil(u64::from(page.per_page.max(1))).max(1) as u32;
    let at = page.page;
    let pager = (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=l.pager_label>
                {(at > 1).then(|| view! { <A href=list_path(&status, at - 1)>{l.pager_previous}</A> })}
                <span class="pager__where">{(l.pager_position)(at, pages)}</span>
                {(at < pages).then(|| view! { <A href=list_path(&status, at + 1)>{l.pager_next}</A> })}
            </nav>
        }
    });
    let rows = page
        .items
        .into_iter()
        .map(|w| {
            let due = w
                .deadline
                .due
                .clone()
                .unwrap_or_else(|| c.due_none.to_string());
            view! {
                <li class="card">
                    <h2 class="card__title">
                        <A href=format!("/clerk/cases/{}", encode(&w.number))>
                            {(c.work_open)(&w.matter_name, &w.number)}
                        </A>
                    </h2>
                    <dl class="summary-list">
                        <div class="summary-list__row">
                            <dt>{c.col_applicant}</dt>
                            <dd>{w.applicant}</dd>
                        </div>
                        <div class="summary-list__row">
                            <dt>{c.col_submitted}</dt>
                            <dd>{short_time(&w.submitted_at)}</dd>
                        </div>
                        <div class="summary-list__row">
                            <dt>{c.col_status}</dt>
                            <dd>
                                <StatusTag status=w.status label=w.status_label />
                            </dd>
                        </div>
                        <div class="summary-list__row">
                            <dt>{c.col_due}</dt>
                            <dd class="mono">{due}</dd>
                        </div>
                        <div class="summary-list__row">
                            <dt>{c.col_remaining}</dt>
                            <dd>
                                {w.deadline.remaining.clone()}
                                " "
                                <WarningBadge deadline=w.deadline />
                            </dd>
                        </div>
                    </dl>
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <p class="result-count" role="status">{(c.work_count)(page.total)}</p>
        <ul class="cards">{rows}</ul>
        {pager}
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_open_list_on_page_one_has_the_plain_url() {
        assert_eq!(list_path("open", 1), "/clerk");
        assert_eq!(list_path("all", 2), "/clerk?status=all&page=2");
        assert_eq!(list_path("submitted", 1), "/clerk?status=submitted");
    }
}
