//! A first screen painted by the server. When a phone opens a deep link (a QR poster, a
//! shared guide) or the home page, the HTML it gets is already that page: the header, the
//! page's whole content as the SPA renders it, and the tab bar, in place of the static shell
//! of `index.html`, with the page's own `<title>` and description for a shared link. It is
//! the largest contentful paint, painted before the Wasm arrives, and a webview that cannot
//! run the Wasm still shows a readable guide with the hotline.
//!
//! The SPA replaces it when it mounts (`src/lib.rs` removes `#shell`) with the same markup,
//! so nothing moves. It does not ask the API again: the painted page carries the API's
//! answers it was painted from, byte for byte (each in a `<script type="application/json">`
//! data block, which runs nothing and needs no CSP hash), and the app reads them
//! (`src/api.rs`, `carried_answer`). The answers are asked of the API router in-process, so
//! the page says exactly what `GET /api/v1/...` says.
//!
//! One template per page kind, each written after its SPA component and named in its
//! header; the words, links and content decisions (which rows, which order) come from
//! `lianban-ui`, as the SPA's do. `e2e/first-screen.spec.ts` loads every kind with and
//! without JavaScript and compares the two renderings.
//!
//! Painted: `/`, `/matters/{code}`, `/themes/{id}`, `/halls/{id}`. An unknown code gets the
//! static shell with status 404 (the app then shows its not-found page); every other path is
//! the static shell as before (`static_files`). HTML is never cached, and is compressed on
//! the fly by the app's `CompressionLayer`.

mod hall;
mod home;
mod html;
mod matter;
mod parts;
mod template;
mod theme;

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::http::header::{CONTENT_TYPE, USER_AGENT};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use html::{escape, json_in_script, Html};
use lianban_core::api::Page;
use lianban_core::catalogue::{HallDetail, MatterDetail, MatterSummary, ThemeDetail, ThemeSummary};
use lianban_ui::locale::meta::meta;
use lianban_ui::locale::t;
use lianban_ui::screens::{self, document_title};
use lianban_ui::url::encode;
use serde::de::DeserializeOwned;
use std::sync::Arc;
use template::{Head, Template};
use tower::ServiceExt;

/// The biggest API answer a page carries (a guide is ≈10 KB).
const MAX_ANSWER_BYTES: usize = 1024 * 1024;

/// The painted pages' routes, or none when `index.html` is absent or lacks a marker (the
/// static shell then serves every page, as before).
pub fn router(static_dir: &std::path::Path, api: Router) -> Router {
    let Ok(html) = std::fs::read_to_string(static_dir.join("index.html")) else {
        return Router::new();
    };
    let template = match Template::parse(&html) {
        Ok(t) => t,
        Err(missing) => {
            tracing::warn!(%missing, "index.html lacks a marker: pages are not painted by the server");
            return Router::new();
        }
    };
    Router::new()
        .route("/", get(home_page))
        .route("/matters/{code}", get(matter_page))
        .route("/themes/{id}", get(theme_page))
        .route("/halls/{id}", get(hall_page))
        .with_state(Arc::new(Painter { template, api }))
}

pub struct Painter {
    template: Template,
    /// The API (`api_router`), asked in-process for the answers a page is painted from.
    api: Router,
}

/// An API answer a page is painted from.
struct Carried<T> {
    path: String,
    body: Bytes,
    value: T,
}

enum Answer<T> {
    Found(Carried<T>),
    NotFound,
    /// The API failed (it logged why): the static shell, whose app will say so and retry.
    Failed,
}

impl Painter {
    /// `GET /api/v1{path}`, as the app would ask it.
    async fn ask<T: DeserializeOwned>(&self, path: String) -> Answer<T> {
        let request = Request::get(format!("/api/v1{path}"))
            .header("accept", "application/json")
            .body(Body::empty())
            .expect("a GET with a valid path");
        let Ok(response) = self.api.clone().oneshot(request).await;
        let status = response.status();
        if status == StatusCode::NOT_FOUND {
            return Answer::NotFound;
        }
        if status != StatusCode::OK {
            tracing::warn!(%status, "first screen: the API did not answer its data");
            return Answer::Failed;
        }
        let Ok(body) = to_bytes(response.into_body(), MAX_ANSWER_BYTES).await else {
            return Answer::Failed;
        };
        match serde_json::from_slice(&body) {
            Ok(value) => Answer::Found(Carried { path, body, value }),
            Err(e) => {
                tracing::error!(error = %e, "first screen: the API's answer does not parse");
                Answer::Failed
            }
        }
    }

    /// The painted page: header, `main`, tab bar, and the answers it carries.
    fn page(&self, path: &str, head: Head, main: &Html, carried: &[(&str, &Bytes)]) -> Response {
        let mut shell = Html::new();
        shell.raw(r#"<div id="shell">"#);
        parts::header(&mut shell, path);
        shell
            .raw(r#"<main id="main" class="page">"#)
            .append(main)
            .raw("</main>");
        parts::tab_bar(&mut shell, path);
        shell.raw("</div>");
        let mut markup = shell.as_str().to_string();
        for (api_path, body) in carried {
            // A JSON answer is UTF-8; anything else is left for the app to ask.
            if let Ok(json) = std::str::from_utf8(body) {
                markup.push_str("<script type=\"application/json\" id=\"");
                markup.push_str(&escape(&screens::carried_answer_id(api_path)));
                markup.push_str("\">");
                markup.push_str(&json_in_script(json));
                markup.push_str("</script>");
            }
        }
        html_response(StatusCode::OK, self.template.render(&head, Some(&markup)))
    }

    /// The static shell, with the status and the brand's head (or the not-found title).
    fn shell(&self, status: StatusCode) -> Response {
        let head = Head {
            title: if status == StatusCode::NOT_FOUND {
                document_title(t().not_found_title)
            } else {
                document_title("")
            },
            description: meta().brand.to_string(),
        };
        html_response(status, self.template.render(&head, None))
    }

    fn unpainted<T>(&self, answer: Answer<T>) -> Response {
        match answer {
            Answer::NotFound => self.shell(StatusCode::NOT_FOUND),
            _ => self.shell(StatusCode::OK),
        }
    }
}

fn html_response(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

async fn home_page(State(p): State<Arc<Painter>>) -> Response {
    let themes = p.ask::<Page<ThemeSummary>>(screens::home_themes_path());
    let matters = p.ask::<Page<MatterSummary>>(screens::home_matters_path());
    let (themes, matters) = tokio::join!(themes, matters);
    let (Answer::Found(themes), Answer::Found(matters)) = (themes, matters) else {
        return p.shell(StatusCode::OK);
    };
    let mut main = Html::new();
    home::home(&mut main, &themes.value, &matters.value);
    let head = Head {
        title: document_title(""),
        description: meta().brand.to_string(),
    };
    p.page(
        "/",
        head,
        &main,
        &[(&themes.path, &themes.body), (&matters.path, &matters.body)],
    )
}

async fn matter_page(
    State(p): State<Arc<Painter>>,
    Path(code): Path<String>,
    uri: Uri,
) -> Response {
    let answer = p
        .ask::<MatterDetail>(format!("/matters/{}", encode(&code)))
        .await;
    let Answer::Found(d) = answer else {
        return p.unpainted(answer);
    };
    let mut main = Html::new();
    matter::guide(&mut main, &d.value);
    let head = Head {
        title: document_title(&d.value.matter.name),
        description: screens::matter_description(&d.value),
    };
    p.page(uri.path(), head, &main, &[(&d.path, &d.body)])
}

async fn theme_page(State(p): State<Arc<Painter>>, Path(id): Path<String>, uri: Uri) -> Response {
    let answer = p
        .ask::<ThemeDetail>(format!("/themes/{}", encode(&id)))
        .await;
    let Answer::Found(d) = answer else {
        return p.unpainted(answer);
    };
    let mut main = Html::new();
    theme::overview(&mut main, &d.value);
    let head = Head {
        title: document_title(&d.value.theme.name),
        description: screens::theme_description(&d.value.theme, &d.value.matters),
    };
    p.page(uri.path(), head, &main, &[(&d.path, &d.body)])
}

async fn hall_page(
    State(p): State<Arc<Painter>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let answer = p.ask::<HallDetail>(format!("/halls/{}", encode(&id))).await;
    let Answer::Found(d) = answer else {
        return p.unpainted(answer);
    };
    let user_agent = headers
        .get(USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let channel = lianban_ui::channel::classify(user_agent, None);
    let mut main = Html::new();
    hall::hall_page(&mut main, &d.value, channel);
    let hall = &d.value.hall;
    let head = Head {
        title: document_title(&hall.name),
        description: screens::hall_description(&hall.name, &hall.address, &hall.hours),
    };
    p.page(uri.path(), head, &main, &[(&d.path, &d.body)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use lianban_core::catalogue::Catalogue;

    const HOSTILE: &str = "<script>alert('联办')</script>";

    fn catalogue() -> Catalogue {
        crate::seed::load_catalogue(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data"),
        )
        .expect("the repository's data/")
    }

    /// Every text of `data/` goes through `Html::text`: a hostile name stays text everywhere
    /// a page shows it.
    fn assert_escaped(markup: &str) {
        assert!(!markup.contains("<script"), "{markup}");
        assert!(markup.contains("&lt;script&gt;alert(&#39;联办&#39;)&lt;/script&gt;"));
    }

    #[test]
    fn a_guide_escapes_everything_from_data() {
        let c = catalogue();
        let mut detail = c.matter_detail(c.matter("SCJG-001").unwrap()).unwrap();
        detail.matter.name = HOSTILE.into();
        detail.matter.summary = HOSTILE.into();
        detail.matter.materials[0].name = HOSTILE.into();
        detail.matter.phone = HOSTILE.into();
        detail.department.name = HOSTILE.into();
        detail.halls[0].name = HOSTILE.into();
        let mut h = Html::new();
        matter::guide(&mut h, &detail);
        assert_escaped(h.as_str());
        assert!(h.as_str().contains(r#"<article class="guide">"#));
        assert!(h.as_str().contains(r#"href="tel:12345""#));
    }

    #[test]
    fn a_theme_a_hall_and_the_home_page_escape_everything_from_data() {
        let c = catalogue();
        let mut theme = c.theme_detail(c.theme("open-restaurant").unwrap());
        theme.theme.name = HOSTILE.into();
        theme.theme.questions[0].text = HOSTILE.into();
        theme.matters[0].department_name = HOSTILE.into();
        let mut h = Html::new();
        theme::overview(&mut h, &theme);
        assert_escaped(h.as_str());

        let mut hall = c.hall_detail(c.hall("city-centre").unwrap());
        hall.hall.name = HOSTILE.into();
        hall.hall.address = HOSTILE.into();
        hall.hall.hours[0] = HOSTILE.into();
        let mut h = Html::new();
        hall::hall_page(&mut h, &hall, lianban_ui::channel::Channel::Browser);
        assert_escaped(h.as_str());
        // The map link's hall name is percent-encoded, then escaped.
        assert!(h.as_str().contains("uri.amap.com/marker?position="));

        let mut summary = c.theme_summary(&c.themes[0]);
        summary.name = HOSTILE.into();
        let mut matter = c.matter_summary(&c.matters[0]);
        matter.summary = HOSTILE.into();
        let mut h = Html::new();
        home::home(
            &mut h,
            &Page::whole(vec![summary]),
            &Page::whole(vec![matter]),
        );
        assert_escaped(h.as_str());
    }

    #[test]
    fn a_mini_program_gets_no_map_link() {
        let c = catalogue();
        let hall = c.hall_detail(c.hall("city-centre").unwrap());
        let mut h = Html::new();
        hall::hall_page(&mut h, &hall, lianban_ui::channel::Channel::MiniProgram);
        assert!(!h.as_str().contains("uri.amap.com"));
    }

    #[test]
    fn the_shared_link_says_what_the_page_is() {
        let c = catalogue();
        let detail = c.matter_detail(c.matter("SCJG-001").unwrap()).unwrap();
        let description = screens::matter_description(&detail);
        assert!(description.starts_with(&detail.matter.name));
        assert!(description.contains(&detail.department.name));
        assert_eq!(
            document_title(&detail.matter.name),
            format!("{} - 联办", detail.matter.name)
        );
    }
}
