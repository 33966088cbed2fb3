//! 办事大厅: every hall, the city centre first.

use crate::api;
use crate::components::hall_card::HallCard;
use crate::components::remote::Remote;
use crate::i18n::t;
use crate::title::set_title;
use leptos::prelude::*;

#[component]
pub fn HallsPage() -> impl IntoView {
    let l = t();
    set_title(l.halls_title);
    let halls = api::resource(api::halls);
    view! {
        <h1>{l.halls_title}</h1>
        <p class="lead">{l.halls_intro}</p>
        <Remote
            resource=halls
            render=move |page| {
                if page.items.is_empty() {
                    return view! { <p class="empty">{l.halls_empty}</p> }.into_any();
                }
                view! {
                    <ul class="cards">
                        {page
                            .items
                            .into_iter()
                            .map(|h| view! { <HallCard hall=h /> })
                            .collect::<Vec<_>>()}
                    </ul>
                }
                    .into_any()
            }
        />
    }
}
