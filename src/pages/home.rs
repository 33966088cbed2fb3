//! 首页: the search box, the 一件事 themes, popular matters and the way to the other services.
//! The server paints this same markup into the HTML (`lianban-server`'s `first_screen::home`)
//! with the two API answers it was painted from, which the app then reads instead of asking:
//! the first paint is already this whole screen, and mounting changes nothing on it.

use crate::api::{self, MatterQuery};
use crate::components::hotline::Hotline;
use crate::components::icons::Icon;
use crate::components::matter_card::MatterList;
use crate::components::remote::Remote;
use crate::components::search_form::SearchForm;
use crate::components::theme_card::ThemeGrid;
use crate::i18n::t;
use crate::title::set_title;
use leptos::prelude::*;
use leptos_router::components::A;
use lianban_ui::screens::HOME_POPULAR;

#[component]
pub fn HomePage() -> impl IntoView {
    let l = t();
    set_title("");
    let catalogue = api::resource(|| {
        // Both requests are made (and their aborts registered) now, then awaited together.
        let themes = api::themes("");
        let matters = api::matters(&MatterQuery {
            per_page: HOME_POPULAR,
            ..Default::default()
        });
        async move {
            let (themes, matters) = futures::future::join(themes, matters).await;
            Ok::<_, api::ApiFailure>((themes?, matters?))
        }
    });

    view! {
        <section class="hero" aria-labelledby="home-title">
            <h1 id="home-title" class="hero__title">{l.home_title}</h1>
            <p class="hero__lead">{l.home_lead}</p>
            <SearchForm />
        </section>

        <nav class="entries" aria-label=l.home_entries_label>
            <A href="/appointments">
                <Icon name="calendar" />
                <span>{l.appointments_title}</span>
            </A>
            <A href="/track">
                <Icon name="track" />
                <span>{l.track_title}</span>
            </A>
            <A href="/departments">
                <Icon name="dept" />
                <span>{l.departments_title}</span>
            </A>
            <A href="/halls">
                <Icon name="hall" />
                <span>{l.halls_title}</span>
            </A>
        </nav>

        <Remote
            resource=catalogue
            render=move |(themes, matters)| {
                view! {
                    <section class="section" aria-labelledby="home-themes">
                        <h2 id="home-themes">{l.home_themes}</h2>
                        <p class="hint">{l.home_themes_hint}</p>
                        <ThemeGrid themes=themes.items />
                        <p class="more">
                            <A href="/themes">{l.home_all_themes}</A>
                        </p>
                    </section>
                    <section class="section" aria-labelledby="home-matters">
                        <h2 id="home-matters">{l.home_matters}</h2>
                        <MatterList matters=matters.items empty=l.matters_empty />
                        <p class="more">
                            <A href="/search">{(l.all_matters_count)(matters.total)}</A>
                        </p>
                    </section>
                }
            }
        />

        <Hotline />
    }
}
