//! The clerk's buttons on a sub-case: only those the server lists in `actions`. An action
//! that carries something asks for it first (a reason, a result, the supplement items, how
//! the result was delivered), then every action asks for confirmation in a second step
//! (确认受理？). The Idempotency-Key is made when the confirmation is asked and kept while the
//! same confirmation is retried after a network failure, so a double tap or a retry records
//! one event; going back to change the input, or any answer of the server, drops it.

use super::{to_login, ClerkField};
use crate::api;
use crate::components::case_view::new_action_key;
use crate::components::error_summary::{focus_id, ErrorSummary, FormErrors};
use crate::i18n::clerk;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use lianban_core::cases::view::{describe, ClerkCase, ClerkProfile};
use lianban_core::cases::{
    Action, ActionKind, Actor, Conclusion, DeliveryMethod, Event, SupplementItem, SupplementKind,
    MAX_ITEM_NAME_CHARS, MAX_REASON_CHARS, MAX_RESULT_CHARS, MAX_SUPPLEMENT_ITEMS,
};
use std::cell::RefCell;
use std::collections::HashMap;

const REASON: &str = "action-reason";
const RESULT: &str = "action-result";
const TRACKING: &str = "action-tracking";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    Choosing,
    Filling(ActionKind),
    Confirming(ActionKind),
}

/// Whether an action carries something the clerk types.
fn needs_input(kind: ActionKind) -> bool {
    use ActionKind::*;
    matches!(
        kind,
        Refuse | NotApprove | Approve | AcceptAndConclude | RequestSupplement | Deliver
    )
}

/// Something of the case a supplement item can be about, so that the citizen answers it in
/// place: a form answer they correct (`fields.<id>`) or a material they upload again
/// (`materials.<key>`).
#[derive(Clone, PartialEq, Eq)]
pub struct ItemTarget {
    pub target: String,
    /// The name the citizen knows it by: the field's label or the material's name.
    pub name: String,
    pub is_field: bool,
}

/// The case's form answers, then its materials.
pub fn item_targets(case: &ClerkCase) -> Vec<ItemTarget> {
    let fields = case.fields.iter().map(|f| ItemTarget {
        target: format!("fields.{}", f.id),
        name: f.label.clone(),
        is_field: true,
    });
    let materials = case.materials.iter().map(|m| ItemTarget {
        target: format!("materials.{}", m.key),
        name: m.name.clone(),
        is_field: false,
    });
    fields.chain(materials).collect()
}

/// One supplement item being written.
#[derive(Clone, Copy)]
struct ItemDraft {
    key: u32,
    kind: RwSignal<String>,
    /// `""` for something outside the form and the materials.
    target: RwSignal<String>,
    name: RwSignal<String>,
    reason: RwSignal<String>,
}

impl ItemDraft {
    fn new(key: u32) -> ItemDraft {
        ItemDraft {
            key,
            kind: RwSignal::new(SupplementKind::Missing.as_str().to_string()),
            target: RwSignal::new(String::new()),
            name: RwSignal::new(String::new()),
            reason: RwSignal::new(String::new()),
        }
    }
}

/// A stable element id for an item's field (the error summary links to it by id).
fn item_id(part: &'static str, key: u32) -> &'static str {
    thread_local! {
        static IDS: RefCell<HashMap<(&'static str, u32), &'static str>> = RefCell::new(HashMap::new());
    }
    IDS.with(|ids| {
        *ids.borrow_mut()
            .entry((part, key))
            .or_insert_with(|| Box::leak(format!("item-{key}-{part}").into_boxed_str()))
    })
}

/// What the confirmation repeats of an action: the reason, the result, the items.
fn summary(action: &Action) -> Option<String> {
    let event = Event {
        at: 0,
        actor: Actor::System,
        action: action.clone(),
        note: None,
    };
    describe(&event).1
}

#[component]
pub fn ClerkActions(
    number: String,
    actions: Vec<ActionKind>,
    /// What a supplement item may be about.
    targets: Vec<ItemTarget>,
    done: RwSignal<Option<String>>,
    changed: Callback<ClerkCase>,
    refresh: Callback<()>,
) -> impl IntoView {
    let l = t();
    let c = clerk::t();
    let hall = StoredValue::new(
        use_context::<ClerkProfile>()
            .map(|p| (p.hall_id, p.hall_name))
            .filter(|(id, _)| !id.is_empty()),
    );
    let number = StoredValue::new(number);
    let actions = StoredValue::new(actions);
    let targets = StoredValue::new(targets);
    // A 401 from an action: the clerk's session ended meanwhile.
    let ended = RwSignal::new(false);
    let navigate = use_navigate();
    Effect::new(move |_| {
        if ended.get() {
            to_login(&navigate);
        }
    });
    let stage = RwSignal::new(Stage::Choosing);
    let reason = RwSignal::new(String::new());
    let result = RwSignal::new(String::new());
    let tracking = RwSignal::new(String::new());
    let posted = RwSignal::new(hall.with_value(Option::is_none));
    let next_item = StoredValue::new(1u32);
    let items = RwSignal::new(vec![ItemDraft::new(0)]);
    let errors = FormErrors::new(&[REASON, RESULT, TRACKING, ""]);
    let pending = StoredValue::new(None::<(Action, String)>);
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);

    // The action as typed, or the problems next to their fields.
    let build = move |kind: ActionKind| -> Option<Action> {
        errors.clear();
        let required = |id: &'static str, value: RwSignal<String>, missing: &'static str| {
            let v = value.get_untracked().trim().to_string();
            if v.is_empty() {
                errors.set(id, Some(missing.to_string()));
                None
            } else {
                Some(v)
            }
        };
        match kind {
            ActionKind::Accept => Some(Action::Accept),
            ActionKind::StartReview => Some(Action::StartReview),
            ActionKind::Refuse => {
                required(REASON, reason, c.reason_missing).map(|reason| Action::Refuse { reason })
            }
            ActionKind::NotApprove => required(REASON, reason, c.reason_missing)
                .map(|reason| Action::NotApprove { reason }),
            ActionKind::Approve => {
                required(RESULT, result, c.result_missing).map(|result| Action::Approve { result })
            }
            ActionKind::AcceptAndConclude => {
                required(RESULT, result, c.result_missing).map(|result| Action::AcceptAndConclude {
                    conclusion: Conclusion::Approved { result },
                })
            }
            ActionKind::RequestSupplement => {
                let mut out = Vec::new();
                let mut bad = false;
                for item in items.get_untracked() {
                    let name = required(item_id("name", item.key), item.name, c.item_name_missing);
                    let why = required(
                        item_id("reason", item.key),
                        item.reason,
                        c.item_reason_missing,
                    );
                    let kind = SupplementKind::ALL
                        .into_iter()
                        .find(|k| k.as_str() == item.kind.get_untracked())
                        .unwrap_or(SupplementKind::Missing);
                    let target = Some(item.target.get_untracked()).filter(|t| !t.is_empty());
                    match (name, why) {
                        (Some(name), Some(reason)) => out.push(SupplementItem {
                            kind,
                            name,
                            target,
                            reason,
                        }),
                        _ => bad = true,
                    }
                }
                (!bad && !out.is_empty()).then_some(Action::RequestSupplement { items: out })
            }
            ActionKind::Deliver => {
                if posted.get_untracked() {
                    required(TRACKING, tracking, c.tracking_number_missing).map(|tracking_number| {
                        Action::Deliver {
                            how: DeliveryMethod::Posted { tracking_number },
                        }
                    })
                } else {
                    hall.get_value().map(|(hall_id, _)| Action::Deliver {
                        how: DeliveryMethod::Collected { hall_id },
                    })
                }
            }
            // Citizens' actions: never in a clerk's list.
            ActionKind::ProvideSupplement | ActionKind::Withdraw => None,
        }
    };
    let confirm_step = move |kind: ActionKind| match build(kind) {
        Some(action) => {
            pending.set_value(Some((action, new_action_key())));
            problem.set(None);
            stage.set(Stage::Confirming(kind));
            request_animation_frame(|| focus_id("desk-confirm"));
        }
        None => errors.failed(),
    };
    let choose = move |kind: ActionKind| {
        done.set(None);
        problem.set(None);
        errors.clear();
        if needs_input(kind) {
            stage.set(Stage::Filling(kind));
            request_animation_frame(|| focus_id("desk-form"));
        } else {
            confirm_step(kind);
        }
    };
    let back = move |kind: ActionKind| {
        pending.set_value(None);
        problem.set(None);
        stage.set(if needs_input(kind) {
            Stage::Filling(kind)
        } else {
            Stage::Choosing
        });
    };
    let send = move |kind: ActionKind| {
        if busy.get_untracked() {
            return;
        }
        let Some((action, key)) = pending.get_value() else {
            return;
        };
        busy.set(true);
        problem.set(None);
        let number = number.get_value();
        leptos::task::spawn_local(async move {
            let answer = api::clerk_action(&number, &action, &key).await;
            busy.set(false);
            match answer {
                Ok(case) => {
                    pending.set_value(None);
                    stage.set(Stage::Choosing);
                    reason.set(String::new());
                    result.set(String::new());
                    done.set(Some((c.done)(kind.label())));
                    changed.run(case);
                }
                // Not answered: the same key goes again with the next tap.
                Err(r) if r.status == 0 => problem.set(Some(r.message)),
                Err(r) if r.status == 401 => ended.set(true),
                Err(r) if r.status == 422 && needs_input(kind) => {
                    pending.set_value(None);
                    let placed = errors.place_fields(
                        &r,
                        &[
                            ("reason", REASON),
                            ("result", RESULT),
                            ("tracking_number", TRACKING),
                        ],
                    );
                    if !placed {
                        errors.set("", Some(r.message));
                    }
                    stage.set(Stage::Filling(kind));
                    errors.failed();
                }
                // 409 and the rest: the case moved on; the message says how it stands.
                Err(r) => {
                    pending.set_value(None);
                    stage.set(Stage::Choosing);
                    done.set(Some(r.message));
                    refresh.run(());
                }
            }
        });
    };

    let buttons = move || {
        let actions = actions.get_value();
        if actions.is_empty() {
            return view! { <p class="empty">{c.no_actions}</p> }.into_any();
        }
        view! {
            <div class="actions">
                {actions
                    .iter()
                    .map(|&kind| {
                        let class = if matches!(kind, ActionKind::Refuse | ActionKind::NotApprove) {
                            "button button--secondary"
                        } else {
                            "button"
                        };
                        view! {
                            <button type="button" class=class on:click=move |_| choose(kind)>
                                {kind.label()}
                            </button>
                        }
                    })
                    .collect::<Vec<_>>()}
            </div>
        }
        .into_any()
    };

    let form = move |kind: ActionKind| {
        let fields = match kind {
            ActionKind::Refuse | ActionKind::NotApprove => view! {
                <ClerkField
                    id=REASON
                    label=c.reason
                    hint=c.reason_hint
                    value=reason
                    error=Signal::derive(move || errors.get(REASON))
                    long=true
                    maxlength=MAX_REASON_CHARS as u32
                />
            }
            .into_any(),
            ActionKind::Approve | ActionKind::AcceptAndConclude => view! {
                <ClerkField
                    id=RESULT
                    label=c.result
                    hint=c.result_hint
                    value=result
                    error=Signal::derive(move || errors.get(RESULT))
                    maxlength=MAX_RESULT_CHARS as u32
                />
            }
            .into_any(),
            ActionKind::RequestSupplement => {
                view! { <ItemsForm items next_item targets errors /> }.into_any()
            }
            ActionKind::Deliver => {
                let collected = hall.get_value().map(|(_, name)| {
                    view! {
                        <label class="choice">
                            <input
                                type="radio"
                                name="deliver-how"
                                prop:checked=move || !posted.get()
                                on:change=move |_| posted.set(false)
                            />
                            <span class="choice__main">{(c.deliver_collected)(&name)}</span>
                        </label>
                    }
                });
                view! {
                    <fieldset class="field form-field">
                        <legend class="form-field__label">{c.deliver_how}</legend>
                        {collected}
                        <label class="choice">
                            <input
                                type="radio"
                                name="deliver-how"
                                prop:checked=move || posted.get()
                                on:change=move |_| posted.set(true)
                            />
                            <span class="choice__main">{c.deliver_posted}</span>
                        </label>
                    </fieldset>
                    <Show when=move || posted.get()>
                        <ClerkField
                            id=TRACKING
                            label=c.tracking_number
                            value=tracking
                            error=Signal::derive(move || errors.get(TRACKING))
                            maxlength=64
                        />
                    </Show>
                }
                .into_any()
            }
            _ => ().into_any(),
        };
        view! {
            <ErrorSummary errors title=l.clerk_title />
            <form
                class="form"
                novalidate
                on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    confirm_step(kind);
                }
            >
                <h3 id="desk-form" tabindex="-1">{kind.label()}</h3>
                {fields}
                <div class="actions">
                    <button type="submit" class="button">{c.next}</button>
                    <button
                        type="button"
                        class="button button--secondary"
                        on:click=move |_| {
                            errors.clear();
                            stage.set(Stage::Choosing);
                        }
                    >
                        {c.cancel}
                    </button>
                </div>
            </form>
        }
        .into_any()
    };

    let confirm = move |kind: ActionKind| {
        let detail = pending
            .with_value(|p| p.as_ref().and_then(|(a, _)| summary(a)))
            .map(|d| view! { <p id="desk-confirm-detail">{d}</p> });
        view! {
            <div
                class="panel panel--warning confirm"
                role="alertdialog"
                aria-labelledby="desk-confirm"
                aria-describedby="desk-confirm-detail"
            >
                <h3 id="desk-confirm" class="panel__title" tabindex="-1">
                    {(c.confirm_title)(kind.label())}
                </h3>
                {detail}
                {move || problem.get().map(|m| view! { <p class="form-field__error" role="alert">{m}</p> })}
                <div class="actions">
                    <button type="button" class="button" disabled=busy on:click=move |_| send(kind)>
                        {move || if busy.get() { c.sending.to_string() } else { (c.confirm_yes)(kind.label()) }}
                    </button>
                    <button type="button" class="button button--secondary" on:click=move |_| back(kind)>
                        {c.confirm_back}
                    </button>
                </div>
            </div>
        }
        .into_any()
    };

    view! {
        <section class="section" aria-labelledby="desk-actions">
            <h2 id="desk-actions">{c.actions}</h2>
            <p class="form__status" role="status">{move || done.get()}</p>
            {move || match stage.get() {
                Stage::Choosing => buttons().into_any(),
                Stage::Filling(kind) => form(kind),
                Stage::Confirming(kind) => confirm(kind),
            }}
        </section>
    }
}

/// 补正内容: one or more items, each with its kind, the material or field, and what to do.
#[component]
fn ItemsForm(
    items: RwSignal<Vec<ItemDraft>>,
    next_item: StoredValue<u32>,
    targets: StoredValue<Vec<ItemTarget>>,
    errors: FormErrors,
) -> impl IntoView {
    let c = clerk::t();
    let add = move |_| {
        let key = next_item.get_value();
        next_item.set_value(key + 1);
        items.update(|list| list.push(ItemDraft::new(key)));
        request_animation_frame(move || focus_id(item_id("name", key)));
    };
    let list = move || {
        let all = items.get();
        let several = all.len() > 1;
        all.into_iter()
            .enumerate()
            .map(|(i, item)| {
                let kind_id = item_id("kind", item.key);
                let about_id = item_id("about", item.key);
                let about_hint = item_id("about-hint", item.key);
                let name_id = item_id("name", item.key);
                let reason_id = item_id("reason", item.key);
                let options = SupplementKind::ALL
                    .into_iter()
                    .map(|k| {
                        view! {
                            <option value=k.as_str() selected=move || item.kind.get() == k.as_str()>
                                {k.label()}
                            </option>
                        }
                    })
                    .collect::<Vec<_>>();
                let abouts = targets.with_value(|all| {
                    all.iter()
                        .map(|t| {
                            let value = t.target.clone();
                            let chosen = value.clone();
                            let text = if t.is_field {
                                (c.item_about_field)(&t.name)
                            } else {
                                (c.item_about_material)(&t.name)
                            };
                            view! {
                                <option value=value selected=move || item.target.get() == chosen>
                                    {text}
                                </option>
                            }
                        })
                        .collect::<Vec<_>>()
                });
                // Choosing what it is about names it, and a form answer is one to correct.
                let about = move |ev| {
                    let value = event_target_value(&ev);
                    if let Some(t) =
                        targets.with_value(|all| all.iter().find(|t| t.target == value).cloned())
                    {
                        item.name.set(t.name);
                        if t.is_field {
                            item.kind
                                .set(SupplementKind::NeedsCorrection.as_str().to_string());
                        }
                    }
                    item.target.set(value);
                };
                let remove = move |_| items.update(|list| list.retain(|d| d.key != item.key));
                view! {
                    <fieldset class="field supplement-item">
                        <legend class="form-field__label">{(c.item_heading)(i + 1)}</legend>
                        <div class="form-field">
                            <label class="form-field__label" for=kind_id>{c.item_kind}</label>
                            <select
                                id=kind_id
                                class="input select"
                                on:change=move |ev| item.kind.set(event_target_value(&ev))
                            >
                                {options}
                            </select>
                        </div>
                        <div class="form-field">
                            <label class="form-field__label" for=about_id>{c.item_about}</label>
                            <p class="form-field__hint" id=about_hint>{c.item_about_hint}</p>
                            <select
                                id=about_id
                                class="input select"
                                aria-describedby=about_hint
                                on:change=about
                            >
                                <option value="" selected=move || item.target.get().is_empty()>
                                    {c.item_about_other}
                                </option>
                                {abouts}
                            </select>
                        </div>
                        <ClerkField
                            id=name_id
                            label=c.item_name
                            value=item.name
                            error=Signal::derive(move || errors.get(name_id))
                            maxlength=MAX_ITEM_NAME_CHARS as u32
                        />
                        <ClerkField
                            id=reason_id
                            label=c.item_reason
                            value=item.reason
                            error=Signal::derive(move || errors.get(reason_id))
                            long=true
                            maxlength=MAX_REASON_CHARS as u32
                        />
                        {several.then(|| view! {
                            <button type="button" class="button button--secondary" on:click=remove>
                                {(c.item_remove)(i + 1)}
                            </button>
                        })}
                    </fieldset>
                }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <p class="hint">{c.items_hint}</p>
        {list}
        <button
            type="button"
            class="button button--secondary"
            disabled=move || items.with(|l| l.len() >= MAX_SUPPLEMENT_ITEMS)
            on:click=add
        >
            {c.item_add}
        </button>
    }
}
