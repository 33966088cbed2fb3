//! The citizen's display preferences, kept in `localStorage`.
//!
//! Elder mode (长辈版) only sets `data-elder` on `<html>`; the styles change their tokens
//! (type scale, contrast, target size) under it. `index.html` applies the stored choice before
//! the first paint, so the shell already shows in the right size.

use leptos::prelude::*;

pub const ELDER_KEY: &str = "lianban.elder";

#[derive(Clone, Copy)]
pub struct Prefs {
    pub elder: RwSignal<bool>,
}

impl Prefs {
    /// Reads the stored choice and keeps `<html>` and the store in step with the signal.
    pub fn provide() -> Prefs {
        let stored = storage()
            .and_then(|s| s.get_item(ELDER_KEY).ok().flatten())
            .is_some_and(|v| v == "1");
        let prefs = Prefs {
            elder: RwSignal::new(stored),
        };
        Effect::new(move |_| {
            let on = prefs.elder.get();
            if let Some(html) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = if on {
                    html.set_attribute("data-elder", "")
                } else {
                    html.remove_attribute("data-elder")
                };
            }
            if let Some(s) = storage() {
                // Private browsing may refuse to store: the choice then lasts for the visit.
                let _ = s.set_item(ELDER_KEY, if on { "1" } else { "0" });
            }
        });
        provide_context(prefs);
        prefs
    }
}

pub fn use_prefs() -> Prefs {
    expect_context::<Prefs>()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}
