//! The 我的 chunk: login, 实名, enterprises, e-licences.

use super::{ChunkFailed, Render, Screen};
use crate::pages::{
    enterprises::EnterprisesPage, identity::IdentityPage, licence::LicencePage,
    licences::LicencesPage, login::LoginPage, me::MePage, not_found::NotFoundPage,
};
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

#[wasm_split(account, wasm_split_path = ::leptos::wasm_split, fallible)]
pub(super) fn screens() -> Result<Render, ChunkFailed> {
    Ok(render)
}

fn render(screen: Screen) -> AnyView {
    match screen {
        Screen::Login => view! { <LoginPage /> }.into_any(),
        Screen::Me => view! { <MePage /> }.into_any(),
        Screen::Identity => view! { <IdentityPage /> }.into_any(),
        Screen::Enterprises => view! { <EnterprisesPage /> }.into_any(),
        Screen::Licences => view! { <LicencesPage /> }.into_any(),
        Screen::Licence => view! { <LicencePage /> }.into_any(),
        // `Screen::area` sends no other screen here.
        _ => view! { <NotFoundPage /> }.into_any(),
    }
}
