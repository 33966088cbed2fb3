//! The embedding channel, detected once at start and offered to components as context (the
//! rule itself is `lianban_ui::channel`, shared with the server's first screen).

pub use lianban_ui::channel::{classify, Channel};
use wasm_bindgen::JsValue;

/// Reads the channel from the browser.
pub fn detect() -> Channel {
    let Some(window) = web_sys::window() else {
        return Channel::Browser;
    };
    let ua = window.navigator().user_agent().unwrap_or_default();
    let env = js_sys::Reflect::get(&window, &JsValue::from_str("__wxjs_environment"))
        .ok()
        .and_then(|v| v.as_string());
    classify(&ua, env.as_deref())
}
