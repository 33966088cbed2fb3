//! The questionnaire engine: from a theme and the answers so far, which questions are shown,
//! which matters apply, which materials each needs, and which fields the combined form asks.
//! The SPA runs it on every answer; the server runs it again on submit and trusts nothing else.

use super::answers::{check_answer, Answers};
use super::field::FieldDef;
use crate::catalogue::{CaseType, Fee, Matter, Theme};
use serde::{Deserialize, Serialize};

/// Everything the engine needs about one theme: the theme, the full guide of each of its
/// matters with the department's name, and the definitions of the fields they use.
/// `GET /api/v1/themes/{id}/kit`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThemeKit {
    pub theme: Theme,
    pub matters: Vec<KitMatter>,
    /// In the order the form asks them.
    pub fields: Vec<FieldDef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KitMatter {
    pub matter: Matter,
    pub department_name: String,
}

/// 一次告知单: what applies to the citizen's situation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Checklist {
    /// Ids of the questions shown for these answers, in order.
    pub questions: Vec<String>,
    /// The first shown question without a valid answer; `None` when all are answered.
    pub next_question: Option<String>,
    pub matters: Vec<ChecklistMatter>,
    pub materials: Vec<ChecklistMaterial>,
    /// Ids of the combined form's fields, each once, in form order.
    pub fields: Vec<String>,
}

impl Checklist {
    pub fn complete(&self) -> bool {
        self.next_question.is_none()
    }
    pub fn material(&self, key: &str) -> Option<&ChecklistMaterial> {
        self.materials.iter().find(|m| m.key == key)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChecklistMatter {
    pub code: String,
    pub name: String,
    pub department_name: String,
    pub case_type: CaseType,
    pub promised_days: u32,
    pub fees: Vec<Fee>,
    pub result: String,
    pub delivery: Vec<String>,
    /// The answers that brought it in; empty when the theme always includes it.
    pub because: Vec<String>,
}

/// One material of the checklist. A material needed by several matters (the lease for both
/// the business licence and the food licence) is one entry, supplied once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChecklistMaterial {
    /// Stable key within the application: the shared key, the e-licence type, or
    /// `matter-code/material-id`.
    pub key: String,
    pub name: String,
    /// Codes of the matters that need it.
    pub matters: Vec<String>,
    /// False for materials needed only if they apply (如有).
    pub required: bool,
    /// 容缺: may be supplied after the application, under a signed commitment.
    pub deferrable: bool,
    pub supply: MaterialSupplyKind,
    pub note: Option<String>,
    /// The answers that brought it in; empty when the matter always needs it.
    pub because: Vec<String>,
}

impl ChecklistMaterial {
    /// Whether the citizen has to upload it (or defer it).
    pub fn needs_upload(&self) -> bool {
        matches!(self.supply, MaterialSupplyKind::Upload)
    }
}

/// How a material reaches the department.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum MaterialSupplyKind {
    /// The citizen uploads it.
    Upload,
    /// 免提交: the platform holds the citizen's e-licence of this type.
    Licence { licence: String },
    /// 免提交: issued by another matter of this same application (证照联办).
    IssuedHere { licence: String, matter: String },
    /// Produced from the combined form (申请表) or signed online (承诺书).
    OnlineForm,
}

/// Evaluates the questionnaire. `licences` are the e-licence types the citizen holds.
/// Deterministic: the same kit, answers and licences give the same checklist.
pub fn evaluate(kit: &ThemeKit, answers: &Answers, licences: &[String]) -> Checklist {
    let theme = &kit.theme;
    // Answers count only for shown questions; a question is shown when its condition holds
    // on the answers that count so far (it may depend only on earlier questions).
    let mut counted = Answers::new();
    let mut questions = Vec::new();
    let mut next_question = None;
    for q in &theme.questions {
        if q.show_if.as_ref().is_some_and(|c| !c.holds(&counted)) {
            continue;
        }
        questions.push(q.id.clone());
        match answers.get(&q.id) {
            Some(a) if check_answer(q, a).is_ok() => {
                counted.insert(q.id.clone(), a.clone());
            }
            _ => {
                if next_question.is_none() {
                    next_question = Some(q.id.clone());
                }
            }
        }
    }

    let included: Vec<(&KitMatter, Vec<String>)> = theme
        .matters
        .iter()
        .filter(|tm| tm.when.as_ref().is_none_or(|c| c.holds(&counted)))
        .filter_map(|tm| {
            let km = kit.matters.iter().find(|k| k.matter.code == tm.code)?;
            let because = tm
                .when
                .as_ref()
                .map(|c| c.reasons(theme, &counted))
                .unwrap_or_default();
            Some((km, because))
        })
        .collect();

    let matters = included
        .iter()
        .map(|(km, because)| {
            let m = &km.matter;
            ChecklistMatter {
                code: m.code.clone(),
                name: m.name.clone(),
                department_name: km.department_name.clone(),
                case_type: m.case_type,
                promised_days: m.promised_days,
                fees: m.fees.clone(),
                result: m.result.clone(),
                delivery: m.delivery.clone(),
                because: because.clone(),
            }
        })
        .collect();

    let mut materials: Vec<ChecklistMaterial> = Vec::new();
    for (km, _) in &included {
        let m = &km.matter;
        for material in &m.materials {
            let rule = theme
                .material_rules
                .iter()
                .find(|r| r.matter == m.code && r.material == material.id);
            let (applies, required, because) = match rule {
                Some(r) if r.when.holds(&counted) => (true, true, r.when.reasons(theme, &counted)),
                Some(_) => (false, false, Vec::new()),
                None => (true, material.required, Vec::new()),
            };
            if !applies {
                continue;
            }
            let key = material_key(&m.code, material);
            let supply = supply_kind(material, &included, licences);
            match materials.iter_mut().find(|x| x.key == key) {
                Some(existing) => {
                    existing.matters.push(m.code.clone());
                    existing.required |= required;
                    existing.deferrable &= material.deferrable;
                    for b in because {
                        if !existing.because.contains(&b) {
                            existing.because.push(b);
                        }
                    }
                }
                None => materials.push(ChecklistMaterial {
                    key,
                    name: material.name.clone(),
                    matters: vec![m.code.clone()],
                    required,
                    deferrable: material.deferrable,
                    supply,
                    note: material.note.clone(),
                    because,
                }),
            }
        }
    }
    // Required before optional; otherwise in the order the matters list them.
    materials.sort_by_key(|m| !m.required);

    let fields = kit
        .fields
        .iter()
        .filter(|f| {
            included
                .iter()
                .any(|(km, _)| km.matter.fields.contains(&f.id))
        })
        .map(|f| f.id.clone())
        .collect();

    Checklist {
        questions,
        next_question,
        matters,
        materials,
        fields,
    }
}

/// The key that makes the same material of several matters one entry.
fn material_key(matter: &str, material: &crate::catalogue::Material) -> String {
    if let Some(shared) = &material.shared {
        return shared.clone();
    }
    if let Some(licence) = &material.licence {
        return format!("licence:{licence}");
    }
    format!("{matter}/{}", material.id)
}

fn supply_kind(
    material: &crate::catalogue::Material,
    included: &[(&KitMatter, Vec<String>)],
    licences: &[String],
) -> MaterialSupplyKind {
    if material.online_form {
        return MaterialSupplyKind::OnlineForm;
    }
    let Some(licence) = &material.licence else {
        return MaterialSupplyKind::Upload;
    };
    if licences.contains(licence) {
        return MaterialSupplyKind::Licence {
            licence: licence.clone(),
        };
    }
    match included
        .iter()
        .find(|(km, _)| km.matter.issues_licence.as_ref() == Some(licence))
    {
        Some((km, _)) => MaterialSupplyKind::IssuedHere {
            licence: licence.clone(),
            matter: km.matter.name.clone(),
        },
        None => MaterialSupplyKind::Upload,
    }
}
