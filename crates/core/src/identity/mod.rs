//! Identity validators shared by the SPA (instant feedback in the browser) and the server
//! (which never trusts the client): "parse, don't validate" newtypes whose `parse` returns a
//! typed error with a plain-Chinese message and a stable machine code.
//!
//! - [`IdNumber`]: 居民身份证号码 (GB 11643-1999), also 港澳台居民居住证 (81/82/83) and the
//!   2023 外国人永久居留身份证 (first digit 9), which follow the same rules.
//! - [`CreditCode`]: 统一社会信用代码 (GB 32100-2015), where a check-character mismatch is a
//!   *warning* the citizen may confirm, not an error.
//! - [`MobilePhone`]: a mainland mobile number.
//! - [`mask_name`]: a name masked for display.
//!
//! Everything here is small on purpose (it ships in the Wasm bundle): no regex, no date crate,
//! no dependency beyond `serde`. Core has no clock, so date checks take "today" as a
//! [`SimpleDate`] parameter.
//!
//! Personal data never reaches logs by accident: [`IdNumber`] and [`MobilePhone`] have no
//! `Display`, and their `Debug` prints the masked form. Use `as_str()` deliberately.

mod credit_code;
mod id_number;
mod mask;
mod mobile;

pub use crate::date::SimpleDate;
pub use credit_code::{CreditCode, CreditCodeCheck, CreditCodeError, CREDIT_CODE_MISMATCH_WARNING};
pub use id_number::{IdNumber, IdNumberError};
pub use mask::mask_name;
pub use mobile::{MobilePhone, MobilePhoneError};

/// Maps a full-width ASCII variant (U+FF01..=U+FF5E, e.g. `０`, `Ｘ`, `－`, `＋`) and the
/// ideographic space (U+3000) to its ASCII counterpart; other characters are returned as is.
fn to_half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// The common first step of every parser: half-width, and every whitespace character (leading,
/// trailing or internal, including U+3000 and no-break spaces) removed.
fn compact(input: &str) -> String {
    input
        .chars()
        .map(to_half_width)
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_width_maps_full_width_ascii_only() {
        assert_eq!(to_half_width('０'), '0');
        assert_eq!(to_half_width('９'), '9');
        assert_eq!(to_half_width('Ｘ'), 'X');
        assert_eq!(to_half_width('ｘ'), 'x');
        assert_eq!(to_half_width('＋'), '+');
        assert_eq!(to_half_width('－'), '-');
        assert_eq!(to_half_width('～'), '~');
        assert_eq!(to_half_width('\u{3000}'), ' ');
        assert_eq!(to_half_width('张'), '张');
        assert_eq!(to_half_width('a'), 'a');
    }

    #[test]
    fn compact_removes_all_whitespace() {
        assert_eq!(compact(" １２\u{3000}3 \t4\u{a0}5\n"), "12345");
        assert_eq!(compact(""), "");
    }
}
