//! The 窗口人员登录 chunk: only the clerk's login.

use super::{ChunkFailed, Render, Screen};
use crate::clerk::login::ClerkLoginPage;
use crate::pages::not_found::NotFoundPage;
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

#[wasm_split(clerk_login, wasm_split_path = ::leptos::wasm_split, fallible)]
pub(super) fn screens() -> Result<Render, ChunkFailed> {
    Ok(render)
}

fn render(screen: Screen) -> AnyView {
    match screen {
        Screen::ClerkLogin => view! { <ClerkLoginPage /> }.into_any(),
        // `Screen::area` sends no other screen here.
        _ => view! { <NotFoundPage /> }.into_any(),
    }
}
