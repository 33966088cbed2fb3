//! The pieces every painted page shares, written as the SPA's components render them:
//! `Header` and `TabBar` (the frame, `src/components/header.rs`, `tab_bar.rs`), `Icon`,
//! `FlagTags`, `MatterCard`, `ThemeCard` and `Hotline`. Each function names its component.

use super::html::Html;
use lianban_core::catalogue::{MatterSummary, ServiceFlags, ThemeSummary, SERVICE_FLAGS};
use lianban_ui::links::{matter_href, theme_href};
use lianban_ui::locale::{case_type_label, flag_label, promised_short, t};

/// `Icon`.
pub fn icon(h: &mut Html, name: &str) {
    h.raw(
        r#"<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d=""#,
    )
    .text(lianban_ui::icons::path(name))
    .raw(r#""></path></svg>"#);
}

/// `Header`: the back button on every page but home, and the brand. The elder-mode switch
/// is left to the app: it needs the script, and without it the page is still the same
/// height (the button sits at the end of the row).
pub fn header(h: &mut Html, path: &str) {
    let l = t();
    h.raw(r#"<header class="header"><div class="header__inner">"#);
    if path != "/" {
        h.raw(r#"<button type="button" class="header__back">"#);
        icon(h, "back");
        h.element("<span>", l.back, "</span></button>");
    }
    h.raw(r#"<a class="header__brand" href="/"><span class="header__logo" aria-hidden="true">"#)
        .text(l.brand_mark)
        .element(r#"</span><span class="header__name">"#, l.brand, "</span>")
        .element(
            r#"<span class="header__tagline">"#,
            l.brand_tagline,
            "</span></a>",
        )
        .raw("</div></header>");
}

/// `TabBar`: leptos_router's `<A>` marks the tab of the current section with
/// `aria-current="page"` (home only on `/`, the others for their path and below it).
pub fn tab_bar(h: &mut Html, path: &str) {
    let l = t();
    let tabs = [
        ("/", "home", l.tab_home, path == "/"),
        (
            "/search",
            "services",
            l.tab_services,
            in_section(path, "/search"),
        ),
        ("/halls", "hall", l.tab_halls, in_section(path, "/halls")),
        ("/me", "me", l.tab_me, in_section(path, "/me")),
    ];
    h.raw(r#"<nav class="tabbar" aria-label=""#)
        .text(l.nav_label)
        .raw(r#"">"#);
    for (href, name, label, current) in tabs {
        h.raw(r#"<a href=""#).text(href);
        if current {
            h.raw(r#"" aria-current="page">"#);
        } else {
            h.raw(r#"">"#);
        }
        icon(h, name);
        h.element("<span>", label, "</span></a>");
    }
    h.raw("</nav>");
}

fn in_section(path: &str, section: &str) -> bool {
    path == section
        || path
            .strip_prefix(section)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// `FlagTags`: only the flags that are set; nothing when none is.
pub fn flag_tags(h: &mut Html, flags: ServiceFlags) {
    let set: Vec<&str> = SERVICE_FLAGS
        .iter()
        .filter(|(name, _)| flags.has(name) == Some(true))
        .map(|(name, _)| *name)
        .collect();
    if set.is_empty() {
        return;
    }
    h.raw(r#"<ul class="tags" aria-label=""#)
        .text(t().flags_label)
        .raw(r#"">"#);
    for name in set {
        h.element(r#"<li class="tag tag--flag">"#, flag_label(name), "</li>");
    }
    h.raw("</ul>");
}

/// `MatterCard`, with the remark of a theme's matter that only some situations need.
pub fn matter_card(h: &mut Html, m: &MatterSummary, note: Option<&str>) {
    h.raw(r#"<li class="card"><h3 class="card__title"><a href=""#)
        .text(&matter_href(&m.code))
        .raw(r#"">"#)
        .text(&m.name)
        .raw(r#"</a></h3><p class="card__meta">"#)
        .text(&m.department_name)
        .raw(r#"<span aria-hidden="true"> · </span>"#)
        .text(case_type_label(m.case_type))
        .raw(r#"<span aria-hidden="true"> · </span>"#)
        .text(&promised_short(m.promised_days))
        .element(r#"</p><p class="card__text">"#, &m.summary, "</p>");
    if let Some(note) = note {
        h.element(r#"<p class="card__note">"#, note, "</p>");
    }
    flag_tags(h, m.flags);
    h.raw("</li>");
}

/// `MatterList`: the cards, or `empty` when there is none.
pub fn matter_list(h: &mut Html, matters: &[MatterSummary], empty: &str) {
    if matters.is_empty() {
        h.element(r#"<p class="empty">"#, empty, "</p>");
        return;
    }
    h.raw(r#"<ul class="cards">"#);
    for m in matters {
        matter_card(h, m, None);
    }
    h.raw("</ul>");
}

/// `ThemeGrid` of `ThemeCard`s.
pub fn theme_grid(h: &mut Html, themes: &[ThemeSummary]) {
    let l = t();
    if themes.is_empty() {
        h.element(r#"<p class="empty">"#, l.themes_empty, "</p>");
        return;
    }
    h.raw(r#"<ul class="tiles">"#);
    for th in themes {
        h.raw(r#"<li class="tile"><a href=""#)
            .text(&theme_href(&th.id))
            .raw(r#""><span class="tile__title">"#)
            .text(&th.name)
            .element(
                r#"</span><span class="tile__meta">"#,
                &(l.theme_counts)(th.matter_count, th.departments.len()),
                "</span></a></li>",
            );
    }
    h.raw("</ul>");
}

/// `Hotline`: 政务服务便民热线 12345.
pub fn hotline(h: &mut Html) {
    let l = t();
    h.raw(r#"<aside class="panel panel--hotline" aria-label=""#)
        .text(l.hotline_label)
        .element(r#""><p>"#, l.hotline_text, "</p>")
        .raw(r#"<a class="button button--secondary" href="tel:12345">"#);
    icon(h, "phone");
    h.text(l.hotline_call).raw("</a></aside>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_the_current_tab_as_the_router_does() {
        let current = |path: &str| {
            let mut h = Html::new();
            tab_bar(&mut h, path);
            h.as_str()
                .split("<a ")
                .skip(1)
                .filter(|a| a.contains("aria-current"))
                .map(|a| a.split('"').nth(1).unwrap_or("").to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(current("/"), ["/"]);
        assert_eq!(current("/halls/city-centre"), ["/halls"]);
        assert_eq!(current("/hallsx"), Vec::<String>::new());
        assert_eq!(current("/matters/CG-001"), Vec::<String>::new());
    }

    #[test]
    fn home_has_no_back_button() {
        let mut home = Html::new();
        header(&mut home, "/");
        assert!(!home.as_str().contains("header__back"));
        let mut inner = Html::new();
        header(&mut inner, "/themes/open-restaurant");
        assert!(inner.as_str().contains("header__back"));
    }
}
