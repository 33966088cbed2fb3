//! 消息中心 (`/me/messages`): what happened to the citizen's cases (accepted, a supplement
//! asked for, concluded), newest first, the unread ones marked in words. Opening a message
//! marks it read; 全部标为已读 marks them all. Refreshes when the page becomes visible again.

use crate::api;
use crate::components::case_view::{focus_page_heading, short_time};
use crate::components::remote::Remote;
use crate::components::require_login::RequireLogin;
use crate::i18n::t;
use crate::i18n::tracking;
use crate::pages::my_cases::case_path;
use crate::title::set_title;
use crate::visible::on_visible;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use lianban_core::api::Page;
use lianban_core::cases::view::Message;

#[component]
pub fn MessagesPage() -> impl IntoView {
    view! {
        <RequireLogin>
            <Messages />
        </RequireLogin>
    }
}

#[component]
fn Messages() -> impl IntoView {
    let l = t();
    let k = tracking::t();
    set_title(l.messages_title);
    let query = use_query_map();
    let page = Memo::new(move |_| {
        query.with(|q| {
            q.get("page")
                .and_then(|p| p.parse::<u32>().ok())
                .unwrap_or(1)
                .max(1)
        })
    });
    let list = api::resource(move || api::messages(page.get()));
    let unread = api::resource(api::unread_messages);
    on_visible(move || {
        list.refetch();
        unread.refetch();
    });
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let read_all = move |_| {
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let answer = api::mark_all_read().await;
            busy.set(false);
            match answer {
                Ok(()) => {
                    list.refetch();
                    unread.refetch();
                }
                Err(r) => problem.set(Some(r.message)),
            }
        });
    };
    let count = move || {
        unread
            .get()
            .and_then(|r| r.ok())
            .map(|c| (k.messages_unread)(c.unread))
    };
    let none_unread = move || {
        unread
            .get()
            .and_then(|r| r.ok())
            .is_some_and(|c| c.unread == 0)
    };
    let on_read = Callback::new(move |()| unread.refetch());
    focus_page_heading();
    view! {
        <h1 id="page-heading" tabindex="-1">{l.messages_title}</h1>
        <p class="lead">{k.messages_intro}</p>
        <p class="result-count" role="status">{count}</p>
        <p>
            <button
                type="button"
                class="button button--secondary"
                disabled=move || busy.get() || none_unread()
                on:click=read_all
            >
                {k.messages_read_all}
            </button>
        </p>
        {move || problem.get().map(|m| view! { <p class="form-field__error" role="alert">{m}</p> })}
        <Remote resource=list render=move |page| view! { <MessageList page on_read /> } />
    }
}

#[component]
fn MessageList(page: Page<Message>, on_read: Callback<()>) -> impl IntoView {
    let l = t();
    let k = tracking::t();
    if page.items.is_empty() && page.page <= 1 {
        return view! { <p class="empty">{k.messages_empty}</p> }.into_any();
    }
    let pages = page.total.div_ceil(u64::from(page.per_page.max(1))).max(1) as u32;
    let at = page.page;
    let link = |p: u32| {
        if p > 1 {
            format!("/me/messages?page={p}")
        } else {
            "/me/messages".to_string()
        }
    };
    let pager = (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=l.pager_label>
                {(at > 1).then(|| view! { <A href=link(at - 1)>{l.pager_previous}</A> })}
                <span class="pager__where">{(l.pager_position)(at, pages)}</span>
                {(at < pages).then(|| view! { <A href=link(at + 1)>{l.pager_next}</A> })}
            </nav>
        }
    });
    view! {
        <ul class="cards">
            {page.items.into_iter().map(|m| view! { <MessageItem m on_read /> }).collect::<Vec<_>>()}
        </ul>
        {pager}
    }
    .into_any()
}

/// One message: its title and time, 未读 until it is opened.
#[component]
fn MessageItem(m: Message, on_read: Callback<()>) -> impl IntoView {
    let k = tracking::t();
    let read = RwSignal::new(m.read);
    let id = m.id;
    let toggled = move |ev: leptos::ev::Event| {
        let open = ev
            .target()
            .and_then(|d| js_sys::Reflect::get(&d, &"open".into()).ok())
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        if open && !read.get_untracked() {
            read.set(true);
            leptos::task::spawn_local(async move {
                // The mark is a convenience: if it is lost, the message shows 未读 next time.
                if api::mark_read(id).await.is_ok() {
                    on_read.run(());
                }
            });
        }
    };
    view! {
        <li class="card message" class:message--unread=move || !read.get()>
            <details on:toggle=toggled>
                <summary class="message__summary">
                    {move || (!read.get()).then(|| view! { <span class="tag tag--warning">{k.message_unread}</span> " " })}
                    <strong>{m.title}</strong>
                    " "
                    <span class="card__meta">{short_time(&m.created_at)}</span>
                </summary>
                <p>{m.body}</p>
                <p>
                    <A href=case_path(&m.case_number)>{k.message_view_case}</A>
                </p>
            </details>
        </li>
    }
}
