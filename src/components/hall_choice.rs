//! 选择办事大厅: nearest first when the citizen lets the phone share its location (the
//! distance is computed in core and never leaves the phone), otherwise grouped by district.
//! Each hall shows its address, hours and a map link (the hall page's link, where the channel
//! can open one).

use crate::channel::Channel;
use crate::i18n::t;
use crate::pages::hall::map_link;
use leptos::prelude::*;
use leptos_router::components::A;
use lianban_core::catalogue::HallSummary;
use lianban_core::geo::{nearest_first, LatLon};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

#[derive(Clone, Copy, PartialEq)]
enum Located {
    No,
    Asking,
    Failed,
    At(f64, f64),
}

#[component]
pub fn HallChoice(
    halls: Vec<HallSummary>,
    /// The booking URL once a hall is chosen, from the hall's id.
    href: Callback<String, String>,
) -> impl IntoView {
    let l = crate::i18n::booking::t();
    let located = RwSignal::new(Located::No);
    let channel = use_context::<Channel>().unwrap_or(Channel::Browser);
    let halls = StoredValue::new(halls);
    let card = move |h: HallSummary, distance: Option<u32>| {
        let map = channel.opens_external_links().then(|| map_link(&h));
        view! {
            <li class="card">
                <h3 class="card__title">
                    <A href=href.run(h.id.clone())>{h.name.clone()}</A>
                </h3>
                {distance.map(|m| view! { <p class="card__meta"><strong>{(l.distance)(m)}</strong></p> })}
                <p class="card__text">{h.address.clone()}</p>
                <ul class="plain-list card__meta">
                    {h.hours.iter().map(|x| view! { <li>{x.clone()}</li> }).collect::<Vec<_>>()}
                </ul>
                {map
                    .map(|m| {
                        view! {
                            <p class="card__note">
                                <a href=m target="_blank" rel="noopener">
                                    {t().hall_map}
                                </a>
                            </p>
                        }
                    })}
            </li>
        }
    };
    let list = move || match located.get() {
        Located::At(latitude, longitude) => {
            let all = halls.get_value();
            let points: Vec<LatLon> = all
                .iter()
                .map(|h| LatLon {
                    latitude: h.latitude,
                    longitude: h.longitude,
                })
                .collect();
            let order = nearest_first(
                LatLon {
                    latitude,
                    longitude,
                },
                &points,
            );
            view! {
                <p class="hint" role="status">{l.by_distance}</p>
                <ul class="cards">
                    {order
                        .into_iter()
                        .map(|(i, m)| card(all[i].clone(), Some(m)))
                        .collect::<Vec<_>>()}
                </ul>
            }
            .into_any()
        }
        state => {
            let all = halls.get_value();
            let mut districts: Vec<String> = Vec::new();
            for h in &all {
                if !districts.contains(&h.district) {
                    districts.push(h.district.clone());
                }
            }
            view! {
                {(state == Located::Failed)
                    .then(|| view! { <p class="hint" role="status">{l.location_failed}</p> })}
                {districts
                    .into_iter()
                    .map(|d| {
                        let here: Vec<HallSummary> = all
                            .iter()
                            .filter(|h| h.district == d)
                            .cloned()
                            .collect();
                        view! {
                            <h3>{d}</h3>
                            <ul class="cards">
                                {here.into_iter().map(|h| card(h, None)).collect::<Vec<_>>()}
                            </ul>
                        }
                    })
                    .collect::<Vec<_>>()}
            }
            .into_any()
        }
    };
    view! {
        <p class="hint">{l.location_hint}</p>
        <p>
            <button
                type="button"
                class="button button--secondary"
                disabled=move || matches!(located.get(), Located::Asking | Located::At(..))
                on:click=move |_| locate(located)
            >
                {move || if located.get() == Located::Asking { l.locating } else { l.near_me }}
            </button>
        </p>
        {list}
    }
}

/// Asks the browser for the position once (`navigator.geolocation`, read by reflection to
/// spare web-sys features); a refusal or a missing API falls back to districts.
fn locate(located: RwSignal<Located>) {
    located.set(Located::Asking);
    let get = |v: &JsValue, k: &str| js_sys::Reflect::get(v, &JsValue::from_str(k)).ok();
    let geo = web_sys::window().and_then(|w| get(&w.navigator(), "geolocation"));
    let call = geo.as_ref().and_then(|g| {
        get(g, "getCurrentPosition").and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    });
    let (Some(geo), Some(call)) = (geo, call) else {
        located.set(Located::Failed);
        return;
    };
    let ok = Closure::once_into_js(move |position: JsValue| {
        let coords = get(&position, "coords").unwrap_or(JsValue::UNDEFINED);
        let lat = get(&coords, "latitude").and_then(|v| v.as_f64());
        let lon = get(&coords, "longitude").and_then(|v| v.as_f64());
        located.set(match (lat, lon) {
            (Some(a), Some(b)) => Located::At(a, b),
            _ => Located::Failed,
        });
    });
    let failed = Closure::once_into_js(move |_: JsValue| located.set(Located::Failed));
    if call.call2(&geo, &ok, &failed).is_err() {
        located.set(Located::Failed);
    }
}
