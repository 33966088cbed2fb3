//! One of the citizen's cases (`/me/cases/{number}`): what to do now, then each department's
//! sub-case with its status, due date explained, what the department decided or asks for
//! (the supplement items, each with its kind, the material and why) and its timeline. The
//! citizen confirms a supplement (已按要求补正) or withdraws a sub-case not yet accepted, each
//! after a confirmation; only the actions the server lists are offered. Refreshes when the
//! page becomes visible again.

use crate::api;
use crate::components::case_view::{
    focus_page_heading, new_action_key, short_time, DeadlineText, StatusTag, Timeline,
};
use crate::components::remote::Remote;
use crate::components::require_login::RequireLogin;
use crate::i18n::t;
use crate::i18n::tracking;
use crate::pages::rating::RatingPanel;
use crate::pages::supplement::SupplementForm;
use crate::title::set_title;
use crate::visible::on_visible;
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use lianban_core::apply::{Application, SubCase};
use lianban_core::cases::{Action, ActionKind, Conclusion, SubCaseState};

#[component]
pub fn MyCasePage() -> impl IntoView {
    view! {
        <RequireLogin>
            <MyCase />
        </RequireLogin>
    }
}

#[component]
fn MyCase() -> impl IntoView {
    let params = use_params_map();
    let number = move || params.with(|p| p.get("number").unwrap_or_default());
    let case = api::resource(move || api::application(&number()));
    on_visible(move || case.refetch());
    // What the last action did, said above the case it changed.
    let done = RwSignal::new(None::<String>);
    let changed = Callback::new(move |a: Application| case.set(Some(Ok(a))));
    let refresh = Callback::new(move |()| case.refetch());
    let focused = StoredValue::new(false);
    view! {
        <Remote
            resource=case
            standalone=true
            render=move |a| {
                if !focused.get_value() {
                    focused.set_value(true);
                    focus_page_heading();
                }
                view! { <CaseDetail a done changed refresh /> }
            }
        />
    }
}

#[component]
fn CaseDetail(
    a: Application,
    done: RwSignal<Option<String>>,
    changed: Callback<Application>,
    refresh: Callback<()>,
) -> impl IntoView {
    let l = t();
    let k = tracking::t();
    set_title(k.case_title);
    let next = a.next_step.clone().map(|step| {
        view! {
            <p class="next-step">
                <strong>{k.case_next_step}{l.label_colon}</strong>
                {step}
            </p>
        }
    });
    let number = a.number.clone();
    let theme_id = a.theme_id.clone();
    let subs = a
        .sub_cases
        .into_iter()
        .map(|s| view! { <SubCaseCard number=number.clone() theme_id=theme_id.clone() s done changed refresh /> })
        .collect::<Vec<_>>();
    view! {
        <h1 id="page-heading" tabindex="-1">{a.theme_name}</h1>
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt>{k.case_number}</dt>
                <dd class="mono">{a.number.clone()}</dd>
            </div>
            <div class="summary-list__row">
                <dt>{k.case_submitted_at}</dt>
                <dd>{short_time(&a.submitted_at)}</dd>
            </div>
            <div class="summary-list__row">
                <dt>{k.case_progress}</dt>
                <dd>{a.headline}</dd>
            </div>
        </dl>
        {next}
        <p class="form__status" role="status">
            {move || done.get()}
        </p>
        <ul class="cards">{subs}</ul>
        <ul class="link-list">
            <li>
                <A href="/me/cases">{k.case_back}</A>
            </li>
        </ul>
    }
}

#[component]
fn SubCaseCard(
    number: String,
    theme_id: String,
    s: SubCase,
    done: RwSignal<Option<String>>,
    changed: Callback<Application>,
    refresh: Callback<()>,
) -> impl IntoView {
    let k = tracking::t();
    let row = |label: &'static str, value: String| {
        view! {
            <div class="summary-list__row">
                <dt>{label}</dt>
                <dd>{value}</dd>
            </div>
        }
    };
    let decided = match &s.state {
        SubCaseState::Refused { reason } => Some(row(k.refused_reason, reason.clone())),
        SubCaseState::Approved { result } => Some(row(k.result, result.clone())),
        SubCaseState::NotApproved { reason } => Some(row(k.not_approved_reason, reason.clone())),
        SubCaseState::Delivered { conclusion, .. } => Some(match conclusion {
            Conclusion::Approved { result } => row(k.result, result.clone()),
            Conclusion::NotApproved { reason } => row(k.not_approved_reason, reason.clone()),
        }),
        _ => None,
    };
    let delivered = match &s.state {
        SubCaseState::Delivered { how, .. } => Some(row(k.delivered_how, how.label().to_string())),
        _ => None,
    };
    let offers = |kind: ActionKind| s.actions.contains(&kind);
    let supplement = match &s.state {
        SubCaseState::SupplementRequested { items } => {
            let heading = format!("supplement-{}", s.number);
            // The answer form when the server lets the citizen answer now; else the list.
            let answer = offers(ActionKind::ProvideSupplement).then(|| {
                view! {
                    <SupplementForm
                        number=number.clone()
                        sub_number=s.number.clone()
                        theme_id=theme_id.clone()
                        items=items.clone()
                        done
                        changed
                        refresh
                    />
                }
            });
            Some(view! {
                <section class="panel panel--warning" aria-labelledby=heading.clone()>
                    <h3 id=heading.clone() class="panel__title">{k.supplement_title}</h3>
                    <p>{k.supplement_intro}</p>
                    {answer}
                </section>
            })
        }
        _ => None,
    };
    let withdraw = offers(ActionKind::Withdraw).then(|| {
        view! {
            <CitizenAction
                number=number.clone()
                sub_number=s.number.clone()
                kind=ActionKind::Withdraw
                title=k.withdraw_confirm_title
                detail=(k.withdraw_confirm_detail)(&s.matter_name)
                yes=k.withdraw_yes
                done
                changed
                refresh
            />
        }
    });
    // 好差评 once concluded: the form while unrated, the rating (and its 整改) after.
    let rating = (s.status.is_concluded() || s.rating.is_some()).then(|| {
        view! {
            <RatingPanel
                number=number.clone()
                sub_number=s.number.clone()
                status=s.status
                rating=s.rating.clone()
                done
                changed
            />
        }
    });
    let timeline_id = format!("timeline-{}", s.number);
    view! {
        <li class="card">
            <h2 class="card__title">{s.matter_name.clone()}</h2>
            <dl class="summary-list">
                <div class="summary-list__row">
                    <dt>{k.sub_department}</dt>
                    <dd>{s.department_name.clone()}</dd>
                </div>
                <div class="summary-list__row">
                    <dt>{k.sub_number}</dt>
                    <dd class="mono">{s.number.clone()}</dd>
                </div>
                <div class="summary-list__row">
                    <dt>{k.sub_status}</dt>
                    <dd>
                        <StatusTag status=s.status label=s.status_label.clone() />
                    </dd>
                </div>
                <div class="summary-list__row">
                    <dt>{k.sub_due}</dt>
                    <dd>
                        <DeadlineText deadline=s.deadline.clone() no_due=k.sub_due_none />
                    </dd>
                </div>
                {decided}
                {delivered}
            </dl>
            {supplement}
            {rating}
            {withdraw}
            <Timeline entries=s.timeline title=k.timeline title_id=timeline_id empty=k.timeline_empty />
        </li>
    }
}

/// One of the citizen's actions behind a confirmation that appears in place (an
/// `alertdialog`, focus on the safe answer). The key is made when the question is asked and
/// kept while the same answer is retried after a network failure, so a double tap or a retry
/// records one event; a refusal or 返回 drops it.
#[component]
fn CitizenAction(
    number: String,
    sub_number: String,
    kind: ActionKind,
    title: &'static str,
    detail: String,
    yes: &'static str,
    done: RwSignal<Option<String>>,
    changed: Callback<Application>,
    refresh: Callback<()>,
) -> impl IntoView {
    let k = tracking::t();
    let asking = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let key = StoredValue::new(None::<String>);
    let safe = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if asking.get() {
            if let Some(b) = safe.get() {
                let _ = b.focus();
            }
        }
    });
    let ask = move |_| {
        key.set_value(Some(new_action_key()));
        problem.set(None);
        asking.set(true);
    };
    let back = move |_| {
        key.set_value(None);
        problem.set(None);
        asking.set(false);
    };
    let title_id = format!("{}-{}-title", kind.as_str(), sub_number);
    let detail_id = format!("{}-{}-detail", kind.as_str(), sub_number);
    let confirm = move |_| {
        if busy.get_untracked() {
            return;
        }
        let Some(k_) = key.get_value() else {
            return;
        };
        let action = match kind {
            ActionKind::Withdraw => Action::Withdraw,
            _ => Action::ProvideSupplement,
        };
        let (number, sub_number) = (number.clone(), sub_number.clone());
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let answer = api::citizen_action(&number, &sub_number, &action, &k_).await;
            busy.set(false);
            match answer {
                Ok(a) => {
                    key.set_value(None);
                    asking.set(false);
                    done.set(Some((k.action_done)(kind.label())));
                    changed.run(a);
                }
                Err(r) => {
                    // Unanswered: the same key again. Answered (409: the case moved on): the
                    // message says how it stands now, and the page shows it.
                    if r.status != 0 {
                        key.set_value(None);
                        done.set(Some(r.message));
                        refresh.run(());
                    } else {
                        problem.set(Some(r.message));
                    }
                }
            }
        });
    };
    let button_class = if kind == ActionKind::Withdraw {
        "button button--secondary button--wide"
    } else {
        "button button--wide"
    };
    view! {
        <Show
            when=move || asking.get()
            fallback=move || {
                view! {
                    <p>
                        <button type="button" class=button_class on:click=ask>
                            {kind.label()}
                        </button>
                    </p>
                    {move || problem.get().map(|m| view! { <p class="form-field__error" role="alert">{m}</p> })}
                }
            }
        >
            <div
                class="panel panel--warning confirm"
                role="alertdialog"
                aria-labelledby=title_id.clone()
                aria-describedby=detail_id.clone()
            >
                <h3 id=title_id.clone() class="panel__title">{title}</h3>
                <p id=detail_id.clone()>{detail.clone()}</p>
                {move || problem.get().map(|m| view! { <p class="form-field__error" role="alert">{m}</p> })}
                <div class="actions">
                    <button type="button" class="button" disabled=busy on:click=confirm.clone()>
                        {move || if busy.get() { k.sending } else { yes }}
                    </button>
                    <button type="button" class="button button--secondary" node_ref=safe on:click=back>
                        {k.confirm_no}
                    </button>
                </div>
            </div>
        </Show>
    }
}
