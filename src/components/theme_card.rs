//! A theme (一件事) as a tile of the grid.

use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::components::A;
use lianban_core::catalogue::ThemeSummary;
use lianban_ui::links::theme_href;

#[component]
pub fn ThemeCard(theme: ThemeSummary) -> impl IntoView {
    let l = t();
    let href = theme_href(&theme.id);
    view! {
        <li class="tile">
            <A href=href>
                <span class="tile__title">{theme.name}</span>
                <span class="tile__meta">
                    {(l.theme_counts)(theme.matter_count, theme.departments.len())}
                </span>
            </A>
        </li>
    }
}

#[component]
pub fn ThemeGrid(themes: Vec<ThemeSummary>) -> impl IntoView {
    if themes.is_empty() {
        return view! { <p class="empty">{t().themes_empty}</p> }.into_any();
    }
    view! {
        <ul class="tiles">
            {themes.into_iter().map(|th| view! { <ThemeCard theme=th /> }).collect::<Vec<_>>()}
        </ul>
    }
    .into_any()
}
