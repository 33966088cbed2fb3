//! The case clock and lifecycle on the real `data/`: the restaurant theme's matters, their
//! promised days and departments, on the calendar the server loads.

mod support;

use lianban_core::calendar::{calendar_from_files, WorkingCalendar};
use lianban_core::cases::{
    deadline, next, replay, Action, Actor, ClockDates, Event, Promise, SubCaseFacts, SubCaseState,
};
use lianban_core::date::SimpleDate;

fn calendar() -> WorkingCalendar {
    let dir = support::data_dir().join("calendar");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            files.push((name, std::fs::read_to_string(&path).unwrap()));
        }
    }
    calendar_from_files(&files).unwrap()
}

fn d(s: &str) -> SimpleDate {
    SimpleDate::parse_iso(s).unwrap()
}

fn accepted(on: &str) -> ClockDates {
    ClockDates {
        accepted: Some(d(on)),
        ..ClockDates::default()
    }
}

#[test]
fn a_restaurant_accepted_on_the_eve_of_national_day() {
    let catalogue = support::load();
    let cal = calendar();
    let on = "2026-09-30";
    let due = |code: &str| {
        let m = catalogue.matter(code).unwrap();
        deadline(&cal, Promise::of(m), &accepted(on), d(on))
    };
    let licence = due("SCJG-002");
    assert_eq!(licence.due, Some(d(on)), "即办件");
    assert_eq!(licence.explanation, "即办件，9月30日受理，应当日办结");
    let food = due("SCJG-003");
    assert_eq!(food.due, Some(d("2026-10-10")));
    assert_eq!(
        food.explanation,
        "承诺3个工作日，自9月30日受理次日起算，国庆节假期不计，预计10月10日（周六，调休上班）前办结"
    );
    assert_eq!(due("ZJ-003").due, Some(d("2026-10-13")));
}

#[test]
fn a_deadline_into_2027_on_the_data_as_it_is() {
    let catalogue = support::load();
    let cal = calendar();
    let m = catalogue.matter("ZJ-003").unwrap();
    let dl = deadline(
        &cal,
        Promise::of(m),
        &accepted("2026-12-30"),
        d("2026-12-30"),
    );
    // 31, (2027-01-01 元旦 is closed by law either way), 4, 5, 6, 7.
    assert_eq!(dl.due, Some(d("2027-01-07")));
    assert_eq!(dl.provisional, !cal.knows_year(2027));
    if !cal.knows_year(2027) {
        assert!(dl
            .explanation
            .ends_with("（2027年节假日安排尚未公布，日期为暂定）"));
    }
}

#[test]
fn a_sub_case_of_the_catalogue_moves_through_its_department() {
    let catalogue = support::load();
    let m = catalogue.matter("SCJG-003").unwrap();
    let facts = SubCaseFacts {
        applicant: 1,
        department: &m.department,
        case_type: m.case_type,
    };
    let clerk = Actor::Clerk {
        department: m.department.clone(),
        clerk_id: "demo".into(),
    };
    let mut events = Vec::new();
    let mut state = SubCaseState::Submitted;
    for (i, action) in [
        Action::Accept,
        Action::StartReview,
        Action::Approve {
            result: m.result.clone(),
        },
    ]
    .into_iter()
    .enumerate()
    {
        state = next(&state, &action, &clerk, &facts).unwrap();
        events.push(Event {
            at: 1_790_000_000 + i as i64 * 3600,
            actor: clerk.clone(),
            action,
            note: None,
        });
    }
    assert_eq!(replay(&events, &facts), Ok(state.clone()));
    let other = catalogue.matter("CG-001").unwrap();
    let stranger = Actor::Clerk {
        department: other.department.clone(),
        clerk_id: "demo".into(),
    };
    let r = next(&SubCaseState::Submitted, &Action::Accept, &stranger, &facts).unwrap_err();
    assert_eq!(r.message(), "该事项由其他部门承办，您无权办理");
}
