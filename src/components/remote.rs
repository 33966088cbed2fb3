//! Shows data from the API in its three states: loading, failed (with a 重试 button that asks
//! again) and loaded. Nothing is ever blank: a failure always says what happened and what to do.

use crate::api::ApiFailure;
use crate::components::not_found::NotFound;
use crate::i18n::t;
use leptos::prelude::*;

/// `standalone` when the data is the whole page (a matter's guide): the states then carry the
/// page's `<h1>`; otherwise they sit under the page's own heading with an `<h2>`.
#[component]
pub fn Remote<T, V, F>(
    resource: LocalResource<Result<T, ApiFailure>>,
    render: F,
    #[prop(optional)] standalone: bool,
) -> impl IntoView
where
    T: Clone + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let retry = Callback::new(move |()| {
        // Back to the loading state, so a second failure is visibly a new answer.
        resource.set(None);
        resource.refetch();
    });
    move || match resource.get() {
        Some(Ok(data)) => render(data).into_any(),
        Some(Err(failure)) => not_loaded(Some(failure), standalone, retry),
        None => not_loaded(None, standalone, retry),
    }
}

/// Loading (`None`) and the failures. They do not depend on `T`: here they are compiled once,
/// inside `Remote` once per use (≈20 times).
fn not_loaded(failure: Option<ApiFailure>, standalone: bool, retry: Callback<()>) -> AnyView {
    match failure {
        None => view! { <Loading /> }.into_any(),
        Some(ApiFailure::NotFound { message }) => view! { <NotFound message /> }.into_any(),
        Some(failure) => view! { <ErrorState failure standalone retry /> }.into_any(),
    }
}

#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <p class="loading" role="status">
            <span class="loading__spinner" aria-hidden="true"></span>
            {t().loading}
        </p>
    }
}

#[component]
pub fn ErrorState(
    failure: ApiFailure,
    standalone: bool,
    /// Type-erased on purpose: `Remote` is generic, and this component should be compiled once.
    retry: Callback<()>,
) -> impl IntoView {
    let l = t();
    let (title, detail) = match failure {
        ApiFailure::Offline => (l.error_offline_title, l.error_offline_detail.to_string()),
        ApiFailure::Network => (l.error_network_title, l.error_network_detail.to_string()),
        ApiFailure::Server { message, .. } => (
            l.error_server_title,
            message_or(message, l.error_server_detail),
        ),
        ApiFailure::NotFound { message } => (
            l.error_server_title,
            message_or(message, l.error_server_detail),
        ),
    };
    let heading = if standalone {
        view! { <h1 class="panel__title">{title}</h1> }.into_any()
    } else {
        view! { <h2 class="panel__title">{title}</h2> }.into_any()
    };
    view! {
        <div class="panel panel--error" role="alert">
            {heading}
            <p>{detail}</p>
            <p class="hint">{l.error_help}</p>
            <button type="button" class="button" on:click=move |_| retry.run(())>
                {l.retry}
            </button>
        </div>
    }
}

fn message_or(message: impl Into<Option<String>>, fallback: &str) -> String {
    message
        .into()
        .filter(|m| !m.trim().is_empty())
        .unwrap_or_else(|| fallback.to_string())
}
