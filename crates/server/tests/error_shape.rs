//! Every refusal under /api/v1 comes in the one JSON error shape, including those axum's own
//! extractors make before a handler runs.

mod common;

use common::{assert_error, verified_citizen, TestServer};

#[tokio::test]
async fn extractor_rejections_come_in_the_one_error_shape() {
    let s = TestServer::start_dev(|_| {}).await;
    let c = verified_citizen(&s, "13900000081", "王小明", "42100219900101123").await;

    // A multipart upload without its boundary.
    let res = c
        .post(format!("{}/api/v1/uploads", s.base))
        .header("content-type", "multipart/form-data")
        .body("--x\r\n")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 400);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    assert_error(&res.json().await.unwrap(), "bad_request");

    // A path value of the wrong type.
    let res = c
        .post(format!(
            "{}/api/v1/appointments/not-a-number/cancel",
            s.base
        ))
        .header("idempotency-key", "k-0001")
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    assert!(status == 400 || status == 404, "{status}");
    assert_error(
        &res.json().await.unwrap(),
        if status == 400 {
            "bad_request"
        } else {
            "not_found"
        },
    );
}

#[tokio::test]
async fn a_page_beyond_the_documented_bound_is_refused() {
    let s = TestServer::start().await;
    let body = s.json("/api/v1/departments?page=2147483648", 400).await;
    assert_error(&body, "invalid_query");
    assert!(body["error"]["fields"]["page"].is_string(), "{body}");
    s.json("/api/v1/departments?page=10000", 200).await;
    // The document states the same bounds.
    let doc = s.json("/api/v1/openapi.json", 200).await;
    let params = doc["paths"]["/api/v1/departments"]["get"]["parameters"]
        .as_array()
        .unwrap();
    let page = params.iter().find(|p| p["name"] == "page").unwrap();
    assert_eq!(page["schema"]["maximum"], 10000);
    assert_eq!(page["schema"]["minimum"], 1);
}
