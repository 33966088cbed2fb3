//! The search box: a `search` landmark with a labelled field and a submit button.

use crate::i18n::t;
use crate::url::query;
use leptos::html::Input;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use lianban_core::search::MAX_QUERY_CHARS;

#[component]
pub fn SearchForm(
    /// What the field shows, e.g. the query of the results on screen.
    #[prop(optional, into)]
    value: Signal<String>,
    /// Called with the trimmed query; by default the form opens `/search?q=…`.
    #[prop(optional)]
    on_search: Option<Callback<String>>,
) -> impl IntoView {
    let l = t();
    let input = NodeRef::<Input>::new();
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = input
            .get()
            .map(|i| i.value().trim().to_string())
            .unwrap_or_default();
        match on_search {
            Some(cb) => cb.run(q),
            None => navigate(
                &format!("/search{}", query([("q", q.as_str())])),
                NavigateOptions::default(),
            ),
        }
    };
    view! {
        <form class="search" role="search" action="/search" method="get" on:submit=submit>
            <label class="visually-hidden" for="search-q">
                {l.search_label}
            </label>
            <input
                id="search-q"
                class="search__input"
                type="search"
                name="q"
                autocomplete="off"
                enterkeyhint="search"
                maxlength=MAX_QUERY_CHARS as u32
                placeholder=l.search_placeholder
                prop:value=move || value.get()
                node_ref=input
            />
            <button type="submit" class="search__button">
                {l.search_button}
            </button>
        </form>
    }
}
