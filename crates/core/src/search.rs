//! How a search query is read, shared by the server (which matches) and the SPA (which bounds
//! its search box with the same limits).
//!
//! The limits exist because every term costs the database one more condition: an unbounded
//! number of `q` values once made SQLite refuse the query ("Expression tree is too large")
//! for any anonymous visitor. A query beyond them is refused, never cut silently, so the
//! answer never claims to show results for words it ignored.

use std::fmt;

/// The longest query, in characters, over every `q` value together (the search box's
/// `maxlength`).
pub const MAX_QUERY_CHARS: usize = 50;

/// The most distinct terms a query may have. Every term must match, so more than a few only
/// narrows a search to nothing.
pub const MAX_TERMS: usize = 10;

/// Why a query was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchError {
    TooLong { chars: usize },
    TooManyTerms { terms: usize },
}

impl SearchError {
    /// The message for the citizen, in Chinese.
    pub fn message(&self) -> String {
        match self {
            SearchError::TooLong { .. } => {
                format!("搜索内容最多{MAX_QUERY_CHARS}个字，请缩短后再搜索")
            }
            SearchError::TooManyTerms { .. } => {
                format!("搜索词最多{MAX_TERMS}个，请减少一些再搜索")
            }
        }
    }

    /// A stable code for programs.
    pub fn code(&self) -> &'static str {
        match self {
            SearchError::TooLong { .. } => "query_too_long",
            SearchError::TooManyTerms { .. } => "query_too_many_terms",
        }
    }
}

impl fmt::Display for SearchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for SearchError {}

/// Splits a query into terms: full-width spaces and punctuation count as separators, Latin
/// letters are lower-cased, a repeated term counts once.
pub fn terms(query: &str) -> Result<Vec<String>, SearchError> {
    terms_of([query])
}

/// [`terms`] over several values of one query (`?q=…&q=…`), bounded together.
pub fn terms_of<'a>(
    queries: impl IntoIterator<Item = &'a str>,
) -> Result<Vec<String>, SearchError> {
    let mut chars = 0;
    let mut out: Vec<String> = Vec::new();
    for query in queries {
        // Surrounding blanks are what a form adds, not what the citizen typed.
        chars += query.trim().chars().count();
        if chars > MAX_QUERY_CHARS {
            return Err(SearchError::TooLong { chars });
        }
        for term in query
            .split(|c: char| c.is_whitespace() || is_separator(c))
            .filter(|t| !t.is_empty())
            .map(str::to_lowercase)
        {
            if !out.contains(&term) {
                out.push(term);
            }
        }
    }
    if out.len() > MAX_TERMS {
        return Err(SearchError::TooManyTerms { terms: out.len() });
    }
    Ok(out)
}

/// A query cut to [`MAX_QUERY_CHARS`], as the search box's `maxlength` cuts what is typed: for
/// a query that arrives another way (a shared or hand-edited link).
pub fn clip(query: &str) -> String {
    query.trim().chars().take(MAX_QUERY_CHARS).collect()
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
            terms("  营业执照　开饭店，餐饮 ").unwrap(),
            ["营业执照", "开饭店", "餐饮"]
        );
        assert_eq!(terms("ABC").unwrap(), ["abc"]);
        assert!(terms(" ， ").unwrap().is_empty());
    }

    #[test]
    fn a_repeated_term_counts_once() {
        assert_eq!(terms_of(["开饭店", "开饭店 开饭店"]).unwrap(), ["开饭店"]);
    }

    #[test]
    fn refuses_long_queries_instead_of_cutting_them() {
        assert!(terms(&"办".repeat(MAX_QUERY_CHARS)).is_ok());
        assert_eq!(
            terms(&"办".repeat(MAX_QUERY_CHARS + 1)),
            Err(SearchError::TooLong {
                chars: MAX_QUERY_CHARS + 1
            })
        );
        // The bound is over all values together: 999 × `q=a` is what broke SQLite.
        let many = vec!["a"; 999];
        assert_eq!(
            terms_of(many.iter().copied()).unwrap_err().code(),
            "query_too_long"
        );
    }

    #[test]
    fn refuses_too_many_terms() {
        let words: Vec<String> = (0..=MAX_TERMS).map(|i| format!("w{i}")).collect();
        let err = terms(&words.join(" ")).unwrap_err();
        assert_eq!(
            err,
            SearchError::TooManyTerms {
                terms: MAX_TERMS + 1
            }
        );
        assert!(err.message().contains("10"));
        assert!(terms(&words[..MAX_TERMS].join(" ")).is_ok());
    }

    #[test]
    fn clips_like_the_search_box() {
        assert_eq!(clip(&"办".repeat(200)).chars().count(), MAX_QUERY_CHARS);
        assert_eq!(clip(" 营业执照 "), "营业执照");
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
