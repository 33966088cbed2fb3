//! `/themes/{id}`: the overview of a 一件事, as `src/pages/theme.rs` renders it for a citizen
//! without a draft of it (with one, the app offers 继续办理 where this shows 开始办理).

use super::html::Html;
use super::parts::matter_card;
use lianban_core::catalogue::ThemeDetail;
use lianban_ui::links::theme_apply_href;
use lianban_ui::locale::{audience_label, t};
use lianban_ui::screens::{theme_departments, theme_matter_note};

pub fn overview(h: &mut Html, detail: &ThemeDetail) {
    let l = t();
    let ThemeDetail { theme, matters } = detail;
    h.raw("<article>")
        .element(r#"<p class="eyebrow">"#, l.theme_eyebrow, "</p>")
        .element("<h1>", &theme.name, "</h1>")
        .element(r#"<p class="lead">"#, &theme.summary, "</p>")
        .element(r#"<p class="card__meta">"#, l.matter_audience, "")
        .text(l.label_colon)
        .text(audience_label(theme.audience))
        .raw("</p>");

    if !theme.benefits.is_empty() {
        h.element(
            r#"<div class="panel panel--success"><h2 class="panel__title">"#,
            l.theme_benefits,
            "</h2>",
        )
        .raw(r#"<ul class="plain-list">"#);
        for b in &theme.benefits {
            h.element("<li>", b, "</li>");
        }
        h.raw("</ul></div>");
    }

    h.element(
        r#"<section class="section" aria-labelledby="theme-departments"><h2 id="theme-departments">"#,
        l.theme_departments,
        "</h2>",
    )
    .raw(r#"<ul class="tags">"#);
    for d in theme_departments(matters) {
        h.element(r#"<li class="tag">"#, &d, "</li>");
    }
    h.raw("</ul></section>");

    h.element(
        r#"<section class="section" aria-labelledby="theme-notice"><h2 id="theme-notice">"#,
        l.theme_notice,
        "</h2>",
    )
    .element("<p>", &(l.theme_questions)(theme.questions.len()), "</p>")
    .raw(r#"<ol class="numbered">"#);
    for q in &theme.questions {
        h.element("<li>", &q.text, "</li>");
    }
    h.raw(r#"</ol><a href=""#)
        .text(&theme_apply_href(&theme.id))
        .element(
            r#"" class="button button--wide">"#,
            l.apply_start.start,
            "</a></section>",
        );

    h.element(
        r#"<section class="section" aria-labelledby="theme-matters"><h2 id="theme-matters">"#,
        l.theme_matters,
        "</h2>",
    )
    .element(
        r#"<p class="hint">"#,
        &(l.theme_matters_hint)(matters.len()),
        "</p>",
    )
    .raw(r#"<ul class="cards">"#);
    for m in matters {
        matter_card(h, m, theme_matter_note(theme, &m.code));
    }
    h.raw("</ul></section></article>");
}
