//! Liánbàn 联办: the citizen-facing single-page app of the city's 一网通办 platform.
//!
//! `app` holds the route table; each screen lives in `pages/`, each reusable piece in
//! `components/`; all HTTP goes through `api`, every UI string through `i18n`.

pub mod api;
pub mod app;
pub mod apply;
pub mod areas;
pub mod channel;
pub mod clerk;
pub mod clock;
pub mod components;
pub mod drafts;
/// The locale table lives in `lianban-ui`, shared with the server's first screen.
pub use lianban_ui::locale as i18n;
pub mod pages;
pub mod prefs;
pub mod session;
pub mod title;
pub use lianban_ui::url;
pub mod visible;

/// Replaces the static shell of `index.html`, or the page the server painted there, with the
/// app.
pub fn start() {
    // The shell is removed in the same task as the mount, so no frame shows neither.
    if let Some(shell) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("shell"))
    {
        shell.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
