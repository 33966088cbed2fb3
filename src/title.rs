//! The document title: one per screen, "page - 联办", so tabs, history and screen readers
//! say where the citizen is (the server's first screen writes the same, see
//! `lianban_ui::screens::document_title`).

pub fn set_title(page: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&lianban_ui::screens::document_title(page));
    }
}
