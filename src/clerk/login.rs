//! 窗口人员登录 (`/clerk/login`): a clerk's username and password. Wrong answers and a locked
//! account are said next to the field, in the server's words; afterwards the work list.

use crate::api::{self, Refusal};
use crate::components::case_view::focus_page_heading;
use crate::components::error_summary::{ErrorSummary, FormErrors};
use crate::components::text_field::TextField;
use crate::i18n::clerk;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

const USERNAME: &str = "clerk-username";
const PASSWORD: &str = "clerk-password";

fn username_problem(v: &str) -> Option<String> {
    v.trim()
        .is_empty()
        .then(|| clerk::t().username_missing.to_string())
}

fn password_problem(v: &str) -> Option<String> {
    v.is_empty()
        .then(|| clerk::t().password_missing.to_string())
}

#[component]
pub fn ClerkLoginPage() -> impl IntoView {
    let c = clerk::t();
    let navigate = use_navigate();
    let errors = FormErrors::new(&[USERNAME, PASSWORD, ""]);
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    focus_page_heading();

    let show_refusal = move |r: Refusal| {
        if !errors.place_fields(&r, &[("username", USERNAME), ("password", PASSWORD)]) {
            // 401 (wrong pair) and 423 (locked) are fixed at the password; the rest is the form's.
            let id = if matches!(r.status, 401 | 423) {
                PASSWORD
            } else {
                ""
            };
            errors.set(id, Some(r.message));
        }
        errors.failed();
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        errors.set("", None);
        let u_error = username_problem(&username.get_untracked());
        let p_error = password_problem(&password.get_untracked());
        let bad = u_error.is_some() || p_error.is_some();
        errors.set(USERNAME, u_error);
        errors.set(PASSWORD, p_error);
        if bad {
            errors.failed();
            return;
        }
        busy.set(true);
        let (u, p) = (username.get_untracked(), password.get_untracked());
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let answer = api::clerk_log_in(&u, &p).await;
            busy.set(false);
            match answer {
                Ok(_) => navigate(
                    "/clerk",
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                ),
                Err(r) => show_refusal(r),
            }
        });
    };
    view! {
        <h1 id="page-heading" tabindex="-1">{c.login_title}</h1>
        <p class="lead">{c.login_intro}</p>
        <ErrorSummary errors title=c.login_title />
        <form class="form" novalidate on:submit=submit>
            <TextField
                id=USERNAME
                label=c.username
                value=username
                errors
                check=username_problem
                autocomplete="username"
                maxlength=64
            />
            <TextField
                id=PASSWORD
                label=c.password
                value=password
                errors
                check=password_problem
                autocomplete="current-password"
                maxlength=128
                input_type="password"
            />
            <button type="submit" class="button button--wide" disabled=busy>
                {move || if busy.get() { c.logging_in } else { c.login_submit }}
            </button>
        </form>
    }
}
