//! Appointment booking over HTTP against a real SQLite file: slots from the hall's hours and
//! the calendar, idempotent booking, capacity under a rush, cancel, reschedule, no-shows, slot
//! ids with one spelling, and the calendar into a year without its holiday notice.

mod common;

use common::{assert_error, login as citizen, TestServer};
use lianban_server::store::{AppointmentStore, RecordOutcome, SqliteStore};
use serde_json::{json, Value};

const DAY: i64 = 86_400;

async fn book(s: &TestServer, c: &reqwest::Client, key: &str, slot: &str) -> (u16, Value) {
    let res = c
        .post(format!("{}/api/v1/appointments", s.base))
        .header("idempotency-key", key)
        .json(&json!({ "slot_id": slot }))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.json().await.unwrap())
}

async fn cancel(s: &TestServer, c: &reqwest::Client, id: i64) -> (u16, Value) {
    let res = c
        .post(format!("{}/api/v1/appointments/{id}/cancel", s.base))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.json().await.unwrap())
}

async fn my_appointments(s: &TestServer, c: &reqwest::Client) -> Value {
    c.get(format!("{}/api/v1/appointments", s.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn slots(s: &TestServer, date: &str) -> Value {
    s.json(
        &format!("/api/v1/halls/city-centre/slots?category=zonghe&date={date}"),
        200,
    )
    .await
}

fn remaining(slots: &Value, id: &str) -> u64 {
    slots["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap()["remaining"]
        .as_u64()
        .unwrap()
}

const SLOT: &str = "city-centre~zonghe~20261126~0900";
const LATER: &str = "city-centre~zonghe~20261126~1000";
const NEXT_DAY: &str = "city-centre~zonghe~20261127~0900";

#[tokio::test]
async fn slots_follow_the_hours_and_the_calendar() {
    // The test clock starts on Wednesday 2026-11-25, 10:00 in China.
    let s = TestServer::start_dev(|_| {}).await;
    let thursday = slots(&s, "2026-11-26").await;
    let items = thursday["items"].as_array().unwrap();
    assert_eq!(items.len(), 14, "6 in the morning, 8 in the afternoon");
    assert_eq!(items[0]["start"], "09:00");
    assert_eq!(items[0]["capacity"], 5);
    assert_eq!(items[0]["remaining"], 5);
    assert!(
        !items
            .iter()
            .any(|i| i["start"] == "12:00" || i["start"] == "13:00"),
        "lunch break"
    );
    // Saturday, though the hall opens Saturday mornings, is not a working day to book.
    assert_eq!(slots(&s, "2026-11-28").await["total"], 0);
    // Beyond five working days, and in the past, nothing.
    assert_eq!(slots(&s, "2026-12-03").await["total"], 0);
    assert_eq!(slots(&s, "2026-11-24").await["total"], 0);
    assert_eq!(slots(&s, "2026-12-02").await["total"], 14);

    let bad = s
        .json(
            "/api/v1/halls/city-centre/slots?category=nope&date=2026-11-26",
            422,
        )
        .await;
    assert!(bad["error"]["fields"]["category"].is_string());
    assert_error(
        &s.json(
            "/api/v1/halls/nope/slots?category=zonghe&date=2026-11-26",
            404,
        )
        .await,
        "hall_not_found",
    );
}

#[tokio::test]
async fn a_retried_booking_never_books_twice() {
    let s = TestServer::start_dev(|_| {}).await;
    let c = citizen(&s, "13700137001").await;
    let (status, first) = book(&s, &c, "key-0000000001", SLOT).await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(first["status"], "booked");
    assert_eq!(first["start"], "09:00");
    assert_eq!(first["checkin_code"].as_str().unwrap().len(), 8);
    let (status, again) = book(&s, &c, "key-0000000001", SLOT).await;
    assert_eq!(status, 200);
    assert_eq!(again["id"], first["id"]);
    assert_eq!(remaining(&slots(&s, "2026-11-26").await, SLOT), 4);

    let (status, body) = book(&s, &c, "key-0000000001", LATER).await;
    assert_eq!(status, 422);
    assert_error(&body, "idempotency_key_reused");

    let res = c
        .post(format!("{}/api/v1/appointments", s.base))
        .json(&json!({ "slot_id": SLOT }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 400, "the key is required");

    let (status, body) = book(&s, &c, "key-0000000002", LATER).await;
    assert_eq!(status, 409);
    assert_error(&body, "booking_same_day");
    let list = my_appointments(&s, &c).await;
    assert_eq!(list["total"], 1);
}

#[tokio::test]
async fn a_rush_books_exactly_the_capacity() {
    let s = TestServer::start_dev(|c| c.sms_per_address_per_day = 1000).await;
    let mut clients = Vec::new();
    for i in 0..20 {
        clients.push(citizen(&s, &format!("137001370{i:02}")).await);
    }
    let tasks: Vec<_> = clients
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let base = s.base.clone();
            tokio::spawn(async move {
                let res = c
                    .post(format!("{base}/api/v1/appointments"))
                    .header("idempotency-key", format!("rush-key-{i:04}"))
                    .json(&json!({ "slot_id": SLOT }))
                    .send()
                    .await
                    .unwrap();
                let status = res.status().as_u16();
                (status, res.json::<Value>().await.unwrap())
            })
        })
        .collect();
    let mut booked = 0;
    let mut full = 0;
    for t in tasks {
        let (status, body) = t.await.unwrap();
        match status {
            201 => booked += 1,
            409 => {
                assert_error(&body, "slot_full");
                full += 1
            }
            other => panic!("unexpected {other}: {body}"),
        }
    }
    assert_eq!((booked, full), (5, 15));
    assert_eq!(remaining(&slots(&s, "2026-11-26").await, SLOT), 0);
}

#[tokio::test]
async fn cancel_until_two_hours_before_and_reschedule_atomically() {
    // Days pass in this test: keep the login alive across them.
    let s = TestServer::start_dev(|c| c.session_idle_minutes = 7 * 24 * 60).await;
    let c = citizen(&s, "13700137101").await;
    let (_, a) = book(&s, &c, "key-cancel-01", SLOT).await;
    let id = a["id"].as_i64().unwrap();

    // Reschedule to the next day: the new slot is taken and the old one released together.
    let res = c
        .post(format!("{}/api/v1/appointments/{id}/reschedule", s.base))
        .header("idempotency-key", "key-resched-1")
        .json(&json!({ "slot_id": NEXT_DAY }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 201);
    let moved: Value = res.json().await.unwrap();
    assert_eq!(moved["date"], "2026-11-27");
    assert_eq!(remaining(&slots(&s, "2026-11-26").await, SLOT), 5);
    assert_eq!(remaining(&slots(&s, "2026-11-27").await, NEXT_DAY), 4);

    // Another citizen cannot touch it.
    let other = citizen(&s, "13700137102").await;
    let moved_id = moved["id"].as_i64().unwrap();
    assert_eq!(cancel(&s, &other, moved_id).await.0, 404);

    // Two hours before the slot it can no longer be cancelled.
    s.clock.advance(47 * 3600 - 3600); // 2026-11-27 09:00 less 2 hours
    let (status, body) = cancel(&s, &c, moved_id).await;
    assert_eq!(status, 409);
    assert_error(&body, "appointment_not_changeable");
}

#[tokio::test]
async fn cancelling_releases_the_place() {
    let s = TestServer::start_dev(|_| {}).await;
    let c = citizen(&s, "13700137201").await;
    let (_, a) = book(&s, &c, "key-release-1", SLOT).await;
    let id = a["id"].as_i64().unwrap();
    let (status, cancelled) = cancel(&s, &c, id).await;
    assert_eq!(status, 200);
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(remaining(&slots(&s, "2026-11-26").await, SLOT), 5);
    assert_eq!(cancel(&s, &c, id).await.0, 409, "already cancelled");
}

#[tokio::test]
async fn booking_needs_a_login_and_a_real_slot() {
    let s = TestServer::start_dev(|_| {}).await;
    let anonymous = TestServer::new_client();
    let (status, _) = book(&s, &anonymous, "key-anon-0001", SLOT).await;
    assert_eq!(status, 401);
    let c = citizen(&s, "13700137401").await;
    for bad in [
        "nonsense",
        "city-centre~zonghe~20261126~0915",
        "city-centre~zonghe~20261128~0900",
        "city-centre~nope~20261126~0900",
    ] {
        let (status, body) = book(&s, &c, "key-bad-00001", bad).await;
        assert_eq!(status, 422, "{bad}: {body}");
        assert!(body["error"]["fields"]["slot_id"].is_string());
    }
}

#[tokio::test]
async fn the_date_strip_lists_bookable_days_and_marks_full_ones() {
    // Wednesday 2026-11-25 10:00: the next five working days, the weekend absent.
    let s = TestServer::start_dev(|c| c.sms_per_address_per_day = 1000).await;
    let days = s
        .json("/api/v1/halls/city-centre/days?category=zonghe", 200)
        .await;
    let dates: Vec<&str> = days["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        dates,
        [
            "2026-11-26",
            "2026-11-27",
            "2026-11-30",
            "2026-12-01",
            "2026-12-02"
        ]
    );
    assert_eq!(days["items"][0]["weekday"], 4);
    assert_eq!(days["items"][0]["remaining"], 14 * 5);
    assert_eq!(days["items"][0]["full"], false);

    // Fill every slot of Thursday: 14 slots of 5 places, one citizen each.
    let thursday = slots(&s, "2026-11-26").await;
    let mut n = 0;
    for slot in thursday["items"].as_array().unwrap() {
        for _ in 0..5 {
            n += 1;
            let c = citizen(&s, &format!("1370015{n:04}")).await;
            let (status, _) = book(
                &s,
                &c,
                &format!("key-fill-{n:05}"),
                slot["id"].as_str().unwrap(),
            )
            .await;
            assert_eq!(status, 201);
        }
    }
    let days = s
        .json("/api/v1/halls/city-centre/days?category=zonghe", 200)
        .await;
    assert_eq!(days["items"][0]["remaining"], 0);
    assert_eq!(days["items"][0]["full"], true);
    assert_eq!(days["items"][1]["full"], false);

    let bad = s
        .json("/api/v1/halls/city-centre/days?category=nope", 422)
        .await;
    assert_error(&bad, "invalid_category");
    assert_error(
        &s.json("/api/v1/halls/nope/days?category=zonghe", 404).await,
        "hall_not_found",
    );
}

async fn standing(s: &TestServer, c: &reqwest::Client) -> Value {
    let res = c
        .get(format!("{}/api/v1/appointments/standing", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    res.json().await.unwrap()
}

fn statuses(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["status"].as_str().unwrap().to_string())
        .collect()
}

/// The server's own database, opened beside it: what the clerks' workbench will write with.
async fn store_of(s: &TestServer) -> SqliteStore {
    let url = format!("sqlite://{}", s.dir.path().join("test.db").display());
    SqliteStore::connect(&url).await.unwrap()
}

#[tokio::test]
async fn one_slot_has_one_spelling_and_one_counter() {
    // The attack: u32::from_str takes a leading '+', so these all read as 09:00, and each used
    // to get a counter of its own: 20 bookings on a 5-place slot, the list saying 0 left.
    let s = TestServer::start_dev(|c| c.sms_per_address_per_day = 1000).await;
    let spellings = [
        SLOT,
        "city-centre~zonghe~20261126~09+0",
        "city-centre~zonghe~20261126~+900",
        "city-centre~zonghe~20261126~+9+0",
    ];
    let mut booked = 0;
    for (n, spelling) in spellings.iter().cycle().take(20).enumerate() {
        let c = citizen(&s, &format!("137002370{n:02}")).await;
        let (status, body) = book(&s, &c, &format!("key-spell-{n:04}"), spelling).await;
        match status {
            201 => {
                booked += 1;
                assert_eq!(body["slot_id"], SLOT, "recorded under the one spelling");
            }
            409 => assert_error(&body, "slot_full"),
            422 => {
                assert_ne!(*spelling, SLOT);
                assert_error(&body, "invalid_slot");
                assert!(body["error"]["fields"]["slot_id"].is_string(), "{body}");
            }
            other => panic!("{spelling}: {other} {body}"),
        }
    }
    assert_eq!(booked, 5, "never more than the slot's 5 places");
    let list = slots(&s, "2026-11-26").await;
    assert_eq!(remaining(&list, SLOT), 0, "the list tells the truth");
    let days = s
        .json("/api/v1/halls/city-centre/days?category=zonghe", 200)
        .await;
    assert_eq!(days["items"][0]["remaining"], 13 * 5);

    // Reschedule takes slot ids too.
    let c = citizen(&s, "13700237099").await;
    let (_, a) = book(&s, &c, "key-spell-resched", LATER).await;
    let res = c
        .post(format!(
            "{}/api/v1/appointments/{}/reschedule",
            s.base, a["id"]
        ))
        .header("idempotency-key", "key-spell-resched-2")
        .json(&json!({ "slot_id": "city-centre~zonghe~20261127~+900" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 422);
    assert_error(&res.json().await.unwrap(), "invalid_slot");
}

#[tokio::test]
async fn a_booking_past_its_time_is_not_a_no_show() {
    // Nothing records a check-in yet: two attended appointments used to earn a 90-day ban.
    let s = TestServer::start_dev(|c| c.session_idle_minutes = 7 * 24 * 60).await;
    let c = citizen(&s, "13700137301").await;
    assert_eq!(book(&s, &c, "key-past-0001", SLOT).await.0, 201);
    s.clock.advance(32 * 3600); // 2026-11-26 18:00: the 09:00 slot is over
    assert_eq!(book(&s, &c, "key-past-0002", NEXT_DAY).await.0, 201);
    s.clock.advance(DAY); // 2026-11-27 18:00
    assert_eq!(statuses(&my_appointments(&s, &c).await), ["past", "past"]);
    let standing = standing(&s, &c).await;
    assert_eq!(standing["recent_no_shows"], 0);
    assert!(standing["banned_until"].is_null());
    let (status, body) = book(&s, &c, "key-past-0003", "city-centre~zonghe~20261130~0900").await;
    assert_eq!(status, 201, "{body}");
}

#[tokio::test]
async fn only_recorded_no_shows_bar_online_booking() {
    let s = TestServer::start_dev(|c| c.session_idle_minutes = 7 * 24 * 60).await;
    let store = store_of(&s).await;
    let c = citizen(&s, "13700137501").await;
    let clean = standing(&s, &c).await;
    assert_eq!(clean["no_shows_before_ban"], 2);
    assert_eq!(clean["ban_days"], 90);

    let (_, first) = book(&s, &c, "key-stand-001", SLOT).await;
    let first = first["id"].as_i64().unwrap();
    assert_eq!(
        store.record_no_show(first, common::START).await.unwrap(),
        RecordOutcome::NotApplicable,
        "not before the slot is over"
    );
    s.clock.advance(32 * 3600); // 2026-11-26 18:00
    let at = common::START + 32 * 3600;
    assert!(matches!(
        store.record_no_show(first, at).await.unwrap(),
        RecordOutcome::Recorded(_)
    ));
    assert_eq!(
        store.record_no_show(first, at).await.unwrap(),
        RecordOutcome::NotApplicable,
        "recorded once"
    );
    assert_eq!(
        store.record_no_show(999_999, at).await.unwrap(),
        RecordOutcome::NotFound
    );
    let one = standing(&s, &c).await;
    assert_eq!(one["recent_no_shows"], 1);
    assert_eq!(one["no_shows_before_ban"], 1);

    let (_, second) = book(&s, &c, "key-stand-002", NEXT_DAY).await;
    let second = second["id"].as_i64().unwrap();
    // A third, attended one past its time alongside: it changes nothing.
    let (_, third) = book(&s, &c, "key-stand-003", "city-centre~zonghe~20261130~1000").await;
    s.clock.advance(4 * DAY); // 2026-11-30 18:00
    let at = common::START + 32 * 3600 + 4 * DAY;
    assert!(matches!(
        store.record_no_show(second, at).await.unwrap(),
        RecordOutcome::Recorded(_)
    ));
    assert_eq!(
        statuses(&my_appointments(&s, &c).await),
        ["no_show", "no_show", "past"]
    );
    assert!(third["id"].is_i64());
    let banned = standing(&s, &c).await;
    assert_eq!(banned["recent_no_shows"], 2);
    assert_eq!(banned["no_shows_before_ban"], 0);
    assert_eq!(banned["banned_until"], "2027-02-24");
    let (status, body) = book(&s, &c, "key-stand-004", "city-centre~zonghe~20261202~0900").await;
    assert_eq!(status, 409);
    assert_error(&body, "booking_banned");

    // A cancelled appointment cannot be recorded as missed.
    let other = citizen(&s, "13700137502").await;
    let (_, a) = book(
        &s,
        &other,
        "key-stand-005",
        "city-centre~zonghe~20261202~0900",
    )
    .await;
    let id = a["id"].as_i64().unwrap();
    assert_eq!(cancel(&s, &other, id).await.0, 200);
    assert_eq!(
        store.record_no_show(id, at + 7 * DAY).await.unwrap(),
        RecordOutcome::NotApplicable
    );

    let anonymous = TestServer::new_client()
        .get(format!("{}/api/v1/appointments/standing", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status().as_u16(), 401);
}

#[tokio::test]
async fn from_christmas_2026_booking_skips_new_year_and_marks_2027_provisional() {
    // Friday 2026-12-25 10:00: without the 2027 notice, 2027-01-01 used to be offered.
    let s = TestServer::start_dev(|_| {}).await;
    s.clock.advance(30 * DAY);
    let days = s
        .json("/api/v1/halls/city-centre/days?category=zonghe", 200)
        .await;
    let shown: Vec<(&str, bool)> = days["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["date"].as_str().unwrap(),
                d["provisional"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("2026-12-28", false),
            ("2026-12-29", false),
            ("2026-12-30", false),
            ("2026-12-31", false),
            ("2027-01-04", true),
        ]
    );
    assert_eq!(slots(&s, "2027-01-01").await["total"], 0, "元旦");
    let january = slots(&s, "2027-01-04").await;
    let items = january["items"].as_array().unwrap();
    assert_eq!(items.len(), 14);
    assert!(items.iter().all(|i| i["provisional"] == true));
    let december = slots(&s, "2026-12-31").await;
    assert!(december["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["provisional"] == false));

    let c = citizen(&s, "13700137601").await;
    let (status, body) = book(&s, &c, "key-2027-0001", "city-centre~zonghe~20270101~0900").await;
    assert_eq!(status, 422, "{body}");
    assert_error(&body, "invalid_slot");
    let (status, body) = book(&s, &c, "key-2027-0002", "city-centre~zonghe~20270104~0900").await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["provisional"], true);
    assert_eq!(body["date"], "2027-01-04");
}

#[tokio::test]
async fn an_old_database_merges_the_counters_of_other_spellings() {
    // A database from before migration 0005, with the overbooking in it: 5 canonical bookings
    // and 3 under '+' spellings of the same slot, each spelling with its own counter.
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("migrations-0004");
    std::fs::create_dir_all(&old).unwrap();
    let all = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/sqlite");
    for entry in std::fs::read_dir(&all).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.as_str() < "0005" {
            std::fs::copy(&path, old.join(&name)).unwrap();
        }
    }
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    sqlx::migrate::Migrator::new(old.as_path())
        .await
        .unwrap()
        .run(&pool)
        .await
        .unwrap();
    let spellings = [SLOT, SLOT, SLOT, SLOT, SLOT]
        .into_iter()
        .chain([
            "city-centre~zonghe~20261126~09+0",
            "city-centre~zonghe~20261126~+900",
            "city-centre~zonghe~20261126~+9+0",
        ])
        .collect::<Vec<_>>();
    let starts = common::START + 23 * 3600; // 2026-11-26 09:00
    for (n, spelling) in spellings.iter().enumerate() {
        sqlx::query("INSERT INTO citizens (id, phone, created_at) VALUES (?, ?, 0)")
            .bind(n as i64 + 1)
            .bind(format!("1370033700{n}"))
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query(
            "INSERT INTO appointments (citizen_id, slot_id, hall_id, category, date, starts_at,
               ends_at, checkin_code, status, idempotency_key, request_hash, created_at)
             VALUES (?, ?, 'city-centre', 'zonghe', '2026-11-26', ?, ?, ?, 'booked', 'k', 'h', 0)",
        )
        .bind(n as i64 + 1)
        .bind(spelling)
        .bind(starts)
        .bind(starts + 1800)
        .bind(format!("CODE000{n}"))
        .execute(&pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO slot_counts (slot_id, booked) VALUES (?, 1)
             ON CONFLICT (slot_id) DO UPDATE SET booked = booked + 1",
        )
        .bind(spelling)
        .execute(&pool)
        .await
        .unwrap();
    }
    pool.close().await;

    let s = TestServer::start_with(dir, common::repo_data_dir(), |c| c.dev = true).await;
    assert_eq!(remaining(&slots(&s, "2026-11-26").await, SLOT), 0);
    let c = citizen(&s, "13700337099").await;
    let (status, body) = book(&s, &c, "key-merged-01", SLOT).await;
    assert_eq!(status, 409, "the merged counter holds all 8: {body}");
    assert_error(&body, "slot_full");
    let store = store_of(&s).await;
    let counts = store
        .slot_counts(&[lianban_core::booking::SlotId::parse(SLOT).unwrap()])
        .await
        .unwrap();
    assert_eq!(counts, [(SLOT.to_string(), 8)]);
}

/// Issue 10: a rush on three slots as the benchmark makes it, with retries in it. Every place
/// is taken exactly once; the rest are told the slot is full (never a 500 or a pool
/// timeout); a retry gets its own booking back; and what a 201 says is already committed
/// when it arrives (a connection of its own to the database file sees it).
#[tokio::test]
async fn a_rush_on_three_slots_books_the_capacity_and_refuses_the_rest_as_full() {
    let s = TestServer::start_dev(|c| c.sms_per_address_per_day = 1000).await;
    let targets = [SLOT, "city-centre~zonghe~20261126~1400", NEXT_DAY];
    let mut clients = Vec::new();
    for i in 0..120 {
        clients.push(citizen(&s, &format!("1370047{i:04}")).await);
    }
    let db = sqlx::SqlitePool::connect(&format!(
        "sqlite://{}",
        s.dir.path().join("test.db").display()
    ))
    .await
    .unwrap();
    let mut tasks = Vec::new();
    for (i, c) in clients.into_iter().enumerate() {
        // Every tenth citizen's request goes out twice at once, as over a flaky network.
        for _ in 0..if i % 10 == 0 { 2 } else { 1 } {
            let (c, db, base) = (c.clone(), db.clone(), s.base.clone());
            let slot = targets[i % 3];
            tasks.push(tokio::spawn(async move {
                let res = c
                    .post(format!("{base}/api/v1/appointments"))
                    .header("idempotency-key", format!("rush3-key-{i:04}"))
                    .json(&json!({ "slot_id": slot }))
                    .send()
                    .await
                    .unwrap();
                let status = res.status().as_u16();
                let body: Value = res.json().await.unwrap();
                if status == 201 {
                    let stored: i64 = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM appointments WHERE id = ? AND status = 'booked'",
                    )
                    .bind(body["id"].as_i64().unwrap())
                    .fetch_one(&db)
                    .await
                    .unwrap();
                    assert_eq!(stored, 1, "a 201 is answered once it is committed");
                }
                (i, slot, status, body)
            }));
        }
    }
    let mut booked: Vec<(usize, &str, i64)> = Vec::new();
    let mut replays = Vec::new();
    let mut full = 0;
    for t in tasks {
        let (i, slot, status, body) = t.await.unwrap();
        match status {
            201 => booked.push((i, slot, body["id"].as_i64().unwrap())),
            200 => replays.push((i, body["id"].as_i64().unwrap())),
            409 => {
                assert_error(&body, "slot_full");
                full += 1
            }
            other => panic!("citizen {i}: unexpected {other}: {body}"),
        }
    }
    assert_eq!(booked.len(), 15, "three slots of five places");
    for slot in targets {
        assert_eq!(booked.iter().filter(|b| b.1 == slot).count(), 5, "{slot}");
    }
    // A retry that reached the server after the first was booked got that booking back.
    for (i, id) in &replays {
        assert!(
            booked.iter().any(|b| b.0 == *i && b.2 == *id),
            "citizen {i}"
        );
    }
    assert_eq!(booked.len() + replays.len() + full, 132);
    let in_file: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM appointments WHERE status = 'booked'")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(in_file, 15);
    let counted: i64 = sqlx::query_scalar("SELECT SUM(booked) FROM slot_counts")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(counted, 15);
    assert_eq!(remaining(&slots(&s, "2026-11-26").await, SLOT), 0);
}

/// Bookings are committed in groups (`store::sqlite::bookings`): one that fails with an
/// error, not a refusal (here a check-in code already taken), gets that error alone, and
/// leaves nothing behind; the bookings of its group stand.
#[tokio::test]
async fn a_booking_that_fails_in_its_group_is_answered_alone() {
    use lianban_core::booking::SlotId;
    use lianban_core::date::SimpleDate;
    use lianban_server::store::{BookOutcome, IdentityStore, NewAppointment};
    use std::sync::Arc;

    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::connect(&format!("sqlite://{}", dir.path().join("t.db").display()))
        .await
        .unwrap();
    let date = SimpleDate::parse_iso("2026-11-26").unwrap();
    let slot = SlotId::new("city-centre", "zonghe", date, 9 * 60).unwrap();
    let mut bookings = Vec::new();
    for i in 0..11 {
        let citizen_id = store
            .citizen_for_phone(&format!("1370057{i:04}"), common::START)
            .await
            .unwrap();
        let new = NewAppointment {
            citizen_id,
            slot: slot.clone(),
            starts_at: common::START + DAY,
            ends_at: common::START + DAY + 1800,
            matter_code: None,
            // The first and the sixth have the same code: whichever comes second fails.
            checkin_code: if i % 5 == 0 && i < 10 {
                "SAMECODE".to_string()
            } else {
                format!("CODE{i:04}")
            },
            idempotency_key: format!("group-key-{i}"),
            request_hash: "h".into(),
            capacity: 100,
            now: common::START,
            check: Arc::new(|_| Ok(())),
            replaces: None,
            cancel_before: 7200,
        };
        bookings.push(new);
    }
    // All spawned before any of them runs: they reach the writer together, as one group.
    let tasks: Vec<_> = bookings
        .into_iter()
        .map(|new| {
            let store = store.clone();
            tokio::spawn(async move { store.book(new).await })
        })
        .collect();
    let mut booked = Vec::new();
    let mut failed = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(BookOutcome::Booked(a)) => booked.push(a.id),
            Ok(other) => panic!("unexpected {other:?}"),
            Err(_) => failed += 1,
        }
    }
    assert_eq!((booked.len(), failed), (10, 1));
    let counts = store.slot_counts(&[slot]).await.unwrap();
    assert_eq!(
        counts[0].1, 10,
        "the failed booking's place was given back with it"
    );
}
