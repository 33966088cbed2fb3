//! 一件事 list: every theme the city offers.

use crate::api;
use crate::components::remote::Remote;
use crate::components::theme_card::ThemeGrid;
use crate::i18n::t;
use crate::title::set_title;
use leptos::prelude::*;

#[component]
pub fn ThemesPage() -> impl IntoView {
    let l = t();
    set_title(l.themes_title);
    let themes = api::resource(|| api::themes(""));
    view! {
        <h1>{l.themes_title}</h1>
        <p class="lead">{l.themes_intro}</p>
        <Remote resource=themes render=|page| view! { <ThemeGrid themes=page.items /> } />
    }
}
