//! 预约办理: its own URL already (QR posters may link here); booking comes with its issue.

use crate::components::coming_soon::ComingSoon;
use crate::i18n::t;
use leptos::prelude::*;

#[component]
pub fn AppointmentsPage() -> impl IntoView {
    let l = t();
    view! { <ComingSoon title=l.appointments_title intro=l.appointments_intro /> }
}
