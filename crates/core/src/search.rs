//! How a search query is read, shared by the server (which matches) and the SPA (which shows
//! what was searched).

/// The longest query the server looks at, in characters.
pub const MAX_QUERY_CHARS: usize = 50;

/// Splits a query into terms: full-width spaces and punctuation count as separators, Latin
/// letters are lower-cased, and the whole is cut at [`MAX_QUERY_CHARS`].
pub fn terms(query: &str) -> Vec<String> {
    let cut: String = query.chars().take(MAX_QUERY_CHARS).collect();
    cut.split(|c: char| c.is_whitespace() || is_separator(c))
        .filter(|t| !t.is_empty())
        .map(|t| t.to_lowercase())
        .collect()
}

fn is_separator(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | ','
            | ';'
            | '?'
            | '!'
            | '"'
            | '\''
            | '“'
            | '”'
    )
}

/// How well a term matches an entry: 3 in its name, 2 in its keywords, 1 elsewhere, 0 not at
/// all. Results are ordered by the sum over the terms; an entry must match every term.
pub fn score(term: &str, name: &str, keywords: &[String], other: &str) -> u32 {
    if name.to_lowercase().contains(term) {
        3
    } else if keywords.iter().any(|k| k.to_lowercase().contains(term)) {
        2
    } else if other.to_lowercase().contains(term) {
        1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_chinese_and_latin_separators() {
        assert_eq!(
            terms("  营业执照　开饭店，餐饮 "),
            ["营业执照", "开饭店", "餐饮"]
        );
        assert_eq!(terms("ABC"), ["abc"]);
        assert!(terms(" ， ").is_empty());
    }

    #[test]
    fn cuts_long_queries() {
        let long = "办".repeat(200);
        assert_eq!(terms(&long)[0].chars().count(), MAX_QUERY_CHARS);
    }

    #[test]
    fn ranks_name_over_keyword_over_other() {
        let kw = vec!["开饭店".to_string()];
        assert_eq!(score("食品", "食品经营许可", &kw, ""), 3);
        assert_eq!(score("开饭店", "食品经营许可", &kw, ""), 2);
        assert_eq!(score("市场", "食品经营许可", &kw, "市场监督管理局"), 1);
        assert_eq!(score("户口", "食品经营许可", &kw, "市场监督管理局"), 0);
    }
}
