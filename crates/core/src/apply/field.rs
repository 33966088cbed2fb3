//! The fields of the combined form (一表申请). A field is defined once, in `data/fields.toml`,
//! and matters name the fields they need; a field shared by several matters is asked once.
//! The same [`FieldDef::check`] runs in the browser as the citizen types and on the server.

use crate::date::SimpleDate;
use crate::identity::{CreditCode, IdNumber, MobilePhone};
use serde::{Deserialize, Serialize};

/// One field of the combined form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    /// Stable id, e.g. `shop_name`; the key of the value in an application.
    pub id: String,
    /// The label next to the input, e.g. 店铺名称（字号）.
    pub label: String,
    pub kind: FieldKind,
    /// The step of the form it is asked in.
    pub group: FieldGroup,
    #[serde(default = "yes")]
    pub required: bool,
    /// Length limits for text, in characters.
    #[serde(default)]
    pub min_len: Option<u32>,
    #[serde(default)]
    pub max_len: Option<u32>,
    /// Limits for numbers.
    #[serde(default)]
    pub min: Option<i64>,
    #[serde(default)]
    pub max: Option<i64>,
    /// Unit shown after a number, e.g. 平方米.
    #[serde(default)]
    pub unit: Option<String>,
    /// Choices for `choice` fields: (value, label).
    #[serde(default)]
    pub options: Vec<FieldOption>,
    /// Filled from the verified account and not editable: the server takes the value from
    /// the account, never from the request.
    #[serde(default)]
    pub from_account: Option<AccountValue>,
    /// A hint shown under the input.
    #[serde(default)]
    pub help: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FieldOption {
    pub value: String,
    pub label: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    /// Several lines of text.
    LongText,
    /// 公民身份号码 (GB 11643).
    IdNumber,
    /// 统一社会信用代码 (GB 32100).
    CreditCode,
    /// 手机号码.
    Mobile,
    /// YYYY-MM-DD.
    Date,
    /// A whole number within `min`..=`max`.
    Number,
    /// One of `options`.
    Choice,
}

/// The steps of the combined form, in the order they are asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FieldGroup {
    /// 申请人信息.
    Applicant,
    /// 经营信息.
    Business,
    /// 房屋信息.
    Property,
    /// 新生儿及父母信息.
    Family,
    /// 工作与社保信息.
    Work,
}

impl FieldGroup {
    pub const ALL: [FieldGroup; 5] = [
        FieldGroup::Applicant,
        FieldGroup::Business,
        FieldGroup::Property,
        FieldGroup::Family,
        FieldGroup::Work,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FieldGroup::Applicant => "申请人信息",
            FieldGroup::Business => "经营信息",
            FieldGroup::Property => "房屋信息",
            FieldGroup::Family => "新生儿及父母信息",
            FieldGroup::Work => "工作与社保信息",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FieldGroup::Applicant => "applicant",
            FieldGroup::Business => "business",
            FieldGroup::Property => "property",
            FieldGroup::Family => "family",
            FieldGroup::Work => "work",
        }
    }
}

/// What the verified account supplies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccountValue {
    /// The verified real name.
    Name,
    /// The verified identity number.
    IdNumber,
    /// The phone number the citizen logs in with.
    Phone,
}

impl FieldDef {
    /// Checks one value; `Err` is the message shown next to the field, in plain Chinese.
    /// `today` bounds identity numbers (no one is born in the future).
    pub fn check(&self, value: &str, today: SimpleDate) -> Result<(), String> {
        let v = value.trim();
        if v.is_empty() {
            return if self.required {
                Err(match self.kind {
                    FieldKind::Choice => format!("请选择{}", self.label),
                    _ => format!("请填写{}", self.label),
                })
            } else {
                Ok(())
            };
        }
        match self.kind {
            FieldKind::Text | FieldKind::LongText => {
                let n = v.chars().count() as u32;
                if let Some(min) = self.min_len.filter(|m| n < *m) {
                    return Err(format!("{}至少要{}个字", self.label, min));
                }
                if let Some(max) = self.max_len.filter(|m| n > *m) {
                    return Err(format!("{}最多{}个字，现在是{}个字", self.label, max, n));
                }
                Ok(())
            }
            FieldKind::IdNumber => IdNumber::parse(v, today)
                .map(|_| ())
                .map_err(|e| e.message()),
            FieldKind::CreditCode => CreditCode::parse(v).map(|_| ()).map_err(|e| e.message()),
            FieldKind::Mobile => MobilePhone::parse(v)
                .map(|_| ())
                .map_err(|e| e.message().to_string()),
            FieldKind::Date => SimpleDate::parse_iso(v)
                .map(|_| ())
                .ok_or_else(|| format!("{}请按“年-月-日”填写，例如 2026-12-01", self.label)),
            FieldKind::Number => {
                let n: i64 = v.parse().map_err(|_| format!("{}请填写整数", self.label))?;
                let unit = self.unit.as_deref().unwrap_or("");
                if let Some(min) = self.min.filter(|m| n < *m) {
                    return Err(format!("{}不能小于{}{}", self.label, min, unit));
                }
                if let Some(max) = self.max.filter(|m| n > *m) {
                    return Err(format!("{}不能大于{}{}", self.label, max, unit));
                }
                Ok(())
            }
            FieldKind::Choice => {
                if self.options.iter().any(|o| o.value == v) {
                    Ok(())
                } else {
                    Err(format!("请从列表中选择{}", self.label))
                }
            }
        }
    }

    /// The label of a choice's value, or the value itself.
    pub fn display<'a>(&'a self, value: &'a str) -> &'a str {
        self.options
            .iter()
            .find(|o| o.value == value)
            .map(|o| o.label.as_str())
            .unwrap_or(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(kind: FieldKind) -> FieldDef {
        FieldDef {
            id: "f".into(),
            label: "经营面积".into(),
            kind,
            group: FieldGroup::Business,
            required: true,
            min_len: Some(2),
            max_len: Some(4),
            min: Some(1),
            max: Some(100_000),
            unit: Some("平方米".into()),
            options: vec![FieldOption {
                value: "m".into(),
                label: "男".into(),
            }],
            from_account: None,
            help: None,
        }
    }

    const TODAY: SimpleDate = match SimpleDate::new(2026, 11, 25) {
        Some(d) => d,
        None => panic!(),
    };

    #[test]
    fn required_fields_say_what_is_missing() {
        assert_eq!(
            field(FieldKind::Text).check("  ", TODAY),
            Err("请填写经营面积".into())
        );
        assert_eq!(
            field(FieldKind::Choice).check("", TODAY),
            Err("请选择经营面积".into())
        );
        let mut optional = field(FieldKind::Text);
        optional.required = false;
        assert_eq!(optional.check("", TODAY), Ok(()));
    }

    #[test]
    fn text_lengths_count_characters_not_bytes() {
        let f = field(FieldKind::Text);
        assert!(f.check("荆州", TODAY).is_ok());
        assert!(f.check("荆州沙市", TODAY).is_ok());
        assert_eq!(
            f.check("荆州市沙市区", TODAY),
            Err("经营面积最多4个字，现在是6个字".into())
        );
        assert_eq!(f.check("荆", TODAY), Err("经营面积至少要2个字".into()));
    }

    #[test]
    fn numbers_are_whole_and_in_range() {
        let f = field(FieldKind::Number);
        assert!(f.check("120", TODAY).is_ok());
        assert_eq!(f.check("12.5", TODAY), Err("经营面积请填写整数".into()));
        assert_eq!(f.check("0", TODAY), Err("经营面积不能小于1平方米".into()));
        assert_eq!(
            f.check("100001", TODAY),
            Err("经营面积不能大于100000平方米".into())
        );
    }

    #[test]
    fn identity_numbers_use_the_national_check() {
        let f = field(FieldKind::IdNumber);
        assert!(f.check("11010519491231002X", TODAY).is_ok());
        let wrong = f.check("110105194912310021", TODAY).unwrap_err();
        assert!(wrong.contains("校验码"), "{wrong}");
    }

    #[test]
    fn dates_choices_phones() {
        assert!(field(FieldKind::Date).check("2026-12-01", TODAY).is_ok());
        assert!(field(FieldKind::Date).check("2026-13-01", TODAY).is_err());
        assert!(field(FieldKind::Choice).check("m", TODAY).is_ok());
        assert!(field(FieldKind::Choice).check("x", TODAY).is_err());
        assert!(field(FieldKind::Mobile).check("13800138000", TODAY).is_ok());
        assert!(field(FieldKind::Mobile).check("1380013800", TODAY).is_err());
    }
}
