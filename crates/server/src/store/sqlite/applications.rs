//! Uploads, drafts and combined cases on SQLite. A case and its sub-cases are created in one
//! transaction that also checks the idempotency key, so a retried submit never makes two.

use super::SqliteStore;
use crate::store::{
    ApplicationRecord, ApplicationStore, DraftRecord, FollowUpRecord, NewApplication, RatingRecord,
    Seconds, SubCaseRecord, SubmitOutcome, SweepReport, UploadRecord,
};
use async_trait::async_trait;
use lianban_core::apply::{QuotaRefusal, UploadQuota, UploadUsage};
use lianban_core::cases::{CaseNumber, MAX_CASE_SEQUENCE};
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};

fn upload(r: &SqliteRow) -> UploadRecord {
    UploadRecord {
        id: r.get("id"),
        citizen_id: r.get("citizen_id"),
        sha256: r.get("sha256"),
        content_type: r.get("content_type"),
        size: r.get("size"),
        name: r.get("name"),
        created_at: r.get("created_at"),
    }
}

fn draft(r: &SqliteRow) -> DraftRecord {
    DraftRecord {
        theme_id: r.get("theme_id"),
        step: r.get("step"),
        content: r.get("content"),
        saved_at: r.get("saved_at"),
        version: r.get("version"),
    }
}

const DRAFT_COLUMNS: &str = "theme_id, step, content, saved_at, version";

/// How many unused uploads one sweep transaction removes: the write lock stays short.
const SWEEP_BATCH: i64 = 200;

/// Replaces the uploads a draft names.
async fn set_draft_uploads(
    conn: &mut SqliteConnection,
    citizen_id: i64,
    theme_id: &str,
    uploads: &[String],
) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM draft_uploads WHERE citizen_id = ? AND theme_id = ?")
        .bind(citizen_id)
        .bind(theme_id)
        .execute(&mut *conn)
        .await?;
    for id in uploads {
        sqlx::query(
            "INSERT OR IGNORE INTO draft_uploads (citizen_id, theme_id, upload_id) VALUES (?, ?, ?)",
        )
        .bind(citizen_id)
        .bind(theme_id)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The rating columns of a sub-case row, if it is rated.
pub(super) fn rating(s: &SqliteRow) -> Option<RatingRecord> {
    let level: Option<String> = s.get("level");
    let tags: String = s.get::<Option<String>, _>("tags").unwrap_or_default();
    Some(RatingRecord {
        level: level?,
        tags: serde_json::from_str(&tags).unwrap_or_default(),
        comment: s.get("comment"),
        first_rated_at: s.get("first_rated_at"),
        rated_at: s.get("rated_at"),
        follow_up: s
            .get::<Option<i64>, _>("opened_at")
            .map(|opened_at| FollowUpRecord {
                opened_at,
                due_date: s.get("follow_up_due"),
                reply: s.get("reply"),
                replied_at: s.get("replied_at"),
                resolved: s.get::<Option<i64>, _>("resolved").map(|r| r != 0),
            }),
    })
}

/// Reads a case with its sub-cases and their events.
pub(super) async fn load_application(
    conn: &mut SqliteConnection,
    row: &SqliteRow,
) -> anyhow::Result<ApplicationRecord> {
    let id: i64 = row.get("id");
    let subs = sqlx::query(
        "SELECT s.id, s.number, s.matter_code, s.department, s.status, s.promised_date,
           r.level, r.tags, r.comment, r.first_rated_at, r.rated_at,
           f.opened_at, f.due_date AS follow_up_due, f.reply, f.replied_at, f.resolved
         FROM sub_cases s LEFT JOIN ratings r ON r.sub_case_id = s.id
         LEFT JOIN follow_ups f ON f.sub_case_id = s.id
         WHERE s.application_id = ? ORDER BY s.id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let events = sqlx::query(
        "SELECT e.sub_case_id, e.body FROM case_events e JOIN sub_cases s ON s.id = e.sub_case_id
         WHERE s.application_id = ? ORDER BY e.sub_case_id, e.seq",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let mut by_sub: std::collections::HashMap<i64, Vec<lianban_core::cases::Event>> =
        std::collections::HashMap::new();
    for e in &events {
        let body: &str = e.get("body");
        by_sub
            .entry(e.get("sub_case_id"))
            .or_default()
            .push(serde_json::from_str(body)?);
    }
    let deferred: String = row.get("deferred");
    Ok(ApplicationRecord {
        number: row.get("number"),
        citizen_id: row.get("citizen_id"),
        content: row.get("content"),
        query_code: row.get("query_code"),
        theme_id: row.get("theme_id"),
        status: row.get("status"),
        delivery: row.get("delivery"),
        deferred: serde_json::from_str(&deferred)?,
        submitted_at: row.get("submitted_at"),
        sub_cases: subs
            .iter()
            .map(|s| SubCaseRecord {
                number: s.get("number"),
                matter_code: s.get("matter_code"),
                department: s.get("department"),
                status: s.get("status"),
                promised_date: s.get("promised_date"),
                events: by_sub.remove(&s.get::<i64, _>("id")).unwrap_or_default(),
                rating: rating(s),
            })
            .collect(),
    })
}

pub(super) const APPLICATION_COLUMNS: &str =
    "SELECT id, number, citizen_id, content, query_code, theme_id, status, delivery, deferred,
       submitted_at, request_hash
     FROM applications";

#[async_trait]
impl ApplicationStore for SqliteStore {
    async fn add_upload(
        &self,
        u: &UploadRecord,
        day_start: Seconds,
        quota: &UploadQuota,
    ) -> anyhow::Result<Result<(), QuotaRefusal>> {
        // IMMEDIATE: two uploads at once cannot both pass the same remaining quota.
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let row = sqlx::query(
            "SELECT
               COALESCE(SUM(created_at >= ?), 0) AS files_today,
               COALESCE(SUM(CASE WHEN created_at >= ? THEN size ELSE 0 END), 0) AS bytes_today,
               COALESCE(SUM(CASE WHEN NOT EXISTS
                 (SELECT 1 FROM case_uploads c WHERE c.upload_id = uploads.id)
                 THEN size ELSE 0 END), 0) AS pending
             FROM uploads WHERE citizen_id = ?",
        )
        .bind(day_start)
        .bind(day_start)
        .bind(u.citizen_id)
        .fetch_one(&mut *tx)
        .await?;
        let usage = UploadUsage {
            files_today: row.get::<i64, _>("files_today").max(0) as u32,
            bytes_today: row.get::<i64, _>("bytes_today").max(0) as u64,
            pending_bytes: row.get::<i64, _>("pending").max(0) as u64,
        };
        if let Err(refusal) = quota.check(&usage, u.size.max(0) as u64) {
            return Ok(Err(refusal));
        }
        sqlx::query(
            "INSERT INTO uploads (id, citizen_id, sha256, content_type, size, name, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&u.id)
        .bind(u.citizen_id)
        .bind(&u.sha256)
        .bind(&u.content_type)
        .bind(u.size)
        .bind(&u.name)
        .bind(u.created_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Ok(()))
    }

    async fn delete_upload(&self, citizen_id: i64, id: &str) -> anyhow::Result<()> {
        sqlx::query("DELETE FROM uploads WHERE id = ? AND citizen_id = ?")
            .bind(id)
            .bind(citizen_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn sweep_uploads(
        &self,
        created_before: Seconds,
        remove_bytes: &(dyn for<'s> Fn(&'s str) + Send + Sync),
    ) -> anyhow::Result<SweepReport> {
        let mut report = SweepReport::default();
        loop {
            // IMMEDIATE, and the bytes removed before commit: an upload of the same bytes
            // waits for this transaction, then finds the file gone and writes it again.
            let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
            let unused = sqlx::query(
                "SELECT id, sha256 FROM uploads u
                 WHERE created_at < ?
                   AND NOT EXISTS (SELECT 1 FROM draft_uploads d WHERE d.upload_id = u.id)
                   AND NOT EXISTS (SELECT 1 FROM case_uploads c WHERE c.upload_id = u.id)
                 LIMIT ?",
            )
            .bind(created_before)
            .bind(SWEEP_BATCH)
            .fetch_all(&mut *tx)
            .await?;
            let mut hashes = std::collections::BTreeSet::new();
            for row in &unused {
                sqlx::query("DELETE FROM uploads WHERE id = ?")
                    .bind(row.get::<&str, _>("id"))
                    .execute(&mut *tx)
                    .await?;
                hashes.insert(row.get::<String, _>("sha256"));
            }
            for sha256 in &hashes {
                let shared: i64 =
                    sqlx::query_scalar("SELECT COUNT(*) FROM uploads WHERE sha256 = ?")
                        .bind(sha256)
                        .fetch_one(&mut *tx)
                        .await?;
                if shared == 0 {
                    remove_bytes(sha256);
                    report.files += 1;
                }
            }
            tx.commit().await?;
            report.uploads += unused.len() as u64;
            if (unused.len() as i64) < SWEEP_BATCH {
                return Ok(report);
            }
        }
    }

    async fn owned_uploads(&self, citizen_id: i64, ids: &[String]) -> anyhow::Result<Vec<String>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut q: QueryBuilder<Sqlite> =
            QueryBuilder::new("SELECT id FROM uploads WHERE citizen_id = ");
        q.push_bind(citizen_id);
        q.push(" AND id IN (");
        let mut list = q.separated(", ");
        for id in ids {
            list.push_bind(id);
        }
        q.push(")");
        let rows = q.build().fetch_all(&self.pool).await?;
        Ok(rows.iter().map(|r| r.get("id")).collect())
    }

    async fn upload(&self, citizen_id: i64, id: &str) -> anyhow::Result<Option<UploadRecord>> {
        let row = sqlx::query("SELECT * FROM uploads WHERE id = ? AND citizen_id = ?")
            .bind(id)
            .bind(citizen_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(upload))
    }

    async fn drafts(&self, citizen_id: i64) -> anyhow::Result<Vec<DraftRecord>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {DRAFT_COLUMNS} FROM drafts
             WHERE citizen_id = ? ORDER BY saved_at DESC, theme_id"
        )))
        .bind(citizen_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(draft).collect())
    }

    async fn draft(&self, citizen_id: i64, theme_id: &str) -> anyhow::Result<Option<DraftRecord>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {DRAFT_COLUMNS} FROM drafts WHERE citizen_id = ? AND theme_id = ?"
        )))
        .bind(citizen_id)
        .bind(theme_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.as_ref().map(draft))
    }

    async fn save_draft(
        &self,
        citizen_id: i64,
        d: &DraftRecord,
        base_version: i64,
        uploads: &[String],
    ) -> anyhow::Result<Option<DraftRecord>> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        // Only a save made from the stored version replaces it: one from an older version
        // (another phone saved since) returns no row.
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO drafts (citizen_id, theme_id, step, content, saved_at, version)
             VALUES (?, ?, ?, ?, ?, 1)
             ON CONFLICT (citizen_id, theme_id) DO UPDATE
             SET step = excluded.step, content = excluded.content, saved_at = excluded.saved_at,
                 version = drafts.version + 1
             WHERE drafts.version = ?
             RETURNING {DRAFT_COLUMNS}"
        )))
        .bind(citizen_id)
        .bind(&d.theme_id)
        .bind(&d.step)
        .bind(&d.content)
        .bind(d.saved_at)
        .bind(base_version)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        set_draft_uploads(&mut tx, citizen_id, &d.theme_id, uploads).await?;
        let stored = draft(&row);
        tx.commit().await?;
        Ok(Some(stored))
    }

    async fn delete_draft(&self, citizen_id: i64, theme_id: &str) -> anyhow::Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM drafts WHERE citizen_id = ? AND theme_id = ?")
            .bind(citizen_id)
            .bind(theme_id)
            .execute(&mut *tx)
            .await?;
        set_draft_uploads(&mut tx, citizen_id, theme_id, &[]).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn submit_application(&self, n: &NewApplication<'_>) -> anyhow::Result<SubmitOutcome> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let existing = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{APPLICATION_COLUMNS} WHERE citizen_id = ? AND idempotency_key = ?"
        )))
        .bind(n.citizen_id)
        .bind(n.idempotency_key)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(row) = existing {
            if row.get::<&str, _>("request_hash") != n.request_hash {
                return Ok(SubmitOutcome::KeyReused);
            }
            return Ok(SubmitOutcome::Replayed(
                load_application(&mut tx, &row).await?,
            ));
        }
        if !n.new_case_confirmed && !n.open_statuses.is_empty() {
            let mut q: QueryBuilder<Sqlite> =
                QueryBuilder::new("SELECT number FROM applications WHERE citizen_id = ");
            q.push_bind(n.citizen_id);
            q.push(" AND theme_id = ");
            q.push_bind(n.theme_id);
            q.push(" AND status IN (");
            let mut list = q.separated(", ");
            for status in n.open_statuses {
                list.push_bind(*status);
            }
            q.push(") ORDER BY id DESC LIMIT 1");
            let open: Option<String> = q
                .build_query_scalar::<String>()
                .fetch_optional(&mut *tx)
                .await?;
            if let Some(number) = open {
                return Ok(SubmitOutcome::OpenCaseExists(number));
            }
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO applications (number, query_code, citizen_id, theme_id, status, content,
               delivery, deferred, idempotency_key, request_hash, submitted_at)
             VALUES (?, ?, ?, ?, 'in_progress', ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(format!("pending-{}-{}", n.citizen_id, n.idempotency_key))
        .bind(n.query_code)
        .bind(n.citizen_id)
        .bind(n.theme_id)
        .bind(n.content)
        .bind(n.delivery)
        .bind(serde_json::to_string(n.deferred)?)
        .bind(n.idempotency_key)
        .bind(n.request_hash)
        .bind(n.now)
        .fetch_one(&mut *tx)
        .await?;
        // 办件编号: LB, the day, and that day's sequence (the IMMEDIATE transaction makes it
        // the only writer). A day past 999,999 cases is refused rather than given a number
        // another case could have.
        let first = CaseNumber::new(n.day, 1)?;
        let last = CaseNumber::new(n.day, MAX_CASE_SEQUENCE)?;
        let today: u32 =
            sqlx::query_scalar("SELECT COUNT(*) FROM applications WHERE number BETWEEN ? AND ?")
                .bind(first.as_str())
                .bind(last.as_str())
                .fetch_one(&mut *tx)
                .await?;
        let number = CaseNumber::new(n.day, today + 1)?.to_string();
        sqlx::query("UPDATE applications SET number = ? WHERE id = ?")
            .bind(&number)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for (i, sub) in n.sub_cases.iter().enumerate() {
            sqlx::query(
                "INSERT INTO sub_cases (application_id, number, matter_code, department, status,
                   promised_date, queue_key, updated_at) VALUES (?, ?, ?, ?, 'submitted', ?, ?, ?)",
            )
            .bind(id)
            .bind(format!("{number}-{:02}", i + 1))
            .bind(&sub.matter_code)
            .bind(&sub.department)
            .bind(&sub.promised_date)
            .bind(super::cases::queue_key(None, n.now))
            .bind(n.now)
            .execute(&mut *tx)
            .await?;
        }
        for upload in n.uploads {
            sqlx::query(
                "INSERT OR IGNORE INTO case_uploads (application_id, upload_id) VALUES (?, ?)",
            )
            .bind(id)
            .bind(upload)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("DELETE FROM drafts WHERE citizen_id = ? AND theme_id = ?")
            .bind(n.citizen_id)
            .bind(n.theme_id)
            .execute(&mut *tx)
            .await?;
        set_draft_uploads(&mut tx, n.citizen_id, n.theme_id, &[]).await?;
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{APPLICATION_COLUMNS} WHERE id = ?"
        )))
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        let record = load_application(&mut tx, &row).await?;
        tx.commit().await?;
        Ok(SubmitOutcome::Created(record))
    }

    async fn application(
        &self,
        citizen_id: i64,
        number: &str,
    ) -> anyhow::Result<Option<ApplicationRecord>> {
        let mut conn = self.pool.acquire().await?;
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{APPLICATION_COLUMNS} WHERE citizen_id = ? AND number = ?"
        )))
        .bind(citizen_id)
        .bind(number)
        .fetch_optional(&mut *conn)
        .await?;
        match row {
            Some(row) => Ok(Some(load_application(&mut conn, &row).await?)),
            None => Ok(None),
        }
    }
}
