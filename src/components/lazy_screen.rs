//! A screen whose code is in an area's chunk: drawn at once when the chunk is here; until then
//! the page's frame (its heading and a skeleton of its shape); if the chunk does not arrive, a
//! plain message with 重试 in place of the page. Nothing the citizen typed lives in a chunk
//! (drafts are saved on the phone), so a failed download loses nothing.

use crate::areas::{Screen, Shape};
use crate::i18n::t;
use crate::title::set_title;
use leptos::prelude::*;

#[component]
pub fn LazyScreen(screen: Screen) -> impl IntoView {
    let area = screen.area();
    if let Some(render) = area.loaded() {
        return untrack(|| render(screen));
    }
    let attempt = RwSignal::new(0u32);
    let chunk = LocalResource::new(move || {
        attempt.track();
        area.load()
    });
    let retry = Callback::new(move |()| {
        chunk.set(None);
        attempt.update(|n| *n += 1);
    });
    (move || match chunk.get() {
        // The page's own component runs untracked, so nothing it reads redraws it from here.
        Some(Ok(render)) => untrack(|| render(screen)),
        Some(Err(_)) => view! { <ChunkFailedNotice screen retry /> }.into_any(),
        None => view! { <ScreenSkeleton screen /> }.into_any(),
    })
    .into_any()
}

/// The page's frame while its code downloads: the heading, then grey blocks in its shape.
#[component]
fn ScreenSkeleton(screen: Screen) -> impl IntoView {
    set_title(screen.title());
    let blocks = match screen.shape() {
        Shape::Form => "skeleton skeleton--form",
        Shape::List => "skeleton skeleton--list",
        Shape::Detail => "skeleton skeleton--detail",
    };
    view! {
        <section class="screen-frame" aria-busy="true">
            <h1>{screen.title()}</h1>
            <p class="loading" role="status">
                <span class="loading__spinner" aria-hidden="true"></span>
                {t().loading}
            </p>
            <div class=blocks aria-hidden="true">
                <span></span>
                <span></span>
                <span></span>
                <span></span>
            </div>
        </section>
    }
}

#[component]
fn ChunkFailedNotice(screen: Screen, retry: Callback<()>) -> impl IntoView {
    let l = t();
    set_title(screen.title());
    view! {
        <section class="screen-frame">
            <h1>{screen.title()}</h1>
            <div class="panel panel--error" role="alert">
                <h2 class="panel__title">{l.chunk_failed_title}</h2>
                <p>{l.chunk_failed_detail}</p>
                <p class="hint">{l.error_help}</p>
                <button type="button" class="button" on:click=move |_| retry.run(())>
                    {l.retry}
                </button>
            </div>
        </section>
    }
}
