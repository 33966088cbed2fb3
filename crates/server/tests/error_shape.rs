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
