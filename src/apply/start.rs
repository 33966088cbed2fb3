//! 开始办理 / 继续办理 on a theme's page: a theme that already has a draft (on this phone or,
//! for a verified citizen, on the server) offers to continue it, or to start over, instead of
//! starting a second application.

use super::codec::step_href;
use super::draft_store::{self, LocalDraft};
use crate::api;
use crate::i18n::t;
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

#[component]
pub fn StartApply(theme_id: String) -> impl IntoView {
    let l = t().apply_start;
    let session = use_session();
    let navigate = use_navigate();
    let id = StoredValue::new(theme_id);
    let local = draft_store::load(&id.get_value()).filter(|d| d.saved_at > 0);
    let found = LocalResource::new(move || {
        let verified = session.current().is_some_and(|me| me.verified);
        let fetch = verified.then(|| api::draft(&id.get_value()));
        let local = local.clone();
        async move {
            let server = match fetch {
                Some(f) => f.await.ok(),
                None => None,
            };
            draft_store::current(local, server, draft_store::new_key)
        }
    });
    let start_over = move |_| {
        let theme = id.get_value();
        draft_store::remove(&theme);
        let verified = session.current().is_some_and(|me| me.verified);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            if verified {
                let _ = api::delete_draft(&theme).await;
            }
            navigate(&step_href(&theme, "questions"), NavigateOptions::default());
        });
    };
    move || {
        let href = step_href(&id.get_value(), "questions");
        match found.get().flatten() {
            Some(d) => {
                let start_over = start_over.clone();
                view! { <ContinueDraft d href start_over /> }.into_any()
            }
            None => view! {
                <A href=href attr:class="button button--wide">{l.start}</A>
            }
            .into_any(),
        }
    }
}

#[component]
fn ContinueDraft(
    d: LocalDraft,
    href: String,
    start_over: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let l = t().apply_start;
    let _ = href;
    let continue_href = step_href(&d.content.theme_id, &d.step);
    view! {
        <div class="panel panel--notice">
            <h3 class="panel__title">{l.draft_found}</h3>
            <p>{(l.draft_saved_at)(&draft_store::format_saved_at(d.saved_at))}</p>
            <div class="actions">
                <A href=continue_href attr:class="button">{l.continue_draft}</A>
                <button type="button" class="button button--secondary" on:click=start_over>
                    {l.start_over}
                </button>
            </div>
        </div>
    }
}
