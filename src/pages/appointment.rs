//! One appointment (`/appointments/{id}`), where a booking lands: the check-in code and its QR
//! code, when and where (address and map link), the materials to bring when a matter was
//! chosen, an "add to calendar" file, and 改约 / 取消 while it can still change. Refreshes when
//! it becomes visible again (the status changes at check-in).

use crate::api;
use crate::channel::Channel;
use crate::components::appointment_card::reschedule_href;
use crate::components::cancel_appointment::CancelAppointment;
use crate::components::not_found::NotFound;
use crate::components::qr_code::QrCode;
use crate::components::remote::Remote;
use crate::components::require_login::RequireLogin;
use crate::i18n::{material_copies, t};
use crate::pages::hall::map_link;
use crate::title::set_title;
use crate::url::encode;
use crate::visible::on_visible;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use lianban_core::appointments::{Appointment, AppointmentStatus};
use lianban_core::date::SimpleDate;
use lianban_core::ics::{appointment_uid, ics_event, IcsEvent};

#[component]
pub fn AppointmentPage() -> impl IntoView {
    view! {
        <RequireLogin>
            <AppointmentShow />
        </RequireLogin>
    }
}

#[component]
fn AppointmentShow() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()));
    // The list is the citizen's own few records; there is no one-appointment endpoint.
    let list = api::resource(api::appointments);
    on_visible(move || list.refetch());
    let changed = Callback::new(move |_: Appointment| list.refetch());
    view! {
        <Remote
            resource=list
            standalone=true
            render=move |page| {
                match page.items.into_iter().find(|a| Some(a.id) == id()) {
                    Some(a) => view! { <Detail a changed /> }.into_any(),
                    None => view! { <NotFound message=crate::i18n::booking::t().not_found.to_string() /> }.into_any(),
                }
            }
        />
    }
}

#[component]
fn Detail(a: Appointment, changed: Callback<Appointment>) -> impl IntoView {
    let b = crate::i18n::booking::t();
    set_title(b.detail_title);
    let booked = a.status == AppointmentStatus::Booked;
    let when = b.when(&a.date, &a.start, &a.end);
    let provisional = (booked && a.provisional)
        .then(|| SimpleDate::parse_iso(&a.date))
        .flatten()
        .map(|d| view! { <p class="summary-list__value hint">{(b.provisional_note)(&[d.year()])}</p> });
    let ics = ics_link(&a);
    let actions = a.changeable.then(|| {
        view! {
            <div class="actions">
                <A href=reschedule_href(&a) attr:class="button button--secondary">{b.reschedule}</A>
                <CancelAppointment appointment=a.clone() on_done=changed />
            </div>
        }
    });
    view! {
        <h1>{b.detail_title}</h1>
        {booked.then(|| view! { <p class="panel panel--success" role="status">{b.success}</p> })}
        <section class="checkin" aria-labelledby="checkin-title">
            <h2 id="checkin-title">{b.checkin_code}</h2>
            <p class="checkin__code mono">{a.checkin_code.clone()}</p>
            {booked.then(|| view! {
                <QrCode text=format!("lianban:appointment:{}", a.checkin_code) label=b.qr_label />
                <p class="hint">{b.qr_hint}</p>
            })}
        </section>
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt>{b.field_time}</dt>
                <dd>
                    <p class="summary-list__value">{when}</p>
                    {provisional}
                    <p class="summary-list__value">
                        <span class="tag">{b.status(a.status)}</span>
                    </p>
                </dd>
            </div>
            <div class="summary-list__row">
                <dt>{b.field_hall}</dt>
                <dd>
                    <p class="summary-list__value">{a.hall_name.clone()}</p>
                    <p class="summary-list__value">{a.hall_address.clone()}</p>
                    <HallMapLink hall_id=a.hall_id.clone() />
                </dd>
            </div>
            <div class="summary-list__row">
                <dt>{b.field_category}</dt>
                <dd>{a.category_name.clone()}</dd>
            </div>
            {a.matter_name.clone().map(|m| view! {
                <div class="summary-list__row">
                    <dt>{b.field_matter}</dt>
                    <dd>{m}</dd>
                </div>
            })}
        </dl>
        {a.matter_code.clone().filter(|_| booked).map(|code| view! { <Materials code /> })}
        {booked.then(|| view! {
            <p>
                <a class="button button--secondary" href=ics download="appointment.ics">{b.add_to_calendar}</a>
            </p>
        })}
        {actions}
        <p class="more">
            <A href="/appointments">{b.back_to_mine}</A>
        </p>
    }
}

/// The hall's map link (the hall page's), once the hall's coordinates are known.
#[component]
fn HallMapLink(hall_id: String) -> impl IntoView {
    let channel = use_context::<Channel>().unwrap_or(Channel::Browser);
    let hall = api::resource(move || api::hall(&hall_id));
    move || {
        hall.get()
            .and_then(|r| r.ok())
            .filter(|_| channel.opens_external_links())
            .map(|d| {
                view! {
                    <p class="summary-list__value">
                        <a href=map_link(&d.hall) target="_blank" rel="noopener">{t().hall_map}</a>
                    </p>
                }
            })
    }
}

/// 请带齐以下材料: the chosen matter's materials from its guide.
#[component]
fn Materials(code: String) -> impl IntoView {
    let b = crate::i18n::booking::t();
    let matter = api::resource(move || api::matter(&code));
    view! {
        <section class="section" aria-labelledby="materials-title">
            <h2 id="materials-title">{b.materials}</h2>
            <Remote
                resource=matter
                render=move |m| {
                    view! {
                        <ol class="numbered">
                            {m
                                .matter
                                .materials
                                .into_iter()
                                .map(|x| {
                                    view! {
                                        <li>
                                            <strong>{x.name}</strong>
                                            " "
                                            <span class="hint">{material_copies(x.originals, x.copies)}</span>
                                        </li>
                                    }
                                })
                                .collect::<Vec<_>>()}
                        </ol>
                    }
                }
            />
        </section>
    }
}

/// A `data:` URL of the appointment's `.ics` (built in core), so no Blob API is needed.
fn ics_link(a: &Appointment) -> String {
    let b = crate::i18n::booking::t();
    let Some(date) = SimpleDate::parse_iso(&a.date) else {
        return String::new();
    };
    let uid = appointment_uid(a.id, &a.checkin_code);
    let summary = (b.ics_summary)(&a.category_name, &a.hall_name);
    let description = (b.ics_description)(
        &a.checkin_code,
        a.matter_name.as_deref().unwrap_or_default(),
    );
    let text = ics_event(&IcsEvent {
        uid: &uid,
        stamp_unix: (js_sys::Date::now() / 1000.0) as i64,
        date,
        start: &a.start,
        end: &a.end,
        summary: &summary,
        location: &a.hall_address,
        description: &description,
    });
    format!("data:text/calendar;charset=utf-8,{}", encode(&text))
}
