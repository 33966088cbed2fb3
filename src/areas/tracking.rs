//! The 我的办件 chunk: the citizen's cases, one case with its actions (补正, 评价), 消息中心.

use super::{ChunkFailed, Render, Screen};
use crate::pages::not_found::NotFoundPage;
use crate::pages::{messages::MessagesPage, my_case::MyCasePage, my_cases::MyCasesPage};
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

#[wasm_split(tracking, wasm_split_path = ::leptos::wasm_split, fallible)]
pub(super) fn screens() -> Result<Render, ChunkFailed> {
    Ok(render)
}

fn render(screen: Screen) -> AnyView {
    match screen {
        Screen::MyCases => view! { <MyCasesPage /> }.into_any(),
        Screen::MyCase => view! { <MyCasePage /> }.into_any(),
        Screen::Messages => view! { <MessagesPage /> }.into_any(),
        // `Screen::area` sends no other screen here.
        _ => view! { <NotFoundPage /> }.into_any(),
    }
}
