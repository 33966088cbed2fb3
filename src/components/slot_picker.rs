//! 选择日期和时段: the date strip of bookable working days (from the server, so the calendar
//! and the booking rules stay in core), then the slots of the chosen day with the places left.
//! Both are plain `<button>`s with `aria-pressed`, reachable by Tab and named by their whole
//! visible text (日期, 时段, 剩余 N 个), so a screen reader hears what a sighted citizen sees.
//! A day of a year whose holiday notice is not out yet says 暂定, and a note under the strip
//! says why.

use crate::api;
use crate::components::remote::Remote;
use crate::i18n::booking::t;
use crate::visible::on_visible;
use leptos::prelude::*;
use lianban_core::appointments::{BookableDay, Slot};

#[component]
pub fn SlotPicker(
    hall: String,
    category: String,
    /// The day to show first (from the URL); else the first day with places left.
    #[prop(optional)]
    initial_date: Option<String>,
    selected: RwSignal<Option<Slot>>,
) -> impl IntoView {
    let l = t();
    let (h, c) = (hall.clone(), category.clone());
    let days = api::resource(move || api::hall_days(&h, &c));
    let date = RwSignal::new(initial_date);
    // Once the days are known, a missing or unbookable day becomes the first with places.
    Effect::new(move |_| {
        if let Some(Ok(page)) = days.get() {
            let current = date.get_untracked();
            let ok = |d: &BookableDay| Some(&d.date) == current.as_ref() && !d.full;
            if !page.items.iter().any(ok) {
                date.set(page.items.iter().find(|d| !d.full).map(|d| d.date.clone()));
            }
        }
    });
    let slots = api::resource(move || {
        let fetch = date.get().map(|d| api::hall_slots(&hall, &category, &d));
        async move {
            match fetch {
                Some(f) => f.await.map(|p| p.items),
                None => Ok(Vec::new()),
            }
        }
    });
    // Places change while the citizen looks elsewhere: ask again on return.
    on_visible(move || {
        days.refetch();
        slots.refetch();
    });

    let day_button = move |d: BookableDay| {
        let value = d.date.clone();
        let pressed = {
            let value = value.clone();
            move || date.with(|x| x.as_deref() == Some(value.as_str()))
        };
        let left = if d.full {
            l.day_full.to_string()
        } else {
            (l.day_remaining)(d.remaining)
        };
        let provisional = d
            .provisional
            .then(|| view! { <span class="choice__sub">{l.day_provisional}</span> });
        view! {
            <button
                    type="button"
                    class="choice choice--day"
                    aria-pressed=move || if pressed() { "true" } else { "false" }
                    disabled=d.full
                    on:click=move |_| {
                        selected.set(None);
                        date.set(Some(value.clone()));
                    }
                >
                    <span class="choice__main">{l.day(&d.date)}</span>
                    <span class="choice__sub">{left}</span>
                    {provisional}
            </button>
        }
    };

    let slot_button = move |s: Slot| {
        let free = s.open && s.remaining > 0;
        let state = if !s.open {
            l.slot_closed.to_string()
        } else if s.remaining == 0 {
            l.slot_full.to_string()
        } else {
            (l.slot_remaining)(s.remaining)
        };
        let id = s.id.clone();
        let pressed = move || selected.with(|x| x.as_ref().map(|x| &x.id) == Some(&id));
        let time = format!("{}–{}", s.start, s.end);
        view! {
            <button
                    type="button"
                    class="choice"
                    aria-pressed=move || if pressed() { "true" } else { "false" }
                    disabled=!free
                    on:click=move |_| selected.set(Some(s.clone()))
                >
                    <span class="choice__main">{time}</span>
                    <span class="choice__sub">{state}</span>
            </button>
        }
    };

    view! {
        <section class="section" aria-labelledby="booking-days">
            <h2 id="booking-days">{l.days_label}</h2>
            <Remote
                resource=days
                render=move |page| {
                    if page.items.is_empty() {
                        return view! { <p class="empty">{l.days_empty}</p> }.into_any();
                    }
                    let years = provisional_years(&page.items);
                    let note = (!years.is_empty())
                        .then(|| view! { <p class="hint">{(l.provisional_note)(&years)}</p> });
                    view! {
                        <div class="choices choices--days" role="group" aria-labelledby="booking-days">
                            {page.items.into_iter().map(day_button).collect::<Vec<_>>()}
                        </div>
                        {note}
                    }
                        .into_any()
                }
            />
        </section>
        <section class="section" aria-labelledby="booking-slots">
            <h2 id="booking-slots">{l.slots_label}</h2>
            <Remote
                resource=slots
                render=move |items| {
                    if items.iter().all(|s| !s.open || s.remaining == 0) {
                        return view! { <p class="empty">{l.slots_empty}</p> }.into_any();
                    }
                    view! {
                        <div class="choices" role="group" aria-labelledby="booking-slots">
                            {items.into_iter().map(slot_button).collect::<Vec<_>>()}
                        </div>
                    }
                        .into_any()
                }
            />
        </section>
    }
}

/// The years of the provisional days, each once, in order.
fn provisional_years(days: &[BookableDay]) -> Vec<u16> {
    let mut years: Vec<u16> = days
        .iter()
        .filter(|d| d.provisional)
        .filter_map(|d| d.date.get(..4)?.parse().ok())
        .collect();
    years.dedup();
    years
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(date: &str, provisional: bool) -> BookableDay {
        BookableDay {
            date: date.into(),
            weekday: 1,
            remaining: 5,
            full: false,
            provisional,
        }
    }

    #[test]
    fn names_each_provisional_year_once() {
        let days = [
            day("2026-12-31", false),
            day("2027-01-04", true),
            day("2027-01-05", true),
        ];
        assert_eq!(provisional_years(&days), [2027]);
        assert!(provisional_years(&days[..1]).is_empty());
    }
}
