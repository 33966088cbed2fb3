//! Cases that move, in SQLite. An action is decided and appended inside one IMMEDIATE
//! transaction, so that the state it was decided on is the state it is stored on.

use super::applications::{load_application, APPLICATION_COLUMNS};
use super::SqliteStore;
use crate::store::{
    AppendOutcome, ApplicationRecord, CaseStore, ClerkRecord, Decide, Failures, MessageRecord,
    NewRating, OpenFollowUp, PendingSms, Seconds, SubCaseRecord, SuppliedItem, UploadRecord,
    WorkRow,
};
use async_trait::async_trait;
use lianban_core::cases::{summarize, SubCaseBrief, SubCaseStatus};
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};

async fn case_where(
    conn: &mut SqliteConnection,
    condition: &str,
    value: &str,
) -> anyhow::Result<Option<(i64, ApplicationRecord)>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{APPLICATION_COLUMNS} WHERE {condition}"
    )))
    .bind(value)
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some(row) => {
            let record = load_application(conn, &row).await?;
            Ok(Some((row.get("id"), record)))
        }
        None => Ok(None),
    }
}

/// The work list's order: due date first (none yet: last), then the submission time.
pub(super) fn queue_key(due_date: Option<&str>, submitted_at: Seconds) -> String {
    format!("{} {submitted_at:012}", due_date.unwrap_or("9999-12-31"))
}

const BY_SUB_CASE: &str = "id = (SELECT application_id FROM sub_cases WHERE number = ?)";

fn clerk(r: &sqlx::sqlite::SqliteRow) -> ClerkRecord {
    ClerkRecord {
        username: r.get("username"),
        name: r.get("name"),
        department: r.get("department"),
        hall_id: r.get("hall_id"),
        password_hash: r.get("password_hash"),
    }
}

#[async_trait]
impl CaseStore for SqliteStore {
    async fn case_by_number(
        &self,
        number: &str,
    ) -> anyhow::Result<Option<(i64, ApplicationRecord)>> {
        let mut conn = self.pool.acquire().await?;
        Ok(case_where(&mut conn, "number = ?", number)
            .await?
            .map(|(_, r)| (r.citizen_id, r)))
    }

    async fn case_of_sub_case(
        &self,
        sub_case_number: &str,
    ) -> anyhow::Result<Option<(i64, ApplicationRecord)>> {
        let mut conn = self.pool.acquire().await?;
        Ok(case_where(&mut conn, BY_SUB_CASE, sub_case_number)
            .await?
            .map(|(_, r)| (r.citizen_id, r)))
    }

    async fn applications_page(
        &self,
        citizen_id: i64,
        offset: u64,
        limit: u32,
    ) -> anyhow::Result<(Vec<ApplicationRecord>, u64)> {
        let mut conn = self.pool.acquire().await?;
        let total: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM applications WHERE citizen_id = ?")
                .bind(citizen_id)
                .fetch_one(&mut *conn)
                .await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{APPLICATION_COLUMNS} WHERE citizen_id = ? ORDER BY submitted_at DESC, id DESC
             LIMIT ? OFFSET ?"
        )))
        .bind(citizen_id)
        .bind(limit as i64)
        .bind(offset as i64)
        .fetch_all(&mut *conn)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(load_application(&mut conn, row).await?);
        }
        Ok((out, total as u64))
    }

    async fn append_event(
        &self,
        sub_case_number: &str,
        key: &str,
        now: Seconds,
        decide: Decide<'_>,
    ) -> anyhow::Result<AppendOutcome> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let Some((application_id, case)) =
            case_where(&mut tx, BY_SUB_CASE, sub_case_number).await?
        else {
            return Ok(AppendOutcome::NotFound);
        };
        let sub_case_id: i64 = sqlx::query_scalar("SELECT id FROM sub_cases WHERE number = ?")
            .bind(sub_case_number)
            .fetch_one(&mut *tx)
            .await?;
        let seen: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM case_events WHERE sub_case_id = ? AND idempotency_key = ?",
        )
        .bind(sub_case_id)
        .bind(key)
        .fetch_optional(&mut *tx)
        .await?;
        if seen.is_some() {
            return Ok(AppendOutcome::Replayed(case));
        }
        let Some(sub) = case.sub_cases.iter().find(|s| s.number == sub_case_number) else {
            return Ok(AppendOutcome::NotFound);
        };
        let decided = match decide(&case, sub)? {
            Ok(d) => d,
            Err(refusal) => return Ok(AppendOutcome::Refused(refusal)),
        };
        let event = &decided.event;
        let role = match event.actor.role() {
            lianban_core::cases::Role::Citizen => "citizen",
            lianban_core::cases::Role::Clerk => "clerk",
            lianban_core::cases::Role::System => "system",
        };
        let event_id: i64 = sqlx::query_scalar(
            "INSERT INTO case_events (sub_case_id, seq, at, actor_role, action, body, idempotency_key)
             VALUES (?, (SELECT COUNT(*) + 1 FROM case_events WHERE sub_case_id = ?), ?, ?, ?, ?, ?)
             RETURNING id",
        )
        .bind(sub_case_id)
        .bind(sub_case_id)
        .bind(event.at)
        .bind(role)
        .bind(event.action.kind().as_str())
        .bind(serde_json::to_string(event)?)
        .bind(key)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE sub_cases SET status = ?, due_date = ?, queue_key = ?, updated_at = ?
             WHERE id = ?",
        )
        .bind(decided.status.as_str())
        .bind(&decided.due_date)
        .bind(queue_key(decided.due_date.as_deref(), case.submitted_at))
        .bind(now)
        .bind(sub_case_id)
        .execute(&mut *tx)
        .await?;
        // The combined case's status, by the one rule.
        let statuses: Vec<SubCaseStatus> = case
            .sub_cases
            .iter()
            .map(|s| {
                if s.number == sub_case_number {
                    decided.status
                } else {
                    SubCaseStatus::parse(&s.status).unwrap_or(SubCaseStatus::Submitted)
                }
            })
            .collect();
        let briefs: Vec<SubCaseBrief<'_>> = statuses
            .iter()
            .map(|s| SubCaseBrief {
                matter_name: "",
                status: *s,
                rated: false,
            })
            .collect();
        sqlx::query("UPDATE applications SET status = ? WHERE id = ?")
            .bind(summarize(&briefs, false).status.as_str())
            .bind(application_id)
            .execute(&mut *tx)
            .await?;
        if let Some((title, body)) = &decided.message {
            sqlx::query(
                "INSERT INTO messages (citizen_id, case_number, event_id, title, body, created_at)
                 VALUES (?, ?, ?, ?, ?, ?)",
            )
            .bind(case.citizen_id)
            .bind(&case.number)
            .bind(event_id)
            .bind(title)
            .bind(body)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        for item in &decided.supplement {
            sqlx::query(
                "INSERT INTO supplement_answers (event_id, item_index, item_name, upload_id, value)
                 VALUES (?, ?, ?, ?, ?)",
            )
            .bind(event_id)
            .bind(item.index as i64)
            .bind(&item.name)
            .bind(&item.upload_id)
            .bind(&item.value)
            .execute(&mut *tx)
            .await?;
            if let Some(upload) = &item.upload_id {
                // The case keeps what was supplied for as long as it keeps its materials.
                sqlx::query(
                    "INSERT OR IGNORE INTO case_uploads (application_id, upload_id) VALUES (?, ?)",
                )
                .bind(application_id)
                .bind(upload)
                .execute(&mut *tx)
                .await?;
            }
        }
        if let Some(content) = &decided.content {
            sqlx::query("UPDATE applications SET content = ? WHERE id = ?")
                .bind(content)
                .bind(application_id)
                .execute(&mut *tx)
                .await?;
        }
        if let Some(text) = &decided.sms {
            sqlx::query(
                "INSERT INTO sms_outbox (phone, text, event_id, created_at)
                 SELECT phone, ?, ?, ? FROM citizens WHERE id = ?",
            )
            .bind(text)
            .bind(event_id)
            .bind(now)
            .bind(case.citizen_id)
            .execute(&mut *tx)
            .await?;
        }
        let (_, after) = case_where(&mut tx, BY_SUB_CASE, sub_case_number)
            .await?
            .ok_or_else(|| anyhow::anyhow!("the case vanished inside its transaction"))?;
        tx.commit().await?;
        Ok(AppendOutcome::Appended(after))
    }

    async fn work_list(
        &self,
        department: &str,
        statuses: &[&'static str],
        offset: u64,
        limit: u32,
    ) -> anyhow::Result<(Vec<WorkRow>, u64)> {
        let mut conn = self.pool.acquire().await?;
        let filter = |q: &mut QueryBuilder<Sqlite>| {
            q.push(" WHERE s.department = ");
            q.push_bind(department.to_string());
            if !statuses.is_empty() {
                q.push(" AND s.status IN (");
                let mut list = q.separated(", ");
                for s in statuses {
                    list.push_bind(*s);
                }
                q.push(")");
            }
        };
        let mut count: QueryBuilder<Sqlite> = QueryBuilder::new("SELECT COUNT(*) FROM sub_cases s");
        filter(&mut count);
        let total: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;
        let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
            "SELECT s.number AS sub_number, a.number AS case_number, a.submitted_at, c.name
             FROM sub_cases s JOIN applications a ON a.id = s.application_id
             JOIN citizens c ON c.id = a.citizen_id",
        );
        filter(&mut q);
        // Due date first; those not accepted yet (no due date) by how long they have waited.
        q.push(" ORDER BY s.queue_key, s.id LIMIT ");
        q.push_bind(limit as i64);
        q.push(" OFFSET ");
        q.push_bind(offset as i64);
        let rows = q.build().fetch_all(&mut *conn).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let sub_number: String = r.get("sub_number");
            let Some((_, case)) = case_where(&mut conn, BY_SUB_CASE, &sub_number).await? else {
                continue;
            };
            let applicant = case.citizen_id;
            let Some(sub) = case.sub_cases.into_iter().find(|s| s.number == sub_number) else {
                continue;
            };
            out.push(WorkRow {
                sub_case: sub,
                applicant,
                case_number: r.get("case_number"),
                submitted_at: r.get("submitted_at"),
                applicant_name: r.get("name"),
            });
        }
        Ok((out, total as u64))
    }

    async fn latest_supplement(&self, sub_case_number: &str) -> anyhow::Result<Vec<SuppliedItem>> {
        let rows = sqlx::query(
            "SELECT item_index, item_name, upload_id, value FROM supplement_answers
             WHERE event_id = (SELECT MAX(e.id) FROM case_events e JOIN sub_cases s
                               ON s.id = e.sub_case_id
                               WHERE s.number = ? AND e.action = 'provide_supplement')
             ORDER BY item_index, id",
        )
        .bind(sub_case_number)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| SuppliedItem {
                index: r.get::<i64, _>("item_index") as usize,
                name: r.get("item_name"),
                upload_id: r.get("upload_id"),
                value: r.get("value"),
            })
            .collect())
    }

    async fn case_upload(
        &self,
        case_number: &str,
        upload_id: &str,
    ) -> anyhow::Result<Option<UploadRecord>> {
        let row = sqlx::query(
            "SELECT u.id, u.citizen_id, u.sha256, u.content_type, u.size, u.name, u.created_at
             FROM uploads u JOIN case_uploads cu ON cu.upload_id = u.id
             JOIN applications a ON a.id = cu.application_id
             WHERE a.number = ? AND u.id = ?",
        )
        .bind(case_number)
        .bind(upload_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| UploadRecord {
            id: r.get("id"),
            citizen_id: r.get("citizen_id"),
            sha256: r.get("sha256"),
            content_type: r.get("content_type"),
            size: r.get("size"),
            name: r.get("name"),
            created_at: r.get("created_at"),
        }))
    }

    async fn sync_clerks(&self, clerks: &[ClerkRecord]) -> anyhow::Result<()> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        sqlx::query("UPDATE clerks SET active = 0")
            .execute(&mut *tx)
            .await?;
        for c in clerks {
            sqlx::query(
                "INSERT INTO clerks (username, name, department, hall_id, password_hash, active)
                 VALUES (?, ?, ?, ?, ?, 1)
                 ON CONFLICT (username) DO UPDATE SET name = excluded.name,
                   department = excluded.department, hall_id = excluded.hall_id,
                   password_hash = excluded.password_hash, active = 1",
            )
            .bind(&c.username)
            .bind(&c.name)
            .bind(&c.department)
            .bind(&c.hall_id)
            .bind(&c.password_hash)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(
            "UPDATE clerk_sessions SET revoked = 1
             WHERE username IN (SELECT username FROM clerks WHERE active = 0)",
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn clerk(&self, username: &str) -> anyhow::Result<Option<ClerkRecord>> {
        let row = sqlx::query("SELECT * FROM clerks WHERE username = ? AND active = 1")
            .bind(username)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(clerk))
    }

    async fn clerk_failures(
        &self,
        username: &str,
        client_addr: &str,
        since: Seconds,
    ) -> anyhow::Result<Failures> {
        failures(
            &self.pool,
            "clerk_login_failures",
            "username",
            username,
            client_addr,
            since,
        )
        .await
    }

    async fn record_clerk_failure(
        &self,
        username: &str,
        client_addr: &str,
        now: Seconds,
    ) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO clerk_login_failures (username, client_addr, at) VALUES (?, ?, ?)",
        )
        .bind(username)
        .bind(client_addr)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn create_clerk_session(
        &self,
        token_hash: &str,
        username: &str,
        now: Seconds,
        expires_at: Seconds,
    ) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO clerk_sessions (token_hash, username, created_at, expires_at)
             VALUES (?, ?, ?, ?)",
        )
        .bind(token_hash)
        .bind(username)
        .bind(now)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        // A successful login forgets the failures of that account.
        sqlx::query("DELETE FROM clerk_login_failures WHERE username = ?")
            .bind(username)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn touch_clerk_session(
        &self,
        token_hash: &str,
        now: Seconds,
        expires_at: Seconds,
    ) -> anyhow::Result<Option<ClerkRecord>> {
        let row = sqlx::query(
            "SELECT username, expires_at FROM clerk_sessions
             WHERE token_hash = ? AND revoked = 0 AND expires_at > ?",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        // Slid at most once a minute: a read of the work list is then no write at all.
        if row.get::<i64, _>("expires_at") < expires_at - 60 {
            sqlx::query("UPDATE clerk_sessions SET expires_at = ? WHERE token_hash = ?")
                .bind(expires_at)
                .bind(token_hash)
                .execute(&self.pool)
                .await?;
        }
        self.clerk(row.get("username")).await
    }

    async fn revoke_clerk_session(&self, token_hash: &str) -> anyhow::Result<()> {
        sqlx::query("UPDATE clerk_sessions SET revoked = 1 WHERE token_hash = ?")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn track_failures(
        &self,
        case_number: &str,
        client_addr: &str,
        since: Seconds,
    ) -> anyhow::Result<Failures> {
        failures(
            &self.pool,
            "track_failures",
            "case_number",
            case_number,
            client_addr,
            since,
        )
        .await
    }

    async fn record_track_failure(
        &self,
        case_number: &str,
        client_addr: &str,
        now: Seconds,
    ) -> anyhow::Result<()> {
        sqlx::query("INSERT INTO track_failures (case_number, client_addr, at) VALUES (?, ?, ?)")
            .bind(case_number)
            .bind(client_addr)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn messages(
        &self,
        citizen_id: i64,
        offset: u64,
        limit: u32,
    ) -> anyhow::Result<(Vec<MessageRecord>, u64)> {
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM messages WHERE citizen_id = ?")
            .bind(citizen_id)
            .fetch_one(&self.pool)
            .await?;
        let rows = sqlx::query(
            "SELECT id, case_number, title, body, created_at, read_at IS NOT NULL AS read
             FROM messages WHERE citizen_id = ? ORDER BY id DESC LIMIT ? OFFSET ?",
        )
        .bind(citizen_id)
        .bind(limit as i64)
        .bind(offset as i64)
        .fetch_all(&self.pool)
        .await?;
        Ok((
            rows.iter()
                .map(|r| MessageRecord {
                    id: r.get("id"),
                    case_number: r.get("case_number"),
                    title: r.get("title"),
                    body: r.get("body"),
                    created_at: r.get("created_at"),
                    read: r.get("read"),
                })
                .collect(),
            total as u64,
        ))
    }

    async fn unread_messages(&self, citizen_id: i64) -> anyhow::Result<u64> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM messages WHERE citizen_id = ? AND read_at IS NULL",
        )
        .bind(citizen_id)
        .fetch_one(&self.pool)
        .await?;
        Ok(n as u64)
    }

    async fn mark_message_read(
        &self,
        citizen_id: i64,
        id: i64,
        now: Seconds,
    ) -> anyhow::Result<bool> {
        let r = sqlx::query(
            "UPDATE messages SET read_at = COALESCE(read_at, ?) WHERE id = ? AND citizen_id = ?",
        )
        .bind(now)
        .bind(id)
        .bind(citizen_id)
        .execute(&self.pool)
        .await?;
        Ok(r.rows_affected() > 0)
    }

    async fn mark_all_messages_read(&self, citizen_id: i64, now: Seconds) -> anyhow::Result<()> {
        sqlx::query("UPDATE messages SET read_at = ? WHERE citizen_id = ? AND read_at IS NULL")
            .bind(now)
            .bind(citizen_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn put_rating(&self, r: &NewRating<'_>) -> anyhow::Result<()> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let id: i64 = sqlx::query_scalar("SELECT id FROM sub_cases WHERE number = ?")
            .bind(r.sub_case_number)
            .fetch_one(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO ratings (sub_case_id, level, tags, comment, first_rated_at, rated_at)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (sub_case_id) DO UPDATE SET level = excluded.level,
               tags = excluded.tags, comment = excluded.comment, rated_at = excluded.rated_at",
        )
        .bind(id)
        .bind(r.level)
        .bind(serde_json::to_string(r.tags)?)
        .bind(r.comment)
        .bind(r.now)
        .bind(r.now)
        .execute(&mut *tx)
        .await?;
        if let Some(due) = &r.follow_up_due {
            sqlx::query(
                "INSERT OR IGNORE INTO follow_ups (sub_case_id, opened_at, due_date) VALUES (?, ?, ?)",
            )
            .bind(id)
            .bind(r.now)
            .bind(due)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn reply_follow_up(
        &self,
        sub_case_number: &str,
        reply: &str,
        clerk: &str,
        now: Seconds,
        message: (&str, &str),
    ) -> anyhow::Result<bool> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let done = sqlx::query(
            "UPDATE follow_ups SET reply = ?, replied_at = ?, replied_by = ?
             WHERE replied_at IS NULL
               AND sub_case_id = (SELECT id FROM sub_cases WHERE number = ?)",
        )
        .bind(reply)
        .bind(now)
        .bind(clerk)
        .bind(sub_case_number)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            > 0;
        if done {
            sqlx::query(
                "INSERT INTO messages (citizen_id, case_number, title, body, created_at)
                 SELECT a.citizen_id, a.number, ?, ?, ? FROM applications a
                 JOIN sub_cases s ON s.application_id = a.id WHERE s.number = ?",
            )
            .bind(message.0)
            .bind(message.1)
            .bind(now)
            .bind(sub_case_number)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(done)
    }

    async fn visit_follow_up(
        &self,
        sub_case_number: &str,
        resolved: bool,
        now: Seconds,
    ) -> anyhow::Result<bool> {
        let r = sqlx::query(
            "UPDATE follow_ups SET resolved = ?, visited_at = ?
             WHERE replied_at IS NOT NULL
               AND sub_case_id = (SELECT id FROM sub_cases WHERE number = ?)",
        )
        .bind(resolved)
        .bind(now)
        .bind(sub_case_number)
        .execute(&self.pool)
        .await?;
        Ok(r.rows_affected() > 0)
    }

    async fn open_follow_ups(&self, department: &str) -> anyhow::Result<Vec<OpenFollowUp>> {
        let rows = sqlx::query(
            "SELECT s.number AS sub_number, a.number AS case_number, s.matter_code, r.level,
               r.comment, f.due_date
             FROM follow_ups f JOIN sub_cases s ON s.id = f.sub_case_id
             JOIN applications a ON a.id = s.application_id
             JOIN ratings r ON r.sub_case_id = s.id
             WHERE s.department = ? AND f.replied_at IS NULL
             ORDER BY f.due_date, f.opened_at LIMIT 200",
        )
        .bind(department)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| OpenFollowUp {
                sub_case_number: r.get("sub_number"),
                case_number: r.get("case_number"),
                matter_code: r.get("matter_code"),
                level: r.get("level"),
                comment: r.get("comment"),
                due_date: r.get("due_date"),
            })
            .collect())
    }

    async fn sub_cases_since(&self, since: Seconds) -> anyhow::Result<Vec<(i64, SubCaseRecord)>> {
        let mut conn = self.pool.acquire().await?;
        let subs = sqlx::query(
            "SELECT a.citizen_id, s.id, s.number, s.matter_code, s.department, s.status,
               s.promised_date, r.level, r.tags, r.comment, r.first_rated_at, r.rated_at,
               f.opened_at, f.due_date AS follow_up_due, f.reply, f.replied_at, f.resolved
             FROM sub_cases s JOIN applications a ON a.id = s.application_id
             LEFT JOIN ratings r ON r.sub_case_id = s.id
             LEFT JOIN follow_ups f ON f.sub_case_id = s.id
             WHERE a.submitted_at >= ? ORDER BY s.id",
        )
        .bind(since)
        .fetch_all(&mut *conn)
        .await?;
        let events = sqlx::query(
            "SELECT e.sub_case_id, e.body FROM case_events e
             JOIN sub_cases s ON s.id = e.sub_case_id JOIN applications a ON a.id = s.application_id
             WHERE a.submitted_at >= ? ORDER BY e.sub_case_id, e.seq",
        )
        .bind(since)
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
        Ok(subs
            .iter()
            .map(|s| {
                (
                    s.get("citizen_id"),
                    SubCaseRecord {
                        number: s.get("number"),
                        matter_code: s.get("matter_code"),
                        department: s.get("department"),
                        status: s.get("status"),
                        promised_date: s.get("promised_date"),
                        events: by_sub.remove(&s.get::<i64, _>("id")).unwrap_or_default(),
                        rating: super::applications::rating(s),
                    },
                )
            })
            .collect())
    }

    async fn pending_sms(&self, limit: u32) -> anyhow::Result<Vec<PendingSms>> {
        let rows = sqlx::query(
            "SELECT id, phone, text, attempts FROM sms_outbox WHERE sent_at IS NULL
             ORDER BY id LIMIT ?",
        )
        .bind(limit as i64)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| PendingSms {
                id: r.get("id"),
                phone: r.get("phone"),
                text: r.get("text"),
                attempts: r.get("attempts"),
            })
            .collect())
    }

    async fn sms_sent(&self, id: i64, now: Seconds) -> anyhow::Result<()> {
        sqlx::query("UPDATE sms_outbox SET sent_at = ?, attempts = attempts + 1 WHERE id = ?")
            .bind(now)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn sms_failed(&self, id: i64, error: &str) -> anyhow::Result<()> {
        sqlx::query("UPDATE sms_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?")
            .bind(error)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

/// Failures since `since` for one key (a username, a case number) and one address.
async fn failures(
    pool: &sqlx::SqlitePool,
    table: &'static str,
    key_column: &'static str,
    key: &str,
    client_addr: &str,
    since: Seconds,
) -> anyhow::Result<Failures> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) AS n, MIN(at) AS oldest FROM {table} WHERE {key_column} = ? AND at >= ?"
    )))
    .bind(key)
    .bind(since)
    .fetch_one(pool)
    .await?;
    let by_address: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM {table} WHERE client_addr = ? AND at >= ?"
    )))
    .bind(client_addr)
    .bind(since)
    .fetch_one(pool)
    .await?;
    Ok(Failures {
        by_key: row.get::<i64, _>("n") as u32,
        by_address: by_address as u32,
        oldest_by_key: row.get("oldest"),
    })
}
