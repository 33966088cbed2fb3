//! 一次告知单 (`/themes/:id/checklist?a=<answers>`): the matters that apply and their
//! departments, the materials (免提交 where an e-licence covers them, 容缺 where they may
//! follow later), time limits, fees and where results are collected — each saying which
//! answer brought it in. Public; printable; shared as a link and a QR code that reopen it.

use super::draft_store::{self, LocalDraft};
use super::{codec, load_kit};
use crate::api;
use crate::components::qr_code::QrCode;
use crate::components::remote::Remote;
use crate::i18n::{promised_short, t};
use crate::session::use_session;
use crate::title::set_title;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;
use lianban_core::apply::{
    collection_halls, evaluate, Answers, Checklist, ChecklistMaterial, MaterialSupplyKind, ThemeKit,
};
use std::rc::Rc;

#[component]
pub fn ChecklistPage() -> impl IntoView {
    let params = use_params_map();
    let kit =
        LocalResource::new(move || load_kit(params.with(|p| p.get("id").unwrap_or_default())));
    view! { <Remote resource=kit render=|kit| view! { <ChecklistView kit /> } standalone=true /> }
}

#[component]
fn ChecklistView(kit: Rc<ThemeKit>) -> impl IntoView {
    let l = crate::i18n::apply::t();
    let query = use_query_map();
    let session = use_session();
    let navigate = use_navigate();
    set_title(l.checklist_title);
    let id = kit.theme.id.clone();
    // The answers of the link, else this phone's draft.
    let shared = StoredValue::new_local(kit.clone());
    let answers = {
        let id = id.clone();
        Memo::new(move |_| match query.with(|q| q.get("a")) {
            Some(a) => shared.with_value(|k| codec::decode_answers(&k.theme, &a)),
            None => draft_store::load(&id)
                .map(|d| d.content.answers)
                .unwrap_or_default(),
        })
    };
    let licences = LocalResource::new(move || {
        let logged_in = session.current().is_some();
        let fetch = logged_in.then(api::licences);
        async move {
            match fetch {
                Some(f) => f
                    .await
                    .map(|p| p.items.into_iter().map(|l| l.kind).collect())
                    .unwrap_or_default(),
                None => Vec::<String>::new(),
            }
        }
    });
    let halls = LocalResource::new(api::halls);
    let list = Memo::new(move |_| {
        let licences = licences.get().unwrap_or_default();
        answers.with(|a| shared.with_value(|k| evaluate(k, a, &licences)))
    });

    let start = {
        let id = id.clone();
        let name = kit.theme.name.clone();
        move |_| {
            let given: Answers = answers.get_untracked();
            let mut d = draft_store::load(&id)
                .unwrap_or_else(|| LocalDraft::fresh(&id, &name, draft_store::new_key()));
            let mut changed = false;
            for (q, a) in given {
                if d.content.answers.get(&q) != Some(&a) {
                    d.content.answers.insert(q, a);
                    changed = true;
                }
            }
            if changed || d.saved_at == 0 {
                d.saved_at = draft_store::now_ms();
                d.unsaved = true;
            }
            d.step = "form".to_string();
            draft_store::save(&id, &d);
            navigate(&codec::step_href(&id, "form"), NavigateOptions::default());
        }
    };

    let theme_name = kit.theme.name.clone();
    let questions_href = codec::step_href(&id, "questions");
    let list_theme_id = id.clone();
    let body = move || {
        let list = list.get();
        if !list.complete() {
            return view! {
                <div class="panel panel--notice">
                    <p>{l.checklist_incomplete}</p>
                    <A href=questions_href.clone() attr:class="button">{l.checklist_answer_rest}</A>
                </div>
            }
            .into_any();
        }
        let hall_ids = shared.with_value(|k| collection_halls(k, &list));
        let post = list
            .matters
            .iter()
            .any(|m| m.delivery.iter().any(|d| d.contains("邮寄")));
        let share = share_url(&list_theme_id, &answers.get_untracked(), &list.questions);
        view! {
            <ChecklistBody list=list.clone() />
            <section class="section" aria-labelledby="checklist-collect">
                <h2 id="checklist-collect">{l.checklist_collect}</h2>
                <p>{l.checklist_collect_halls}</p>
                <ul class="plain-list">
                    {move || {
                        let names = halls.get().and_then(|r| r.ok()).map(|p| p.items).unwrap_or_default();
                        hall_ids
                            .iter()
                            .map(|h| {
                                let name = names.iter().find(|x| &x.id == h).map(|x| format!("{}（{}）", x.name, x.address)).unwrap_or_else(|| h.clone());
                                view! { <li>{name}</li> }
                            })
                            .collect::<Vec<_>>()
                            .into_any()
                    }}
                </ul>
                {post.then(|| view! { <p>{l.checklist_collect_post}</p> })}
            </section>
            <section class="section no-print" aria-labelledby="checklist-share">
                <h2 id="checklist-share">{l.checklist_share}</h2>
                <p class="hint">{l.checklist_share_hint}</p>
                <QrCode text=share.clone() label=l.checklist_qr_label />
                <p class="share-link">
                    <a href=share.clone()>{share.clone()}</a>
                </p>
                <button type="button" class="button button--secondary" on:click=|_| {
                    if let Some(w) = web_sys::window() {
                        let _ = w.print();
                    }
                }>{l.checklist_print}</button>
            </section>
        }
            .into_any()
    };

    view! {
        <article class="checklist">
            <p class="eyebrow">{theme_name}</p>
            <h1 id="apply-heading" tabindex="-1">{l.checklist_title}</h1>
            <p class="lead">{l.checklist_lead}</p>
            {body}
            <div class="actions no-print">
                <button type="button" class="button" on:click=start>{l.checklist_start}</button>
                <A href=codec::step_href(&id, "questions") attr:class="button button--secondary">
                    {l.checklist_change_answers}
                </A>
            </div>
        </article>
    }
}

/// The full address of this checklist, to share.
fn share_url(theme_id: &str, answers: &Answers, shown: &[String]) -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!(
        "{origin}{}?a={}",
        codec::step_href(theme_id, "checklist"),
        codec::encode_answers(answers, shown)
    )
}

/// The matters and materials of a checklist, each with why it applies.
#[component]
pub fn ChecklistBody(list: Checklist) -> impl IntoView {
    let l = crate::i18n::apply::t();
    let names: Vec<(String, String)> = list
        .matters
        .iter()
        .map(|m| (m.code.clone(), m.name.clone()))
        .collect();
    let matters = list
        .matters
        .into_iter()
        .map(|m| {
            let fees = if m.fees.is_empty() {
                t().fees_none.to_string()
            } else {
                m.fees
                    .iter()
                    .map(|f| format!("{} {}", f.item, f.standard))
                    .collect::<Vec<_>>()
                    .join(t().list_separator)
            };
            view! {
                <li class="card">
                    <h3 class="card__title">{m.name}</h3>
                    <p class="card__meta">{m.department_name}</p>
                    <Because reasons=m.because />
                    <dl class="summary-list">
                        <Row key=t().matter_promised value=promised_short(m.promised_days) />
                        <Row key=t().matter_fees value=fees />
                        <Row key=t().matter_result value=m.result />
                        <Row key=t().matter_delivery value=m.delivery.join(t().list_separator) />
                    </dl>
                </li>
            }
        })
        .collect::<Vec<_>>();
    let count = matters.len();
    let materials = list
        .materials
        .into_iter()
        .map(|m| view! { <MaterialItem m names=names.clone() /> })
        .collect::<Vec<_>>();
    let material_count = materials.len();
    view! {
        <section class="section" aria-labelledby="checklist-matters">
            <h2 id="checklist-matters">{(l.checklist_matters)(count)}</h2>
            <ol class="cards">{matters}</ol>
        </section>
        <section class="section" aria-labelledby="checklist-materials">
            <h2 id="checklist-materials">{(l.checklist_materials)(material_count)}</h2>
            <ul class="cards">{materials}</ul>
        </section>
    }
}

#[component]
fn MaterialItem(m: ChecklistMaterial, names: Vec<(String, String)>) -> impl IntoView {
    let l = crate::i18n::apply::t();
    let for_matters = m
        .matters
        .iter()
        .map(|c| {
            names
                .iter()
                .find(|(code, _)| code == c)
                .map_or(c.as_str(), |(_, n)| n.as_str())
        })
        .collect::<Vec<_>>()
        .join(t().list_separator);
    view! {
        <li class="card">
            <h3 class="card__title">{m.name.clone()}</h3>
            <ul class="tags">{supply_tags(&m)}</ul>
            <p class="card__meta">{(l.material_for)(&for_matters)}</p>
            <Because reasons=m.because.clone() />
            {m.note.clone().map(|n| view! { <p class="card__note">{n}</p> })}
        </li>
    }
}

/// The tags that say how a material is supplied: 免提交 and why, 需上传, 可容缺.
pub fn supply_tags(m: &ChecklistMaterial) -> impl IntoView {
    let l = crate::i18n::apply::t();
    let mut tags: Vec<(String, &'static str)> = Vec::new();
    match &m.supply {
        MaterialSupplyKind::Licence { .. } => {
            tags.push((l.supply_licence.to_string(), "tag tag--success"))
        }
        MaterialSupplyKind::IssuedHere { matter, .. } => {
            tags.push(((l.supply_issued_here)(matter), "tag tag--success"))
        }
        MaterialSupplyKind::OnlineForm => {
            tags.push((l.supply_online_form.to_string(), "tag tag--success"))
        }
        MaterialSupplyKind::Upload => {
            let text = if m.required {
                l.supply_upload
            } else {
                l.supply_upload_if_any
            };
            tags.push((text.to_string(), "tag"));
            if m.deferrable {
                tags.push((l.supply_deferrable.to_string(), "tag tag--warning"));
            }
        }
    }
    tags.into_iter()
        .map(|(text, class)| view! { <li class=class>{text}</li> })
        .collect::<Vec<_>>()
}

/// “因为您选择了‘…’”: the answers that brought an item in.
#[component]
pub fn Because(reasons: Vec<String>) -> impl IntoView {
    let l = crate::i18n::apply::t();
    (!reasons.is_empty()).then(|| {
        view! {
            <ul class="because">
                {reasons.into_iter().map(|r| view! { <li>{(l.because)(&r)}</li> }).collect::<Vec<_>>()}
            </ul>
        }
    })
}

#[component]
fn Row(key: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="summary-list__row">
            <dt>{key}</dt>
            <dd>{value}</dd>
        </div>
    }
}
