//! 确认预约: the chosen slot, hall and the citizen's verified profile (masked), then one
//! submit. The `Idempotency-Key` is made once per confirmation and kept in sessionStorage, so a
//! retried submit (a lost answer, a double tap, a reload) never books twice. A slot that filled
//! meanwhile (409 `slot_full`) says so and offers the nearest free slots instead.

use crate::api;
use crate::components::remote::Remote;
use crate::components::require_login::RequireLogin;
use crate::i18n::booking::t;
use crate::pages::book::BookingParams;
use crate::session::use_session;
use crate::title::set_title;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use lianban_core::appointments::{nearest_free, Slot};
use lianban_core::booking::SlotId;
use lianban_core::identity::mask_name;

#[component]
pub fn BookConfirmPage() -> impl IntoView {
    view! {
        <RequireLogin>
            <ConfirmBooking />
        </RequireLogin>
    }
}

#[component]
fn ConfirmBooking() -> impl IntoView {
    let q = use_query_map();
    let slot = Memo::new(move |_| q.with(|m| m.get("slot").unwrap_or_default()));
    let params = Memo::new(move |_| q.with(BookingParams::from_query));
    move || {
        let slot = slot.get();
        let params = params.get_untracked();
        match SlotId::parse(&slot) {
            Ok(id) => view! { <Confirm slot_id=slot id params /> }.into_any(),
            Err(_) => {
                let back = params.href("/appointments/new", "");
                view! {
                    <h1>{t().confirm_title}</h1>
                    <p>{t().slot_gone}</p>
                    <A href=back attr:class="button">{t().choose_again}</A>
                }
                .into_any()
            }
        }
    }
}

#[component]
fn Confirm(slot_id: String, id: SlotId, params: BookingParams) -> impl IntoView {
    let l = t();
    let slot = slot_id;
    let session = use_session();
    let navigate = use_navigate();
    let reschedule: Option<i64> = params.reschedule.parse().ok();
    let title = if reschedule.is_some() {
        l.confirm_reschedule_title
    } else {
        l.confirm_title
    };
    set_title(title);
    let date = id.date().to_string();
    let (hall_id, category) = (id.hall().to_string(), id.category().to_string());
    let info = api::resource(move || {
        let hall = api::hall(&hall_id);
        let slots = api::hall_slots(&hall_id, &category, &date);
        async move {
            let (hall, slots) = futures::future::join(hall, slots).await;
            Ok::<_, api::ApiFailure>((hall?, slots?.items))
        }
    });
    let busy = RwSignal::new(false);
    let full = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let storage_name = format!(
        "lianban.booking-key.{slot}.{}.{}",
        params.matter, params.reschedule
    );
    let matter = (!params.matter.is_empty()).then(|| params.matter.clone());
    let submit = {
        let slot = slot.clone();
        let navigate = navigate.clone();
        move |_| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            problem.set(None);
            let key = idempotency_key(&storage_name);
            let (slot, matter, name) = (slot.clone(), matter.clone(), storage_name.clone());
            let navigate = navigate.clone();
            leptos::task::spawn_local(async move {
                let result = match reschedule {
                    Some(old) => api::reschedule(old, &slot, &key).await,
                    None => api::book(&slot, matter.as_deref(), &key).await,
                };
                busy.set(false);
                match result {
                    Ok(a) => {
                        forget_key(&name);
                        navigate(
                            &format!("/appointments/{}", a.id),
                            NavigateOptions {
                                replace: true,
                                ..Default::default()
                            },
                        );
                    }
                    // The login ended: the guard sends the citizen to log in and back here.
                    Err(r) if r.status == 401 => session.set(None),
                    Err(r) if r.code == "slot_full" => {
                        forget_key(&name);
                        full.set(true);
                        info.refetch();
                    }
                    // Unreached (status 0): the key is kept, so trying again is safe.
                    Err(r) => problem.set(Some(r.message)),
                }
            });
        }
    };
    let back = params.href("/appointments/new", "");
    let profile = move || {
        session.current().map(|me| {
            let person = match (me.verified, me.name.as_deref()) {
                (true, Some(name)) => format!(
                    "{} {}",
                    mask_name(name),
                    me.id_number_masked.clone().unwrap_or_default()
                ),
                _ => String::new(),
            };
            let verified = me.verified;
            view! {
                <div class="summary-list__row">
                    <dt>{l.field_person}</dt>
                    <dd>
                        {(!person.is_empty()).then(|| view! { <p class="summary-list__value mono">{person.clone()}</p> })}
                        <p class="summary-list__value mono">{me.phone_masked.clone()}</p>
                        {(!verified).then(|| view! { <p class="summary-list__value hint">{l.unverified}</p> })}
                    </dd>
                </div>
            }
        })
    };
    let start = lianban_core::booking::clock(id.start());
    let alternatives = {
        let params = params.clone();
        let navigate = navigate.clone();
        move |slots: &[Slot]| {
            let options: Vec<Slot> = nearest_free(slots, &start, 3)
                .into_iter()
                .cloned()
                .collect();
            if options.is_empty() {
                return view! { <p>{l.slot_full_none}</p> }.into_any();
            }
            view! {
                <p>{l.slot_full_detail}</p>
                <div class="actions">
                    {options
                        .into_iter()
                        .map(|s| {
                            let href = params.href("/appointments/confirm", &s.id);
                            let navigate = navigate.clone();
                            view! {
                                <button
                                    type="button"
                                    class="button button--secondary"
                                    on:click=move |_| {
                                        full.set(false);
                                        navigate(&href, NavigateOptions { replace: true, ..Default::default() })
                                    }
                                >
                                    {(l.use_slot)(&s.start, &s.end, s.remaining)}
                                </button>
                            }
                        })
                        .collect::<Vec<_>>()}
                </div>
            }
            .into_any()
        }
    };
    let matter_code = params.matter.clone();
    view! {
        <h1>{title}</h1>
        <p class="lead">{l.confirm_intro}</p>
        <Remote
            resource=info
            render=move |(hall, slots)| {
                let this = slots.iter().find(|s| s.id == slot).cloned();
                let category = hall
                    .categories
                    .iter()
                    .find(|c| c.id == id.category())
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
                let matter = hall
                    .matters
                    .iter()
                    .find(|m| m.code == matter_code)
                    .map(|m| m.name.clone());
                let when = this
                    .as_ref()
                    .map(|s| l.when(&s_date(&id), &s.start, &s.end))
                    .unwrap_or_default();
                let usable = this.as_ref().is_some_and(|s| s.open);
                let provisional = this
                    .as_ref()
                    .is_some_and(|s| s.provisional)
                    .then(|| view! { <p class="summary-list__value hint">{(l.provisional_note)(&[id.date().year()])}</p> });
                // Already full when the page opens counts the same as a 409 on submit.
                let full_now = full.get_untracked() || this.as_ref().is_some_and(|s| s.remaining == 0);
                view! {
                    {full_now
                        .then(|| {
                            view! {
                                <div class="panel panel--error" role="alert">
                                    <h2 class="panel__title">{l.slot_full_title}</h2>
                                    {alternatives(&slots)}
                                </div>
                            }
                        })}
                    <dl class="summary-list">
                        <div class="summary-list__row">
                            <dt>{l.field_time}</dt>
                            <dd>
                                <p class="summary-list__value">{when}</p>
                                {provisional}
                            </dd>
                        </div>
                        <div class="summary-list__row">
                            <dt>{l.field_hall}</dt>
                            <dd>
                                <p class="summary-list__value">{hall.hall.name.clone()}</p>
                                <p class="summary-list__value">{hall.hall.address.clone()}</p>
                            </dd>
                        </div>
                        <div class="summary-list__row">
                            <dt>{l.field_category}</dt>
                            <dd>{category}</dd>
                        </div>
                        {matter
                            .map(|m| {
                                view! {
                                    <div class="summary-list__row">
                                        <dt>{l.field_matter}</dt>
                                        <dd>{m}</dd>
                                    </div>
                                }
                            })}
                        {profile}
                    </dl>
                    {(!usable && !full_now).then(|| view! { <p class="panel panel--error" role="alert">{l.slot_gone}</p> })}
                }
            }
        />
        <div class="section">
            {move || {
                problem
                    .get()
                    .map(|m| {
                        view! {
                            <div class="panel panel--error" role="alert">
                                <h2 class="panel__title">{l.refused_title}</h2>
                                <p>{m}</p>
                            </div>
                        }
                    })
            }}
            <button type="button" class="button button--wide" disabled=busy on:click=submit>
                {move || {
                    if busy.get() {
                        l.submitting
                    } else if reschedule.is_some() {
                        l.submit_reschedule
                    } else {
                        l.submit
                    }
                }}
            </button>
            <p>
                <A href=back>{l.choose_again}</A>
            </p>
        </div>
    }
}

fn s_date(id: &SlotId) -> String {
    id.date().to_string()
}

/// The key of this confirmation: made on the first submit and kept until it books, so every
/// retry sends the same one.
fn idempotency_key(name: &str) -> String {
    let storage = web_sys::window().and_then(|w| w.session_storage().ok().flatten());
    if let Some(key) = storage
        .as_ref()
        .and_then(|s| s.get_item(name).ok().flatten())
    {
        return key;
    }
    let random = |scale: f64| (js_sys::Math::random() * scale) as u64;
    let key = format!(
        "bk-{:x}-{:x}-{:x}",
        js_sys::Date::now() as u64,
        random(4_294_967_296.0),
        random(4_294_967_296.0)
    );
    if let Some(s) = storage {
        let _ = s.set_item(name, &key);
    }
    key
}

fn forget_key(name: &str) {
    if let Some(s) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = s.remove_item(name);
    }
}
