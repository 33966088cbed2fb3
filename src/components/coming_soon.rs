//! An honest placeholder for a service that is not online yet: it says so and points to what
//! works today (the halls and the 12345 hotline), with no form that would pretend otherwise.

use crate::i18n::t;
use crate::title::set_title;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn ComingSoon(title: &'static str, intro: &'static str) -> impl IntoView {
    let l = t();
    set_title(title);
    view! {
        <h1>{title}</h1>
        <p class="lead">{intro}</p>
        <div class="panel panel--notice">
            <h2 class="panel__title">{l.coming_soon_title}</h2>
            <p>{l.coming_soon_detail}</p>
            <InPersonLinks />
        </div>
    }
}

/// Where a citizen can go while a service is not online yet: the halls and the 12345 hotline.
#[component]
pub fn InPersonLinks() -> impl IntoView {
    let l = t();
    view! {
        <ul class="link-list">
            <li>
                <A href="/halls">{l.coming_soon_halls}</A>
            </li>
            <li>
                <a href="tel:12345">{l.hotline_call}</a>
            </li>
        </ul>
    }
}
