//! The flow's URLs: answers in a checklist link (`?a=`), each step's address, and which page
//! a problem of the server's check belongs to. Pure, so tested natively.

use crate::url::encode;
use lianban_core::apply::{Answer, Answers};
use lianban_core::catalogue::{QuestionKind, Theme};

/// Answers to the shown questions, compactly: `entity.individual~area.120~needs.signboard-road`.
/// Question ids and option values are snake_case, so `.`, `~` and `-` never occur in them
/// and the result needs no percent-encoding.
pub fn encode_answers(answers: &Answers, shown: &[String]) -> String {
    let mut out = String::new();
    for id in shown {
        let Some(answer) = answers.get(id) else {
            continue;
        };
        if !out.is_empty() {
            out.push('~');
        }
        out.push_str(id);
        out.push('.');
        match answer {
            Answer::Number(n) => out.push_str(&n.to_string()),
            Answer::Choice(v) => out.push_str(v),
            Answer::Choices(vs) => out.push_str(&vs.join("-")),
        }
    }
    out
}

/// The answers of a checklist link, read against the theme's questions: unknown questions,
/// unknown options and malformed numbers are left out (the questionnaire asks them again).
pub fn decode_answers(theme: &Theme, s: &str) -> Answers {
    let mut answers = Answers::new();
    for pair in s.split('~') {
        let Some((id, value)) = pair.split_once('.') else {
            continue;
        };
        let Some(q) = theme.questions.iter().find(|q| q.id == id) else {
            continue;
        };
        let known = |v: &str| q.options.iter().any(|o| o.value == v);
        let answer = match q.kind {
            QuestionKind::Number => value.parse().ok().map(Answer::Number),
            QuestionKind::Single => known(value).then(|| Answer::Choice(value.to_string())),
            QuestionKind::Multiple => Some(Answer::Choices(
                value
                    .split('-')
                    .filter(|v| known(v))
                    .map(str::to_string)
                    .collect(),
            )),
        };
        if let Some(a) = answer {
            answers.insert(id.to_string(), a);
        }
    }
    answers
}

/// The address of a step of the flow, as a draft names it.
pub fn step_href(theme_id: &str, step: &str) -> String {
    let base = format!("/themes/{}", encode(theme_id));
    match step {
        "checklist" => format!("{base}/checklist"),
        "materials" | "delivery" | "review" => format!("{base}/apply/{step}"),
        "form" => format!("{base}/apply/form"),
        s => match s.strip_prefix("form.") {
            Some(group) => format!("{base}/apply/form?step={}", encode(group)),
            None => format!("{base}/apply"),
        },
    }
}

/// Where a problem of the application check (`answers.area`, `fields.shop_name`,
/// `materials.premises_lease`, `delivery.address`) is put right, coming back to the review
/// afterwards. `group_of` names the form step of a field.
pub fn problem_href(
    theme_id: &str,
    key: &str,
    group_of: impl Fn(&str) -> Option<String>,
) -> String {
    let (area, rest) = key.split_once('.').unwrap_or((key, ""));
    match area {
        "answers" if !rest.is_empty() => format!(
            "{}?q={}&from=review",
            step_href(theme_id, "questions"),
            encode(rest)
        ),
        "answers" => step_href(theme_id, "questions"),
        "fields" => match group_of(rest) {
            Some(g) => format!("{}&from=review", step_href(theme_id, &format!("form.{g}"))),
            None => step_href(theme_id, "form"),
        },
        "materials" => step_href(theme_id, "materials"),
        "delivery" => step_href(theme_id, "delivery"),
        _ => step_href(theme_id, "review"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme() -> Theme {
        serde_json::from_value(serde_json::json!({
            "id": "open-restaurant",
            "name": "我要开饭店",
            "audience": "both",
            "summary": "",
            "questions": [
                {"id": "entity", "text": "身份？", "kind": "single",
                 "options": [{"value": "individual", "label": "个体"}, {"value": "company", "label": "公司"}]},
                {"id": "area", "text": "面积？", "kind": "number", "unit": "平方米"},
                {"id": "needs", "text": "还要办？", "kind": "multiple",
                 "options": [{"value": "signboard", "label": "招牌"}, {"value": "road", "label": "占道"}]}
            ],
            "matters": []
        }))
        .expect("a theme")
    }

    fn answers() -> Answers {
        [
            ("entity", Answer::Choice("individual".into())),
            ("area", Answer::Number(120)),
            (
                "needs",
                Answer::Choices(vec!["signboard".into(), "road".into()]),
            ),
            ("hidden", Answer::Choice("x".into())),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    }

    #[test]
    fn answers_round_trip_through_a_link() {
        let shown: Vec<String> = ["entity", "area", "needs"].map(String::from).to_vec();
        let s = encode_answers(&answers(), &shown);
        assert_eq!(s, "entity.individual~area.120~needs.signboard-road");
        let mut expected = answers();
        expected.remove("hidden");
        assert_eq!(decode_answers(&theme(), &s), expected);
        // "None of them" is an answer too.
        let mut none = Answers::new();
        none.insert("needs".into(), Answer::Choices(vec![]));
        assert_eq!(encode_answers(&none, &shown), "needs.");
        assert_eq!(decode_answers(&theme(), "needs."), none);
    }

    #[test]
    fn a_tampered_link_keeps_only_what_is_valid() {
        let a = decode_answers(
            &theme(),
            "entity.pirate~area.12x~needs.road-boat~who.me~junk",
        );
        assert_eq!(a.len(), 1);
        assert_eq!(a["needs"], Answer::Choices(vec!["road".into()]));
        assert!(decode_answers(&theme(), "").is_empty());
    }

    #[test]
    fn steps_and_problems_have_addresses() {
        assert_eq!(step_href("newborn", "questions"), "/themes/newborn/apply");
        assert_eq!(
            step_href("newborn", "checklist"),
            "/themes/newborn/checklist"
        );
        assert_eq!(
            step_href("newborn", "form.family"),
            "/themes/newborn/apply/form?step=family"
        );
        assert_eq!(
            step_href("newborn", "review"),
            "/themes/newborn/apply/review"
        );
        let group = |f: &str| (f == "shop_name").then(|| "business".to_string());
        assert_eq!(
            problem_href("r", "fields.shop_name", group),
            "/themes/r/apply/form?step=business&from=review"
        );
        assert_eq!(
            problem_href("r", "answers.area", group),
            "/themes/r/apply?q=area&from=review"
        );
        assert_eq!(
            problem_href("r", "materials.licence:居民身份证", group),
            "/themes/r/apply/materials"
        );
        assert_eq!(
            problem_href("r", "delivery.address", group),
            "/themes/r/apply/delivery"
        );
        assert_eq!(
            problem_href("r", "delivery", group),
            "/themes/r/apply/delivery"
        );
    }
}
