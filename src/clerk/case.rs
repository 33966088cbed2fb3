//! A sub-case on the workbench (`/clerk/cases/{number}`): the applicant in full (checked
//! against the documents), the form's answers, the materials with download links, what was
//! decided or asked so far, the timeline, and the actions the server allows now (see
//! `actions`). After an action the page shows the case as the server returned it.

use super::actions::{item_targets, ClerkActions};
use super::RequireClerk;
use crate::api;
use crate::components::case_view::{focus_page_heading, DeadlineText, StatusTag, Timeline};
use crate::components::remote::Remote;
use crate::i18n::clerk;
use crate::i18n::t;
use crate::title::set_title;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use lianban_core::cases::view::ClerkCase;
use lianban_core::cases::{Conclusion, SubCaseState};

#[component]
pub fn ClerkCasePage() -> impl IntoView {
    view! {
        <RequireClerk>
            <CaseOnDesk />
        </RequireClerk>
    }
}

#[component]
fn CaseOnDesk() -> impl IntoView {
    let params = use_params_map();
    let number = move || params.with(|p| p.get("number").unwrap_or_default());
    let case = api::resource(move || api::clerk_case(&number()));
    let done = RwSignal::new(None::<String>);
    let changed = Callback::new(move |c: ClerkCase| case.set(Some(Ok(c))));
    let refresh = Callback::new(move |()| case.refetch());
    let focused = StoredValue::new(false);
    view! {
        <Remote
            resource=case
            standalone=true
            render=move |c| {
                if !focused.get_value() {
                    focused.set_value(true);
                    focus_page_heading();
                }
                view! { <CaseShow c done changed refresh /> }
            }
        />
    }
}

#[component]
fn CaseShow(
    c: ClerkCase,
    done: RwSignal<Option<String>>,
    changed: Callback<ClerkCase>,
    refresh: Callback<()>,
) -> impl IntoView {
    let l = t();
    let k = clerk::t();
    set_title(l.clerk_title);
    let number = c.item.number.clone();
    let targets = item_targets(&c);
    let row = |label: &'static str, value: String| {
        view! {
            <div class="summary-list__row">
                <dt>{label}</dt>
                <dd>{value}</dd>
            </div>
        }
    };
    let decided = match &c.state {
        SubCaseState::Refused { reason } | SubCaseState::NotApproved { reason } => {
            Some(row(k.reason, reason.clone()).into_any())
        }
        SubCaseState::Approved { result } => Some(row(k.result, result.clone()).into_any()),
        SubCaseState::Delivered { conclusion, how } => {
            let decision = match conclusion {
                Conclusion::Approved { result } => row(k.result, result.clone()),
                Conclusion::NotApproved { reason } => row(k.reason, reason.clone()),
            };
            let how = row(k.deliver_how, how.label().to_string());
            Some(view! { {decision} {how} }.into_any())
        }
        _ => None,
    };
    let items = match &c.state {
        SubCaseState::SupplementRequested { items } => Some(view! {
            <section class="section" aria-labelledby="desk-items">
                <h2 id="desk-items">{k.supplement_items}</h2>
                <ol class="numbered">
                    {items
                        .iter()
                        .map(|i| view! {
                            <li>
                                <span class="tag tag--warning">{i.kind.label()}</span>
                                " "
                                <strong>{i.name.clone()}</strong>
                                {t().label_colon}
                                {i.reason.clone()}
                            </li>
                        })
                        .collect::<Vec<_>>()}
                </ol>
            </section>
        }),
        _ => None,
    };
    let fields = if c.fields.is_empty() {
        view! { <p class="empty">{k.fields_empty}</p> }.into_any()
    } else {
        view! {
            <dl class="summary-list">
                {c.fields.into_iter().map(|f| row_owned(f.label, f.value)).collect::<Vec<_>>()}
            </dl>
        }
        .into_any()
    };
    let materials = c
        .materials
        .into_iter()
        .map(|m| {
            let files = if m.files.is_empty() {
                view! { <p class="summary-list__value muted">{k.material_no_file}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
                        {m.files
                            .into_iter()
                            .map(|f| {
                                let href = api::clerk_file_url(&number, &f.id);
                                view! {
                                    <li>
                                        <a href=href download=f.name.clone()>{(k.download)(&f.name)}</a>
                                    </li>
                                }
                            })
                            .collect::<Vec<_>>()}
                    </ul>
                }
                .into_any()
            };
            view! {
                <li class="material">
                    <p class="summary-list__value">
                        <strong>{m.name}</strong>
                        {m.deferred.then(|| view! { " " <span class="tag tag--muted">{k.material_deferred}</span> })}
                    </p>
                    {files}
                </li>
            }
        })
        .collect::<Vec<_>>();
    let supplied = (!c.supplied.is_empty()).then(|| {
        let answers =
            c.supplied
                .into_iter()
                .map(|a| {
                    let files = a
                        .files
                        .into_iter()
                        .map(|f| {
                            let href = api::clerk_file_url(&number, &f.id);
                            view! {
                                <li>
                                    <a href=href download=f.name.clone()>{(k.download)(&f.name)}</a>
                                </li>
                            }
                        })
                        .collect::<Vec<_>>();
                    let value = a.value.map(|v| view! {
                    <p class="summary-list__value">{k.supplied_value}{t().label_colon}{v}</p>
                });
                    let none = (files.is_empty() && value.is_none()).then(
                        || view! { <p class="summary-list__value muted">{k.supplied_none}</p> },
                    );
                    view! {
                        <li class="material">
                            <p class="summary-list__value"><strong>{a.name}</strong></p>
                            {value}
                            {none}
                            <ul class="plain-list">{files}</ul>
                        </li>
                    }
                })
                .collect::<Vec<_>>();
        view! {
            <section class="section" aria-labelledby="desk-supplied">
                <h2 id="desk-supplied">{k.supplied_title}</h2>
                <ol class="numbered">{answers}</ol>
            </section>
        }
    });
    let rating = c.rating.map(|r| {
        let follow_up = r.follow_up.map(|f| {
            let overdue = f.reply.is_none()
                && f.due_date.as_str() < crate::clock::china_today().to_string().as_str();
            view! {
                {row(k.follow_up_due, f.due_date.clone())}
                {overdue.then(|| view! {
                    <div class="summary-list__row">
                        <dt></dt>
                        <dd><span class="tag tag--danger">{k.follow_up_overdue}</span></dd>
                    </div>
                })}
                {f.reply.map(|reply| row(k.follow_up_replied, reply))}
                {row(k.follow_up_visit, (k.follow_up_resolved)(f.resolved))}
            }
        });
        view! {
            <section class="section" aria-labelledby="desk-rating">
                <h2 id="desk-rating">{k.rating_title}</h2>
                <dl class="summary-list">
                    {row(k.rating_level, r.level_label)}
                    {(!r.tags.is_empty()).then(|| row(k.rating_tags, r.tags.join(t().list_separator)))}
                    {(!r.comment.is_empty()).then(|| row(k.rating_comment, r.comment))}
                    {follow_up}
                </dl>
            </section>
        }
    });
    view! {
        <h1 id="page-heading" tabindex="-1">{c.item.matter_name.clone()}</h1>
        <dl class="summary-list">
            {row(k.col_case, c.item.number.clone())}
            <div class="summary-list__row">
                <dt>{k.current_state}</dt>
                <dd>
                    <StatusTag status=c.item.status label=c.item.status_label.clone() />
                </dd>
            </div>
            <div class="summary-list__row">
                <dt>{k.col_due}</dt>
                <dd>
                    <DeadlineText deadline=c.item.deadline.clone() no_due=k.due_none />
                </dd>
            </div>
            {decided}
        </dl>
        {c.supplement_overdue.then(|| view! { <p class="panel panel--warning">{k.supplement_overdue}</p> })}
        {items}
        {supplied}
        {rating}
        <ClerkActions
            number=c.item.number.clone()
            actions=c.actions
            targets
            done
            changed
            refresh
        />
        <section class="section" aria-labelledby="desk-applicant">
            <h2 id="desk-applicant">{k.applicant}</h2>
            <dl class="summary-list">
                {row(k.applicant_name, c.applicant_name)}
                {row(k.applicant_phone, c.applicant_phone)}
                {row(k.delivery, c.delivery)}
            </dl>
        </section>
        <section class="section" aria-labelledby="desk-fields">
            <h2 id="desk-fields">{k.fields}</h2>
            {fields}
        </section>
        <section class="section" aria-labelledby="desk-materials">
            <h2 id="desk-materials">{k.materials}</h2>
            <ul class="plain-list">{materials}</ul>
        </section>
        <section class="section">
            <Timeline entries=c.timeline title=k.timeline title_id="desk-timeline".to_string() empty=k.timeline_empty level=2 />
        </section>
        <ul class="link-list">
            <li>
                <A href="/clerk">{k.back_to_list}</A>
            </li>
        </ul>
    }
}

fn row_owned(label: String, value: String) -> impl IntoView {
    view! {
        <div class="summary-list__row">
            <dt>{label}</dt>
            <dd>{value}</dd>
        </div>
    }
}
