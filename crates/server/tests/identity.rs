//! SMS login, sessions, real-name verification, enterprises and e-licences, over HTTP against
//! a real SQLite file, with the server's clock moved instead of sleeping.

mod common;

use clap::Parser;
use common::{assert_error, TestServer};
use lianban_core::account::Representation;
use lianban_server::config::Config;
use lianban_server::store::{IdentityStore, SqliteStore};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

async fn post(
    s: &TestServer,
    client: &reqwest::Client,
    path: &str,
    body: Value,
) -> (u16, Value, reqwest::header::HeaderMap) {
    let res = client
        .post(format!("{}{}", s.base, path))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let body = res.json().await.unwrap_or(Value::Null);
    (status, body, headers)
}

async fn send_code(s: &TestServer, client: &reqwest::Client, phone: &str) -> (u16, Value) {
    let (status, body, _) = post(
        s,
        client,
        "/api/v1/auth/sms-codes",
        json!({ "phone": phone }),
    )
    .await;
    (status, body)
}

async fn latest_code(s: &TestServer, phone: &str) -> String {
    let body = s
        .json(&format!("/api/v1/dev/sms-codes/latest?phone={phone}"), 200)
        .await;
    body["code"].as_str().unwrap().to_string()
}

/// Logs `client` in as `phone` and returns the profile.
async fn login(s: &TestServer, client: &reqwest::Client, phone: &str) -> Value {
    assert_eq!(send_code(s, client, phone).await.0, 202);
    let code = latest_code(s, phone).await;
    let (status, me, headers) = post(
        s,
        client,
        "/api/v1/auth/sessions",
        json!({ "phone": phone, "code": code }),
    )
    .await;
    assert_eq!(status, 200, "{me}");
    let cookie = headers["set-cookie"].to_str().unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    me
}

async fn get(s: &TestServer, client: &reqwest::Client, path: &str) -> (u16, Value) {
    let res = client
        .get(format!("{}{}", s.base, path))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn put(s: &TestServer, client: &reqwest::Client, path: &str, body: Value) -> (u16, Value) {
    let res = client
        .put(format!("{}{}", s.base, path))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

/// Registers an enterprise for `c`; returns the status and the answer.
async fn add_enterprise(
    s: &TestServer,
    c: &reqwest::Client,
    name: &str,
    credit_code: &str,
    confirm: bool,
) -> (u16, Value) {
    let body =
        json!({"name": name, "credit_code": credit_code, "confirm_check_character": confirm});
    let (status, body, _) = post(s, c, "/api/v1/me/enterprises", body).await;
    (status, body)
}

const ID_NUMBER: &str = "11010519491231002X";

#[tokio::test]
async fn a_citizen_logs_in_sees_a_masked_profile_and_logs_out() {
    let s = TestServer::start_dev(|_| {}).await;
    let c = TestServer::new_client();
    assert_eq!(get(&s, &c, "/api/v1/me").await.0, 401);
    let me = login(&s, &c, "138 0013 8123").await;
    assert_eq!(me["phone_masked"], "138****8123");
    assert_eq!(me["verified"], false);
    let (status, me) = get(&s, &c, "/api/v1/me").await;
    assert_eq!(status, 200);
    assert!(!me.to_string().contains("13800138123"), "{me}");

    let res = c
        .delete(format!("{}/api/v1/auth/sessions/current", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 204);
    let (status, body) = get(&s, &c, "/api/v1/me").await;
    assert_eq!(status, 401);
    assert_error(&body, "login_required");
}

#[tokio::test]
async fn a_revoked_session_is_refused_even_with_the_old_cookie() {
    let s = TestServer::start_dev(|_| {}).await;
    let plain = reqwest::Client::new();
    let (_, _, headers) = {
        assert_eq!(send_code(&s, &plain, "13800138125").await.0, 202);
        let code = latest_code(&s, "13800138125").await;
        post(
            &s,
            &plain,
            "/api/v1/auth/sessions",
            json!({"phone": "13800138125", "code": code}),
        )
        .await
    };
    let set_cookie = headers["set-cookie"].to_str().unwrap().to_string();
    let token = set_cookie.split(';').next().unwrap().to_string();
    let with_cookie = |path: &str| {
        plain
            .get(format!("{}{}", s.base, path))
            .header("cookie", token.clone())
    };
    assert_eq!(
        with_cookie("/api/v1/me")
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        200
    );
    let res = plain
        .delete(format!("{}/api/v1/auth/sessions/current", s.base))
        .header("cookie", token.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 204);
    assert_eq!(
        with_cookie("/api/v1/me")
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        401
    );
}

#[tokio::test]
async fn sessions_slide_and_expire_when_idle() {
    let s = TestServer::start_dev(|c| c.session_idle_minutes = 120).await;
    let c = TestServer::new_client();
    login(&s, &c, "13800138126").await;
    s.clock.advance(100 * 60);
    assert_eq!(
        get(&s, &c, "/api/v1/me").await.0,
        200,
        "used within 2 hours"
    );
    s.clock.advance(100 * 60);
    assert_eq!(
        get(&s, &c, "/api/v1/me").await.0,
        200,
        "the use above extended it"
    );
    s.clock.advance(121 * 60);
    assert_eq!(
        get(&s, &c, "/api/v1/me").await.0,
        401,
        "idle for over 2 hours"
    );
}

#[tokio::test]
async fn a_bad_phone_number_is_a_field_error() {
    let s = TestServer::start_dev(|_| {}).await;
    let (status, body) = send_code(&s, &s.client, "1234").await;
    assert_eq!(status, 422);
    assert!(body["error"]["fields"]["phone"]
        .as_str()
        .unwrap()
        .contains("11位"));
}

#[tokio::test]
async fn one_code_a_minute_and_the_refusal_says_when() {
    let s = TestServer::start_dev(|_| {}).await;
    assert_eq!(send_code(&s, &s.client, "13800138127").await.0, 202);
    s.clock.advance(20);
    let (status, body, headers) = post(
        &s,
        &s.client,
        "/api/v1/auth/sms-codes",
        json!({"phone": "13800138127"}),
    )
    .await;
    assert_eq!(status, 429);
    assert_error(&body, "sms_too_soon");
    assert!(body["error"]["message"].as_str().unwrap().contains("40秒"));
    assert_eq!(headers["retry-after"], "40");
    s.clock.advance(40);
    assert_eq!(send_code(&s, &s.client, "13800138127").await.0, 202);
}

#[tokio::test]
async fn codes_expire_after_five_minutes() {
    let s = TestServer::start_dev(|_| {}).await;
    send_code(&s, &s.client, "13800138128").await;
    let code = latest_code(&s, "13800138128").await;
    s.clock.advance(301);
    let (status, body, _) = post(
        &s,
        &s.client,
        "/api/v1/auth/sessions",
        json!({"phone": "13800138128", "code": code}),
    )
    .await;
    assert_eq!(status, 422);
    assert_error(&body, "code_expired");
}

/// POST from a given client address (the server trusts X-Forwarded-For in these tests).
async fn post_from(
    s: &TestServer,
    client: &reqwest::Client,
    addr: &str,
    path: &str,
    body: Value,
) -> (u16, Value, reqwest::header::HeaderMap) {
    let res = client
        .post(format!("{}{}", s.base, path))
        .header("x-forwarded-for", addr)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    (status, res.json().await.unwrap_or(Value::Null), headers)
}

/// Asks for a code for `phone` from `addr` and reads it from the development outbox.
async fn code_sent_from(s: &TestServer, addr: &str, phone: &str) -> String {
    let (status, body, _) = post_from(
        s,
        &s.client,
        addr,
        "/api/v1/auth/sms-codes",
        json!({"phone": phone}),
    )
    .await;
    assert_eq!(status, 202, "{body}");
    latest_code(s, phone).await
}

fn wrong_code(code: &str) -> &'static str {
    if code == "000000" {
        "111111"
    } else {
        "000000"
    }
}

#[tokio::test]
async fn five_wrong_tries_from_one_address_stop_that_address_for_that_number() {
    let s = TestServer::start_dev(|c| c.trust_forwarded_for = true).await;
    let phone = "13800138129";
    let here = "198.51.100.20";
    let code = code_sent_from(&s, here, phone).await;
    let wrong = wrong_code(&code);
    for remaining in (1..=4).rev() {
        let (status, body, _) = post_from(
            &s,
            &s.client,
            here,
            "/api/v1/auth/sessions",
            json!({"phone": phone, "code": wrong}),
        )
        .await;
        assert_eq!(status, 422);
        assert!(
            body["error"]["fields"]["code"]
                .as_str()
                .unwrap()
                .contains(&format!("还可以再试{remaining}次")),
            "{body}"
        );
    }
    let (status, body, headers) = post_from(
        &s,
        &s.client,
        here,
        "/api/v1/auth/sessions",
        json!({"phone": phone, "code": wrong}),
    )
    .await;
    assert_eq!(status, 429);
    assert_error(&body, "login_attempts_number");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("15分钟后再试"),
        "{body}"
    );
    assert_eq!(headers["retry-after"], "900");
    // Nothing is checked while the address waits, not even the right code.
    let (status, _, _) = post_from(
        &s,
        &s.client,
        here,
        "/api/v1/auth/sessions",
        json!({"phone": phone, "code": code}),
    )
    .await;
    assert_eq!(status, 429);
    // After the wait, with a new code, the same address logs in.
    s.clock.advance(900);
    post_from(
        &s,
        &s.client,
        here,
        "/api/v1/auth/sms-codes",
        json!({"phone": phone}),
    )
    .await;
    let code = latest_code(&s, phone).await;
    let (status, body, _) = post_from(
        &s,
        &s.client,
        here,
        "/api/v1/auth/sessions",
        json!({"phone": phone, "code": code}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
}

/// The attack of issue 9: wrong codes sent anonymously for someone else's number, from many
/// addresses, used to void the owner's live code.
#[tokio::test]
async fn a_strangers_wrong_codes_do_not_stop_the_owner_logging_in() {
    let s = TestServer::start_dev(|c| c.trust_forwarded_for = true).await;
    let phone = "13800138140";
    let owner = "198.51.100.30";
    let code = code_sent_from(&s, owner, phone).await;
    let wrong = wrong_code(&code);
    let stranger = TestServer::new_client();
    let mut statuses = Vec::new();
    for addr in ["203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4"] {
        for _ in 0..6 {
            let (status, body, _) = post_from(
                &s,
                &stranger,
                addr,
                "/api/v1/auth/sessions",
                json!({"phone": phone, "code": wrong}),
            )
            .await;
            assert!(status == 422 || status == 429, "{status} {body}");
            statuses.push(status);
        }
    }
    assert!(
        statuses.iter().filter(|s| **s == 422).count() <= 10,
        "other addresses share at most 10 wrong tries at one code: {statuses:?}"
    );
    // Even the right code is refused to strangers now: the code is theirs no more to try.
    let (status, body, _) = post_from(
        &s,
        &stranger,
        "203.0.113.5",
        "/api/v1/auth/sessions",
        json!({"phone": phone, "code": code}),
    )
    .await;
    assert_eq!(status, 429, "{body}");
    assert_error(&body, "code_attempts_exhausted");

    let mine = TestServer::new_client();
    let (status, me, _) = post_from(
        &s,
        &mine,
        owner,
        "/api/v1/auth/sessions",
        json!({"phone": phone, "code": code}),
    )
    .await;
    assert_eq!(status, 200, "the owner logs in with the code: {me}");
    assert_eq!(me["phone_masked"], "138****8140");
}

/// The attack of issue 9: 500 tries in 0.4 s from one address, none refused.
#[tokio::test]
async fn five_hundred_tries_from_one_address_are_refused_after_the_threshold() {
    let s = TestServer::start_dev(|c| {
        c.trust_forwarded_for = true;
        c.login_failures_per_address = 30;
    })
    .await;
    let attacker = "203.0.113.66";
    let mut refused = 0;
    let mut first_refusal = None;
    for i in 0..500 {
        let phone = format!("1370000{i:04}");
        let (status, body, headers) = post_from(
            &s,
            &s.client,
            attacker,
            "/api/v1/auth/sessions",
            json!({"phone": phone, "code": "123456"}),
        )
        .await;
        if status == 429 {
            assert_error(&body, "login_attempts_address");
            assert!(headers.contains_key("retry-after"));
            refused += 1;
            first_refusal.get_or_insert(i);
        } else {
            assert_eq!(status, 422, "{body}");
        }
    }
    assert_eq!(first_refusal, Some(30), "refused from the 31st try on");
    assert_eq!(refused, 470);

    // Another address, and the same one after the window, are served.
    let (status, body, _) = post_from(
        &s,
        &s.client,
        "198.51.100.40",
        "/api/v1/auth/sessions",
        json!({"phone": "13700009999", "code": "123456"}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    s.clock.advance(15 * 60);
    let (status, _, _) = post_from(
        &s,
        &s.client,
        attacker,
        "/api/v1/auth/sessions",
        json!({"phone": "13700009999", "code": "123456"}),
    )
    .await;
    assert_eq!(status, 422);
}

/// The attack of issue 9: ten sends a minute apart used up a number's codes until midnight.
#[tokio::test]
async fn sends_from_one_address_cannot_exhaust_a_number_for_another() {
    let s = TestServer::start_dev(|c| {
        c.trust_forwarded_for = true;
        c.sms_per_phone_per_day = 10;
        c.sms_per_phone_per_address_per_day = 5;
    })
    .await;
    let phone = "13800138141";
    let attacker = "203.0.113.77";
    for _ in 0..5 {
        let (status, body, _) = post_from(
            &s,
            &s.client,
            attacker,
            "/api/v1/auth/sms-codes",
            json!({"phone": phone}),
        )
        .await;
        assert_eq!(status, 202, "{body}");
        s.clock.advance(61);
    }
    for _ in 0..5 {
        let (status, body, headers) = post_from(
            &s,
            &s.client,
            attacker,
            "/api/v1/auth/sms-codes",
            json!({"phone": phone}),
        )
        .await;
        assert_eq!(status, 429, "{body}");
        assert_error(&body, "sms_phone_address_limit");
        assert!(body["error"]["message"].as_str().unwrap().contains("明天"));
        let wait: i64 = headers["retry-after"].to_str().unwrap().parse().unwrap();
        assert!(wait > 0 && wait <= 86_400, "until midnight: {wait}");
        s.clock.advance(61);
    }
    let owner = TestServer::new_client();
    let (status, _, _) = post_from(
        &s,
        &owner,
        "198.51.100.50",
        "/api/v1/auth/sms-codes",
        json!({"phone": phone}),
    )
    .await;
    assert_eq!(status, 202, "the owner still gets a code");
    let code = latest_code(&s, phone).await;
    let (status, _, _) = post_from(
        &s,
        &owner,
        "198.51.100.50",
        "/api/v1/auth/sessions",
        json!({"phone": phone, "code": code}),
    )
    .await;
    assert_eq!(status, 200);
}

/// The attack of issue 9: with a forged left-most X-Forwarded-For, 45 of 45 codes went out
/// past a per-address cap of 30.
#[tokio::test]
async fn a_forged_forwarded_for_does_not_escape_the_address_cap() {
    let s = TestServer::start_dev(|c| {
        c.trust_forwarded_for = true;
        c.sms_per_address_per_day = 30;
    })
    .await;
    let mut sent = 0;
    for i in 0..45 {
        // The client writes the left entry; the proxy appends the address it saw.
        let forwarded = format!("10.{i}.0.1, 198.51.100.60");
        let (status, body, _) = post_from(
            &s,
            &s.client,
            &forwarded,
            "/api/v1/auth/sms-codes",
            json!({"phone": format!("1360000{i:04}")}),
        )
        .await;
        if i < 30 {
            assert_eq!(status, 202, "send {i}: {body}");
            sent += 1;
        } else {
            assert_eq!(status, 429, "send {i}: {body}");
            assert_error(&body, "sms_address_limit");
        }
    }
    assert_eq!(sent, 30);
}

#[tokio::test]
async fn behind_two_proxies_the_second_entry_from_the_right_counts() {
    let s = TestServer::start_dev(|c| {
        c.trust_forwarded_for = true;
        c.trusted_proxies = 2;
        c.sms_per_address_per_day = 2;
    })
    .await;
    for i in 0..3 {
        let forwarded = format!("10.0.0.{i}, 198.51.100.70, 10.1.1.1");
        let (status, _, _) = post_from(
            &s,
            &s.client,
            &forwarded,
            "/api/v1/auth/sms-codes",
            json!({"phone": format!("1350000{i:04}")}),
        )
        .await;
        assert_eq!(status, if i < 2 { 202 } else { 429 }, "send {i}");
    }
    // Another client behind the same proxies is counted on its own.
    let (status, _, _) = post_from(
        &s,
        &s.client,
        "198.51.100.71, 10.1.1.1",
        "/api/v1/auth/sms-codes",
        json!({"phone": "13500009999"}),
    )
    .await;
    assert_eq!(status, 202);
}

#[tokio::test]
async fn daily_caps_per_number_and_per_address() {
    let s = TestServer::start_dev(|c| {
        c.sms_per_phone_per_day = 2;
        c.sms_per_address_per_day = 3;
    })
    .await;
    for _ in 0..2 {
        assert_eq!(send_code(&s, &s.client, "13800138130").await.0, 202);
        s.clock.advance(61);
    }
    let (status, body) = send_code(&s, &s.client, "13800138130").await;
    assert_eq!(status, 429);
    assert_error(&body, "sms_daily_limit");

    assert_eq!(send_code(&s, &s.client, "13800138131").await.0, 202);
    let (status, body) = send_code(&s, &s.client, "13800138132").await;
    assert_eq!(status, 429, "the address has used its 3 codes today");
    assert_error(&body, "sms_address_limit");

    s.clock.advance(86_400);
    assert_eq!(
        send_code(&s, &s.client, "13800138130").await.0,
        202,
        "a new day"
    );
}

#[tokio::test]
async fn real_name_verification_checks_the_number_and_binds_it_once() {
    let s = TestServer::start_dev(|_| {}).await;
    let a = TestServer::new_client();
    login(&s, &a, "13800138133").await;

    let mut wrong = ID_NUMBER.to_string();
    wrong.replace_range(17..18, "1");
    let (status, body) = put(
        &s,
        &a,
        "/api/v1/me/identity",
        json!({"name": "王", "id_number": wrong}),
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        body["error"]["fields"]["id_number"]
            .as_str()
            .unwrap()
            .contains("校验码"),
        "{body}"
    );
    assert!(body["error"]["fields"]["name"].is_string());

    let (status, me) = put(
        &s,
        &a,
        "/api/v1/me/identity",
        json!({"name": "王小明", "id_number": "11010519491231002x"}),
    )
    .await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["verified"], true);
    assert_eq!(me["name"], "王小明");
    assert_eq!(me["id_number_masked"], "1101**********002X");
    assert!(!me.to_string().contains(ID_NUMBER));

    let (_, licences) = get(&s, &a, "/api/v1/me/licences").await;
    let kinds: Vec<&str> = licences["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["居民身份证"]);
    assert_eq!(licences["items"][0]["number_masked"], "1101**********002X");

    let b = TestServer::new_client();
    login(&s, &b, "13800138134").await;
    let (status, body) = put(
        &s,
        &b,
        "/api/v1/me/identity",
        json!({"name": "王小明", "id_number": ID_NUMBER}),
    )
    .await;
    assert_eq!(
        status, 422,
        "a taken number is not told apart from a mismatch"
    );
    assert_error(&body, "identity_mismatch");
    let (_, b_licences) = get(&s, &b, "/api/v1/me/licences").await;
    assert_eq!(b_licences["total"], 0, "B never sees A's licences");
    let (_, b_me) = get(&s, &b, "/api/v1/me").await;
    assert_eq!(b_me["verified"], false);
}

#[tokio::test]
async fn enterprises_need_verification_and_a_sound_credit_code() {
    let s = TestServer::start_dev(|_| {}).await;
    let c = TestServer::new_client();
    login(&s, &c, "13800138135").await;
    let good = "91421000MA49X7H5B1";
    let (status, body) = add_enterprise(&s, &c, "荆州示例有限公司", good, false).await;
    assert_eq!(status, 403);
    assert_error(&body, "identity_required");

    put(
        &s,
        &c,
        "/api/v1/me/identity",
        json!({"name": "王小明", "id_number": ID_NUMBER}),
    )
    .await;

    let (status, body) =
        add_enterprise(&s, &c, "荆州示例有限公司", "91421000MA49X7H5", false).await;
    assert_eq!(status, 422);
    assert!(body["error"]["fields"]["credit_code"]
        .as_str()
        .unwrap()
        .contains("18位"));

    let mismatched = "91421000MA49X7H5B2";
    let (status, body) = add_enterprise(&s, &c, "荆州老字号商行", mismatched, false).await;
    assert_eq!(status, 422);
    assert_error(&body, "credit_code_unconfirmed");
    let (status, e) = add_enterprise(&s, &c, "荆州老字号商行", mismatched, true).await;
    assert_eq!(status, 201);
    assert_eq!(e["check_character_ok"], false);

    let (status, e) = add_enterprise(&s, &c, "荆州示例有限公司", &good.to_lowercase(), false).await;
    assert_eq!(status, 201);
    assert_eq!(e["credit_code"], good);
    let (status, _) = add_enterprise(&s, &c, "荆州示例有限公司", good, false).await;
    assert_eq!(status, 409);
    let (_, list) = get(&s, &c, "/api/v1/me/enterprises").await;
    assert_eq!(list["total"], 2);
}

#[tokio::test]
async fn demo_citizens_hold_their_e_licences() {
    let s = TestServer::start_dev(|_| {}).await;
    let c = TestServer::new_client();
    let me = login(&s, &c, "13900139000").await;
    assert_eq!(me["verified"], true);
    assert_eq!(me["enterprise_count"], 1);
    let (_, licences) = get(&s, &c, "/api/v1/me/licences").await;
    let kinds: Vec<&str> = licences["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"营业执照") && kinds.contains(&"居民身份证"),
        "{kinds:?}"
    );
}

#[tokio::test]
async fn cross_site_writes_are_refused() {
    let s = TestServer::start_dev(|_| {}).await;
    for (header, value) in [
        ("origin", "https://evil.example"),
        ("sec-fetch-site", "cross-site"),
    ] {
        let res = s
            .client
            .post(format!("{}/api/v1/auth/sms-codes", s.base))
            .header(header, value)
            .json(&json!({"phone": "13800138136"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 403);
        assert_error(&res.json().await.unwrap(), "cross_site_request");
    }
    let same = s
        .client
        .post(format!("{}/api/v1/auth/sms-codes", s.base))
        .header("origin", s.base.clone())
        .json(&json!({"phone": "13800138136"}))
        .send()
        .await
        .unwrap();
    assert_eq!(same.status().as_u16(), 202);
}

#[tokio::test]
async fn without_dev_there_is_no_outbox_and_no_gateway() {
    let s = TestServer::start().await;
    assert_eq!(
        s.get("/api/v1/dev/sms-codes/latest?phone=13800138137")
            .await
            .status()
            .as_u16(),
        404
    );
    let (status, body) = send_code(&s, &s.client, "13800138137").await;
    assert_eq!(status, 503);
    assert_error(&body, "sms_unavailable");
}

#[tokio::test]
async fn preferences_follow_the_account() {
    let s = TestServer::start_dev(|_| {}).await;
    let c = TestServer::new_client();
    login(&s, &c, "13800138138").await;
    let (status, me) = put(
        &s,
        &c,
        "/api/v1/me/preferences",
        json!({"elder_mode": true, "language": "zh-CN"}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(me["preferences"]["elder_mode"], true);
    let (status, body) = put(
        &s,
        &c,
        "/api/v1/me/preferences",
        json!({"elder_mode": true, "language": "fr"}),
    )
    .await;
    assert_eq!(status, 422);
    assert!(body["error"]["fields"]["language"].is_string());
}

/// The attack of issue 9: any verified citizen could add any enterprise's credit code as
/// theirs, and act for it.
#[tokio::test]
async fn anyone_elses_credit_code_is_recorded_unconfirmed() {
    let s = TestServer::start_dev(|_| {}).await;
    let c = common::verified_citizen(&s, "13800138142", "王小明", "11010519491231002").await;
    // 李记餐饮店's business licence names 李娜, the demo citizen, as legal representative.
    let (status, e) = add_enterprise(
        &s,
        &c,
        "荆州市沙市区李记餐饮店",
        "92421002MA4F8K3L2J",
        false,
    )
    .await;
    assert_eq!(status, 201, "{e}");
    assert_eq!(e["representation"], "unconfirmed");
    let (_, list) = get(&s, &c, "/api/v1/me/enterprises").await;
    assert_eq!(list["items"][0]["representation"], "unconfirmed");
    // A code the registry does not know at all is unconfirmed too.
    let (status, e) = add_enterprise(&s, &c, "荆州示例有限公司", "91421000MA49X7H5B1", false).await;
    assert_eq!(status, 201);
    assert_eq!(e["representation"], "unconfirmed");

    let li = common::login(&s, "13900139000").await;
    let (_, theirs) = get(&s, &li, "/api/v1/me/enterprises").await;
    assert_eq!(theirs["items"][0]["credit_code"], "92421002MA4F8K3L2J");
    assert_eq!(theirs["items"][0]["representation"], "confirmed_by_licence");
}

#[tokio::test]
async fn the_legal_representative_named_by_the_licence_is_confirmed_at_once() {
    let s = TestServer::start_dev(|_| {}).await;
    // data/demo/business-licences.toml: 陈静 represents 江汉食品.
    let c = common::verified_citizen(&s, "13800138143", "陈静", "42100219760315002").await;
    let (status, e) = add_enterprise(&s, &c, "江汉食品", "91421002ma4g7r2k5e", false).await;
    assert_eq!(status, 201, "{e}");
    assert_eq!(e["representation"], "confirmed_by_licence");
    assert_eq!(
        e["name"], "荆州市沙市区江汉食品有限公司",
        "the registered name, not the one typed"
    );
}

#[tokio::test]
async fn a_clerk_confirms_a_representation_and_the_citizen_sees_it() {
    let s = TestServer::start_dev(|_| {}).await;
    let c = common::verified_citizen(&s, "13800138144", "王小明", "11010519491231002").await;
    let (_, e) = add_enterprise(&s, &c, "荆州示例有限公司", "91421000MA49X7H5B1", false).await;
    let id = e["id"].as_i64().unwrap();
    assert_eq!(e["representation"], "unconfirmed");

    // The clerk workbench will call this store method.
    let store = SqliteStore::connect(&format!(
        "sqlite://{}",
        s.dir.path().join("test.db").display()
    ))
    .await
    .unwrap();
    let confirmed = store
        .confirm_enterprise(id, "clerk-0042", common::START)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(confirmed.representation, Representation::ConfirmedByClerk);
    assert!(confirmed.may_act_for());
    assert!(store
        .confirm_enterprise(id + 1000, "clerk-0042", common::START)
        .await
        .unwrap()
        .is_none());

    let (_, list) = get(&s, &c, "/api/v1/me/enterprises").await;
    assert_eq!(list["items"][0]["representation"], "confirmed_by_clerk");
}

/// A stand-in for the platform's identity service, on 127.0.0.1:0. It knows one person (王小明
/// with [`ID_NUMBER`]) and wants the key `stand-in-key`.
#[derive(Clone, Copy)]
enum Service {
    Registry,
    Fails,
    Slow,
    OffContract,
}

struct StandIn {
    url: String,
    calls: Arc<AtomicUsize>,
}

async fn stand_in(mode: Service) -> StandIn {
    use axum::http::{HeaderMap, StatusCode};
    use axum::response::IntoResponse;
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = calls.clone();
    let answer = move |headers: HeaderMap, axum::Json(q): axum::Json<Value>| {
        let counted = counted.clone();
        async move {
            counted.fetch_add(1, Ordering::SeqCst);
            let key = headers.get("authorization").and_then(|v| v.to_str().ok());
            if key != Some("Bearer stand-in-key") {
                return StatusCode::UNAUTHORIZED.into_response();
            }
            match mode {
                Service::Registry => {
                    let matched = q["name"] == "王小明" && q["id_number"] == ID_NUMBER;
                    axum::Json(json!({ "match": matched })).into_response()
                }
                Service::Fails => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
                Service::Slow => {
                    tokio::time::sleep(Duration::from_secs(5)).await;
                    axum::Json(json!({ "match": true })).into_response()
                }
                Service::OffContract => "<html>OK</html>".into_response(),
            }
        }
    };
    let app = axum::Router::new().route("/verify", axum::routing::post(answer));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    StandIn {
        url: format!("http://{addr}/verify"),
        calls,
    }
}

/// A server (with the dev SMS outbox, to log in) that asks the identity service at `url`.
async fn with_identity_service(url: &str, key: &str) -> TestServer {
    let (url, key) = (url.to_string(), key.to_string());
    TestServer::start_dev(move |c| {
        c.identity_verifier_url = Some(url);
        c.identity_verifier_key = Some(key);
        c.identity_verifier_timeout_seconds = 1;
    })
    .await
}

#[tokio::test]
async fn real_name_verification_asks_the_identity_service() {
    let service = stand_in(Service::Registry).await;
    let s = with_identity_service(&service.url, "stand-in-key").await;
    let c = common::login(&s, "13800138145").await;
    let (status, body) = put(
        &s,
        &c,
        "/api/v1/me/identity",
        json!({"name": "王大明", "id_number": ID_NUMBER}),
    )
    .await;
    assert_eq!(
        status, 422,
        "a well-formed number with the wrong name: {body}"
    );
    assert_error(&body, "identity_mismatch");
    let (status, me) = put(
        &s,
        &c,
        "/api/v1/me/identity",
        json!({"name": "王小明", "id_number": ID_NUMBER}),
    )
    .await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["verified"], true);
    assert_eq!(service.calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_failing_identity_service_is_a_503_never_a_yes() {
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/verify", l.local_addr().unwrap())
    };
    let fails = stand_in(Service::Fails).await;
    let slow = stand_in(Service::Slow).await;
    let off = stand_in(Service::OffContract).await;
    let registry = stand_in(Service::Registry).await;
    let cases = [
        (closed.as_str(), "stand-in-key", "unreachable"),
        (fails.url.as_str(), "stand-in-key", "a 500"),
        (
            slow.url.as_str(),
            "stand-in-key",
            "no answer within the timeout",
        ),
        (
            off.url.as_str(),
            "stand-in-key",
            "an answer outside the contract",
        ),
        (registry.url.as_str(), "wrong-key", "a refused key"),
    ];
    for (i, (url, key, what)) in cases.into_iter().enumerate() {
        let s = with_identity_service(url, key).await;
        let c = common::login(&s, &format!("1380013815{i}")).await;
        let (status, body) = put(
            &s,
            &c,
            "/api/v1/me/identity",
            json!({"name": "王小明", "id_number": ID_NUMBER}),
        )
        .await;
        assert_eq!(status, 503, "{what}: {body}");
        assert_error(&body, "identity_service_unavailable");
        let (_, me) = get(&s, &c, "/api/v1/me").await;
        assert_eq!(me["verified"], false, "{what}");
    }
    assert_eq!(slow.calls.load(Ordering::SeqCst), 1);
}

/// The smaller finding of issue 9: `409 id_number_taken` told anyone that a number is
/// registered.
#[tokio::test]
async fn a_registered_number_is_answered_like_a_mismatch() {
    let service = stand_in(Service::Registry).await;
    let s = with_identity_service(&service.url, "stand-in-key").await;
    let owner = common::login(&s, "13800138146").await;
    let (status, _) = put(
        &s,
        &owner,
        "/api/v1/me/identity",
        json!({"name": "王小明", "id_number": ID_NUMBER}),
    )
    .await;
    assert_eq!(status, 200);

    let other = common::login(&s, "13800138147").await;
    let taken = put(
        &s,
        &other,
        "/api/v1/me/identity",
        json!({"name": "王小明", "id_number": ID_NUMBER}),
    )
    .await;
    let mismatch = put(
        &s,
        &other,
        "/api/v1/me/identity",
        json!({"name": "王大明", "id_number": ID_NUMBER}),
    )
    .await;
    assert_eq!(taken, mismatch, "the two answers cannot be told apart");
    assert_eq!(taken.0, 422);
    assert_error(&taken.1, "identity_mismatch");
    let message = taken.1["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("服务大厅"),
        "the owner is told where: {message}"
    );
}

#[tokio::test]
async fn without_dev_and_without_an_identity_service_the_server_refuses_to_start() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::for_paths(
        format!("sqlite://{}", dir.path().join("test.db").display()),
        dir.path().join("dist"),
        common::repo_data_dir(),
    );
    config.accept_well_formed_identities = false;
    let refusal = |config: Config| async move {
        match lianban_server::build_state(&config).await {
            Ok(_) => panic!("the server started"),
            Err(e) => format!("{e:#}"),
        }
    };
    let why = refusal(config.clone()).await;
    assert!(
        why.contains("no identity verifier is configured")
            && why.contains("--identity-verifier-url"),
        "{why}"
    );

    // Only tests can set the switch: the command line knows no such option.
    let parsed = Config::try_parse_from(["lianban-server"]).unwrap();
    assert!(!parsed.accept_well_formed_identities);
    assert!(Config::try_parse_from(["lianban-server", "--accept-well-formed-identities"]).is_err());

    let mut no_key = config.clone();
    no_key.identity_verifier_url = Some("http://127.0.0.1:9/verify".into());
    assert!(refusal(no_key)
        .await
        .contains("needs --identity-verifier-key"));
    let mut https = config.clone();
    https.identity_verifier_url = Some("https://ids.example/verify".into());
    https.identity_verifier_key = Some("k".into());
    assert!(refusal(https).await.contains("plain HTTP"));
}

/// The question the app asks at every start: anonymous is `null` with 200 (no error in the
/// browser's console), a logged-in citizen is the profile of `/me`, and after logout `null`.
#[tokio::test]
async fn the_current_session_answers_anonymous_visitors_without_an_error() {
    let s = TestServer::start_dev(|_| {}).await;
    let anonymous = s.get("/api/v1/auth/sessions/current").await;
    assert_eq!(anonymous.status().as_u16(), 200);
    assert_eq!(anonymous.json::<Value>().await.unwrap(), Value::Null);
    // A cookie naming no session is anonymous too.
    let stale = TestServer::new_client()
        .get(format!("{}/api/v1/auth/sessions/current", s.base))
        .header("cookie", "lianban_session=not-a-session")
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status().as_u16(), 200);
    assert_eq!(stale.json::<Value>().await.unwrap(), Value::Null);

    let c = common::login(&s, "13800138000").await;
    let get = |path: &'static str| {
        let c = c.clone();
        let url = format!("{}{path}", s.base);
        async move {
            c.get(url)
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    let current = get("/api/v1/auth/sessions/current").await;
    assert_eq!(current, get("/api/v1/me").await);
    assert!(
        current["phone_masked"]
            .as_str()
            .is_some_and(|p| p.contains("****")),
        "{current}"
    );
    let out = c
        .delete(format!("{}/api/v1/auth/sessions/current", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(out.status().as_u16(), 204);
    assert_eq!(get("/api/v1/auth/sessions/current").await, Value::Null);
}
