//! 亮证: one e-licence full-screen, in big type, with a QR code for the officer to scan. The
//! code holds only a short verification string (`lianban:licence:<id>:<kind>`), no personal
//! number. Its own URL, so the phone's Back closes it.

use crate::api;
use crate::components::not_found::NotFound;
use crate::components::qr_code::QrCode;
use crate::components::remote::Remote;
use crate::components::require_login::RequireLogin;
use crate::i18n::account;
use crate::i18n::t;
use crate::pages::licences::LicenceFacts;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn LicencePage() -> impl IntoView {
    view! {
        <RequireLogin>
            <LicenceShow />
        </RequireLogin>
    }
}

#[component]
fn LicenceShow() -> impl IntoView {
    let l = t();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()));
    // The same request as the list of licences (there is no one-licence endpoint).
    let licences = api::resource(api::licences);
    let navigate = use_navigate();
    let close = move |_| {
        // Back to the list the citizen came from; to the list when opened from a link.
        let history = web_sys::window().and_then(|w| w.history().ok());
        match history {
            Some(h) if h.length().unwrap_or(0) > 1 => {
                let _ = h.back();
            }
            _ => navigate("/me/licences", Default::default()),
        }
    };
    view! {
        <div class="licence-show" role="dialog" aria-modal="true" aria-labelledby="licence-title">
            <Remote
                resource=licences
                standalone=true
                render=move |page| {
                    let Some(licence) = page.items.into_iter().find(|x| Some(x.id) == id()) else {
                        return view! { <NotFound message=account::t().licence_not_found.to_string() /> }
                            .into_any();
                    };
                    crate::title::set_title(&licence.kind);
                    let qr = format!("lianban:licence:{}:{}", licence.id, licence.kind);
                    view! {
                        <p class="licence-show__eyebrow">{account::t().licence_eyebrow}</p>
                        <h1 id="licence-title" class="licence-show__title">{licence.kind.clone()}</h1>
                        <QrCode text=qr label=account::t().licence_qr_label />
                        <p class="licence-show__hint">{account::t().licence_qr_hint}</p>
                        <LicenceFacts licence />
                    }
                        .into_any()
                }
            />
            <button type="button" class="button button--wide licence-show__close" on:click=close>
                {l.close}
            </button>
        </div>
    }
}
