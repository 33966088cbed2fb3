//! 补正: the citizen's answer to a supplement request, item by item. Every item the clerk
//! listed is answered at once — files for a material, a corrected value for a form field —
//! before the citizen confirms "已按要求补正".

use super::lifecycle::SupplementItem;
use crate::apply::FieldDef;
use crate::date::SimpleDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Most files one item may carry.
pub const MAX_FILES_PER_ITEM: usize = 10;

/// The answer to one requested item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SupplementAnswer {
    /// Uploads (ids from `POST /uploads`, the citizen's own).
    #[serde(default)]
    pub uploads: Vec<String>,
    /// The corrected value, for an item about a form field (`target` = `fields.<id>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// The whole answer, one entry per requested item, in the request's order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SupplementReply {
    pub items: Vec<SupplementAnswer>,
}

/// The form field an item is about (`fields.<id>`), if any.
pub fn field_target(item: &SupplementItem) -> Option<&str> {
    item.target
        .as_deref()
        .and_then(|t| t.strip_prefix("fields."))
}

/// The problems of `reply` as messages by `items.<i>` (what the SPA shows next to each item):
/// every item answered, a field's value valid as the form would take it, files within limit.
pub fn check_reply<'a>(
    items: &[SupplementItem],
    reply: &SupplementReply,
    field: impl Fn(&str) -> Option<&'a FieldDef>,
    today: SimpleDate,
) -> Result<(), BTreeMap<String, String>> {
    let mut problems = BTreeMap::new();
    if reply.items.len() != items.len() {
        problems.insert(
            "items".to_string(),
            format!("请逐项补正全部{}项内容", items.len()),
        );
        return Err(problems);
    }
    for (i, (item, answer)) in items.iter().zip(&reply.items).enumerate() {
        let key = format!("items.{i}");
        if answer.uploads.len() > MAX_FILES_PER_ITEM {
            problems.insert(key, format!("每项最多上传{MAX_FILES_PER_ITEM}个文件"));
            continue;
        }
        match field_target(item).and_then(&field) {
            Some(def) => match answer.value.as_deref().map(str::trim) {
                Some(v) if !v.is_empty() => {
                    if let Err(m) = def.check(v, today) {
                        problems.insert(key, m);
                    }
                }
                _ => {
                    problems.insert(key, format!("请填写更正后的“{}”", def.label));
                }
            },
            None => {
                if answer.uploads.is_empty() {
                    problems.insert(key, format!("请上传“{}”", item.name));
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::SupplementKind;

    fn item(name: &str, target: Option<&str>) -> SupplementItem {
        SupplementItem {
            kind: SupplementKind::Missing,
            name: name.into(),
            target: target.map(str::to_string),
            reason: "原因".into(),
        }
    }

    fn today() -> SimpleDate {
        SimpleDate::new(2026, 12, 2).unwrap()
    }

    #[test]
    fn every_item_needs_its_files_and_none_may_be_left_out() {
        let items = [item("房屋租赁合同", None), item("营业执照", None)];
        let none = |_: &str| None;
        let reply = SupplementReply {
            items: vec![
                SupplementAnswer {
                    uploads: vec!["u1".into()],
                    value: None,
                },
                SupplementAnswer::default(),
            ],
        };
        let problems = check_reply(&items, &reply, none, today()).unwrap_err();
        assert_eq!(problems.get("items.1").unwrap(), "请上传“营业执照”");
        assert!(!problems.contains_key("items.0"));
        let short = SupplementReply {
            items: vec![SupplementAnswer::default()],
        };
        assert_eq!(
            check_reply(&items, &short, none, today())
                .unwrap_err()
                .get("items")
                .unwrap(),
            "请逐项补正全部2项内容"
        );
    }
}
