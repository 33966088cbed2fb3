//! The switch for elder mode (长辈版): one button whose pressed state says whether it is on.

use crate::i18n::t;
use crate::prefs::use_prefs;
use leptos::prelude::*;

#[component]
pub fn ElderToggle(
    /// Shown larger with a sentence of explanation (on 我的), or compact (in the header).
    #[prop(optional)]
    large: bool,
) -> impl IntoView {
    let l = t();
    let elder = use_prefs().elder;
    view! {
        <button
            type="button"
            class=if large { "button button--secondary toggle" } else { "header__toggle toggle" }
            aria-pressed=move || if elder.get() { "true" } else { "false" }
            on:click=move |_| elder.update(|on| *on = !*on)
        >
            <span class="toggle__box" aria-hidden="true"></span>
            {if large { l.elder_mode_switch } else { l.elder_mode }}
        </button>
    }
}
