//! 补正 on the citizen's case page: one answer per requested item, in the request's order —
//! files for a material (uploaded through `POST /uploads` as the application's materials
//! are), a corrected value for a form field. What the citizen typed and uploaded is kept in
//! `localStorage` by sub-case number, so a reload or a later visit loses nothing; it is
//! forgotten once the 补正 is taken (and at logout). The core's `check_reply` runs before
//! sending, and 已按要求补正 asks for a confirmation first.

use crate::api;
use crate::components::case_view::new_action_key;
use crate::components::error_summary::{ErrorSummary, FormErrors};
use crate::i18n::t;
use crate::i18n::tracking;
use leptos::html;
use leptos::prelude::*;
use lianban_core::apply::{Application, FieldDef, MAX_UPLOAD_BYTES};
use lianban_core::cases::supplement::{
    check_reply, field_target, SupplementAnswer, SupplementReply,
};
use lianban_core::cases::SupplementItem;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;

/// Where a sub-case's unsent 补正 is kept (the prefix is cleared at logout).
pub const PREFIX: &str = "lianban.supplement.";

/// The unsent answer as kept on the phone: not a wire type.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Kept {
    /// The request it answers (its items' names and reasons): a later request starts afresh.
    round: String,
    items: Vec<KeptItem>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct KeptItem {
    files: Vec<KeptFile>,
    value: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct KeptFile {
    id: String,
    name: String,
}

fn round_of(items: &[SupplementItem]) -> String {
    items
        .iter()
        .map(|i| format!("{}|{}", i.name, i.reason))
        .collect::<Vec<_>>()
        .join("\n")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

fn load(sub_number: &str, items: &[SupplementItem]) -> Kept {
    let round = round_of(items);
    let kept = storage()
        .and_then(|s| s.get_item(&format!("{PREFIX}{sub_number}")).ok().flatten())
        .and_then(|text| serde_json::from_str::<Kept>(&text).ok())
        .filter(|k| k.round == round && k.items.len() == items.len());
    kept.unwrap_or_else(|| Kept {
        round,
        items: vec![KeptItem::default(); items.len()],
    })
}

fn save(sub_number: &str, kept: &Kept) {
    if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(kept)) {
        let _ = s.set_item(&format!("{PREFIX}{sub_number}"), &text);
    }
}

fn forget(sub_number: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&format!("{PREFIX}{sub_number}"));
    }
}

/// Only the form fields of a theme's kit: what checks a corrected value.
#[derive(Deserialize)]
struct KitFields {
    fields: Vec<FieldDef>,
}

#[derive(Clone, PartialEq)]
enum Upload {
    Sending(u32),
    Failed(String),
}

/// A file on its way (the uploaded ones are in `Kept`).
#[derive(Clone, PartialEq)]
struct Pending {
    n: u32,
    name: String,
    state: Upload,
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

#[component]
pub fn SupplementForm(
    number: String,
    sub_number: String,
    theme_id: String,
    items: Vec<SupplementItem>,
    done: RwSignal<Option<String>>,
    changed: Callback<Application>,
    refresh: Callback<()>,
) -> impl IntoView {
    let k = tracking::t();
    let kept = RwSignal::new(load(&sub_number, &items));
    {
        let sub_number = sub_number.clone();
        Effect::new(move |first: Option<()>| {
            let k = kept.get();
            if first.is_some() {
                save(&sub_number, &k);
            }
        });
    }
    let ids: Vec<&'static str> = (0..items.len())
        .map(|i| leak(format!("supplement-{sub_number}-{i}")))
        .collect();
    let mut order = ids.clone();
    order.push("");
    let errors = FormErrors::new(Box::leak(order.into_boxed_slice()));
    let keys: Vec<(String, &'static str)> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (format!("items.{i}"), *id))
        .collect();
    let keys = StoredValue::new(keys);
    let items = StoredValue::new(items);
    // The form's fields, fetched only when an item is about one.
    let needs_fields = items.with_value(|i| i.iter().any(|i| field_target(i).is_some()));
    let fields = RwSignal::new(None::<Vec<FieldDef>>);
    if needs_fields {
        let path = format!("/themes/{}/kit", crate::url::encode(&theme_id));
        leptos::task::spawn_local(async move {
            if let Ok(kit) = api::get::<KitFields>(path).await {
                let _ = fields.try_set(Some(kit.fields));
            }
        });
    }
    let uploading = RwSignal::new(0_u32);
    let asking = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let key = StoredValue::new(None::<String>);
    let safe = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if asking.get() {
            if let Some(b) = safe.get() {
                let _ = b.focus();
            }
        }
    });

    let reply = move || SupplementReply {
        items: kept.with_untracked(|k| {
            k.items
                .iter()
                .zip(items.get_value())
                .map(|(a, item)| SupplementAnswer {
                    uploads: a.files.iter().map(|f| f.id.clone()).collect(),
                    value: field_target(&item)
                        .map(|_| a.value.trim().to_string())
                        .filter(|v| !v.is_empty()),
                })
                .collect()
        }),
    };
    let local_problems = move || -> BTreeMap<String, String> {
        let reply = reply();
        let defs = fields.get_untracked();
        let all = items.get_value();
        match defs {
            Some(defs) => check_reply(
                &all,
                &reply,
                |id| defs.iter().find(|f| f.id == id),
                crate::clock::china_today(),
            )
            .err()
            .unwrap_or_default(),
            // Without the form's fields only the files can be checked here; the server
            // checks the values.
            None => {
                let files_only: Vec<(usize, SupplementItem)> = all
                    .iter()
                    .cloned()
                    .enumerate()
                    .filter(|(_, i)| field_target(i).is_none())
                    .collect();
                let part = SupplementReply {
                    items: files_only
                        .iter()
                        .map(|(n, _)| reply.items[*n].clone())
                        .collect(),
                };
                let only: Vec<SupplementItem> = files_only.iter().map(|(_, i)| i.clone()).collect();
                check_reply(&only, &part, |_| None, crate::clock::china_today())
                    .err()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(key, m)| {
                        let n = key
                            .strip_prefix("items.")
                            .and_then(|n| n.parse::<usize>().ok())
                            .and_then(|n| files_only.get(n))
                            .map(|(n, _)| format!("items.{n}"))
                            .unwrap_or(key);
                        (n, m)
                    })
                    .collect()
            }
        }
    };
    let ask = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.set("", None);
        if uploading.get_untracked() > 0 {
            errors.set("", Some(k.upload_wait.to_string()));
            errors.failed();
            return;
        }
        let problems = local_problems();
        let bad = keys.with_value(|keys| errors.show_problems(&problems, keys));
        if bad {
            errors.failed();
            return;
        }
        key.set_value(Some(new_action_key()));
        asking.set(true);
    };
    let back = move |_| {
        key.set_value(None);
        asking.set(false);
    };
    let confirm = {
        let (number, sub_number) = (number.clone(), sub_number.clone());
        move |_| {
            if busy.get_untracked() {
                return;
            }
            let Some(k_) = key.get_value() else { return };
            let (number, sub_number) = (number.clone(), sub_number.clone());
            let body = reply();
            busy.set(true);
            errors.set("", None);
            leptos::task::spawn_local(async move {
                let answer = api::supplement(&number, &sub_number, &body, &k_).await;
                busy.set(false);
                match answer {
                    Ok(a) => {
                        key.set_value(None);
                        forget(&sub_number);
                        done.set(Some(k.supplement_sent.to_string()));
                        changed.run(a);
                    }
                    Err(r) if r.status == 0 => {
                        // Unanswered: the same key again.
                        errors.set("", Some(r.message));
                        errors.failed();
                    }
                    Err(r) if r.status == 422 => {
                        key.set_value(None);
                        asking.set(false);
                        let placed = keys.with_value(|keys| errors.show_problems(&r.fields, keys));
                        if !placed || r.fields.contains_key("items") {
                            errors.set("", Some(r.message));
                        }
                        errors.failed();
                    }
                    Err(r) => {
                        // The case moved on (409): say how it stands now.
                        key.set_value(None);
                        asking.set(false);
                        done.set(Some(r.message));
                        refresh.run(());
                    }
                }
            });
        }
    };
    let blocks = items
        .get_value()
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            view! { <ItemAnswer index=i item id=ids[i] kept errors uploading fields /> }
        })
        .collect::<Vec<_>>();
    let heading = format!("supplement-form-{sub_number}");
    let title_id = format!("supplement-{sub_number}-confirm-title");
    let detail_id = format!("supplement-{sub_number}-confirm-detail");
    view! {
        <section class="section" aria-labelledby=heading.clone()>
            <h3 id=heading.clone()>{k.supplement_answer}</h3>
            <p class="hint">{k.supplement_kept}</p>
            <ErrorSummary errors title=k.case_title />
            <form class="form" novalidate on:submit=ask>
                <ol class="cards">{blocks}</ol>
                <Show
                    when=move || asking.get()
                    fallback=move || view! {
                        <p>
                            <button type="submit" class="button button--wide">
                                {lianban_core::cases::ActionKind::ProvideSupplement.label()}
                            </button>
                        </p>
                    }
                >
                    <div
                        class="panel panel--warning confirm"
                        role="alertdialog"
                        aria-labelledby=title_id.clone()
                        aria-describedby=detail_id.clone()
                    >
                        <h3 id=title_id.clone() class="panel__title">{k.provide_confirm_title}</h3>
                        <p id=detail_id.clone()>{k.provide_confirm_detail}</p>
                        <div class="actions">
                            <button type="button" class="button" disabled=busy on:click=confirm.clone()>
                                {move || if busy.get() { k.sending } else { k.provide_yes }}
                            </button>
                            <button type="button" class="button button--secondary" node_ref=safe on:click=back>
                                {k.confirm_no}
                            </button>
                        </div>
                    </div>
                </Show>
            </form>
        </section>
    }
}

/// One requested item: its kind, name and reason, then the files or the corrected value.
#[component]
fn ItemAnswer(
    index: usize,
    item: SupplementItem,
    id: &'static str,
    kept: RwSignal<Kept>,
    errors: FormErrors,
    uploading: RwSignal<u32>,
    fields: RwSignal<Option<Vec<FieldDef>>>,
) -> impl IntoView {
    let k = tracking::t();
    let error = move || errors.get(id);
    let error_id = format!("{id}-error");
    let input_id = format!("{id}-input");
    let title_id = format!("{id}-title");
    let target = field_target(&item).map(str::to_string);
    let control = match target {
        Some(field_id) => {
            let label = (k.supplement_value)(&item.name);
            let hint = move || {
                fields.with(|f| {
                    f.as_ref()
                        .and_then(|f| f.iter().find(|d| d.id == field_id))
                        .and_then(|d| d.help.clone())
                })
            };
            let value = move || {
                kept.with(|k| {
                    k.items
                        .get(index)
                        .map(|i| i.value.clone())
                        .unwrap_or_default()
                })
            };
            let described = {
                let error_id = error_id.clone();
                move || error().is_some().then(|| error_id.clone())
            };
            view! {
                <div class="form-field">
                    <label class="form-field__label" for=input_id.clone()>{label}</label>
                    {move || hint().map(|h| view! { <p class="form-field__hint">{h}</p> })}
                    <input
                        class="input"
                        type="text"
                        id=input_id.clone()
                        aria-invalid=move || if error().is_some() { "true" } else { "false" }
                        aria-describedby=described
                        prop:value=value
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            kept.update(|k| {
                                if let Some(i) = k.items.get_mut(index) {
                                    i.value = v;
                                }
                            });
                        }
                    />
                </div>
            }
            .into_any()
        }
        None => {
            view! { <ItemFiles index name=item.name.clone() input_id kept errors id uploading /> }
                .into_any()
        }
    };
    view! {
        <li class="card material" id=id tabindex="-1" class:form-field--error=move || error().is_some()>
            <p class="card__title" id=title_id>
                <span class="tag tag--warning">{item.kind.label()}</span>
                " "
                <strong>{item.name.clone()}</strong>
            </p>
            <p class="card__meta">{k.supplement_reason}{t().label_colon}{item.reason.clone()}</p>
            {move || error().map(|e| view! { <p class="form-field__error" id=error_id.clone()>{e}</p> })}
            {control}
        </li>
    }
}

/// The files of one item: those uploaded (kept), those on their way, and the chooser.
#[component]
fn ItemFiles(
    index: usize,
    name: String,
    input_id: String,
    kept: RwSignal<Kept>,
    errors: FormErrors,
    id: &'static str,
    uploading: RwSignal<u32>,
) -> impl IntoView {
    let k = tracking::t();
    let pending = RwSignal::new(Vec::<Pending>::new());
    let next_n = StoredValue::new(0_u32);
    let on_files = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(list) = input.files() else { return };
        for f in 0..list.length() {
            let Some(file) = list.get(f) else { continue };
            let n = next_n.get_value();
            next_n.set_value(n + 1);
            let file_name = file.name();
            let set = move |state: Option<Upload>| {
                let _ = pending.try_update(|p| match state {
                    Some(s) => {
                        if let Some(row) = p.iter_mut().find(|r| r.n == n) {
                            row.state = s;
                        }
                    }
                    None => p.retain(|r| r.n != n),
                });
            };
            pending.update(|p| {
                p.push(Pending {
                    n,
                    name: file_name.clone(),
                    state: Upload::Sending(0),
                })
            });
            if file.size() > MAX_UPLOAD_BYTES as f64 {
                set(Some(Upload::Failed(k.upload_too_large.to_string())));
                continue;
            }
            uploading.update(|u| *u += 1);
            leptos::task::spawn_local(async move {
                let answer = api::upload(file, move |p| set(Some(Upload::Sending(p)))).await;
                let _ = uploading.try_update(|u| *u = u.saturating_sub(1));
                match answer {
                    Ok(up) => {
                        set(None);
                        let _ = kept.try_update(|k| {
                            if let Some(i) = k.items.get_mut(index) {
                                i.files.push(KeptFile {
                                    id: up.id,
                                    name: file_name,
                                });
                            }
                        });
                        if errors.has(id) {
                            errors.set(id, None);
                        }
                    }
                    Err(r) => set(Some(Upload::Failed(r.message))),
                }
            });
        }
        input.set_value("");
    };
    let remove_kept = move |file_id: String| {
        kept.update(|k| {
            if let Some(i) = k.items.get_mut(index) {
                i.files.retain(|f| f.id != file_id);
            }
        })
    };
    let done_rows = move || {
        kept.with(|k| k.items.get(index).map(|i| i.files.clone()).unwrap_or_default())
            .into_iter()
            .map(|f| {
                let label = (k.upload_remove_label)(&f.name);
                let file_id = f.id.clone();
                view! {
                    <li class="upload">
                        <span class="upload__name">{f.name.clone()}</span>
                        <span class="upload__state upload__state--done">{k.upload_done}</span>
                        <span class="upload__actions">
                            <button type="button" class="button button--secondary" aria-label=label on:click=move |_| remove_kept(file_id.clone())>
                                {k.upload_remove}
                            </button>
                        </span>
                    </li>
                }
            })
            .collect::<Vec<_>>()
    };
    let pending_rows = move || {
        pending
            .get()
            .into_iter()
            .map(|row| {
                let n = row.n;
                let (status, class, bar) = match &row.state {
                    Upload::Sending(p) => (
                        (k.upload_progress)(*p),
                        "upload__state",
                        Some(view! { <progress class="upload__bar" max="100" value=p.to_string() aria-label=row.name.clone()></progress> }),
                    ),
                    Upload::Failed(m) => ((k.upload_failed)(m), "upload__state upload__state--failed", None),
                };
                let failed = matches!(row.state, Upload::Failed(_));
                let label = (k.upload_remove_label)(&row.name);
                view! {
                    <li class="upload">
                        <span class="upload__name">{row.name.clone()}</span>
                        <span class=class role="status">{status}</span>
                        {bar}
                        {failed.then(|| view! {
                            <span class="upload__actions">
                                <button type="button" class="button button--secondary" aria-label=label on:click=move |_| pending.update(|p| p.retain(|r| r.n != n))>
                                    {k.upload_remove}
                                </button>
                            </span>
                        })}
                    </li>
                }
            })
            .collect::<Vec<_>>()
    };
    let hint_id = format!("{input_id}-hint");
    view! {
        <ul class="uploads" aria-live="polite">
            {done_rows}
            {pending_rows}
        </ul>
        <div class="file-input">
            <input
                class="file-input__input"
                type="file"
                id=input_id.clone()
                accept="image/*,application/pdf"
                multiple
                aria-describedby=hint_id.clone()
                on:change=on_files
            />
            <label class="button button--secondary file-input__label" for=input_id>{(k.supplement_choose)(&name)}</label>
        </div>
        <p class="hint" id=hint_id>{k.upload_hint}</p>
    }
}
