//! Accounts, codes and sessions on SQLite.

use super::SqliteStore;
use crate::store::{
    CitizenRecord, CodeCheck, IdentityStore, NewLicence, Seconds, SmsCodeIssue, SmsIssueOutcome,
    VerifyOutcome,
};
use async_trait::async_trait;
use lianban_core::account::{mask_licence_number, Enterprise, Licence, Preferences};
use sqlx::Row;

#[async_trait]
impl IdentityStore for SqliteStore {
    async fn issue_sms_code(&self, i: &SmsCodeIssue<'_>) -> anyhow::Result<SmsIssueOutcome> {
        // IMMEDIATE takes the write lock first, so two concurrent sends cannot both pass the
        // checks below.
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let last: Option<i64> =
            sqlx::query_scalar("SELECT MAX(created_at) FROM sms_codes WHERE phone = ?")
                .bind(i.phone)
                .fetch_one(&mut *tx)
                .await?;
        if let Some(last) = last {
            let retry_after = last + i.resend_seconds - i.now;
            if retry_after > 0 {
                return Ok(SmsIssueOutcome::TooSoon { retry_after });
            }
        }
        let phone_today: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sms_codes WHERE phone = ? AND created_at >= ?",
        )
        .bind(i.phone)
        .bind(i.day_start)
        .fetch_one(&mut *tx)
        .await?;
        if phone_today >= i64::from(i.per_phone_per_day) {
            return Ok(SmsIssueOutcome::PhoneDailyLimit);
        }
        let address_today: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sms_codes WHERE client_addr = ? AND created_at >= ?",
        )
        .bind(i.client_addr)
        .bind(i.day_start)
        .fetch_one(&mut *tx)
        .await?;
        if address_today >= i64::from(i.per_address_per_day) {
            return Ok(SmsIssueOutcome::AddressDailyLimit);
        }
        // A new code replaces any earlier one for the number.
        sqlx::query("UPDATE sms_codes SET used = 1 WHERE phone = ? AND used = 0")
            .bind(i.phone)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO sms_codes (phone, client_addr, code_hash, created_at, expires_at)
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(i.phone)
        .bind(i.client_addr)
        .bind(i.code_hash)
        .bind(i.now)
        .bind(i.expires_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(SmsIssueOutcome::Issued)
    }

    async fn check_sms_code(
        &self,
        phone: &str,
        code_hash: &str,
        now: Seconds,
    ) -> anyhow::Result<CodeCheck> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let row = sqlx::query(
            "SELECT id, code_hash, expires_at, attempts FROM sms_codes
             WHERE phone = ? AND used = 0 ORDER BY created_at DESC, id DESC LIMIT 1",
        )
        .bind(phone)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Ok(CodeCheck::NoCode);
        };
        let id: i64 = row.get("id");
        let attempts: i64 = row.get("attempts");
        let max = lianban_core::account::SMS_MAX_ATTEMPTS;
        let outcome = if row.get::<i64, _>("expires_at") <= now {
            CodeCheck::Expired
        } else if attempts >= max {
            CodeCheck::Exhausted
        } else if constant_time_eq(row.get::<&str, _>("code_hash"), code_hash) {
            sqlx::query("UPDATE sms_codes SET used = 1 WHERE id = ?")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            CodeCheck::Accepted
        } else {
            sqlx::query("UPDATE sms_codes SET attempts = attempts + 1 WHERE id = ?")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            if attempts + 1 >= max {
                CodeCheck::Exhausted
            } else {
                CodeCheck::Wrong {
                    remaining: max - attempts - 1,
                }
            }
        };
        tx.commit().await?;
        Ok(outcome)
    }

    async fn citizen_for_phone(&self, phone: &str, now: Seconds) -> anyhow::Result<i64> {
        sqlx::query(
            "INSERT INTO citizens (phone, created_at) VALUES (?, ?) ON CONFLICT (phone) DO NOTHING",
        )
        .bind(phone)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(
            sqlx::query_scalar("SELECT id FROM citizens WHERE phone = ?")
                .bind(phone)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    async fn citizen(&self, id: i64) -> anyhow::Result<Option<CitizenRecord>> {
        let row = sqlx::query(
            "SELECT id, phone, name, id_number, elder_mode, language,
               (SELECT COUNT(*) FROM enterprises e WHERE e.citizen_id = c.id) AS enterprises,
               (SELECT COUNT(*) FROM licences l WHERE l.citizen_id = c.id) AS licences
             FROM citizens c WHERE id = ?",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| CitizenRecord {
            id: r.get("id"),
            phone: r.get("phone"),
            name: r.get("name"),
            id_number: r.get("id_number"),
            preferences: Preferences {
                elder_mode: r.get("elder_mode"),
                language: r.get("language"),
            },
            enterprise_count: r.get::<i64, _>("enterprises") as u32,
            licence_count: r.get::<i64, _>("licences") as u32,
        }))
    }

    async fn create_session(
        &self,
        token_hash: &str,
        citizen_id: i64,
        now: Seconds,
        expires_at: Seconds,
    ) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO sessions (token_hash, citizen_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
        )
        .bind(token_hash)
        .bind(citizen_id)
        .bind(now)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn touch_session(
        &self,
        token_hash: &str,
        now: Seconds,
        new_expires_at: Seconds,
    ) -> anyhow::Result<Option<i64>> {
        Ok(sqlx::query_scalar(
            "UPDATE sessions SET expires_at = ?
             WHERE token_hash = ? AND revoked = 0 AND expires_at > ?
             RETURNING citizen_id",
        )
        .bind(new_expires_at)
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn revoke_session(&self, token_hash: &str) -> anyhow::Result<()> {
        sqlx::query("UPDATE sessions SET revoked = 1 WHERE token_hash = ?")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn verify_identity(
        &self,
        citizen_id: i64,
        name: &str,
        id_number: &str,
        licence: &NewLicence,
        now: Seconds,
    ) -> anyhow::Result<VerifyOutcome> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let current: Option<String> =
            sqlx::query_scalar("SELECT id_number FROM citizens WHERE id = ?")
                .bind(citizen_id)
                .fetch_one(&mut *tx)
                .await?;
        match current.as_deref() {
            Some(n) if n != id_number => return Ok(VerifyOutcome::AlreadyVerified),
            _ => {}
        }
        let holder: Option<i64> =
            sqlx::query_scalar("SELECT id FROM citizens WHERE id_number = ? AND id <> ?")
                .bind(id_number)
                .bind(citizen_id)
                .fetch_optional(&mut *tx)
                .await?;
        if holder.is_some() {
            return Ok(VerifyOutcome::NumberTaken);
        }
        sqlx::query("UPDATE citizens SET name = ?, id_number = ?, verified_at = ? WHERE id = ?")
            .bind(name)
            .bind(id_number)
            .bind(now)
            .bind(citizen_id)
            .execute(&mut *tx)
            .await?;
        insert_licence(&mut tx, citizen_id, licence, now).await?;
        tx.commit().await?;
        Ok(VerifyOutcome::Verified)
    }

    async fn set_preferences(&self, citizen_id: i64, p: &Preferences) -> anyhow::Result<()> {
        sqlx::query("UPDATE citizens SET elder_mode = ?, language = ? WHERE id = ?")
            .bind(p.elder_mode)
            .bind(&p.language)
            .bind(citizen_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn enterprises(&self, citizen_id: i64) -> anyhow::Result<Vec<Enterprise>> {
        let rows = sqlx::query(
            "SELECT id, name, credit_code, check_character_ok FROM enterprises
             WHERE citizen_id = ? ORDER BY id",
        )
        .bind(citizen_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(enterprise).collect())
    }

    async fn add_enterprise(
        &self,
        citizen_id: i64,
        name: &str,
        credit_code: &str,
        check_character_ok: bool,
        now: Seconds,
    ) -> anyhow::Result<Option<Enterprise>> {
        let row = sqlx::query(
            "INSERT INTO enterprises (citizen_id, name, credit_code, check_character_ok, created_at)
             VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (citizen_id, credit_code) DO NOTHING
             RETURNING id, name, credit_code, check_character_ok",
        )
        .bind(citizen_id)
        .bind(name)
        .bind(credit_code)
        .bind(check_character_ok)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.as_ref().map(enterprise))
    }

    async fn licences(&self, citizen_id: i64) -> anyhow::Result<Vec<Licence>> {
        let rows = sqlx::query(
            "SELECT id, kind, number, holder, issuer, issued_on, valid_until FROM licences
             WHERE citizen_id = ? ORDER BY id",
        )
        .bind(citizen_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| {
                let kind: String = r.get("kind");
                Licence {
                    id: r.get("id"),
                    number_masked: mask_licence_number(&kind, r.get("number")),
                    kind,
                    holder: r.get("holder"),
                    issuer: r.get("issuer"),
                    issued_on: r.get("issued_on"),
                    valid_until: r.get("valid_until"),
                }
            })
            .collect())
    }

    async fn add_licence(
        &self,
        citizen_id: i64,
        licence: &NewLicence,
        now: Seconds,
    ) -> anyhow::Result<()> {
        let mut tx = self.pool.begin().await?;
        insert_licence(&mut tx, citizen_id, licence, now).await?;
        tx.commit().await?;
        Ok(())
    }
}

async fn insert_licence(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    citizen_id: i64,
    l: &NewLicence,
    now: Seconds,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO licences (citizen_id, kind, number, holder, issuer, issued_on, valid_until, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (citizen_id, kind, number) DO NOTHING",
    )
    .bind(citizen_id)
    .bind(&l.kind)
    .bind(&l.number)
    .bind(&l.holder)
    .bind(&l.issuer)
    .bind(&l.issued_on)
    .bind(&l.valid_until)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn enterprise(r: &sqlx::sqlite::SqliteRow) -> Enterprise {
    Enterprise {
        id: r.get("id"),
        name: r.get("name"),
        credit_code: r.get("credit_code"),
        check_character_ok: r.get("check_character_ok"),
    }
}

/// Compares two hashes without an early exit that would leak, by timing, how much matched.
fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}
