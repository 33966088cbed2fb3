//! Any path the route table does not know.

use crate::components::not_found::NotFound;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <NotFound /> }
}
