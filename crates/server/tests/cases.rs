//! Cases that move, against the real server and database: a clerk acts, the citizen sees
//! the timeline, the clock and the messages; the public lookup; who may touch what.

mod common;

use common::cases::{clerk, clerk_act, sub_case_of, submitted_restaurant, DEMO_PASSWORD};
use common::{assert_error, verified_citizen, TestServer};
use reqwest::Client;
use serde_json::{json, Value};

const SCJGJ: &str = "荆州市市场监督管理局";

async fn get(s: &TestServer, c: &Client, path: &str) -> (u16, Value) {
    let res = c.get(format!("{}{path}", s.base)).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn post(s: &TestServer, c: &Client, path: &str, key: &str, body: Value) -> (u16, Value) {
    let res = c
        .post(format!("{}{path}", s.base))
        .header("idempotency-key", key)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

fn sub<'a>(case: &'a Value, number: &str) -> &'a Value {
    case["sub_cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["number"] == number)
        .unwrap()
}

#[tokio::test]
async fn a_case_goes_from_submit_through_a_supplement_to_approval() {
    let s = TestServer::start_dev(|_| {}).await;
    let citizen = verified_citizen(&s, "13900000301", "王小明", "42100219900101301").await;
    let case = submitted_restaurant(&s, &citizen, "cases-flow-1").await;
    let number = case["number"].as_str().unwrap().to_string();
    assert_eq!(number, "LB20261125000001", "the day's first case");
    let a = sub_case_of(&case, SCJGJ);
    assert_eq!(sub(&case, &a)["status"], "submitted");
    assert_eq!(sub(&case, &a)["actions"], json!(["withdraw"]));
    assert_eq!(
        sub(&case, &a)["deadline"]["remaining"],
        "受理后开始计时",
        "the clock starts at acceptance"
    );

    let clerk = clerk(&s, "scjgj.demo").await;
    let (status, list) = get(&s, &clerk, "/api/v1/clerk/sub-cases").await;
    assert_eq!(status, 200);
    assert!(list["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["number"] == a));
    let item = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["number"] == a)
        .unwrap();
    assert_eq!(item["applicant"], "王*明", "the list masks the name");

    let (status, detail) = get(&s, &clerk, &format!("/api/v1/clerk/sub-cases/{a}")).await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(
        detail["applicant_name"], "王小明",
        "the detail shows it in full"
    );
    assert!(detail["fields"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["value"] == "老街坊餐馆"));
    assert!(detail["actions"]
        .as_array()
        .unwrap()
        .contains(&json!("accept")));

    let (status, after) =
        clerk_act(&s, &clerk, &a, "flow-accept", json!({"action": "accept"})).await;
    assert_eq!(status, 200, "{after}");
    assert_eq!(after["state"]["status"], "accepted");
    assert!(after["item"]["deadline"]["due"].is_string(), "{after}");
    // Beside every due date, the sentence that explains it.
    assert!(after["item"]["deadline"]["explanation"]
        .as_str()
        .unwrap()
        .contains("11月25日受理"));
    let (status, _) = clerk_act(
        &s,
        &clerk,
        &a,
        "flow-review",
        json!({"action": "start_review"}),
    )
    .await;
    assert_eq!(status, 200);
    let items = json!([
        {"kind": "missing", "name": "房屋租赁合同", "reason": "未上传经营场所的租赁合同"},
        {"kind": "unclear", "name": "营业执照", "reason": "照片模糊，请重新拍摄"}
    ]);
    let (status, after) = clerk_act(
        &s,
        &clerk,
        &a,
        "flow-supplement",
        json!({"action": "request_supplement", "items": items}),
    )
    .await;
    assert_eq!(status, 200, "{after}");
    assert_eq!(after["state"]["status"], "supplement_requested");

    // The citizen: three messages, the case waits for them, the items are listed.
    let (_, unread) = get(&s, &citizen, "/api/v1/me/messages/unread").await;
    assert_eq!(unread["unread"], 3);
    let (_, mine) = get(&s, &citizen, &format!("/api/v1/applications/{number}")).await;
    assert_eq!(mine["status"], "awaiting_citizen");
    assert!(
        mine["next_step"].as_str().unwrap().contains("补正"),
        "{mine}"
    );
    let s_a = sub(&mine, &a);
    assert_eq!(s_a["state"]["items"][0]["name"], "房屋租赁合同");
    assert_eq!(s_a["actions"], json!(["provide_supplement"]));
    assert_eq!(s_a["deadline"]["remaining"], "补正期间暂停计时");
    let titles: Vec<&str> = s_a["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["受理", "开始审查", "要求补正"]);
    assert_eq!(
        s_a["timeline"][0]["who"], SCJGJ,
        "the department, never the clerk"
    );

    // Confirming without the files is refused; every item needs its own.
    let supplement = format!("/api/v1/applications/{number}/sub-cases/{a}/supplement");
    let (status, body) = post(
        &s,
        &citizen,
        &format!("/api/v1/applications/{number}/sub-cases/{a}/actions"),
        "flow-bare-confirm",
        json!({"action": "provide_supplement"}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let contract = common::apply::upload(&s, &citizen, "contract.png", common::apply::PNG).await;
    let (status, body) = post(
        &s,
        &citizen,
        &supplement,
        "flow-half",
        json!({"items": [{"uploads": [contract]}, {"uploads": []}]}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["fields"]["items.1"], "请上传“营业执照”");
    let licence = common::apply::upload(&s, &citizen, "licence.png", common::apply::PNG).await;
    let (status, mine) = post(
        &s,
        &citizen,
        &supplement,
        "flow-provided",
        json!({"items": [{"uploads": [contract]}, {"uploads": [licence]}]}),
    )
    .await;
    assert_eq!(status, 200, "{mine}");
    assert_eq!(sub(&mine, &a)["status"], "supplement_provided");
    // The clerk sees what came, item by item, and can open it.
    let (_, detail) = get(&s, &clerk, &format!("/api/v1/clerk/sub-cases/{a}")).await;
    assert_eq!(detail["supplied"][1]["name"], "营业执照", "{detail}");
    let file = detail["supplied"][1]["files"][0]["id"].as_str().unwrap();
    let res = clerk
        .get(format!(
            "{}/api/v1/clerk/sub-cases/{a}/files/{file}",
            s.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.bytes().await.unwrap().as_ref(), common::apply::PNG);

    let (status, _) = clerk_act(
        &s,
        &clerk,
        &a,
        "flow-review-2",
        json!({"action": "start_review"}),
    )
    .await;
    assert_eq!(status, 200);
    let (status, after) = clerk_act(
        &s,
        &clerk,
        &a,
        "flow-approve",
        json!({"action": "approve", "result": "食品经营许可证 JY14210020000123"}),
    )
    .await;
    assert_eq!(status, 200, "{after}");
    let (_, mine) = get(&s, &citizen, &format!("/api/v1/applications/{number}")).await;
    assert_eq!(sub(&mine, &a)["status"], "approved");
    assert_eq!(sub(&mine, &a)["deadline"]["on_time"], true);
    let (_, messages) = get(&s, &citizen, "/api/v1/me/messages").await;
    assert_eq!(messages["total"], 6);
    assert_eq!(messages["items"][0]["title"], "已办结");

    // 办事公开 counts it, the citizen's own 补正 in its history included.
    let (_, stats) = get(&s, &TestServer::new_client(), "/api/v1/stats").await;
    let dept = stats["departments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "scjgj")
        .unwrap();
    assert_eq!(dept["concluded"], 1, "{dept}");
}

#[tokio::test]
async fn a_repeated_action_is_recorded_once_and_a_stale_one_is_refused_with_the_state() {
    let s = TestServer::start_dev(|_| {}).await;
    let citizen = verified_citizen(&s, "13900000302", "李四", "42100219900101302").await;
    let case = submitted_restaurant(&s, &citizen, "cases-idem-1").await;
    let a = sub_case_of(&case, SCJGJ);
    let clerk = clerk(&s, "scjgj.demo").await;
    for _ in 0..2 {
        let (status, after) =
            clerk_act(&s, &clerk, &a, "double-tap", json!({"action": "accept"})).await;
        assert_eq!(status, 200, "{after}");
        assert_eq!(after["timeline"].as_array().unwrap().len(), 1, "one event");
    }
    // A second clerk's accept, with its own key, finds the case accepted already.
    let (status, refusal) =
        clerk_act(&s, &clerk, &a, "another-tap", json!({"action": "accept"})).await;
    assert_eq!(status, 409, "{refusal}");
    assert!(refusal["error"]["message"]
        .as_str()
        .unwrap()
        .contains("已受理"));
    // A refusal needs its reason.
    let b = case["sub_cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["number"] != a && x["department_name"] == SCJGJ)
        .map(|x| x["number"].as_str().unwrap().to_string());
    if let Some(b) = b {
        let (status, refusal) = clerk_act(
            &s,
            &clerk,
            &b,
            "refuse-blank",
            json!({"action": "refuse", "reason": "  "}),
        )
        .await;
        assert_eq!(status, 422, "{refusal}");
    }
    // The citizen may no longer withdraw what was accepted.
    let number = case["number"].as_str().unwrap();
    let (status, refusal) = post(
        &s,
        &citizen,
        &format!("/api/v1/applications/{number}/sub-cases/{a}/actions"),
        "late-withdraw",
        json!({"action": "withdraw"}),
    )
    .await;
    assert_eq!(status, 409, "{refusal}");
}

#[tokio::test]
async fn clerks_touch_only_their_department_and_a_citizen_cookie_is_no_clerk() {
    let s = TestServer::start_dev(|_| {}).await;
    let citizen = verified_citizen(&s, "13900000303", "赵六", "42100219900101303").await;
    let case = submitted_restaurant(&s, &citizen, "cases-access-1").await;
    let a = sub_case_of(&case, SCJGJ);
    let other = clerk(&s, "gaj.demo").await;
    let (status, body) = get(&s, &other, &format!("/api/v1/clerk/sub-cases/{a}")).await;
    assert_eq!(status, 403);
    assert_error(&body, "other_department");
    let (status, _) = clerk_act(
        &s,
        &other,
        &a,
        "foreign-accept",
        json!({"action": "accept"}),
    )
    .await;
    assert_eq!(status, 403);
    let (_, list) = get(&s, &other, "/api/v1/clerk/sub-cases?status=all").await;
    assert!(!list["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["number"] == a));

    let (status, body) = get(&s, &citizen, "/api/v1/clerk/sub-cases").await;
    assert_eq!(status, 401);
    assert_error(&body, "clerk_login_required");
    let (status, body) = get(&s, &citizen, "/api/v1/clerk/sessions/current").await;
    assert_eq!((status, body), (200, Value::Null));
    // And a clerk's cookie is no citizen.
    let (status, _) = get(&s, &other, "/api/v1/applications").await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn the_public_lookup_shows_the_timeline_and_locks_a_number_after_five_wrong_codes() {
    let s = TestServer::start_dev(|_| {}).await;
    let citizen = verified_citizen(&s, "13900000304", "孙小美", "42100219900101304").await;
    let case = submitted_restaurant(&s, &citizen, "cases-track-1").await;
    let number = case["number"].as_str().unwrap();
    let code = case["query_code"].as_str().unwrap();
    let a = sub_case_of(&case, SCJGJ);
    let clerk = clerk(&s, "scjgj.demo").await;
    clerk_act(&s, &clerk, &a, "track-accept", json!({"action": "accept"})).await;

    let anyone = TestServer::new_client();
    let (status, found) = post(
        &s,
        &anyone,
        "/api/v1/track",
        "k-unused",
        json!({"number": number.to_lowercase(), "code": format!(" {} ", code.to_lowercase())}),
    )
    .await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(found["applicant"], "孙*美");
    let tracked = found["sub_cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["number"] == a)
        .unwrap();
    assert_eq!(tracked["timeline"][0]["title"], "受理");
    assert!(found.get("query_code").is_none() && tracked.get("state").is_none());

    let wrong = if code == "222222" { "333333" } else { "222222" };
    for left in (0..5).rev() {
        let (status, body) = post(
            &s,
            &anyone,
            "/api/v1/track",
            "k",
            json!({"number": number, "code": wrong}),
        )
        .await;
        assert_eq!(status, 404, "{body}");
        if left > 0 {
            assert!(body["error"]["message"]
                .as_str()
                .unwrap()
                .contains(&format!("还可以再试{left}次")));
        }
    }
    let (status, body) = post(
        &s,
        &anyone,
        "/api/v1/track",
        "k",
        json!({"number": number, "code": code}),
    )
    .await;
    assert_eq!(status, 423, "locked even for the right code: {body}");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("后再查"));

    let (status, body) = post(
        &s,
        &anyone,
        "/api/v1/track",
        "k",
        json!({"number": "LB2026", "code": ""}),
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        body["error"]["fields"]["number"].is_string()
            && body["error"]["fields"]["code"].is_string()
    );
}

#[tokio::test]
async fn a_clerk_account_is_locked_after_five_wrong_passwords() {
    let s = TestServer::start_dev(|_| {}).await;
    let c = TestServer::new_client();
    let login = |password: &'static str| {
        let c = c.clone();
        let url = format!("{}/api/v1/clerk/sessions", s.base);
        async move {
            let res = c
                .post(url)
                .json(&json!({"username": "wjw.demo", "password": password}))
                .send()
                .await
                .unwrap();
            (
                res.status().as_u16(),
                res.json::<Value>().await.unwrap_or(Value::Null),
            )
        }
    };
    for _ in 0..5 {
        let (status, body) = login("wrong-password").await;
        assert_eq!(status, 401, "{body}");
        assert_error(&body, "clerk_login_failed");
    }
    let (status, body) = login(DEMO_PASSWORD_STATIC).await;
    assert_eq!(status, 423, "{body}");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("已锁定"));
    let (status, body) = login("").await;
    assert_eq!(status, 422, "{body}");
}

const DEMO_PASSWORD_STATIC: &str = DEMO_PASSWORD;

#[tokio::test]
async fn a_poor_rating_needs_a_reason_and_the_department_answers_it() {
    let s = TestServer::start_dev(|_| {}).await;
    let citizen = verified_citizen(&s, "13900000305", "周杰", "42100219900101305").await;
    let case = submitted_restaurant(&s, &citizen, "cases-rate-1").await;
    let number = case["number"].as_str().unwrap();
    let a = sub_case_of(&case, SCJGJ);
    let rating = format!("/api/v1/applications/{number}/sub-cases/{a}/rating");
    let put = |body: Value| {
        let c = citizen.clone();
        let url = format!("{}{rating}", s.base);
        async move {
            let res = c.put(url).json(&body).send().await.unwrap();
            (
                res.status().as_u16(),
                res.json::<Value>().await.unwrap_or(Value::Null),
            )
        }
    };
    let (status, body) = put(json!({"level": "satisfied"})).await;
    assert_eq!(status, 409, "nothing to rate before the conclusion: {body}");

    let clerk = clerk(&s, "scjgj.demo").await;
    for (key, action) in [
        ("rate-accept", json!({"action": "accept"})),
        ("rate-review", json!({"action": "start_review"})),
        (
            "rate-approve",
            json!({"action": "approve", "result": "准予许可"}),
        ),
    ] {
        let (status, body) = clerk_act(&s, &clerk, &a, key, action).await;
        assert_eq!(status, 200, "{body}");
    }
    let (status, body) = put(json!({"level": "dissatisfied", "comment": "  "})).await;
    assert_eq!(status, 422, "{body}");
    assert!(body["error"]["fields"]["comment"].is_string());
    let (status, mine) = put(json!({
        "level": "dissatisfied",
        "tags": ["等待时间长"],
        "comment": "窗口排队一个多小时，叫号系统不准"
    }))
    .await;
    assert_eq!(status, 200, "{mine}");
    let rated = sub(&mine, &a);
    assert_eq!(rated["rated"], true);
    assert_eq!(rated["rating"]["level_label"], "不满意");
    assert!(rated["rating"]["follow_up"]["due_date"].is_string());
    assert!(rated["rating"]["follow_up"].get("reply").is_none());

    let (_, list) = get(&s, &clerk, "/api/v1/clerk/follow-ups").await;
    assert_eq!(list["items"][0]["number"], a.as_str(), "{list}");
    let reply = clerk
        .post(format!("{}/api/v1/clerk/sub-cases/{a}/follow-up", s.base))
        .json(&json!({"reply": "已增开两个综合窗口，并校准了叫号系统"}))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status().as_u16(), 204);
    let (_, list) = get(&s, &clerk, "/api/v1/clerk/follow-ups").await;
    assert_eq!(list["total"], 0);

    let (_, mine) = get(&s, &citizen, &format!("/api/v1/applications/{number}")).await;
    assert_eq!(
        sub(&mine, &a)["rating"]["follow_up"]["reply"],
        "已增开两个综合窗口，并校准了叫号系统"
    );
    let (_, messages) = get(&s, &citizen, "/api/v1/me/messages").await;
    assert_eq!(messages["items"][0]["title"], "评价已答复");
    let (status, mine) = post(
        &s,
        &citizen,
        &format!("{rating}/visit"),
        "unused",
        json!({"resolved": true}),
    )
    .await;
    assert_eq!(status, 200, "{mine}");
    assert_eq!(sub(&mine, &a)["rating"]["follow_up"]["resolved"], true);
}

#[tokio::test]
async fn the_public_figures_count_real_cases_and_say_when_there_are_too_few() {
    let s = TestServer::start_dev(|_| {}).await;
    let clerk = clerk(&s, "scjgj.demo").await;
    for i in 0..5 {
        let citizen = verified_citizen(
            &s,
            &format!("1390000032{i}"),
            "吴敏",
            &format!("4210021990010132{i}"),
        )
        .await;
        let case = submitted_restaurant(&s, &citizen, &format!("stats-case-{i}")).await;
        let a = sub_case_of(&case, SCJGJ);
        // Four of the five concluded.
        if i < 4 {
            for (k, action) in [
                ("acc", json!({"action": "accept"})),
                ("rev", json!({"action": "start_review"})),
                ("ok", json!({"action": "approve", "result": "准予"})),
            ] {
                let (status, body) =
                    clerk_act(&s, &clerk, &a, &format!("stats-{i}-{k}"), action).await;
                assert_eq!(status, 200, "{body}");
            }
        }
    }
    let (status, stats) = get(&s, &TestServer::new_client(), "/api/v1/stats").await;
    assert_eq!(status, 200, "{stats}");
    let dept = stats["departments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "scjgj")
        .unwrap();
    assert!(dept["received"].as_u64().unwrap() >= 5, "{dept}");
    assert_eq!(
        dept["on_time"]["text"], "样本不足（4件）",
        "four concluded are too few"
    );
    let matter = stats["matters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"].as_str().is_some_and(|n| !n.is_empty()) && m["received"] == 5)
        .expect("the matter every case had");
    assert!(matter["promised_days"].is_u64());
}

#[tokio::test]
async fn a_clerk_checks_in_today_s_booking_and_records_a_no_show_only_after_its_time() {
    let s = TestServer::start_dev(|_| {}).await;
    let early = verified_citizen(&s, "13900000331", "郑爽", "42100219900101331").await;
    let late = verified_citizen(&s, "13900000332", "冯巩", "42100219900101332").await;
    let book = |c: Client, slot: &'static str| {
        let url = format!("{}/api/v1/appointments", s.base);
        async move {
            let res = c
                .post(url)
                .header("idempotency-key", format!("checkin-{slot}"))
                .json(&json!({ "slot_id": slot }))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status().as_u16(), 201);
            res.json::<Value>().await.unwrap()
        }
    };
    let first = book(early, "city-centre~zonghe~20261126~0900").await;
    let second = book(late, "city-centre~zonghe~20261126~1000").await;
    let code = first["checkin_code"].as_str().unwrap().to_string();
    let desk = clerk(&s, "scjgj.demo").await;
    let (status, body) = post(
        &s,
        &desk,
        "/api/v1/clerk/check-ins",
        "k-unused",
        json!({ "code": code }),
    )
    .await;
    assert_eq!(status, 409, "booked for tomorrow: {body}");
    assert_eq!(body["error"]["message"], "这个预约是11月26日的，不是今天");

    // The next morning (a clerk's session ends after 30 idle minutes: log in again).
    s.clock.advance(86_400);
    let clerk = clerk(&s, "scjgj.demo").await;
    let check = |code: String| {
        let c = clerk.clone();
        let url = format!("{}/api/v1/clerk/check-ins", s.base);
        async move {
            let res = c
                .post(url)
                .json(&json!({ "code": code }))
                .send()
                .await
                .unwrap();
            (
                res.status().as_u16(),
                res.json::<Value>().await.unwrap_or(Value::Null),
            )
        }
    };
    let (status, body) = check(code.to_lowercase()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status_label"], "已签到");
    assert_eq!(body["citizen"], "郑*");
    let (status, body) = check(code.clone()).await;
    assert_eq!(status, 409);
    assert_eq!(body["error"]["message"], "这个预约已经签到过了");
    let (status, _) = check("NOSUCHCODE".into()).await;
    assert_eq!(status, 404);

    let (_, day) = get(&s, &clerk, "/api/v1/clerk/appointments").await;
    assert_eq!(day["total"], 2, "{day}");
    let id = second["id"].as_i64().unwrap();
    let no_show = format!("/api/v1/clerk/appointments/{id}/no-show");
    let (status, body) = post(&s, &clerk, &no_show, "unused-key", json!({})).await;
    assert_eq!(status, 409, "not over yet: {body}");
    assert_eq!(body["error"]["code"], "not_over_yet");
    s.clock.advance(35 * 60); // 10:35: the 10:00-10:30 slot is over
    let clerk = self::clerk(&s, "scjgj.demo").await;
    let (_, day) = get(&s, &clerk, "/api/v1/clerk/appointments").await;
    let row = day["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .unwrap();
    assert_eq!(
        row["may_record_no_show"], true,
        "nothing is recorded by itself"
    );
    assert_eq!(row["status"], "booked");
    let (status, body) = post(&s, &clerk, &no_show, "unused-key", json!({})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "no_show");
}
