//! 一事联办, the guided combined application: 情形引导 → 一次告知单 → 一表申请 → materials →
//! delivery → 确认信息 → one submit → receipt. Each step has its own URL under
//! `/themes/:id/apply`, whose parent route ([`ApplyFlow`]) loads the theme's kit once and
//! keeps the one draft every step reads and changes ([`Flow`]).
//!
//! The engine (`lianban_core::apply`) decides everything: which questions are shown, which
//! matters and materials apply and why, which fields the form asks, and whether the whole
//! application is complete; the server runs the same code again on submit.

pub mod checklist;
pub mod codec;
pub mod delivery;
pub mod draft_store;
pub mod drafts_page;
pub mod field_input;
pub mod form;
pub mod materials;
pub mod questions;
pub mod receipt;
pub mod review;
pub mod start;

use crate::api::{self, ApiFailure, DraftSaveFailure};
use crate::components::remote::Remote;
use crate::i18n::apply::t;
use crate::session::{use_session, Session};
use draft_store::{LocalDraft, Reconciled};
use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_params_map};
use lianban_core::apply::{evaluate, ApplicationRequest, Checklist, Draft, ThemeKit};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

/// The flow's shared state, provided by [`ApplyFlow`] to every step.
#[derive(Clone, Copy)]
pub struct Flow {
    pub kit: StoredValue<Rc<ThemeKit>, LocalStorage>,
    pub draft: RwSignal<LocalDraft>,
    /// The e-licence types the citizen holds (免提交), once known.
    pub licences: RwSignal<Vec<String>>,
    pub checklist: Memo<Checklist>,
    /// The server's refusal of the last submit, by field key (`fields.shop_name`).
    pub problems: RwSignal<BTreeMap<String, String>>,
    /// How saving to the server goes; a failure or a conflict is shown ([`DraftNotice`]).
    pub sync: RwSignal<SyncState>,
    session: Session,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// A save is on its way; `again`: another change is waiting for it to answer (two
    /// saves made from one version would refuse each other).
    in_flight: StoredValue<bool>,
    again: StoredValue<bool>,
    /// Set once submitted: nothing is saved any more.
    done: StoredValue<bool>,
}

/// How the draft stands with the server. Whatever it says, the phone keeps every change.
#[derive(Debug, Clone)]
pub enum SyncState {
    /// Saved, or nothing to save.
    InStep,
    /// The session ended (401): saved again after the citizen logs in.
    LoginNeeded,
    /// Not saved, with the reason in the server's or the network's words.
    Failed(String),
    /// Another phone saved a newer copy: the citizen chooses.
    Conflict(Box<Draft>),
}

pub fn use_flow() -> Flow {
    expect_context::<Flow>()
}

impl Flow {
    fn open(kit: Rc<ThemeKit>) -> Flow {
        let session = use_session();
        let id = kit.theme.id.clone();
        let local = draft_store::load(&id)
            .unwrap_or_else(|| LocalDraft::fresh(&id, &kit.theme.name, draft_store::new_key()));
        let kit = StoredValue::new_local(kit);
        let draft = RwSignal::new(local);
        let licences = RwSignal::new(Vec::new());
        let checklist = Memo::new(move |_| {
            let kit = kit.get_value();
            draft.with(|d| licences.with(|l| evaluate(&kit, &d.content.answers, l)))
        });
        let flow = Flow {
            kit,
            draft,
            licences,
            checklist,
            problems: RwSignal::new(BTreeMap::new()),
            sync: RwSignal::new(SyncState::InStep),
            session,
            timer: StoredValue::new(None),
            in_flight: StoredValue::new(false),
            again: StoredValue::new(false),
            done: StoredValue::new(false),
        };
        // Once a verified citizen is known: their e-licences, and the server's copy of the
        // draft, reconciled with this phone's by version (another phone may have saved).
        Effect::new(move |asked: Option<bool>| {
            if asked == Some(true) || !flow.logged_in_verified() {
                return asked.unwrap_or(false);
            }
            leptos::task::spawn_local(async move {
                if let Ok(page) = api::licences().await {
                    let kinds = page.items.into_iter().map(|l| l.kind).collect();
                    let _ = licences.try_set(kinds);
                }
            });
            let theme_id = flow.theme_id();
            leptos::task::spawn_local(async move {
                let server = match api::draft(&theme_id).await {
                    Ok(d) => Some(d),
                    Err(ApiFailure::NotFound { .. }) => None,
                    Err(_) => return,
                };
                let Some(current) = draft.try_get_untracked() else {
                    return;
                };
                match draft_store::reconcile(&current, server) {
                    Reconciled::Local { save: true } => flow.schedule_sync(),
                    Reconciled::Local { save: false } => {}
                    Reconciled::Server(newer) => {
                        draft_store::save(&theme_id, &newer);
                        draft.set(newer);
                    }
                    Reconciled::Conflict(newer) => {
                        let _ = flow.sync.try_set(SyncState::Conflict(Box::new(newer)));
                    }
                }
            });
            true
        });
        on_cleanup(move || {
            // Leaving the flow: a change still waiting for the server goes now, unless a
            // save is on its way (the change stays marked unsaved and goes at the next open).
            if let Some(Some(handle)) = flow.timer.try_get_value() {
                handle.clear();
                let waiting = flow.in_flight.try_get_value() == Some(true)
                    || matches!(flow.sync.try_get_untracked(), Some(SyncState::Conflict(_)));
                if let (Some(d), Some(false), false) = (
                    draft.try_get_untracked(),
                    flow.done.try_get_value(),
                    waiting,
                ) {
                    leptos::task::spawn_local(async move {
                        let _ = send(d).await;
                    });
                }
            }
        });
        flow
    }

    pub fn theme_id(&self) -> String {
        self.kit.with_value(|k| k.theme.id.clone())
    }

    pub fn logged_in_verified(&self) -> bool {
        self.session
            .me
            .with(|m| matches!(m, Some(Ok(Some(me))) if me.verified))
    }

    /// Records a change made on `step`: saved on this phone at once, on the server shortly.
    /// (Quietly nothing when the flow is already gone: an upload may answer after leaving.)
    pub fn change(&self, step: &str, f: impl FnOnce(&mut LocalDraft)) {
        if self.done.try_get_value() != Some(false) {
            return;
        }
        let Some(id) = self.kit.try_with_value(|k| k.theme.id.clone()) else {
            return;
        };
        let _ = self.draft.try_update(|d| {
            f(d);
            d.step = step.to_string();
            d.saved_at = draft_store::now_ms();
            d.unsaved = true;
            draft_store::save(&id, d);
        });
        self.schedule_sync();
    }

    /// Notes the step the citizen is on, without counting as a change.
    pub fn visit(&self, step: &str) {
        let id = self.theme_id();
        let changed = self
            .draft
            .with_untracked(|d| d.saved_at > 0 && d.step != step);
        if changed && !self.done.get_value() {
            self.draft.update(|d| {
                d.step = step.to_string();
                draft_store::save(&id, d);
            });
        }
    }

    fn schedule_sync(&self) {
        if let Some(Some(handle)) = self.timer.try_get_value() {
            handle.clear();
        }
        let flow = *self;
        let handle = set_timeout_with_handle(move || flow.sync_now(), Duration::from_millis(800));
        let _ = self.timer.try_set_value(handle.ok());
    }

    /// Saves to the server now (also the "retry" of a failed save).
    pub fn sync_now(&self) {
        if self.timer.try_set_value(None).is_some() || self.done.try_get_value() != Some(false) {
            return;
        }
        if !self.logged_in_verified() || matches!(self.sync.get_untracked(), SyncState::Conflict(_))
        {
            return;
        }
        if self.in_flight.get_value() {
            self.again.set_value(true);
            return;
        }
        let Some(d) = self.draft.try_get_untracked() else {
            return;
        };
        if !d.owes_server() {
            return;
        }
        self.in_flight.set_value(true);
        let flow = *self;
        leptos::task::spawn_local(async move {
            let sent = d.clone();
            let answer = send(d).await;
            let _ = flow.in_flight.try_set_value(false);
            let state = match answer {
                Ok(version) => {
                    let _ = flow.draft.try_update(|l| {
                        l.version = version;
                        if draft_store::same_content(l, &sent) {
                            l.unsaved = false;
                        }
                    });
                    SyncState::InStep
                }
                Err(DraftSaveFailure::Conflict(newer)) => SyncState::Conflict(Box::new(newer)),
                Err(DraftSaveFailure::Refused(r)) if r.status == 401 => SyncState::LoginNeeded,
                Err(DraftSaveFailure::Refused(r)) => SyncState::Failed(r.message),
            };
            let in_step = matches!(state, SyncState::InStep);
            let _ = flow.sync.try_set(state);
            let again = flow.again.try_update_value(std::mem::take) == Some(true);
            if again && in_step {
                flow.sync_now();
            }
        });
    }

    /// The citizen's choice in a conflict: this phone's copy, saved over the newer one.
    pub fn keep_mine(&self, newer_version: i64) {
        let id = self.theme_id();
        self.draft.update(|d| {
            *d = std::mem::take(d).kept_over(newer_version);
            draft_store::save(&id, d);
        });
        self.sync.set(SyncState::InStep);
        self.sync_now();
    }

    /// The citizen's choice in a conflict: the newer copy replaces this phone's, and the
    /// flow opens again on the step it was on (every step reads the draft when drawn).
    pub fn use_newer(&self, newer: Draft) {
        let id = self.theme_id();
        let replaced = self.draft.get_untracked().replaced_by(newer);
        draft_store::save(&id, &replaced);
        if let Some(w) = web_sys::window() {
            let _ = w.location().assign(&codec::step_href(&id, &replaced.step));
        }
    }

    /// Cancels a draft save still waiting (the next change schedules one again).
    pub fn pause_sync(&self) {
        if let Some(Some(handle)) = self.timer.try_get_value() {
            handle.clear();
        }
        let _ = self.timer.try_set_value(None);
    }

    /// After a successful submit: the draft is gone here (the server deletes its own copy).
    pub fn finish(&self) {
        self.done.set_value(true);
        if let Some(Some(handle)) = self.timer.try_get_value() {
            handle.clear();
        }
        self.timer.set_value(None);
        draft_store::remove(&self.theme_id());
    }

    /// A new submit key, after the server refused a submit (nothing was created with it).
    pub fn new_key(&self) {
        let id = self.theme_id();
        self.draft.update(|d| {
            d.key = draft_store::new_key();
            draft_store::save(&id, d);
        });
    }

    /// The application as it is submitted: only the materials and fields the checklist asks
    /// for now (answers changed since may have left others behind in the draft).
    pub fn request(&self) -> ApplicationRequest {
        let list = self.checklist.get_untracked();
        let account: Vec<String> = self.kit.with_value(|k| {
            k.fields
                .iter()
                .filter(|f| f.from_account.is_some())
                .map(|f| f.id.clone())
                .collect()
        });
        self.draft.with_untracked(|d| {
            let mut r = d.content.clone();
            r.materials
                .retain(|k, _| list.material(k).is_some_and(|m| m.needs_upload()));
            r.fields
                .retain(|k, _| list.fields.contains(k) && !account.contains(k));
            r
        })
    }

    /// The href of a step of this flow.
    pub fn href(&self, step: &str) -> String {
        codec::step_href(&self.theme_id(), step)
    }
}

/// The parent route of the steps: loads the kit, then provides the [`Flow`].
#[component]
pub fn ApplyFlow() -> impl IntoView {
    let params = use_params_map();
    let kit =
        LocalResource::new(move || load_kit(params.with(|p| p.get("id").unwrap_or_default())));
    view! { <Remote resource=kit render=|kit| view! { <FlowRoot kit /> } standalone=true /> }
}

#[component]
fn FlowRoot(kit: Rc<ThemeKit>) -> impl IntoView {
    provide_context(Flow::open(kit));
    view! {
        <DraftNotice />
        <Outlet />
    }
}

/// Sends a draft and notes on this phone what the server accepted; the new version.
async fn send(d: LocalDraft) -> Result<i64, DraftSaveFailure> {
    let id = d.content.theme_id.clone();
    let saved = api::save_draft(&id, &d.to_save()).await?;
    draft_store::note_saved(&id, &d, saved.version);
    Ok(saved.version)
}

/// What the citizen must know about the draft's save: not saved (and what to do), or a newer
/// copy from another phone to choose against. Hidden while all is well; one structure for
/// every case, so that it costs the Wasm one view.
#[component]
fn DraftNotice() -> impl IntoView {
    let l = t();
    let flow = use_flow();
    let location = use_location();
    let navigate = leptos_router::hooks::use_navigate();
    let state = flow.sync;
    let text = move || match state.get() {
        SyncState::InStep => String::new(),
        SyncState::LoginNeeded => l.draft_unsaved_login.to_string(),
        SyncState::Failed(why) => (l.draft_unsaved_failed)(&why),
        SyncState::Conflict(newer) => format!(
            "{}{}{}；{}",
            l.draft_conflict_title,
            l.draft_conflict_detail,
            (l.draft_conflict_mine)(
                &flow
                    .draft
                    .with_untracked(|d| { draft_store::format_saved_at(d.saved_at) })
            ),
            (l.draft_conflict_theirs)(&draft_store::format_saved_at(newer.saved_at)),
        ),
    };
    let action = move || match state.get() {
        SyncState::LoginNeeded => l.draft_login_again,
        SyncState::Conflict(_) => l.draft_keep_mine,
        _ => l.draft_retry_save,
    };
    let act = move |_| match state.get_untracked() {
        SyncState::LoginNeeded => {
            // The router's `search` may come without its `?`.
            let search = location.search.get_untracked();
            let mark = if search.is_empty() || search.starts_with('?') {
                ""
            } else {
                "?"
            };
            let here = format!("{}{mark}{search}", location.pathname.get_untracked());
            navigate(
                &crate::components::require_login::login_url(&here),
                Default::default(),
            );
        }
        SyncState::Conflict(newer) => flow.keep_mine(newer.version),
        _ => flow.sync_now(),
    };
    let use_newer = move |_| {
        if let SyncState::Conflict(newer) = state.get_untracked() {
            flow.use_newer(*newer);
        }
    };
    let conflict = move || matches!(state.get(), SyncState::Conflict(_));
    view! {
        <section class="panel panel--notice" role="status" hidden=move || state.with(|s| matches!(s, SyncState::InStep))>
            <p>{text}</p>
            <div class="actions">
                <button type="button" class="button" on:click=act>{action}</button>
                // A wrapper carries `hidden`: `.button` sets its own display.
                <span hidden=move || !conflict()>
                    <button type="button" class="button button--secondary" on:click=use_newer>
                        {l.draft_use_newer}
                    </button>
                </span>
            </div>
        </section>
    }
}

thread_local! {
    /// The last kit loaded: the steps and the checklist page share it.
    static KIT: RefCell<Option<Rc<ThemeKit>>> = const { RefCell::new(None) };
}

/// The theme's kit, from the cache when it is the last one loaded.
pub fn load_kit(id: String) -> impl Future<Output = Result<Rc<ThemeKit>, ApiFailure>> {
    let cached = KIT.with(|k| k.borrow().clone().filter(|k| k.theme.id == id));
    let fetch = cached.is_none().then(|| api::theme_kit(&id));
    async move {
        if let Some(kit) = cached {
            return Ok(kit);
        }
        let kit = Rc::new(fetch.expect("fetched when not cached").await?);
        KIT.with(|k| *k.borrow_mut() = Some(kit.clone()));
        Ok(kit)
    }
}

thread_local! {
    /// Interned ids for `FormErrors`, which keys problems by `&'static str`.
    static IDS: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
    static LISTS: RefCell<Vec<&'static [&'static str]>> = const { RefCell::new(Vec::new()) };
}

/// A field id as `&'static str`; each distinct id is allocated once.
pub fn intern(id: &str) -> &'static str {
    IDS.with(|ids| {
        let mut ids = ids.borrow_mut();
        if let Some(found) = ids.iter().find(|i| **i == id) {
            return *found;
        }
        let leaked: &'static str = Box::leak(id.to_string().into_boxed_str());
        ids.push(leaked);
        leaked
    })
}

/// A form's field order as a `&'static` list; each distinct list is allocated once.
pub fn intern_list(list: Vec<&'static str>) -> &'static [&'static str] {
    LISTS.with(|lists| {
        let mut lists = lists.borrow_mut();
        if let Some(found) = lists.iter().find(|l| **l == list.as_slice()) {
            return *found;
        }
        let leaked: &'static [&'static str] = Box::leak(list.into_boxed_slice());
        lists.push(leaked);
        leaked
    })
}

/// Moves focus to the step's heading after it is drawn (screen readers hear where they are).
pub fn focus_heading() {
    request_animation_frame(|| crate::components::error_summary::focus_id("apply-heading"));
}
