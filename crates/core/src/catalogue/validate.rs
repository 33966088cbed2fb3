//! Checks that the seed catalogue fits together, so that a mistake in `data/` is reported at
//! start-up with the entry it concerns instead of surfacing as a broken page.

use super::*;
use std::collections::HashSet;
use std::fmt;

/// One problem in the catalogue. `entry` names what is wrong (`事项 SCJG-001`); the loader
/// adds the file it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueError {
    pub entry: String,
    pub message: String,
}

impl fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.entry, self.message)
    }
}

struct Report(Vec<CatalogueError>);

impl Report {
    fn check(&mut self, ok: bool, entry: &str, message: impl FnOnce() -> String) {
        if !ok {
            self.0.push(CatalogueError {
                entry: entry.to_string(),
                message: message(),
            });
        }
    }
}

fn duplicates<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = HashSet::new();
    ids.filter(|id| !seen.insert(*id)).collect()
}

impl Catalogue {
    /// Every problem found, in a stable order; empty when the catalogue is sound.
    pub fn validate(&self) -> Vec<CatalogueError> {
        let mut r = Report(Vec::new());
        for (kind, dups) in [
            (
                "部门",
                duplicates(self.departments.iter().map(|d| d.code.as_str())),
            ),
            (
                "业务类别",
                duplicates(self.categories.iter().map(|c| c.id.as_str())),
            ),
            (
                "事项",
                duplicates(self.matters.iter().map(|m| m.code.as_str())),
            ),
            (
                "主题",
                duplicates(self.themes.iter().map(|t| t.id.as_str())),
            ),
            ("大厅", duplicates(self.halls.iter().map(|h| h.id.as_str()))),
            (
                "字段",
                duplicates(self.fields.iter().map(|f| f.id.as_str())),
            ),
        ] {
            for id in dups {
                r.check(false, &format!("{kind} {id}"), || "编码重复".into());
            }
        }
        for m in &self.matters {
            self.validate_matter(m, &mut r);
        }
        for t in &self.themes {
            self.validate_theme(t, &mut r);
        }
        for h in &self.halls {
            self.validate_hall(h, &mut r);
        }
        for f in &self.fields {
            let e = format!("字段 {}", f.id);
            let choice = f.kind == crate::apply::FieldKind::Choice;
            r.check(choice != f.options.is_empty(), &e, || {
                "选择字段须有选项，其他字段不应有选项".into()
            });
        }
        r.0
    }

    fn validate_matter(&self, m: &Matter, r: &mut Report) {
        let e = format!("事项 {}", m.code);
        r.check(!m.name.trim().is_empty(), &e, || "缺少事项名称".into());
        r.check(self.department(&m.department).is_some(), &e, || {
            format!("部门 {} 不存在", m.department)
        });
        r.check(self.category(&m.category).is_some(), &e, || {
            format!("业务类别 {} 不存在", m.category)
        });
        r.check(!m.legal_basis.is_empty(), &e, || "缺少设定依据".into());
        r.check(!m.conditions.is_empty(), &e, || "缺少受理条件".into());
        r.check(!m.materials.is_empty(), &e, || "缺少申请材料".into());
        r.check(!m.steps.is_empty(), &e, || "缺少办理流程".into());
        r.check(!m.delivery.is_empty(), &e, || "缺少送达方式".into());
        r.check(!m.halls.is_empty(), &e, || "缺少办理地点".into());
        r.check(!m.phone.trim().is_empty(), &e, || "缺少咨询电话".into());
        r.check(
            m.statutory_days == 0 || m.promised_days <= m.statutory_days,
            &e,
            || "承诺时限不能长于法定时限".into(),
        );
        r.check(
            m.case_type == CaseType::Promised || m.promised_days == 0,
            &e,
            || "即办件的承诺时限应为0".into(),
        );
        r.check(
            m.case_type == CaseType::Immediate || m.promised_days > 0,
            &e,
            || "承诺件须有承诺时限".into(),
        );
        r.check(
            !m.flags.immediate || m.case_type == CaseType::Immediate,
            &e,
            || "马上办的事项应为即办件".into(),
        );
        for id in duplicates(m.materials.iter().map(|x| x.id.as_str())) {
            r.check(false, &e, || format!("材料编号 {id} 重复"));
        }
        for material in &m.materials {
            r.check(
                material.originals + material.copies > 0 || material.licence.is_some(),
                &e,
                || format!("材料 {} 缺少原件或复印件份数", material.id),
            );
        }
        for id in duplicates(m.fields.iter().map(String::as_str)) {
            r.check(false, &e, || format!("字段 {id} 重复"));
        }
        for id in &m.fields {
            r.check(self.field(id).is_some(), &e, || format!("字段 {id} 不存在"));
        }
        for hall_id in &m.halls {
            match self.hall(hall_id) {
                None => r.check(false, &e, || format!("大厅 {hall_id} 不存在")),
                Some(h) => r.check(h.categories.contains(&m.category), &e, || {
                    format!("大厅 {hall_id} 不办理业务类别 {}", m.category)
                }),
            }
        }
    }

    fn validate_theme(&self, t: &Theme, r: &mut Report) {
        let e = format!("主题 {}", t.id);
        r.check(!t.questions.is_empty(), &e, || "缺少情形引导问题".into());
        for id in duplicates(t.questions.iter().map(|q| q.id.as_str())) {
            r.check(false, &e, || format!("问题 {id} 重复"));
        }
        for id in duplicates(t.matters.iter().map(|m| m.code.as_str())) {
            r.check(false, &e, || format!("事项 {id} 重复"));
        }
        for (i, q) in t.questions.iter().enumerate() {
            let choice = matches!(q.kind, QuestionKind::Single | QuestionKind::Multiple);
            r.check(!choice || q.options.len() >= 2, &e, || {
                format!("问题 {} 至少要有两个选项", q.id)
            });
            r.check(choice || q.options.is_empty(), &e, || {
                format!("数字问题 {} 不应有选项", q.id)
            });
            for v in duplicates(q.options.iter().map(|o| o.value.as_str())) {
                r.check(false, &e, || format!("问题 {} 的选项 {v} 重复", q.id));
            }
            if let Some(c) = &q.show_if {
                // A question may depend only on questions asked before it.
                check_condition(c, &t.questions[..i], &e, r);
            }
        }
        let mut departments = HashSet::new();
        for tm in &t.matters {
            match self.matter(&tm.code) {
                None => r.check(false, &e, || format!("事项 {} 不存在", tm.code)),
                Some(m) => {
                    departments.insert(m.department.as_str());
                    // Every matter of a theme is applied for through the combined form.
                    r.check(!m.fields.is_empty(), &e, || {
                        format!("事项 {} 没有一表申请字段", m.code)
                    });
                }
            }
            if let Some(c) = &tm.when {
                check_condition(c, &t.questions, &e, r);
            }
        }
        r.check(departments.len() >= 2, &e, || {
            "一件事应涉及至少两个部门".into()
        });
        for rule in &t.material_rules {
            r.check(t.matters.iter().any(|m| m.code == rule.matter), &e, || {
                format!("材料规则的事项 {} 不在本主题中", rule.matter)
            });
            if let Some(m) = self.matter(&rule.matter) {
                r.check(
                    m.materials.iter().any(|x| x.id == rule.material),
                    &e,
                    || format!("事项 {} 没有材料 {}", rule.matter, rule.material),
                );
            }
            check_condition(&rule.when, &t.questions, &e, r);
        }
    }

    fn validate_hall(&self, h: &Hall, r: &mut Report) {
        let e = format!("大厅 {}", h.id);
        // Slot ids are made of these ids and must parse back to them.
        r.check(crate::booking::is_slot_part(&h.id), &e, || {
            "大厅编号只能由小写字母、数字和“-”组成".into()
        });
        r.check((-90.0..=90.0).contains(&h.latitude), &e, || {
            "纬度超出范围".into()
        });
        r.check((-180.0..=180.0).contains(&h.longitude), &e, || {
            "经度超出范围".into()
        });
        r.check(!h.hours.is_empty(), &e, || "缺少办公时间".into());
        for hours in &h.hours {
            r.check(
                !hours.weekdays.is_empty() && hours.weekdays.iter().all(|d| (1..=7).contains(d)),
                &e,
                || "办公日应为1（周一）到7（周日）".into(),
            );
            for [from, to] in &hours.periods {
                r.check(
                    is_clock_time(from) && is_clock_time(to) && from < to,
                    &e,
                    || format!("办公时段 {from}–{to} 不正确"),
                );
            }
        }
        for c in &h.categories {
            r.check(self.category(c).is_some(), &e, || {
                format!("业务类别 {c} 不存在")
            });
            r.check(crate::booking::is_slot_part(c), &e, || {
                format!("业务类别编号 {c} 只能由小写字母、数字和“-”组成")
            });
        }
    }
}

/// A condition may only name questions of `asked` and, for choices, their option values;
/// and the comparison must suit the question's kind.
fn check_condition(c: &Condition, asked: &[Question], entry: &str, r: &mut Report) {
    let kind_ok = |q: &Question| match c {
        Condition::Equals { .. } | Condition::OneOf { .. } => q.kind == QuestionKind::Single,
        Condition::Includes { .. } => q.kind == QuestionKind::Multiple,
        Condition::AtLeast { .. } | Condition::Below { .. } => q.kind == QuestionKind::Number,
        Condition::All(_) | Condition::Any(_) | Condition::Not(_) => true,
    };
    match c {
        Condition::All(cs) | Condition::Any(cs) => {
            r.check(!cs.is_empty(), entry, || "all/any 条件不能为空".into());
            cs.iter().for_each(|c| check_condition(c, asked, entry, r));
            return;
        }
        Condition::Not(inner) => return check_condition(inner, asked, entry, r),
        _ => {}
    }
    for (qid, value) in c.references() {
        match asked.iter().find(|q| q.id == qid) {
            None => r.check(false, entry, || {
                format!("条件引用了未在此前提出的问题 {qid}")
            }),
            Some(q) => {
                r.check(kind_ok(q), entry, || {
                    format!("条件的比较方式不适用于问题 {qid}")
                });
                if let Some(v) = value {
                    r.check(q.options.iter().any(|o| o.value == v), entry, || {
                        format!("问题 {qid} 没有选项 {v}")
                    });
                }
            }
        }
    }
}
