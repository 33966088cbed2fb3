//! A form's problems, GOV.UK style: each message next to its field and, at the top, a summary
//! whose links move focus to the field. A failed submit focuses the summary, and the page
//! title starts with 错误： while problems stand.

use crate::api::Refusal;
use crate::i18n::t;
use crate::title::set_title;
use leptos::html;
use leptos::prelude::*;

/// The problems of one form, by field id ("" for the form as a whole), in the form's order.
#[derive(Clone, Copy)]
pub struct FormErrors {
    entries: RwSignal<Vec<(&'static str, String)>>,
    order: &'static [&'static str],
    /// Bumped by each failed submit, so the summary takes focus again.
    failed: RwSignal<u32>,
}

impl FormErrors {
    pub fn new(order: &'static [&'static str]) -> FormErrors {
        FormErrors {
            entries: RwSignal::new(Vec::new()),
            order,
            failed: RwSignal::new(0),
        }
    }

    /// The message for one field (tracked).
    pub fn get(&self, id: &'static str) -> Option<String> {
        self.entries
            .with(|e| e.iter().find(|(f, _)| *f == id).map(|(_, m)| m.clone()))
    }

    pub fn has(&self, id: &'static str) -> bool {
        self.entries
            .with_untracked(|e| e.iter().any(|(f, _)| *f == id))
    }

    pub fn set(&self, id: &'static str, message: Option<String>) {
        let order = self.order;
        self.entries.update(|e| {
            e.retain(|(f, _)| *f != id);
            if let Some(m) = message {
                e.push((id, m));
                let rank = |f: &str| order.iter().position(|o| *o == f).unwrap_or(usize::MAX);
                e.sort_by_key(|(f, _)| rank(f));
            }
        });
    }

    /// Puts each of a server refusal's field messages next to its field: `fields` maps the
    /// API's field names to this form's ids. Returns whether any message found a field.
    pub fn place_fields(&self, refusal: &Refusal, fields: &[(&str, &'static str)]) -> bool {
        let mut placed = false;
        for (name, message) in &refusal.fields {
            if let Some((_, id)) = fields.iter().find(|(n, _)| n == name) {
                self.set(id, Some(message.clone()));
                placed = true;
            }
        }
        placed
    }

    /// Puts each field's problem next to it and clears the others: `fields` pairs a problem's
    /// key (`delivery.address`) with the id of its input. True when any field has a problem.
    pub fn show_problems<K: AsRef<str>>(
        &self,
        problems: &std::collections::BTreeMap<String, String>,
        fields: &[(K, &'static str)],
    ) -> bool {
        let mut bad = false;
        for (key, id) in fields {
            let p = problems.get(key.as_ref()).cloned();
            bad |= p.is_some();
            self.set(id, p);
        }
        bad
    }

    pub fn clear(&self) {
        self.entries.set(Vec::new());
    }

    pub fn is_empty(&self) -> bool {
        self.entries.with(|e| e.is_empty())
    }

    /// A submit failed: show the summary and move focus to it.
    pub fn failed(&self) {
        self.failed.update(|n| *n += 1);
    }
}

/// Moves focus to the element with this id, if it is on the page.
pub fn focus_id(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
            let _ = el.focus();
        }
    }
}

#[component]
pub fn ErrorSummary(
    errors: FormErrors,
    /// The page's title, to which 错误： is prefixed while there are problems.
    title: &'static str,
) -> impl IntoView {
    let l = t();
    let node = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if errors.is_empty() {
            set_title(title);
        } else {
            set_title(&format!("{}{title}", l.error_title_prefix));
        }
    });
    Effect::new(move |previous: Option<u32>| {
        let n = errors.failed.get();
        if previous.is_some_and(|p| p != n) {
            // After the summary is on screen.
            request_animation_frame(move || {
                if let Some(el) = node.get_untracked() {
                    let _ = el.focus();
                }
            });
        }
        n
    });
    view! {
        <div
            class="error-summary"
            node_ref=node
            tabindex="-1"
            aria-labelledby="error-summary-title"
            hidden=move || errors.is_empty()
        >
            <h2 id="error-summary-title" class="error-summary__title">{l.error_summary_title}</h2>
            <ul class="error-summary__list">
                {move || {
                    errors
                        .entries
                        .get()
                        .into_iter()
                        .map(|(id, message)| {
                            if id.is_empty() {
                                view! { <li>{message}</li> }.into_any()
                            } else {
                                view! {
                                    <li>
                                        <a
                                            href=format!("#{id}")
                                            on:click=move |ev| {
                                                ev.prevent_default();
                                                focus_id(id);
                                            }
                                        >
                                            {message}
                                        </a>
                                    </li>
                                }
                                    .into_any()
                            }
                        })
                        .collect::<Vec<_>>()
                }}
            </ul>
        </div>
    }
}
