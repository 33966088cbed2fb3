//! Seeds a database with many submitted cases for `scripts/bench-cases.sh`: COUNT cases of
//! 我要开饭店 from COUNT/10 citizens, a third accepted and under review by the 市场监管局.
//! Writes "number query_code" of every case to NUMBERS, one per line.
//! Usage: cargo run --release --example seed_cases -- sqlite://path.db COUNT NUMBERS

use lianban_core::cases::{Action, Actor, Event};
use lianban_server::store::{
    AppendOutcome, ApplicationStore, CaseStore, Decided, IdentityStore, NewApplication, NewSubCase,
    SqliteStore, SubmitOutcome,
};
use std::io::Write;

const START: i64 = 1_795_572_000; // 2026-11-25 10:00, China

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, db, count, out] = args.as_slice() else {
        anyhow::bail!("usage: seed_cases sqlite://path.db COUNT NUMBERS");
    };
    let count: usize = count.parse()?;
    let store = SqliteStore::connect(db).await?;
    let mut numbers = std::fs::File::create(out)?;
    let content = r#"{"theme_id":"open-restaurant","fields":{"shop_name":"老街坊餐馆"}}"#;
    for i in 0..count {
        let phone = format!("139{:08}", 50_000_000 + i / 10);
        let citizen = store.citizen_for_phone(&phone, START).await?;
        let key = format!("bench-seed-{i:08}");
        let sub = |code: &str, dept: &str| NewSubCase {
            matter_code: code.into(),
            department: dept.into(),
            promised_date: "2026-12-09".into(),
        };
        let outcome = store
            .submit_application(&NewApplication {
                citizen_id: citizen,
                theme_id: "open-restaurant",
                query_code: &format!("{:06}", 222_222 + (i % 700_000)).replace(['0', '1'], "K"),
                content,
                delivery: "窗口领取：荆州市民之家（市政务服务中心）",
                deferred: &[],
                idempotency_key: &key,
                request_hash: &key,
                now: START - (i as i64 % 80) * 86_400,
                day: lianban_core::date::SimpleDate::new(2026, 11, 25).expect("a date"),
                sub_cases: vec![
                    sub("SCJG-001", "scjgj"),
                    sub("SCJG-003", "scjgj"),
                    sub("CG-001", "cgj"),
                ],
                uploads: &[],
                new_case_confirmed: true,
                open_statuses: &[],
            })
            .await?;
        let case = match outcome {
            SubmitOutcome::Created(c) | SubmitOutcome::Replayed(c) => c,
            other => anyhow::bail!("seed case {i} not created: {other:?}"),
        };
        writeln!(numbers, "{} {}", case.number, case.query_code)?;
        if i % 3 == 0 {
            let first = &case.sub_cases[0].number;
            for (n, action) in [Action::Accept, Action::StartReview]
                .into_iter()
                .enumerate()
            {
                let event = Event {
                    at: START + n as i64,
                    actor: Actor::Clerk {
                        department: "scjgj".into(),
                        clerk_id: "scjgj.demo".into(),
                    },
                    action,
                    note: None,
                };
                let status = if n == 0 { "accepted" } else { "under_review" };
                let decide = move |_: &_, _: &_| {
                    Ok(Ok(Decided {
                        event: event.clone(),
                        status: lianban_core::cases::SubCaseStatus::parse(status).unwrap(),
                        due_date: Some(format!("2026-12-{:02}", 1 + (i % 28))),
                        message: None,
                        sms: None,
                        supplement: Vec::new(),
                        content: None,
                    }))
                };
                let key = format!("seed-{i}-{n}");
                match store.append_event(first, &key, START, &decide).await? {
                    AppendOutcome::Appended(_) => {}
                    other => anyhow::bail!("seed event not stored: {other:?}"),
                }
            }
        }
        if i % 2000 == 0 {
            eprintln!("seeded {i} of {count}");
        }
    }
    Ok(())
}
