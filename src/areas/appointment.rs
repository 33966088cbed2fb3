//! The 预约详情 chunk: one appointment with its 签到码 as a QR code, 改约 and 取消.

use super::{ChunkFailed, Render, Screen};
use crate::pages::appointment::AppointmentPage;
use crate::pages::not_found::NotFoundPage;
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

#[wasm_split(appointment, wasm_split_path = ::leptos::wasm_split, fallible)]
pub(super) fn screens() -> Result<Render, ChunkFailed> {
    Ok(render)
}

fn render(screen: Screen) -> AnyView {
    match screen {
        Screen::Appointment => view! { <AppointmentPage /> }.into_any(),
        // `Screen::area` sends no other screen here.
        _ => view! { <NotFoundPage /> }.into_any(),
    }
}
