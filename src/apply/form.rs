//! 一表申请 (`/themes/:id/apply/form?step=<group>`): the union of the included matters' fields,
//! each asked once, in short steps (申请人信息, 经营信息, …). The account's verified name,
//! identity number and phone are shown, not asked; an enterprise the citizen represents can
//! fill the business name. Each value is saved as it is typed.

use super::field_input::FieldInput;
use super::{focus_heading, intern, intern_list, use_flow, Flow};
use crate::api;
use crate::components::error_summary::{ErrorSummary, FormErrors};
use crate::components::require_login::login_url;
use crate::i18n::account;
use crate::i18n::t;
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use lianban_core::apply::{AccountValue, FieldDef, FieldGroup};

/// The form's steps for the current checklist, in order.
pub fn groups(flow: Flow) -> Vec<FieldGroup> {
    let ids = flow.checklist.with(|c| c.fields.clone());
    flow.kit.with_value(|k| {
        FieldGroup::ALL
            .into_iter()
            .filter(|g| {
                k.fields
                    .iter()
                    .any(|f| f.group == *g && f.from_account.is_none() && ids.contains(&f.id))
            })
            .collect()
    })
}

/// The field definitions of one step, in form order.
fn step_fields(flow: Flow, group: FieldGroup) -> Vec<FieldDef> {
    let ids = flow.checklist.with_untracked(|c| c.fields.clone());
    flow.kit.with_value(|k| {
        k.fields
            .iter()
            .filter(|f| f.group == group && ids.contains(&f.id))
            .cloned()
            .collect()
    })
}

#[component]
pub fn FormPage() -> impl IntoView {
    let flow = use_flow();
    let query = use_query_map();
    let current = Memo::new(move |_| {
        let all = groups(flow);
        let asked = query.with(|q| q.get("step"));
        let group = all
            .iter()
            .copied()
            .find(|g| asked.as_deref() == Some(g.as_str()))
            .or_else(|| all.first().copied());
        (group, all)
    });
    let from_review = move || query.with(|q| q.get("from").as_deref() == Some("review"));
    Effect::new(move |previous: Option<Option<FieldGroup>>| {
        let now = current.with(|c| c.0);
        if previous.is_some_and(|p| p != now) {
            focus_heading();
        }
        now
    });
    move || {
        let (group, all) = current.get();
        group.map(|group| {
            flow.visit(&format!("form.{}", group.as_str()));
            view! { <FormStep flow group all from_review=from_review() /> }
        })
    }
}

#[component]
fn FormStep(
    flow: Flow,
    group: FieldGroup,
    all: Vec<FieldGroup>,
    from_review: bool,
) -> impl IntoView {
    let l = crate::i18n::apply::t();
    let navigate = use_navigate();
    let defs = step_fields(flow, group);
    let (account, own): (Vec<FieldDef>, Vec<FieldDef>) =
        defs.into_iter().partition(|d| d.from_account.is_some());
    let ids: Vec<&'static str> = own.iter().map(|d| intern(&d.id)).collect();
    let errors = FormErrors::new(intern_list(ids.iter().copied().chain([""]).collect()));
    // What the server refused last time goes next to its field again.
    flow.problems.with_untracked(|p| {
        for id in &ids {
            if let Some(m) = p.get(&format!("fields.{id}")) {
                errors.set(id, Some(m.clone()));
            }
        }
    });
    let at = all.iter().position(|g| *g == group).unwrap_or(0);
    let progress = (l.form_progress)(at + 1, all.len());
    let next_href = match all.get(at + 1) {
        _ if from_review => flow.href("review"),
        Some(g) => flow.href(&format!("form.{}", g.as_str())),
        None => flow.href("materials"),
    };
    let back_href = match at.checked_sub(1) {
        Some(p) => flow.href(&format!("form.{}", all[p].as_str())),
        None => flow.href("checklist"),
    };
    let step = format!("form.{}", group.as_str());

    let values: Vec<(FieldDef, &'static str, RwSignal<String>)> = own
        .into_iter()
        .map(|d| {
            let id = intern(&d.id);
            let v = flow
                .draft
                .with_untracked(|dr| dr.content.fields.get(id).cloned().unwrap_or_default());
            (d, id, RwSignal::new(v))
        })
        .collect();

    let checks: Vec<(FieldDef, &'static str, RwSignal<String>)> = values.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let today = crate::clock::china_today();
        let mut bad = false;
        for (def, id, value) in &checks {
            let problem = def.check(&value.get_untracked(), today).err();
            bad |= problem.is_some();
            errors.set(id, problem);
        }
        if bad {
            errors.failed();
            return;
        }
        navigate(&next_href, NavigateOptions::default());
    };

    let shop_name = values
        .iter()
        .find(|(d, _, _)| d.id == "shop_name")
        .map(|(_, _, v)| *v);
    let fields = values
        .into_iter()
        .map(|(def, id, value)| {
            let step = step.clone();
            let on_change = Callback::new(move |v: String| {
                flow.change(&step, |d| {
                    if v.is_empty() {
                        d.content.fields.remove(id);
                    } else {
                        d.content.fields.insert(id.to_string(), v);
                    }
                });
            });
            view! { <FieldInput def id value errors on_change /> }
        })
        .collect::<Vec<_>>();
    let enterprise = shop_name.map(|v| view! { <EnterpriseFill flow step=step.clone() value=v /> });

    view! {
        <p class="eyebrow">{flow.kit.with_value(|k| k.theme.name.clone())}" · "{l.form_title}</p>
        <p class="progress">{progress}</p>
        <h1 id="apply-heading" tabindex="-1">{group_label(group)}</h1>
        <ErrorSummary errors title=l.form_title />
        {(!account.is_empty()).then(|| view! { <AccountFields defs=account /> })}
        {enterprise}
        <form class="form" novalidate on:submit=submit>
            {fields}
            <div class="actions">
                <button type="submit" class="button">
                    {if from_review { l.save_and_review } else { l.next_step }}
                </button>
                <A href=back_href attr:class="button button--secondary">{l.previous_step}</A>
            </div>
        </form>
    }
}

pub fn group_label(g: FieldGroup) -> &'static str {
    let l = crate::i18n::apply::t();
    match g {
        FieldGroup::Applicant => l.group_applicant,
        FieldGroup::Business => l.group_business,
        FieldGroup::Property => l.group_property,
        FieldGroup::Family => l.group_family,
        FieldGroup::Work => l.group_work,
    }
}

/// The value the account supplies for a field, masked as the profile shows it.
pub fn account_value(me: &lianban_core::account::Me, what: AccountValue) -> String {
    match what {
        AccountValue::Name => me.name.clone().unwrap_or_default(),
        AccountValue::IdNumber => me.id_number_masked.clone().unwrap_or_default(),
        AccountValue::Phone => me.phone_masked.clone(),
    }
}

/// Name, identity number and phone from the verified account: shown, never typed.
#[component]
fn AccountFields(defs: Vec<FieldDef>) -> impl IntoView {
    let l = crate::i18n::apply::t();
    let session = use_session();
    let location = use_location();
    move || match session.current() {
        Some(me) if me.verified => {
            let rows = defs
                .iter()
                .map(|d| {
                    let v = d
                        .from_account
                        .map(|a| account_value(&me, a))
                        .unwrap_or_default();
                    view! {
                        <div class="summary-list__row">
                            <dt>{d.label.clone()}</dt>
                            <dd>{v}</dd>
                        </div>
                    }
                })
                .collect::<Vec<_>>();
            view! {
                <p class="hint">{l.form_account_hint}</p>
                <dl class="summary-list">{rows}</dl>
            }
            .into_any()
        }
        Some(_) => view! {
            <div class="panel panel--notice">
                <p>{l.form_account_verify}</p>
                <A href="/me/identity">{account::t().me_verify_now}</A>
            </div>
        }
        .into_any(),
        None => {
            let here = format!("{}{}", location.pathname.get(), location.search.get());
            view! {
                <div class="panel panel--notice">
                    <p>{l.form_account_login}</p>
                    <A href=login_url(&here) attr:class="button">{t().login_title}</A>
                </div>
            }
            .into_any()
        }
    }
}

/// 以企业身份办理: fills the business name from an enterprise the citizen represents, once
/// the representation is confirmed (an unconfirmed one is only mentioned).
#[component]
fn EnterpriseFill(flow: Flow, step: String, value: RwSignal<String>) -> impl IntoView {
    let l = crate::i18n::apply::t();
    let session = use_session();
    let list = LocalResource::new(move || {
        let has = session.current().is_some_and(|me| me.enterprise_count > 0);
        let fetch = has.then(api::enterprises);
        async move {
            match fetch {
                Some(f) => f.await.map(|p| p.items).unwrap_or_default(),
                None => Vec::new(),
            }
        }
    });
    move || {
        let (items, unconfirmed): (Vec<_>, Vec<_>) = list
            .get()
            .unwrap_or_default()
            .into_iter()
            .partition(|e| e.may_act_for());
        let step = step.clone();
        (!items.is_empty() || !unconfirmed.is_empty()).then(move || {
            let buttons = items
                .into_iter()
                .map(|e| {
                    let step = step.clone();
                    let name = e.name.clone();
                    view! {
                        <li>
                            <button
                                type="button"
                                class="button button--secondary"
                                on:click=move |_| {
                                    let name = name.clone();
                                    value.set(name.clone());
                                    flow.change(&step, |d| {
                                        d.content.fields.insert("shop_name".to_string(), name);
                                    });
                                }
                            >
                                {(l.form_use_enterprise)(&e.name)}
                            </button>
                        </li>
                    }
                })
                .collect::<Vec<_>>();
            view! {
                <section class="panel" aria-labelledby="form-enterprise">
                    <h2 class="panel__title" id="form-enterprise">{l.form_enterprise}</h2>
                    {(!buttons.is_empty()).then(|| view! { <ul class="plain-list">{buttons}</ul> })}
                    {(!unconfirmed.is_empty())
                        .then(|| {
                            view! {
                                <p class="hint">
                                    {account::t().enterprise_unconfirmed_cannot_act}
                                </p>
                            }
                        })}
                </section>
            }
            .into_any()
        })
    }
}
