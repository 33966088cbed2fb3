//! 办事指南: a matter's whole guide, every element the national guide standard lists, laid
//! out as summary lists and numbered lists that stay readable on a 320 px screen.
//!
//! The server paints this same markup into the HTML of a deep link (`lianban-server`'s
//! `first_screen::matter`), with the API answer it was painted from: a phone that cannot run
//! the app still reads the whole guide, and the app mounting over it moves nothing. A change
//! here is a change there too; `e2e/first-screen.spec.ts` compares the two.

use crate::api;
use crate::components::flag_tags::{FlagTable, FlagTags};
use crate::components::hotline::Hotline;
use crate::components::remote::Remote;
use crate::i18n::{hall_level_label, material_copies, t};
use crate::title::set_title;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use lianban_core::catalogue::{Material, MatterDetail};
pub use lianban_ui::links::tel;
use lianban_ui::links::{book_matter_href, hall_href, theme_href};
use lianban_ui::screens::matter_basic;

#[component]
pub fn MatterPage() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.with(|p| p.get("code").unwrap_or_default());
    let detail = api::resource(move || api::matter(&code()));
    view! { <Remote resource=detail render=guide standalone=true /> }
}

fn guide(detail: MatterDetail) -> impl IntoView {
    let l = t();
    let basic = matter_basic(&detail);
    let MatterDetail {
        matter: m,
        department,
        category,
        halls,
        themes,
    } = detail;
    set_title(&m.name);
    // 预约办理 from the guide: its category preset, its halls offered.
    let book_href = book_matter_href(&m.code, &category.id);
    let material_count = m.materials.len();
    let fees = if m.fees.is_empty() {
        view! { <p>{l.fees_none}</p> }.into_any()
    } else {
        view! {
            <ul class="plain-list">
                {m
                    .fees
                    .into_iter()
                    .map(|f| {
                        view! {
                            <li class="fee">
                                <strong>{f.item}</strong>
                                " "
                                {f.standard}
                                <p class="hint">{l.fee_basis} {f.basis}</p>
                            </li>
                        }
                    })
                    .collect::<Vec<_>>()}
            </ul>
        }
        .into_any()
    };

    view! {
        <article class="guide">
            <p class="eyebrow">{l.guide_eyebrow}</p>
            <h1>{m.name}</h1>
            <p class="lead">{m.summary}</p>
            <FlagTags flags=m.flags />

            <section class="section" aria-labelledby="guide-basic">
                <h2 id="guide-basic">{l.guide_basic}</h2>
                <dl class="summary-list">
                    {basic
                        .into_iter()
                        .map(|(k, v)| {
                            view! {
                                <div class="summary-list__row">
                                    <dt>{k}</dt>
                                    <dd>{v}</dd>
                                </div>
                            }
                        })
                        .collect::<Vec<_>>()}
                    <div class="summary-list__row">
                        <dt>{l.matter_fees}</dt>
                        <dd>{fees}</dd>
                    </div>
                </dl>
            </section>

            <section class="section" aria-labelledby="guide-flags">
                <h2 id="guide-flags">{l.guide_flags}</h2>
                <FlagTable flags=m.flags />
            </section>

            <section class="section" aria-labelledby="guide-conditions">
                <h2 id="guide-conditions">{l.guide_conditions}</h2>
                <ol class="numbered">
                    {m.conditions.into_iter().map(|c| view! { <li>{c}</li> }).collect::<Vec<_>>()}
                </ol>
            </section>

            <section class="section" aria-labelledby="guide-materials">
                <h2 id="guide-materials">{l.guide_materials}</h2>
                <p class="hint">{(l.materials_count)(material_count)}</p>
                <ol class="materials" aria-labelledby="guide-materials">
                    {m.materials.into_iter().map(material).collect::<Vec<_>>()}
                </ol>
            </section>

            <section class="section" aria-labelledby="guide-steps">
                <h2 id="guide-steps">{l.guide_steps}</h2>
                <ol class="steps">
                    {m
                        .steps
                        .into_iter()
                        .map(|s| {
                            view! {
                                <li class="step">
                                    <h3 class="step__name">{s.name}</h3>
                                    <p>{s.description}</p>
                                </li>
                            }
                        })
                        .collect::<Vec<_>>()}
                </ol>
            </section>

            <section class="section" aria-labelledby="guide-halls">
                <h2 id="guide-halls">{l.guide_halls}</h2>
                <ul class="cards">
                    {halls
                        .into_iter()
                        .map(|h| {
                            let href = hall_href(&h.id);
                            view! {
                                <li class="card">
                                    <h3 class="card__title">
                                        <A href=href>{h.name}</A>
                                    </h3>
                                    <p class="card__meta">
                                        <span class="tag">{hall_level_label(h.level)}</span>
                                        " "
                                        {h.address}
                                    </p>
                                    <ul class="plain-list card__meta">
                                        {h
                                            .hours
                                            .into_iter()
                                            .map(|x| view! { <li>{x}</li> })
                                            .collect::<Vec<_>>()}
                                    </ul>
                                </li>
                            }
                        })
                        .collect::<Vec<_>>()}
                </ul>
            </section>

            <section class="section" aria-labelledby="guide-basis">
                <h2 id="guide-basis">{l.guide_basis}</h2>
                <ul class="plain-list">
                    {m.legal_basis.into_iter().map(|b| view! { <li>{b}</li> }).collect::<Vec<_>>()}
                </ul>
            </section>

            <section class="section" aria-labelledby="guide-contact">
                <h2 id="guide-contact">{l.guide_contact}</h2>
                <dl class="summary-list">
                    <div class="summary-list__row">
                        <dt>{l.matter_phone}</dt>
                        <dd>
                            <a href=tel(&m.phone)>{m.phone.clone()}</a>
                        </dd>
                    </div>
                    {m
                        .complaint_phone
                        .map(|p| {
                            view! {
                                <div class="summary-list__row">
                                    <dt>{l.matter_complaint_phone}</dt>
                                    <dd>
                                        <a href=tel(&p)>{p.clone()}</a>
                                    </dd>
                                </div>
                            }
                        })}
                    <div class="summary-list__row">
                        <dt>{l.matter_department_phone}</dt>
                        <dd>
                            <a href=tel(&department.phone)>{department.phone.clone()}</a>
                        </dd>
                    </div>
                </dl>
            </section>

            {(!themes.is_empty())
                .then(|| {
                    view! {
                        <section class="section" aria-labelledby="guide-themes">
                            <h2 id="guide-themes">{l.guide_themes}</h2>
                            <p class="hint">{l.guide_themes_hint}</p>
                            <ul class="link-list">
                                {themes
                                    .into_iter()
                                    .map(|th| {
                                        let href = theme_href(&th.id);
                                        view! {
                                            <li>
                                                <A href=href>{th.name}</A>
                                            </li>
                                        }
                                    })
                                    .collect::<Vec<_>>()}
                            </ul>
                        </section>
                    }
                })}

            <div class="panel panel--notice">
                <h2 class="panel__title">{l.guide_apply}</h2>
                <p>{l.guide_apply_detail}</p>
                <A href=book_href attr:class="button">
                    {l.appointments_title}
                </A>
            </div>
            <Hotline />
        </article>
    }
}

fn material(x: Material) -> impl IntoView {
    let l = t();
    view! {
        <li class="material">
            <h3 class="material__name">{x.name}</h3>
            <p class="material__count">{material_copies(x.originals, x.copies)}</p>
            <ul class="tags">
                <li class=if x.required { "tag" } else { "tag tag--muted" }>
                    {if x.required { l.material_required } else { l.material_optional }}
                </li>
                {x
                    .licence
                    .as_ref()
                    .map(|lic| {
                        view! { <li class="tag tag--success">{(l.material_licence)(lic)}</li> }
                    })}
                {x.deferrable.then(|| view! { <li class="tag tag--warning">{l.material_deferrable}</li> })}
            </ul>
            <p class="hint">{l.material_source} {x.source}</p>
            {x.note.map(|n| view! { <p class="hint">{n}</p> })}
        </li>
    }
}
