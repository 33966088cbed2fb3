//! The catalogue on SQLite: kept so that records referring to an entry keep their meaning
//! (retired entries stay). The API reads the catalogue from memory, not from here.

use super::SqliteStore;
use crate::store::{other_search_text, CatalogueStore};
use anyhow::Context;
use async_trait::async_trait;
use lianban_core::catalogue::{hall_summary, Catalogue};
use sqlx::AssertSqlSafe;

fn lower(parts: &[&str]) -> String {
    parts.join("\n").to_lowercase()
}

fn json<T: serde::Serialize>(value: &T) -> anyhow::Result<String> {
    Ok(serde_json::to_string(value)?)
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
}
