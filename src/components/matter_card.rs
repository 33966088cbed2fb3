//! A matter in a list: its name (the link), department, summary and flags.

use crate::components::flag_tags::FlagTags;
use crate::i18n::{case_type_label, promised_short};
use leptos::prelude::*;
use leptos_router::components::A;
use lianban_core::catalogue::MatterSummary;
use lianban_ui::links::matter_href;

#[component]
pub fn MatterCard(
    matter: MatterSummary,
    /// A remark such as 视情形办理 (in a theme, for a matter only some situations need).
    #[prop(default = None)]
    note: Option<&'static str>,
) -> impl IntoView {
    let href = matter_href(&matter.code);
    view! {
        <li class="card">
            <h3 class="card__title">
                <A href=href>{matter.name}</A>
            </h3>
            <p class="card__meta">
                {matter.department_name} <span aria-hidden="true">" · "</span>
                {case_type_label(matter.case_type)} <span aria-hidden="true">" · "</span>
                {promised_short(matter.promised_days)}
            </p>
            <p class="card__text">{matter.summary}</p>
            {note.map(|n| view! { <p class="card__note">{n}</p> })}
            <FlagTags flags=matter.flags />
        </li>
    }
}

/// A list of matters; `empty` is said when there is none.
#[component]
pub fn MatterList(matters: Vec<MatterSummary>, empty: &'static str) -> impl IntoView {
    if matters.is_empty() {
        return view! { <p class="empty">{empty}</p> }.into_any();
    }
    view! {
        <ul class="cards">
            {matters.into_iter().map(|m| view! { <MatterCard matter=m /> }).collect::<Vec<_>>()}
        </ul>
    }
    .into_any()
}
