//! The route table: the whole map of screens in one place. Every screen a citizen may want to
//! return to has its own URL, so QR posters, reloads and shared links land on it directly.

use crate::apply::{
    checklist::ChecklistPage, delivery::DeliveryPage, drafts_page::DraftsPage, form::FormPage,
    materials::MaterialsPage, questions::QuestionsPage, receipt::ReceiptPage, review::ReviewPage,
    ApplyFlow,
};
use crate::channel::{self, Channel};
use crate::components::{header::Header, tab_bar::TabBar};
use crate::pages::{
    appointment::AppointmentPage, appointments::AppointmentsPage, book::BookPage,
    book_confirm::BookConfirmPage, departments::DepartmentsPage, enterprises::EnterprisesPage,
    hall::HallPage, halls::HallsPage, home::HomePage, identity::IdentityPage, licence::LicencePage,
    licences::LicencesPage, login::LoginPage, matter::MatterPage, me::MePage,
    not_found::NotFoundPage, search::SearchPage, theme::ThemePage, themes::ThemesPage,
    track::TrackPage,
};
use crate::prefs::Prefs;
use crate::session::Session;
use leptos::prelude::*;
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    path,
};

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
                    <Route path=path!("/themes/:id/checklist") view=ChecklistPage />
                    <ParentRoute path=path!("/themes/:id/apply") view=ApplyFlow>
                        <Route path=path!("") view=QuestionsPage />
                        <Route path=path!("/form") view=FormPage />
                        <Route path=path!("/materials") view=MaterialsPage />
                        <Route path=path!("/delivery") view=DeliveryPage />
                        <Route path=path!("/review") view=ReviewPage />
                    </ParentRoute>
                    <Route path=path!("/applications/:number") view=ReceiptPage />
                    <Route path=path!("/departments") view=DepartmentsPage />
                    <Route path=path!("/halls") view=HallsPage />
                    <Route path=path!("/halls/:id") view=HallPage />
                    <Route path=path!("/appointments") view=AppointmentsPage />
                    <Route path=path!("/appointments/new") view=BookPage />
                    <Route path=path!("/appointments/confirm") view=BookConfirmPage />
                    <Route path=path!("/appointments/:id") view=AppointmentPage />
                    <Route path=path!("/track") view=TrackPage />
                    <Route path=path!("/login") view=LoginPage />
                    <Route path=path!("/me") view=MePage />
                    <Route path=path!("/me/identity") view=IdentityPage />
                    <Route path=path!("/me/drafts") view=DraftsPage />
                    <Route path=path!("/me/enterprises") view=EnterprisesPage />
                    <Route path=path!("/me/licences") view=LicencesPage />
                    <Route path=path!("/me/licences/:id") view=LicencePage />
                </Routes>
            </main>
            <TabBar />
        </Router>
    }
}
