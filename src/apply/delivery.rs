//! 结果送达 (`/themes/:id/apply/delivery`): collect every result at one hall that handles all
//! the included matters, or have them posted to an address free of charge.

use super::field_input::FieldInput;
use super::materials::local_problems;
use super::{focus_heading, use_flow};
use crate::api;
use crate::components::error_summary::{ErrorSummary, FormErrors};
use crate::i18n::apply::t;
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use lianban_core::apply::{collection_halls, Delivery, FieldDef, FieldGroup, FieldKind};

const MODE: &str = "delivery-mode";
const HALL: &str = "delivery-hall";
const RECIPIENT: &str = "delivery-recipient";
const PHONE: &str = "delivery-phone";
const ADDRESS: &str = "delivery-address";

fn text_def(id: &str, label: &str, kind: FieldKind, min: u32, max: u32) -> FieldDef {
    FieldDef {
        id: id.to_string(),
        label: label.to_string(),
        kind,
        group: FieldGroup::Applicant,
        required: true,
        min_len: Some(min),
        max_len: Some(max),
        min: None,
        max: None,
        unit: None,
        options: Vec::new(),
        from_account: None,
        help: None,
    }
}

#[component]
pub fn DeliveryPage() -> impl IntoView {
    let l = t();
    let flow = use_flow();
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let from_review = query.with_untracked(|q| q.get("from").as_deref() == Some("review"));
    flow.visit("delivery");
    focus_heading();
    let errors = FormErrors::new(&[MODE, HALL, RECIPIENT, PHONE, ADDRESS, ""]);
    let hall_ids = {
        let kit = flow.kit.get_value();
        collection_halls(&kit, &flow.checklist.get_untracked())
    };
    let halls = LocalResource::new(api::halls);
    let current = flow.draft.with_untracked(|d| d.content.delivery.clone());
    let (mode, hall, recipient, phone, address) = match current {
        Some(Delivery::Hall { hall_id }) => {
            ("hall", hall_id, String::new(), String::new(), String::new())
        }
        Some(Delivery::Post {
            recipient,
            phone,
            address,
        }) => ("post", String::new(), recipient, phone, address),
        None => (
            "",
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ),
    };
    let mode = RwSignal::new(mode.to_string());
    let hall = RwSignal::new(hall);
    let recipient = RwSignal::new(if recipient.is_empty() {
        session.current().and_then(|me| me.name).unwrap_or_default()
    } else {
        recipient
    });
    let phone = RwSignal::new(phone);
    let address = RwSignal::new(address);
    let write = move || {
        let delivery = match mode.get_untracked().as_str() {
            "hall" => Some(Delivery::Hall {
                hall_id: hall.get_untracked(),
            }),
            "post" => Some(Delivery::Post {
                recipient: recipient.get_untracked(),
                phone: phone.get_untracked(),
                address: address.get_untracked(),
            }),
            _ => None,
        };
        flow.change("delivery", |d| d.content.delivery = delivery);
    };
    let on_change = Callback::new(move |_: String| write());

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        write();
        let problems = local_problems(flow);
        if errors.show_problems(
            &problems,
            &[
                ("delivery", MODE),
                ("delivery.hall_id", HALL),
                ("delivery.recipient", RECIPIENT),
                ("delivery.phone", PHONE),
                ("delivery.address", ADDRESS),
            ],
        ) {
            errors.failed();
            return;
        }
        let _ = from_review;
        navigate(&flow.href("review"), NavigateOptions::default());
    };
    flow.problems.with_untracked(|p| {
        for (key, id) in [
            ("delivery", MODE),
            ("delivery.hall_id", HALL),
            ("delivery.address", ADDRESS),
        ] {
            if let Some(m) = p.get(key) {
                errors.set(id, Some(m.clone()));
            }
        }
    });

    let hall_choices = move || {
        let known = halls
            .get()
            .and_then(|r| r.ok())
            .map(|p| p.items)
            .unwrap_or_default();
        hall_ids
            .iter()
            .map(|h| {
                let (name, address) = known
                    .iter()
                    .find(|x| &x.id == h)
                    .map(|x| (x.name.clone(), x.address.clone()))
                    .unwrap_or_else(|| (h.clone(), String::new()));
                let value = h.clone();
                let checked = {
                    let value = value.clone();
                    move || hall.get() == value
                };
                view! {
                    <label class="pick">
                        <input
                            type="radio"
                            name="hall"
                            prop:checked=checked
                            on:change=move |_| {
                                hall.set(value.clone());
                                errors.set(HALL, None);
                                write();
                            }
                        />
                        <span>
                            {name}
                            <span class="pick__detail">{address}</span>
                        </span>
                    </label>
                }
            })
            .collect::<Vec<_>>()
            .into_any()
    };
    let mode_choice = move |value: &'static str, label: &'static str| {
        view! {
            <label class="pick">
                <input
                    type="radio"
                    name="delivery"
                    prop:checked=move || mode.get() == value
                    on:change=move |_| {
                        mode.set(value.to_string());
                        errors.set(MODE, None);
                        write();
                    }
                />
                <span>{label}</span>
            </label>
        }
    };
    let error = move |id: &'static str| {
        move || {
            errors
                .get(id)
                .map(|m| view! { <p class="form-field__error">{m}</p> }.into_any())
        }
    };

    view! {
        <p class="eyebrow">{flow.kit.with_value(|k| k.theme.name.clone())}" · "{l.delivery_title}</p>
        <h1 id="apply-heading" tabindex="-1">{l.delivery_title}</h1>
        <ErrorSummary errors title=l.delivery_title />
        <form class="form" novalidate on:submit=submit>
            <fieldset class="field form-field" id=MODE tabindex="-1">
                <legend>{l.delivery_how}</legend>
                {error(MODE)}
                <div class="pick-list">
                    {mode_choice("hall", l.delivery_hall)}
                    {mode_choice("post", l.delivery_post)}
                </div>
            </fieldset>
            <fieldset class="field form-field" id=HALL tabindex="-1" hidden=move || mode.get() != "hall">
                <legend>{l.delivery_choose_hall}</legend>
                {error(HALL)}
                <div class="pick-list">{hall_choices}</div>
            </fieldset>
            <div hidden=move || mode.get() != "post">
                <FieldInput def=text_def(RECIPIENT, l.delivery_recipient, FieldKind::Text, 2, 20) id=RECIPIENT value=recipient errors on_change />
                <FieldInput def=text_def(PHONE, l.delivery_phone, FieldKind::Mobile, 11, 11) id=PHONE value=phone errors on_change />
                <FieldInput def=text_def(ADDRESS, l.delivery_address, FieldKind::Text, 5, 100) id=ADDRESS value=address errors on_change />
            </div>
            <div class="actions">
                <button type="submit" class="button">
                    {if from_review { l.save_and_review } else { l.next_step }}
                </button>
                <A href=flow.href("materials") attr:class="button button--secondary">{l.previous_step}</A>
            </div>
        </form>
    }
}
