//! The one not-found page: for an unknown path and for a matter, theme or hall code the
//! platform does not know (a mistyped QR link, a withdrawn matter).

use crate::i18n::t;
use crate::title::set_title;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound(
    /// The server's explanation, e.g. 未找到事项 XX, shown under the heading.
    #[prop(optional, into)]
    message: String,
) -> impl IntoView {
    let l = t();
    set_title(l.not_found_title);
    let message = (!message.trim().is_empty()).then_some(message);
    view! {
        <div class="panel panel--notice" data-testid="not-found">
            <h1 class="panel__title">{l.not_found_title}</h1>
            {message.map(|m| view! { <p>{m}</p> })}
            <p>{l.not_found_detail}</p>
            <ul class="link-list">
                <li>
                    <A href="/">{l.not_found_home}</A>
                </li>
                <li>
                    <A href="/search">{l.not_found_search}</A>
                </li>
            </ul>
        </div>
    }
}
