use super::Audience;
use serde::{Deserialize, Serialize};

/// 主题事项 / 一件事: several matters of several departments handled together for one life
/// or business event, with a situation questionnaire (情形引导) that decides which matters and
/// materials apply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// Stable id used in URLs, e.g. `open-restaurant`.
    pub id: String,
    /// e.g. 我要开饭店.
    pub name: String,
    pub audience: Audience,
    /// What the event covers, in one or two sentences.
    pub summary: String,
    /// Words citizens type (开饭店, 餐馆, 上户口, ...).
    #[serde(default)]
    pub keywords: Vec<String>,
    /// How much the combined way saves, as the guide states it, e.g. 材料由28份减至12份.
    #[serde(default)]
    pub benefits: Vec<String>,
    /// The questionnaire, in the order questions are asked.
    pub questions: Vec<Question>,
    /// The matters the theme bundles, each included always or when its condition holds.
    pub matters: Vec<ThemeMatter>,
    /// Materials of the included matters that apply only in some situations.
    #[serde(default)]
    pub material_rules: Vec<MaterialRule>,
}

/// One question of a questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable id within the theme, e.g. `venue_area`.
    pub id: String,
    /// The question as the clerk would ask it.
    pub text: String,
    #[serde(default)]
    pub help: Option<String>,
    pub kind: QuestionKind,
    /// Choices for `single` and `multiple`; empty for `number`.
    #[serde(default)]
    pub options: Vec<QuestionOption>,
    /// Unit shown after a `number` answer, e.g. 平方米.
    #[serde(default)]
    pub unit: Option<String>,
    /// Asked only when this holds for the earlier answers.
    #[serde(default)]
    pub show_if: Option<Condition>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// One option.
    Single,
    /// Any number of options.
    Multiple,
    /// A number (area in m², seats, years, ...).
    Number,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct QuestionOption {
    /// Stable value stored in the answers, e.g. `over_300`.
    pub value: String,
    /// What the citizen reads, e.g. 经营面积超过300平方米.
    pub label: String,
}

/// A condition over the questionnaire's answers. In TOML, e.g.
/// `when = { equals = { question = "venue_area", value = "over_300" } }` or
/// `when = { all = [ { equals = {...} }, { not = { includes = {...} } } ] }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(no_recursion))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// Every condition holds.
    All(Vec<Condition>),
    /// At least one condition holds.
    Any(Vec<Condition>),
    /// The condition does not hold.
    Not(Box<Condition>),
    /// A single-choice answer is exactly `value`.
    Equals { question: String, value: String },
    /// A single-choice answer is one of `values`.
    OneOf {
        question: String,
        values: Vec<String>,
    },
    /// A multiple-choice answer includes `value`.
    Includes { question: String, value: String },
    /// A number answer is at least `value`.
    AtLeast { question: String, value: f64 },
    /// A number answer is below `value`.
    Below { question: String, value: f64 },
}

impl Condition {
    /// Every (question, option value) pair the condition names; number comparisons name no
    /// option value.
    pub fn references(&self) -> Vec<(&str, Option<&str>)> {
        let mut out = Vec::new();
        self.collect_references(&mut out);
        out
    }

    fn collect_references<'a>(&'a self, out: &mut Vec<(&'a str, Option<&'a str>)>) {
        match self {
            Condition::All(cs) | Condition::Any(cs) => {
                cs.iter().for_each(|c| c.collect_references(out))
            }
            Condition::Not(c) => c.collect_references(out),
            Condition::Equals { question, value } | Condition::Includes { question, value } => {
                out.push((question, Some(value)))
            }
            Condition::OneOf { question, values } => {
                values.iter().for_each(|v| out.push((question, Some(v))))
            }
            Condition::AtLeast { question, .. } | Condition::Below { question, .. } => {
                out.push((question, None))
            }
        }
    }
}

/// A matter of a theme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ThemeMatter {
    /// Code of the [`super::Matter`].
    pub code: String,
    /// Included only when this holds; always included when absent.
    #[serde(default)]
    pub when: Option<Condition>,
}

/// A material of one of the theme's matters that applies only when `when` holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MaterialRule {
    /// Code of the matter.
    pub matter: String,
    /// Id of the material within that matter.
    pub material: String,
    pub when: Condition,
}
