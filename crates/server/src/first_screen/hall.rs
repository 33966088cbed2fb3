//! `/halls/{id}`: a hall's page, as `src/pages/hall.rs` renders it. The map link depends on
//! the channel, which the server reads from the user agent as the app does (a mini-program
//! that says so only through its script bridge gets the link painted and then taken away).

use super::html::Html;
use super::parts::{icon, matter_list};
use lianban_core::catalogue::HallDetail;
use lianban_ui::channel::Channel;
use lianban_ui::links::{book_hall_href, map_link, tel};
use lianban_ui::locale::{hall_level_label, t};

pub fn hall_page(h: &mut Html, detail: &HallDetail, channel: Channel) {
    let l = t();
    let hall = &detail.hall;
    h.raw("<article>")
        .element(r#"<p class="eyebrow">"#, hall_level_label(hall.level), "")
        .raw(" · ")
        .text(&hall.district)
        .raw("</p>")
        .element("<h1>", &hall.name, "</h1>")
        .raw(r#"<dl class="summary-list">"#)
        .element(
            r#"<div class="summary-list__row"><dt>"#,
            l.hall_address,
            "</dt>",
        )
        .element(
            r#"<dd><p class="summary-list__value">"#,
            &hall.address,
            "</p>",
        );
    if channel.opens_external_links() {
        h.raw(r#"<p class="summary-list__value"><a href=""#)
            .text(&map_link(hall))
            .raw(r#"" target="_blank" rel="noopener">"#);
        icon(h, "map");
        h.text(l.hall_map).raw("</a></p>");
    }
    h.raw("</dd></div>")
        .element(
            r#"<div class="summary-list__row"><dt>"#,
            l.hall_hours,
            "</dt>",
        )
        .raw(r#"<dd><ul class="plain-list">"#);
    for x in &hall.hours {
        h.element("<li>", x, "</li>");
    }
    h.raw("</ul></dd></div>")
        .element(
            r#"<div class="summary-list__row"><dt>"#,
            l.hall_phone,
            "</dt>",
        )
        .raw(r#"<dd><a href=""#)
        .text(&tel(&hall.phone))
        .element(r#"">"#, &hall.phone, "</a></dd></div>");
    if let Some(tr) = &detail.transit {
        h.element(
            r#"<div class="summary-list__row"><dt>"#,
            l.hall_transit,
            "</dt>",
        )
        .element("<dd>", tr, "</dd></div>");
    }
    h.raw("</dl>")
        .raw(r#"<p><a href=""#)
        .text(&book_hall_href(&hall.id))
        .element(
            r#"" class="button button--wide">"#,
            l.appointments_title,
            "</a></p>",
        );

    h.element(
        r#"<section class="section" aria-labelledby="hall-categories"><h2 id="hall-categories">"#,
        l.hall_categories,
        "</h2>",
    )
    .raw(r#"<ul class="tags">"#);
    for c in &detail.categories {
        h.element(r#"<li class="tag">"#, &c.name, "</li>");
    }
    h.raw("</ul></section>");

    h.element(
        r#"<section class="section" aria-labelledby="hall-matters"><h2 id="hall-matters">"#,
        l.hall_matters,
        "</h2>",
    )
    .element(
        r#"<p class="hint">"#,
        &(l.matter_count)(detail.matters.len() as u32),
        "</p>",
    );
    matter_list(h, &detail.matters, l.hall_matters_empty);
    h.raw("</section></article>");
}
