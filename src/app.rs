//! The route table: the whole map of screens in one place. Every screen a citizen may want to
//! return to has its own URL, so QR posters, reloads and shared links land on it directly.
//! The catalogue screens are in the main module; the others (`lazy`) download their area's
//! chunk when first visited.

use crate::areas::Screen;
use crate::channel::{self, Channel};
use crate::components::{header::Header, lazy_screen::LazyScreen, tab_bar::TabBar};
use crate::pages::{
    departments::DepartmentsPage, hall::HallPage, halls::HallsPage, home::HomePage,
    matter::MatterPage, not_found::NotFoundPage, search::SearchPage, theme::ThemePage,
    themes::ThemesPage,
};
use crate::prefs::Prefs;
use crate::session::Session;
use leptos::prelude::*;
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    path,
};

/// A route whose screen is in an area's chunk (see `crate::areas`).
fn lazy(screen: Screen) -> impl IntoView {
    view! { <LazyScreen screen /> }
}

#[component]
pub fn App() -> impl IntoView {
    let channel = channel::detect();
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("data-channel", channel.as_str());
    }
    provide_context::<Channel>(channel);
    Prefs::provide();
    Session::provide();

    view! {
        <Router>
            <Header />
            <main id="main" class="page">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/search") view=SearchPage />
                    <Route path=path!("/matters/:code") view=MatterPage />
                    <Route path=path!("/themes") view=ThemesPage />
                    <Route path=path!("/themes/:id") view=ThemePage />
                    <Route path=path!("/themes/:id/checklist") view=|| lazy(Screen::Checklist) />
                    <ParentRoute path=path!("/themes/:id/apply") view=|| lazy(Screen::ApplyFlow)>
                        <Route path=path!("") view=|| lazy(Screen::Questions) />
                        <Route path=path!("/form") view=|| lazy(Screen::Form) />
                        <Route path=path!("/materials") view=|| lazy(Screen::Materials) />
                        <Route path=path!("/delivery") view=|| lazy(Screen::Delivery) />
                        <Route path=path!("/review") view=|| lazy(Screen::Review) />
                    </ParentRoute>
                    <Route path=path!("/applications/:number") view=|| lazy(Screen::Receipt) />
                    <Route path=path!("/departments") view=DepartmentsPage />
                    <Route path=path!("/halls") view=HallsPage />
                    <Route path=path!("/halls/:id") view=HallPage />
                    <Route path=path!("/appointments") view=|| lazy(Screen::Appointments) />
                    <Route path=path!("/appointments/new") view=|| lazy(Screen::Book) />
                    <Route path=path!("/appointments/confirm") view=|| lazy(Screen::BookConfirm) />
                    <Route path=path!("/appointments/:id") view=|| lazy(Screen::Appointment) />
                    <Route path=path!("/track") view=|| lazy(Screen::Track) />
                    <Route path=path!("/login") view=|| lazy(Screen::Login) />
                    <Route path=path!("/me") view=|| lazy(Screen::Me) />
                    <Route path=path!("/me/identity") view=|| lazy(Screen::Identity) />
                    <Route path=path!("/me/drafts") view=|| lazy(Screen::Drafts) />
                    <Route path=path!("/me/enterprises") view=|| lazy(Screen::Enterprises) />
                    <Route path=path!("/me/licences") view=|| lazy(Screen::Licences) />
                    <Route path=path!("/me/licences/:id") view=|| lazy(Screen::Licence) />
                    <Route path=path!("/me/cases") view=|| lazy(Screen::MyCases) />
                    <Route path=path!("/me/cases/:number") view=|| lazy(Screen::MyCase) />
                    <Route path=path!("/me/messages") view=|| lazy(Screen::Messages) />
                    <Route path=path!("/clerk") view=|| lazy(Screen::ClerkWork) />
                    <Route path=path!("/clerk/login") view=|| lazy(Screen::ClerkLogin) />
                    <Route path=path!("/clerk/cases/:number") view=|| lazy(Screen::ClerkCase) />
                    <Route path=path!("/clerk/follow-ups") view=|| lazy(Screen::ClerkFollowUps) />
                    <Route path=path!("/clerk/check-in") view=|| lazy(Screen::ClerkCheckIn) />
                    <Route path=path!("/stats") view=|| lazy(Screen::Stats) />
                </Routes>
            </main>
            <TabBar />
        </Router>
    }
}
