//! The 办件 chunk: 办件查询 (public), 我的办件, one case with its actions, 消息中心.

use super::{ChunkFailed, Render, Screen};
use crate::pages::{
    messages::MessagesPage, my_case::MyCasePage, my_cases::MyCasesPage, not_found::NotFoundPage,
    stats::StatsPage, track::TrackPage,
};
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

#[wasm_split(tracking, wasm_split_path = ::leptos::wasm_split, fallible)]
pub(super) fn screens() -> Result<Render, ChunkFailed> {
    Ok(render)
}

fn render(screen: Screen) -> AnyView {
    match screen {
        Screen::Track => view! { <TrackPage /> }.into_any(),
        Screen::MyCases => view! { <MyCasesPage /> }.into_any(),
        Screen::MyCase => view! { <MyCasePage /> }.into_any(),
        Screen::Messages => view! { <MessagesPage /> }.into_any(),
        Screen::Stats => view! { <StatsPage /> }.into_any(),
        // `Screen::area` sends no other screen here.
        _ => view! { <NotFoundPage /> }.into_any(),
    }
}
