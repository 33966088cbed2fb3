//! 一事联办 fixtures: an upload, and a complete 我要开饭店 application built with the same
//! engine the SPA runs.

use super::TestServer;
use lianban_core::apply::{evaluate, Answer, Answers, ThemeKit};
use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};

/// A whole 1×1 PNG (header, IHDR, IDAT, IEND), as the upload checks require.
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDAT\x78\xda\x63\x64\xf8\xcf\x50\x0f\0\x03\x86\x01\x80\x5a\x34\x7d\x6b\0\0\0\0IEND\xae\x42\x60\x82";

/// Uploads `bytes` as `name` and returns the upload's id.
pub async fn upload(s: &TestServer, c: &reqwest::Client, name: &str, bytes: &[u8]) -> String {
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
    assert_eq!(res.status().as_u16(), 201, "upload {name}");
    res.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

pub fn restaurant_answers() -> Answers {
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
pub async fn restaurant_request(s: &TestServer, upload_id: &str) -> Value {
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
            "food_safety_manager_id_number": super::id_number("42100219850312002"),
            "signboard_text": "老街坊餐馆",
            "signboard_area": "6",
            "drainage_volume": "3"
        },
        "materials": materials,
        "delivery": { "kind": "hall", "hall_id": "city-centre" }
    })
}
