//! One labelled text input with its hint and its error message, tied together with
//! `aria-describedby` and `aria-invalid`. A message appears when the citizen leaves the field
//! (or submits), and goes as soon as the input is right, never while they are still typing.

use crate::components::error_summary::FormErrors;
use leptos::prelude::*;

#[component]
pub fn TextField(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    errors: FormErrors,
    /// What is wrong with a value, checked in the browser (the core validators).
    check: fn(&str) -> Option<String>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] maxlength: Option<u32>,
    /// `password` for a secret; `text` otherwise.
    #[prop(optional)]
    input_type: Option<&'static str>,
    /// Shown after the input: a button that belongs to the field, a warning.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let error = move || errors.get(id);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="form-field" class:form-field--error=move || error().is_some()>
            <label class="form-field__label" for=id>
                {label}
            </label>
            {hint.map(|h| view! { <p class="form-field__hint" id=hint_id>{h}</p> })}
            {move || {
                error()
                    .map(|m| {
                        view! {
                            <p class="form-field__error" id=error_id.clone()>
                                {m}
                            </p>
                        }
                    })
            }}
            <div class="form-field__row">
                <input
                    class="input"
                    type=input_type.unwrap_or("text")
                    id=id
                    name=id
                    inputmode=inputmode
                    autocomplete=autocomplete
                    maxlength=maxlength
                    spellcheck="false"
                    aria-invalid=move || if error().is_some() { "true" } else { "false" }
                    aria-describedby=described
                    prop:value=move || value.get()
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        if errors.has(id) && check(&v).is_none() {
                            errors.set(id, None);
                        }
                        value.set(v);
                    }
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if !v.trim().is_empty() {
                            errors.set(id, check(&v));
                        }
                    }
                />
                {children.map(|c| c())}
            </div>
        </div>
    }
}
