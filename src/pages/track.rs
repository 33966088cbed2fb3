//! 办件查询: its own URL already; case lookup comes with its issue.

use crate::components::coming_soon::ComingSoon;
use crate::i18n::t;
use leptos::prelude::*;

#[component]
pub fn TrackPage() -> impl IntoView {
    let l = t();
    view! { <ComingSoon title=l.track_title intro=l.track_intro /> }
}
