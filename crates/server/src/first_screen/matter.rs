//! `/matters/{code}`: the whole guide, as `src/pages/matter.rs` renders it.

use super::html::Html;
use super::parts::{flag_tags, hotline};
use lianban_core::catalogue::{Material, MatterDetail, SERVICE_FLAGS};
use lianban_ui::links::{book_matter_href, hall_href, tel, theme_href};
use lianban_ui::locale::{flag_label, hall_level_label, material_copies, t};
use lianban_ui::screens::matter_basic;

pub fn guide(h: &mut Html, detail: &MatterDetail) {
    let l = t();
    let m = &detail.matter;
    h.raw(r#"<article class="guide">"#)
        .element(r#"<p class="eyebrow">"#, l.guide_eyebrow, "</p>")
        .element("<h1>", &m.name, "</h1>")
        .element(r#"<p class="lead">"#, &m.summary, "</p>");
    flag_tags(h, m.flags);

    section(h, "guide-basic", l.guide_basic);
    h.raw(r#"<dl class="summary-list">"#);
    for (k, v) in matter_basic(detail) {
        h.element(r#"<div class="summary-list__row"><dt>"#, k, "</dt>")
            .element("<dd>", &v, "</dd></div>");
    }
    h.element(
        r#"<div class="summary-list__row"><dt>"#,
        l.matter_fees,
        "</dt><dd>",
    );
    if m.fees.is_empty() {
        h.element("<p>", l.fees_none, "</p>");
    } else {
        h.raw(r#"<ul class="plain-list">"#);
        for f in &m.fees {
            h.element(r#"<li class="fee"><strong>"#, &f.item, "</strong>")
                .raw(" ")
                .text(&f.standard)
                .element(r#"<p class="hint">"#, l.fee_basis, "")
                .text(&f.basis)
                .raw("</p></li>");
        }
        h.raw("</ul>");
    }
    h.raw("</dd></div></dl></section>");

    section(h, "guide-flags", l.guide_flags);
    h.raw(r#"<ul class="flag-table">"#);
    for (name, _) in SERVICE_FLAGS {
        let on = m.flags.has(name) == Some(true);
        h.raw(if on {
            r#"<li class="flag flag--on">"#
        } else {
            r#"<li class="flag flag--off">"#
        })
        .element(r#"<span class="flag__name">"#, flag_label(name), "</span>")
        .element(
            r#"<span class="flag__value">"#,
            if on { l.yes } else { l.no },
            "</span></li>",
        );
    }
    h.raw("</ul></section>");

    section(h, "guide-conditions", l.guide_conditions);
    h.raw(r#"<ol class="numbered">"#);
    for c in &m.conditions {
        h.element("<li>", c, "</li>");
    }
    h.raw("</ol></section>");

    section(h, "guide-materials", l.guide_materials);
    h.element(
        r#"<p class="hint">"#,
        &(l.materials_count)(m.materials.len()),
        "</p>",
    )
    .raw(r#"<ol class="materials" aria-labelledby="guide-materials">"#);
    for x in &m.materials {
        material(h, x);
    }
    h.raw("</ol></section>");

    section(h, "guide-steps", l.guide_steps);
    h.raw(r#"<ol class="steps">"#);
    for s in &m.steps {
        h.element(
            r#"<li class="step"><h3 class="step__name">"#,
            &s.name,
            "</h3>",
        )
        .element("<p>", &s.description, "</p></li>");
    }
    h.raw("</ol></section>");

    section(h, "guide-halls", l.guide_halls);
    h.raw(r#"<ul class="cards">"#);
    for hall in &detail.halls {
        h.raw(r#"<li class="card"><h3 class="card__title"><a href=""#)
            .text(&hall_href(&hall.id))
            .raw(r#"">"#)
            .text(&hall.name)
            .element(
                r#"</a></h3><p class="card__meta"><span class="tag">"#,
                hall_level_label(hall.level),
                "</span>",
            )
            .raw(" ")
            .text(&hall.address)
            .raw(r#"</p><ul class="plain-list card__meta">"#);
        for x in &hall.hours {
            h.element("<li>", x, "</li>");
        }
        h.raw("</ul></li>");
    }
    h.raw("</ul></section>");

    section(h, "guide-basis", l.guide_basis);
    h.raw(r#"<ul class="plain-list">"#);
    for b in &m.legal_basis {
        h.element("<li>", b, "</li>");
    }
    h.raw("</ul></section>");

    section(h, "guide-contact", l.guide_contact);
    h.raw(r#"<dl class="summary-list">"#);
    phone_row(h, l.matter_phone, &m.phone);
    if let Some(p) = &m.complaint_phone {
        phone_row(h, l.matter_complaint_phone, p);
    }
    phone_row(h, l.matter_department_phone, &detail.department.phone);
    h.raw("</dl></section>");

    if !detail.themes.is_empty() {
        section(h, "guide-themes", l.guide_themes);
        h.element(r#"<p class="hint">"#, l.guide_themes_hint, "</p>")
            .raw(r#"<ul class="link-list">"#);
        for th in &detail.themes {
            h.raw(r#"<li><a href=""#)
                .text(&theme_href(&th.id))
                .raw(r#"">"#)
                .text(&th.name)
                .raw("</a></li>");
        }
        h.raw("</ul></section>");
    }

    h.element(
        r#"<div class="panel panel--notice"><h2 class="panel__title">"#,
        l.guide_apply,
        "</h2>",
    )
    .element("<p>", l.guide_apply_detail, "</p>")
    .raw(r#"<a href=""#)
    .text(&book_matter_href(&m.code, &detail.category.id))
    .element(r#"" class="button">"#, l.appointments_title, "</a></div>");
    hotline(h);
    h.raw("</article>");
}

/// `<section class="section" aria-labelledby="id"><h2 id="id">title</h2>`, left open.
fn section(h: &mut Html, id: &'static str, title: &str) {
    h.raw(r#"<section class="section" aria-labelledby=""#)
        .raw(id)
        .raw(r#""><h2 id=""#)
        .raw(id)
        .element(r#"">"#, title, "</h2>");
}

fn phone_row(h: &mut Html, label: &str, phone: &str) {
    h.element(r#"<div class="summary-list__row"><dt>"#, label, "</dt>")
        .raw(r#"<dd><a href=""#)
        .text(&tel(phone))
        .element(r#"">"#, phone, "</a></dd></div>");
}

fn material(h: &mut Html, x: &Material) {
    let l = t();
    h.element(
        r#"<li class="material"><h3 class="material__name">"#,
        &x.name,
        "</h3>",
    )
    .element(
        r#"<p class="material__count">"#,
        &material_copies(x.originals, x.copies),
        "</p>",
    )
    .raw(r#"<ul class="tags">"#)
    .raw(if x.required {
        r#"<li class="tag">"#
    } else {
        r#"<li class="tag tag--muted">"#
    })
    .text(if x.required {
        l.material_required
    } else {
        l.material_optional
    })
    .raw("</li>");
    if let Some(lic) = &x.licence {
        h.element(
            r#"<li class="tag tag--success">"#,
            &(l.material_licence)(lic),
            "</li>",
        );
    }
    if x.deferrable {
        h.element(
            r#"<li class="tag tag--warning">"#,
            l.material_deferrable,
            "</li>",
        );
    }
    h.element(r#"</ul><p class="hint">"#, l.material_source, "")
        .text(&x.source)
        .raw("</p>");
    if let Some(n) = &x.note {
        h.element(r#"<p class="hint">"#, n, "</p>");
    }
    h.raw("</li>");
}
