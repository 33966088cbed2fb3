//! The 预约办事 chunk: 我的预约, booking and its confirmation.

use super::{ChunkFailed, Render, Screen};
use crate::pages::not_found::NotFoundPage;
use crate::pages::{appointments::AppointmentsPage, book::BookPage, book_confirm::BookConfirmPage};
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

#[wasm_split(booking, wasm_split_path = ::leptos::wasm_split, fallible)]
pub(super) fn screens() -> Result<Render, ChunkFailed> {
    Ok(render)
}

fn render(screen: Screen) -> AnyView {
    match screen {
        Screen::Appointments => view! { <AppointmentsPage /> }.into_any(),
        Screen::Book => view! { <BookPage /> }.into_any(),
        Screen::BookConfirm => view! { <BookConfirmPage /> }.into_any(),
        // `Screen::area` sends no other screen here.
        _ => view! { <NotFoundPage /> }.into_any(),
    }
}
