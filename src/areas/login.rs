//! The 登录 chunk: only the login, so that a citizen sent to it downloads no more.

use super::{ChunkFailed, Render, Screen};
use crate::pages::login::LoginPage;
use crate::pages::not_found::NotFoundPage;
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

#[wasm_split(login, wasm_split_path = ::leptos::wasm_split, fallible)]
pub(super) fn screens() -> Result<Render, ChunkFailed> {
    Ok(render)
}

fn render(screen: Screen) -> AnyView {
    match screen {
        Screen::Login => view! { <LoginPage /> }.into_any(),
        // `Screen::area` sends no other screen here.
        _ => view! { <NotFoundPage /> }.into_any(),
    }
}
