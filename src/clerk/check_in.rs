//! 窗口签到 (`/clerk/check-in`).

use super::RequireClerk;
use leptos::prelude::*;

#[component]
pub fn CheckInPage() -> impl IntoView {
    view! {
        <RequireClerk>
            <p></p>
        </RequireClerk>
    }
}
