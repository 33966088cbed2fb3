//! 实名认证: name and 公民身份号码, checked in the browser by the same rules as the server
//! (GB 11643), then bound to the account. Verified citizens see their masked profile.

use crate::api::{self, Refusal};
use crate::clock::china_today;
use crate::components::error_summary::{focus_id, ErrorSummary, FormErrors};
use crate::components::require_login::RequireLogin;
use crate::components::text_field::TextField;
use crate::drafts;
use crate::i18n::account;
use crate::i18n::t;
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use lianban_core::account::{name_problem, Me};
use lianban_core::identity::IdNumber;

const NAME: &str = "name";
const ID_NUMBER: &str = "id_number";

fn check_name(v: &str) -> Option<String> {
    name_problem(v).map(str::to_string)
}

fn check_id_number(v: &str) -> Option<String> {
    IdNumber::parse(v, china_today()).err().map(|e| e.message())
}

#[component]
pub fn IdentityPage() -> impl IntoView {
    view! {
        <RequireLogin>
            <Identity />
        </RequireLogin>
    }
}

#[component]
fn Identity() -> impl IntoView {
    let session = use_session();
    let verified = session.verified();
    view! {
        <h1 id="identity-title" tabindex="-1">
            {account::t().identity_title}
        </h1>
        {move || {
            match verified.get().then(|| session.me.get_untracked()).flatten() {
                Some(Ok(Some(me))) => view! { <Verified me /> }.into_any(),
                _ => view! { <IdentityForm /> }.into_any(),
            }
        }}
    }
}

#[component]
fn Verified(me: Me) -> impl IntoView {
    let l = t();
    crate::title::set_title(account::t().identity_title);
    view! {
        <div class="panel panel--success" role="status">
            <h2 class="panel__title">{account::t().identity_done}</h2>
            <dl class="summary-list">
                <div class="summary-list__row">
                    <dt>{account::t().identity_name}</dt>
                    <dd>{me.name.unwrap_or_default()}</dd>
                </div>
                <div class="summary-list__row">
                    <dt>{account::t().identity_number}</dt>
                    <dd class="mono">{me.id_number_masked.unwrap_or_default()}</dd>
                </div>
                <div class="summary-list__row">
                    <dt>{account::t().login_phone}</dt>
                    <dd class="mono">{me.phone_masked}</dd>
                </div>
            </dl>
        </div>
        <ul class="link-list">
            <li>
                <A href="/me/licences">{account::t().licences_title}</A>
            </li>
            <li>
                <A href="/me/enterprises">{account::t().enterprises_title}</A>
            </li>
            <li>
                <A href="/me">{l.back_to_me}</A>
            </li>
        </ul>
    }
}

#[component]
fn IdentityForm() -> impl IntoView {
    let session = use_session();
    let errors = FormErrors::new(&[NAME, ID_NUMBER, ""]);
    let name = drafts::draft("identity.name");
    // The identity number is personal data: it is never kept in a draft.
    let id_number = RwSignal::new(String::new());
    let busy = RwSignal::new(false);

    let show_refusal = move |r: Refusal| {
        let placed = errors.place_fields(&r, &[("name", NAME), ("id_number", ID_NUMBER)]);
        if !placed {
            errors.set("", Some(r.message));
        }
        errors.failed();
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        errors.set("", None);
        let name_error = check_name(&name.get_untracked());
        let id_error = check_id_number(&id_number.get_untracked());
        let bad = name_error.is_some() || id_error.is_some();
        errors.set(NAME, name_error);
        errors.set(ID_NUMBER, id_error);
        if bad {
            errors.failed();
            return;
        }
        busy.set(true);
        let (n, id) = (name.get_untracked(), id_number.get_untracked());
        leptos::task::spawn_local(async move {
            let answer = api::verify_identity(&n, &id).await;
            busy.set(false);
            match answer {
                Ok(me) => {
                    name.set(String::new());
                    session.set(Some(me));
                    request_animation_frame(|| focus_id("identity-title"));
                }
                Err(r) => show_refusal(r),
            }
        });
    };

    view! {
        <p class="lead">{account::t().identity_intro}</p>
        <ErrorSummary errors title=account::t().identity_title />
        <form class="form" novalidate on:submit=submit>
            <TextField
                id=NAME
                label=account::t().identity_name
                value=name
                errors
                check=check_name
                autocomplete="name"
                maxlength=30
            />
            <TextField
                id=ID_NUMBER
                label=account::t().identity_number
                value=id_number
                errors
                check=check_id_number
                hint=account::t().identity_number_hint
                maxlength=24
            />
            <p class="hint">{account::t().identity_reference_note}</p>
            <button type="submit" class="button button--wide" disabled=busy>
                {account::t().identity_submit}
            </button>
        </form>
    }
}
