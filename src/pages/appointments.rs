//! 预约办理 and 我的预约: the entry (start a booking) and, when logged in, the citizen's
//! upcoming and past appointments with 改约 / 取消, their no-shows and a warning before the
//! ban on online booking applies. Refreshes when the page becomes visible again.

use crate::api;
use crate::components::appointment_card::AppointmentCard;
use crate::components::remote::{ErrorState, Loading, Remote};
use crate::components::require_login::login_url;
use crate::i18n::t;
use crate::session::use_session;
use crate::title::set_title;
use crate::visible::on_visible;
use leptos::prelude::*;
use leptos_router::components::A;
use lianban_core::appointments::{Appointment, AppointmentStatus, BookingStanding};

#[component]
pub fn AppointmentsPage() -> impl IntoView {
    let l = t();
    let b = crate::i18n::booking::t();
    set_title(l.appointments_title);
    let session = use_session();
    let mine = move || match session.me.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Ok(Some(_))) => view! { <MyAppointments /> }.into_any(),
        Some(Ok(None)) => view! {
            <p>{b.mine_login}</p>
            <A href=login_url("/appointments") attr:class="button button--secondary">
                {b.mine_login_button}
            </A>
        }
        .into_any(),
        Some(Err(failure)) => {
            let retry = Callback::new(move |()| session.me.refetch());
            view! { <ErrorState failure standalone=false retry /> }.into_any()
        }
    };
    view! {
        <h1>{l.appointments_title}</h1>
        <p class="lead">{l.appointments_intro}</p>
        <p>{b.how_it_works}</p>
        <p>
            <A href="/appointments/new" attr:class="button button--wide">{b.start}</A>
        </p>
        <section class="section" aria-labelledby="mine-title">
            <h2 id="mine-title">{b.mine_title}</h2>
            {mine}
        </section>
    }
}

#[component]
fn MyAppointments() -> impl IntoView {
    let b = crate::i18n::booking::t();
    let data = api::resource(|| {
        let list = api::appointments();
        let standing = api::booking_standing();
        async move {
            let (list, standing) = futures::future::join(list, standing).await;
            Ok::<_, api::ApiFailure>((list?.items, standing?))
        }
    });
    on_visible(move || data.refetch());
    let changed = Callback::new(move |_: Appointment| data.refetch());
    view! {
        <Remote
            resource=data
            render=move |(items, standing)| {
                let (upcoming, mut past): (Vec<Appointment>, Vec<Appointment>) = items
                    .into_iter()
                    .partition(|a| a.status == AppointmentStatus::Booked);
                past.reverse();
                let list = move |items: Vec<Appointment>, empty: &'static str| {
                    if items.is_empty() {
                        return view! { <p class="empty">{empty}</p> }.into_any();
                    }
                    view! {
                        <ul class="cards">
                            {items
                                .into_iter()
                                .map(|a| view! { <AppointmentCard appointment=a on_change=changed /> })
                                .collect::<Vec<_>>()}
                        </ul>
                    }
                        .into_any()
                };
                view! {
                    <Standing standing />
                    <h3>{b.upcoming}</h3>
                    {list(upcoming, b.upcoming_empty)}
                    <h3>{b.past}</h3>
                    {list(past, b.past_empty)}
                }
            }
        />
    }
}

/// The no-show count, and what it leads to: a warning while one more would bar booking, the
/// ban itself when it applies.
#[component]
fn Standing(standing: BookingStanding) -> impl IntoView {
    let b = crate::i18n::booking::t();
    let count = (b.no_shows)(standing.window_days, standing.recent_no_shows);
    let note = match &standing.banned_until {
        Some(until) => Some(
            view! {
                <div class="panel panel--error" role="alert">
                    <p>{(b.standing_banned)(until)}</p>
                </div>
            }
            .into_any(),
        ),
        None if standing.recent_no_shows > 0 => Some(
            view! {
                <div class="panel panel--notice">
                    <p>{(b.standing_warning)(standing.no_shows_before_ban, standing.ban_days)}</p>
                </div>
            }
            .into_any(),
        ),
        None => None,
    };
    view! {
        <p class="hint">{count}</p>
        {note}
    }
}
