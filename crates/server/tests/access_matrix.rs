//! Who may call what: `lianban_server::access::OPERATIONS` lists every operation once with who
//! may call it, and every cell is checked here against the running server — an anonymous
//! visitor, the citizen who owns the record, and another citizen who knows its id. An
//! operation added to the API without an entry fails `every_operation_has_an_entry`.

mod common;

use common::apply::PNG;
use common::{verified_citizen, TestServer};
use lianban_server::access::{Access, OPERATIONS as MATRIX};
use reqwest::{Client, Method};
use serde_json::{json, Value};
use std::collections::BTreeSet;

use Access::*;

#[test]
fn every_operation_has_an_entry() {
    let doc = lianban_server::openapi::document();
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .filter(|k| ["get", "put", "post", "delete", "patch"].contains(&k.as_str()))
                .map(move |m| (m.to_uppercase(), path.clone()))
        })
        .collect();
    let listed: BTreeSet<(String, String)> = MATRIX
        .iter()
        .map(|(m, p, _)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(MATRIX.len(), listed.len(), "an operation is listed twice");
    let missing: Vec<_> = documented.difference(&listed).collect();
    assert!(
        missing.is_empty(),
        "operations with no access entry: {missing:?}"
    );
    let stale: Vec<_> = listed.difference(&documented).collect();
    assert!(
        stale.is_empty(),
        "entries for operations not in the API: {stale:?}"
    );
}

/// The records of the owning citizen that the paths name.
struct Owned {
    appointment: i64,
    upload: String,
    number: String,
    /// The case's sub-case handled by the 市场监管局.
    sub_case: String,
    message: i64,
    /// The appointment's 签到码.
    checkin_code: String,
}

const SLOT: &str = "city-centre~zonghe~20261126~0900";
const LATER: &str = "city-centre~zonghe~20261126~1000";

fn concrete(path: &str, owned: &Owned) -> String {
    let path = if path.starts_with("/api/v1/clerk/sub-cases/{number}") {
        path.replace("{number}", &owned.sub_case)
            .replace("{id}", &owned.upload)
    } else {
        path.replace("{sub_number}", &owned.sub_case)
            .replace("/messages/{id}", &format!("/messages/{}", owned.message))
    };
    path.replace("{code}", "SCJG-001")
        .replace("{theme_id}", "open-restaurant")
        .replace("/themes/{id}", "/themes/open-restaurant")
        .replace("/halls/{id}", "/halls/city-centre")
        .replace(
            "/appointments/{id}",
            &format!("/appointments/{}", owned.appointment),
        )
        .replace("/uploads/{id}", &format!("/uploads/{}", owned.upload))
        .replace("{number}", &owned.number)
}

/// A request body that passes validation, so that a refusal can only be about who asks.
fn body(method: &str, path: &str) -> Option<Value> {
    Some(match (method, path) {
        ("POST", "/api/v1/auth/sms-codes") => json!({ "phone": "13900000090" }),
        ("POST", "/api/v1/auth/sessions") => json!({ "phone": "13900000090", "code": "000000" }),
        ("PUT", "/api/v1/me/identity") => {
            json!({ "name": "王小明", "id_number": common::id_number("42100219900101123") })
        }
        ("PUT", "/api/v1/me/preferences") => json!({ "elder_mode": true, "language": "zh-CN" }),
        ("POST", "/api/v1/me/enterprises") => {
            json!({ "name": "荆州市老街坊餐饮有限公司", "credit_code": "91421000MA49XXXX0X" })
        }
        ("POST", "/api/v1/appointments") => json!({ "slot_id": LATER }),
        ("POST", "/api/v1/appointments/{id}/reschedule") => json!({ "slot_id": LATER }),
        ("PUT", "/api/v1/drafts/{theme_id}") => {
            json!({ "step": "form", "content": { "theme_id": "open-restaurant" }, "version": 0 })
        }
        ("POST", "/api/v1/applications") => json!({ "theme_id": "open-restaurant" }),
        ("POST", "/api/v1/applications/{number}/sub-cases/{sub_number}/actions") => {
            json!({ "action": "withdraw" })
        }
        ("POST", "/api/v1/applications/{number}/sub-cases/{sub_number}/supplement") => {
            json!({ "items": [] })
        }
        ("POST", "/api/v1/clerk/sub-cases/{number}/actions") => json!({ "action": "start_review" }),
        ("PUT", "/api/v1/applications/{number}/sub-cases/{sub_number}/rating") => {
            json!({ "level": "satisfied" })
        }
        ("POST", "/api/v1/applications/{number}/sub-cases/{sub_number}/rating/visit") => {
            json!({ "resolved": true })
        }
        ("POST", "/api/v1/clerk/sub-cases/{number}/follow-up") => {
            json!({ "reply": "已加强窗口引导，感谢您的意见" })
        }
        ("POST", "/api/v1/track") => json!({ "number": "LB20261126000001", "code": "ABCDEF" }),
        ("POST", "/api/v1/clerk/sessions") => {
            json!({ "username": "scjgj.demo", "password": common::cases::DEMO_PASSWORD })
        }
        _ => return None,
    })
}

async fn call(s: &TestServer, c: &Client, method: &str, path: &str, owned: &Owned) -> (u16, Value) {
    let url = format!("{}{}", s.base, concrete(path, owned));
    let mut req = c
        .request(Method::from_bytes(method.as_bytes()).unwrap(), url)
        .header("idempotency-key", format!("matrix-{method}-{path}"));
    if path == "/api/v1/uploads" {
        let form = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(PNG.to_vec()).file_name("photo.png"),
        );
        req = req.multipart(form);
    } else if path == "/api/v1/clerk/check-ins" {
        req = req.json(&json!({ "code": owned.checkin_code }));
    } else if let Some(b) = body(method, path) {
        req = req.json(&b);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn owned_records(s: &TestServer, owner: &Client) -> Owned {
    let res = owner
        .post(format!("{}/api/v1/appointments", s.base))
        .header("idempotency-key", "matrix-fixture-booking")
        .json(&json!({ "slot_id": SLOT }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 201);
    let booked = res.json::<Value>().await.unwrap();
    let appointment = booked["id"].as_i64().unwrap();
    let checkin_code = booked["checkin_code"].as_str().unwrap().to_string();
    let upload = common::apply::upload(s, owner, "photo.png", PNG).await;
    let request = common::apply::restaurant_request(s, &upload).await;
    let res = owner
        .put(format!("{}/api/v1/drafts/open-restaurant", s.base))
        .json(&body("PUT", "/api/v1/drafts/{theme_id}").unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let res = owner
        .post(format!("{}/api/v1/applications", s.base))
        .header("idempotency-key", "matrix-fixture-submit")
        .json(&request)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 201);
    let number = res.json::<Value>().await.unwrap()["number"]
        .as_str()
        .unwrap()
        .to_string();
    let case: Value = owner
        .get(format!("{}/api/v1/applications/{number}", s.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let sub_case = common::cases::sub_case_of(&case, "荆州市市场监督管理局");
    // A clerk's acceptance leaves the owner a message.
    let clerk = common::cases::clerk(s, "scjgj.demo").await;
    let (status, _) = common::cases::clerk_act(
        s,
        &clerk,
        &sub_case,
        "matrix-fixture-accept",
        json!({ "action": "accept" }),
    )
    .await;
    assert_eq!(status, 200);
    let messages: Value = owner
        .get(format!("{}/api/v1/me/messages", s.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let message = messages["items"][0]["id"].as_i64().unwrap();
    // The submit cleared the draft; the matrix needs one to exist.
    let res = owner
        .put(format!("{}/api/v1/drafts/open-restaurant", s.base))
        .json(&body("PUT", "/api/v1/drafts/{theme_id}").unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    Owned {
        appointment,
        upload,
        number,
        sub_case,
        message,
        checkin_code,
    }
}

#[tokio::test]
async fn every_cell_of_the_matrix_holds() {
    let s = TestServer::start_dev(|_| {}).await;
    let owner = verified_citizen(&s, "13900000091", "王小明", "42100219900101123").await;
    let other = verified_citizen(&s, "13900000092", "李四", "42100219900101124").await;
    let owned = owned_records(&s, &owner).await;
    let anonymous = TestServer::new_client();
    let clerk = common::cases::clerk(&s, "scjgj.demo").await;
    let other_clerk = common::cases::clerk(&s, "gaj.demo").await;

    for &(method, path, who) in MATRIX {
        let (status, answer) = call(&s, &anonymous, method, path, &owned).await;
        if who == Clerk {
            assert_eq!(status, 401, "anonymous {method} {path}: {answer}");
            assert_eq!(answer["error"]["code"], "clerk_login_required");
            // A citizen's cookie is no clerk's, not even the applicant's.
            let (status, answer) = call(&s, &owner, method, path, &owned).await;
            assert_eq!(status, 401, "a citizen {method} {path}: {answer}");
            // The department's clerk is let through; another department's is refused
            // whatever names a sub-case (a list shows only their own).
            let (status, answer) = call(&s, &clerk, method, path, &owned).await;
            assert!(
                ![401, 403, 404].contains(&status) && status < 500,
                "the clerk {method} {path}: {status} {answer}"
            );
            let (status, answer) = call(&s, &other_clerk, method, path, &owned).await;
            if path.contains("{number}") {
                assert_eq!(status, 403, "another department {method} {path}: {answer}");
            } else {
                // Lists and the hall's desk: their own department's, or the same hall's.
                assert!(
                    ![401, 403, 404].contains(&status) && status < 500,
                    "another department {method} {path}: {status} {answer}"
                );
            }
            continue;
        }
        if who == Anyone {
            assert!(
                status != 401 && status != 403 && status < 500,
                "anonymous {method} {path}: {status} {answer}"
            );
        } else {
            assert_eq!(status, 401, "anonymous {method} {path}: {answer}");
            assert_eq!(answer["error"]["code"], "login_required", "{method} {path}");
        }
        // Another citizen reaching for the owner's records: an owned one does not exist for
        // them; a citizen-wide operation acts on their own records (checked below).
        if who == Anyone {
            continue;
        }
        let (status, answer) = call(&s, &other, method, path, &owned).await;
        match who {
            Owner => assert_eq!(status, 404, "another citizen {method} {path}: {answer}"),
            Citizen => assert!(
                ![401, 403].contains(&status) && status < 500,
                "another citizen {method} {path}: {status} {answer}"
            ),
            Anyone | Clerk => {}
        }
    }

    // Nothing another citizen tried changed the owner's records.
    let mine: Value = owner
        .get(format!("{}/api/v1/appointments", s.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let appointment = mine["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == owned.appointment)
        .unwrap();
    assert_eq!(appointment["slot_id"], SLOT, "not rescheduled by another");
    assert_eq!(appointment["status"], "booked", "not cancelled by another");
    let res = owner
        .get(format!("{}/api/v1/drafts/open-restaurant", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status().as_u16(),
        200,
        "the draft was not deleted by another"
    );
    let (_, cases) = call(&s, &owner, "GET", "/api/v1/applications", &owned).await;
    assert_eq!(
        cases["total"], 1,
        "another's submit made no case of the owner's"
    );

    // The owner is let through on every operation (the logout last, as it ends the session).
    let mut rows: Vec<_> = MATRIX
        .iter()
        .filter(|(_, _, w)| ![Anyone, Clerk].contains(w))
        .collect();
    rows.sort_by_key(|(m, p, _)| (*m == "DELETE", p.contains("cancel")));
    for &&(method, path, _) in &rows {
        let (status, answer) = call(&s, &owner, method, path, &owned).await;
        assert!(
            ![401, 403, 404].contains(&status) && status < 500,
            "the owner {method} {path}: {status} {answer}"
        );
    }
}
