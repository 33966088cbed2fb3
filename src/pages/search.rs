//! 搜索结果 / 全部事项: matters and themes for a query, filtered by department and by the four
//! service flags, a page at a time. The URL holds the whole state (`/search?q=&department=
//! &flag=&page=`), so results can be reloaded, shared and returned to.

use crate::api::{self, MatterQuery};
use crate::components::matter_card::MatterList;
use crate::components::remote::Remote;
use crate::components::search_form::SearchForm;
use crate::components::theme_card::ThemeGrid;
use crate::i18n::{flag_label, t};
use crate::title::set_title;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;
use lianban_core::catalogue::SERVICE_FLAGS;

/// Reads the search state from the page's query string, given all values of a key.
pub fn query_from(get_all: impl Fn(&str) -> Vec<String>) -> MatterQuery {
    let last = |key: &str| get_all(key).pop().unwrap_or_default();
    // A form submitted before the Wasm started sends spaces as `+`.
    let q = last("q").replace('+', " ");
    let known = |f: &String| SERVICE_FLAGS.iter().any(|(name, _)| name == f);
    MatterQuery {
        // A link may carry more than the search box lets one type; the server refuses that.
        q: lianban_core::search::clip(&q),
        department: last("department"),
        flags: get_all("flag").into_iter().filter(known).collect(),
        page: last("page").parse().ok().filter(|p| *p >= 1).unwrap_or(1),
        per_page: 0,
    }
}

fn from_params(params: &ParamsMap) -> MatterQuery {
    query_from(|key| params.get_all(key).unwrap_or_default())
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let l = t();
    let params = use_query_map();
    let current = Memo::new(move |_| params.with(from_params));
    let q = Memo::new(move |_| current.with(|c| c.q.clone()));
    let navigate = use_navigate();

    let go = move |next: MatterQuery| {
        navigate(
            &format!("/search{}", next.to_query()),
            NavigateOptions {
                // A change of filters refines the same search: Back leaves the search.
                replace: next.q == current.get_untracked().q,
                ..Default::default()
            },
        );
    };

    let matters = api::resource(move || api::matters(&current.get()));
    let themes = api::resource(move || {
        let q = q.get();
        let fetch = (!q.is_empty()).then(|| api::themes(&q));
        async move {
            match fetch {
                Some(f) => f.await.map(|p| p.items),
                None => Ok(Vec::new()),
            }
        }
    });
    let departments = api::resource(api::departments);

    let department_name = move |code: &str| {
        departments
            .get()
            .and_then(|r| r.ok())
            .and_then(|p| p.items.into_iter().find(|d| d.code == code))
            .map(|d| d.name)
            .unwrap_or_else(|| code.to_string())
    };

    let heading = move || {
        let c = current.get();
        if !c.q.is_empty() {
            (l.search_results_for)(&c.q)
        } else if !c.department.is_empty() {
            (l.department_matters)(&department_name(&c.department))
        } else {
            l.all_matters.to_string()
        }
    };
    Effect::new(move |_| set_title(&heading()));

    let on_search = {
        let go = go.clone();
        Callback::new(move |q: String| {
            go(MatterQuery {
                q,
                page: 1,
                ..current.get_untracked()
            })
        })
    };

    let on_department = {
        let go = go.clone();
        move |ev: leptos::ev::Event| {
            go(MatterQuery {
                department: event_target_value(&ev),
                page: 1,
                ..current.get_untracked()
            })
        }
    };

    let flag_boxes = SERVICE_FLAGS
        .iter()
        .map(|(name, _)| {
            let go = go.clone();
            let name = *name;
            let checked = move || current.with(|c| c.flags.iter().any(|f| f == name));
            let toggle = move |_| {
                let mut next = current.get_untracked();
                if next.flags.iter().any(|f| f == name) {
                    next.flags.retain(|f| f != name);
                } else {
                    next.flags.push(name.to_string());
                    // Keep the official order, so the same filters give the same URL.
                    next.flags
                        .sort_by_key(|f| SERVICE_FLAGS.iter().position(|(n, _)| n == f));
                }
                next.page = 1;
                go(next)
            };
            let id = format!("flag-{name}");
            view! {
                <li class="check">
                    <input type="checkbox" id=id.clone() prop:checked=checked on:change=toggle />
                    <label for=id>{flag_label(name)}</label>
                </li>
            }
        })
        .collect::<Vec<_>>();

    let department_options = move || {
        let selected = current.with(|c| c.department.clone());
        let mut items: Vec<(String, String)> = departments
            .get()
            .and_then(|r| r.ok())
            .map(|p| p.items.into_iter().map(|d| (d.code, d.name)).collect())
            .unwrap_or_default();
        // A department from the URL stays selectable even when the list failed to load.
        if !selected.is_empty() && !items.iter().any(|(c, _)| *c == selected) {
            items.push((selected.clone(), selected.clone()));
        }
        items
            .into_iter()
            .map(|(code, name)| {
                let is = code == selected;
                view! {
                    <option value=code selected=is>
                        {name}
                    </option>
                }
            })
            .collect::<Vec<_>>()
    };

    view! {
        <h1>{heading}</h1>
        <SearchForm value=q on_search />

        <details class="filters" open=move || current.with(|c| !c.department.is_empty() || !c.flags.is_empty())>
            <summary>{l.filters}</summary>
            <div class="field">
                <label for="filter-department">{l.filter_department}</label>
                <select id="filter-department" class="select" on:change=on_department>
                    <option value="" selected=move || current.with(|c| c.department.is_empty())>
                        {l.filter_all_departments}
                    </option>
                    {department_options}
                </select>
            </div>
            <fieldset class="field">
                <legend>{l.filter_flags}</legend>
                <ul class="checks">{flag_boxes}</ul>
            </fieldset>
        </details>

        <Remote
            resource=themes
            render=move |themes| {
                (!themes.is_empty())
                    .then(|| {
                        view! {
                            <section class="section" aria-labelledby="search-themes">
                                <h2 id="search-themes">{l.search_themes}</h2>
                                <ThemeGrid themes />
                            </section>
                        }
                    })
            }
        />

        <Remote
            resource=matters
            render=move |page| {
                let pages = page.total.div_ceil(u64::from(page.per_page.max(1))).max(1) as u32;
                let at = page.page;
                let link = move |p: u32| {
                    format!("/search{}", MatterQuery { page: p, ..current.get_untracked() }.to_query())
                };
                view! {
                    <section class="section" aria-labelledby="search-matters">
                        <h2 id="search-matters">{l.search_matters}</h2>
                        <p class="result-count" role="status">
                            {(l.results_count)(page.total)}
                        </p>
                        <MatterList matters=page.items empty=l.search_empty />
                        {(pages > 1)
                            .then(|| {
                                view! {
                                    <nav class="pager" aria-label=l.pager_label>
                                        {(at > 1)
                                            .then(|| {
                                                view! {
                                                    <A href=link(at - 1)>{l.pager_previous}</A>
                                                }
                                            })}
                                        <span class="pager__where">{(l.pager_position)(at, pages)}</span>
                                        {(at < pages)
                                            .then(|| {
                                                view! { <A href=link(at + 1)>{l.pager_next}</A> }
                                            })}
                                    </nav>
                                }
                            })}
                    </section>
                }
            }
        />
        <p class="hint">
            <A href="/departments">{l.browse_departments}</A>
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(pairs: &[(&str, &str)]) -> MatterQuery {
        query_from(|key| {
            pairs
                .iter()
                .filter(|(k, _)| *k == key)
                .map(|(_, v)| v.to_string())
                .collect()
        })
    }

    #[test]
    fn reads_the_state_from_the_url() {
        let q = read(&[
            ("q", "营业执照+变更"),
            ("flag", "online"),
            ("flag", "bogus"),
            ("page", "3"),
        ]);
        assert_eq!(q.q, "营业执照 变更");
        assert_eq!(q.flags, ["online"]);
        assert_eq!(q.page, 3);
        assert_eq!(read(&[("page", "0")]).page, 1);
        let long = "办".repeat(80);
        assert_eq!(
            read(&[("q", long.as_str())]).q.chars().count(),
            lianban_core::search::MAX_QUERY_CHARS
        );
        assert_eq!(
            read(&[]),
            MatterQuery {
                page: 1,
                ..Default::default()
            }
        );
    }
}
