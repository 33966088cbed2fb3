//! 部门: each department with its matters (a filtered search) and its phone.

use crate::api;
use crate::components::remote::Remote;
use crate::i18n::t;
use crate::pages::matter::tel;
use crate::title::set_title;
use crate::url::query;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn DepartmentsPage() -> impl IntoView {
    let l = t();
    set_title(l.departments_title);
    let departments = api::resource(api::departments);
    view! {
        <h1>{l.departments_title}</h1>
        <p class="lead">{l.departments_intro}</p>
        <Remote
            resource=departments
            render=move |page| {
                if page.items.is_empty() {
                    return view! { <p class="empty">{l.departments_empty}</p> }.into_any();
                }
                view! {
                    <ul class="cards">
                        {page
                            .items
                            .into_iter()
                            .map(|d| {
                                let href = format!(
                                    "/search{}",
                                    query([("department", d.code.as_str())]),
                                );
                                view! {
                                    <li class="card">
                                        <h2 class="card__title">
                                            <A href=href>{d.name}</A>
                                        </h2>
                                        <p class="card__meta">{(l.matter_count)(d.matter_count)}</p>
                                        {(!d.description.is_empty())
                                            .then(|| view! { <p class="card__text">{d.description}</p> })}
                                        <p class="card__meta">
                                            {l.matter_phone}
                                            {l.label_colon}
                                            <a href=tel(&d.phone)>{d.phone.clone()}</a>
                                        </p>
                                    </li>
                                }
                            })
                            .collect::<Vec<_>>()}
                    </ul>
                }
                    .into_any()
            }
        />
    }
}
