//! Refresh on return: WeChat and mobile browsers restore pages from their back-forward cache
//! and leave tabs in the background, so a page showing something that can change (a booking,
//! the places left) asks again when it becomes visible.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// Calls `refresh` whenever the page becomes visible again (tab switch, app resumed) or is
/// restored from the back-forward cache. The listeners go with the calling component.
pub fn on_visible(refresh: impl Fn() + Clone + 'static) {
    let again = refresh.clone();
    let shown = window_event_listener_untyped("visibilitychange", move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            again();
        }
    });
    let restored = window_event_listener_untyped("pageshow", move |e| {
        let persisted = js_sys::Reflect::get(&e, &JsValue::from_str("persisted"))
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        if persisted {
            refresh();
        }
    });
    on_cleanup(move || {
        shown.remove();
        restored.remove();
    });
}
