//! Appointments on SQLite: the capacity check is a conditional UPSERT inside the booking
//! transaction, so concurrent bookers can never take more places than a slot has. Bookings
//! are committed by one writer in groups (`super::bookings`).

use super::SqliteStore;
use crate::store::{
    AppointmentRecord, AppointmentStore, BookOutcome, BookingDates, CancelOutcome, NewAppointment,
    RecordOutcome, Seconds,
};
use anyhow::Context;
use async_trait::async_trait;
use lianban_core::appointments::RecordedStatus;
use lianban_core::booking::SlotId;
use sqlx::sqlite::{SqliteConnection, SqliteRow};
// Only the fixed COLUMNS list is formatted into SQL; every value is bound.
use sqlx::{AssertSqlSafe, QueryBuilder, Row, Sqlite};

const COLUMNS: &str = "id, slot_id, hall_id, category, date, starts_at, ends_at, matter_code, \
                       checkin_code, status";

fn record(r: &SqliteRow) -> anyhow::Result<AppointmentRecord> {
    let status: String = r.get("status");
    Ok(AppointmentRecord {
        id: r.get("id"),
        slot_id: r.get("slot_id"),
        hall_id: r.get("hall_id"),
        category: r.get("category"),
        date: r.get("date"),
        starts_at: r.get("starts_at"),
        ends_at: r.get("ends_at"),
        matter_code: r.get("matter_code"),
        checkin_code: r.get("checkin_code"),
        status: RecordedStatus::parse(&status)
            .with_context(|| format!("appointment status {status:?} is not one the code knows"))?,
    })
}

#[async_trait]
impl AppointmentStore for SqliteStore {
    async fn slot_counts(&self, slots: &[SlotId]) -> anyhow::Result<Vec<(String, u32)>> {
        if slots.is_empty() {
            return Ok(Vec::new());
        }
        let mut q: QueryBuilder<Sqlite> =
            QueryBuilder::new("SELECT slot_id, booked FROM slot_counts WHERE slot_id IN (");
        let mut list = q.separated(", ");
        for id in slots {
            list.push_bind(id.as_str());
        }
        q.push(")");
        let rows = q.build().fetch_all(&self.pool).await?;
        Ok(rows
            .iter()
            .map(|r| (r.get("slot_id"), r.get::<i64, _>("booked") as u32))
            .collect())
    }

    async fn book(&self, n: NewAppointment) -> anyhow::Result<BookOutcome> {
        self.bookings.book(n).await
    }

    async fn appointments(&self, citizen_id: i64) -> anyhow::Result<Vec<AppointmentRecord>> {
        let rows = sqlx::query(AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM appointments WHERE citizen_id = ? ORDER BY starts_at, id"
        )))
        .bind(citizen_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(record).collect()
    }

    async fn cancel_appointment(
        &self,
        citizen_id: i64,
        id: i64,
        now: Seconds,
        cancel_before: Seconds,
    ) -> anyhow::Result<CancelOutcome> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let row = sqlx::query(AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM appointments WHERE id = ? AND citizen_id = ?"
        )))
        .bind(id)
        .bind(citizen_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Ok(CancelOutcome::NotFound);
        };
        let mut a = record(&row)?;
        if a.status != RecordedStatus::Booked || a.starts_at - cancel_before <= now {
            return Ok(CancelOutcome::NotChangeable);
        }
        sqlx::query("UPDATE appointments SET status = 'cancelled' WHERE id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        release(&mut tx, &a.slot_id).await?;
        tx.commit().await?;
        a.status = RecordedStatus::Cancelled;
        Ok(CancelOutcome::Cancelled(a))
    }

    async fn appointment_by_code(
        &self,
        code: &str,
    ) -> anyhow::Result<Option<(i64, AppointmentRecord)>> {
        let row = sqlx::query(AssertSqlSafe(format!(
            "SELECT citizen_id, {COLUMNS} FROM appointments WHERE checkin_code = ?"
        )))
        .bind(code)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((r.get("citizen_id"), record(&r)?)))
            .transpose()
    }

    async fn appointment_by_id(&self, id: i64) -> anyhow::Result<Option<(i64, AppointmentRecord)>> {
        let row = sqlx::query(AssertSqlSafe(format!(
            "SELECT citizen_id, {COLUMNS} FROM appointments WHERE id = ?"
        )))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((r.get("citizen_id"), record(&r)?)))
            .transpose()
    }

    async fn check_in(&self, id: i64, _now: Seconds) -> anyhow::Result<bool> {
        let r = sqlx::query(
            "UPDATE appointments SET status = 'checked_in' WHERE id = ? AND status = 'booked'",
        )
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(r.rows_affected() > 0)
    }

    async fn hall_day(
        &self,
        hall_id: &str,
        date: &str,
    ) -> anyhow::Result<Vec<(AppointmentRecord, Option<String>)>> {
        let rows = sqlx::query(AssertSqlSafe(format!(
            "SELECT c.name AS citizen_name, {} FROM appointments a
             JOIN citizens c ON c.id = a.citizen_id
             WHERE a.hall_id = ? AND a.date = ? ORDER BY a.starts_at, a.id",
            COLUMNS
                .split(", ")
                .map(|c| format!("a.{}", c.trim()))
                .collect::<Vec<_>>()
                .join(", ")
        )))
        .bind(hall_id)
        .bind(date)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((record(r)?, r.get("citizen_name"))))
            .collect()
    }

    async fn record_no_show(&self, id: i64, now: Seconds) -> anyhow::Result<RecordOutcome> {
        let row = sqlx::query(AssertSqlSafe(format!(
            "UPDATE appointments SET status = 'no_show'
             WHERE id = ? AND status = 'booked' AND ends_at <= ?
             RETURNING {COLUMNS}"
        )))
        .bind(id)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        if let Some(row) = row {
            return Ok(RecordOutcome::Recorded(record(&row)?));
        }
        let exists = sqlx::query_scalar::<_, i64>("SELECT 1 FROM appointments WHERE id = ?")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(if exists.is_some() {
            RecordOutcome::NotApplicable
        } else {
            RecordOutcome::NotFound
        })
    }
}

/// One booking, inside the writer's transaction (`super::bookings`): the idempotency key
/// first (a retry gets its appointment back), then the citizen's standing, then one
/// conditional UPSERT that both checks the slot's capacity and takes a place. A refusal
/// writes nothing. Every statement is a round trip to SQLite's thread while the write lock
/// is held, so the key and the standing are read by one.
pub(super) async fn book_in(
    conn: &mut SqliteConnection,
    n: &NewAppointment,
) -> anyhow::Result<BookOutcome> {
    let rows = sqlx::query(
        "SELECT id, slot_id, hall_id, category, date, starts_at, ends_at, matter_code,
           checkin_code, status, request_hash, idempotency_key = ? AS same_key
         FROM appointments
         WHERE citizen_id = ?
           AND (idempotency_key = ? OR status = 'no_show'
                OR (status = 'booked' AND ends_at > ? AND id <> ?))",
    )
    .bind(&n.idempotency_key)
    .bind(n.citizen_id)
    .bind(&n.idempotency_key)
    .bind(n.now)
    .bind(n.replaces.unwrap_or(0))
    .fetch_all(&mut *conn)
    .await?;
    if let Some(row) = rows.iter().find(|r| r.get::<bool, _>("same_key")) {
        return Ok(if row.get::<&str, _>("request_hash") == n.request_hash {
            BookOutcome::Replayed(record(row)?)
        } else {
            BookOutcome::KeyReused
        });
    }
    let dates = |wanted: &str| {
        rows.iter()
            .filter(|r| r.get::<&str, _>("status") == wanted)
            .map(|r| r.get::<String, _>("date"))
            .collect()
    };
    let history = BookingDates {
        // Booked and not over (the query's condition; the appointment being replaced aside).
        active: dates("booked"),
        // Recorded ones only: nothing records a check-in yet, so a booking past its end
        // says nothing about whether the citizen came.
        no_shows: dates("no_show"),
    };
    let mut released_slot = None;
    if let Some(old) = n.replaces {
        let row = sqlx::query(
            "SELECT slot_id FROM appointments
             WHERE id = ? AND citizen_id = ? AND status = 'booked' AND starts_at - ? > ?",
        )
        .bind(old)
        .bind(n.citizen_id)
        .bind(n.cancel_before)
        .bind(n.now)
        .fetch_optional(&mut *conn)
        .await?;
        match row {
            Some(r) => released_slot = Some(r.get::<String, _>("slot_id")),
            None => return Ok(BookOutcome::NotChangeable),
        }
    }
    if let Err(refusal) = (n.check)(&history) {
        return Ok(BookOutcome::Refused(refusal));
    }
    let taken = sqlx::query_scalar::<_, i64>(
        "INSERT INTO slot_counts (slot_id, booked) VALUES (?, 1)
         ON CONFLICT (slot_id) DO UPDATE SET booked = slot_counts.booked + 1
         WHERE slot_counts.booked < ?
         RETURNING booked",
    )
    .bind(n.slot.as_str())
    .bind(i64::from(n.capacity))
    .fetch_optional(&mut *conn)
    .await?;
    if taken.is_none() {
        return Ok(BookOutcome::Full);
    }
    if let (Some(old), Some(slot)) = (n.replaces, released_slot) {
        sqlx::query("UPDATE appointments SET status = 'cancelled' WHERE id = ?")
            .bind(old)
            .execute(&mut *conn)
            .await?;
        release(&mut *conn, &slot).await?;
    }
    let row = sqlx::query(AssertSqlSafe(format!(
        "INSERT INTO appointments (citizen_id, slot_id, hall_id, category, date, starts_at,
           ends_at, matter_code, checkin_code, status, idempotency_key, request_hash, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'booked', ?, ?, ?)
         RETURNING {COLUMNS}"
    )))
    .bind(n.citizen_id)
    .bind(n.slot.as_str())
    .bind(n.slot.hall())
    .bind(n.slot.category())
    .bind(n.slot.date().to_string())
    .bind(n.starts_at)
    .bind(n.ends_at)
    .bind(&n.matter_code)
    .bind(&n.checkin_code)
    .bind(&n.idempotency_key)
    .bind(&n.request_hash)
    .bind(n.now)
    .fetch_one(&mut *conn)
    .await?;
    Ok(BookOutcome::Booked(record(&row)?))
}

async fn release(conn: &mut SqliteConnection, slot_id: &str) -> anyhow::Result<()> {
    sqlx::query("UPDATE slot_counts SET booked = booked - 1 WHERE slot_id = ? AND booked > 0")
        .bind(slot_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
