//! The bottom tab bar on phones. `<A>` marks the current section with `aria-current`.

use crate::components::icons::Icon;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn TabBar() -> impl IntoView {
    let l = t();
    view! {
        <nav class="tabbar" aria-label=l.nav_label>
            <A href="/" exact=true>
                <Icon name="home" />
                <span>{l.tab_home}</span>
            </A>
            <A href="/search">
                <Icon name="services" />
                <span>{l.tab_services}</span>
            </A>
            <A href="/halls">
                <Icon name="hall" />
                <span>{l.tab_halls}</span>
            </A>
            <A href="/me">
                <Icon name="me" />
                <span>{l.tab_me}</span>
            </A>
        </nav>
    }
}
