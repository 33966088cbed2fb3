//! Masking a personal name for display.

/// Masks a name for display, following the common platform convention: keep the first
/// character; for 3 or more characters also keep the last; every other character becomes one
/// `*` (so the length still shows).
///
/// | input      | output    |
/// |------------|-----------|
/// | `张`       | `*`       |
/// | `张三`     | `张*`     |
/// | `张小明`   | `张*明`   |
/// | `欧阳娜娜` | `欧**娜`  |
///
/// Leading and trailing whitespace is trimmed first; an empty name gives an empty string. A
/// one-character name is masked entirely, since keeping it would reveal the whole name.
/// Characters are Unicode scalar values, not grapheme clusters, and separators such as the
/// middle dot of transliterated names (`买买提·艾力` → `买****力`) are masked like letters.
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.trim().chars().collect();
    match chars.as_slice() {
        [] => String::new(),
        [_] => "*".to_string(),
        [first, _] => format!("{first}*"),
        [first, middle @ .., last] => {
            let mut out = String::with_capacity(name.len());
            out.push(*first);
            out.extend(middle.iter().map(|_| '*'));
            out.push(*last);
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn examples() {
        assert_eq!(mask_name(""), "");
        assert_eq!(mask_name("  "), "");
        assert_eq!(mask_name("张"), "*");
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name(" 张三 "), "张*");
        assert_eq!(mask_name("张小明"), "张*明");
        assert_eq!(mask_name("欧阳娜娜"), "欧**娜");
        assert_eq!(mask_name("买买提·艾力"), "买****力");
        assert_eq!(mask_name("Li Lei"), "L****i");
    }

    proptest! {
        #[test]
        fn reveals_at_most_first_and_last(name in "[^\\s]{0,12}") {
            let masked = mask_name(&name);
            let input: Vec<char> = name.chars().collect();
            let out: Vec<char> = masked.chars().collect();
            prop_assert_eq!(out.len(), input.len());
            for (i, (&o, &c)) in out.iter().zip(&input).enumerate() {
                let may_show = match input.len() {
                    0 | 1 => false,
                    2 => i == 0,
                    n => i == 0 || i == n - 1,
                };
                if may_show {
                    prop_assert_eq!(o, c);
                } else {
                    prop_assert_eq!(o, '*');
                }
            }
        }
    }
}
