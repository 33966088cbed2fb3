use serde::{Deserialize, Serialize};

/// 事项: one administrative service of one department, with its guide (办事指南).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Matter {
    /// 事项编码, unique, e.g. `11420100MB1234567X-001`-style or a short local code.
    pub code: String,
    /// 事项名称, e.g. 食品经营许可（新办）.
    pub name: String,
    /// Code of the owning [`super::Department`].
    pub department: String,
    /// 事项类型, e.g. 行政许可, 公共服务, 行政确认, 其他行政权力.
    pub kind: String,
    /// 服务对象: who applies.
    pub audience: Audience,
    /// Business category (业务类别) whose windows handle it in a hall.
    pub category: String,
    /// One or two plain sentences: what this is for.
    pub summary: String,
    /// Words citizens type that do not appear in the name (开饭店, 营业执照, 上户口, ...).
    #[serde(default)]
    pub keywords: Vec<String>,
    /// 设定依据: the laws and regulations, one per entry.
    pub legal_basis: Vec<String>,
    /// 办件类型: 即办件 or 承诺件.
    pub case_type: CaseType,
    /// 受理条件.
    pub conditions: Vec<String>,
    /// 申请材料.
    pub materials: Vec<Material>,
    /// 办理流程.
    pub steps: Vec<Step>,
    /// 法定办结时限, in working days (0 for 即办件 where the law sets none).
    pub statutory_days: u32,
    /// 承诺办结时限, in working days (0 = 当场办结).
    pub promised_days: u32,
    /// 收费: empty means 不收费.
    #[serde(default)]
    pub fees: Vec<Fee>,
    /// 办理结果, e.g. 食品经营许可证.
    pub result: String,
    /// 结果送达方式, e.g. 窗口领取、邮寄送达.
    pub delivery: Vec<String>,
    /// Ids of the halls (办理地点) where it is handled.
    pub halls: Vec<String>,
    /// 马上办 / 网上办 / 就近办 / 一次办.
    pub flags: ServiceFlags,
    /// 咨询电话.
    pub phone: String,
    /// 监督投诉电话, where the guide gives one.
    #[serde(default)]
    pub complaint_phone: Option<String>,
    /// 到现场次数: how many visits at most (0 = 全程网办).
    pub visits: u8,
    /// Ids of the combined form's fields (`data/fields.toml`) this matter needs.
    #[serde(default)]
    pub fields: Vec<String>,
    /// The e-licence type its result is (营业执照), so that a material of that type needed by
    /// another matter of the same application is not asked for (证照联办).
    #[serde(default)]
    pub issues_licence: Option<String>,
}

/// 服务对象.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// 自然人.
    Person,
    /// 法人 (企业、组织).
    Enterprise,
    /// 自然人和法人.
    Both,
}

impl Audience {
    pub fn label(self) -> &'static str {
        match self {
            Audience::Person => "自然人",
            Audience::Enterprise => "法人",
            Audience::Both => "自然人、法人",
        }
    }
}

/// 办件类型.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseType {
    /// 即办件: handled on the spot.
    Immediate,
    /// 承诺件: handled within the promised number of working days.
    Promised,
}

impl CaseType {
    pub fn label(self) -> &'static str {
        match self {
            CaseType::Immediate => "即办件",
            CaseType::Promised => "承诺件",
        }
    }
}

/// The four service flags of the 放管服 reform.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ServiceFlags {
    /// 马上办: concluded at the window on the spot.
    pub immediate: bool,
    /// 网上办: can be applied for online.
    pub online: bool,
    /// 就近办: can be handled at a district or town hall near home.
    pub nearby: bool,
    /// 一次办 (最多跑一次): at most one visit.
    pub one_visit: bool,
}

/// The flag names used in query strings (`?flag=online`), with their Chinese labels.
pub const SERVICE_FLAGS: [(&str, &str); 4] = [
    ("immediate", "马上办"),
    ("online", "网上办"),
    ("nearby", "就近办"),
    ("one_visit", "一次办"),
];

impl ServiceFlags {
    pub fn has(&self, name: &str) -> Option<bool> {
        match name {
            "immediate" => Some(self.immediate),
            "online" => Some(self.online),
            "nearby" => Some(self.nearby),
            "one_visit" => Some(self.one_visit),
            _ => None,
        }
    }

    /// Chinese labels of the flags that are set, in the official order.
    pub fn labels(&self) -> Vec<&'static str> {
        SERVICE_FLAGS
            .iter()
            .filter(|(name, _)| self.has(name) == Some(true))
            .map(|(_, label)| *label)
            .collect()
    }
}

/// 申请材料: one material of a matter's guide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Material {
    /// Stable id within the matter, e.g. `id_card`.
    pub id: String,
    /// 材料名称.
    pub name: String,
    /// 原件份数.
    #[serde(default)]
    pub originals: u8,
    /// 复印件份数.
    #[serde(default)]
    pub copies: u8,
    /// 是否必要: false for 非必要 (only in some situations).
    #[serde(default = "yes")]
    pub required: bool,
    /// 材料来源, e.g. 申请人自备, 政府部门核发.
    pub source: String,
    /// The e-licence (电子证照) type that makes this material free of submission (免提交)
    /// when the citizen holds it, e.g. 居民身份证, 营业执照.
    #[serde(default)]
    pub licence: Option<String>,
    /// 容缺: may be accepted without it and supplied later.
    #[serde(default)]
    pub deferrable: bool,
    /// 填报须知 or other short note.
    #[serde(default)]
    pub note: Option<String>,
    /// The same key on materials of several matters makes them one material of a combined
    /// application, uploaded once (e.g. `premises_lease`).
    #[serde(default)]
    pub shared: Option<String>,
    /// Produced by the combined form (申请表) or signed online (承诺书): never uploaded.
    #[serde(default)]
    pub online_form: bool,
}

fn yes() -> bool {
    true
}

/// 办理流程: one step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// e.g. 申请, 受理, 审查, 决定, 送达.
    pub name: String,
    pub description: String,
}

/// 收费项目.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Fee {
    pub item: String,
    /// The standard as the guide writes it, e.g. 80元/件.
    pub standard: String,
    /// 收费依据.
    pub basis: String,
}
