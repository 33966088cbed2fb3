//! One field of the combined form, drawn from its definition (`FieldDef`): a text input, a
//! text area, a date or a list, with its hint and its message tied by `aria-describedby`.
//! Like `TextField`, a message appears when the citizen leaves the field (or submits) and goes
//! as soon as the input is right; the check is the core's `FieldDef::check`, the server's own.

use crate::clock::china_today;
use crate::components::error_summary::FormErrors;
use crate::i18n::apply::t;
use leptos::prelude::*;
use lianban_core::apply::{FieldDef, FieldKind};

#[component]
pub fn FieldInput(
    def: FieldDef,
    id: &'static str,
    value: RwSignal<String>,
    errors: FormErrors,
    /// Called with each new value (the draft saves it).
    on_change: Callback<String>,
) -> impl IntoView {
    let error = move || errors.get(id);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_hint = def.help.is_some() || def.unit.is_some();
    let described = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let hint = match (&def.help, &def.unit) {
        (Some(h), _) => Some(h.clone()),
        (None, Some(u)) => Some((t().field_unit)(u)),
        _ => None,
    };
    let label = if def.required {
        def.label.clone()
    } else {
        (t().field_optional)(&def.label)
    };
    let check = {
        let def = def.clone();
        move |v: &str| def.check(v, china_today()).err()
    };
    let check_input = check.clone();
    let on_input = move |v: String| {
        if errors.has(id) && check_input(&v).is_none() {
            errors.set(id, None);
        }
        value.set(v.clone());
        on_change.run(v);
    };
    let on_leave = move |v: String| {
        if !v.trim().is_empty() {
            errors.set(id, check(&v));
        }
    };
    let invalid = move || if error().is_some() { "true" } else { "false" };
    let control = match def.kind {
        FieldKind::LongText => {
            let on_input = on_input.clone();
            view! {
                <textarea
                    class="input input--long"
                    id=id
                    name=id
                    rows=3
                    aria-invalid=invalid
                    aria-describedby=described
                    prop:value=move || value.get()
                    on:input=move |ev| on_input(event_target_value(&ev))
                    on:change=move |ev| on_leave(event_target_value(&ev))
                ></textarea>
            }
            .into_any()
        }
        FieldKind::Choice => {
            let options = def
                .options
                .iter()
                .map(|o| {
                    let v = o.value.clone();
                    view! {
                        <option value=o.value.clone() selected=move || value.get() == v>
                            {o.label.clone()}
                        </option>
                    }
                })
                .collect::<Vec<_>>();
            view! {
                <select
                    class="input select"
                    id=id
                    name=id
                    aria-invalid=invalid
                    aria-describedby=described
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        on_input(v.clone());
                        on_leave(v);
                    }
                >
                    <option value="">{t().field_choose}</option>
                    {options}
                </select>
            }
            .into_any()
        }
        kind => {
            let (input_type, inputmode) = match kind {
                FieldKind::Date => ("date", None),
                FieldKind::Number => ("text", Some("numeric")),
                FieldKind::Mobile => ("tel", Some("tel")),
                _ => ("text", None),
            };
            view! {
                <input
                    class="input"
                    type=input_type
                    id=id
                    name=id
                    inputmode=inputmode
                    autocomplete="off"
                    spellcheck="false"
                    aria-invalid=invalid
                    aria-describedby=described
                    prop:value=move || value.get()
                    on:input=move |ev| on_input(event_target_value(&ev))
                    on:change=move |ev| on_leave(event_target_value(&ev))
                />
            }
            .into_any()
        }
    };
    view! {
        <div class="form-field" class:form-field--error=move || error().is_some()>
            <label class="form-field__label" for=id>
                {label}
            </label>
            {hint.map(|h| view! { <p class="form-field__hint" id=hint_id>{h}</p> })}
            {move || error().map(|m| view! { <p class="form-field__error" id=error_id.clone()>{m}</p> }.into_any())}
            <div class="form-field__row">{control}</div>
        </div>
    }
}
