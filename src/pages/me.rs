//! 我的: the personal centre. Logged out, it explains the one account (统一身份认证) and offers
//! login; logged in, it shows the masked profile, the citizen's enterprises and e-licences,
//! and the display settings. The display settings (长辈版) work either way.

use crate::api;
use crate::components::elder_toggle::ElderToggle;
use crate::components::remote::{ErrorState, Loading};
use crate::drafts;
use crate::i18n::account;
use crate::i18n::t;
use crate::session::use_session;
use crate::title::set_title;
use crate::visible::on_visible;
use leptos::prelude::*;
use leptos_router::components::A;
use lianban_core::account::Me;

#[component]
pub fn MePage() -> impl IntoView {
    let l = t();
    set_title(l.me_title);
    let session = use_session();
    let body = move || match session.me.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Ok(None)) => view! { <LoginEntry /> }.into_any(),
        Some(Ok(Some(me))) => view! { <Profile me /> }.into_any(),
        Some(Err(failure)) => {
            let retry = Callback::new(move |()| {
                session.me.set(None);
                session.me.refetch();
            });
            view! { <ErrorState failure standalone=false retry /> }.into_any()
        }
    };
    view! {
        <h1>{l.me_title}</h1>
        {body}
        <section class="section" aria-labelledby="me-settings">
            <h2 id="me-settings">{account::t().me_settings}</h2>
            <p>{l.elder_mode_hint}</p>
            <ElderToggle large=true />
        </section>
        <section class="section" aria-labelledby="me-more">
            <h2 id="me-more">{account::t().me_more}</h2>
            <ul class="link-list">
                <li>
                    <A href="/appointments">{l.appointments_title}</A>
                </li>
                <li>
                    <A href="/track">{l.track_title}</A>
                </li>
                <li>
                    <A href="/departments">{l.departments_title}</A>
                </li>
            </ul>
        </section>
    }
}

#[component]
fn LoginEntry() -> impl IntoView {
    let l = t();
    view! {
        <div class="panel">
            <h2 class="panel__title">{account::t().me_login_title}</h2>
            <p>{account::t().me_login_detail}</p>
            <A href="/login?next=%2Fme" attr:class="button">
                {l.login_title}
            </A>
        </div>
    }
}

#[component]
fn Profile(me: Me) -> impl IntoView {
    let l = t();
    let session = use_session();
    let leaving = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    // 消息（2条未读）: asked again when the citizen comes back to the page.
    let unread = api::resource(api::unread_messages);
    on_visible(move || unread.refetch());
    let unread_link = move || {
        (account::t().me_messages_link)(unread.get().and_then(|r| r.ok()).map(|c| c.unread))
    };
    let log_out = move |_| {
        leaving.set(true);
        leptos::task::spawn_local(async move {
            match api::log_out().await {
                // 401: the session had already ended; either way nobody is logged in now.
                Ok(()) => {}
                Err(r) if r.status == 401 => {}
                Err(r) => {
                    leaving.set(false);
                    failed.set(Some(r.message));
                    return;
                }
            }
            drafts::clear_all();
            session.set(None);
        });
    };
    let status = if me.verified {
        view! { <span class="tag tag--success">{account::t().me_verified}</span> }.into_any()
    } else {
        view! {
            <span class="tag tag--warning">{account::t().me_unverified}</span>
            " "
            <A href="/me/identity">{account::t().me_verify_now}</A>
        }
        .into_any()
    };
    let name_rows = me.verified.then(|| {
        view! {
            <div class="summary-list__row">
                <dt>{account::t().identity_name}</dt>
                <dd>{me.name.clone().unwrap_or_default()}</dd>
            </div>
            <div class="summary-list__row">
                <dt>{account::t().identity_number}</dt>
                <dd class="mono">{me.id_number_masked.clone().unwrap_or_default()}</dd>
            </div>
        }
    });
    view! {
        <section class="section" aria-labelledby="me-profile">
            <h2 id="me-profile">{account::t().me_profile}</h2>
            <dl class="summary-list">
                <div class="summary-list__row">
                    <dt>{account::t().login_phone}</dt>
                    <dd class="mono">{me.phone_masked.clone()}</dd>
                </div>
                <div class="summary-list__row">
                    <dt>{account::t().me_identity_status}</dt>
                    <dd>{status}</dd>
                </div>
                {name_rows}
            </dl>
        </section>
        <section class="section" aria-labelledby="me-services">
            <h2 id="me-services">{account::t().me_services}</h2>
            <ul class="menu">
                <li>
                    <A href="/me/licences">
                        <span class="menu__name">{account::t().licences_title}</span>
                        <span class="menu__count">{(l.count_items)(me.licence_count)}</span>
                    </A>
                </li>
                <li>
                    <A href="/me/enterprises">
                        <span class="menu__name">{account::t().enterprises_title}</span>
                        <span class="menu__count">{(l.count_items)(me.enterprise_count)}</span>
                    </A>
                </li>
            </ul>
        </section>
        <section class="section" aria-labelledby="me-matters">
            <h2 id="me-matters">{account::t().me_matters}</h2>
            <dl class="summary-list">
                <div class="summary-list__row">
                    <dt>{l.me_drafts}</dt>
                    <dd>
                        <A href="/me/drafts" attr:aria-label=l.me_drafts>{crate::i18n::apply::t().me_drafts_link}</A>
                    </dd>
                </div>
                <div class="summary-list__row">
                    <dt>{account::t().me_cases}</dt>
                    <dd>
                        <A href="/me/cases">{account::t().me_cases_link}</A>
                    </dd>
                </div>
                <div class="summary-list__row">
                    <dt>{account::t().me_messages}</dt>
                    <dd>
                        <A href="/me/messages">{unread_link}</A>
                    </dd>
                </div>
                <div class="summary-list__row">
                    <dt>{account::t().me_appointments}</dt>
                    <dd>
                        <A href="/appointments">{crate::i18n::booking::t().mine_title}</A>
                    </dd>
                </div>
            </dl>
        </section>
        <section class="section">
            {move || failed.get().map(|m| view! { <p class="form-field__error" role="alert">{m}</p> })}
            <button
                type="button"
                class="button button--secondary button--wide"
                disabled=leaving
                on:click=log_out
            >
                {account::t().me_log_out}
            </button>
        </section>
    }
}
