//! 窗口工作台: the counterpart a window clerk uses so cases move (accept, refuse with a reason,
//! review, ask for a supplement, conclude, record the delivery). Its own session cookie: a
//! citizen's login never opens it, and a clerk page without a clerk session goes to
//! `/clerk/login`. All of it is in the clerk chunk.

pub mod actions;
pub mod case;
pub mod check_in;
pub mod follow_ups;
pub mod login;
pub mod work_list;

use crate::api;
use crate::components::remote::{ErrorState, Loading};
use crate::i18n::clerk;
use leptos::context::Provider;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use lianban_core::cases::view::ClerkProfile;

/// The clerk's login, replacing the page that needed it (`navigate` taken while the page
/// was still there: an answer arrives outside any owner).
pub fn to_login(navigate: &impl Fn(&str, NavigateOptions)) {
    navigate(
        "/clerk/login",
        NavigateOptions {
            replace: true,
            ..Default::default()
        },
    );
}

/// Shows its children, with the logged-in clerk (`ClerkProfile` in context) and a bar with
/// who is logged in and 退出登录, only to a clerk; anyone else goes to the clerk's login.
#[component]
pub fn RequireClerk(children: ChildrenFn) -> impl IntoView {
    let current = api::resource(api::clerk_current);
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(None)) = current.get() {
            to_login(&navigate);
        }
    });
    move || match current.get() {
        Some(Ok(Some(profile))) => {
            let children = children.clone();
            view! {
                <ClerkBar profile=profile.clone() />
                <Provider value=profile>{children()}</Provider>
            }
            .into_any()
        }
        None | Some(Ok(None)) => view! { <Loading /> }.into_any(),
        Some(Err(failure)) => {
            let retry = Callback::new(move |()| {
                current.set(None);
                current.refetch();
            });
            view! { <ErrorState failure standalone=true retry /> }.into_any()
        }
    }
}

#[component]
fn ClerkBar(profile: ClerkProfile) -> impl IntoView {
    let c = clerk::t();
    let leaving = RwSignal::new(false);
    let navigate = use_navigate();
    let log_out = move |_| {
        leaving.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            // Whatever the answer, the session is no use here any more.
            let _ = api::clerk_log_out().await;
            to_login(&navigate);
        });
    };
    view! {
        <div class="clerk-bar">
            <p class="hint">{(c.signed_in_as)(&profile.name, &profile.department_name, &profile.hall_name)}</p>
            <button type="button" class="button button--secondary" disabled=leaving on:click=log_out>
                {c.log_out}
            </button>
        </div>
    }
}

/// One labelled text input or textarea with its hint and error, for the clerk's forms whose
/// fields come and go (the supplement items), where `TextField`'s fixed check does not fit.
#[component]
pub fn ClerkField(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] long: bool,
    maxlength: u32,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || {
        if error.get().is_some() {
            "true"
        } else {
            "false"
        }
    };
    let control = if long {
        view! {
            <textarea
                class="input input--long"
                id=id
                name=id
                rows=3
                maxlength=maxlength
                aria-invalid=invalid
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                class="input"
                type="text"
                id=id
                name=id
                maxlength=maxlength
                aria-invalid=invalid
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        }
        .into_any()
    };
    view! {
        <div class="form-field" class:form-field--error=move || error.get().is_some()>
            <label class="form-field__label" for=id>{label}</label>
            {hint.map(|h| view! { <p class="form-field__hint" id=hint_id>{h}</p> })}
            {move || error.get().map(|m| view! { <p class="form-field__error" id=error_id.clone()>{m}</p> })}
            {control}
        </div>
    }
}
