//! 预约办理, choosing: hall → business category → day and slot, each step its own URL
//! (`/appointments/new?hall=&category=&matter=`), so Back, reload and QR posters land on it.
//! From a matter's guide the category is preset and only its halls are offered; in 改约 mode
//! (`reschedule=`) hall and category are fixed and only the slot is chosen.

use crate::api;
use crate::channel::Channel;
use crate::components::hall_choice::HallChoice;
use crate::components::remote::Remote;
use crate::components::slot_picker::SlotPicker;
use crate::i18n::t;
use crate::pages::hall::map_link;
use crate::title::set_title;
use crate::url::query;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use lianban_core::appointments::Slot;

/// The parameters the booking pages carry along.
#[derive(Clone, Default, PartialEq)]
pub struct BookingParams {
    pub hall: String,
    pub category: String,
    pub matter: String,
    pub reschedule: String,
}

impl BookingParams {
    /// The parameters as the URL carries them (every booking page reads the same ones).
    pub fn from_query(m: &leptos_router::params::ParamsMap) -> BookingParams {
        BookingParams {
            hall: m.get("hall").unwrap_or_default(),
            category: m.get("category").unwrap_or_default(),
            matter: m.get("matter").unwrap_or_default(),
            reschedule: m.get("reschedule").unwrap_or_default(),
        }
    }

    pub fn href(&self, path: &str, slot: &str) -> String {
        format!(
            "{path}{}",
            query([
                ("hall", self.hall.as_str()),
                ("category", self.category.as_str()),
                ("matter", self.matter.as_str()),
                ("reschedule", self.reschedule.as_str()),
                ("slot", slot),
            ])
        )
    }
}

#[component]
pub fn BookPage() -> impl IntoView {
    let q = use_query_map();
    let params = Memo::new(move |_| q.with(BookingParams::from_query));
    let l = crate::i18n::booking::t();
    let title = move || {
        if params.with(|p| p.reschedule.is_empty()) {
            l.new_title
        } else {
            l.reschedule_title
        }
    };
    Effect::new(move |_| set_title(title()));
    let step = move || {
        let p = params.get();
        if p.hall.is_empty() {
            view! { <ChooseHall params=p /> }.into_any()
        } else if p.category.is_empty() {
            view! { <ChooseCategory params=p /> }.into_any()
        } else {
            view! { <ChooseSlot params=p /> }.into_any()
        }
    };
    view! {
        <h1>{title}</h1>
        {move || (!params.with(|p| p.reschedule.is_empty())).then(|| view! { <p class="lead">{l.reschedule_intro}</p> })}
        {step}
    }
}

fn step_heading(at: u8, of: u8, name: &'static str) -> impl IntoView {
    view! {
        <p class="eyebrow">{(crate::i18n::booking::t().step_of)(at, of)}</p>
        <h2>{name}</h2>
    }
}

#[component]
fn ChooseHall(params: BookingParams) -> impl IntoView {
    let l = crate::i18n::booking::t();
    // From a matter: only the halls that handle it.
    let matter = params.matter.clone();
    let halls = api::resource(move || {
        let of_matter = (!matter.is_empty()).then(|| api::matter(&matter));
        let all = of_matter.is_none().then(api::halls);
        async move {
            match (of_matter, all) {
                (Some(m), _) => m.await.map(|m| (Some(m.matter.name), m.halls)),
                (_, Some(a)) => a.await.map(|p| (None, p.items)),
                _ => Ok((None, Vec::new())),
            }
        }
    });
    let href = Callback::new(move |hall: String| {
        BookingParams {
            hall,
            ..params.clone()
        }
        .href("/appointments/new", "")
    });
    view! {
        {step_heading(1, 3, l.step_hall)}
        <Remote
            resource=halls
            render=move |(matter, halls)| {
                let matter = matter
                    .map(|m| {
                        view! {
                            <p>
                                {l.for_matter} {t().label_colon} <strong>{m}</strong>
                            </p>
                        }
                    });
                if halls.is_empty() {
                    return view! { {matter} <p class="empty">{l.halls_empty}</p> }.into_any();
                }
                view! { {matter} <HallChoice halls href /> }.into_any()
            }
        />
    }
}

#[component]
fn ChooseCategory(params: BookingParams) -> impl IntoView {
    let l = crate::i18n::booking::t();
    let id = params.hall.clone();
    let hall = api::resource(move || api::hall(&id));
    view! {
        {step_heading(2, 3, l.step_category)}
        <Remote
            resource=hall
            render=move |d| {
                let params = params.clone();
                let change = BookingParams { hall: String::new(), ..params.clone() }.href("/appointments/new", "");
                view! {
                    <p>
                        <strong>{d.hall.name.clone()}</strong>
                        " "
                        <A href=change>{l.change_hall}</A>
                    </p>
                    <p class="hint">{l.category_hint}</p>
                    <ul class="menu">
                        {d
                            .categories
                            .into_iter()
                            .map(|c| {
                                let href = BookingParams { category: c.id, ..params.clone() }
                                    .href("/appointments/new", "");
                                view! {
                                    <li>
                                        <A href=href>
                                            <span class="menu__name">{c.name}</span>
                                        </A>
                                    </li>
                                }
                            })
                            .collect::<Vec<_>>()}
                    </ul>
                }
            }
        />
    }
}

#[component]
fn ChooseSlot(params: BookingParams) -> impl IntoView {
    let l = crate::i18n::booking::t();
    let id = params.hall.clone();
    let hall = api::resource(move || api::hall(&id));
    let selected = RwSignal::new(None::<Slot>);
    let missing = RwSignal::new(false);
    let navigate = use_navigate();
    let initial_date = use_query_map().with_untracked(|m| m.get("date"));
    let fixed = !params.reschedule.is_empty();
    let next_params = params.clone();
    let next = move |_| match selected.get_untracked() {
        Some(s) => navigate(
            &next_params.href("/appointments/confirm", &s.id),
            Default::default(),
        ),
        None => missing.set(true),
    };
    Effect::new(move |_| {
        if selected.get().is_some() {
            missing.set(false);
        }
    });
    let header_params = params.clone();
    let channel = use_context::<Channel>().unwrap_or(Channel::Browser);
    view! {
        {step_heading(3, 3, l.step_time)}
        <Remote
            resource=hall
            render=move |d| {
                let category = d
                    .categories
                    .iter()
                    .find(|c| c.id == header_params.category)
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
                let change_hall = BookingParams { hall: String::new(), category: String::new(), ..header_params.clone() }
                    .href("/appointments/new", "");
                let change_category = BookingParams { category: String::new(), ..header_params.clone() }
                    .href("/appointments/new", "");
                let map = channel.opens_external_links().then(|| map_link(&d.hall));
                view! {
                    <dl class="summary-list">
                        <div class="summary-list__row">
                            <dt>{l.field_hall}</dt>
                            <dd>
                                <p class="summary-list__value">{d.hall.name.clone()}</p>
                                <p class="summary-list__value">{d.hall.address.clone()}</p>
                                {map.map(|m| view! {
                                    <p class="summary-list__value">
                                        <a href=m target="_blank" rel="noopener">{t().hall_map}</a>
                                    </p>
                                })}
                                {(!fixed).then(|| view! { <p class="summary-list__value"><A href=change_hall>{l.change_hall}</A></p> })}
                            </dd>
                        </div>
                        <div class="summary-list__row">
                            <dt>{l.field_category}</dt>
                            <dd>
                                <p class="summary-list__value">{category}</p>
                                {(!fixed).then(|| view! { <p class="summary-list__value"><A href=change_category>{l.change_category}</A></p> })}
                            </dd>
                        </div>
                    </dl>
                }
            }
        />
        <SlotPicker hall=params.hall.clone() category=params.category.clone() initial_date=initial_date.unwrap_or_default() selected />
        <div class="section">
            {move || missing.get().then(|| view! { <p class="form-field__error" role="alert">{l.choose_slot_first}</p> })}
            <button type="button" class="button button--wide" on:click=next>
                {l.next}
            </button>
        </div>
    }
}
