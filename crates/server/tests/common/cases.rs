//! Cases that move: a submitted restaurant case and clerks logged in to act on it.

use super::TestServer;
use reqwest::Client;
use serde_json::{json, Value};

/// The password of every demo clerk (`--dev`).
pub const DEMO_PASSWORD: &str = lianban_server::cases::clerks::DEMO_PASSWORD;

/// A client logged in as the demo clerk `username` (e.g. `scjgj.demo`).
pub async fn clerk(s: &TestServer, username: &str) -> Client {
    let c = TestServer::new_client();
    let res = c
        .post(format!("{}/api/v1/clerk/sessions", s.base))
        .json(&json!({ "username": username, "password": DEMO_PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200, "clerk login {username}");
    c
}

/// Submits the restaurant application for `citizen`; its answer.
pub async fn submitted_restaurant(s: &TestServer, citizen: &Client, key: &str) -> Value {
    let upload = super::apply::upload(s, citizen, "photo.png", super::apply::PNG).await;
    let request = super::apply::restaurant_request(s, &upload).await;
    let res = citizen
        .post(format!("{}/api/v1/applications", s.base))
        .header("idempotency-key", key)
        .json(&request)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 201);
    res.json().await.unwrap()
}

/// The number of the case's first sub-case handled by `department_name`.
pub fn sub_case_of(case: &Value, department_name: &str) -> String {
    case["sub_cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["department_name"] == department_name)
        .unwrap_or_else(|| panic!("no sub-case of {department_name} in {case}"))["number"]
        .as_str()
        .unwrap()
        .to_string()
}

/// `POST` an action as a clerk: (status, answer).
pub async fn clerk_act(
    s: &TestServer,
    clerk: &Client,
    sub_case: &str,
    key: &str,
    action: Value,
) -> (u16, Value) {
    let res = clerk
        .post(format!(
            "{}/api/v1/clerk/sub-cases/{sub_case}/actions",
            s.base
        ))
        .header("idempotency-key", key)
        .json(&action)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}
