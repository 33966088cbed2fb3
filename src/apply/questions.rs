//! 情形引导: one question at a time (`/themes/:id/apply?q=<question>`), with its progress,
//! back and forward. Every answer is saved at once; changing one keeps all the others, and
//! answers to questions no longer shown are kept (they count again if shown again).

use super::{codec, focus_heading, intern, use_flow, Flow};
use crate::components::error_summary::{ErrorSummary, FormErrors};
use crate::i18n::apply::t;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use lianban_core::apply::{check_answer, Answer};
use lianban_core::catalogue::{Question, QuestionKind};

#[component]
pub fn QuestionsPage() -> impl IntoView {
    let flow = use_flow();
    let query = use_query_map();
    let from_review = move || query.with(|q| q.get("from").as_deref() == Some("review"));
    // The question in the URL; without one (or one not shown), the first unanswered one,
    // put in the URL so that answering does not move the page on by itself.
    let current = Memo::new(move |_| {
        query
            .with(|q| q.get("q"))
            .filter(|q| flow.checklist.with_untracked(|l| l.questions.contains(q)))
    });
    let navigate = use_navigate();
    Effect::new(move |_| {
        if current.get().is_none() {
            let first = flow.checklist.with_untracked(|l| {
                l.next_question
                    .clone()
                    .or_else(|| l.questions.first().cloned())
                    .unwrap_or_default()
            });
            navigate(
                &format!("{}?q={first}", flow.href("questions")),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    flow.visit("questions");
    Effect::new(move |previous: Option<Option<String>>| {
        let now = current.get();
        if previous.is_some_and(|p| p != now) {
            focus_heading();
        }
        now
    });
    move || {
        let id = current.get()?;
        let question = flow
            .kit
            .with_value(|k| k.theme.questions.iter().find(|q| q.id == id).cloned());
        question.map(|q| view! { <QuestionStep flow q from_review=from_review() /> })
    }
}

#[component]
fn QuestionStep(flow: Flow, q: Question, from_review: bool) -> impl IntoView {
    let l = t();
    let id = intern(&q.id);
    let errors = FormErrors::new(super::intern_list(vec![id]));
    let navigate = use_navigate();
    let theme_name = flow.kit.with_value(|k| k.theme.name.clone());
    let position = move || {
        flow.checklist.with(|list| {
            let at = list.questions.iter().position(|x| x == id).unwrap_or(0);
            (l.question_progress)(at + 1, list.questions.len())
        })
    };
    let previous = Memo::new(move |_| {
        flow.checklist.with(|list| {
            let at = list.questions.iter().position(|x| x == id).unwrap_or(0);
            match at.checked_sub(1) {
                Some(p) => format!("{}?q={}", flow.href("questions"), list.questions[p]),
                None => format!("/themes/{}", crate::url::encode(&flow.theme_id())),
            }
        })
    });
    let answer = move || flow.draft.with(|d| d.content.answers.get(id).cloned());

    let q_next = q.clone();
    let next = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = &q_next;
        let given = answer();
        let problem = match (&given, q.kind) {
            (None, QuestionKind::Multiple) => {
                flow.change("questions", |d| {
                    d.content
                        .answers
                        .insert(id.to_string(), Answer::Choices(Vec::new()));
                });
                None
            }
            (None, QuestionKind::Number) => Some(l.question_number_missing.to_string()),
            (None, _) => Some(l.question_choose.to_string()),
            (Some(a), _) => check_answer(q, a).err(),
        };
        if let Some(p) = problem {
            errors.set(id, Some(p));
            errors.failed();
            return;
        }
        errors.set(id, None);
        let list = flow.checklist.get_untracked();
        let at = list.questions.iter().position(|x| x == id).unwrap_or(0);
        let href = match list.questions.get(at + 1) {
            _ if list.complete() && from_review => flow.href("review"),
            Some(next) => format!("{}?q={next}", flow.href("questions")),
            None if list.complete() => {
                let answers = flow
                    .draft
                    .with_untracked(|d| codec::encode_answers(&d.content.answers, &list.questions));
                format!("{}?a={answers}", flow.href("checklist"))
            }
            None => format!(
                "{}?q={}",
                flow.href("questions"),
                list.next_question.clone().unwrap_or_default()
            ),
        };
        navigate(&href, NavigateOptions::default());
    };

    let error = move || errors.get(id);
    let error_id = format!("{id}-error");
    let described = {
        let error_id = error_id.clone();
        let help_id = format!("{id}-help");
        let has_help = q.help.is_some();
        move || {
            let mut ids = Vec::new();
            if has_help {
                ids.push(help_id.clone());
            }
            if error().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let help = q
        .help
        .clone()
        .map(|h| view! { <p class="form-field__hint" id=format!("{id}-help")>{h}</p> });
    let error_line = move || {
        error()
            .map(|m| view! { <p class="form-field__error" id=error_id.clone()>{m}</p> }.into_any())
    };
    let title = q.text.clone();

    let body = match q.kind {
        QuestionKind::Number => {
            let text = RwSignal::new(match answer() {
                Some(Answer::Number(n)) => n.to_string(),
                _ => String::new(),
            });
            let unit = q.unit.clone().unwrap_or_default();
            view! {
                <h1 class="question__title">
                    <label id="apply-heading" tabindex="-1" for=id>{title.clone()}</label>
                </h1>
                {help}
                {error_line}
                <div class="form-field__row question__number">
                    <input
                        class="input input--number"
                        type="text"
                        inputmode="numeric"
                        id=id
                        name=id
                        autocomplete="off"
                        maxlength=8
                        aria-invalid=move || if error().is_some() { "true" } else { "false" }
                        aria-describedby=described
                        prop:value=move || text.get()
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            let parsed = v.trim().parse::<i64>().ok();
                            flow.change("questions", |d| match parsed {
                                Some(n) => {
                                    d.content.answers.insert(id.to_string(), Answer::Number(n));
                                }
                                None => {
                                    d.content.answers.remove(id);
                                }
                            });
                            text.set(v);
                        }
                    />
                    <span class="input-unit">{unit}</span>
                </div>
            }
            .into_any()
        }
        kind => {
            let multiple = kind == QuestionKind::Multiple;
            let options = q
                .options
                .iter()
                .map(|o| {
                    let value = o.value.clone();
                    let input_id = format!("{id}-{}", o.value);
                    let label_for = input_id.clone();
                    let checked = {
                        let value = value.clone();
                        move || match answer() {
                            Some(Answer::Choice(v)) => v == value,
                            Some(Answer::Choices(vs)) => vs.contains(&value),
                            _ => false,
                        }
                    };
                    let all: Vec<String> = q.options.iter().map(|o| o.value.clone()).collect();
                    let on_change = move |ev: leptos::ev::Event| {
                        let on = event_target_checked(&ev);
                        let value = value.clone();
                        let all = all.clone();
                        flow.change("questions", move |d| {
                            let a = if multiple {
                                let mut chosen = match d.content.answers.get(id) {
                                    Some(Answer::Choices(vs)) => vs.clone(),
                                    _ => Vec::new(),
                                };
                                chosen.retain(|v| *v != value);
                                if on {
                                    chosen.push(value);
                                }
                                // In the order the options are listed.
                                Answer::Choices(
                                    all.into_iter().filter(|v| chosen.contains(v)).collect(),
                                )
                            } else {
                                Answer::Choice(value)
                            };
                            d.content.answers.insert(id.to_string(), a);
                        });
                        errors.set(id, None);
                    };
                    view! {
                        <label class="pick" for=label_for>
                            <input
                                type=if multiple { "checkbox" } else { "radio" }
                                id=input_id
                                name=id
                                prop:checked=checked
                                on:change=on_change
                            />
                            <span>{o.label.clone()}</span>
                        </label>
                    }
                })
                .collect::<Vec<_>>();
            view! {
                <fieldset
                    class="question__set"
                    id=id
                    tabindex="-1"
                    aria-describedby=described
                >
                    <legend class="question__legend">
                        <h1 class="question__title" id="apply-heading" tabindex="-1">
                            {title.clone()}
                        </h1>
                    </legend>
                    {help}
                    {error_line}
                    {multiple.then(|| view! { <p class="form-field__hint">{l.question_multiple_hint}</p> })}
                    <div class="pick-list">{options}</div>
                </fieldset>
            }
                .into_any()
        }
    };

    view! {
        <p class="eyebrow">{theme_name}" · "{l.questions_title}</p>
        <p class="progress" aria-live="polite">{position}</p>
        <ErrorSummary errors title=l.questions_title />
        <form class="form question" novalidate on:submit=next>
            <div class="form-field" class:form-field--error=move || error().is_some()>{body}</div>
            <div class="actions">
                <button type="submit" class="button">
                    {if from_review { l.save_and_review } else { l.next_question }}
                </button>
                <A href=move || previous.get() attr:class="button button--secondary">
                    {l.previous_question}
                </A>
            </div>
        </form>
    }
}
