//! The 预约办事 chunk.

use super::{ChunkFailed, Render, Screen};
use crate::pages::{
    appointment::AppointmentPage, appointments::AppointmentsPage, book::BookPage,
    book_confirm::BookConfirmPage, not_found::NotFoundPage,
};
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
        Screen::Appointment => view! { <AppointmentPage /> }.into_any(),
        // `Screen::area` sends no other screen here.
        _ => view! { <NotFoundPage /> }.into_any(),
    }
}
