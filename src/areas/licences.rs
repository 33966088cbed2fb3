//! The 电子证照 chunk: the e-licences and 亮证 with its QR code.

use super::{ChunkFailed, Render, Screen};
use crate::pages::not_found::NotFoundPage;
use crate::pages::{licence::LicencePage, licences::LicencesPage};
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

#[wasm_split(licences, wasm_split_path = ::leptos::wasm_split, fallible)]
pub(super) fn screens() -> Result<Render, ChunkFailed> {
    Ok(render)
}

fn render(screen: Screen) -> AnyView {
    match screen {
        Screen::Licences => view! { <LicencesPage /> }.into_any(),
        Screen::Licence => view! { <LicencePage /> }.into_any(),
        // `Screen::area` sends no other screen here.
        _ => view! { <NotFoundPage /> }.into_any(),
    }
}
