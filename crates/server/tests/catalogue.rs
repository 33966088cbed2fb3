//! The catalogue API over HTTP against a real SQLite file and the repository's seed data.

mod common;

use common::{assert_error, TestServer};
use serde_json::Value;

fn names(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn lists_follow_the_page_convention() {
    let s = TestServer::start().await;
    let page = s.json("/api/v1/matters", 200).await;
    assert_eq!(page["page"], 1);
    assert_eq!(page["per_page"], 20);
    assert!(page["total"].as_u64().unwrap() >= 40);
    assert_eq!(page["items"].as_array().unwrap().len(), 20);

    let all = s.json("/api/v1/matters?per_page=100", 200).await;
    let total = all["total"].as_u64().unwrap();
    assert_eq!(
        all["items"].as_array().unwrap().len() as u64,
        total.min(100)
    );

    let second = s.json("/api/v1/matters?page=2&per_page=20", 200).await;
    assert_ne!(names(&page), names(&second), "page 2 differs from page 1");

    let beyond = s.json("/api/v1/matters?page=99", 200).await;
    assert!(beyond["items"].as_array().unwrap().is_empty());
    assert_eq!(beyond["total"].as_u64().unwrap(), total);
}

#[tokio::test]
async fn bad_paging_is_a_400_naming_the_field() {
    let s = TestServer::start().await;
    let body = s.json("/api/v1/matters?per_page=101", 400).await;
    assert_error(&body, "invalid_query");
    assert!(body["error"]["fields"]["per_page"].is_string());
    let body = s.json("/api/v1/halls?page=abc", 400).await;
    assert!(body["error"]["fields"]["page"].is_string());
}

#[tokio::test]
async fn searching_business_licence_finds_registration_matters_first() {
    let s = TestServer::start().await;
    let page = s.json("/api/v1/matters?q=营业执照", 200).await;
    assert!(page["total"].as_u64().unwrap() >= 1);
    let first = &page["items"][0];
    let detail = s
        .json(
            &format!("/api/v1/matters/{}", first["code"].as_str().unwrap()),
            200,
        )
        .await;
    let m = &detail["matter"];
    let mentions = |v: &Value| v.as_str().unwrap_or("").contains("营业执照");
    assert!(
        mentions(&m["name"])
            || mentions(&m["result"])
            || m["keywords"].as_array().unwrap().iter().any(mentions),
        "first hit {} should be about 营业执照",
        m["name"]
    );
}

#[tokio::test]
async fn everyday_words_find_matters_and_themes() {
    let s = TestServer::start().await;
    let matters = s.json("/api/v1/matters?q=开饭店", 200).await;
    assert!(
        names(&matters).iter().any(|n| n.contains("食品经营")),
        "{:?}",
        names(&matters)
    );
    let themes = s.json("/api/v1/themes?q=开饭店", 200).await;
    assert!(names(&themes).iter().any(|n| n.contains("开饭店")));
    // A partial name finds the matter; nonsense finds nothing, without error.
    let partial = s.json("/api/v1/matters?q=食品经", 200).await;
    assert!(partial["total"].as_u64().unwrap() >= 1);
    let none = s
        .json("/api/v1/matters?q=%25_%E6%97%A0%E6%AD%A4", 200)
        .await;
    assert_eq!(none["total"], 0);
}

/// Issue 9, finding 2: 999 search terms made SQLite refuse the query, a 500 for anyone.
#[tokio::test]
async fn a_search_beyond_the_bounds_is_a_400_naming_q_not_a_500() {
    let s = TestServer::start().await;
    let many = vec!["q=a"; 999].join("&");
    for path in ["/api/v1/matters", "/api/v1/themes"] {
        let body = s.json(&format!("{path}?{many}"), 400).await;
        assert_error(&body, "query_too_long");
        assert!(
            body["error"]["fields"]["q"]
                .as_str()
                .unwrap()
                .contains("50"),
            "{body}"
        );
        // One long term, under every other limit.
        let long = "办".repeat(51);
        let body = s.json(&format!("{path}?q={long}"), 400).await;
        assert_error(&body, "query_too_long");
        // Short terms, but more than a search can use.
        let words = (0..11)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join("+");
        let body = s.json(&format!("{path}?q={words}"), 400).await;
        assert_error(&body, "query_too_many_terms");
        assert!(body["error"]["fields"]["q"].is_string());
    }
    // At the bounds a search still works, repeated words and several q's included.
    let fifty = "营业执照".repeat(12) + "营业";
    let page = s.json(&format!("/api/v1/matters?q={fifty}"), 200).await;
    assert_eq!(page["total"], 0);
    let page = s
        .json("/api/v1/matters?q=营业执照+营业执照&q=营业执照", 200)
        .await;
    assert!(page["total"].as_u64().unwrap() >= 1);
    let themes = s.json("/api/v1/themes?q=开饭店&q=饭店", 200).await;
    assert!(names(&themes).iter().any(|n| n.contains("开饭店")));
}

#[tokio::test]
async fn filters_by_department_and_flags() {
    let s = TestServer::start().await;
    let departments = s.json("/api/v1/departments", 200).await;
    assert!(departments["total"].as_u64().unwrap() >= 10);
    let dept = departments["items"][0]["code"]
        .as_str()
        .unwrap()
        .to_string();
    let count = departments["items"][0]["matter_count"].as_u64().unwrap();
    let page = s
        .json(
            &format!("/api/v1/matters?department={dept}&per_page=100"),
            200,
        )
        .await;
    assert_eq!(page["total"].as_u64().unwrap(), count);
    for m in page["items"].as_array().unwrap() {
        assert_eq!(m["department_code"], dept.as_str());
    }

    let immediate = s
        .json("/api/v1/matters?flag=immediate&per_page=100", 200)
        .await;
    let all = s.json("/api/v1/matters?per_page=100", 200).await;
    assert!(immediate["total"].as_u64().unwrap() >= 1);
    assert!(immediate["total"].as_u64() < all["total"].as_u64());
    for m in immediate["items"].as_array().unwrap() {
        assert_eq!(m["flags"]["immediate"], true);
    }
    let both = s
        .json("/api/v1/matters?flag=online&flag=nearby&per_page=100", 200)
        .await;
    let comma = s
        .json("/api/v1/matters?flag=online,nearby&per_page=100", 200)
        .await;
    assert_eq!(both, comma);
    for m in both["items"].as_array().unwrap() {
        assert_eq!(m["flags"]["nearby"], true);
    }

    let bad = s.json("/api/v1/matters?flag=fast", 400).await;
    assert!(bad["error"]["fields"]["flag"].is_string());
}

#[tokio::test]
async fn a_matter_guide_has_every_element() {
    let s = TestServer::start().await;
    let page = s.json("/api/v1/matters?per_page=100", 200).await;
    for item in page["items"].as_array().unwrap() {
        let code = item["code"].as_str().unwrap();
        let d = s.json(&format!("/api/v1/matters/{code}"), 200).await;
        let m = &d["matter"];
        for key in [
            "legal_basis",
            "conditions",
            "materials",
            "steps",
            "delivery",
            "halls",
        ] {
            assert!(!m[key].as_array().unwrap().is_empty(), "{code} {key}");
        }
        assert!(m["phone"].as_str().is_some_and(|p| !p.is_empty()));
        assert!(d["department"]["name"].as_str().is_some());
        assert_eq!(
            d["halls"].as_array().unwrap().len(),
            m["halls"].as_array().unwrap().len(),
            "every hall of {code} resolves"
        );
    }
}

#[tokio::test]
async fn unknown_codes_are_404_in_the_error_shape() {
    let s = TestServer::start().await;
    assert_error(
        &s.json("/api/v1/matters/NO-SUCH", 404).await,
        "matter_not_found",
    );
    assert_error(
        &s.json("/api/v1/themes/no-such", 404).await,
        "theme_not_found",
    );
    assert_error(
        &s.json("/api/v1/halls/no-such", 404).await,
        "hall_not_found",
    );
    assert_error(&s.json("/api/v1/no-such-endpoint", 404).await, "not_found");
    let res = s
        .client
        .delete(format!("{}/api/v1/matters", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 405);
    assert_error(&res.json().await.unwrap(), "method_not_allowed");
}

#[tokio::test]
async fn themes_bundle_matters_of_several_departments() {
    let s = TestServer::start().await;
    let themes = s.json("/api/v1/themes", 200).await;
    assert!(themes["total"].as_u64().unwrap() >= 6);
    for t in themes["items"].as_array().unwrap() {
        assert!(
            t["departments"].as_array().unwrap().len() >= 2,
            "{}",
            t["name"]
        );
        let id = t["id"].as_str().unwrap();
        let d = s.json(&format!("/api/v1/themes/{id}"), 200).await;
        assert_eq!(
            d["matters"].as_array().unwrap().len() as u64,
            t["matter_count"].as_u64().unwrap()
        );
        assert!(!d["theme"]["questions"].as_array().unwrap().is_empty());
    }
}

#[tokio::test]
async fn halls_show_where_when_and_what() {
    let s = TestServer::start().await;
    let halls = s.json("/api/v1/halls", 200).await;
    assert!(halls["total"].as_u64().unwrap() >= 5);
    for h in halls["items"].as_array().unwrap() {
        assert!(!h["hours"].as_array().unwrap().is_empty());
        let id = h["id"].as_str().unwrap();
        let d = s.json(&format!("/api/v1/halls/{id}"), 200).await;
        assert_eq!(d["hall"]["address"], h["address"]);
        assert!(
            !d["matters"].as_array().unwrap().is_empty(),
            "{id} handles matters"
        );
        assert!(!d["categories"].as_array().unwrap().is_empty());
    }
}

#[tokio::test]
async fn the_openapi_document_describes_the_catalogue() {
    let s = TestServer::start().await;
    let doc = s.json("/api/v1/openapi.json", 200).await;
    for path in [
        "/api/v1/matters",
        "/api/v1/matters/{code}",
        "/api/v1/themes",
        "/api/v1/themes/{id}",
        "/api/v1/departments",
        "/api/v1/halls",
        "/api/v1/halls/{id}",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} documented");
    }
    assert!(doc["components"]["schemas"]["MatterDetail"].is_object());
    assert!(doc["components"]["schemas"]["ApiError"].is_object());
}
