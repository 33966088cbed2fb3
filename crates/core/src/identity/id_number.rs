//! 公民身份号码 by GB 11643-1999: 17 digits and an ISO 7064 MOD 11-2 check character.

use super::{compact, SimpleDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// MOD 11-2 weights of positions 1..=17 (2^(18-i) mod 11).
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// The check character for each `sum mod 11`.
const CHECK_CHARS: &[u8; 11] = b"10X98765432";
/// No birth date before this is accepted.
const EARLIEST_BIRTH: SimpleDate = match SimpleDate::new(1900, 1, 1) {
    Some(d) => d,
    None => unreachable!(),
};

/// A 公民身份号码 that passed every check: 18 characters, 17 ASCII digits and a check character
/// (`0`-`9` or upper-case `X`) that matches, with a real birth date in positions 7-14 between
/// 1900-01-01 and "today". Stored in normalised form.
///
/// Region codes are deliberately not checked against a list: 港澳台居民居住证 (81, 82, 83) and
/// the 2023 外国人永久居留身份证 (first digit 9) follow the same rules and are accepted, and so
/// are numbers from regions that have since been renamed.
///
/// There is no `Display` so that the number is never printed by accident; `Debug` prints the
/// masked form. Use [`IdNumber::as_str`] where the full number is really needed.
///
/// Serde: serialises as the normalised string. Deserialising runs every check *except* "birth
/// date not after today" (serde has no clock); a caller that deserialises untrusted input must
/// also call [`IdNumber::check_born_by`] with today's date.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdNumber(String);

/// Which part of a 公民身份号码 is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdNumberError {
    /// Nothing but whitespace.
    Empty,
    /// Not 18 characters after normalisation; `len` counts characters.
    WrongLength { len: usize },
    /// Positions 1-17 must be digits and position 18 a digit or `X`; `position` is 1-based.
    BadCharacter { position: usize, ch: char },
    /// Positions 7-14 are not a real date, or it is before 1900-01-01.
    BadBirthDate,
    /// The birth date is after today.
    FutureBirthDate,
    /// The check character does not match the first 17 digits.
    BadCheckDigit,
}

impl IdNumber {
    /// Normalises (trim, full-width `０`-`９`/`Ｘ`/`ｘ` to ASCII, `x` to `X`, internal spaces
    /// removed) and checks everything, with `today` as the latest acceptable birth date.
    pub fn parse(input: &str, today: SimpleDate) -> Result<IdNumber, IdNumberError> {
        let id = IdNumber::parse_except_today(input)?;
        id.check_born_by(today)?;
        Ok(id)
    }

    /// Like [`IdNumber::parse`] but without the "birth date not after today" check; this is
    /// what deserialisation uses. Call [`IdNumber::check_born_by`] afterwards.
    pub fn parse_except_today(input: &str) -> Result<IdNumber, IdNumberError> {
        let s = compact(input).replace('x', "X");
        let len = s.chars().count();
        if len == 0 {
            return Err(IdNumberError::Empty);
        }
        if len != 18 {
            return Err(IdNumberError::WrongLength { len });
        }
        for (i, ch) in s.chars().enumerate() {
            let ok = ch.is_ascii_digit() || (i == 17 && ch == 'X');
            if !ok {
                return Err(IdNumberError::BadCharacter {
                    position: i + 1,
                    ch,
                });
            }
        }
        // All ASCII from here on, so byte indices are character indices.
        match SimpleDate::from_yyyymmdd(&s[6..14]) {
            Some(d) if d >= EARLIEST_BIRTH => {}
            _ => return Err(IdNumberError::BadBirthDate),
        }
        if check_character(&s.as_bytes()[..17]) != s.as_bytes()[17] {
            return Err(IdNumberError::BadCheckDigit);
        }
        Ok(IdNumber(s))
    }

    /// `Err(FutureBirthDate)` if the birth date is after `today`.
    pub fn check_born_by(&self, today: SimpleDate) -> Result<(), IdNumberError> {
        if self.birth_date() > today {
            Err(IdNumberError::FutureBirthDate)
        } else {
            Ok(())
        }
    }

    /// The full normalised number (18 ASCII characters). Personal data: do not log it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The birth date of positions 7-14.
    pub fn birth_date(&self) -> SimpleDate {
        // Checked by `parse_except_today`, the only constructor.
        SimpleDate::from_yyyymmdd(&self.0[6..14]).unwrap_or(EARLIEST_BIRTH)
    }

    /// First 4 characters, 10 asterisks, last 4: `4201**********123X`.
    pub fn masked(&self) -> String {
        format!("{}**********{}", &self.0[..4], &self.0[14..])
    }
}

/// The MOD 11-2 check character (`b'0'`..=`b'9'` or `b'X'`) of the first 17 bytes of `body`,
/// which must be ASCII digits.
fn check_character(body: &[u8]) -> u8 {
    let sum: u32 = body
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d.wrapping_sub(b'0')) * w)
        .sum();
    CHECK_CHARS[(sum % 11) as usize]
}

impl IdNumberError {
    /// A plain-Chinese message for the citizen.
    pub fn message(&self) -> String {
        match self {
            IdNumberError::Empty => "请输入公民身份号码".to_string(),
            IdNumberError::WrongLength { len } => format!("公民身份号码应为18位，您输入了{len}位"),
            IdNumberError::BadCharacter { .. } => {
                "公民身份号码前17位应为数字，最后一位为数字或X".to_string()
            }
            IdNumberError::BadBirthDate => {
                "公民身份号码中的出生日期（第7至14位）不正确".to_string()
            }
            IdNumberError::FutureBirthDate => {
                "公民身份号码中的出生日期（第7至14位）不能晚于今天".to_string()
            }
            IdNumberError::BadCheckDigit => {
                "请输入18位公民身份号码，最后一位校验码不正确".to_string()
            }
        }
    }

    /// A stable snake_case code for APIs.
    pub fn code(&self) -> &'static str {
        match self {
            IdNumberError::Empty => "id_number_empty",
            IdNumberError::WrongLength { .. } => "id_number_length",
            IdNumberError::BadCharacter { .. } => "id_number_character",
            IdNumberError::BadBirthDate => "id_number_birth_date",
            IdNumberError::FutureBirthDate => "id_number_future_birth_date",
            IdNumberError::BadCheckDigit => "id_number_check_digit",
        }
    }
}

impl fmt::Display for IdNumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for IdNumberError {}

/// Prints the masked form only: personal data never reaches logs.
impl fmt::Debug for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IdNumber({})", self.masked())
    }
}

/// Every check except "birth date not after today": see the type's documentation.
impl TryFrom<String> for IdNumber {
    type Error = IdNumberError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        IdNumber::parse_except_today(&value)
    }
}

impl From<IdNumber> for String {
    fn from(id: IdNumber) -> String {
        id.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> SimpleDate {
        SimpleDate::new(2025, 6, 15).unwrap()
    }

    /// Appends the computed check character to 17 digits.
    fn with_check(body: &str) -> String {
        assert!(
            body.len() == 17 && body.bytes().all(|b| b.is_ascii_digit()),
            "{body}"
        );
        let mut s = body.to_string();
        s.push(char::from(check_character(body.as_bytes())));
        s
    }

    /// A body of 17 digits whose check character is `want`, by varying the sequence code.
    fn body_with_check(prefix14: &str, want: u8) -> String {
        (0..1000)
            .map(|n| format!("{prefix14}{n:03}"))
            .find(|b| check_character(b.as_bytes()) == want)
            .expect("every check character is reachable")
    }

    fn parse(s: &str) -> Result<IdNumber, IdNumberError> {
        IdNumber::parse(s, today())
    }

    #[test]
    fn check_character_matches_the_standards_worked_example() {
        // GB 11643-1999 Appendix A: 11010519491231002 → X.
        assert_eq!(check_character(b"11010519491231002"), b'X');
        assert_eq!(with_check("11010519491231002"), "11010519491231002X");
    }

    #[test]
    fn accepts_valid_numbers() {
        for body in [
            "11010519491231002",
            "42010119900307123",
            "44030420000229001", // leap day 2000
            "81000019800101001", // 香港居民居住证
            "82000019800101002", // 澳门居民居住证
            "83000019800101003", // 台湾居民居住证
            "93115619850704001", // 外国人永久居留身份证 (2023)
            "11010519000101001", // earliest accepted birth date
            "11010520250615001", // born today
        ] {
            let s = with_check(body);
            let id = parse(&s).unwrap_or_else(|e| panic!("{s}: {e}"));
            assert_eq!(id.as_str(), s);
        }
    }

    #[test]
    fn x_check_character_in_every_spelling() {
        let body = body_with_check("42010119900307", b'X');
        let s = with_check(&body);
        assert!(s.ends_with('X'));
        let lower = s.replace('X', "x");
        let full_lower = s.replace('X', "ｘ");
        let full_upper = s.replace('X', "Ｘ");
        for input in [&s, &lower, &full_lower, &full_upper] {
            assert_eq!(parse(input).unwrap().as_str(), s, "{input}");
        }
    }

    #[test]
    fn normalises_full_width_and_spaces() {
        let s = with_check("42010119900307123");
        let full: String = s
            .chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
                'X' => 'Ｘ',
                c => c,
            })
            .collect();
        let spaced = format!("  {} {} {}\u{3000}", &s[..6], &s[6..14], &s[14..]);
        let full_spaced = format!("\u{3000}{}\u{3000}{} ", &full[..18], &full[18..]);
        for input in [&full, &spaced, &full_spaced] {
            assert_eq!(parse(input).unwrap().as_str(), s, "{input}");
        }
    }

    #[test]
    fn birth_date_is_read() {
        let id = parse(&with_check("44030420000229001")).unwrap();
        assert_eq!(id.birth_date(), SimpleDate::new(2000, 2, 29).unwrap());
    }

    #[test]
    fn rejects_impossible_birth_dates() {
        for body in [
            "44030419000229001", // 1900 is not a leap year
            "44030420230229001", // neither is 2023
            "44030418991231001", // before 1900
            "44030420231301001", // month 13
            "44030420230001001", // month 0
            "44030420230100001", // day 0
            "44030420230431001", // 31 April
            "44030400000101001", // year 0
        ] {
            assert_eq!(
                parse(&with_check(body)),
                Err(IdNumberError::BadBirthDate),
                "{body}"
            );
        }
    }

    #[test]
    fn rejects_future_birth_dates_only_with_today() {
        let s = with_check("44030420250616001"); // the day after today()
        assert_eq!(parse(&s), Err(IdNumberError::FutureBirthDate));
        let id = IdNumber::parse_except_today(&s).unwrap();
        assert_eq!(
            id.check_born_by(today()),
            Err(IdNumberError::FutureBirthDate)
        );
        assert_eq!(
            id.check_born_by(SimpleDate::new(2025, 6, 16).unwrap()),
            Ok(())
        );
    }

    #[test]
    fn empty_length_and_characters() {
        assert_eq!(parse(""), Err(IdNumberError::Empty));
        assert_eq!(parse(" \u{3000} "), Err(IdNumberError::Empty));
        assert_eq!(
            parse("4201011990"),
            Err(IdNumberError::WrongLength { len: 10 })
        );
        let s = with_check("42010119900307123");
        assert_eq!(
            parse(&format!("{s}1")),
            Err(IdNumberError::WrongLength { len: 19 })
        );
        // Characters are counted, not bytes.
        assert_eq!(
            parse("四二零一"),
            Err(IdNumberError::WrongLength { len: 4 })
        );
        assert_eq!(
            parse("42010X199003071234"),
            Err(IdNumberError::BadCharacter {
                position: 6,
                ch: 'X'
            })
        );
        assert_eq!(
            parse("42010119900307123A"),
            Err(IdNumberError::BadCharacter {
                position: 18,
                ch: 'A'
            })
        );
        assert_eq!(
            parse("420101199003071-3X"),
            Err(IdNumberError::BadCharacter {
                position: 16,
                ch: '-'
            })
        );
        assert_eq!(
            parse("420101一9900307123X"),
            Err(IdNumberError::BadCharacter {
                position: 7,
                ch: '一'
            })
        );
    }

    #[test]
    fn rejects_a_wrong_check_digit() {
        let s = with_check("42010119900307123");
        let last = s.as_bytes()[17];
        let wrong = if last == b'0' { '1' } else { '0' };
        let bad = format!("{}{wrong}", &s[..17]);
        assert_eq!(parse(&bad), Err(IdNumberError::BadCheckDigit));
    }

    #[test]
    fn messages_and_codes() {
        assert_eq!(IdNumberError::Empty.message(), "请输入公民身份号码");
        assert_eq!(
            IdNumberError::WrongLength { len: 17 }.message(),
            "公民身份号码应为18位，您输入了17位"
        );
        assert_eq!(
            IdNumberError::BadCheckDigit.message(),
            "请输入18位公民身份号码，最后一位校验码不正确"
        );
        assert_eq!(
            IdNumberError::BadCheckDigit.to_string(),
            IdNumberError::BadCheckDigit.message()
        );
        assert_eq!(IdNumberError::BadCheckDigit.code(), "id_number_check_digit");
        let all = [
            IdNumberError::Empty,
            IdNumberError::WrongLength { len: 1 },
            IdNumberError::BadCharacter {
                position: 1,
                ch: 'a',
            },
            IdNumberError::BadBirthDate,
            IdNumberError::FutureBirthDate,
            IdNumberError::BadCheckDigit,
        ];
        let mut codes: Vec<_> = all.iter().map(|e| e.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
        assert!(all
            .iter()
            .all(|e| !e.message().is_empty() && e.code().starts_with("id_number_")));
        let _: &dyn std::error::Error = &IdNumberError::Empty;
    }

    #[test]
    fn masked_and_debug_hide_the_middle() {
        let s = with_check(&body_with_check("42010119900307", b'X'));
        let id = parse(&s).unwrap();
        assert_eq!(id.masked(), format!("4201**********{}", &s[14..]));
        assert!(id.masked().ends_with('X'));
        let debug = format!("{id:?}");
        assert_eq!(debug, format!("IdNumber({})", id.masked()));
        assert!(!debug.contains(&s));
        assert!(!debug.contains("19900307"));
        let debug_result = format!("{:?}", parse(&s));
        assert!(!debug_result.contains(&s));
    }

    #[test]
    fn serde_round_trip_skips_only_the_future_check() {
        use serde::de::value::{Error as DeError, StringDeserializer};
        use serde::de::IntoDeserializer;
        let de = |s: &str| -> Result<IdNumber, DeError> {
            let d: StringDeserializer<DeError> = s.to_string().into_deserializer();
            IdNumber::deserialize(d)
        };
        let s = with_check("42010119900307123");
        let id = de(&format!(" {} ", s.replace('X', "x"))).unwrap();
        assert_eq!(String::from(id.clone()), s);
        assert_eq!(IdNumber::try_from(s.clone()), Ok(id));
        let err = de(&format!(
            "{}{}",
            &s[..17],
            if s.ends_with('0') { '1' } else { '0' }
        ))
        .unwrap_err()
        .to_string();
        assert_eq!(err, IdNumberError::BadCheckDigit.message());
        // A future birth date deserialises; the caller checks it against today.
        let future = with_check("44030499991231001");
        assert!(de(&future).is_ok());
    }

    /// 17 digits with a birth date between 1900-01-01 and today().
    fn valid_body() -> impl Strategy<Value = String> {
        (
            0u32..1_000_000,
            1900u16..=2025,
            1u8..=12,
            1u8..=31,
            0u16..1000,
        )
            .prop_filter_map("real, not future date", |(region, y, m, d, seq)| {
                let date = SimpleDate::new(y, m, d)?;
                (date <= today()).then(|| format!("{region:06}{y:04}{m:02}{d:02}{seq:03}"))
            })
    }

    proptest! {
        #[test]
        fn valid_bodies_with_their_check_digit_are_accepted(body in valid_body()) {
            let s = with_check(&body);
            let id = parse(&s).unwrap();
            prop_assert_eq!(id.as_str(), s.as_str());
            let masked = id.masked();
            prop_assert_eq!(masked.chars().count(), 18);
            prop_assert_eq!(&masked[..4], &s[..4]);
            prop_assert_eq!(&masked[14..], &s[14..]);
            prop_assert!(masked[4..14].bytes().all(|b| b == b'*'));
            let debug = format!("{id:?}");
            prop_assert!(!debug.contains(&s));
            prop_assert!(!debug.contains(&s[4..14]));
        }

        /// MOD 11-2 detects every single substitution: no other allowed character in any
        /// position of a valid number gives a valid number.
        #[test]
        fn every_single_substitution_is_rejected(body in valid_body()) {
            let s = with_check(&body);
            for pos in 0..18 {
                let allowed: &[u8] = if pos == 17 { b"0123456789X" } else { b"0123456789" };
                for &c in allowed {
                    if c == s.as_bytes()[pos] {
                        continue;
                    }
                    let mut v = s.clone().into_bytes();
                    v[pos] = c;
                    let changed = String::from_utf8(v).unwrap();
                    prop_assert!(parse(&changed).is_err(), "{} accepted", changed);
                    prop_assert!(IdNumber::parse_except_today(&changed).is_err(), "{} accepted", changed);
                }
            }
        }
    }
}
