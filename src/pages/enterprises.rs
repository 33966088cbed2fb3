//! 我的企业: the enterprises the citizen represents (法人), and a form to add one by its
//! 统一社会信用代码. A wrong length or character is an error; a check character that does not
//! match is only a warning, since some genuine early codes fail it: the citizen confirms it.

use crate::api::{self, Refusal};
use crate::components::error_summary::{ErrorSummary, FormErrors};
use crate::components::remote::Remote;
use crate::components::require_login::RequireLogin;
use crate::components::text_field::TextField;
use crate::drafts;
use crate::i18n::account;
use crate::i18n::t;
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use lianban_core::account::{Enterprise, EnterpriseRequest, Representation};
use lianban_core::identity::CreditCode;

const NAME: &str = "enterprise_name";
const CODE: &str = "credit_code";
const CONFIRM: &str = "credit_code_confirm";

fn check_name(v: &str) -> Option<String> {
    let n = v.trim().chars().count();
    (n == 0 || n > 100).then(|| account::t().enterprise_name_problem.to_string())
}

fn check_code(v: &str) -> Option<String> {
    CreditCode::parse(v).err().map(|e| e.message())
}

/// The warning when the code is well formed but its check character does not match.
fn code_warning(v: &str) -> Option<&'static str> {
    CreditCode::parse(v).ok().and_then(|c| c.warning())
}

#[component]
pub fn EnterprisesPage() -> impl IntoView {
    crate::title::set_title(account::t().enterprises_title);
    view! {
        <h1>{account::t().enterprises_title}</h1>
        <RequireLogin>
            <Enterprises />
        </RequireLogin>
    }
}

#[component]
fn Enterprises() -> impl IntoView {
    let session = use_session();
    let verified = session.verified();
    move || {
        if verified.get() {
            view! { <EnterpriseList /> }.into_any()
        } else {
            view! {
                <div class="panel panel--notice">
                    <h2 class="panel__title">{account::t().enterprises_need_identity}</h2>
                    <p>{account::t().enterprises_need_identity_detail}</p>
                    <A href="/me/identity" attr:class="button">
                        {account::t().identity_title}
                    </A>
                </div>
            }
            .into_any()
        }
    }
}

#[component]
fn EnterpriseList() -> impl IntoView {
    let list = api::resource(api::enterprises);
    view! {
        <p class="lead">{account::t().enterprises_intro}</p>
        <section class="section" aria-labelledby="enterprises-list">
            <h2 id="enterprises-list">{account::t().enterprises_list}</h2>
            <Remote
                resource=list
                render=move |page| {
                    if page.items.is_empty() {
                        view! { <p class="empty">{account::t().enterprises_empty}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="cards">
                                {page.items.into_iter().map(|e| view! { <EnterpriseCard e /> }).collect::<Vec<_>>()}
                            </ul>
                        }
                            .into_any()
                    }
                }
            />
        </section>
        <AddEnterprise on_added=Callback::new(move |()| list.refetch()) />
    }
}

#[component]
fn EnterpriseCard(e: Enterprise) -> impl IntoView {
    let l = t();
    let (tag, tag_class, detail) = match e.representation {
        Representation::Unconfirmed => (
            account::t().enterprise_unconfirmed,
            "tag tag--warning",
            account::t().enterprise_unconfirmed_detail,
        ),
        Representation::ConfirmedByLicence => (
            account::t().enterprise_confirmed,
            "tag tag--success",
            account::t().enterprise_confirmed_by_licence,
        ),
        Representation::ConfirmedByClerk => (
            account::t().enterprise_confirmed,
            "tag tag--success",
            account::t().enterprise_confirmed_by_clerk,
        ),
    };
    view! {
        <li class="card">
            <h3 class="card__title">{e.name}</h3>
            <p class="card__text">
                {account::t().enterprise_code}
                {l.label_colon}
                <span class="mono">{e.credit_code}</span>
            </p>
            <p class="tags">
                <span class=tag_class>{tag}</span>
                {(!e.check_character_ok)
                    .then(|| view! { <span class="tag tag--warning">{account::t().enterprise_confirmed_code}</span> })}
            </p>
            <p class="card__text">{detail}</p>
        </li>
    }
}

#[component]
fn AddEnterprise(on_added: Callback<()>) -> impl IntoView {
    let l = t();
    let session = use_session();
    let errors = FormErrors::new(&[NAME, CODE, CONFIRM, ""]);
    let name = drafts::draft("enterprise.name");
    let code = drafts::draft("enterprise.credit_code");
    let confirmed = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let added = RwSignal::new(None::<String>);
    let warning = move || code_warning(&code.get());
    // A different code needs its own confirmation.
    Effect::new(move |_| {
        code.track();
        confirmed.set(false);
    });

    let show_refusal = move |r: Refusal| {
        if r.code == "credit_code_unconfirmed" {
            errors.set(CONFIRM, Some(r.message));
        } else {
            let placed = errors.place_fields(&r, &[("name", NAME), ("credit_code", CODE)]);
            if !placed {
                errors.set("", Some(r.message));
            }
        }
        errors.failed();
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        added.set(None);
        errors.set("", None);
        let name_error = check_name(&name.get_untracked());
        let code_error = check_code(&code.get_untracked());
        let confirm_error = (code_error.is_none()
            && code_warning(&code.get_untracked()).is_some()
            && !confirmed.get_untracked())
        .then(|| account::t().enterprise_confirm_needed.to_string());
        let bad = name_error.is_some() || code_error.is_some() || confirm_error.is_some();
        errors.set(NAME, name_error);
        errors.set(CODE, code_error);
        errors.set(CONFIRM, confirm_error);
        if bad {
            errors.failed();
            return;
        }
        busy.set(true);
        let request = EnterpriseRequest {
            name: name.get_untracked().trim().to_string(),
            credit_code: code.get_untracked(),
            confirm_check_character: confirmed.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            let answer = api::add_enterprise(&request).await;
            busy.set(false);
            match answer {
                Ok(e) => {
                    name.set(String::new());
                    code.set(String::new());
                    added.set(Some(e.name));
                    session.patch(|me| me.enterprise_count += 1);
                    on_added.run(());
                }
                Err(r) => show_refusal(r),
            }
        });
    };

    view! {
        <section class="section" aria-labelledby="enterprise-add">
            <h2 id="enterprise-add">{account::t().enterprise_add}</h2>
            <p role="status" class="form__status">
                {move || added.get().map(|n| (account::t().enterprise_added)(&n))}
            </p>
            <ErrorSummary errors title=account::t().enterprises_title />
            <form class="form" novalidate on:submit=submit>
                <TextField
                    id=NAME
                    label=account::t().enterprise_name
                    value=name
                    errors
                    check=check_name
                    autocomplete="organization"
                    maxlength=100
                />
                <TextField
                    id=CODE
                    label=account::t().enterprise_code
                    value=code
                    errors
                    check=check_code
                    hint=account::t().enterprise_code_hint
                    maxlength=24
                />
                {move || {
                    warning()
                        .map(|w| {
                            view! {
                                <div
                                    class="warning"
                                    class:form-field--error=move || errors.get(CONFIRM).is_some()
                                >
                                    <p class="warning__text" id="credit_code_warning">
                                        <strong>{l.warning_label}</strong>
                                        {w}
                                    </p>
                                    {move || {
                                        errors
                                            .get(CONFIRM)
                                            .map(|m| view! { <p class="form-field__error">{m}</p> })
                                    }}
                                    <div class="check">
                                        <input
                                            type="checkbox"
                                            id=CONFIRM
                                            aria-describedby="credit_code_warning"
                                            prop:checked=move || confirmed.get()
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                confirmed.set(on);
                                                if on {
                                                    errors.set(CONFIRM, None);
                                                }
                                            }
                                        />
                                        <label for=CONFIRM>{account::t().enterprise_confirm}</label>
                                    </div>
                                </div>
                            }
                        })
                }}
                <button type="submit" class="button button--wide" disabled=busy>
                    {account::t().enterprise_submit}
                </button>
            </form>
        </section>
    }
}
