//! A hall in a list: name (the link), level and district, address, hours.

use crate::i18n::hall_level_label;
use crate::url::encode;
use leptos::prelude::*;
use leptos_router::components::A;
use lianban_core::catalogue::HallSummary;

#[component]
pub fn HallCard(hall: HallSummary) -> impl IntoView {
    let href = format!("/halls/{}", encode(&hall.id));
    view! {
        <li class="card">
            <h2 class="card__title">
                <A href=href>{hall.name}</A>
            </h2>
            <p class="card__meta">
                <span class="tag">{hall_level_label(hall.level)}</span>
                " "
                {hall.district}
            </p>
            <p class="card__text">{hall.address}</p>
            <ul class="plain-list card__meta">
                {hall.hours.into_iter().map(|h| view! { <li>{h}</li> }).collect::<Vec<_>>()}
            </ul>
        </li>
    }
}
