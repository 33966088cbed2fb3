//! One appointment in 我的预约: when (the link to its check-in code), status, hall and
//! window, and while it can still change, 改约 and 取消预约.

use crate::components::cancel_appointment::CancelAppointment;
use crate::i18n::booking::t;
use crate::url::query;
use leptos::prelude::*;
use leptos_router::components::A;
use lianban_core::appointments::{Appointment, AppointmentStatus};

/// The booking page in 改约 mode: a new slot of the same hall and business category.
pub fn reschedule_href(a: &Appointment) -> String {
    let id = a.id.to_string();
    format!(
        "/appointments/new{}",
        query([
            ("hall", a.hall_id.as_str()),
            ("category", a.category.as_str()),
            ("reschedule", id.as_str()),
        ])
    )
}

#[component]
pub fn AppointmentCard(
    appointment: Appointment,
    on_change: Callback<Appointment>,
) -> impl IntoView {
    let l = t();
    let a = appointment;
    let tag = match a.status {
        AppointmentStatus::Booked => "tag tag--success",
        AppointmentStatus::NoShow => "tag tag--warning",
        _ => "tag tag--muted",
    };
    let actions = a.changeable.then(|| {
        let href = reschedule_href(&a);
        view! {
            <div class="actions">
                <A href=href attr:class="button button--secondary">{l.reschedule}</A>
                <CancelAppointment appointment=a.clone() on_done=on_change />
            </div>
        }
    });
    view! {
        <li class="card">
            <h3 class="card__title">
                <A href=format!("/appointments/{}", a.id)>{l.when(&a.date, &a.start, &a.end)}</A>
            </h3>
            <p class="card__meta">
                <span class=tag>{l.status(a.status)}</span>
                " "
                {a.category_name.clone()}
            </p>
            <p class="card__text">{a.hall_name.clone()}</p>
            {a.matter_name.clone().map(|m| view! { <p class="card__meta">{m}</p> })}
            {actions}
        </li>
    }
}
