//! 开始办理 / 继续办理 on a theme's page: a theme that already has a draft (on this phone or,
//! for a verified citizen, on the server) offers to continue it, or to start over, instead of
//! starting a second application.
//!
//! It is on the theme's page, in the main module, so it reads only a draft's step, time and
//! version ([`Brief`]), never its content: the whole draft's (de)serialiser stays in the
//! 一事联办 chunk instead of every catalogue route.

use super::codec::step_href;
use super::draft_store;
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
    let local = draft_store::load_brief(&id.get_value()).filter(|d| d.saved_at > 0);
    let found = LocalResource::new(move || {
        let verified = session.current().is_some_and(|me| me.verified);
        let fetch = verified
            .then(|| api::get::<Brief>(format!("/drafts/{}", crate::url::encode(&id.get_value()))));
        let local = local.clone();
        async move {
            let server = match fetch {
                Some(f) => f.await.ok(),
                None => None,
            };
            Brief::current(local, server)
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
            Some(mut d) => {
                d.theme_id = id.get_value();
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
    d: Brief,
    href: String,
    start_over: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let l = t().apply_start;
    let _ = href;
    let continue_href = step_href(&d.theme_id, &d.step);
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

/// What 继续办理 needs of a draft, this phone's or the server's: where the citizen was, when,
/// and the version that decides which copy is newer (as `draft_store::current` decides it).
#[derive(Clone, Debug, serde::Deserialize)]
pub struct Brief {
    #[serde(skip)]
    theme_id: String,
    step: String,
    saved_at: i64,
    #[serde(default)]
    version: i64,
    /// This phone's copy has changes the server has not accepted; a copy kept before
    /// versions existed counts as changed (as in `LocalDraft`). Not read of the server's copy.
    #[serde(default = "changed_before_versions")]
    unsaved: bool,
}

fn changed_before_versions() -> bool {
    true
}

impl Brief {
    fn current(local: Option<Brief>, server: Option<Brief>) -> Option<Brief> {
        match (local, server) {
            (local, None) => local,
            (None, server) => server,
            (Some(l), Some(s)) => {
                let owes_server = l.unsaved && l.saved_at > 0;
                if s.version == l.version || owes_server {
                    Some(l)
                } else {
                    Some(s)
                }
            }
        }
    }
}
