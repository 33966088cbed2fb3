//! 办件: the life of a submitted case, once, for the server and the SPA alike.
//!
//! - [`number`]: [`CaseNumber`], [`SubCaseNumber`] and [`QueryCode`], the receipt's
//!   identifiers, each with exactly one spelling.

pub mod number;

pub use number::{
    CaseNumber, CaseNumberError, QueryCode, QueryCodeError, SubCaseNumber, SubCaseNumberError,
    CASE_NUMBER_LEN, MAX_CASE_SEQUENCE, MAX_SUB_CASE_INDEX, QUERY_CODE_ALPHABET, QUERY_CODE_LEN,
};
