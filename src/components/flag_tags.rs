//! The four service flags (马上办 / 网上办 / 就近办 / 一次办) as tags.

use crate::i18n::{flag_label, t};
use leptos::prelude::*;
use lianban_core::catalogue::{ServiceFlags, SERVICE_FLAGS};

/// Only the flags that are set; nothing when none is.
#[component]
pub fn FlagTags(flags: ServiceFlags) -> impl IntoView {
    let tags: Vec<_> = SERVICE_FLAGS
        .iter()
        .filter(|(name, _)| flags.has(name) == Some(true))
        .map(|(name, _)| view! { <li class="tag tag--flag">{flag_label(name)}</li> })
        .collect();
    (!tags.is_empty()).then(|| {
        view! {
            <ul class="tags" aria-label=t().flags_label>
                {tags}
            </ul>
        }
    })
}

/// All four flags with yes or no, for a matter's guide.
#[component]
pub fn FlagTable(flags: ServiceFlags) -> impl IntoView {
    let l = t();
    let rows: Vec<_> = SERVICE_FLAGS
        .iter()
        .map(|(name, _)| {
            let on = flags.has(name) == Some(true);
            view! {
                <li class=if on { "flag flag--on" } else { "flag flag--off" }>
                    <span class="flag__name">{flag_label(name)}</span>
                    <span class="flag__value">{if on { l.yes } else { l.no }}</span>
                </li>
            }
        })
        .collect();
    view! { <ul class="flag-table">{rows}</ul> }
}
