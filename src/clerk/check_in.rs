//! 窗口签到 (`/clerk/check-in`): the clerk types the 签到码 from the citizen's appointment —
//! or, where the browser has `BarcodeDetector`, scans its QR code with the camera — and the
//! answer says in words who was checked in or why not (the server's message: another hall,
//! another day, already checked in). Below, 今日预约: the hall's appointments today with their
//! status; a booked one whose time is over may be recorded as 未到, only after a confirmation
//! that says what two no-shows mean. Nothing is recorded as 未到 automatically.

use super::RequireClerk;
use crate::api;
use crate::components::case_view::focus_page_heading;
use crate::components::error_summary::{ErrorSummary, FormErrors};
use crate::components::remote::Remote;
use crate::components::text_field::TextField;
use crate::i18n::clerk;
use crate::title::set_title;
use crate::visible::on_visible;
use js_sys::{Array, Function, Object, Promise, Reflect};
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use lianban_core::api::Page;
use lianban_core::appointments::{ClerkAppointment, RecordedStatus};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

const CODE: &str = "checkin-code";

fn code_problem(v: &str) -> Option<String> {
    v.trim()
        .is_empty()
        .then(|| clerk::t().checkin_code_missing.to_string())
}

#[component]
pub fn CheckInPage() -> impl IntoView {
    view! {
        <RequireClerk>
            <CheckIn />
        </RequireClerk>
    }
}

/// `window.BarcodeDetector` and `navigator.mediaDevices.getUserMedia`, when both exist.
fn scanner_available() -> bool {
    let window: JsValue = window().into();
    let has = |o: &JsValue, k: &str| {
        Reflect::get(o, &JsValue::from_str(k)).is_ok_and(|v| !v.is_undefined() && !v.is_null())
    };
    if !has(&window, "BarcodeDetector") {
        return false;
    }
    let navigator: JsValue = window_navigator();
    Reflect::get(&navigator, &JsValue::from_str("mediaDevices"))
        .is_ok_and(|m| has(&m, "getUserMedia"))
}

fn window_navigator() -> JsValue {
    window().navigator().into()
}

fn get(o: &JsValue, k: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
}

/// Calls `o[k](args…)`.
fn call(o: &JsValue, k: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: Function = get(o, k).dyn_into()?;
    f.apply(o, &args.iter().collect::<Array>())
}

/// A promise's outcome, awaited.
async fn settle(p: Promise) -> Result<JsValue, JsValue> {
    let (tx, rx) = futures::channel::oneshot::channel::<Result<JsValue, JsValue>>();
    let tx = Rc::new(RefCell::new(Some(tx)));
    let (t1, t2) = (tx.clone(), tx);
    let ok = Closure::once(move |v: JsValue| {
        if let Some(tx) = t1.borrow_mut().take() {
            let _ = tx.send(Ok(v));
        }
    });
    let err = Closure::once(move |v: JsValue| {
        if let Some(tx) = t2.borrow_mut().take() {
            let _ = tx.send(Err(v));
        }
    });
    let _ = p.then2(&ok, &err);
    let answer = rx.await.unwrap_or(Err(JsValue::UNDEFINED));
    drop((ok, err));
    answer
}

/// Stops every track of a camera stream.
fn stop_stream(stream: &JsValue) {
    if let Ok(tracks) = call(stream, "getTracks", &[]) {
        for t in Array::from(&tracks).iter() {
            let _ = call(&t, "stop", &[]);
        }
    }
}

#[component]
fn CheckIn() -> impl IntoView {
    let c = clerk::t();
    set_title(c.checkin_title);
    focus_page_heading();
    let errors = FormErrors::new(&[CODE, ""]);
    let code = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let result = RwSignal::new(None::<String>);
    let today = api::resource(api::hall_today);
    on_visible(move || today.refetch());

    let submit_code = move || {
        if busy.get_untracked() {
            return;
        }
        result.set(None);
        errors.set("", None);
        let value = code.get_untracked();
        if let Some(m) = code_problem(&value) {
            errors.set(CODE, Some(m));
            errors.failed();
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let answer = api::check_in(&value).await;
            let _ = busy.try_set(false);
            match answer {
                Ok(a) => {
                    errors.clear();
                    let what = a.matter_name.clone().unwrap_or(a.category_name.clone());
                    result.set(Some(format!(
                        "{}：{}",
                        (c.checkin_done)(&a.time, &what, &a.citizen),
                        a.status_label
                    )));
                    code.set(String::new());
                    today.refetch();
                }
                Err(r) => {
                    let message = r.fields.get("code").cloned().unwrap_or(r.message);
                    errors.set(CODE, Some(message));
                    errors.failed();
                }
            }
        });
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit_code();
    };

    // The camera, where the browser can read QR codes.
    let can_scan = scanner_available();
    let scanning = RwSignal::new(false);
    let video = NodeRef::<html::Video>::new();
    let stream = StoredValue::new_local(None::<JsValue>);
    let timer = StoredValue::new_local(None::<leptos::prelude::IntervalHandle>);
    let stop = move || {
        if let Some(s) = stream.try_update_value(|s| s.take()).flatten() {
            stop_stream(&s);
        }
        if let Some(t) = timer.try_update_value(|t| t.take()).flatten() {
            t.clear();
        }
        let _ = scanning.try_set(false);
    };
    on_cleanup(stop);
    let start = move |_| {
        if scanning.get_untracked() {
            stop();
            return;
        }
        errors.set("", None);
        scanning.set(true);
        leptos::task::spawn_local(async move {
            let constraints = Object::new();
            let video_wish = Object::new();
            let _ = Reflect::set(&video_wish, &"facingMode".into(), &"environment".into());
            let _ = Reflect::set(&constraints, &"video".into(), &video_wish);
            let devices = get(&window_navigator(), "mediaDevices");
            let opened = match call(&devices, "getUserMedia", &[constraints.into()]) {
                Ok(p) => settle(p.unchecked_into()).await,
                Err(e) => Err(e),
            };
            let (Ok(media), Some(el)) = (opened, video.get_untracked()) else {
                errors.set("", Some(c.checkin_camera_failed.to_string()));
                let _ = scanning.try_set(false);
                return;
            };
            let el: JsValue = el.into();
            let _ = Reflect::set(&el, &"srcObject".into(), &media);
            let _ = call(&el, "play", &[]);
            stream.set_value(Some(media));
            let options = Object::new();
            let _ = Reflect::set(
                &options,
                &"formats".into(),
                &Array::of1(&"qr_code".into()).into(),
            );
            let Ok(ctor) = get(&window().into(), "BarcodeDetector").dyn_into::<Function>() else {
                stop();
                return;
            };
            let Ok(detector) = Reflect::construct(&ctor, &Array::of1(&options.into())) else {
                stop();
                return;
            };
            let looking = Rc::new(std::cell::Cell::new(false));
            let handle = set_interval_with_handle(
                move || {
                    if looking.get() {
                        return;
                    }
                    looking.set(true);
                    let (detector, el, looking) = (detector.clone(), el.clone(), looking.clone());
                    leptos::task::spawn_local(async move {
                        let found = match call(&detector, "detect", &[el]) {
                            Ok(p) => settle(p.unchecked_into()).await.ok(),
                            Err(_) => None,
                        };
                        looking.set(false);
                        let raw = found
                            .map(|list| Array::from(&list))
                            .and_then(|list| list.iter().next())
                            .and_then(|first| get(&first, "rawValue").as_string());
                        if let Some(raw) = raw {
                            stop();
                            code.set(raw.trim().to_string());
                            submit_code();
                        }
                    });
                },
                std::time::Duration::from_millis(400),
            );
            match handle {
                Ok(h) => timer.set_value(Some(h)),
                Err(_) => stop(),
            }
        });
    };

    view! {
        <h1 id="page-heading" tabindex="-1">{c.checkin_title}</h1>
        <p class="lead">{c.checkin_intro}</p>
        <ErrorSummary errors title=c.checkin_title />
        <form class="form" novalidate on:submit=on_submit>
            <TextField
                id=CODE
                label=c.checkin_code
                value=code
                errors
                check=code_problem
                hint=c.checkin_code_hint
                autocomplete="off"
                maxlength=32
            />
            <div class="actions">
                <button type="submit" class="button" disabled=busy>{c.checkin_submit}</button>
                {can_scan.then(|| view! {
                    <button type="button" class="button button--secondary" aria-pressed=move || if scanning.get() { "true" } else { "false" } on:click=start>
                        {move || if scanning.get() { c.checkin_scan_stop } else { c.checkin_scan }}
                    </button>
                })}
            </div>
            {can_scan.then(|| view! {
                <div hidden=move || !scanning.get()>
                    <p class="hint">{c.checkin_scan_hint}</p>
                    <video class="scan__video" node_ref=video muted=true playsinline=true aria-label=c.checkin_scan></video>
                </div>
            })}
        </form>
        <p class="panel panel--success" role="status" hidden=move || result.with(Option::is_none)>
            {move || result.get()}
        </p>
        <section class="section" aria-labelledby="today-title">
            <h2 id="today-title">{c.today_title}</h2>
            <Remote resource=today render=move |p| view! { <Today page=p today /> } />
        </section>
        <ul class="link-list">
            <li>
                <A href="/clerk">{c.back_to_list}</A>
            </li>
        </ul>
    }
}

#[component]
fn Today(
    page: Page<ClerkAppointment>,
    today: LocalResource<Result<Page<ClerkAppointment>, api::ApiFailure>>,
) -> impl IntoView {
    let c = clerk::t();
    if page.items.is_empty() {
        return view! { <p class="empty">{c.today_empty}</p> }.into_any();
    }
    let done = RwSignal::new(None::<String>);
    let rows = page
        .items
        .into_iter()
        .map(|a| view! { <TodayRow a done today /> })
        .collect::<Vec<_>>();
    view! {
        <p class="form__status" role="status">{move || done.get()}</p>
        <ul class="cards">{rows}</ul>
    }
    .into_any()
}

#[component]
fn TodayRow(
    a: ClerkAppointment,
    done: RwSignal<Option<String>>,
    today: LocalResource<Result<Page<ClerkAppointment>, api::ApiFailure>>,
) -> impl IntoView {
    let c = clerk::t();
    let row = |label: &'static str, value: String| {
        view! {
            <div class="summary-list__row">
                <dt>{label}</dt>
                <dd>{value}</dd>
            </div>
        }
    };
    let tag = match a.status {
        RecordedStatus::CheckedIn => "tag tag--success",
        RecordedStatus::Booked => "tag",
        _ => "tag tag--muted",
    };
    let asking = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let safe = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if asking.get() {
            if let Some(b) = safe.get() {
                let _ = b.focus();
            }
        }
    });
    let id = a.id;
    let citizen = a.citizen.clone();
    let confirm = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        let citizen = citizen.clone();
        leptos::task::spawn_local(async move {
            let answer = api::record_no_show(id).await;
            let _ = busy.try_set(false);
            match answer {
                Ok(_) => {
                    done.set(Some((c.no_show_done)(&citizen)));
                    today.refetch();
                }
                Err(r) => {
                    let _ = asking.try_set(false);
                    let _ = problem.try_set(Some(r.message));
                }
            }
        });
    };
    let what = a.matter_name.clone().unwrap_or(a.category_name.clone());
    let title_id = format!("no-show-{id}-title");
    let detail_id = format!("no-show-{id}-detail");
    let label = (c.no_show_label)(&a.time, &a.citizen);
    let no_show = a.may_record_no_show.then(|| {
        view! {
            {move || problem.get().map(|m| view! { <p class="form-field__error" role="alert">{m}</p> })}
            <Show
                when=move || asking.get()
                fallback=move || view! {
                    <p>
                        <button type="button" class="button button--secondary" aria-label=label.clone() on:click=move |_| asking.set(true)>
                            {c.no_show}
                        </button>
                    </p>
                }
            >
                <div class="panel panel--warning confirm" role="alertdialog" aria-labelledby=title_id.clone() aria-describedby=detail_id.clone()>
                    <h3 id=title_id.clone() class="panel__title">{c.no_show_confirm_title}</h3>
                    <p id=detail_id.clone()>{c.no_show_confirm_detail}</p>
                    <div class="actions">
                        <button type="button" class="button" disabled=busy on:click=confirm.clone()>{c.no_show_yes}</button>
                        <button type="button" class="button button--secondary" node_ref=safe on:click=move |_| asking.set(false)>
                            {c.confirm_back}
                        </button>
                    </div>
                </div>
            </Show>
        }
    });
    view! {
        <li class="card">
            <h3 class="card__title">{a.time.clone()}" · "{what}</h3>
            <dl class="summary-list">
                {row(c.col_citizen, a.citizen.clone())}
                {row(c.col_code, a.code.clone())}
                <div class="summary-list__row">
                    <dt>{c.col_status}</dt>
                    <dd><span class=tag>{a.status_label.clone()}</span></dd>
                </div>
            </dl>
            {no_show}
        </li>
    }
}
