//! A hall's page: where it is (with a map link where the channel can open one), when it is
//! open, its phone, its windows' business categories and the matters handled there. QR posters
//! in the hall link here.

use crate::api;
use crate::channel::Channel;
use crate::components::icons::Icon;
use crate::components::matter_card::MatterList;
use crate::components::remote::Remote;
use crate::i18n::{hall_level_label, t};
use crate::pages::matter::tel;
use crate::title::set_title;
use crate::url::encode;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use lianban_core::catalogue::{HallDetail, HallSummary};

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

/// AMap's URI API: opens the map app, or the web map, with a marker. The coordinates are
/// WGS-84, which AMap converts when told so.
pub fn map_link(h: &HallSummary) -> String {
    format!(
        "https://uri.amap.com/marker?position={},{}&name={}&coordinate=wgs84&callnative=1",
        coordinate(h.longitude),
        coordinate(h.latitude),
        encode(&h.name)
    )
}

/// A coordinate with six decimals (about 0.1 m), written with integer arithmetic: Rust's
/// float formatting alone costs about 11 KB of Wasm.
fn coordinate(degrees: f64) -> String {
    let micro = (degrees * 1e6).round() as i64;
    let sign = if micro < 0 { "-" } else { "" };
    let micro = micro.unsigned_abs();
    format!("{sign}{}.{:06}", micro / 1_000_000, micro % 1_000_000)
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
                <A href=format!("/appointments/new?hall={}", encode(&hall.id)) attr:class="button button--wide">
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

#[cfg(test)]
mod tests {
    use super::coordinate;

    #[test]
    fn coordinates_have_six_decimals() {
        assert_eq!(coordinate(112.239741), "112.239741");
        assert_eq!(coordinate(30.3352), "30.335200");
        assert_eq!(coordinate(-0.5), "-0.500000");
    }
}
