//! A mainland-China mobile number.

use super::compact;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A mainland mobile number: 11 ASCII digits, `1` then `3`-`9`. Stored without country code.
///
/// No `Display`, so it is never printed by accident; `Debug` prints the masked form. Use
/// [`MobilePhone::as_str`] where the full number is needed. Serde: the 11 digits; deserialising
/// goes through [`MobilePhone::parse`].
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MobilePhone(String);

/// What is wrong with a mobile number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MobilePhoneError {
    /// Nothing but whitespace and separators.
    Empty,
    /// Something other than digits, spaces, dashes and a leading +86.
    BadCharacter { ch: char },
    /// Not 11 digits after removing the country code.
    WrongLength { len: usize },
    /// Does not start with 1 followed by 3-9.
    BadPrefix,
}

impl MobilePhone {
    /// Normalises (full-width to half-width; spaces and dashes removed; a leading `+86`,
    /// `0086`, or `86` before 11 digits removed) and checks 11 digits, `1` then `3`-`9`.
    pub fn parse(input: &str) -> Result<MobilePhone, MobilePhoneError> {
        let s: String = compact(input).chars().filter(|c| !is_dash(*c)).collect();
        let s = strip_country_code(&s);
        if s.is_empty() {
            return Err(MobilePhoneError::Empty);
        }
        if let Some(ch) = s.chars().find(|c| !c.is_ascii_digit()) {
            return Err(MobilePhoneError::BadCharacter { ch });
        }
        if s.len() != 11 {
            return Err(MobilePhoneError::WrongLength { len: s.len() });
        }
        let b = s.as_bytes();
        if b[0] != b'1' || !(b'3'..=b'9').contains(&b[1]) {
            return Err(MobilePhoneError::BadPrefix);
        }
        Ok(MobilePhone(s.to_string()))
    }

    /// The 11 digits. Personal data: do not log it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// First 3 digits, 4 asterisks, last 4: `138****5678`.
    pub fn masked(&self) -> String {
        format!("{}****{}", &self.0[..3], &self.0[7..])
    }
}

/// ASCII hyphen-minus (full-width `－` is already ASCII by then) and the Unicode dashes
/// U+2010..=U+2015 people paste from documents.
fn is_dash(c: char) -> bool {
    c == '-' || ('\u{2010}'..='\u{2015}').contains(&c)
}

/// `+86…` and `0086…` always lose the prefix; a bare `86` only when 11 digits remain (no
/// mobile number starts with 86, so `8613812345678` is unambiguous).
fn strip_country_code(s: &str) -> &str {
    if let Some(rest) = s.strip_prefix("+86").or_else(|| s.strip_prefix("0086")) {
        return rest;
    }
    match s.strip_prefix("86") {
        Some(rest) if rest.len() == 11 => rest,
        _ => s,
    }
}

impl MobilePhoneError {
    /// A plain-Chinese message for the citizen.
    pub fn message(&self) -> &'static str {
        match self {
            MobilePhoneError::Empty => "请输入手机号码",
            MobilePhoneError::BadCharacter { .. } | MobilePhoneError::WrongLength { .. } => {
                "请输入11位手机号码"
            }
            MobilePhoneError::BadPrefix => "手机号码应以1开头，第二位为3至9",
        }
    }

    /// A stable snake_case code for APIs.
    pub fn code(&self) -> &'static str {
        match self {
            MobilePhoneError::Empty => "mobile_phone_empty",
            MobilePhoneError::BadCharacter { .. } => "mobile_phone_character",
            MobilePhoneError::WrongLength { .. } => "mobile_phone_length",
            MobilePhoneError::BadPrefix => "mobile_phone_prefix",
        }
    }
}

impl fmt::Display for MobilePhoneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for MobilePhoneError {}

/// Prints the masked form only: personal data never reaches logs.
impl fmt::Debug for MobilePhone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MobilePhone({})", self.masked())
    }
}

impl TryFrom<String> for MobilePhone {
    type Error = MobilePhoneError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        MobilePhone::parse(&value)
    }
}

impl From<MobilePhone> for String {
    fn from(phone: MobilePhone) -> String {
        phone.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ok(s: &str) -> String {
        MobilePhone::parse(s)
            .unwrap_or_else(|e| panic!("{s}: {e}"))
            .as_str()
            .to_string()
    }

    #[test]
    fn accepts_and_normalises() {
        for input in [
            "13812345678",
            " 138 1234 5678 ",
            "138-1234-5678",
            "138－1234－5678",
            "138—1234—5678",
            "１３８１２３４５６７８",
            "+86 138 1234 5678",
            "+86-13812345678",
            "＋８６ １３８１２３４５６７８",
            "008613812345678",
            "8613812345678",
            "86 138\u{3000}1234 5678",
        ] {
            assert_eq!(ok(input), "13812345678", "{input}");
        }
        for prefix in ["13", "14", "15", "16", "17", "18", "19"] {
            assert_eq!(
                ok(&format!("{prefix}012345678")),
                format!("{prefix}012345678")
            );
        }
    }

    #[test]
    fn rejects() {
        use MobilePhoneError::*;
        assert_eq!(MobilePhone::parse(""), Err(Empty));
        assert_eq!(MobilePhone::parse(" - "), Err(Empty));
        assert_eq!(MobilePhone::parse("+86"), Err(Empty));
        assert_eq!(
            MobilePhone::parse("1381234567"),
            Err(WrongLength { len: 10 })
        );
        assert_eq!(
            MobilePhone::parse("138123456789"),
            Err(WrongLength { len: 12 })
        );
        // "86" is only a country code when 11 digits follow.
        assert_eq!(MobilePhone::parse("86123"), Err(WrongLength { len: 5 }));
        assert_eq!(
            MobilePhone::parse("(010)12345678"),
            Err(BadCharacter { ch: '(' })
        );
        assert_eq!(
            MobilePhone::parse("1381234567a"),
            Err(BadCharacter { ch: 'a' })
        );
        assert_eq!(MobilePhone::parse("12812345678"), Err(BadPrefix));
        assert_eq!(MobilePhone::parse("10812345678"), Err(BadPrefix));
        assert_eq!(MobilePhone::parse("23812345678"), Err(BadPrefix));
        assert_eq!(MobilePhone::parse("+8612812345678"), Err(BadPrefix));
        assert_eq!(
            MobilePhone::parse("+85291234567"),
            Err(BadCharacter { ch: '+' })
        );
    }

    #[test]
    fn messages_and_codes() {
        assert_eq!(
            MobilePhoneError::WrongLength { len: 3 }.message(),
            "请输入11位手机号码"
        );
        assert_eq!(
            MobilePhoneError::BadPrefix.message(),
            "手机号码应以1开头，第二位为3至9"
        );
        assert_eq!(
            MobilePhoneError::BadPrefix.to_string(),
            "手机号码应以1开头，第二位为3至9"
        );
        assert_eq!(MobilePhoneError::BadPrefix.code(), "mobile_phone_prefix");
        let all = [
            MobilePhoneError::Empty,
            MobilePhoneError::BadCharacter { ch: 'a' },
            MobilePhoneError::WrongLength { len: 1 },
            MobilePhoneError::BadPrefix,
        ];
        let mut codes: Vec<_> = all.iter().map(|e| e.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
    }

    #[test]
    fn masked_and_debug() {
        let phone = MobilePhone::parse("13812345678").unwrap();
        assert_eq!(phone.masked(), "138****5678");
        assert_eq!(format!("{phone:?}"), "MobilePhone(138****5678)");
        assert!(!format!("{:?}", Some(&phone)).contains("13812345678"));
    }

    #[test]
    fn serde_goes_through_parse() {
        use serde::de::value::{Error as DeError, StringDeserializer};
        use serde::de::IntoDeserializer;
        let de = |s: &str| -> Result<MobilePhone, DeError> {
            let d: StringDeserializer<DeError> = s.to_string().into_deserializer();
            MobilePhone::deserialize(d)
        };
        assert_eq!(
            String::from(de("+86 138-1234-5678").unwrap()),
            "13812345678"
        );
        assert_eq!(
            de("12812345678").unwrap_err().to_string(),
            MobilePhoneError::BadPrefix.message()
        );
    }

    proptest! {
        #[test]
        fn valid_numbers_round_trip_and_mask(second in 3u8..=9, rest in 0u32..1_000_000_000) {
            let s = format!("1{second}{rest:09}");
            let phone = MobilePhone::parse(&s).unwrap();
            prop_assert_eq!(phone.as_str(), s.as_str());
            prop_assert_eq!(MobilePhone::parse(&format!("+86 {s}")).unwrap(), phone.clone());
            let masked = phone.masked();
            prop_assert_eq!(masked.len(), 11);
            prop_assert_eq!(&masked[..3], &s[..3]);
            prop_assert_eq!(&masked[7..], &s[7..]);
            prop_assert_eq!(&masked[3..7], "****");
            let debug = format!("{phone:?}");
            prop_assert!(!debug.contains(&s));
        }
    }
}
