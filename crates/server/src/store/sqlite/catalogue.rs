//! The catalogue on SQLite.

use super::SqliteStore;
use crate::store::{other_search_text, CatalogueStore, MatterQuery};
use anyhow::Context;
use async_trait::async_trait;
use lianban_core::api::Page;
use lianban_core::catalogue::{
    hall_summary, Catalogue, DepartmentSummary, HallDetail, HallSummary, MatterDetail,
    MatterSummary, ThemeDetail, ThemeSummary,
};
use lianban_core::search::score;
use serde::de::DeserializeOwned;
use sqlx::{AssertSqlSafe, Row};

fn lower(parts: &[&str]) -> String {
    parts.join("\n").to_lowercase()
}

/// `LIKE` pattern for a term, with SQL wildcards in the term escaped.
fn like_pattern(term: &str) -> String {
    let escaped = term
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

fn decode<T: DeserializeOwned>(json: &str) -> sqlx::Result<T> {
    serde_json::from_str(json).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

fn json<T: serde::Serialize>(value: &T) -> anyhow::Result<String> {
    Ok(serde_json::to_string(value)?)
}

/// A candidate row of a search, ranked in Rust by the shared scoring rule.
struct Candidate {
    name: String,
    keywords: Vec<String>,
    other: String,
    summary_json: String,
}

fn rank(terms: &[String], candidates: Vec<Candidate>) -> Vec<Candidate> {
    let mut scored: Vec<(u32, usize, Candidate)> = candidates
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let s = terms
                .iter()
                .map(|t| score(t, &c.name, &c.keywords, &c.other))
                .sum();
            (s, i, c)
        })
        .collect();
    // Best score first; the catalogue's own order breaks ties.
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, _, c)| c).collect()
}

fn candidate(row: &sqlx::sqlite::SqliteRow) -> Candidate {
    Candidate {
        name: row.get("name"),
        keywords: row
            .get::<String, _>("keywords")
            .lines()
            .map(str::to_string)
            .collect(),
        other: row.get("other_text"),
        summary_json: row.get("summary_json"),
    }
}

#[async_trait]
impl CatalogueStore for SqliteStore {
    async fn sync_catalogue(&self, cat: &Catalogue) -> anyhow::Result<()> {
        let mut tx = self.pool.begin().await?;
        for table in ["departments", "matters", "themes", "halls"] {
            // Table names come from the fixed list above.
            sqlx::query(AssertSqlSafe(format!("UPDATE {table} SET active = 0")))
                .execute(&mut *tx)
                .await?;
        }
        for (i, d) in cat.departments.iter().enumerate() {
            sqlx::query(
                "INSERT INTO departments (code, name, position, summary_json, active)
                 VALUES (?, ?, ?, ?, 1)
                 ON CONFLICT (code) DO UPDATE SET name = excluded.name,
                   position = excluded.position, summary_json = excluded.summary_json, active = 1",
            )
            .bind(&d.code)
            .bind(&d.name)
            .bind(i as i64)
            .bind(json(&cat.department_summary(d))?)
            .execute(&mut *tx)
            .await?;
        }
        for (i, m) in cat.matters.iter().enumerate() {
            let detail = cat
                .matter_detail(m)
                .with_context(|| format!("事项 {} 的部门或业务类别不存在", m.code))?;
            let keywords = m.keywords.join("\n");
            let other = other_search_text(&[&detail.department.name, &m.result, &m.summary]);
            sqlx::query(
                "INSERT INTO matters (code, name, department, keywords, other_text, search_text,
                   flag_immediate, flag_online, flag_nearby, flag_one_visit, position,
                   summary_json, detail_json, active)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                 ON CONFLICT (code) DO UPDATE SET name = excluded.name,
                   department = excluded.department, keywords = excluded.keywords,
                   other_text = excluded.other_text, search_text = excluded.search_text,
                   flag_immediate = excluded.flag_immediate, flag_online = excluded.flag_online,
                   flag_nearby = excluded.flag_nearby, flag_one_visit = excluded.flag_one_visit,
                   position = excluded.position, summary_json = excluded.summary_json,
                   detail_json = excluded.detail_json, active = 1",
            )
            .bind(&m.code)
            .bind(&m.name)
            .bind(&m.department)
            .bind(&keywords)
            .bind(&other)
            .bind(lower(&[&m.name, &keywords, &other]))
            .bind(m.flags.immediate)
            .bind(m.flags.online)
            .bind(m.flags.nearby)
            .bind(m.flags.one_visit)
            .bind(i as i64)
            .bind(json(&cat.matter_summary(m))?)
            .bind(json(&detail)?)
            .execute(&mut *tx)
            .await?;
        }
        for (i, t) in cat.themes.iter().enumerate() {
            let summary = cat.theme_summary(t);
            let keywords = t.keywords.join("\n");
            let other = other_search_text(&[&t.summary, &summary.departments.join("\n")]);
            sqlx::query(
                "INSERT INTO themes (id, name, keywords, other_text, search_text, position,
                   summary_json, detail_json, active)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name,
                   keywords = excluded.keywords, other_text = excluded.other_text,
                   search_text = excluded.search_text, position = excluded.position,
                   summary_json = excluded.summary_json, detail_json = excluded.detail_json,
                   active = 1",
            )
            .bind(&t.id)
            .bind(&t.name)
            .bind(&keywords)
            .bind(&other)
            .bind(lower(&[&t.name, &keywords, &other]))
            .bind(i as i64)
            .bind(json(&summary)?)
            .bind(json(&cat.theme_detail(t))?)
            .execute(&mut *tx)
            .await?;
        }
        for (i, h) in cat.halls.iter().enumerate() {
            sqlx::query(
                "INSERT INTO halls (id, name, position, summary_json, detail_json, active)
                 VALUES (?, ?, ?, ?, ?, 1)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name,
                   position = excluded.position, summary_json = excluded.summary_json,
                   detail_json = excluded.detail_json, active = 1",
            )
            .bind(&h.id)
            .bind(&h.name)
            .bind(i as i64)
            .bind(json(&hall_summary(h))?)
            .bind(json(&cat.hall_detail(h))?)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn search_matters(&self, q: &MatterQuery) -> sqlx::Result<Page<MatterSummary>> {
        let mut filter = String::from(" FROM matters WHERE active = 1");
        for _ in &q.terms {
            filter.push_str(" AND search_text LIKE ? ESCAPE '\\'");
        }
        if q.department.is_some() {
            filter.push_str(" AND department = ?");
        }
        for flag in &q.flags {
            // Flag names come from a fixed list, never from the request text.
            filter.push_str(&format!(" AND flag_{flag} = 1"));
        }
        let offset = (q.page.saturating_sub(1) as usize).saturating_mul(q.per_page as usize);
        if q.terms.is_empty() {
            // Browsing without a search: the catalogue's own order, paged by the database.
            let page_sql = format!(
                "SELECT summary_json, COUNT(*) OVER () AS total{filter} ORDER BY position LIMIT ? OFFSET ?"
            );
            // Only placeholders and fixed column names were added to the SQL.
            let mut query = sqlx::query(AssertSqlSafe(page_sql));
            if let Some(d) = &q.department {
                query = query.bind(d);
            }
            let rows = query
                .bind(i64::from(q.per_page))
                .bind(offset as i64)
                .fetch_all(&self.pool)
                .await?;
            let total = match rows.first() {
                Some(r) => r.get::<i64, _>("total"),
                None => {
                    let mut count =
                        sqlx::query_scalar(AssertSqlSafe(format!("SELECT COUNT(*){filter}")));
                    if let Some(d) = &q.department {
                        count = count.bind(d);
                    }
                    count.fetch_one(&self.pool).await?
                }
            };
            return Ok(Page {
                items: rows
                    .iter()
                    .map(|r| decode(r.get("summary_json")))
                    .collect::<sqlx::Result<_>>()?,
                total: total as u64,
                page: q.page,
                per_page: q.per_page,
            });
        }
        // A search: match in the database, rank by the shared rule, then page.
        let sql =
            format!("SELECT name, keywords, other_text, summary_json{filter} ORDER BY position");
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for term in &q.terms {
            query = query.bind(like_pattern(term));
        }
        if let Some(d) = &q.department {
            query = query.bind(d);
        }
        let rows = query.fetch_all(&self.pool).await?;
        let ranked = rank(&q.terms, rows.iter().map(candidate).collect());
        let total = ranked.len() as u64;
        let items = ranked
            .iter()
            .skip(offset)
            .take(q.per_page as usize)
            .map(|c| decode(&c.summary_json))
            .collect::<sqlx::Result<Vec<MatterSummary>>>()?;
        Ok(Page {
            items,
            total,
            page: q.page,
            per_page: q.per_page,
        })
    }

    async fn matter(&self, code: &str) -> sqlx::Result<Option<MatterDetail>> {
        let row = sqlx::query("SELECT detail_json FROM matters WHERE code = ? AND active = 1")
            .bind(code)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| decode(r.get("detail_json"))).transpose()
    }

    async fn search_themes(&self, terms: &[String]) -> sqlx::Result<Vec<ThemeSummary>> {
        let mut sql = String::from(
            "SELECT name, keywords, other_text, summary_json FROM themes WHERE active = 1",
        );
        for _ in terms {
            sql.push_str(" AND search_text LIKE ? ESCAPE '\\'");
        }
        sql.push_str(" ORDER BY position");
        // Only placeholders and fixed column names were added to `sql`.
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for term in terms {
            query = query.bind(like_pattern(term));
        }
        let rows = query.fetch_all(&self.pool).await?;
        rank(terms, rows.iter().map(candidate).collect())
            .iter()
            .map(|c| decode(&c.summary_json))
            .collect()
    }

    async fn theme(&self, id: &str) -> sqlx::Result<Option<ThemeDetail>> {
        let row = sqlx::query("SELECT detail_json FROM themes WHERE id = ? AND active = 1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| decode(r.get("detail_json"))).transpose()
    }

    async fn departments(&self) -> sqlx::Result<Vec<DepartmentSummary>> {
        let rows =
            sqlx::query("SELECT summary_json FROM departments WHERE active = 1 ORDER BY position")
                .fetch_all(&self.pool)
                .await?;
        rows.iter().map(|r| decode(r.get("summary_json"))).collect()
    }

    async fn halls(&self) -> sqlx::Result<Vec<HallSummary>> {
        let rows = sqlx::query("SELECT summary_json FROM halls WHERE active = 1 ORDER BY position")
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| decode(r.get("summary_json"))).collect()
    }

    async fn hall(&self, id: &str) -> sqlx::Result<Option<HallDetail>> {
        let row = sqlx::query("SELECT detail_json FROM halls WHERE id = ? AND active = 1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| decode(r.get("detail_json"))).transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_pattern("100%_a"), "%100\\%\\_a%");
    }
}
