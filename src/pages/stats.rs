//! 办事公开 (`/stats`, public): each department's and each matter's figures over the period,
//! from their real cases, in two tables with row and column headers. Every figure is the
//! server's text as it is (92%（25件）, 样本不足（3件）), so a small sample never reads as a rate.

use crate::api;
use crate::components::case_view::focus_page_heading;
use crate::components::remote::Remote;
use crate::i18n::t;
use crate::i18n::tracking;
use crate::title::set_title;
use leptos::prelude::*;
use leptos_router::components::A;
use lianban_core::cases::stats::{PublicStats, StatsRow};

#[component]
pub fn StatsPage() -> impl IntoView {
    let l = t();
    let k = tracking::t();
    set_title(l.stats_title);
    let stats = api::resource(api::public_stats);
    focus_page_heading();
    view! {
        <h1 id="page-heading" tabindex="-1">{l.stats_title}</h1>
        <p class="lead">{k.stats_intro}</p>
        <Remote resource=stats render=move |s| view! { <Tables s /> } />
        <ul class="link-list">
            <li>
                <A href="/track">{l.track_title}</A>
            </li>
        </ul>
    }
}

#[component]
fn Tables(s: PublicStats) -> impl IntoView {
    let k = tracking::t();
    view! {
        <p role="status">{(k.stats_period)(&s.from, &s.to)}</p>
        <StatsTable id="stats-departments" title=k.stats_departments first=k.stats_department rows=s.departments promised=false />
        <StatsTable id="stats-matters" title=k.stats_matters first=k.stats_matter rows=s.matters promised=true />
    }
}

#[component]
fn StatsTable(
    id: &'static str,
    title: &'static str,
    first: &'static str,
    rows: Vec<StatsRow>,
    /// The matters' table has 承诺时限.
    promised: bool,
) -> impl IntoView {
    let k = tracking::t();
    let body = if rows.is_empty() {
        view! { <p class="empty">{k.stats_empty}</p> }.into_any()
    } else {
        let lines = rows
            .into_iter()
            .map(|r| {
                let promised_cell = promised.then(|| {
                    let days = r
                        .promised_days
                        .map(|d| {
                            if d == 0 {
                                "即办".to_string()
                            } else {
                                format!("{d}个工作日")
                            }
                        })
                        .unwrap_or_default();
                    view! { <td>{days}</td> }
                });
                view! {
                    <tr>
                        <th scope="row">{r.name}</th>
                        <td>{r.received}</td>
                        <td>{r.concluded}</td>
                        <td>{r.on_time.text}</td>
                        <td>{r.median_days.text}</td>
                        <td>{r.p90_days.text}</td>
                        {promised_cell}
                        <td>{r.satisfaction.text}</td>
                        <td>{r.poor_answered.text}</td>
                    </tr>
                }
            })
            .collect::<Vec<_>>();
        view! {
            // Focusable, so a keyboard can scroll a table wider than the phone.
            <div class="table-scroll" role="region" tabindex="0" aria-label=(k.stats_scroll)(title)>
                <table class="table" aria-labelledby=id>
                    <thead>
                        <tr>
                            <th scope="col">{first}</th>
                            <th scope="col">{k.stats_received}</th>
                            <th scope="col">{k.stats_concluded}</th>
                            <th scope="col">{k.stats_on_time}</th>
                            <th scope="col">{k.stats_median}</th>
                            <th scope="col">{k.stats_p90}</th>
                            {promised.then(|| view! { <th scope="col">{k.stats_promised}</th> })}
                            <th scope="col">{k.stats_satisfaction}</th>
                            <th scope="col">{k.stats_follow_up}</th>
                        </tr>
                    </thead>
                    <tbody>{lines}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="section" aria-labelledby=id>
            <h2 id=id>{title}</h2>
            {body}
        </section>
    }
}
