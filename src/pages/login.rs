//! 登录 / 注册: a mobile number and a one-time SMS code (统一身份认证). A first login creates
//! the account. Afterwards the citizen goes back to where they were (`?next=`).

use crate::api::{self, Refusal};
use crate::components::error_summary::{focus_id, ErrorSummary, FormErrors};
use crate::components::require_login::safe_next;
use crate::components::text_field::TextField;
use crate::i18n::account;
use crate::i18n::t;
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use lianban_core::account::SMS_CODE_DIGITS;
use lianban_core::identity::MobilePhone;
use std::time::Duration;

const PHONE: &str = "phone";
const CODE: &str = "code";

fn phone_problem(v: &str) -> Option<String> {
    MobilePhone::parse(v).err().map(|e| e.message().to_string())
}

fn code_problem(v: &str) -> Option<String> {
    let v = v.trim();
    let ok = v.chars().count() == SMS_CODE_DIGITS && v.chars().all(|c| c.is_ascii_digit());
    (!ok).then(|| {
        if v.is_empty() {
            account::t().login_code_missing
        } else {
            account::t().login_code_format
        }
        .to_string()
    })
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let l = t();
    let session = use_session();
    let query = use_query_map();
    let navigate = use_navigate();
    let errors = FormErrors::new(&[PHONE, CODE, ""]);

    let phone = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let sent_to = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let logging_in = RwSignal::new(false);
    // The resend countdown, from a deadline so a throttled timer cannot stretch it.
    let resend_at = RwSignal::new(0.0_f64);
    let now = RwSignal::new(now_ms());
    if let Ok(handle) =
        set_interval_with_handle(move || now.set(now_ms()), Duration::from_millis(500))
    {
        on_cleanup(move || handle.clear());
    }
    let wait = move || ((resend_at.get() - now.get()) / 1000.0).ceil().max(0.0) as i64;

    // A server refusal goes to its field, or to the form as a whole.
    let show_refusal = move |r: Refusal| {
        let placed = errors.place_fields(&r, &[("phone", PHONE), ("code", CODE)]);
        if !placed {
            let id = match r.code.as_str() {
                c if c.starts_with("sms_") => PHONE,
                c if c.starts_with("code_") || c.starts_with("login_") => CODE,
                _ => "",
            };
            errors.set(id, Some(r.message.clone()));
        }
        if let Some(seconds) = r.retry_after.filter(|_| r.code == "sms_too_soon") {
            resend_at.set(now_ms() + seconds as f64 * 1000.0);
        }
        errors.failed();
    };

    let send_code = move |_| {
        if sending.get_untracked() || wait() > 0 {
            return;
        }
        errors.set(CODE, None);
        errors.set("", None);
        if let Some(problem) = phone_problem(&phone.get_untracked()) {
            errors.set(PHONE, Some(problem));
            errors.failed();
            return;
        }
        errors.set(PHONE, None);
        sending.set(true);
        let number = phone.get_untracked();
        leptos::task::spawn_local(async move {
            let answer = api::send_sms_code(&number).await;
            sending.set(false);
            match answer {
                Ok(sent) => {
                    resend_at.set(now_ms() + sent.resend_after_seconds as f64 * 1000.0);
                    sent_to.set(Some(sent.phone_masked));
                    focus_id(CODE);
                }
                Err(r) => show_refusal(r),
            }
        });
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if logging_in.get_untracked() {
            return;
        }
        errors.set("", None);
        let phone_error = phone_problem(&phone.get_untracked());
        let code_error = code_problem(&code.get_untracked());
        let bad = phone_error.is_some() || code_error.is_some();
        errors.set(PHONE, phone_error);
        errors.set(CODE, code_error);
        if bad {
            errors.failed();
            return;
        }
        logging_in.set(true);
        let (number, digits) = (phone.get_untracked(), code.get_untracked());
        let next = safe_next(query.with_untracked(|q| q.get("next")).as_deref());
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let answer = api::log_in(&number, digits.trim()).await;
            logging_in.set(false);
            match answer {
                Ok(me) => {
                    session.logged_in(me);
                    navigate(
                        &next,
                        NavigateOptions {
                            replace: true,
                            ..Default::default()
                        },
                    );
                }
                Err(r) => show_refusal(r),
            }
        });
    };

    view! {
        <h1>{l.login_title}</h1>
        <p class="lead">{account::t().login_intro}</p>
        <ErrorSummary errors title=l.login_title />
        <form class="form" novalidate on:submit=submit>
            <TextField
                id=PHONE
                label=account::t().login_phone
                value=phone
                errors
                check=phone_problem
                inputmode="numeric"
                autocomplete="tel"
                maxlength=20
            >
                <button
                    type="button"
                    class="button button--secondary"
                    disabled=move || { sending.get() || wait() > 0 }
                    on:click=send_code
                >
                    {move || {
                        match wait() {
                            0 if sending.get() => account::t().login_sending.to_string(),
                            0 => account::t().login_send_code.to_string(),
                            n => (account::t().login_resend_in)(n),
                        }
                    }}
                </button>
            </TextField>
            <p class="form__status" role="status">
                {move || sent_to.get().map(|m| (account::t().login_code_sent)(&m))}
            </p>
            <TextField
                id=CODE
                label=account::t().login_code
                value=code
                errors
                check=code_problem
                hint=account::t().login_code_hint
                inputmode="numeric"
                autocomplete="one-time-code"
                maxlength=SMS_CODE_DIGITS as u32
            />
            <button type="submit" class="button button--wide" disabled=logging_in>
                {account::t().login_submit}
            </button>
        </form>
        <p class="hint">{account::t().login_privacy}</p>
    }
}
