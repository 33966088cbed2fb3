//! A hall's page: where it is (with a map link where the channel can open one), when it is
//! open, its phone, its windows' business categories and the matters handled there. QR posters
//! in the hall link here.
//!
//! The server paints this same markup into the HTML of a deep link (`lianban-server`'s
//! `first_screen::hall`); `e2e/first-screen.spec.ts` compares the two.

use crate::api;
use crate::channel::Channel;
use crate::components::icons::Icon;
use crate::components::matter_card::MatterList;
use crate::components::remote::Remote;
use crate::i18n::{hall_level_label, t};
use crate::title::set_title;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use lianban_core::catalogue::HallDetail;
pub use lianban_ui::links::map_link;
use lianban_ui::links::{book_hall_href, tel};

#[component]
pub fn HallPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let detail = api::resource(move || api::hall(&id()));
    let channel = use_context::<Channel>().unwrap_or(Channel::Browser);
    view! {
        <Remote resource=detail render=move |d| hall_page(d, channel) standalone=true />
    }
}

fn hall_page(detail: HallDetail, channel: Channel) -> impl IntoView {
    let l = t();
    let HallDetail {
        hall,
        transit,
        categories,
        matters,
    } = detail;
    set_title(&hall.name);
    let map = channel.opens_external_links().then(|| map_link(&hall));
    let matter_count = matters.len();
    view! {
        <article>
            <p class="eyebrow">{hall_level_label(hall.level)} " · " {hall.district.clone()}</p>
            <h1>{hall.name.clone()}</h1>
            <dl class="summary-list">
                <div class="summary-list__row">
                    <dt>{l.hall_address}</dt>
                    <dd>
                        <p class="summary-list__value">{hall.address.clone()}</p>
                        {map
                            .map(|href| {
                                view! {
                                    <p class="summary-list__value">
                                        <a href=href target="_blank" rel="noopener">
                                            <Icon name="map" />
                                            {l.hall_map}
                                        </a>
                                    </p>
                                }
                            })}
                    </dd>
                </div>
                <div class="summary-list__row">
                    <dt>{l.hall_hours}</dt>
                    <dd>
                        <ul class="plain-list">
                            {hall.hours.iter().map(|h| view! { <li>{h.clone()}</li> }).collect::<Vec<_>>()}
                        </ul>
                    </dd>
                </div>
                <div class="summary-list__row">
                    <dt>{l.hall_phone}</dt>
                    <dd>
                        <a href=tel(&hall.phone)>{hall.phone.clone()}</a>
                    </dd>
                </div>
                {transit
                    .map(|tr| {
                        view! {
                            <div class="summary-list__row">
                                <dt>{l.hall_transit}</dt>
                                <dd>{tr}</dd>
                            </div>
                        }
                    })}
            </dl>

            <p>
                <A href=book_hall_href(&hall.id) attr:class="button button--wide">
                    {l.appointments_title}
                </A>
            </p>

            <section class="section" aria-labelledby="hall-categories">
                <h2 id="hall-categories">{l.hall_categories}</h2>
                <ul class="tags">
                    {categories
                        .into_iter()
                        .map(|c| view! { <li class="tag">{c.name}</li> })
                        .collect::<Vec<_>>()}
                </ul>
            </section>

            <section class="section" aria-labelledby="hall-matters">
                <h2 id="hall-matters">{l.hall_matters}</h2>
                <p class="hint">{(l.matter_count)(matter_count as u32)}</p>
                <MatterList matters empty=l.hall_matters_empty />
            </section>
        </article>
    }
}
