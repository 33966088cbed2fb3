//! 一事联办 over HTTP against a real SQLite file and upload directory: the kit, uploads checked
//! by content and owned by their uploader, drafts, and the combined application that the
//! server re-checks with the same engine and creates exactly once per idempotency key.

mod common;

use common::{assert_error, login, verified_citizen, TestServer};
use lianban_core::apply::{evaluate, Answer, Answers, ThemeKit};
use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};

const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

async fn dev_server() -> TestServer {
    TestServer::start_dev(|_| {}).await
}

async fn upload(s: &TestServer, c: &reqwest::Client, name: &str, bytes: &[u8]) -> (u16, Value) {
    let form = Form::new().part(
        "file",
        Part::bytes(bytes.to_vec()).file_name(name.to_string()),
    );
    let res = c
        .post(format!("{}/api/v1/uploads", s.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.json().await.unwrap())
}

async fn submit(s: &TestServer, c: &reqwest::Client, key: &str, body: &Value) -> (u16, Value) {
    let res = c
        .post(format!("{}/api/v1/applications", s.base))
        .header("idempotency-key", key)
        .json(body)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.json().await.unwrap())
}

async fn get(s: &TestServer, c: &reqwest::Client, path: &str) -> (u16, Value) {
    let res = c.get(format!("{}{path}", s.base)).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

fn restaurant_answers() -> Answers {
    [
        ("entity", Answer::Choice("individual".into())),
        ("venue", Answer::Choice("rented".into())),
        ("area", Answer::Number(120)),
        ("kitchen", Answer::Choice("cooking".into())),
        ("needs", Answer::Choices(vec!["signboard".into()])),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// A complete restaurant application whose every required upload is `upload_id`.
async fn restaurant_request(s: &TestServer, upload_id: &str) -> Value {
    let kit: ThemeKit =
        serde_json::from_value(s.json("/api/v1/themes/open-restaurant/kit", 200).await).unwrap();
    // The citizen holds the 居民身份证 e-licence that verification issued.
    let list = evaluate(&kit, &restaurant_answers(), &["居民身份证".into()]);
    let materials: serde_json::Map<String, Value> = list
        .materials
        .iter()
        .filter(|m| m.needs_upload() && m.required)
        .map(|m| {
            (
                m.key.clone(),
                json!({ "kind": "upload", "uploads": [upload_id] }),
            )
        })
        .collect();
    json!({
        "theme_id": "open-restaurant",
        "answers": restaurant_answers(),
        "fields": {
            "applicant_address": "荆州市沙市区北京中路88号",
            "shop_name": "老街坊餐馆",
            "business_address": "荆州市沙市区中山路12号",
            "business_scope": "餐饮服务",
            "employee_count": "6",
            "business_area": "120",
            "food_safety_manager_name": "王芳",
            "food_safety_manager_id_number": common::id_number("42100219850312002"),
            "signboard_text": "老街坊餐馆",
            "signboard_area": "6",
            "drainage_volume": "3"
        },
        "materials": materials,
        "delivery": { "kind": "hall", "hall_id": "city-centre" }
    })
}

#[tokio::test]
async fn the_kit_of_a_theme_is_public_and_holds_what_the_engine_needs() {
    let s = TestServer::start().await;
    let kit = s.json("/api/v1/themes/open-restaurant/kit", 200).await;
    assert_eq!(kit["theme"]["name"], "我要开饭店");
    assert_eq!(kit["matters"].as_array().unwrap().len(), 8);
    let fields: Vec<&str> = kit["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(fields.contains(&"shop_name"));
    assert!(!fields.contains(&"baby_name"), "only this theme's fields");
    assert_error(
        &s.json("/api/v1/themes/no-such-theme/kit", 404).await,
        "theme_not_found",
    );
}

#[tokio::test]
async fn uploads_are_checked_by_content_and_need_a_verified_citizen() {
    let s = dev_server().await;
    let anonymous = TestServer::new_client();
    let res = anonymous
        .post(format!("{}/api/v1/uploads", s.base))
        .multipart(Form::new().part("file", Part::bytes(PNG.to_vec()).file_name("a.png")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 401);

    let unverified = login(&s, "13700000001").await;
    let (status, body) = upload(&s, &unverified, "lease.png", PNG).await;
    assert_eq!(status, 403);
    assert_error(&body, "identity_unverified");

    let c = verified_citizen(&s, "13700000002", "王小明", "42100219900101123").await;
    let (status, body) = upload(&s, &c, "租赁合同.png", PNG).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["content_type"], "image/png");
    assert_eq!(body["name"], "租赁合同.png");
    // A text file named .png, and an executable named .pdf, are refused by their content.
    let (status, body) = upload(&s, &c, "lease.png", b"hello, I am text").await;
    assert_eq!(status, 415);
    assert_error(&body, "unsupported_type");
    let (status, _) = upload(&s, &c, "lease.pdf", b"MZ\x90\0\x03").await;
    assert_eq!(status, 415);
    let (status, _) = upload(&s, &c, "scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n").await;
    assert_eq!(status, 201);
    let big = {
        let mut v = b"\xff\xd8\xff\xe0".to_vec();
        v.resize(11 * 1024 * 1024, 0);
        v
    };
    let (status, body) = upload(&s, &c, "huge.jpg", &big).await;
    assert_eq!(status, 413);
    assert_error(&body, "too_large");

    // The owner reads it back; another citizen cannot, even knowing the id.
    let (_, first) = upload(&s, &c, "again.png", PNG).await;
    let id = first["id"].as_str().unwrap();
    let res = c
        .get(format!("{}/api/v1/uploads/{id}", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.bytes().await.unwrap().as_ref(), PNG);
    let other = verified_citizen(&s, "13700000003", "李四", "42100219900101124").await;
    let (status, _) = get(&s, &other, &format!("/api/v1/uploads/{id}")).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_restaurant_application_becomes_one_case_with_four_sub_cases_exactly_once() {
    let s = dev_server().await;
    let c = verified_citizen(&s, "13700000011", "王小明", "42100219900101123").await;
    let (_, up) = upload(&s, &c, "photo.png", PNG).await;
    let body = restaurant_request(&s, up["id"].as_str().unwrap()).await;

    // A draft saved along the way is cleared by the submit.
    let res = c
        .put(format!("{}/api/v1/drafts/open-restaurant", s.base))
        .json(&json!({ "step": "review", "content": body, "saved_at": 1_795_572_000_000i64 }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);

    let (status, case) = submit(&s, &c, "submit-key-0001", &body).await;
    assert_eq!(status, 201, "{case}");
    let number = case["number"].as_str().unwrap();
    assert!(number.starts_with("LB20261125"), "{number}");
    assert_eq!(case["query_code"].as_str().unwrap().len(), 6);
    assert_eq!(case["theme_name"], "我要开饭店");
    assert_eq!(case["delivery"], "窗口领取：荆州市民之家（市政务服务中心）");
    let subs: Vec<(&str, &str, &str)> = case["sub_cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["matter_code"].as_str().unwrap(),
                s["department_name"].as_str().unwrap(),
                s["promised_date"].as_str().unwrap(),
            )
        })
        .collect();
    // Submitted on Wednesday 2026-11-25: 即办件 today; 3 working days is Monday the 30th;
    // 5 working days is Wednesday 2 December.
    assert_eq!(
        subs,
        [
            ("SCJG-002", "荆州市市场监督管理局", "2026-11-25"),
            ("SCJG-003", "荆州市市场监督管理局", "2026-11-30"),
            ("CG-001", "荆州市城市管理执法局", "2026-11-30"),
            ("ZJ-003", "荆州市住房和城乡建设局", "2026-12-02"),
        ]
    );
    assert!(case["sub_cases"][0]["number"]
        .as_str()
        .unwrap()
        .starts_with(number));

    // A retry with the same key gives the same case; a changed body under it is refused.
    let (status, again) = submit(&s, &c, "submit-key-0001", &body).await;
    assert_eq!(status, 200);
    assert_eq!(again["number"], number);
    let mut changed = body.clone();
    changed["fields"]["shop_name"] = json!("另一家店");
    let (status, refused) = submit(&s, &c, "submit-key-0001", &changed).await;
    assert_eq!(status, 409);
    assert_error(&refused, "idempotency_key_reused");

    let (_, mine) = get(&s, &c, "/api/v1/applications").await;
    assert_eq!(mine["total"], 1);
    let (status, one) = get(&s, &c, &format!("/api/v1/applications/{number}")).await;
    assert_eq!(status, 200);
    assert_eq!(one["sub_cases"].as_array().unwrap().len(), 4);
    let (status, _) = get(&s, &c, "/api/v1/drafts/open-restaurant").await;
    assert_eq!(status, 404, "the draft is cleared");

    // Another citizen sees neither the case nor it in their list.
    let other = verified_citizen(&s, "13700000012", "李四", "42100219900101124").await;
    let (status, _) = get(&s, &other, &format!("/api/v1/applications/{number}")).await;
    assert_eq!(status, 404);
    let (_, theirs) = get(&s, &other, "/api/v1/applications").await;
    assert_eq!(theirs["total"], 0);
}

#[tokio::test]
async fn concurrent_retries_of_one_submit_create_one_case() {
    let s = dev_server().await;
    let c = verified_citizen(&s, "13700000021", "王小明", "42100219900101123").await;
    let (_, up) = upload(&s, &c, "photo.png", PNG).await;
    let body = restaurant_request(&s, up["id"].as_str().unwrap()).await;
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..6 {
        let (c, url, body) = (
            c.clone(),
            format!("{}/api/v1/applications", s.base),
            body.clone(),
        );
        set.spawn(async move {
            let res = c
                .post(url)
                .header("idempotency-key", "double-tap-key")
                .json(&body)
                .send()
                .await
                .unwrap();
            (res.status().as_u16(), res.json::<Value>().await.unwrap())
        });
    }
    let results = set.join_all().await;
    let created = results.iter().filter(|(st, _)| *st == 201).count();
    assert_eq!(created, 1, "{results:?}");
    assert!(results.iter().all(|(st, _)| *st == 201 || *st == 200));
    let numbers: std::collections::BTreeSet<&str> = results
        .iter()
        .map(|(_, b)| b["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers.len(), 1);
    let (_, mine) = get(&s, &c, "/api/v1/applications").await;
    assert_eq!(mine["total"], 1);
}

#[tokio::test]
async fn tampered_applications_are_refused_with_the_field_at_fault() {
    let s = dev_server().await;
    let c = verified_citizen(&s, "13700000031", "王小明", "42100219900101123").await;
    let (_, up) = upload(&s, &c, "photo.png", PNG).await;
    let good = restaurant_request(&s, up["id"].as_str().unwrap()).await;

    // A material of a matter the answers do not bring in (the fire check under 300 m²).
    let mut extra = good.clone();
    extra["materials"]["XF-001/fire_safety_system"] =
        json!({ "kind": "upload", "uploads": [up["id"]] });
    let (status, body) = submit(&s, &c, "tamper-0001", &extra).await;
    assert_eq!(status, 422);
    assert_error(&body, "invalid_application");
    assert_eq!(
        body["error"]["fields"]["materials.XF-001/fire_safety_system"],
        "这份材料不在您的告知单中"
    );

    // A required material missing, and one that may not be deferred.
    let mut missing = good.clone();
    missing["materials"]
        .as_object_mut()
        .unwrap()
        .remove("SCJG-003/layout_plan");
    missing["materials"]["SCJG-003/safety_rules"] =
        json!({ "kind": "deferred", "commitment": true });
    let (status, body) = submit(&s, &c, "tamper-0002", &missing).await;
    assert_eq!(status, 422);
    let fields = &body["error"]["fields"];
    assert!(fields["materials.SCJG-003/layout_plan"]
        .as_str()
        .unwrap()
        .starts_with("请上传"));
    assert!(fields["materials.SCJG-003/safety_rules"]
        .as_str()
        .unwrap()
        .contains("不能容缺"));

    // A bad identity number, in the words the browser shows.
    let mut bad_id = good.clone();
    bad_id["fields"]["food_safety_manager_id_number"] = json!("421002198503120021");
    let (status, body) = submit(&s, &c, "tamper-0003", &bad_id).await;
    assert_eq!(status, 422);
    let message = body["error"]["fields"]["fields.food_safety_manager_id_number"]
        .as_str()
        .unwrap();
    assert!(message.contains("公民身份号码"), "{message}");

    // An answer that is not one of the options, and a questionnaire left half done.
    let mut bad_answer = good.clone();
    bad_answer["answers"]["venue"] = json!("castle");
    let (status, body) = submit(&s, &c, "tamper-0004", &bad_answer).await;
    assert_eq!(status, 422);
    assert!(body["error"]["fields"]["answers.venue"].is_string());

    // Someone else's upload.
    let other = verified_citizen(&s, "13700000032", "李四", "42100219900101124").await;
    let (_, theirs) = upload(&s, &other, "theirs.png", PNG).await;
    let mut foreign = good.clone();
    foreign["materials"]["premises_lease"] = json!({ "kind": "upload", "uploads": [theirs["id"]] });
    let (status, body) = submit(&s, &c, "tamper-0005", &foreign).await;
    assert_eq!(status, 422);
    assert!(body["error"]["fields"]["materials.premises_lease"]
        .as_str()
        .unwrap()
        .contains("不是您上传的"));

    // Nothing was created by any of these.
    let (_, mine) = get(&s, &c, "/api/v1/applications").await;
    assert_eq!(mine["total"], 0);
    // And the untampered one goes through.
    let (status, _) = submit(&s, &c, "tamper-0006", &good).await;
    assert_eq!(status, 201);
}

#[tokio::test]
async fn drafts_follow_the_citizen_and_an_older_save_never_wins() {
    let s = dev_server().await;
    let c = verified_citizen(&s, "13700000041", "王小明", "42100219900101123").await;
    let content = json!({ "theme_id": "newborn", "answers": { "birth_place": "local_hospital" } });
    let save = |step: &'static str, saved_at: i64| {
        let c = c.clone();
        let url = format!("{}/api/v1/drafts/newborn", s.base);
        let content = content.clone();
        async move {
            let res = c
                .put(url)
                .json(&json!({ "step": step, "content": content, "saved_at": saved_at }))
                .send()
                .await
                .unwrap();
            (res.status().as_u16(), res.json::<Value>().await.unwrap())
        }
    };
    let (status, d) = save("questions", 2_000).await;
    assert_eq!(status, 200);
    assert_eq!(d["theme_name"], "新生儿出生一件事");
    let (_, d) = save("checklist", 1_000).await;
    assert_eq!(d["step"], "questions", "the older save did not overwrite");
    let (_, d) = save("form", 3_000).await;
    assert_eq!(d["step"], "form");

    // The same account on another phone sees it (a new code may be sent after a minute).
    s.clock.advance(61);
    let phone2 = login(&s, "13700000041").await;
    let (_, list) = get(&s, &phone2, "/api/v1/drafts").await;
    assert_eq!(list["total"], 1);
    assert_eq!(
        list["items"][0]["content"]["answers"]["birth_place"],
        "local_hospital"
    );

    // Another citizen does not; an unknown theme is refused; a draft can be discarded.
    let other = verified_citizen(&s, "13700000042", "李四", "42100219900101124").await;
    let (_, theirs) = get(&s, &other, "/api/v1/drafts").await;
    assert_eq!(theirs["total"], 0);
    let res = c
        .put(format!("{}/api/v1/drafts/no-such-theme", s.base))
        .json(&json!({ "step": "questions", "content": { "theme_id": "no-such-theme" }, "saved_at": 1 }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 404);
    let res = c
        .delete(format!("{}/api/v1/drafts/newborn", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 204);
    let (status, _) = get(&s, &c, "/api/v1/drafts/newborn").await;
    assert_eq!(status, 404);
}
