//! 我的办件 (`/me/cases`): the citizen's combined cases, newest first, a page at a time. Each
//! says first what the citizen must do now, if anything, then how far it got and every
//! department's sub-case with its status and due date. Refreshes when it becomes visible again.

use crate::api;
use crate::components::case_view::{focus_page_heading, short_time, DeadlineText, StatusTag};
use crate::components::remote::Remote;
use crate::components::require_login::RequireLogin;
use crate::i18n::t;
use crate::i18n::tracking;
use crate::title::set_title;
use crate::url::encode;
use crate::visible::on_visible;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use lianban_core::api::Page;
use lianban_core::apply::Application;

#[component]
pub fn MyCasesPage() -> impl IntoView {
    view! {
        <RequireLogin>
            <MyCases />
        </RequireLogin>
    }
}

/// Where a case's own page is.
pub fn case_path(number: &str) -> String {
    format!("/me/cases/{}", encode(number))
}

#[component]
fn MyCases() -> impl IntoView {
    let l = t();
    let k = tracking::t();
    set_title(l.cases_title);
    let query = use_query_map();
    let page = Memo::new(move |_| {
        query.with(|q| {
            q.get("page")
                .and_then(|p| p.parse::<u32>().ok())
                .unwrap_or(1)
                .max(1)
        })
    });
    let list = api::resource(move || api::applications(page.get()));
    on_visible(move || list.refetch());
    focus_page_heading();
    view! {
        <h1 id="page-heading" tabindex="-1">{l.cases_title}</h1>
        <p class="lead">{k.cases_intro}</p>
        <Remote resource=list render=|page| view! { <CaseList page /> } />
    }
}

#[component]
fn CaseList(page: Page<Application>) -> impl IntoView {
    let l = t();
    let k = tracking::t();
    if page.items.is_empty() && page.page <= 1 {
        return view! {
            <p class="empty">{k.cases_empty}</p>
            <p>
                <A href="/themes" attr:class="button button--secondary">{l.themes_title}</A>
            </p>
        }
        .into_any();
    }
    let pages = page.total.div_ceil(u64::from(page.per_page.max(1))).max(1) as u32;
    let at = page.page;
    let link = |p: u32| {
        if p > 1 {
            format!("/me/cases?page={p}")
        } else {
            "/me/cases".to_string()
        }
    };
    let pager = (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=l.pager_label>
                {(at > 1).then(|| view! { <A href=link(at - 1)>{l.pager_previous}</A> })}
                <span class="pager__where">{(l.pager_position)(at, pages)}</span>
                {(at < pages).then(|| view! { <A href=link(at + 1)>{l.pager_next}</A> })}
            </nav>
        }
    });
    view! {
        <p class="result-count">{(k.cases_count)(page.total)}</p>
        <ul class="cards">
            {page.items.into_iter().map(|a| view! { <CaseCard a /> }).collect::<Vec<_>>()}
        </ul>
        {pager}
    }
    .into_any()
}

#[component]
fn CaseCard(a: Application) -> impl IntoView {
    let k = tracking::t();
    let next = a.next_step.clone().map(|step| {
        view! {
            <p class="next-step">
                <strong>{k.case_next_step}{t().label_colon}</strong>
                {step}
            </p>
        }
    });
    let subs = a
        .sub_cases
        .into_iter()
        .map(|s| {
            view! {
                <li class="sub-case">
                    <p class="summary-list__value">
                        <strong>{s.matter_name}</strong>
                        " "
                        <StatusTag status=s.status label=s.status_label />
                    </p>
                    <DeadlineText deadline=s.deadline no_due=k.sub_due_none />
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <li class="card">
            <h2 class="card__title">
                <A href=case_path(&a.number)>{a.theme_name}</A>
            </h2>
            {next}
            <p class="card__text">{a.headline}</p>
            <ul class="plain-list sub-cases">{subs}</ul>
            <p class="card__meta">
                <span class="mono">{a.number}</span>
                " · "
                {short_time(&a.submitted_at)}
            </p>
        </li>
    }
}
