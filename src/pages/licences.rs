//! 我的电子证照: the licences the platform holds for the citizen; each can be shown full-screen
//! with a QR code (亮证) at `/me/licences/:id`.

use crate::api;
use crate::components::remote::Remote;
use crate::components::require_login::RequireLogin;
use crate::i18n::account;
use leptos::prelude::*;
use leptos_router::components::A;
use lianban_core::account::Licence;

#[component]
pub fn LicencesPage() -> impl IntoView {
    crate::title::set_title(account::t().licences_title);
    view! {
        <h1>{account::t().licences_title}</h1>
        <RequireLogin>
            <Licences />
        </RequireLogin>
    }
}

#[component]
fn Licences() -> impl IntoView {
    let list = api::resource(api::licences);
    view! {
        <p class="lead">{account::t().licences_intro}</p>
        <Remote
            resource=list
            render=move |page| {
                if page.items.is_empty() {
                    view! {
                        <p class="empty">{account::t().licences_empty}</p>
                        <A href="/me/identity">{account::t().identity_title}</A>
                    }
                        .into_any()
                } else {
                    view! {
                        <ul class="cards">
                            {page.items.into_iter().map(|licence| view! { <LicenceCard licence /> }).collect::<Vec<_>>()}
                        </ul>
                    }
                        .into_any()
                }
            }
        />
    }
}

#[component]
fn LicenceCard(licence: Licence) -> impl IntoView {
    let href = format!("/me/licences/{}", licence.id);
    let heading = format!("licence-{}", licence.id);
    view! {
        <li class="card licence-card">
            <h2 class="card__title" id=heading>{licence.kind.clone()}</h2>
            <LicenceFacts licence=licence.clone() />
            <A href=href attr:class="button" attr:aria-label=(account::t().licence_show_label)(&licence.kind)>
                {account::t().licence_show}
            </A>
        </li>
    }
}

/// Holder, number, issuer and dates, as a summary list.
#[component]
pub fn LicenceFacts(licence: Licence) -> impl IntoView {
    let row = |key: &'static str, value: String| {
        view! {
            <div class="summary-list__row">
                <dt>{key}</dt>
                <dd>{value}</dd>
            </div>
        }
    };
    view! {
        <dl class="summary-list licence-facts">
            {row(account::t().licence_holder, licence.holder)}
            {row(account::t().licence_number, licence.number_masked)}
            {row(account::t().licence_issuer, licence.issuer)}
            {row(account::t().licence_issued_on, licence.issued_on)}
            {row(account::t().licence_valid_until, licence.valid_until.unwrap_or_else(|| account::t().licence_no_expiry.to_string()))}
        </dl>
    }
}
