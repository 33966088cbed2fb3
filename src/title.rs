//! The document title: one per screen, "page - 联办", so tabs, history and screen readers
//! say where the citizen is.

use crate::i18n::t;

pub fn set_title(page: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        let brand = t().brand;
        if page.is_empty() {
            doc.set_title(t().brand_title);
        } else {
            doc.set_title(&format!("{page} - {brand}"));
        }
    }
}
