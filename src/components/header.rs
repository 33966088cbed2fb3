//! The page header: the brand (home link), a back affordance on inner pages and the elder-mode
//! switch.

use crate::components::elder_toggle::ElderToggle;
use crate::components::icons::Icon;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

#[component]
pub fn Header() -> impl IntoView {
    let l = t();
    let location = use_location();
    let navigate = use_navigate();
    // How many screens deep the citizen went inside the app. A page opened from a QR code or a
    // chat has nothing behind it: going "back" there would leave the app, so it goes home.
    let depth = StoredValue::new(0i32);
    Effect::new(move |previous: Option<()>| {
        location.pathname.track();
        location.search.track();
        if previous.is_some() {
            depth.update_value(|d| *d += 1);
        }
    });
    let go_back = move |_| {
        if depth.get_value() > 0 {
            // The popstate that follows counts as one more screen: net, one fewer.
            depth.update_value(|d| *d -= 2);
            if let Ok(history) = window().history() {
                let _ = history.back();
                return;
            }
        }
        navigate("/", NavigateOptions::default());
    };
    let inner = move || location.pathname.get() != "/";

    view! {
        <header class="header">
            <div class="header__inner">
                <Show when=inner>
                    <button type="button" class="header__back" on:click=go_back.clone()>
                        <Icon name="back" />
                        <span>{l.back}</span>
                    </button>
                </Show>
                <a class="header__brand" href="/">
                    <span class="header__logo" aria-hidden="true">
                        {l.brand_mark}
                    </span>
                    <span class="header__name">{l.brand}</span>
                    <span class="header__tagline">{l.brand_tagline}</span>
                </a>
                <ElderToggle />
            </div>
        </header>
    }
}
