//! 办件查询 (`/track`): the case number and its query code open a case's progress without
//! login: the headline, each department's sub-case with its status, its due date explained and
//! its timeline. A receipt's QR code opens it with both filled in (`?number=…&code=…`), and
//! then it looks the case up at once.

use crate::api::{self, Refusal};
use crate::components::case_view::{focus_page_heading, DeadlineText, StatusTag, Timeline};
use crate::components::error_summary::{focus_id, ErrorSummary, FormErrors};
use crate::components::text_field::TextField;
use crate::i18n::t;
use crate::i18n::tracking;
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use lianban_core::cases::view::TrackedCase;
use lianban_core::cases::{CaseNumber, QueryCode};

const NUMBER: &str = "number";
const CODE: &str = "code";

fn number_problem(v: &str) -> Option<String> {
    CaseNumber::parse(v.trim())
        .err()
        .map(|e| e.message().to_string())
}

fn code_problem(v: &str) -> Option<String> {
    QueryCode::parse(v.trim())
        .err()
        .map(|e| e.message().to_string())
}

#[component]
pub fn TrackPage() -> impl IntoView {
    let l = t();
    let k = tracking::t();
    let query = use_query_map();
    let session = use_session();
    let errors = FormErrors::new(&[NUMBER, CODE, ""]);
    // `no` is what the first receipts' QR codes carried.
    let (given_number, given_code) = query.with_untracked(|q| {
        (
            q.get("number").or_else(|| q.get("no")).unwrap_or_default(),
            q.get("code").unwrap_or_default(),
        )
    });
    let both_given = !given_number.is_empty() && !given_code.is_empty();
    let number = RwSignal::new(given_number);
    let code = RwSignal::new(given_code);
    let searching = RwSignal::new(false);
    let found = RwSignal::new(None::<TrackedCase>);

    let show_refusal = move |r: Refusal| {
        if !errors.place_fields(&r, &[("number", NUMBER), ("code", CODE)]) {
            // 404: the pair does not match (the message counts the tries left), which the
            // citizen fixes at the code; 423 and the rest concern the form as a whole.
            let id = if r.status == 404 { CODE } else { "" };
            errors.set(id, Some(r.message));
        }
        errors.failed();
    };
    let look_up = move || {
        if searching.get_untracked() {
            return;
        }
        errors.set("", None);
        let number_error = number_problem(&number.get_untracked());
        let code_error = code_problem(&code.get_untracked());
        let bad = number_error.is_some() || code_error.is_some();
        errors.set(NUMBER, number_error);
        errors.set(CODE, code_error);
        if bad {
            found.set(None);
            errors.failed();
            return;
        }
        searching.set(true);
        let (n, c) = (number.get_untracked(), code.get_untracked());
        leptos::task::spawn_local(async move {
            let answer = api::track(n.trim(), c.trim()).await;
            searching.set(false);
            match answer {
                Ok(case) => {
                    found.set(Some(case));
                    request_animation_frame(|| focus_id("track-result"));
                }
                Err(r) => {
                    found.set(None);
                    show_refusal(r);
                }
            }
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        look_up();
    };
    if both_given {
        look_up();
    } else {
        focus_page_heading();
    }
    let mine = move || {
        session.current().map(|_| {
            view! {
                <p class="hint">
                    {k.track_logged_in_hint} " " <A href="/me/cases">{k.track_mine}</A>
                </p>
            }
        })
    };

    view! {
        <h1 id="page-heading" tabindex="-1">{l.track_title}</h1>
        <p class="lead">{k.track_intro}</p>
        <ErrorSummary errors title=l.track_title />
        <form class="form" novalidate on:submit=submit>
            <TextField
                id=NUMBER
                label=k.track_number
                value=number
                errors
                check=number_problem
                hint=k.track_number_hint
                autocomplete="off"
                maxlength=20
            />
            <TextField
                id=CODE
                label=k.track_code
                value=code
                errors
                check=code_problem
                hint=k.track_code_hint
                autocomplete="off"
                maxlength=8
            />
            <button type="submit" class="button button--wide" disabled=searching>
                {move || if searching.get() { k.track_searching } else { k.track_submit }}
            </button>
        </form>
        {mine}
        <p>
            <A href="/stats">{k.stats_link}</A>
        </p>
        {move || found.get().map(|case| view! { <TrackedCaseView case /> })}
    }
}

#[component]
fn TrackedCaseView(case: TrackedCase) -> impl IntoView {
    let k = tracking::t();
    let count = case.sub_cases.len();
    let subs = case
        .sub_cases
        .into_iter()
        .map(|s| {
            let timeline_id = format!("timeline-{}", s.number);
            view! {
                <li class="card">
                    <h3 class="card__title">{s.matter_name}</h3>
                    <dl class="summary-list">
                        <div class="summary-list__row">
                            <dt>{k.sub_department}</dt>
                            <dd>{s.department_name}</dd>
                        </div>
                        <div class="summary-list__row">
                            <dt>{k.sub_number}</dt>
                            <dd class="mono">{s.number}</dd>
                        </div>
                        <div class="summary-list__row">
                            <dt>{k.sub_status}</dt>
                            <dd>
                                <StatusTag status=s.status label=s.status_label />
                            </dd>
                        </div>
                        <div class="summary-list__row">
                            <dt>{k.sub_due}</dt>
                            <dd>
                                <DeadlineText deadline=s.deadline no_due=k.sub_due_none />
                            </dd>
                        </div>
                    </dl>
                    <Timeline
                        entries=s.timeline
                        title=k.timeline
                        title_id=timeline_id
                        empty=k.timeline_empty
                        level=4
                    />
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <section class="section" aria-labelledby="track-result">
            <h2 id="track-result" tabindex="-1">{k.track_result}</h2>
            <p class="lead" role="status">{case.headline}</p>
            <dl class="summary-list">
                <div class="summary-list__row">
                    <dt>{k.case_number}</dt>
                    <dd class="mono">{case.number}</dd>
                </div>
                <div class="summary-list__row">
                    <dt>{k.case_theme}</dt>
                    <dd>{case.theme_name}</dd>
                </div>
                <div class="summary-list__row">
                    <dt>{k.case_applicant}</dt>
                    <dd>{case.applicant}</dd>
                </div>
                <div class="summary-list__row">
                    <dt>{k.case_submitted_at}</dt>
                    <dd>{crate::components::case_view::short_time(&case.submitted_at)}</dd>
                </div>
            </dl>
            <p>{(k.sub_cases)(count)}</p>
            <ul class="cards">{subs}</ul>
        </section>
    }
}
