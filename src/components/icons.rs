//! A few line icons, drawn inline (no icon font, no extra request). Always decorative: the
//! text next to them carries the meaning. The drawings are `lianban_ui::icons`, which the
//! server's first screen draws too.

use leptos::prelude::*;

#[component]
pub fn Icon(name: &'static str) -> impl IntoView {
    let d = lianban_ui::icons::path(name);
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=d />
        </svg>
    }
}
