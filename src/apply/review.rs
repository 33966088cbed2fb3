//! 确认信息 (`/themes/:id/apply/review`): every answer, field, material and the delivery on one
//! page, each with a 修改 link back to its step; then one submit, with the draft's
//! `Idempotency-Key` so a retried submit never creates a second case. Problems — the core's
//! check here, or the server's refusal — are listed at the top, each linking to its step.

use super::codec::problem_href;
use super::form::{account_value, group_label};
use super::materials::{local_problems, Verified};
use super::{focus_heading, use_flow, Flow};
use crate::api::{self, SubmitFailure};
use crate::components::require_login::RequireLogin;
use crate::i18n::t;
use crate::session::use_session;
use crate::title::set_title;
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use lianban_core::apply::{Answer, Delivery, FieldGroup, MaterialSupply};
use lianban_core::catalogue::Question;
use std::cell::RefCell;
use std::collections::BTreeMap;

thread_local! {
    /// The case just submitted, so the receipt shows at once.
    pub static SUBMITTED: RefCell<Option<super::receipt::Submitted>> = const { RefCell::new(None) };
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    view! {
        <RequireLogin>
            <Verified>
                <Review />
            </Verified>
        </RequireLogin>
    }
}

/// An answer as the citizen chose it: the option's label, the number with its unit.
pub fn answer_text(q: &Question, a: Option<&Answer>) -> String {
    let l = crate::i18n::apply::t();
    let label = |v: &str| {
        q.options
            .iter()
            .find(|o| o.value == v)
            .map_or(v.to_string(), |o| o.label.clone())
    };
    match a {
        Some(Answer::Choice(v)) => label(v),
        Some(Answer::Choices(vs)) if vs.is_empty() => l.answer_none.to_string(),
        Some(Answer::Choices(vs)) => vs
            .iter()
            .map(|v| label(v))
            .collect::<Vec<_>>()
            .join(t().list_separator),
        Some(Answer::Number(n)) => format!("{n}{}", q.unit.as_deref().unwrap_or("")),
        None => l.not_answered.to_string(),
    }
}

/// The problems to show: the core's check (without the account's own fields, which the
/// server fills) and what the server refused.
fn problems(flow: Flow) -> BTreeMap<String, String> {
    let account: Vec<String> = flow.kit.with_value(|k| {
        k.fields
            .iter()
            .filter(|f| f.from_account.is_some())
            .map(|f| format!("fields.{}", f.id))
            .collect()
    });
    let mut all = local_problems(flow);
    all.retain(|k, _| !account.contains(k));
    flow.problems.with_untracked(|p| {
        for (k, v) in p {
            all.entry(k.clone()).or_insert_with(|| v.clone());
        }
    });
    all
}

#[component]
fn Review() -> impl IntoView {
    let l = crate::i18n::apply::t();
    let flow = use_flow();
    let session = use_session();
    let navigate = use_navigate();
    flow.visit("review");
    set_title(l.review_title);
    focus_heading();
    let kit = flow.kit.get_value();
    let list = flow.checklist.get_untracked();
    let draft = flow.draft.get_untracked();
    let theme_id = kit.theme.id.clone();
    let change = move |href: String, what: &str| {
        view! {
            <A href=href attr:class="summary-list__change" attr:aria-label=(l.change_label)(what)>
                {l.change}
            </A>
        }
    };
    let row = move |key: String, value: String, href: String| {
        let link = change(href, &key);
        view! {
            <div class="summary-list__row">
                <dt>{key}</dt>
                <dd>{value}</dd>
                <dd class="summary-list__actions">{link}</dd>
            </div>
        }
    };

    let answers = list
        .questions
        .iter()
        .filter_map(|id| kit.theme.questions.iter().find(|q| &q.id == id))
        .map(|q| {
            row(
                q.text.clone(),
                answer_text(q, draft.content.answers.get(&q.id)),
                format!("{}?q={}&from=review", flow.href("questions"), q.id),
            )
        })
        .collect::<Vec<_>>();
    let matters = list
        .matters
        .iter()
        .map(|m| view! { <li>{m.name.clone()}" · "{m.department_name.clone()}</li> })
        .collect::<Vec<_>>();
    let me = session.current();
    let groups = FieldGroup::ALL
        .into_iter()
        .filter_map(|g| {
            let rows = kit
                .fields
                .iter()
                .filter(|f| f.group == g && list.fields.contains(&f.id))
                .map(|f| {
                    let href =
                        format!("{}&from=review", flow.href(&format!("form.{}", g.as_str())));
                    match (f.from_account, &me) {
                        (Some(a), Some(me)) => view! {
                            <div class="summary-list__row">
                                <dt>{f.label.clone()}</dt>
                                <dd>{account_value(me, a)}</dd>
                                <dd class="summary-list__actions"></dd>
                            </div>
                        }
                        .into_any(),
                        _ => {
                            let v = draft
                                .content
                                .fields
                                .get(&f.id)
                                .map(|v| f.display(v).to_string())
                                .unwrap_or_default();
                            row(f.label.clone(), v, href).into_any()
                        }
                    }
                })
                .collect::<Vec<_>>();
            (!rows.is_empty()).then(|| {
                view! {
                    <h3>{group_label(g)}</h3>
                    <dl class="summary-list">{rows}</dl>
                }
            })
        })
        .collect::<Vec<_>>();
    let materials_href = format!("{}?from=review", flow.href("materials"));
    let materials = list
        .materials
        .iter()
        .map(|m| {
            let status = if !m.needs_upload() {
                l.material_free.to_string()
            } else {
                match draft.content.materials.get(&m.key) {
                    Some(MaterialSupply::Upload { uploads }) => {
                        (l.material_uploaded)(uploads.len())
                    }
                    Some(MaterialSupply::Deferred { commitment: true }) => {
                        l.material_deferred.to_string()
                    }
                    _ if m.required => l.material_missing.to_string(),
                    _ => l.material_none.to_string(),
                }
            };
            row(m.name.clone(), status, materials_href.clone())
        })
        .collect::<Vec<_>>();
    let delivery_text = match &draft.content.delivery {
        Some(Delivery::Hall { hall_id }) => (l.delivery_at_hall)(hall_id),
        Some(Delivery::Post {
            recipient,
            phone,
            address,
        }) => (l.delivery_by_post)(recipient, phone, address),
        None => l.not_answered.to_string(),
    };
    let hall_names = LocalResource::new(api::halls);
    let delivery_text = move || {
        let known = hall_names
            .get()
            .and_then(|r| r.ok())
            .map(|p| p.items)
            .unwrap_or_default();
        match flow.draft.with_untracked(|d| d.content.delivery.clone()) {
            Some(Delivery::Hall { hall_id }) => known
                .iter()
                .find(|h| h.id == hall_id)
                .map(|h| (l.delivery_at_hall)(&h.name))
                .unwrap_or_else(|| delivery_text.clone()),
            _ => delivery_text.clone(),
        }
    };
    let delivery = view! {
        <div class="summary-list__row">
            <dt>{l.delivery_title}</dt>
            <dd>{delivery_text}</dd>
            <dd class="summary-list__actions">{change(format!("{}?from=review", flow.href("delivery")), l.delivery_title)}</dd>
        </div>
    };

    let attempted = RwSignal::new(!flow.problems.with_untracked(|p| p.is_empty()));
    let shown = RwSignal::new(if attempted.get_untracked() {
        problems(flow)
    } else {
        BTreeMap::new()
    });
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let summary = NodeRef::<html::Div>::new();
    let focus_summary = move || {
        request_animation_frame(move || {
            if let Some(el) = summary.get_untracked() {
                let _ = el.focus();
            }
        })
    };
    let group_of = move |field: &str| {
        flow.kit.with_value(|k| {
            k.fields
                .iter()
                .find(|f| f.id == field)
                .map(|f| f.group.as_str().to_string())
        })
    };
    let theme_for_links = theme_id.clone();
    let summary_items = move || {
        shown
            .get()
            .into_iter()
            .map(|(key, message)| {
                let href = problem_href(&theme_for_links, &key, group_of);
                view! {
                    <li>
                        <A href=href>{message}</A>
                    </li>
                }
            })
            .collect::<Vec<_>>()
            .into_any()
    };
    Effect::new(move |_| {
        if shown.with(|s| s.is_empty()) {
            set_title(l.review_title);
        } else {
            set_title(&format!("{}{}", t().error_title_prefix, l.review_title));
        }
    });

    // Set when the server warned of an open case of this theme: its number.
    let open_case = RwSignal::new(None::<String>);
    let warning = NodeRef::<html::Div>::new();
    let send = move |confirmed: bool| {
        if busy.get_untracked() {
            return;
        }
        failure.set(None);
        open_case.set(None);
        flow.problems.set(BTreeMap::new());
        let found = problems(flow);
        attempted.set(true);
        let bad = !found.is_empty();
        shown.set(found);
        if bad {
            focus_summary();
            return;
        }
        busy.set(true);
        // No draft save may start while the submit is under way.
        flow.pause_sync();
        let mut request = flow.request();
        request.new_case_confirmed = confirmed;
        let key = flow.draft.with_untracked(|d| d.key.clone());
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let answer = api::submit_application::<super::receipt::Submitted>(&request, &key).await;
            let _ = busy.try_set(false);
            match answer {
                Ok(app) => {
                    flow.finish();
                    // The server deleted its copy; a save sent just before the submit may
                    // have landed after that, so the draft is deleted once more.
                    let _ = api::delete_draft(&app.theme_id).await;
                    let href = format!("/applications/{}", crate::url::encode(&app.number));
                    SUBMITTED.with(|s| *s.borrow_mut() = Some(app));
                    navigate(
                        &href,
                        NavigateOptions {
                            replace: true,
                            ..Default::default()
                        },
                    );
                }
                Err(SubmitFailure::OpenCase { case_number }) => {
                    // Nothing was created; the same key goes with the confirmation.
                    let _ = open_case.try_set(Some(case_number));
                    request_animation_frame(move || {
                        if let Some(el) = warning.get_untracked() {
                            let _ = el.focus();
                        }
                    });
                }
                Err(SubmitFailure::Refused(r)) if r.status == 422 && !r.fields.is_empty() => {
                    // Nothing was created: the next submit is a new request.
                    flow.new_key();
                    flow.problems.set(r.fields);
                    shown.set(problems(flow));
                    focus_summary();
                }
                Err(SubmitFailure::Refused(r)) => {
                    failure.set(Some(r.message));
                    focus_summary();
                }
            }
        });
    };
    let send_anyway = send.clone();
    let submit = move |_| send(false);
    let theme_name = kit.theme.name.clone();
    let open_case_text = move || {
        open_case
            .get()
            .map(|n| (l.open_case_detail)(&theme_name, &n))
            .unwrap_or_default()
    };
    let open_case_href = move || {
        open_case
            .get()
            .map(|n| format!("/applications/{}", crate::url::encode(&n)))
            .unwrap_or_default()
    };

    let has_problems = move || shown.with(|s| !s.is_empty()) || failure.with(|f| f.is_some());
    view! {
        <p class="eyebrow">{kit.theme.name.clone()}" · "{l.review_title}</p>
        <h1 id="apply-heading" tabindex="-1">{l.review_title}</h1>
        <p class="lead">{l.review_lead}</p>
        <div class="error-summary" node_ref=summary tabindex="-1" aria-labelledby="review-problems" hidden=move || !has_problems()>
            <h2 id="review-problems" class="error-summary__title">{t().error_summary_title}</h2>
            {move || failure.get().map(|f| view! { <p>{f}</p> }.into_any())}
            <ul class="error-summary__list">{summary_items}</ul>
        </div>
        <section class="section" aria-labelledby="review-answers">
            <h2 id="review-answers">{l.review_answers}</h2>
            <dl class="summary-list">{answers}</dl>
        </section>
        <section class="section" aria-labelledby="review-matters">
            <h2 id="review-matters">{(l.checklist_matters)(matters.len())}</h2>
            <ul class="plain-list">{matters}</ul>
        </section>
        <section class="section" aria-labelledby="review-form">
            <h2 id="review-form">{l.form_title}</h2>
            {groups}
        </section>
        <section class="section" aria-labelledby="review-materials">
            <h2 id="review-materials">{l.materials_title}</h2>
            <dl class="summary-list">{materials}</dl>
        </section>
        <section class="section" aria-labelledby="review-delivery">
            <h2 id="review-delivery">{l.delivery_title}</h2>
            <dl class="summary-list">{delivery}</dl>
        </section>
        <p class="hint">{l.review_declaration}</p>
        <div class="panel panel--notice" node_ref=warning tabindex="-1" role="alert" aria-labelledby="open-case-title" hidden=move || open_case.with(|c| c.is_none())>
            <h2 class="panel__title" id="open-case-title">{l.open_case_title}</h2>
            <p>{open_case_text}</p>
            <div class="actions">
                <a href=open_case_href class="button">{l.open_case_view}</a>
                <button type="button" class="button button--secondary" disabled=busy on:click=move |_| send_anyway(true)>
                    {l.open_case_submit_anyway}
                </button>
            </div>
        </div>
        <div class="actions">
            <button type="button" class="button button--wide" disabled=busy on:click=submit>
                {move || if busy.get() { l.submitting } else { l.submit }}
            </button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(kind: &str) -> Question {
        serde_json::from_value(serde_json::json!({
            "id": "q", "text": "？", "kind": kind, "unit": "平方米",
            "options": [{"value": "a", "label": "甲"}, {"value": "b", "label": "乙"}]
        }))
        .expect("a question")
    }

    #[test]
    fn answers_read_as_the_citizen_chose_them() {
        let single = question("single");
        assert_eq!(
            answer_text(&single, Some(&Answer::Choice("b".into()))),
            "乙"
        );
        assert_eq!(answer_text(&single, None), "未填写");
        let multiple = question("multiple");
        let both = Answer::Choices(vec!["a".into(), "b".into()]);
        assert_eq!(answer_text(&multiple, Some(&both)), "甲、乙");
        assert_eq!(
            answer_text(&multiple, Some(&Answer::Choices(vec![]))),
            "都不需要"
        );
        assert_eq!(
            answer_text(&question("number"), Some(&Answer::Number(120))),
            "120平方米"
        );
    }
}
