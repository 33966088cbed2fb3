//! The 办件查询 chunk: the public lookup and 办事公开, for anyone without login.

use super::{ChunkFailed, Render, Screen};
use crate::pages::not_found::NotFoundPage;
use crate::pages::{stats::StatsPage, track::TrackPage};
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

#[wasm_split(track, wasm_split_path = ::leptos::wasm_split, fallible)]
pub(super) fn screens() -> Result<Render, ChunkFailed> {
    Ok(render)
}

fn render(screen: Screen) -> AnyView {
    match screen {
        Screen::Track => view! { <TrackPage /> }.into_any(),
        Screen::Stats => view! { <StatsPage /> }.into_any(),
        // `Screen::area` sends no other screen here.
        _ => view! { <NotFoundPage /> }.into_any(),
    }
}
