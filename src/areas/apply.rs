//! The 一事联办 chunk.

use super::{ChunkFailed, Render, Screen};
use crate::apply::{
    checklist::ChecklistPage, delivery::DeliveryPage, drafts_page::DraftsPage, form::FormPage,
    materials::MaterialsPage, questions::QuestionsPage, receipt::ReceiptPage, review::ReviewPage,
    ApplyFlow,
};
use crate::pages::not_found::NotFoundPage;
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

#[wasm_split(apply, wasm_split_path = ::leptos::wasm_split, fallible)]
pub(super) fn screens() -> Result<Render, ChunkFailed> {
    Ok(render)
}

fn render(screen: Screen) -> AnyView {
    match screen {
        Screen::Checklist => view! { <ChecklistPage /> }.into_any(),
        Screen::ApplyFlow => view! { <ApplyFlow /> }.into_any(),
        Screen::Questions => view! { <QuestionsPage /> }.into_any(),
        Screen::Form => view! { <FormPage /> }.into_any(),
        Screen::Materials => view! { <MaterialsPage /> }.into_any(),
        Screen::Delivery => view! { <DeliveryPage /> }.into_any(),
        Screen::Review => view! { <ReviewPage /> }.into_any(),
        Screen::Receipt => view! { <ReceiptPage /> }.into_any(),
        Screen::Drafts => view! { <DraftsPage /> }.into_any(),
        // `Screen::area` sends no other screen here.
        _ => view! { <NotFoundPage /> }.into_any(),
    }
}
