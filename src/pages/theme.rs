//! 一件事 overview: what the event covers, what the combined way saves, the departments and
//! the matters it may include, how many questions the situation questionnaire asks, and the
//! way into the guided application (开始办理, or 继续办理 when a draft exists).
//!
//! The server paints this same markup into the HTML of a deep link (`lianban-server`'s
//! `first_screen::theme`); `e2e/first-screen.spec.ts` compares the two.

use crate::api;
use crate::apply::start::StartApply;
use crate::components::matter_card::MatterCard;
use crate::components::remote::Remote;
use crate::i18n::{audience_label, t};
use crate::title::set_title;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use lianban_core::catalogue::ThemeDetail;
use lianban_ui::screens::{theme_departments, theme_matter_note};

#[component]
pub fn ThemePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let detail = api::resource(move || api::theme(&id()));
    view! { <Remote resource=detail render=overview standalone=true /> }
}

fn overview(detail: ThemeDetail) -> impl IntoView {
    let l = t();
    let ThemeDetail { theme, matters } = detail;
    set_title(&theme.name);
    let departments = theme_departments(&matters);
    let question_count = theme.questions.len();
    let questions = theme
        .questions
        .iter()
        .map(|q| q.text.clone())
        .collect::<Vec<_>>();
    let cards = matters
        .iter()
        .map(|m| (m.clone(), theme_matter_note(&theme, &m.code)))
        .collect::<Vec<_>>();

    view! {
        <article>
            <p class="eyebrow">{l.theme_eyebrow}</p>
            <h1>{theme.name.clone()}</h1>
            <p class="lead">{theme.summary.clone()}</p>
            <p class="card__meta">{l.matter_audience}{l.label_colon}{audience_label(theme.audience)}</p>

            {(!theme.benefits.is_empty())
                .then(|| {
                    view! {
                        <div class="panel panel--success">
                            <h2 class="panel__title">{l.theme_benefits}</h2>
                            <ul class="plain-list">
                                {theme
                                    .benefits
                                    .iter()
                                    .map(|b| view! { <li>{b.clone()}</li> })
                                    .collect::<Vec<_>>()}
                            </ul>
                        </div>
                    }
                })}

            <section class="section" aria-labelledby="theme-departments">
                <h2 id="theme-departments">{l.theme_departments}</h2>
                <ul class="tags">
                    {departments
                        .into_iter()
                        .map(|d| view! { <li class="tag">{d}</li> })
                        .collect::<Vec<_>>()}
                </ul>
            </section>

            <section class="section" aria-labelledby="theme-notice">
                <h2 id="theme-notice">{l.theme_notice}</h2>
                <p>{(l.theme_questions)(question_count)}</p>
                <ol class="numbered">
                    {questions.into_iter().map(|q| view! { <li>{q}</li> }).collect::<Vec<_>>()}
                </ol>
                <StartApply theme_id=theme.id.clone() />
            </section>

            <section class="section" aria-labelledby="theme-matters">
                <h2 id="theme-matters">{l.theme_matters}</h2>
                <p class="hint">{(l.theme_matters_hint)(matters.len())}</p>
                <ul class="cards">
                    {cards
                        .into_iter()
                        .map(|(m, note)| view! { <MatterCard matter=m note=note /> })
                        .collect::<Vec<_>>()}
                </ul>
            </section>
        </article>
    }
}
