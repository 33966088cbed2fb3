//! The receipt (`/applications/:number`): the case number and its query code, a QR code that
//! opens its tracking page, and one sub-case per department with its promised date.

use super::review::SUBMITTED;
use crate::api;
use crate::components::qr_code::QrCode;
use crate::components::remote::Remote;
use crate::components::require_login::RequireLogin;
use crate::i18n::t;
use crate::title::set_title;
use crate::url::query;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ReceiptPage() -> impl IntoView {
    view! {
        <RequireLogin>
            <Receipt />
        </RequireLogin>
    }
}

#[component]
fn Receipt() -> impl IntoView {
    let params = use_params_map();
    let app = LocalResource::new(move || {
        let number = params.with(|p| p.get("number").unwrap_or_default());
        let just = SUBMITTED.with(|s| s.borrow().clone().filter(|a| a.number == number));
        let fetch = just.is_none().then(|| {
            api::get::<Submitted>(format!("/applications/{}", crate::url::encode(&number)))
        });
        async move {
            match (just, fetch) {
                (Some(a), _) => Ok(a),
                (None, Some(f)) => f.await,
                (None, None) => Err(crate::api::ApiFailure::Network),
            }
        }
    });
    view! { <Remote resource=app render=|a| view! { <ReceiptView app=a /> } standalone=true /> }
}

/// What the receipt shows of a combined case: read from the same `Application` answer, but
/// without the sub-cases' states, clocks, timelines and ratings, whose deserialisers would
/// otherwise come with the 一事联办 chunk (they are the 我的办件 chunk's).
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct Submitted {
    pub number: String,
    pub query_code: String,
    pub theme_id: String,
    pub theme_name: String,
    pub sub_cases: Vec<SubmittedSub>,
    #[serde(default)]
    pub deferred_materials: Vec<String>,
    pub delivery: String,
}

#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct SubmittedSub {
    pub number: String,
    pub matter_name: String,
    pub department_name: String,
    pub status_label: String,
    pub promised_date: String,
    #[serde(default)]
    pub provisional: bool,
    pub deadline: SubmittedClock,
}

/// Of the clock, the sentence the receipt shows.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct SubmittedClock {
    pub explanation: String,
}

/// The tracking page of a case, which opens it without login.
pub fn track_path(number: &str, code: &str) -> String {
    format!("/track{}", query([("number", number), ("code", code)]))
}

#[component]
fn ReceiptView(app: Submitted) -> impl IntoView {
    let l = crate::i18n::apply::t();
    set_title(l.receipt_title);
    let track = track_path(&app.number, &app.query_code);
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let count = app.sub_cases.len();
    let collect = app.delivery.starts_with("窗口领取");
    let next = app
        .sub_cases
        .iter()
        .map(|s| {
            view! {
                <li>{(l.receipt_next_department)(&s.department_name, &s.matter_name, &s.deadline.explanation)}</li>
            }
        })
        .collect::<Vec<_>>();
    let subs = app
        .sub_cases
        .into_iter()
        .map(|s| {
            // The calendar's one note, as the booking pages show it.
            let provisional = s
                .provisional
                .then(|| s.promised_date.get(..4)?.parse::<u16>().ok())
                .flatten()
                .map(|year| {
                    view! { <p class="summary-list__value hint">{(crate::i18n::booking::t().provisional_note)(&[year])}</p> }
                });
            view! {
                <li class="card">
                    <h3 class="card__title">{s.matter_name}</h3>
                    <dl class="summary-list">
                        <div class="summary-list__row">
                            <dt>{l.sub_department}</dt>
                            <dd>{s.department_name}</dd>
                        </div>
                        <div class="summary-list__row">
                            <dt>{l.sub_number}</dt>
                            <dd class="mono">{s.number}</dd>
                        </div>
                        <div class="summary-list__row">
                            <dt>{l.sub_status}</dt>
                            <dd>{s.status_label}</dd>
                        </div>
                        <div class="summary-list__row">
                            <dt>{l.sub_deadline}</dt>
                            <dd>{s.deadline.explanation}</dd>
                        </div>
                        <div class="summary-list__row">
                            <dt>{l.sub_promised}</dt>
                            <dd>
                                <p class="summary-list__value">{s.promised_date}</p>
                                {provisional}
                            </dd>
                        </div>
                    </dl>
                </li>
            }
        })
        .collect::<Vec<_>>();
    let deferred = (!app.deferred_materials.is_empty()).then(|| {
        view! {
            <section class="section" aria-labelledby="receipt-deferred">
                <h2 id="receipt-deferred">{l.receipt_deferred}</h2>
                <ul class="plain-list">
                    {app.deferred_materials.into_iter().map(|m| view! { <li>{m}</li> }).collect::<Vec<_>>()}
                </ul>
            </section>
        }
    });
    view! {
        <div class="panel panel--success" role="status">
            <h1 class="panel__title" id="apply-heading" tabindex="-1">{l.receipt_title}</h1>
            <p>{app.theme_name.clone()}</p>
            <dl class="summary-list">
                <div class="summary-list__row">
                    <dt>{l.receipt_number}</dt>
                    <dd class="mono">{app.number.clone()}</dd>
                </div>
                <div class="summary-list__row">
                    <dt>{l.receipt_query_code}</dt>
                    <dd class="mono">{app.query_code.clone()}</dd>
                </div>
                <div class="summary-list__row">
                    <dt>{l.receipt_delivery}</dt>
                    <dd>{app.delivery.clone()}</dd>
                </div>
            </dl>
        </div>
        <section class="section" aria-labelledby="receipt-next">
            <h2 id="receipt-next">{l.receipt_next}</h2>
            <ul class="plain-list">{next}</ul>
            <p>{l.receipt_next_sms}</p>
            <p>{if collect { l.receipt_next_collect } else { l.receipt_next_post }}</p>
            {collect.then(|| view! { <A href="/halls">{l.receipt_next_halls}</A> })}
        </section>
        <section class="section" aria-labelledby="receipt-track">
            <h2 id="receipt-track">{l.receipt_track}</h2>
            <p class="hint">{l.receipt_track_hint}</p>
            <QrCode text=format!("{origin}{track}") label=l.receipt_qr_label />
            <A href=format!("/me/cases/{}", crate::url::encode(&app.number)) attr:class="button">{l.receipt_track_link}</A>
        </section>
        <section class="section" aria-labelledby="receipt-subs">
            <h2 id="receipt-subs">{(l.receipt_sub_cases)(count)}</h2>
            <ul class="cards">{subs}</ul>
        </section>
        {deferred}
        <ul class="link-list">
            <li>
                <A href="/me">{t().back_to_me}</A>
            </li>
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tracking_link_carries_number_and_code() {
        assert_eq!(
            track_path("LB20261125000123", "8K3M2Q"),
            "/track?number=LB20261125000123&code=8K3M2Q"
        );
    }
}
