//! 我的: sign-in comes with its issue; the display settings (长辈版) work now.

use crate::components::coming_soon::ComingSoon;
use crate::components::elder_toggle::ElderToggle;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn MePage() -> impl IntoView {
    let l = t();
    view! {
        <ComingSoon title=l.me_title intro=l.me_intro />
        <section class="section" aria-labelledby="me-settings">
            <h2 id="me-settings">{l.me_settings}</h2>
            <p>{l.elder_mode_hint}</p>
            <ElderToggle large=true />
        </section>
        <section class="section" aria-labelledby="me-more">
            <h2 id="me-more">{l.me_more}</h2>
            <ul class="link-list">
                <li>
                    <A href="/appointments">{l.appointments_title}</A>
                </li>
                <li>
                    <A href="/track">{l.track_title}</A>
                </li>
                <li>
                    <A href="/departments">{l.departments_title}</A>
                </li>
            </ul>
        </section>
    }
}
