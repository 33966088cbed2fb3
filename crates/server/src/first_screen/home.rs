//! `/`: the home page, as `src/pages/home.rs` renders it once its two API answers are in.

use super::html::Html;
use super::parts::{hotline, icon, matter_list, theme_grid};
use lianban_core::api::Page;
use lianban_core::catalogue::{MatterSummary, ThemeSummary};
use lianban_core::search::MAX_QUERY_CHARS;
use lianban_ui::locale::t;

pub fn home(h: &mut Html, themes: &Page<ThemeSummary>, matters: &Page<MatterSummary>) {
    let l = t();
    h.element(
        r#"<section class="hero" aria-labelledby="home-title"><h1 id="home-title" class="hero__title">"#,
        l.home_title,
        "</h1>",
    )
    .element(r#"<p class="hero__lead">"#, l.home_lead, "</p>");
    search_form(h);
    h.raw("</section>");

    h.raw(r#"<nav class="entries" aria-label=""#)
        .text(l.home_entries_label)
        .raw(r#"">"#);
    for (href, name, label) in [
        ("/appointments", "calendar", l.appointments_title),
        ("/track", "track", l.track_title),
        ("/departments", "dept", l.departments_title),
        ("/halls", "hall", l.halls_title),
    ] {
        h.raw(r#"<a href=""#).text(href).raw(r#"">"#);
        icon(h, name);
        h.element("<span>", label, "</span></a>");
    }
    h.raw("</nav>");

    h.element(
        r#"<section class="section" aria-labelledby="home-themes"><h2 id="home-themes">"#,
        l.home_themes,
        "</h2>",
    )
    .element(r#"<p class="hint">"#, l.home_themes_hint, "</p>");
    theme_grid(h, &themes.items);
    h.element(
        r#"<p class="more"><a href="/themes">"#,
        l.home_all_themes,
        "</a></p></section>",
    );
    h.element(
        r#"<section class="section" aria-labelledby="home-matters"><h2 id="home-matters">"#,
        l.home_matters,
        "</h2>",
    );
    matter_list(h, &matters.items, l.matters_empty);
    h.element(
        r#"<p class="more"><a href="/search">"#,
        &(l.all_matters_count)(matters.total),
        "</a></p></section>",
    );
    hotline(h);
}

/// `SearchForm`: without the script it is a plain GET form to `/search`.
fn search_form(h: &mut Html) {
    let l = t();
    h.raw(r#"<form class="search" role="search" action="/search" method="get">"#)
        .element(
            r#"<label class="visually-hidden" for="search-q">"#,
            l.search_label,
            "</label>",
        )
        .raw(r#"<input id="search-q" class="search__input" type="search" name="q" autocomplete="off" enterkeyhint="search" maxlength=""#)
        .text(&MAX_QUERY_CHARS.to_string())
        .raw(r#"" placeholder=""#)
        .text(l.search_placeholder)
        .element(
            r#""><button type="submit" class="search__button">"#,
            l.search_button,
            "</button></form>",
        );
}
