//! Unsent form input, kept in `sessionStorage` while the citizen types, so a detour through
//! the login page or a reload loses nothing. Cleared when the form is sent and at logout.
//! Identity numbers are never kept: only names and public enterprise data.

use leptos::prelude::*;

const PREFIX: &str = "lianban.draft.";

/// A text signal that starts from the stored draft and stores every change.
pub fn draft(key: &'static str) -> RwSignal<String> {
    let value = RwSignal::new(load(key));
    Effect::new(move |_| {
        let v = value.get();
        if let Some(s) = storage() {
            let _ = if v.is_empty() {
                s.remove_item(&format!("{PREFIX}{key}"))
            } else {
                s.set_item(&format!("{PREFIX}{key}"), &v)
            };
        }
    });
    value
}

pub fn load(key: &str) -> String {
    storage()
        .and_then(|s| s.get_item(&format!("{PREFIX}{key}")).ok().flatten())
        .unwrap_or_default()
}

/// Forgets every draft (at logout, on a shared phone), the applications' too.
pub fn clear_all() {
    crate::apply::draft_store::clear_all();
    // Unsent 补正 (`pages::supplement`), kept in `localStorage`.
    if let Some(local) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let len = local.length().unwrap_or(0);
        let keys: Vec<String> = (0..len)
            .filter_map(|i| local.key(i).ok().flatten())
            .filter(|k| k.starts_with("lianban.supplement."))
            .collect();
        for k in keys {
            let _ = local.remove_item(&k);
        }
    }
    let Some(s) = storage() else { return };
    let len = s.length().unwrap_or(0);
    let keys: Vec<String> = (0..len)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(PREFIX))
        .collect();
    for k in keys {
        let _ = s.remove_item(&k);
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}
