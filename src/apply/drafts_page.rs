//! 我的草稿 (`/me/drafts`): the unfinished applications on this phone and, for a verified
//! citizen, on the server (the newer copy of each), with when each was last saved.

use super::codec::step_href;
use super::draft_store::{self, LocalDraft};
use crate::api;
use crate::i18n::t;
use crate::session::use_session;
use crate::title::set_title;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn DraftsPage() -> impl IntoView {
    let l = crate::i18n::apply::t();
    set_title(l.drafts_title);
    let session = use_session();
    let list = LocalResource::new(move || {
        let verified = session.current().is_some_and(|me| me.verified);
        let fetch = verified.then(api::drafts);
        async move {
            let server = match fetch {
                Some(f) => f.await.map(|p| p.items).unwrap_or_default(),
                None => Vec::new(),
            };
            let mut out: Vec<LocalDraft> = Vec::new();
            let mut local = draft_store::all();
            for s in server {
                let here = local
                    .iter()
                    .position(|(id, _)| *id == s.theme_id)
                    .map(|i| local.remove(i).1);
                out.extend(draft_store::current(here, Some(s), draft_store::new_key));
            }
            out.extend(local.into_iter().map(|(_, d)| d).filter(|d| d.saved_at > 0));
            out.sort_by_key(|d| std::cmp::Reverse(d.saved_at));
            out
        }
    });
    let removed = RwSignal::new(Vec::<String>::new());
    let forget = move |theme: String| {
        draft_store::remove(&theme);
        removed.update(|r| r.push(theme.clone()));
        if session.current().is_some_and(|me| me.verified) {
            leptos::task::spawn_local(async move {
                let _ = api::delete_draft(&theme).await;
            });
        }
    };
    let items = move || {
        let Some(drafts) = list.get() else {
            return view! { <crate::components::remote::Loading /> }.into_any();
        };
        let drafts: Vec<LocalDraft> = drafts
            .into_iter()
            .filter(|d| !removed.with(|r| r.contains(&d.content.theme_id)))
            .collect();
        if drafts.is_empty() {
            return view! {
                <p class="empty">{l.drafts_empty}</p>
                <A href="/themes" attr:class="button">{t().themes_title}</A>
            }
            .into_any();
        }
        view! {
            <ul class="cards">
                {drafts
                    .into_iter()
                    .map(|d| {
                        let theme = d.content.theme_id.clone();
                        let name = d.theme_name.clone();
                        view! {
                            <li class="card">
                                <h2 class="card__title">{d.theme_name.clone()}</h2>
                                <p class="card__meta">
                                    {(t().apply_start.draft_saved_at)(&draft_store::format_saved_at(d.saved_at))}
                                </p>
                                <div class="actions">
                                    <A href=step_href(&theme, &d.step) attr:class="button" attr:aria-label=(l.continue_label)(&name)>
                                        {t().apply_start.continue_draft}
                                    </A>
                                    <button
                                        type="button"
                                        class="button button--secondary"
                                        aria-label=(l.delete_label)(&name)
                                        on:click=move |_| forget(theme.clone())
                                    >
                                        {l.delete_draft}
                                    </button>
                                </div>
                            </li>
                        }
                    })
                    .collect::<Vec<_>>()}
            </ul>
        }
            .into_any()
    };
    view! {
        <h1>{l.drafts_title}</h1>
        <p class="lead">{l.drafts_intro}</p>
        {items}
    }
}
