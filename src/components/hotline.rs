//! The hotline panel (政务服务便民热线 12345): on the home page and under every guide, so a
//! citizen who is stuck, or whose phone cannot run the app, has a number to call.

use crate::components::icons::Icon;
use crate::i18n::t;
use leptos::prelude::*;

#[component]
pub fn Hotline() -> impl IntoView {
    let l = t();
    view! {
        <aside class="panel panel--hotline" aria-label=l.hotline_label>
            <p>{l.hotline_text}</p>
            <a class="button button--secondary" href="tel:12345">
                <Icon name="phone" />
                {l.hotline_call}
            </a>
        </aside>
    }
}
