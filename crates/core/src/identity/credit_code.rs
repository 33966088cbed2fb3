//! 统一社会信用代码 by GB 32100-2015.

use super::compact;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The 31 allowed characters; a character's value is its index. No I, O, Z, S, V.
const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights of positions 1..=17 (3^(i-1) mod 31).
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// The warning shown when the check character does not match: some genuine codes issued
/// before the standard settled fail the check, so the citizen may confirm and continue.
pub const CREDIT_CODE_MISMATCH_WARNING: &str = "校验位与前17位不符，请核对；如确认无误可继续提交";

/// A structurally valid 统一社会信用代码: 18 characters of the allowed alphabet, positions 3-8
/// digits. The check character may or may not match (see [`CreditCodeCheck`]); a code with a
/// mismatch is only built by [`CreditCode::parse`] (which reports it) or by
/// [`CreditCode::parse_confirmed`] with the citizen's confirmation.
///
/// Positions 1 (登记管理部门代码) and 2 (机构类别代码) are only checked against the alphabet,
/// not against the lists of the standard, and the region code is not matched against a list.
///
/// Serde: serialises as the normalised string; deserialising checks the structure and
/// *accepts* a check-character mismatch (a stored, confirmed code must read back). A server
/// that needs the confirmation should receive the input as a string and call
/// [`CreditCode::parse_confirmed`].
///
/// Not personal data (it is public in the national registry), so `Display` and `Debug` show
/// it in full.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreditCode(String);

/// The result of [`CreditCode::parse`]: a structurally valid code and whether its check
/// character matches; if not, show [`CreditCodeCheck::warning`] and ask for confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditCodeCheck {
    pub code: CreditCode,
    pub check_character_ok: bool,
}

/// What is wrong with a 统一社会信用代码.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreditCodeError {
    /// Nothing but whitespace.
    Empty,
    /// Not 18 characters after normalisation; `len` counts characters.
    WrongLength { len: usize },
    /// A character outside the alphabet; `position` is 1-based.
    BadCharacter { position: usize, ch: char },
    /// A letter within positions 3-8 (the 行政区划码, digits only); `position` is 1-based.
    RegionNotDigits { position: usize, ch: char },
    /// The check character does not match and the citizen has not confirmed the code; only
    /// from [`CreditCode::parse_confirmed`].
    CheckCharacterMismatch,
}

impl CreditCode {
    /// Normalises (trim, full-width to half-width, upper-case, spaces removed) and checks the
    /// structure. A check-character mismatch is not an error but `check_character_ok: false`.
    pub fn parse(input: &str) -> Result<CreditCodeCheck, CreditCodeError> {
        let s = compact(input).to_ascii_uppercase();
        let len = s.chars().count();
        if len == 0 {
            return Err(CreditCodeError::Empty);
        }
        if len != 18 {
            return Err(CreditCodeError::WrongLength { len });
        }
        for (i, ch) in s.chars().enumerate() {
            let position = i + 1;
            if value_of(ch).is_none() {
                return Err(CreditCodeError::BadCharacter { position, ch });
            }
            if (3..=8).contains(&position) && !ch.is_ascii_digit() {
                return Err(CreditCodeError::RegionNotDigits { position, ch });
            }
        }
        let code = CreditCode(s);
        let check_character_ok = code.check_character_ok();
        Ok(CreditCodeCheck {
            code,
            check_character_ok,
        })
    }

    /// Like [`CreditCode::parse`], but a check-character mismatch is accepted only if
    /// `confirmed` (the citizen saw the warning and confirmed), else it is
    /// [`CreditCodeError::CheckCharacterMismatch`].
    pub fn parse_confirmed(input: &str, confirmed: bool) -> Result<CreditCode, CreditCodeError> {
        let check = CreditCode::parse(input)?;
        if check.check_character_ok || confirmed {
            Ok(check.code)
        } else {
            Err(CreditCodeError::CheckCharacterMismatch)
        }
    }

    /// The normalised code, 18 ASCII characters.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether position 18 is the check character of positions 1-17.
    pub fn check_character_ok(&self) -> bool {
        let b = self.0.as_bytes();
        Some(check_character(&b[..17])) == b.get(17).copied()
    }
}

impl CreditCodeCheck {
    /// [`CREDIT_CODE_MISMATCH_WARNING`] if the check character does not match.
    pub fn warning(&self) -> Option<&'static str> {
        (!self.check_character_ok).then_some(CREDIT_CODE_MISMATCH_WARNING)
    }
}

/// The value (index in the alphabet) of an allowed character.
fn value_of(ch: char) -> Option<u32> {
    let b = u8::try_from(ch).ok()?;
    ALPHABET.iter().position(|&a| a == b).map(|i| i as u32)
}

/// The check character of the first 17 bytes of `body`, which must be in the alphabet.
fn check_character(body: &[u8]) -> u8 {
    let sum: u32 = body
        .iter()
        .zip(WEIGHTS)
        .map(|(&b, w)| value_of(char::from(b)).unwrap_or(0) * w)
        .sum();
    ALPHABET[((31 - sum % 31) % 31) as usize]
}

impl CreditCodeError {
    /// A plain-Chinese message for the citizen.
    pub fn message(&self) -> String {
        match self {
            CreditCodeError::Empty => "请输入统一社会信用代码".to_string(),
            CreditCodeError::WrongLength { len } => {
                format!("统一社会信用代码应为18位，您输入了{len}位")
            }
            CreditCodeError::BadCharacter { position, ch } => {
                format!("第{position}位的“{ch}”不是统一社会信用代码允许的字符（不含I、O、Z、S、V）")
            }
            CreditCodeError::RegionNotDigits { position, ch } => format!(
                "统一社会信用代码第3至8位为行政区划码，应为数字，第{position}位的“{ch}”不是数字"
            ),
            CreditCodeError::CheckCharacterMismatch => CREDIT_CODE_MISMATCH_WARNING.to_string(),
        }
    }

    /// A stable snake_case code for APIs.
    pub fn code(&self) -> &'static str {
        match self {
            CreditCodeError::Empty => "credit_code_empty",
            CreditCodeError::WrongLength { .. } => "credit_code_length",
            CreditCodeError::BadCharacter { .. } => "credit_code_character",
            CreditCodeError::RegionNotDigits { .. } => "credit_code_region",
            CreditCodeError::CheckCharacterMismatch => "credit_code_check_character",
        }
    }
}

impl fmt::Display for CreditCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for CreditCodeError {}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Structure only; a check-character mismatch is accepted: see the type's documentation.
impl TryFrom<String> for CreditCode {
    type Error = CreditCodeError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        CreditCode::parse(&value).map(|check| check.code)
    }
}

impl From<CreditCode> for String {
    fn from(code: CreditCode) -> String {
        code.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn with_check(body: &str) -> String {
        assert_eq!(body.len(), 17, "{body}");
        assert!(body.chars().all(|c| value_of(c).is_some()), "{body}");
        let mut s = body.to_string();
        s.push(char::from(check_character(body.as_bytes())));
        s
    }

    /// The same code with another allowed check character.
    fn with_wrong_check(body: &str) -> String {
        let good = with_check(body);
        let wrong = if good.ends_with('0') { '1' } else { '0' };
        format!("{body}{wrong}")
    }

    #[test]
    fn weights_are_powers_of_three_mod_31() {
        let mut w = 1u32;
        for weight in WEIGHTS {
            assert_eq!(weight, w);
            w = w * 3 % 31;
        }
        assert_eq!(ALPHABET.len(), 31);
        for forbidden in ['I', 'O', 'Z', 'S', 'V'] {
            assert_eq!(value_of(forbidden), None);
        }
    }

    #[test]
    fn check_character_by_hand() {
        // All zeros: sum 0, 31 - 0 = 31 → 0.
        assert_eq!(with_check("00000000000000000"), "000000000000000000");
        // A single 1 in position 1: sum 1, 31 - 1 = 30 → 'Y'.
        assert_eq!(with_check("10000000000000000"), "10000000000000000Y");
        // A single 1 in position 2: sum 3, 31 - 3 = 28 → 'W'.
        assert_eq!(with_check("01000000000000000"), "01000000000000000W");
    }

    #[test]
    fn accepts_valid_codes() {
        for body in [
            "91110108MA01ABCDE",
            "12100000400000624",
            "Y1440300000000000",
            "51420100MJ0000000",
        ] {
            let s = with_check(body);
            let check = CreditCode::parse(&s).unwrap();
            assert!(check.check_character_ok, "{s}");
            assert_eq!(check.warning(), None);
            assert_eq!(check.code.as_str(), s);
            assert_eq!(check.code.to_string(), s);
            assert_eq!(CreditCode::parse_confirmed(&s, false), Ok(check.code));
        }
    }

    #[test]
    fn normalises() {
        let s = with_check("91110108MA01ABCDE");
        let lower = s.to_ascii_lowercase();
        let full: String = s
            .chars()
            .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
            .collect();
        let spaced = format!(" {} {}\u{3000}{} ", &s[..2], &s[2..8], &s[8..]);
        for input in [&lower, &full, &spaced] {
            assert_eq!(
                CreditCode::parse(input).unwrap().code.as_str(),
                s,
                "{input}"
            );
        }
    }

    #[test]
    fn mismatch_is_a_warning_and_needs_confirmation() {
        let s = with_wrong_check("91110108MA01ABCDE");
        let check = CreditCode::parse(&s).unwrap();
        assert!(!check.check_character_ok);
        assert!(!check.code.check_character_ok());
        assert_eq!(
            check.warning(),
            Some("校验位与前17位不符，请核对；如确认无误可继续提交")
        );
        assert_eq!(
            CreditCode::parse_confirmed(&s, false),
            Err(CreditCodeError::CheckCharacterMismatch)
        );
        assert_eq!(CreditCode::parse_confirmed(&s, true).unwrap().as_str(), s);
        // Confirmation does not excuse structural errors.
        assert_eq!(
            CreditCode::parse_confirmed("91110108MA01ABCDEO", true),
            Err(CreditCodeError::BadCharacter {
                position: 18,
                ch: 'O'
            })
        );
    }

    #[test]
    fn errors_say_where() {
        assert_eq!(CreditCode::parse("  "), Err(CreditCodeError::Empty));
        assert_eq!(
            CreditCode::parse("9111010"),
            Err(CreditCodeError::WrongLength { len: 7 })
        );
        assert_eq!(
            CreditCode::parse("91110108OA01ABCDE0"),
            Err(CreditCodeError::BadCharacter {
                position: 9,
                ch: 'O'
            })
        );
        assert_eq!(
            CreditCode::parse("91110108MA01ABCDE0").map(|c| c.code.0.len()),
            Ok(18)
        );
        assert_eq!(
            CreditCode::parse("9111A108MA01ABCDE0"),
            Err(CreditCodeError::RegionNotDigits {
                position: 5,
                ch: 'A'
            })
        );
        // A forbidden letter in the region is reported as a bad character, not as a letter.
        assert_eq!(
            CreditCode::parse("9111I108MA01ABCDE0"),
            Err(CreditCodeError::BadCharacter {
                position: 5,
                ch: 'I'
            })
        );
        assert_eq!(
            CreditCode::parse("91110108MA01-BCDE0"),
            Err(CreditCodeError::BadCharacter {
                position: 13,
                ch: '-'
            })
        );
        assert_eq!(
            CreditCode::parse("91110108MA01张BCDE0"),
            Err(CreditCodeError::BadCharacter {
                position: 13,
                ch: '张'
            })
        );
    }

    #[test]
    fn messages_and_codes() {
        assert_eq!(
            CreditCodeError::BadCharacter {
                position: 9,
                ch: 'O'
            }
            .message(),
            "第9位的“O”不是统一社会信用代码允许的字符（不含I、O、Z、S、V）"
        );
        assert_eq!(CreditCodeError::Empty.message(), "请输入统一社会信用代码");
        assert_eq!(
            CreditCodeError::WrongLength { len: 15 }.message(),
            "统一社会信用代码应为18位，您输入了15位"
        );
        assert_eq!(
            CreditCodeError::CheckCharacterMismatch.message(),
            CREDIT_CODE_MISMATCH_WARNING
        );
        let all = [
            CreditCodeError::Empty,
            CreditCodeError::WrongLength { len: 1 },
            CreditCodeError::BadCharacter {
                position: 1,
                ch: 'I',
            },
            CreditCodeError::RegionNotDigits {
                position: 3,
                ch: 'A',
            },
            CreditCodeError::CheckCharacterMismatch,
        ];
        let mut codes: Vec<_> = all.iter().map(|e| e.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
        for e in all {
            assert!(e.code().starts_with("credit_code_"));
            assert_eq!(e.to_string(), e.message());
        }
    }

    #[test]
    fn serde_accepts_structure_and_keeps_mismatches() {
        use serde::de::value::{Error as DeError, StringDeserializer};
        use serde::de::IntoDeserializer;
        let de = |s: &str| -> Result<CreditCode, DeError> {
            let d: StringDeserializer<DeError> = s.to_string().into_deserializer();
            CreditCode::deserialize(d)
        };
        let good = with_check("91110108MA01ABCDE");
        assert_eq!(String::from(de(&good.to_ascii_lowercase()).unwrap()), good);
        let mismatch = with_wrong_check("91110108MA01ABCDE");
        assert_eq!(de(&mismatch).unwrap().as_str(), mismatch);
        let err = de("91110108OA01ABCDE0").unwrap_err().to_string();
        assert_eq!(
            err,
            CreditCodeError::BadCharacter {
                position: 9,
                ch: 'O'
            }
            .message()
        );
    }

    fn alphabet_char() -> impl Strategy<Value = char> {
        (0usize..31).prop_map(|i| char::from(ALPHABET[i]))
    }

    /// Positions 1-2 and 9-17 from the alphabet, 3-8 digits.
    fn valid_body() -> impl Strategy<Value = String> {
        (
            proptest::collection::vec(alphabet_char(), 2),
            0u32..1_000_000,
            proptest::collection::vec(alphabet_char(), 9),
        )
            .prop_map(|(head, region, tail)| {
                let mut s: String = head.into_iter().collect();
                s.push_str(&format!("{region:06}"));
                s.extend(tail);
                s
            })
    }

    proptest! {
        #[test]
        fn valid_bodies_with_their_check_character_pass(body in valid_body()) {
            let s = with_check(&body);
            let check = CreditCode::parse(&s).unwrap();
            prop_assert!(check.check_character_ok);
            prop_assert_eq!(check.code.as_str(), s.as_str());
        }

        /// MOD 31 with weights 3^i detects every single substitution: changing any one position
        /// to any other allowed character either breaks the structure (a letter in 3-8) or
        /// flips `check_character_ok` to false.
        #[test]
        fn every_single_substitution_is_caught(body in valid_body()) {
            let s = with_check(&body);
            for pos in 0..18 {
                for &c in ALPHABET.iter() {
                    if c == s.as_bytes()[pos] {
                        continue;
                    }
                    let mut v = s.clone().into_bytes();
                    v[pos] = c;
                    let changed = String::from_utf8(v).unwrap();
                    match CreditCode::parse(&changed) {
                        Ok(check) => {
                            prop_assert!(!check.check_character_ok, "{} passed", changed);
                            prop_assert!(CreditCode::parse_confirmed(&changed, false).is_err());
                        }
                        Err(e) => {
                            prop_assert!((3..=8).contains(&(pos + 1)), "{}: {:?}", changed, e);
                            let is_region = matches!(e, CreditCodeError::RegionNotDigits { .. });
                            prop_assert!(is_region, "{}: {:?}", changed, e);
                        }
                    }
                }
            }
        }
    }
}
