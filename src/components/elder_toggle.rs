//! The switch for elder mode (长辈版): one button whose pressed state says whether it is on.
//! When the citizen is logged in, the choice is also saved with the account.

use crate::i18n::t;
use crate::prefs::use_prefs;
use crate::session::{save_elder_mode, Session};
use leptos::prelude::*;

#[component]
pub fn ElderToggle(
    /// Shown larger with a sentence of explanation (on 我的), or compact (in the header).
    #[prop(optional)]
    large: bool,
) -> impl IntoView {
    let l = t();
    let elder = use_prefs().elder;
    let session = use_context::<Session>();
    let toggle = move |_| {
        elder.update(|on| *on = !*on);
        let on = elder.get_untracked();
        let me = session
            .and_then(|s| s.me.get_untracked())
            .and_then(|r| r.ok())
            .flatten();
        if let (Some(session), Some(me)) = (session, me) {
            save_elder_mode(me.preferences.language, on);
            session.patch(|me| me.preferences.elder_mode = on);
        }
    };
    view! {
        <button
            type="button"
            class=if large { "button button--secondary toggle" } else { "header__toggle toggle" }
            aria-pressed=move || if elder.get() { "true" } else { "false" }
            on:click=toggle
        >
            <span class="toggle__box" aria-hidden="true"></span>
            {if large { l.elder_mode_switch } else { l.elder_mode }}
        </button>
    }
}
