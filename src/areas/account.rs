//! The 我的 chunk: 我的, 实名, enterprises.

use super::{ChunkFailed, Render, Screen};
use crate::pages::not_found::NotFoundPage;
use crate::pages::{enterprises::EnterprisesPage, identity::IdentityPage, me::MePage};
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

#[wasm_split(account, wasm_split_path = ::leptos::wasm_split, fallible)]
pub(super) fn screens() -> Result<Render, ChunkFailed> {
    Ok(render)
}

fn render(screen: Screen) -> AnyView {
    match screen {
        Screen::Me => view! { <MePage /> }.into_any(),
        Screen::Identity => view! { <IdentityPage /> }.into_any(),
        Screen::Enterprises => view! { <EnterprisesPage /> }.into_any(),
        // `Screen::area` sends no other screen here.
        _ => view! { <NotFoundPage /> }.into_any(),
    }
}
