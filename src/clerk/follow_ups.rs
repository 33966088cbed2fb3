//! 差评整改 (`/clerk/follow-ups`): the department's poor ratings still to answer, the nearest
//! due date first, each with the citizen's words, the due date (an overdue one says so in
//! words) and a reply sent once after a confirmation. The reply goes to the citizen, who then
//! says whether it resolved the problem (回访).

use super::{ClerkField, RequireClerk};
use crate::api;
use crate::components::case_view::focus_page_heading;
use crate::components::remote::Remote;
use crate::i18n::clerk;
use crate::i18n::t;
use crate::title::set_title;
use crate::url::encode;
use crate::visible::on_visible;
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use lianban_core::api::Page;
use lianban_core::cases::rating::{MAX_REPLY_CHARS, MIN_POOR_REASON_CHARS};
use lianban_core::cases::view::FollowUpItem;

#[component]
pub fn FollowUpsPage() -> impl IntoView {
    view! {
        <RequireClerk>
            <FollowUps />
        </RequireClerk>
    }
}

#[component]
fn FollowUps() -> impl IntoView {
    let c = clerk::t();
    set_title(c.follow_ups_title);
    let list = api::resource(api::follow_ups);
    on_visible(move || list.refetch());
    focus_page_heading();
    let done = RwSignal::new(None::<String>);
    let refresh = Callback::new(move |()| list.refetch());
    view! {
        <h1 id="page-heading" tabindex="-1">{c.follow_ups_title}</h1>
        <p class="lead">{c.follow_ups_intro}</p>
        <p class="form__status" role="status">{move || done.get()}</p>
        <Remote resource=list render=move |p| view! { <Items page=p done refresh /> } />
        <ul class="link-list">
            <li>
                <A href="/clerk">{c.back_to_list}</A>
            </li>
        </ul>
    }
}

#[component]
fn Items(
    page: Page<FollowUpItem>,
    done: RwSignal<Option<String>>,
    refresh: Callback<()>,
) -> impl IntoView {
    let c = clerk::t();
    if page.items.is_empty() {
        return view! { <p class="empty">{c.follow_ups_empty}</p> }.into_any();
    }
    let rows = page
        .items
        .into_iter()
        .map(|f| view! { <FollowUpCard f done refresh /> })
        .collect::<Vec<_>>();
    view! { <ul class="cards">{rows}</ul> }.into_any()
}

#[component]
fn FollowUpCard(
    f: FollowUpItem,
    done: RwSignal<Option<String>>,
    refresh: Callback<()>,
) -> impl IntoView {
    let c = clerk::t();
    let row = |label: &'static str, value: String| {
        view! {
            <div class="summary-list__row">
                <dt>{label}</dt>
                <dd>{value}</dd>
            </div>
        }
    };
    let id: &'static str = Box::leak(format!("reply-{}", f.number).into_boxed_str());
    let reply = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let asking = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let safe = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if asking.get() {
            if let Some(b) = safe.get() {
                let _ = b.focus();
            }
        }
    });
    let ask = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = reply.get_untracked().trim().chars().count();
        if !(MIN_POOR_REASON_CHARS..=MAX_REPLY_CHARS).contains(&n) {
            error.set(Some(c.follow_up_reply_short.to_string()));
            crate::components::error_summary::focus_id(id);
            return;
        }
        error.set(None);
        asking.set(true);
    };
    let number = f.number.clone();
    let confirm = move |_| {
        if busy.get_untracked() {
            return;
        }
        let number = number.clone();
        let text = reply.get_untracked();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let answer = api::answer_follow_up(&number, &text).await;
            busy.set(false);
            asking.set(false);
            match answer {
                Ok(()) => {
                    done.set(Some(c.follow_up_sent.to_string()));
                    refresh.run(());
                }
                Err(r) if r.status == 422 => {
                    error.set(Some(r.fields.get("reply").cloned().unwrap_or(r.message)));
                }
                Err(r) if r.status == 409 => {
                    done.set(Some(r.message));
                    refresh.run(());
                }
                Err(r) => error.set(Some(r.message)),
            }
        });
    };
    let title_id = format!("{id}-title");
    let detail_id = format!("{id}-detail");
    let due = if f.overdue {
        view! {
            <span class="mono">{f.due_date.clone()}</span>
            " "
            <span class="tag tag--danger">{c.follow_up_overdue}</span>
        }
        .into_any()
    } else {
        view! { <span class="mono">{f.due_date.clone()}</span> }.into_any()
    };
    view! {
        <li class="card">
            <h2 class="card__title">
                <A href=format!("/clerk/cases/{}", encode(&f.number))>{f.matter_name.clone()}" · "{f.number.clone()}</A>
            </h2>
            <dl class="summary-list">
                {row(c.rating_level, f.level_label.clone())}
                {row(c.rating_comment, f.comment.clone())}
                <div class="summary-list__row">
                    <dt>{c.follow_up_due}</dt>
                    <dd>{due}</dd>
                </div>
            </dl>
            <form class="form" novalidate on:submit=ask>
                <ClerkField
                    id
                    label=c.follow_up_reply
                    value=reply
                    error=error.into()
                    hint=c.follow_up_reply_hint
                    long=true
                    maxlength=MAX_REPLY_CHARS as u32
                />
                <Show
                    when=move || asking.get()
                    fallback=move || view! {
                        <button type="submit" class="button button--wide">{c.follow_up_submit}</button>
                    }
                >
                    <div class="panel panel--warning confirm" role="alertdialog" aria-labelledby=title_id.clone() aria-describedby=detail_id.clone()>
                        <h3 id=title_id.clone() class="panel__title">{c.follow_up_confirm_title}</h3>
                        <p id=detail_id.clone()>{c.follow_up_confirm_detail}</p>
                        <div class="actions">
                            <button type="button" class="button" disabled=busy on:click=confirm.clone()>
                                {move || if busy.get() { t().loading } else { c.follow_up_confirm_yes }}
                            </button>
                            <button type="button" class="button button--secondary" node_ref=safe on:click=move |_| asking.set(false)>
                                {c.confirm_back}
                            </button>
                        </div>
                    </div>
                </Show>
            </form>
        </li>
    }
}
