//! A citizen's answers to a theme's questionnaire, and the conditions evaluated over them.

use crate::catalogue::{Condition, Question, QuestionKind, Theme};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One answer: an option value for a single choice, option values for a multiple choice,
/// a whole number for a number question. In JSON: `"rented"`, `["signboard"]`, `120`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum Answer {
    Number(i64),
    Choice(String),
    Choices(Vec<String>),
}

/// Answers by question id. Answers to questions that are no longer shown are kept (the
/// citizen may change their mind back) but never count.
pub type Answers = BTreeMap<String, Answer>;

impl Condition {
    /// Whether the condition holds for the answers. A condition on an unanswered question
    /// does not hold (and `not` of it does).
    pub fn holds(&self, answers: &Answers) -> bool {
        match self {
            Condition::All(cs) => cs.iter().all(|c| c.holds(answers)),
            Condition::Any(cs) => cs.iter().any(|c| c.holds(answers)),
            Condition::Not(c) => !c.holds(answers),
            Condition::Equals { question, value } => {
                matches!(answers.get(question), Some(Answer::Choice(v)) if v == value)
            }
            Condition::OneOf { question, values } => {
                matches!(answers.get(question), Some(Answer::Choice(v)) if values.contains(v))
            }
            Condition::Includes { question, value } => {
                matches!(answers.get(question), Some(Answer::Choices(vs)) if vs.contains(value))
            }
            Condition::AtLeast { question, value } => {
                matches!(answers.get(question), Some(Answer::Number(n)) if *n as f64 >= *value)
            }
            Condition::Below { question, value } => {
                matches!(answers.get(question), Some(Answer::Number(n)) if (*n as f64) < *value)
            }
        }
    }

    /// Why the condition holds, as the citizen's own answers: “您选择了‘店面是租赁的’”.
    /// Only the parts that hold are named; negations are not explained.
    pub fn reasons(&self, theme: &Theme, answers: &Answers) -> Vec<String> {
        let mut out = Vec::new();
        self.collect_reasons(theme, answers, &mut out);
        out.dedup();
        out
    }

    fn collect_reasons(&self, theme: &Theme, answers: &Answers, out: &mut Vec<String>) {
        if !self.holds(answers) {
            return;
        }
        let question = |id: &str| theme.questions.iter().find(|q| q.id == id);
        match self {
            Condition::All(cs) | Condition::Any(cs) => {
                for c in cs {
                    c.collect_reasons(theme, answers, out);
                }
            }
            Condition::Not(_) => {}
            Condition::Equals { question: q, .. }
            | Condition::OneOf { question: q, .. }
            | Condition::Includes { question: q, .. } => {
                let (Some(question), Some(answer)) = (question(q), answers.get(q)) else {
                    return;
                };
                let chosen: Vec<&str> = match (self, answer) {
                    (Condition::Includes { value, .. }, _) => vec![value.as_str()],
                    (_, Answer::Choice(v)) => vec![v.as_str()],
                    _ => return,
                };
                for v in chosen {
                    out.push(format!("您选择了“{}”", option_label(question, v)));
                }
            }
            Condition::AtLeast { question: q, value } | Condition::Below { question: q, value } => {
                let (Some(question), Some(Answer::Number(n))) = (question(q), answers.get(q))
                else {
                    return;
                };
                let unit = question.unit.as_deref().unwrap_or("");
                let limit = *value as i64;
                let relation = if matches!(self, Condition::AtLeast { .. }) {
                    "不少于"
                } else {
                    "少于"
                };
                out.push(format!(
                    "您填写的“{}”为{n}{unit}，{relation}{limit}{unit}",
                    short_text(&question.text)
                ));
            }
        }
    }
}

fn option_label<'a>(q: &'a Question, value: &'a str) -> &'a str {
    q.options
        .iter()
        .find(|o| o.value == value)
        .map(|o| o.label.as_str())
        .unwrap_or(value)
}

/// A question without its trailing question words, to quote it in a reason.
fn short_text(text: &str) -> String {
    let cut = text
        .split(['？', '?'])
        .next()
        .unwrap_or(text)
        .trim_end_matches("大约多少")
        .trim_end_matches("多少");
    cut.to_string()
}

/// Whether `answer` is a valid answer to `q`; `Err` says why in Chinese.
pub fn check_answer(q: &Question, answer: &Answer) -> Result<(), String> {
    let known = |v: &str| q.options.iter().any(|o| o.value == v);
    match (q.kind, answer) {
        (QuestionKind::Single, Answer::Choice(v)) if known(v) => Ok(()),
        (QuestionKind::Multiple, Answer::Choices(vs)) if vs.iter().all(|v| known(v)) => Ok(()),
        (QuestionKind::Number, Answer::Number(n)) if (0..=10_000_000).contains(n) => Ok(()),
        (QuestionKind::Number, Answer::Number(_)) => Err("请填写0到10000000之间的整数".into()),
        (QuestionKind::Number, _) => Err("请填写一个整数".into()),
        _ => Err("请从选项中选择".into()),
    }
}
