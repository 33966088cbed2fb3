//! The 窗口工作台 chunk: the work list, a case, 差评整改 and 窗口签到. Only a clerk downloads it.

use super::{ChunkFailed, Render, Screen};
use crate::clerk::{
    case::ClerkCasePage, check_in::CheckInPage, follow_ups::FollowUpsPage, work_list::WorkListPage,
};
use crate::pages::not_found::NotFoundPage;
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

#[wasm_split(clerk, wasm_split_path = ::leptos::wasm_split, fallible)]
pub(super) fn screens() -> Result<Render, ChunkFailed> {
    Ok(render)
}

fn render(screen: Screen) -> AnyView {
    match screen {
        Screen::ClerkWork => view! { <WorkListPage /> }.into_any(),
        Screen::ClerkCase => view! { <ClerkCasePage /> }.into_any(),
        Screen::ClerkFollowUps => view! { <FollowUpsPage /> }.into_any(),
        Screen::ClerkCheckIn => view! { <CheckInPage /> }.into_any(),
        // `Screen::area` sends no other screen here.
        _ => view! { <NotFoundPage /> }.into_any(),
    }
}
