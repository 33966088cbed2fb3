//! 办件编号, 子件编号 and 查询码 as the receipt prints them, each with exactly one spelling.
//!
//! A citizen types these from a paper receipt or a screenshot, and lookups, lockout counters
//! and the database are all keyed on the text: two spellings of one case would be two lockout
//! counters over the same query code. So only the text the platform writes is accepted;
//! lowercase, full-width digits, spaces and dashes are refused with a message that says what
//! the number looks like, never quietly normalised (the SPA may upper-case visibly as the
//! citizen types, which is a different thing).

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::date::SimpleDate;

/// Length of a [`CaseNumber`]: `LB`, `YYYYMMDD`, six digits.
pub const CASE_NUMBER_LEN: usize = 16;

/// Largest sequence a [`CaseNumber`] can carry in its six digits.
pub const MAX_CASE_SEQUENCE: u32 = 999_999;

/// Largest sub-case index: two digits after the dash.
pub const MAX_SUB_CASE_INDEX: u8 = 99;

/// Characters of a query code: read aloud at a window and typed from a receipt, so no
/// `0`/`O` and no `1`/`I`/`L`. The same alphabet as the server's `READABLE` codes.
pub const QUERY_CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// Length of a [`QueryCode`].
pub const QUERY_CODE_LEN: usize = 6;

/// 办件编号 of a combined case: `LB`, the day of submission (China date, `YYYYMMDD`) and a
/// six-digit sequence from 000001, e.g. `LB20261125000001`.
///
/// Serde: the canonical text; deserialising goes through [`CaseNumber::parse`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseNumber(String);

/// Why a text is not a case number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseNumberError {
    Empty,
    /// Does not start with the capital letters `LB`.
    Prefix,
    /// Not 16 characters.
    Length {
        len: usize,
    },
    /// Something other than ASCII digits after `LB`.
    NotDigits,
    /// The eight digits after `LB` are no calendar date.
    Date,
    /// The sequence is `000000`, which the platform never hands out.
    Sequence,
}

impl CaseNumberError {
    /// A plain-Chinese message for the citizen.
    pub fn message(self) -> &'static str {
        match self {
            CaseNumberError::Empty => "请输入办件编号",
            CaseNumberError::Prefix => "办件编号应为大写字母LB开头的16位编号，如LB20261125000001",
            CaseNumberError::Length { .. } | CaseNumberError::NotDigits => {
                "办件编号应为LB开头的16位编号（LB加14位数字），请核对回执"
            }
            CaseNumberError::Date | CaseNumberError::Sequence => {
                "办件编号不正确，请核对回执上的办件编号"
            }
        }
    }

    /// A stable snake_case code for APIs.
    pub fn code(self) -> &'static str {
        match self {
            CaseNumberError::Empty => "case_number_empty",
            CaseNumberError::Prefix => "case_number_prefix",
            CaseNumberError::Length { .. } => "case_number_length",
            CaseNumberError::NotDigits => "case_number_digits",
            CaseNumberError::Date => "case_number_date",
            CaseNumberError::Sequence => "case_number_sequence",
        }
    }
}

impl fmt::Display for CaseNumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for CaseNumberError {}

/// The value of ASCII digits already checked.
fn digits_value(b: &[u8]) -> u32 {
    b.iter().fold(0, |a, d| a * 10 + u32::from(d - b'0'))
}

impl CaseNumber {
    /// The number of the `sequence`th case, submitted on `day` (China date). Fails with
    /// [`CaseNumberError::Sequence`] outside `1..=999_999`: six digits are all the receipt has.
    pub fn new(day: SimpleDate, sequence: u32) -> Result<CaseNumber, CaseNumberError> {
        if !(1..=MAX_CASE_SEQUENCE).contains(&sequence) {
            return Err(CaseNumberError::Sequence);
        }
        Ok(CaseNumber(format!(
            "LB{:04}{:02}{:02}{sequence:06}",
            day.year(),
            day.month(),
            day.day()
        )))
    }

    /// Accepts exactly the text [`CaseNumber::new`] writes.
    pub fn parse(s: &str) -> Result<CaseNumber, CaseNumberError> {
        if s.is_empty() {
            return Err(CaseNumberError::Empty);
        }
        let b = s.as_bytes();
        if !s.starts_with("LB") {
            return Err(CaseNumberError::Prefix);
        }
        if b.len() != CASE_NUMBER_LEN {
            let len = s.chars().count();
            // Sixteen characters, one of them wide (a full-width digit, an ideographic space):
            // the length is right, a character is not.
            return Err(if len == CASE_NUMBER_LEN {
                CaseNumberError::NotDigits
            } else {
                CaseNumberError::Length { len }
            });
        }
        if !b[2..].iter().all(u8::is_ascii_digit) {
            return Err(CaseNumberError::NotDigits);
        }
        let day = SimpleDate::from_yyyymmdd(&s[2..10]).ok_or(CaseNumberError::Date)?;
        let number = CaseNumber::new(day, digits_value(&b[10..]))?;
        // Every check above already makes this hold; it is what the type promises.
        if number.0 != s {
            return Err(CaseNumberError::NotDigits);
        }
        Ok(number)
    }

    /// The day the case was submitted (China date).
    pub fn day(&self) -> SimpleDate {
        SimpleDate::from_yyyymmdd(&self.0[2..10]).expect("checked by parse")
    }

    /// The sequence, 1..=999_999.
    pub fn sequence(&self) -> u32 {
        digits_value(&self.0.as_bytes()[10..])
    }

    /// The one spelling: what the receipt shows and what everything is keyed on.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CaseNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for CaseNumber {
    type Error = CaseNumberError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        CaseNumber::parse(&s)
    }
}

impl From<CaseNumber> for String {
    fn from(n: CaseNumber) -> String {
        n.0
    }
}

/// 子件编号: one matter's share of a combined case, the case number, `-` and a two-digit
/// index from 01 in the order of the checklist, e.g. `LB20261125000001-02`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubCaseNumber(String);

/// Why a text is not a sub-case number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubCaseNumberError {
    /// The part before `-` is no case number.
    Case(CaseNumberError),
    /// No `-` and two digits after the case number.
    Shape,
    /// `00`: indexes start at 01.
    Index,
}

impl SubCaseNumberError {
    pub fn message(self) -> &'static str {
        match self {
            SubCaseNumberError::Case(e) => e.message(),
            SubCaseNumberError::Shape | SubCaseNumberError::Index => {
                "子项编号应为办件编号加“-”和两位序号，如LB20261125000001-01"
            }
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            SubCaseNumberError::Case(e) => e.code(),
            SubCaseNumberError::Shape => "sub_case_number_shape",
            SubCaseNumberError::Index => "sub_case_number_index",
        }
    }
}

impl fmt::Display for SubCaseNumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for SubCaseNumberError {}

impl SubCaseNumber {
    /// The `index`th (1-based) sub-case of `case`; `Index` outside `1..=99`.
    pub fn new(case: &CaseNumber, index: u8) -> Result<SubCaseNumber, SubCaseNumberError> {
        if !(1..=MAX_SUB_CASE_INDEX).contains(&index) {
            return Err(SubCaseNumberError::Index);
        }
        Ok(SubCaseNumber(format!("{case}-{index:02}")))
    }

    /// Accepts exactly the text [`SubCaseNumber::new`] writes.
    pub fn parse(s: &str) -> Result<SubCaseNumber, SubCaseNumberError> {
        // `get`, not slicing: a wide character across the split is an error, not a panic.
        let b = s.as_bytes();
        let case_len = CASE_NUMBER_LEN.min(b.len());
        let case = s
            .get(..case_len)
            .ok_or(SubCaseNumberError::Shape)
            .and_then(|c| CaseNumber::parse(c).map_err(SubCaseNumberError::Case))?;
        let rest = &b[case_len..];
        if rest.len() != 3 || rest[0] != b'-' || !rest[1..].iter().all(u8::is_ascii_digit) {
            return Err(SubCaseNumberError::Shape);
        }
        let index = digits_value(&rest[1..]) as u8;
        let number = SubCaseNumber::new(&case, index)?;
        if number.0 != s {
            return Err(SubCaseNumberError::Shape);
        }
        Ok(number)
    }

    /// The combined case it belongs to.
    pub fn case(&self) -> CaseNumber {
        CaseNumber(self.0[..CASE_NUMBER_LEN].to_string())
    }

    /// 1-based, in the order of the checklist.
    pub fn index(&self) -> u8 {
        digits_value(&self.0.as_bytes()[CASE_NUMBER_LEN + 1..]) as u8
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SubCaseNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for SubCaseNumber {
    type Error = SubCaseNumberError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        SubCaseNumber::parse(&s)
    }
}

impl From<SubCaseNumber> for String {
    fn from(n: SubCaseNumber) -> String {
        n.0
    }
}

/// 查询码: six characters of [`QUERY_CODE_ALPHABET`] that, with the case number, open the
/// case without logging in. A secret: no `Display` (so `%code` in a log line does not
/// compile) and a masked `Debug`; [`QueryCode::as_str`] where the receipt must show it.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueryCode(String);

/// Why a text is not a query code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryCodeError {
    Empty,
    /// Not six characters.
    Length {
        len: usize,
    },
    /// A lowercase letter: the receipt prints capitals.
    Lowercase,
    /// A character the alphabet does not have (`0`, `O`, `1`, `I`, `L`, a space, a
    /// full-width letter …).
    Character {
        ch: char,
    },
}

impl QueryCodeError {
    pub fn message(self) -> &'static str {
        match self {
            QueryCodeError::Empty => "请输入查询码",
            QueryCodeError::Length { .. } => "查询码为6位，请核对回执上的查询码",
            QueryCodeError::Lowercase => "查询码中的字母均为大写，请核对回执上的查询码",
            QueryCodeError::Character { .. } => {
                "查询码由数字2至9和大写字母组成（不含0、1、I、L、O），请核对回执"
            }
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            QueryCodeError::Empty => "query_code_empty",
            QueryCodeError::Length { .. } => "query_code_length",
            QueryCodeError::Lowercase => "query_code_lowercase",
            QueryCodeError::Character { .. } => "query_code_character",
        }
    }
}

impl fmt::Display for QueryCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for QueryCodeError {}

impl QueryCode {
    /// Accepts exactly six characters of [`QUERY_CODE_ALPHABET`].
    pub fn parse(s: &str) -> Result<QueryCode, QueryCodeError> {
        if s.is_empty() {
            return Err(QueryCodeError::Empty);
        }
        let readable = |c: char| c.is_ascii() && QUERY_CODE_ALPHABET.contains(&(c as u8));
        if let Some(ch) = s.chars().find(|c| !readable(*c)) {
            if readable(ch.to_ascii_uppercase()) {
                return Err(QueryCodeError::Lowercase);
            }
            return Err(QueryCodeError::Character { ch });
        }
        if s.len() != QUERY_CODE_LEN {
            return Err(QueryCodeError::Length { len: s.len() });
        }
        Ok(QueryCode(s.to_string()))
    }

    /// The code itself: for the receipt and the database only, never for a log line.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Compares with `typed` in time that does not depend on where they differ, so that
    /// response times do not tell an attacker how many leading characters are right.
    pub fn verify(&self, typed: &QueryCode) -> bool {
        self.0
            .bytes()
            .zip(typed.0.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
    }
}

/// Masked: a query code never reaches a log through `{:?}`.
impl fmt::Debug for QueryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("QueryCode(******)")
    }
}

impl TryFrom<String> for QueryCode {
    type Error = QueryCodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        QueryCode::parse(&s)
    }
}

impl From<QueryCode> for String {
    fn from(c: QueryCode) -> String {
        c.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const CASE: &str = "LB20261125000001";

    #[test]
    fn a_case_number_round_trips() {
        let n = CaseNumber::parse(CASE).unwrap();
        assert_eq!(n.as_str(), CASE);
        assert_eq!(n.to_string(), CASE);
        assert_eq!(n.day().to_string(), "2026-11-25");
        assert_eq!(n.sequence(), 1);
        let day = SimpleDate::new(2026, 11, 25).unwrap();
        assert_eq!(CaseNumber::new(day, 1).unwrap(), n);
        assert_eq!(
            CaseNumber::new(day, 123).unwrap().as_str(),
            "LB20261125000123"
        );
        assert_eq!(
            CaseNumber::new(day, 999_999).unwrap().as_str(),
            "LB20261125999999"
        );
        assert_eq!(CaseNumber::new(day, 0), Err(CaseNumberError::Sequence));
        assert_eq!(
            CaseNumber::new(day, 1_000_000),
            Err(CaseNumberError::Sequence)
        );
    }

    #[test]
    fn every_other_spelling_of_a_case_number_is_refused() {
        use CaseNumberError::*;
        for (bad, why) in [
            ("", Empty),
            ("lb20261125000001", Prefix),
            ("Lb20261125000001", Prefix),
            ("ＬＢ20261125000001", Prefix),
            (" LB20261125000001", Prefix),
            ("20261125000001", Prefix),
            ("LB2026112500001", Length { len: 15 }),
            ("LB202611250000011", Length { len: 17 }),
            ("LB20261125000001 ", Length { len: 17 }),
            ("LB20261125\u{3000}00001", NotDigits),
            ("LB2026112500000１", NotDigits),
            ("LB 2026112500001", NotDigits),
            ("LB2026-11-250001", NotDigits),
            ("LB+2026112500001", NotDigits),
            ("LB2026112500000a", NotDigits),
            ("LB20261131000001", Date),
            ("LB20260229000001", Date),
            ("LB00001125000001", Date),
            ("LB20261325000001", Date),
            ("LB20261125000000", Sequence),
        ] {
            assert_eq!(CaseNumber::parse(bad), Err(why), "{bad:?}");
        }
        assert_eq!(
            CaseNumberError::Prefix.message(),
            "办件编号应为大写字母LB开头的16位编号，如LB20261125000001"
        );
        assert_eq!(
            CaseNumberError::Length { len: 15 }.message(),
            "办件编号应为LB开头的16位编号（LB加14位数字），请核对回执"
        );
    }

    #[test]
    fn a_sub_case_number_round_trips_and_knows_its_case() {
        let s = SubCaseNumber::parse("LB20261125000001-02").unwrap();
        assert_eq!(s.case().as_str(), CASE);
        assert_eq!(s.index(), 2);
        assert_eq!(s.to_string(), "LB20261125000001-02");
        let case = CaseNumber::parse(CASE).unwrap();
        assert_eq!(SubCaseNumber::new(&case, 2).unwrap(), s);
        assert_eq!(
            SubCaseNumber::new(&case, 99).unwrap().as_str(),
            "LB20261125000001-99"
        );
        assert_eq!(SubCaseNumber::new(&case, 0), Err(SubCaseNumberError::Index));
        assert_eq!(
            SubCaseNumber::new(&case, 100),
            Err(SubCaseNumberError::Index)
        );
    }

    #[test]
    fn every_other_spelling_of_a_sub_case_number_is_refused() {
        use SubCaseNumberError::*;
        for (bad, why) in [
            ("LB20261125000001", Shape),
            ("LB20261125000001-", Shape),
            ("LB20261125000001-2", Shape),
            ("LB20261125000001-002", Shape),
            ("LB20261125000001_02", Shape),
            ("LB20261125000001－02", Shape),
            ("LB20261125000001-０2", Shape),
            ("LB20261125000001-02 ", Shape),
            ("LB20261125000001 -02", Shape),
            ("LB20261125000001-+2", Shape),
            ("LB20261125000001-00", Index),
            ("lb20261125000001-01", Case(CaseNumberError::Prefix)),
            ("LB20261131000001-01", Case(CaseNumberError::Date)),
            ("LB2026112500001-01", Case(CaseNumberError::NotDigits)),
            ("", Case(CaseNumberError::Empty)),
            ("LB", Case(CaseNumberError::Length { len: 2 })),
            ("LB2026112500000张-01", Shape),
        ] {
            assert_eq!(SubCaseNumber::parse(bad), Err(why), "{bad:?}");
        }
    }

    #[test]
    fn a_query_code_round_trips_and_is_masked() {
        let c = QueryCode::parse("K7M2QX").unwrap();
        assert_eq!(c.as_str(), "K7M2QX");
        assert_eq!(format!("{c:?}"), "QueryCode(******)");
        assert!(c.verify(&QueryCode::parse("K7M2QX").unwrap()));
        assert!(!c.verify(&QueryCode::parse("K7M2QY").unwrap()));
        assert_eq!(String::from(c), "K7M2QX", "what serde writes");
    }

    #[test]
    fn every_other_spelling_of_a_query_code_is_refused() {
        use QueryCodeError::*;
        for (bad, why) in [
            ("", Empty),
            ("K7M2Q", Length { len: 5 }),
            ("K7M2QXA", Length { len: 7 }),
            ("k7m2qx", Lowercase),
            ("K7M2Qx", Lowercase),
            ("K7M2Q0", Character { ch: '0' }),
            ("K7M2QO", Character { ch: 'O' }),
            ("K7M2Q1", Character { ch: '1' }),
            ("K7M2QI", Character { ch: 'I' }),
            ("K7M2QL", Character { ch: 'L' }),
            ("K7M2Ql", Character { ch: 'l' }),
            ("K7M2Qo", Character { ch: 'o' }),
            ("K7M2Q ", Character { ch: ' ' }),
            (" K7M2Q", Character { ch: ' ' }),
            ("K7M-2Q", Character { ch: '-' }),
            ("K7M2QＸ", Character { ch: 'Ｘ' }),
            ("K7M2Q７", Character { ch: '７' }),
            ("查询码六位", Character { ch: '查' }),
        ] {
            assert_eq!(QueryCode::parse(bad), Err(why), "{bad:?}");
        }
        assert_eq!(
            Character { ch: '0' }.message(),
            "查询码由数字2至9和大写字母组成（不含0、1、I、L、O），请核对回执"
        );
    }

    #[test]
    fn deserialising_goes_through_parse() {
        use serde::de::value::{Error, StrDeserializer};
        use serde::de::IntoDeserializer;
        fn de<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, Error> {
            let d: StrDeserializer<Error> = s.into_deserializer();
            T::deserialize(d)
        }
        assert!(de::<CaseNumber>("lb20261125000001").is_err());
        assert!(de::<CaseNumber>("LB20261125000001 ").is_err());
        assert!(de::<SubCaseNumber>("LB20261125000001-1").is_err());
        assert!(de::<QueryCode>("k7m2qx").is_err());
        assert_eq!(de::<CaseNumber>(CASE).unwrap().as_str(), CASE);
        assert_eq!(
            de::<SubCaseNumber>("LB20261125000001-01").unwrap().index(),
            1
        );
        assert_eq!(de::<QueryCode>("K7M2QX").unwrap().as_str(), "K7M2QX");
        let err = de::<CaseNumber>("lb20261125000001")
            .unwrap_err()
            .to_string();
        assert!(err.contains("大写字母LB"), "{err}");
    }

    fn any_case_number() -> impl Strategy<Value = CaseNumber> {
        (0i64..40_000, 1u32..=MAX_CASE_SEQUENCE).prop_map(|(days, seq)| {
            CaseNumber::new(SimpleDate::from_days_since_epoch(days).unwrap(), seq).unwrap()
        })
    }

    proptest! {
        #[test]
        fn parse_undoes_display(n in any_case_number(), index in 1u8..=99) {
            prop_assert_eq!(CaseNumber::parse(n.as_str()), Ok(n.clone()));
            let sub = SubCaseNumber::new(&n, index).unwrap();
            prop_assert_eq!(SubCaseNumber::parse(sub.as_str()), Ok(sub.clone()));
            prop_assert_eq!(sub.case(), n);
            prop_assert_eq!(sub.index(), index);
        }

        #[test]
        fn anything_parse_accepts_is_canonical(
            s in "(LB|lb|Lb|ＬＢ|)[0-9０-９ +\\-]{12,16}(-[0-9０ ]{1,3})?"
        ) {
            if let Ok(n) = CaseNumber::parse(&s) {
                prop_assert_eq!(n.as_str(), s.as_str());
                prop_assert_eq!(CaseNumber::new(n.day(), n.sequence()), Ok(n.clone()));
            }
            if let Ok(n) = SubCaseNumber::parse(&s) {
                prop_assert_eq!(n.as_str(), s.as_str());
            }
        }

        #[test]
        fn arbitrary_text_is_accepted_only_when_canonical(s in "\\PC{0,20}") {
            if let Ok(n) = CaseNumber::parse(&s) {
                prop_assert_eq!(n.to_string(), s.clone());
            }
            if let Ok(n) = SubCaseNumber::parse(&s) {
                prop_assert_eq!(n.to_string(), s.clone());
            }
            if let Ok(c) = QueryCode::parse(&s) {
                prop_assert_eq!(c.as_str(), s.as_str());
            }
        }

        #[test]
        fn a_changed_character_is_another_number_or_refused(
            n in any_case_number(),
            index in 1u8..=99,
            at in 0usize..19,
            with in prop::sample::select(vec!['0', '9', 'b', 'L', '-', ' ', '０', '+', '\u{3000}']),
        ) {
            let sub = SubCaseNumber::new(&n, index).unwrap();
            let mut chars: Vec<char> = sub.as_str().chars().collect();
            chars[at] = with;
            let changed: String = chars.into_iter().collect();
            if let Ok(other) = SubCaseNumber::parse(&changed) {
                prop_assert_eq!(other.as_str(), changed.as_str());
            }
            let case: String = changed.chars().take(16).collect();
            if let Ok(other) = CaseNumber::parse(&case) {
                prop_assert_eq!(other.as_str(), case.as_str());
            }
        }

        #[test]
        fn a_query_code_is_six_readable_characters(s in "[0-9A-Za-z ０-９]{0,8}") {
            match QueryCode::parse(&s) {
                Ok(c) => {
                    prop_assert_eq!(c.as_str(), s.as_str());
                    prop_assert_eq!(s.len(), QUERY_CODE_LEN);
                    prop_assert!(s.bytes().all(|b| QUERY_CODE_ALPHABET.contains(&b)));
                }
                Err(_) => prop_assert!(
                    s.len() != QUERY_CODE_LEN
                        || !s.bytes().all(|b| QUERY_CODE_ALPHABET.contains(&b))
                ),
            }
        }
    }
}
