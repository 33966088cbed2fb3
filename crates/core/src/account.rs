//! The citizen's account (统一身份认证): SMS login, real-name verification, enterprises and
//! e-licences — the API types and the rules both sides apply.

use serde::{Deserialize, Serialize};

/// A one-time SMS code has this many digits.
pub const SMS_CODE_DIGITS: usize = 6;
/// A code is valid this long after it is sent.
pub const SMS_CODE_TTL_SECONDS: i64 = 5 * 60;
/// At most one code per number in this many seconds.
pub const SMS_RESEND_SECONDS: i64 = 60;
/// Wrong tries at one code from client addresses other than the one that asked for it; past
/// this, only the asking address may still use the code.
///
/// Why this bound: a code is one of 10^6, and every address is also held to
/// [`LOGIN_FAILURES_PER_NUMBER_AND_ADDRESS`], so at most 10 + 5 guesses are ever made at one
/// code in its 5 minutes: a chance of 1.5 in 100,000, whatever the number of addresses an
/// attacker controls; with at most 10 codes a number a day, below 1 in 6,000 per number per
/// day, and every one of those codes lands on the owner's phone as a warning. Strangers spending this allowance never void the code for the address that asked
/// for it, which is the owner's phone in the ordinary case.
pub const SMS_MAX_FOREIGN_ATTEMPTS: i64 = 10;
/// Wrong codes one client address may send for one number within
/// [`LOGIN_FAILURE_WINDOW_SECONDS`]; then that address is refused for that number (others,
/// the owner among them, are not).
pub const LOGIN_FAILURES_PER_NUMBER_AND_ADDRESS: i64 = 5;
/// Failed logins count against an address for this long.
pub const LOGIN_FAILURE_WINDOW_SECONDS: i64 = 15 * 60;

/// `POST /api/v1/auth/sms-codes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SmsCodeRequest {
    pub phone: String,
}

/// The answer to a sent code: when another may be asked for, and how long this one lasts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SmsCodeSent {
    /// The number the code went to, masked (138****5678).
    pub phone_masked: String,
    pub resend_after_seconds: i64,
    pub expires_in_seconds: i64,
}

/// `POST /api/v1/auth/sessions`: log in with the code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub phone: String,
    pub code: String,
}

/// `GET /api/v1/me`: the citizen's own profile, personal data masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub phone_masked: String,
    /// Whether 实名认证 is done.
    pub verified: bool,
    /// The verified name, in full: it is the citizen's own page.
    pub name: Option<String>,
    /// e.g. 4201**********123X.
    pub id_number_masked: Option<String>,
    pub preferences: Preferences,
    pub enterprise_count: u32,
    pub licence_count: u32,
}

/// Display preferences kept with the account, so they follow the citizen to another phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Preferences {
    /// 长辈版.
    pub elder_mode: bool,
    /// `zh-CN` now; `en` later.
    pub language: String,
}

/// The languages the app speaks.
pub const LANGUAGES: [&str; 2] = ["zh-CN", "en"];

/// `PUT /api/v1/me/identity`: 实名认证.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdentityRequest {
    pub name: String,
    pub id_number: String,
}

/// An enterprise the citizen represents (法人).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Enterprise {
    pub id: i64,
    pub name: String,
    /// 统一社会信用代码 (public registry data, shown in full).
    pub credit_code: String,
    /// False when the citizen confirmed a code whose check character does not match.
    pub check_character_ok: bool,
    /// Whether the platform knows that the citizen represents it (核验).
    pub representation: Representation,
}

/// Whether a citizen's claim to represent an enterprise is confirmed. Anyone can type a credit
/// code; only a confirmed representation may act for the enterprise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Representation {
    /// 待核验: added by the citizen, not yet confirmed.
    Unconfirmed,
    /// The platform's e-licence of the business licence (营业执照) names the citizen's
    /// identity number as legal representative (法定代表人).
    ConfirmedByLicence,
    /// A clerk at a hall saw the business licence and confirmed it.
    ConfirmedByClerk,
}

impl Enterprise {
    /// Whether anything may act for the enterprise on this citizen's behalf (以企业身份办理,
    /// prefilling its data): only once the representation is confirmed.
    pub fn may_act_for(&self) -> bool {
        self.representation != Representation::Unconfirmed
    }
}

/// `POST /api/v1/me/enterprises`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnterpriseRequest {
    pub name: String,
    pub credit_code: String,
    /// The citizen confirmed a code whose check character does not match.
    #[serde(default)]
    pub confirm_check_character: bool,
}

/// 电子证照: a licence the platform holds for the citizen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Licence {
    pub id: i64,
    /// The licence type, as materials name it (居民身份证, 营业执照, 结婚证, ...).
    pub kind: String,
    /// The licence number, masked where it is personal (an identity number).
    pub number_masked: String,
    pub holder: String,
    pub issuer: String,
    /// YYYY-MM-DD.
    pub issued_on: String,
    /// YYYY-MM-DD, or none for 长期.
    pub valid_until: Option<String>,
}

/// Why a name is refused, in Chinese; `None` when it is acceptable. A name is 2 to 30
/// characters of Chinese characters, Latin letters, spaces and the middle dot (·) used in
/// names such as 买买提·艾力.
pub fn name_problem(name: &str) -> Option<&'static str> {
    let name = name.trim();
    let count = name.chars().count();
    if count == 0 {
        return Some("请输入姓名");
    }
    if !(2..=30).contains(&count) {
        return Some("姓名应为2到30个字");
    }
    let allowed = |c: char| {
        ('\u{4e00}'..='\u{9fff}').contains(&c)
            || ('\u{3400}'..='\u{4dbf}').contains(&c)
            || c.is_ascii_alphabetic()
            || matches!(c, '·' | '•' | '.' | ' ')
    };
    if !name.chars().all(allowed) {
        return Some("姓名只能包含汉字、字母和间隔号“·”");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(name_problem("张三"), None);
        assert_eq!(name_problem("买买提·艾力"), None);
        assert_eq!(name_problem("John Smith"), None);
        assert_eq!(name_problem(""), Some("请输入姓名"));
        assert_eq!(name_problem("张"), Some("姓名应为2到30个字"));
        assert!(name_problem("张3").is_some());
    }
}

/// Licence types that name an enterprise, whose numbers are public registry data.
const PUBLIC_LICENCE_KINDS: [&str; 2] = ["营业执照", "食品经营许可证"];

/// A licence number as it may be displayed: enterprise licences in full, personal ones with
/// all but the first and last four characters masked (an identity number becomes
/// 4201**********123X).
pub fn mask_licence_number(kind: &str, number: &str) -> String {
    if PUBLIC_LICENCE_KINDS.contains(&kind) {
        return number.to_string();
    }
    let chars: Vec<char> = number.chars().collect();
    if chars.len() <= 8 {
        let keep = chars.len().min(1);
        return chars[..keep].iter().collect::<String>() + &"*".repeat(chars.len() - keep);
    }
    let n = chars.len();
    chars[..4].iter().collect::<String>()
        + &"*".repeat(n - 8)
        + &chars[n - 4..].iter().collect::<String>()
}

#[cfg(test)]
mod licence_tests {
    use super::*;

    #[test]
    fn masks_personal_licence_numbers_only() {
        assert_eq!(
            mask_licence_number("居民身份证", "42010019900101123X"),
            "4201**********123X"
        );
        assert_eq!(
            mask_licence_number("营业执照", "91420100MA4K0000XX"),
            "91420100MA4K0000XX"
        );
        assert_eq!(mask_licence_number("结婚证", "J42010"), "J*****");
    }
}

#[cfg(test)]
mod enterprise_tests {
    use super::*;

    fn enterprise(representation: Representation) -> Enterprise {
        Enterprise {
            id: 1,
            name: "荆州市沙市区李记餐饮店".into(),
            credit_code: "92421002MA4F8K3L2J".into(),
            check_character_ok: true,
            representation,
        }
    }

    #[test]
    fn only_a_confirmed_representation_may_act_for_the_enterprise() {
        assert!(!enterprise(Representation::Unconfirmed).may_act_for());
        assert!(enterprise(Representation::ConfirmedByLicence).may_act_for());
        assert!(enterprise(Representation::ConfirmedByClerk).may_act_for());
    }
}
