//! 好差评 on the citizen's case page: once a sub-case is concluded, the five national levels
//! as large radio buttons, the tags that fit the level (what went well, or what did not), and
//! a comment that a poor rating needs (its reason, at least five characters). After rating it
//! shows what was said, may be changed while the server allows, and — for a poor rating —
//! the department's 整改 answer and the 回访 question 问题解决了吗？.

use crate::api;
use crate::components::error_summary::{ErrorSummary, FormErrors};
use crate::i18n::t;
use crate::i18n::tracking;
use leptos::prelude::*;
use lianban_core::apply::Application;
use lianban_core::cases::rating::{
    check_rating, Rating, RatingLevel, RatingRequest, GOOD_TAGS, POOR_TAGS,
};
use lianban_core::cases::SubCaseStatus;

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

#[component]
pub fn RatingPanel(
    number: String,
    sub_number: String,
    status: SubCaseStatus,
    rating: Option<Rating>,
    done: RwSignal<Option<String>>,
    changed: Callback<Application>,
) -> impl IntoView {
    let k = tracking::t();
    let heading = format!("rating-{sub_number}");
    let editing = RwSignal::new(rating.is_none());
    let changeable = rating.as_ref().is_some_and(|r| r.changeable);
    let shown = rating.clone().map(|r| {
        let (number, sub_number, heading) = (number.clone(), sub_number.clone(), heading.clone());
        let follow_up = r.follow_up.clone().map(|f| {
            let visit = (f.reply.is_some() && f.resolved.is_none()).then(|| {
                view! { <Visit number=number.clone() sub_number=sub_number.clone() done changed /> }
            });
            view! {
                <section class="section" aria-labelledby=format!("{heading}-follow-up")>
                    <h4 id=format!("{heading}-follow-up")>{k.follow_up_title}</h4>
                    {match f.reply.clone() {
                        Some(reply) => view! {
                            <dl class="summary-list">
                                <div class="summary-list__row">
                                    <dt>{k.follow_up_reply}</dt>
                                    <dd>{reply}</dd>
                                </div>
                            </dl>
                        }.into_any(),
                        None => view! { <p>{(k.follow_up_due)(&f.due_date)}</p> }.into_any(),
                    }}
                    {f.resolved.map(|r| view! { <p role="status">{(k.visit_answered)(r)}</p> })}
                    {visit}
                </section>
            }
        });
        let until = crate::components::case_view::short_time(&r.changeable_until);
        view! {
            <dl class="summary-list">
                <div class="summary-list__row">
                    <dt>{k.rating_yours}</dt>
                    <dd>{r.level_label.clone()}</dd>
                </div>
                {(!r.tags.is_empty()).then(|| view! {
                    <div class="summary-list__row">
                        <dt>{k.rating_tags}</dt>
                        <dd>{r.tags.join(t().list_separator)}</dd>
                    </div>
                })}
                {(!r.comment.is_empty()).then(|| view! {
                    <div class="summary-list__row">
                        <dt>{k.rating_comment}</dt>
                        <dd>{r.comment.clone()}</dd>
                    </div>
                })}
            </dl>
            {r.changeable.then(|| view! { <p class="hint">{(k.rating_changeable_until)(&until)}</p> })}
            {follow_up}
        }
    });
    let form = move || {
        editing.get().then(|| {
            view! {
                <RatingForm
                    number=number.clone()
                    sub_number=sub_number.clone()
                    status
                    rating=rating.clone()
                    done
                    changed
                />
            }
        })
    };
    view! {
        <section class="panel" aria-labelledby=heading.clone()>
            <h3 id=heading.clone() class="panel__title">{k.rating_title}</h3>
            {shown}
            {move || (changeable && !editing.get()).then(|| view! {
                <p>
                    <button type="button" class="button button--secondary" on:click=move |_| editing.set(true)>
                        {k.rating_change}
                    </button>
                </p>
            })}
            {form}
        </section>
    }
}

#[component]
fn RatingForm(
    number: String,
    sub_number: String,
    status: SubCaseStatus,
    rating: Option<Rating>,
    done: RwSignal<Option<String>>,
    changed: Callback<Application>,
) -> impl IntoView {
    let k = tracking::t();
    let level_id = leak(format!("rating-{sub_number}-level"));
    let tags_id = leak(format!("rating-{sub_number}-tags"));
    let comment_id = leak(format!("rating-{sub_number}-comment"));
    let errors = FormErrors::new(Box::leak(
        vec![level_id, tags_id, comment_id, ""].into_boxed_slice(),
    ));
    let level = RwSignal::new(rating.as_ref().map(|r| r.level));
    let tags = RwSignal::new(rating.as_ref().map(|r| r.tags.clone()).unwrap_or_default());
    let comment = RwSignal::new(rating.map(|r| r.comment).unwrap_or_default());
    let busy = RwSignal::new(false);
    let poor = move || level.get().is_some_and(|l| l.is_poor());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        errors.clear();
        let Some(chosen) = level.get_untracked() else {
            errors.set(level_id, Some(k.rating_level.to_string()));
            errors.failed();
            return;
        };
        // Only the tags of the chosen side go.
        let side: &[&str] = if chosen.is_poor() {
            &POOR_TAGS
        } else {
            &GOOD_TAGS
        };
        let request = RatingRequest {
            level: chosen,
            tags: tags
                .get_untracked()
                .into_iter()
                .filter(|t| side.contains(&t.as_str()))
                .collect(),
            comment: comment.get_untracked().trim().to_string(),
        };
        if let Err(refusal) = check_rating(status, &request, None, 0) {
            let id = match refusal.field() {
                Some("comment") => comment_id,
                Some(_) => tags_id,
                None => "",
            };
            errors.set(id, Some(refusal.message()));
            errors.failed();
            return;
        }
        let (number, sub_number) = (number.clone(), sub_number.clone());
        busy.set(true);
        leptos::task::spawn_local(async move {
            let answer = api::rate(&number, &sub_number, &request).await;
            busy.set(false);
            match answer {
                Ok(a) => {
                    done.set(Some(k.rating_done.to_string()));
                    changed.run(a);
                }
                Err(r) => {
                    if !errors.place_fields(
                        &r,
                        &[
                            ("comment", comment_id),
                            ("tags", tags_id),
                            ("level", level_id),
                        ],
                    ) {
                        errors.set("", Some(r.message));
                    }
                    errors.failed();
                }
            }
        });
    };
    let radios = RatingLevel::ALL
        .into_iter()
        .map(|l| {
            view! {
                <label class="pick">
                    <input
                        type="radio"
                        name=level_id
                        value=l.as_str()
                        prop:checked=move || level.get() == Some(l)
                        on:change=move |_| {
                            level.set(Some(l));
                            errors.set(level_id, None);
                        }
                    />
                    <span>{l.label()}</span>
                </label>
            }
        })
        .collect::<Vec<_>>();
    let tag_boxes = move || {
        let side: &'static [&'static str] = if poor() { &POOR_TAGS } else { &GOOD_TAGS };
        side.iter()
            .map(|tag| {
                let tag = *tag;
                view! {
                    <label class="pick">
                        <input
                            type="checkbox"
                            prop:checked=move || tags.with(|t| t.iter().any(|x| x == tag))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                tags.update(|t| {
                                    t.retain(|x| x != tag);
                                    if on {
                                        t.push(tag.to_string());
                                    }
                                });
                            }
                        />
                        <span>{tag}</span>
                    </label>
                }
            })
            .collect::<Vec<_>>()
    };
    let error = move |id: &'static str| move || errors.get(id);
    let comment_hint_id = format!("{comment_id}-hint");
    let comment_error_id = format!("{comment_id}-error");
    view! {
        <ErrorSummary errors title=k.case_title />
        <form class="form" novalidate on:submit=submit>
            <fieldset class="field" id=level_id tabindex="-1">
                <legend class="form-field__label">{k.rating_level}</legend>
                {move || error(level_id)().map(|m| view! { <p class="form-field__error">{m}</p> })}
                <div class="pick-list">{radios}</div>
            </fieldset>
            <Show when=move || level.get().is_some()>
                <fieldset class="field" id=tags_id tabindex="-1">
                    <legend class="form-field__label">
                        {move || if poor() { k.rating_tags_poor } else { k.rating_tags_good }}
                    </legend>
                    {move || error(tags_id)().map(|m| view! { <p class="form-field__error">{m}</p> })}
                    <div class="pick-list">{tag_boxes}</div>
                </fieldset>
            </Show>
            <div class="form-field" class:form-field--error=move || error(comment_id)().is_some()>
                <label class="form-field__label" for=comment_id>{k.rating_comment}</label>
                <p class="form-field__hint" id=comment_hint_id.clone()>
                    {move || if poor() { k.rating_comment_poor_hint } else { k.rating_comment_hint }}
                </p>
                {move || error(comment_id)().map(|m| view! { <p class="form-field__error" id=comment_error_id.clone()>{m}</p> })}
                <textarea
                    class="input input--long"
                    id=comment_id
                    rows=3
                    maxlength=500
                    aria-describedby=comment_hint_id
                    aria-invalid=move || if error(comment_id)().is_some() { "true" } else { "false" }
                    prop:required=poor
                    prop:value=move || comment.get()
                    on:input=move |ev| comment.set(event_target_value(&ev))
                ></textarea>
            </div>
            <button type="submit" class="button button--wide" disabled=busy>
                {move || if busy.get() { k.sending } else { k.rating_submit }}
            </button>
        </form>
    }
}

/// 回访: 问题解决了吗？ 已解决 / 未解决.
#[component]
fn Visit(
    number: String,
    sub_number: String,
    done: RwSignal<Option<String>>,
    changed: Callback<Application>,
) -> impl IntoView {
    let k = tracking::t();
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let group = format!("visit-{sub_number}");
    let answer = move |resolved: bool| {
        if busy.get_untracked() {
            return;
        }
        let (number, sub_number) = (number.clone(), sub_number.clone());
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let answer = api::visit(&number, &sub_number, resolved).await;
            busy.set(false);
            match answer {
                Ok(a) => {
                    done.set(Some((k.visit_answered)(resolved)));
                    changed.run(a);
                }
                Err(r) => problem.set(Some(r.message)),
            }
        });
    };
    let yes = answer.clone();
    view! {
        <div role="group" aria-labelledby=group.clone()>
            <p id=group.clone()><strong>{k.visit_question}</strong></p>
            {move || problem.get().map(|m| view! { <p class="form-field__error" role="alert">{m}</p> })}
            <div class="actions">
                <button type="button" class="button" disabled=busy on:click=move |_| yes(true)>{k.visit_yes}</button>
                <button type="button" class="button button--secondary" disabled=busy on:click=move |_| answer(false)>{k.visit_no}</button>
            </div>
        </div>
    }
}
