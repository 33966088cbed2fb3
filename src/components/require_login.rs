//! The route guard: a page that needs login shows its content only to a logged-in citizen and
//! sends anyone else to the login page, with the way back (`next`) in the URL.

use crate::components::remote::{ErrorState, Loading};
use crate::session::use_session;
use crate::url::encode;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

#[derive(Clone, PartialEq)]
enum State {
    Asking,
    In,
    Out,
    Failed(crate::api::ApiFailure),
}

#[component]
pub fn RequireLogin(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let navigate = use_navigate();
    let state = Memo::new(move |_| match session.me.get() {
        None => State::Asking,
        Some(Ok(Some(_))) => State::In,
        Some(Ok(None)) => State::Out,
        Some(Err(f)) => State::Failed(f),
    });
    Effect::new(move |_| {
        if state.get() == State::Out {
            // The router's `search` has no leading `?`: put it back, or the way back loses
            // its query (the booking confirmation's slot).
            let search = location.search.get_untracked();
            let here = if search.is_empty() || search.starts_with('?') {
                format!("{}{search}", location.pathname.get_untracked())
            } else {
                format!("{}?{search}", location.pathname.get_untracked())
            };
            navigate(
                &login_url(&here),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    move || match state.get() {
        State::In => children().into_any(),
        State::Asking | State::Out => view! { <Loading /> }.into_any(),
        State::Failed(failure) => {
            let retry = Callback::new(move |()| {
                session.me.set(None);
                session.me.refetch();
            });
            view! { <ErrorState failure standalone=true retry /> }.into_any()
        }
    }
}

/// The login page, coming back to `here` afterwards.
pub fn login_url(here: &str) -> String {
    format!("/login?next={}", encode(here))
}

/// Where to go after login: only a path of this app (`/...`, not `//host` or `/\host`),
/// never the login page itself; 我的 otherwise.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.contains('\\')
                && !n.starts_with("/login") =>
        {
            n.to_string()
        }
        _ => "/me".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn returns_only_to_paths_of_the_app() {
        assert_eq!(safe_next(Some("/me/licences?x=1")), "/me/licences?x=1");
        assert_eq!(safe_next(Some("//evil.example")), "/me");
        assert_eq!(safe_next(Some("https://evil.example")), "/me");
        assert_eq!(safe_next(Some("/\\evil.example")), "/me");
        assert_eq!(safe_next(Some("/login?next=/me")), "/me");
        assert_eq!(safe_next(None), "/me");
        assert_eq!(login_url("/me/identity"), "/login?next=%2Fme%2Fidentity");
    }
}
