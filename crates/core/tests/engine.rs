//! The questionnaire engine on the real themes of `data/`: the restaurant example of the issue,
//! and properties over every answer set a citizen can reach.

mod support;

use lianban_core::apply::{
    check_application, evaluate, Answer, Answers, ApplicationRequest, Delivery, MaterialSupply,
    MaterialSupplyKind, ThemeKit,
};
use lianban_core::catalogue::{Catalogue, Condition, QuestionKind};
use lianban_core::date::SimpleDate;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

fn kit(c: &Catalogue, id: &str) -> ThemeKit {
    c.theme_kit(c.theme(id).unwrap())
}

fn choice(v: &str) -> Answer {
    Answer::Choice(v.into())
}

fn restaurant_answers() -> Answers {
    [
        ("entity", choice("individual")),
        ("venue", choice("rented")),
        ("area", Answer::Number(120)),
        ("kitchen", choice("cooking")),
        ("needs", Answer::Choices(vec!["signboard".into()])),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

const TODAY: SimpleDate = match SimpleDate::new(2026, 11, 25) {
    Some(d) => d,
    None => panic!(),
};

#[test]
fn a_small_rented_restaurant_with_a_kitchen_and_a_signboard_gets_four_matters() {
    let c = support::load();
    let kit = kit(&c, "open-restaurant");
    let list = evaluate(&kit, &restaurant_answers(), &["居民身份证".into()]);
    assert!(list.complete());
    // Under 300 m² the fire-check question is not asked.
    assert!(!list.questions.contains(&"fire_commitment".to_string()));
    let codes: Vec<&str> = list.matters.iter().map(|m| m.code.as_str()).collect();
    assert_eq!(codes, ["SCJG-002", "SCJG-003", "CG-001", "ZJ-003"]);
    let signboard = &list.matters[2];
    assert_eq!(signboard.because, ["您选择了“需要设置户外招牌（门头）”"]);

    // The lease is one material for the business licence and the food licence.
    let lease = list.material("premises_lease").unwrap();
    assert_eq!(lease.matters, ["SCJG-002", "SCJG-003"]);
    assert!(lease.required && lease.deferrable);
    assert_eq!(lease.because, ["您选择了“店面是租赁的”"]);
    // The identity card is held as an e-licence; the business licence is issued by this very
    // application; the application forms come from the combined form.
    assert_eq!(
        list.material("licence:居民身份证").unwrap().supply,
        MaterialSupplyKind::Licence {
            licence: "居民身份证".into()
        }
    );
    assert!(matches!(
        list.material("licence:营业执照").unwrap().supply,
        MaterialSupplyKind::IssuedHere { .. }
    ));
    assert_eq!(
        list.material("SCJG-002/application").unwrap().supply,
        MaterialSupplyKind::OnlineForm
    );
    // The drainage commitment applies below 1000 m², the water-quality report does not.
    assert!(list.material("ZJ-003/commitment").is_some());
    assert!(list.material("ZJ-003/water_quality_report").is_none());

    // Shared fields once, in form order.
    assert_eq!(
        list.fields.iter().filter(|f| *f == "shop_name").count(),
        1,
        "{:?}",
        list.fields
    );
    assert_eq!(list.fields[0], "applicant_name");
    assert!(list
        .fields
        .contains(&"food_safety_manager_id_number".to_string()));
}

#[test]
fn a_large_restaurant_is_asked_about_the_fire_check_and_explained_why() {
    let c = support::load();
    let kit = kit(&c, "open-restaurant");
    let mut answers = restaurant_answers();
    answers.insert("area".into(), Answer::Number(450));
    let list = evaluate(&kit, &answers, &[]);
    assert_eq!(list.next_question.as_deref(), Some("fire_commitment"));
    let fire = list.matters.iter().find(|m| m.code == "XF-001").unwrap();
    assert_eq!(
        fire.because,
        ["您填写的“店面（含后厨）建筑面积”为450平方米，不少于300平方米"]
    );
    // Without the e-licence the identity card must be uploaded.
    assert!(list.material("licence:居民身份证").unwrap().needs_upload());
    // Back under 300 m²: the fire answer is kept but no longer counts.
    answers.insert("fire_commitment".into(), choice("pledge"));
    answers.insert("area".into(), Answer::Number(80));
    let list = evaluate(&kit, &answers, &[]);
    assert!(list.complete());
    assert!(list.matters.iter().all(|m| m.code != "XF-001"));
}

fn full_request(kit: &ThemeKit) -> ApplicationRequest {
    let list = evaluate(kit, &restaurant_answers(), &["居民身份证".into()]);
    let fields: BTreeMap<String, String> = [
        ("applicant_address", "荆州市沙市区北京中路88号"),
        ("shop_name", "老街坊餐馆"),
        ("business_address", "荆州市沙市区中山路12号"),
        ("business_scope", "餐饮服务"),
        ("employee_count", "6"),
        ("business_area", "120"),
        ("food_safety_manager_name", "王芳"),
        ("food_safety_manager_id_number", "11010519491231002X"),
        ("signboard_text", "老街坊餐馆"),
        ("signboard_area", "6"),
        ("drainage_volume", "3"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let materials = list
        .materials
        .iter()
        .filter(|m| m.needs_upload() && m.required)
        .map(|m| {
            (
                m.key.clone(),
                MaterialSupply::Upload {
                    uploads: vec!["u1".into()],
                },
            )
        })
        .collect();
    ApplicationRequest {
        theme_id: "open-restaurant".into(),
        answers: restaurant_answers(),
        fields,
        materials,
        delivery: Some(Delivery::Hall {
            hall_id: "city-centre".into(),
        }),
        new_case_confirmed: false,
    }
}

fn account() -> BTreeMap<String, String> {
    [
        ("applicant_name", "张伟"),
        ("applicant_id_number", "420102199003071234"),
        ("applicant_phone", "13800138000"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

#[test]
fn a_complete_application_passes_and_each_problem_names_its_field() {
    let c = support::load();
    let kit = kit(&c, "open-restaurant");
    let licences = ["居民身份证".to_string()];
    let mut account = account();
    // A valid number for the account (the check digit is computed, not made up).
    account.insert("applicant_id_number".into(), "11010519491231002X".into());
    let req = full_request(&kit);
    let list = check_application(&kit, &req, &licences, &account, TODAY).unwrap();
    assert_eq!(list.matters.len(), 4);

    let mut bad = req.clone();
    bad.fields.insert(
        "food_safety_manager_id_number".into(),
        "110105194912310021".into(),
    );
    bad.materials.remove("premises_lease");
    bad.materials.insert(
        "SCJG-003/layout_plan".into(),
        MaterialSupply::Deferred { commitment: true },
    );
    bad.delivery = Some(Delivery::Hall {
        hall_id: "yingcheng-town".into(),
    });
    let problems = check_application(&kit, &bad, &licences, &account, TODAY).unwrap_err();
    assert_eq!(
        problems["fields.food_safety_manager_id_number"],
        "请输入18位公民身份号码，最后一位校验码不正确"
    );
    assert!(problems["materials.premises_lease"].contains("请上传"));
    assert!(problems["materials.SCJG-003/layout_plan"].contains("不能容缺"));
    assert!(problems.contains_key("delivery.hall_id"));

    // The lease may be deferred (容缺) only with the commitment ticked.
    let mut deferred = req.clone();
    deferred.materials.insert(
        "premises_lease".into(),
        MaterialSupply::Deferred { commitment: false },
    );
    let problems = check_application(&kit, &deferred, &licences, &account, TODAY).unwrap_err();
    assert!(problems["materials.premises_lease"].contains("告知承诺"));
    deferred.materials.insert(
        "premises_lease".into(),
        MaterialSupply::Deferred { commitment: true },
    );
    assert!(check_application(&kit, &deferred, &licences, &account, TODAY).is_ok());

    // Account values win over what the request says.
    let mut forged = req.clone();
    forged.fields.insert("applicant_name".into(), "别人".into());
    assert!(check_application(&kit, &forged, &licences, &account, TODAY).is_ok());
}

/// Every value a condition compares a number against, and one either side of it.
fn interesting_numbers(kit: &ThemeKit, question: &str) -> Vec<i64> {
    fn walk(c: &Condition, q: &str, out: &mut BTreeSet<i64>) {
        match c {
            Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| walk(c, q, out)),
            Condition::Not(c) => walk(c, q, out),
            Condition::AtLeast { question, value } | Condition::Below { question, value }
                if question == q =>
            {
                let v = *value as i64;
                out.extend([v - 1, v, v + 1]);
            }
            _ => {}
        }
    }
    let t = &kit.theme;
    let mut out = BTreeSet::from([0, 50]);
    let conditions = t
        .questions
        .iter()
        .filter_map(|q| q.show_if.as_ref())
        .chain(t.matters.iter().filter_map(|m| m.when.as_ref()))
        .chain(t.material_rules.iter().map(|r| &r.when));
    for c in conditions {
        walk(c, question, &mut out);
    }
    out.into_iter().filter(|n| *n >= 0).collect()
}

/// Every answer set reachable by answering the shown questions in order.
fn reachable(kit: &ThemeKit) -> Vec<Answers> {
    let mut done = Vec::new();
    let mut stack = vec![Answers::new()];
    while let Some(answers) = stack.pop() {
        let list = evaluate(kit, &answers, &[]);
        let Some(next) = list.next_question else {
            done.push(answers);
            continue;
        };
        let q = kit.theme.questions.iter().find(|q| q.id == next).unwrap();
        let options: Vec<Answer> = match q.kind {
            QuestionKind::Single => q.options.iter().map(|o| choice(&o.value)).collect(),
            // All subsets would explode; each option alone, none and all cover the conditions.
            QuestionKind::Multiple => {
                let mut v: Vec<Answer> = q
                    .options
                    .iter()
                    .map(|o| Answer::Choices(vec![o.value.clone()]))
                    .collect();
                v.push(Answer::Choices(vec![]));
                v.push(Answer::Choices(
                    q.options.iter().map(|o| o.value.clone()).collect(),
                ));
                v
            }
            QuestionKind::Number => interesting_numbers(kit, &q.id)
                .into_iter()
                .map(Answer::Number)
                .collect(),
        };
        for a in options {
            let mut next_answers = answers.clone();
            next_answers.insert(q.id.clone(), a);
            stack.push(next_answers);
        }
    }
    done
}

#[test]
fn every_reachable_answer_set_gives_a_consistent_checklist() {
    let c = support::load();
    for theme in &c.themes {
        let kit = c.theme_kit(theme);
        let sets = reachable(&kit);
        assert!(sets.len() >= 4, "{}: {} answer sets", theme.id, sets.len());
        let mut distinct = BTreeSet::new();
        for answers in &sets {
            let list = evaluate(&kit, answers, &[]);
            assert!(list.complete(), "{}: {answers:?}", theme.id);
            assert_eq!(list, evaluate(&kit, answers, &[]), "deterministic");
            let codes: BTreeSet<&str> = list.matters.iter().map(|m| m.code.as_str()).collect();
            assert_eq!(codes.len(), list.matters.len(), "a matter twice");
            let keys: BTreeSet<&str> = list.materials.iter().map(|m| m.key.as_str()).collect();
            assert_eq!(keys.len(), list.materials.len(), "a material twice");
            for m in &list.materials {
                assert!(m.matters.iter().all(|code| codes.contains(code.as_str())));
            }
            let fields: BTreeSet<&str> = list.fields.iter().map(String::as_str).collect();
            assert_eq!(fields.len(), list.fields.len(), "a field asked twice");
            // Every field belongs to an included matter, and every included matter's fields
            // are asked.
            for km in kit
                .matters
                .iter()
                .filter(|k| codes.contains(k.matter.code.as_str()))
            {
                for f in &km.matter.fields {
                    assert!(
                        fields.contains(f.as_str()),
                        "{}: {f} missing",
                        km.matter.code
                    );
                }
            }
            for f in &list.fields {
                assert!(kit.fields.iter().any(|d| &d.id == f));
            }
            // A conditional matter always says which answer brought it in.
            for m in &list.matters {
                let tm = theme.matters.iter().find(|t| t.code == m.code).unwrap();
                let explained = tm.when.is_none() || !m.because.is_empty();
                let negated_only = matches!(tm.when, Some(Condition::Not(_)));
                assert!(
                    explained || negated_only,
                    "{}: {} unexplained",
                    theme.id,
                    m.code
                );
            }
            distinct.insert(codes.into_iter().map(String::from).collect::<Vec<_>>());
        }
        assert!(
            distinct.len() >= 2,
            "{}: answers never change the matters",
            theme.id
        );
    }
}

fn catalogue() -> &'static Catalogue {
    static CATALOGUE: std::sync::OnceLock<Catalogue> = std::sync::OnceLock::new();
    CATALOGUE.get_or_init(support::load)
}

proptest! {
    /// Arbitrary answers (including ones to hidden questions, unknown options and nonsense
    /// numbers) never break the engine, and hidden answers never count.
    #[test]
    fn arbitrary_answers_are_evaluated_deterministically(
        picks in proptest::collection::vec((0usize..8, 0usize..6, -5i64..2000), 0..10)
    ) {
        let c = catalogue();
        for theme in &c.themes {
            let kit = c.theme_kit(theme);
            let mut answers = Answers::new();
            for (qi, oi, n) in &picks {
                let q = &theme.questions[qi % theme.questions.len()];
                let a = match q.kind {
                    QuestionKind::Number => Answer::Number(*n),
                    QuestionKind::Single => choice(q.options.get(*oi).map_or("unknown", |o| &o.value)),
                    QuestionKind::Multiple => Answer::Choices(
                        q.options.iter().take(*oi).map(|o| o.value.clone()).collect()),
                };
                answers.insert(q.id.clone(), a);
            }
            let list = evaluate(&kit, &answers, &[]);
            prop_assert_eq!(&list, &evaluate(&kit, &answers, &[]));
            let shown: Answers = answers
                .iter()
                .filter(|(k, _)| list.questions.contains(k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            prop_assert_eq!(list, evaluate(&kit, &shown, &[]));
        }
    }
}
