//! The catalogue as the API serves it, built once at start-up from `data/` (which is all
//! that changes it): every answer that does not depend on the query (a matter's guide, a
//! theme, a hall) is serialised and compressed here once; a list is joined from fragments
//! (each entry's summary, serialised once) over an index in the catalogue's order.
//!
//! Measured on the seed catalogue, a browse page or a search is built in microseconds this
//! way, so lists are not cached: a cache would only add memory and a key to get wrong.

use super::answer::Answer;
use crate::store::other_search_text;
use anyhow::Context;
use lianban_core::catalogue::{hall_summary, Catalogue, MatterSummary};
use lianban_core::search::score;
use serde::Serialize;
use std::collections::HashMap;

/// What a search matches an entry against.
struct SearchText {
    name: String,
    keywords: Vec<String>,
    other: String,
    /// Name, keywords and the other text, lower-cased: an entry matches when every term is
    /// in it.
    lowered: String,
}

impl SearchText {
    fn new(name: &str, keywords: &[String], other: String) -> SearchText {
        let lowered = [name, &keywords.join("\n"), &other]
            .join("\n")
            .to_lowercase();
        SearchText {
            name: name.to_string(),
            keywords: keywords.to_vec(),
            other,
            lowered,
        }
    }

    fn matches(&self, terms: &[String]) -> bool {
        terms.iter().all(|t| self.lowered.contains(t.as_str()))
    }

    /// The shared scoring rule (`lianban_core::search::score`), summed over the terms.
    fn score(&self, terms: &[String]) -> u32 {
        terms
            .iter()
            .map(|t| score(t, &self.name, &self.keywords, &self.other))
            .sum()
    }
}

struct MatterEntry {
    department: String,
    flags: lianban_core::catalogue::ServiceFlags,
    text: SearchText,
    /// The JSON of its `MatterSummary`.
    summary: Box<str>,
}

struct ThemeEntry {
    text: SearchText,
    /// The JSON of its `ThemeSummary`.
    summary: Box<str>,
}

/// A matter search; every part is optional.
#[derive(Debug, Clone, Default)]
pub struct MatterQuery {
    /// Search terms (see `lianban_core::search::terms`); a matter must match all of them.
    pub terms: Vec<String>,
    pub department: Option<String>,
    /// Flag names (`online`, `immediate`, `nearby`, `one_visit`) that must all be set.
    pub flags: Vec<&'static str>,
}

/// The pre-built catalogue answers.
pub struct PublishedCatalogue {
    matters: Vec<MatterEntry>,
    matter_details: HashMap<String, Answer>,
    themes: Vec<ThemeEntry>,
    theme_details: HashMap<String, Answer>,
    departments: Vec<Box<str>>,
    halls: Vec<Box<str>>,
    hall_details: HashMap<String, Answer>,
}

fn json<T: Serialize>(value: &T) -> anyhow::Result<Vec<u8>> {
    Ok(serde_json::to_vec(value)?)
}

fn fragment<T: Serialize>(value: &T) -> anyhow::Result<Box<str>> {
    Ok(serde_json::to_string(value)?.into_boxed_str())
}

/// `{"items":[…],"total":…,"page":…,"per_page":…}`, as `serde_json` writes a
/// `lianban_core::api::Page`, from the items' JSON.
fn page_json<'a>(
    items: impl Iterator<Item = &'a str>,
    total: usize,
    page: u32,
    per_page: u32,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(4096);
    out.extend_from_slice(b"{\"items\":[");
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(item.as_bytes());
    }
    out.extend_from_slice(
        format!("],\"total\":{total},\"page\":{page},\"per_page\":{per_page}}}").as_bytes(),
    );
    out
}

/// One page of `entries` (already in the answer's order) as an answer.
fn page_of(entries: &[&str], page: u32, per_page: u32) -> Answer {
    let start = (page as usize - 1).saturating_mul(per_page as usize);
    Answer::new(page_json(
        entries.iter().skip(start).take(per_page as usize).copied(),
        entries.len(),
        page,
        per_page,
    ))
}

/// Indexes of the entries matching `terms`, best score first, the catalogue's order on a tie.
fn ranked<'a, I>(terms: &[String], texts: I) -> Vec<usize>
where
    I: Iterator<Item = &'a SearchText>,
{
    let mut hits: Vec<(u32, usize)> = texts
        .enumerate()
        .filter(|(_, t)| t.matches(terms))
        .map(|(i, t)| (t.score(terms), i))
        .collect();
    hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    hits.into_iter().map(|(_, i)| i).collect()
}

impl PublishedCatalogue {
    pub fn build(cat: &Catalogue) -> anyhow::Result<PublishedCatalogue> {
        let mut matters = Vec::with_capacity(cat.matters.len());
        let mut matter_details = HashMap::with_capacity(cat.matters.len());
        for m in &cat.matters {
            let detail = cat
                .matter_detail(m)
                .with_context(|| format!("事项 {} 的部门或业务类别不存在", m.code))?;
            let other = other_search_text(&[&detail.department.name, &m.result, &m.summary]);
            let summary: MatterSummary = cat.matter_summary(m);
            matters.push(MatterEntry {
                department: m.department.clone(),
                flags: m.flags,
                text: SearchText::new(&m.name, &m.keywords, other),
                summary: fragment(&summary)?,
            });
            matter_details.insert(m.code.clone(), Answer::prepared(json(&detail)?));
        }
        let mut themes = Vec::with_capacity(cat.themes.len());
        let mut theme_details = HashMap::with_capacity(cat.themes.len());
        for t in &cat.themes {
            let summary = cat.theme_summary(t);
            let other = other_search_text(&[&t.summary, &summary.departments.join("\n")]);
            themes.push(ThemeEntry {
                text: SearchText::new(&t.name, &t.keywords, other),
                summary: fragment(&summary)?,
            });
            theme_details.insert(t.id.clone(), Answer::prepared(json(&cat.theme_detail(t))?));
        }
        let departments = cat
            .departments
            .iter()
            .map(|d| fragment(&cat.department_summary(d)))
            .collect::<anyhow::Result<_>>()?;
        let halls = cat
            .halls
            .iter()
            .map(|h| fragment(&hall_summary(h)))
            .collect::<anyhow::Result<_>>()?;
        let hall_details = cat
            .halls
            .iter()
            .map(|h| Ok((h.id.clone(), Answer::prepared(json(&cat.hall_detail(h))?))))
            .collect::<anyhow::Result<_>>()?;
        Ok(PublishedCatalogue {
            matters,
            matter_details,
            themes,
            theme_details,
            departments,
            halls,
            hall_details,
        })
    }

    /// 事项搜索 and browsing: the matters matching `q`, ranked when there are terms, in the
    /// catalogue's order otherwise.
    pub fn matters(&self, q: &MatterQuery, page: u32, per_page: u32) -> Answer {
        let filtered = |e: &&MatterEntry| {
            q.department.as_ref().is_none_or(|d| &e.department == d)
                && q.flags.iter().all(|f| e.flags.has(f) == Some(true))
        };
        let summaries: Vec<&str> = if q.terms.is_empty() {
            self.matters
                .iter()
                .filter(filtered)
                .map(|e| &*e.summary)
                .collect()
        } else {
            let candidates: Vec<&MatterEntry> = self.matters.iter().filter(filtered).collect();
            ranked(&q.terms, candidates.iter().map(|e| &e.text))
                .into_iter()
                .map(|i| &*candidates[i].summary)
                .collect()
        };
        page_of(&summaries, page, per_page)
    }

    pub fn matter(&self, code: &str) -> Option<&Answer> {
        self.matter_details.get(code)
    }

    /// 主题 lists, searched by `terms` when there are any.
    pub fn themes(&self, terms: &[String], page: u32, per_page: u32) -> Answer {
        let summaries: Vec<&str> = ranked(terms, self.themes.iter().map(|t| &t.text))
            .into_iter()
            .map(|i| &*self.themes[i].summary)
            .collect();
        page_of(&summaries, page, per_page)
    }

    pub fn theme(&self, id: &str) -> Option<&Answer> {
        self.theme_details.get(id)
    }

    pub fn departments(&self, page: u32, per_page: u32) -> Answer {
        let all: Vec<&str> = self.departments.iter().map(|d| &**d).collect();
        page_of(&all, page, per_page)
    }

    pub fn halls(&self, page: u32, per_page: u32) -> Answer {
        let all: Vec<&str> = self.halls.iter().map(|h| &**h).collect();
        page_of(&all, page, per_page)
    }

    pub fn hall(&self, id: &str) -> Option<&Answer> {
        self.hall_details.get(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lianban_core::api::Page;
    use lianban_core::catalogue::{HallSummary, ThemeSummary};
    use std::path::Path;

    fn seed() -> Catalogue {
        crate::seed::load_catalogue(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data"))
            .unwrap()
    }

    /// The joined bytes are exactly what serialising the page's values writes.
    #[test]
    fn joined_pages_are_the_serialised_pages() {
        let cat = seed();
        let published = PublishedCatalogue::build(&cat).unwrap();
        let summaries: Vec<MatterSummary> =
            cat.matters.iter().map(|m| cat.matter_summary(m)).collect();
        let expected = Page {
            items: summaries[20..40].to_vec(),
            total: summaries.len() as u64,
            page: 2,
            per_page: 20,
        };
        let answer = published.matters(&MatterQuery::default(), 2, 20);
        assert_eq!(answer.bytes(), serde_json::to_vec(&expected).unwrap());
        let beyond = published.matters(&MatterQuery::default(), 99, 20);
        let page: Page<MatterSummary> = serde_json::from_slice(beyond.bytes()).unwrap();
        assert!(page.items.is_empty());
        assert_eq!(page.total, summaries.len() as u64);

        let halls: Vec<HallSummary> = cat.halls.iter().map(hall_summary).collect();
        let expected = Page {
            items: halls.clone(),
            total: halls.len() as u64,
            page: 1,
            per_page: 20,
        };
        assert_eq!(
            published.halls(1, 20).bytes(),
            serde_json::to_vec(&expected).unwrap()
        );
        let detail = cat.matter_detail(&cat.matters[0]).unwrap();
        assert_eq!(
            published.matter(&cat.matters[0].code).unwrap().bytes(),
            serde_json::to_vec(&detail).unwrap()
        );
    }

    #[test]
    fn a_search_ranks_by_the_shared_score_and_filters_compose() {
        let cat = seed();
        let published = PublishedCatalogue::build(&cat).unwrap();
        let search = |terms: &[&str], department: Option<&str>, flags: Vec<&'static str>| {
            let q = MatterQuery {
                terms: terms.iter().map(|t| t.to_string()).collect(),
                department: department.map(str::to_string),
                flags,
            };
            let page: Page<MatterSummary> =
                serde_json::from_slice(published.matters(&q, 1, 100).bytes()).unwrap();
            page.items
        };
        let mut ranked_mixed = false;
        for term in ["营业执照", "登记", "食品", "开饭店", "证"] {
            let hits = search(&[term], None, vec![]);
            let scores: Vec<u32> = hits
                .iter()
                .map(|s| {
                    let m = cat.matter(&s.code).unwrap();
                    let other = other_search_text(&[&s.department_name, &m.result, &m.summary]);
                    score(term, &m.name, &m.keywords, &other)
                })
                .collect();
            assert!(scores.iter().all(|s| *s > 0), "{term}: only matches");
            assert!(
                scores.windows(2).all(|w| w[0] >= w[1]),
                "{term}: {scores:?}"
            );
            ranked_mixed |= scores.first() > scores.last();
        }
        assert!(ranked_mixed, "some search ranks better matches first");
        let hits = search(&["营业执照"], None, vec![]);
        assert!(!hits.is_empty());
        let dept = &hits[0].department_code;
        let in_dept = search(&["营业执照"], Some(dept), vec!["online"]);
        assert!(in_dept
            .iter()
            .all(|s| &s.department_code == dept && s.flags.online));
        assert!(search(&["营业执照", "无此词"], None, vec![]).is_empty());

        let themes: Page<ThemeSummary> =
            serde_json::from_slice(published.themes(&["开饭店".into()], 1, 20).bytes()).unwrap();
        assert!(themes.items.iter().any(|t| t.name.contains("开饭店")));
    }
}
