//! Materials (`/themes/:id/apply/materials`): each material the checklist asks for is
//! uploaded once, even when several matters need it — a photo taken now, an image or a PDF.
//! Each file shows its progress; a failed one is retried alone. A 容缺 material may instead be
//! deferred under a signed commitment (告知承诺). Files already on the platform as e-licences
//! are listed as 免提交. Uploading needs a logged-in citizen with verified real name.

use super::checklist::{supply_tags, Because};
use super::{focus_heading, intern, intern_list, use_flow, Flow};
use crate::api;
use crate::components::error_summary::{ErrorSummary, FormErrors};
use crate::components::require_login::RequireLogin;
use crate::i18n::account;
use crate::i18n::t;
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use lianban_core::apply::{
    check_application, ChecklistMaterial, MaterialSupply, Upload, MAX_UPLOAD_BYTES,
};
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;

#[component]
pub fn MaterialsPage() -> impl IntoView {
    view! {
        <RequireLogin>
            <Verified>
                <Materials />
            </Verified>
        </RequireLogin>
    }
}

/// Its children for a verified citizen; otherwise a way to 实名认证.
#[component]
pub fn Verified(children: ChildrenFn) -> impl IntoView {
    let l = crate::i18n::apply::t();
    let verified = use_session().verified();
    move || {
        if verified.get() {
            children().into_any()
        } else {
            view! {
                <h1>{l.verify_title}</h1>
                <div class="panel panel--notice">
                    <p>{l.verify_detail}</p>
                    <A href="/me/identity" attr:class="button">{account::t().identity_title}</A>
                </div>
            }
            .into_any()
        }
    }
}

/// The DOM id of the `index`-th material's block.
fn block_id(index: usize) -> &'static str {
    intern(&format!("material-{index}"))
}

#[component]
fn Materials() -> impl IntoView {
    let l = crate::i18n::apply::t();
    let flow = use_flow();
    let query = use_query_map();
    let navigate = use_navigate();
    flow.visit("materials");
    let from_review = query.with_untracked(|q| q.get("from").as_deref() == Some("review"));
    let list = flow.checklist.get_untracked();
    type Numbered = Vec<(usize, ChecklistMaterial)>;
    let (upload, free): (Numbered, Numbered) = list
        .materials
        .into_iter()
        .enumerate()
        .partition(|(_, m)| m.needs_upload());
    let keys: Vec<(String, &'static str)> = upload
        .iter()
        .map(|(i, m)| (format!("materials.{}", m.key), block_id(*i)))
        .collect();
    let errors = FormErrors::new(intern_list(
        keys.iter().map(|(_, id)| *id).chain([""]).collect(),
    ));
    let names: BTreeMap<String, String> = list
        .matters
        .iter()
        .map(|m| (m.code.clone(), m.name.clone()))
        .collect();
    flow.problems.with_untracked(|p| {
        for (key, id) in &keys {
            if let Some(m) = p.get(key) {
                errors.set(id, Some(m.clone()));
            }
        }
    });
    let busy = RwSignal::new(0_u32);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.set("", None);
        if busy.get_untracked() > 0 {
            errors.set("", Some(l.upload_wait.to_string()));
            errors.failed();
            return;
        }
        let problems = local_problems(flow);
        if errors.show_problems(&problems, &keys) {
            errors.failed();
            return;
        }
        let to = if from_review {
            flow.href("review")
        } else {
            flow.href("delivery")
        };
        navigate(&to, NavigateOptions::default());
    };
    focus_heading();
    let uploads = upload
        .into_iter()
        .map(|(i, m)| {
            let for_matters = m
                .matters
                .iter()
                .map(|c| names.get(c).cloned().unwrap_or_else(|| c.clone()))
                .collect::<Vec<_>>()
                .join(t().list_separator);
            view! { <MaterialUpload flow m index=i for_matters errors busy /> }
        })
        .collect::<Vec<_>>();
    let free = free
        .into_iter()
        .map(|(_, m)| {
            view! {
                <li class="card">
                    <h3 class="card__title">{m.name.clone()}</h3>
                    <ul class="tags">{supply_tags(&m)}</ul>
                </li>
            }
        })
        .collect::<Vec<_>>();
    let has_free = !free.is_empty();
    // Back to the form's last step.
    let back = match super::form::groups(flow).last() {
        Some(g) => flow.href(&format!("form.{}", g.as_str())),
        None => flow.href("checklist"),
    };
    view! {
        <p class="eyebrow">{flow.kit.with_value(|k| k.theme.name.clone())}" · "{l.materials_title}</p>
        <h1 id="apply-heading" tabindex="-1">{l.materials_title}</h1>
        <p class="lead">{l.materials_lead}</p>
        <ErrorSummary errors title=l.materials_title />
        <form class="form" novalidate on:submit=submit>
            <ul class="cards">{uploads}</ul>
            {has_free.then(|| view! {
                <section class="section" aria-labelledby="materials-free">
                    <h2 id="materials-free">{l.materials_free}</h2>
                    <ul class="cards">{free}</ul>
                </section>
            })}
            <div class="actions">
                <button type="submit" class="button">
                    {if from_review { l.save_and_review } else { l.next_step }}
                </button>
                <A href=back attr:class="button button--secondary">{l.previous_step}</A>
            </div>
        </form>
    }
}

/// The problems the core's check finds in the application as it stands, by key.
pub fn local_problems(flow: Flow) -> BTreeMap<String, String> {
    let kit = flow.kit.get_value();
    let licences = flow.licences.get_untracked();
    let request = flow.request();
    match check_application(
        &kit,
        &request,
        &licences,
        &BTreeMap::new(),
        crate::clock::china_today(),
    ) {
        Ok(_) => BTreeMap::new(),
        Err(p) => p,
    }
}

fn errors_clear(errors: FormErrors, id: &'static str) -> Option<()> {
    errors.has(id).then(|| errors.set(id, None))
}

#[derive(Clone, PartialEq)]
enum State {
    Uploading(u32),
    Done(Upload),
    Failed(String),
}

#[derive(Clone, PartialEq)]
struct Row {
    n: u32,
    name: String,
    state: State,
}

#[component]
fn MaterialUpload(
    flow: Flow,
    m: ChecklistMaterial,
    index: usize,
    for_matters: String,
    errors: FormErrors,
    busy: RwSignal<u32>,
) -> impl IntoView {
    let l = crate::i18n::apply::t();
    let id = block_id(index);
    let key = m.key.clone();
    let input_id = format!("{id}-file");
    let title_id = format!("{id}-title");
    // The files already uploaded, from the draft.
    let initial: Vec<Row> = flow
        .draft
        .with_untracked(|d| match d.content.materials.get(&key) {
            Some(MaterialSupply::Upload { uploads }) => uploads
                .iter()
                .enumerate()
                .map(|(n, up)| Row {
                    n: n as u32,
                    name: d.file_name(up).unwrap_or(l.upload_earlier).to_string(),
                    state: State::Done(Upload {
                        id: up.clone(),
                        name: String::new(),
                        content_type: String::new(),
                        size: 0,
                    }),
                })
                .collect(),
            _ => Vec::new(),
        });
    let next_n = StoredValue::new(initial.len() as u32);
    let rows = RwSignal::new(initial);
    let files = StoredValue::new_local(Vec::<(u32, web_sys::File)>::new());
    let deferred = RwSignal::new(flow.draft.with_untracked(|d| {
        matches!(
            d.content.materials.get(&key),
            Some(MaterialSupply::Deferred { .. })
        )
    }));
    let committed = RwSignal::new(flow.draft.with_untracked(|d| {
        matches!(
            d.content.materials.get(&key),
            Some(MaterialSupply::Deferred { commitment: true })
        )
    }));

    // Writes the uploaded files (or the deferral) into the draft.
    let write = {
        let key = key.clone();
        move || {
            let ids: Vec<String> = rows.with_untracked(|r| {
                r.iter()
                    .filter_map(|row| match &row.state {
                        State::Done(u) => Some(u.id.clone()),
                        _ => None,
                    })
                    .collect()
            });
            let supply = if deferred.get_untracked() {
                Some(MaterialSupply::Deferred {
                    commitment: committed.get_untracked(),
                })
            } else if ids.is_empty() {
                None
            } else {
                Some(MaterialSupply::Upload { uploads: ids })
            };
            let key = key.clone();
            flow.change("materials", move |d| match supply {
                Some(s) => {
                    d.content.materials.insert(key, s);
                }
                None => {
                    d.content.materials.remove(&key);
                }
            });
            errors.set(id, None);
        }
    };

    let start = {
        let key = key.clone();
        move |n: u32| {
            let Some(file) =
                files.with_value(|f| f.iter().find(|(x, _)| *x == n).map(|(_, f)| f.clone()))
            else {
                return;
            };
            // The page may be gone when the answer comes: the draft still gets the file.
            let set = move |state: State| {
                let _ = rows.try_update(|r| {
                    if let Some(row) = r.iter_mut().find(|row| row.n == n) {
                        row.state = state;
                    }
                });
            };
            if file.size() > MAX_UPLOAD_BYTES as f64 {
                set(State::Failed(l.upload_too_large.to_string()));
                return;
            }
            set(State::Uploading(0));
            busy.update(|b| *b += 1);
            let key = key.clone();
            leptos::task::spawn_local(async move {
                let answer = api::upload(file, move |p| set(State::Uploading(p))).await;
                let _ = busy.try_update(|b| *b = b.saturating_sub(1));
                match answer {
                    Ok(up) => {
                        set(State::Done(up.clone()));
                        flow.change("materials", move |d| {
                            let mut ids = match d.content.materials.remove(&key) {
                                Some(MaterialSupply::Upload { uploads }) => uploads,
                                _ => Vec::new(),
                            };
                            ids.push(up.id.clone());
                            d.content
                                .materials
                                .insert(key, MaterialSupply::Upload { uploads: ids });
                            d.files.push(up);
                        });
                        let _ = errors_clear(errors, id);
                    }
                    Err(r) => set(State::Failed(r.message)),
                }
            });
        }
    };

    let on_files = {
        let start = start.clone();
        move |ev: leptos::ev::Event| {
            let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(list) = input.files() else { return };
            for i in 0..list.length() {
                let Some(file) = list.get(i) else { continue };
                let n = next_n.get_value();
                next_n.set_value(n + 1);
                rows.update(|r| {
                    r.push(Row {
                        n,
                        name: file.name(),
                        state: State::Uploading(0),
                    })
                });
                files.update_value(|f| f.push((n, file)));
                start(n);
            }
            // The same file may be chosen again after a removal.
            input.set_value("");
        }
    };

    let remove = {
        let write = write.clone();
        move |n: u32| {
            rows.update(|r| r.retain(|row| row.n != n));
            files.update_value(|f| f.retain(|(x, _)| *x != n));
            write();
        }
    };

    let row_views = {
        let start = start.clone();
        move || {
            rows.get()
                .into_iter()
                .map(|row| {
                    let n = row.n;
                    let start = start.clone();
                    let remove = remove.clone();
                    let (status, class) = match &row.state {
                        State::Uploading(p) => ((l.upload_progress)(*p), "upload__state"),
                        State::Done(_) => (l.upload_done.to_string(), "upload__state upload__state--done"),
                        State::Failed(m) => ((l.upload_failed)(m), "upload__state upload__state--failed"),
                    };
                    let progress = match row.state {
                        State::Uploading(p) => Some(view! {
                            <progress class="upload__bar" max="100" value=p.to_string() aria-label=row.name.clone()></progress>
                        }),
                        _ => None,
                    };
                    let failed = matches!(row.state, State::Failed(_));
                    let uploading = matches!(row.state, State::Uploading(_));
                    let name = row.name.clone();
                    view! {
                        <li class="upload">
                            <span class="upload__name">{row.name.clone()}</span>
                            <span class=class role="status">{status}</span>
                            {progress}
                            <span class="upload__actions">
                                {failed.then(|| {
                                    let name = name.clone();
                                    view! {
                                        <button type="button" class="button button--secondary" aria-label=(l.upload_retry_label)(&name) on:click=move |_| start(n)>
                                            {t().retry}
                                        </button>
                                    }
                                })}
                                {(!uploading).then(|| view! {
                                    <button type="button" class="button button--secondary" aria-label=(l.upload_remove_label)(&name) on:click=move |_| remove(n)>
                                        {l.upload_remove}
                                    </button>
                                })}
                            </span>
                        </li>
                    }
                })
                .collect::<Vec<_>>()
                .into_any()
        }
    };

    let choose_label = (l.upload_choose)(&m.name);
    let mode_name = format!("{id}-mode");
    let deferrable = m.deferrable;
    let set_deferred = {
        let write = write.clone();
        move |on: bool| {
            deferred.set(on);
            write();
        }
    };
    let set_deferred2 = set_deferred.clone();
    let error = move || errors.get(id);
    view! {
        <li class="card material" id=id tabindex="-1" class:form-field--error=move || error().is_some()>
            <h2 class="card__title" id=title_id.clone()>{m.name.clone()}</h2>
            <ul class="tags">{supply_tags(&m)}</ul>
            <p class="card__meta">{(l.material_for)(&for_matters)}</p>
            <Because reasons=m.because.clone() />
            {m.note.clone().map(|n| view! { <p class="card__note">{n}</p> })}
            {move || error().map(|e| view! { <p class="form-field__error">{e}</p> }.into_any())}
            {deferrable.then(|| view! {
                <fieldset class="field">
                    <legend class="visually-hidden">{(l.material_how)(&m.name)}</legend>
                    <div class="pick-list">
                        <label class="pick">
                            <input type="radio" name=mode_name.clone() prop:checked=move || !deferred.get() on:change=move |_| set_deferred(false) />
                            <span>{l.material_upload_now}</span>
                        </label>
                        <label class="pick">
                            <input type="radio" name=mode_name.clone() prop:checked=move || deferred.get() on:change=move |_| set_deferred2(true) />
                            <span>{l.material_defer}</span>
                        </label>
                    </div>
                </fieldset>
            })}
            <div hidden=move || deferred.get()>
                <ul class="uploads" aria-live="polite">{row_views}</ul>
                <div class="file-input">
                    <input
                        class="file-input__input"
                        type="file"
                        id=input_id.clone()
                        accept="image/*,application/pdf"
                        multiple
                        on:change=on_files
                    />
                    <label class="button button--secondary file-input__label" for=input_id>{choose_label}</label>
                </div>
                <p class="hint">{l.upload_hint}</p>
            </div>
            <div hidden=move || !deferred.get()>
                <p>{l.defer_explain}</p>
                <label class="pick">
                    <input
                        type="checkbox"
                        prop:checked=move || committed.get()
                        on:change=move |ev| {
                            committed.set(event_target_checked(&ev));
                            write();
                        }
                    />
                    <span>{l.defer_commitment}</span>
                </label>
            </div>
        </li>
    }
}
