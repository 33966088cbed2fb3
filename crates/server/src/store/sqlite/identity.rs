//! Accounts, codes and sessions on SQLite.

use super::SqliteStore;
use crate::store::{
    BusinessLicence, CitizenRecord, CodeCheck, IdentityStore, LoginAttempt, NewLicence, Seconds,
    SmsCodeIssue, SmsIssueOutcome, VerifyOutcome,
};
use async_trait::async_trait;
use lianban_core::account::{
    mask_licence_number, Enterprise, Licence, Preferences, Representation,
};
use sqlx::{Row, Sqlite, Transaction};

/// A session is extended only when that moves its expiry by more than this (seconds): the
/// requests of a visit come seconds apart, and each extension is a write (SQLite's one
/// writer, a sync of the WAL) that a rush of bookers would queue behind.
const SESSION_TOUCH_SLACK: Seconds = 60;

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
        let phone_address_today: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sms_codes
             WHERE phone = ? AND client_addr = ? AND created_at >= ?",
        )
        .bind(i.phone)
        .bind(i.client_addr)
        .bind(i.day_start)
        .fetch_one(&mut *tx)
        .await?;
        if phone_address_today >= i64::from(i.per_phone_per_address_per_day) {
            return Ok(SmsIssueOutcome::PhoneAddressDailyLimit);
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

    async fn check_sms_code(&self, a: &LoginAttempt<'_>) -> anyhow::Result<CodeCheck> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        sqlx::query("DELETE FROM login_failures WHERE at <= ?")
            .bind(a.now - a.window)
            .execute(&mut *tx)
            .await?;
        // A throttled address learns nothing about the code, and spends none of its tries.
        if let Some(refusal) = throttled(&mut tx, a).await? {
            return Ok(refusal);
        }
        let row = sqlx::query(
            "SELECT id, client_addr, code_hash, expires_at, foreign_attempts FROM sms_codes
             WHERE phone = ? AND used = 0 ORDER BY created_at DESC, id DESC LIMIT 1",
        )
        .bind(a.phone)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            record_failure(&mut tx, a).await?;
            tx.commit().await?;
            return Ok(CodeCheck::NoCode);
        };
        let id: i64 = row.get("id");
        // The address that asked for the code is the owner's phone in the ordinary case: what
        // others try never voids the code for it.
        let foreign = row.get::<&str, _>("client_addr") != a.client_addr;
        let foreign_attempts: i64 = row.get("foreign_attempts");
        let foreign_max = i64::from(a.foreign_per_code);
        let outcome = if row.get::<i64, _>("expires_at") <= a.now {
            record_failure(&mut tx, a).await?;
            CodeCheck::Expired
        } else if foreign && foreign_attempts >= foreign_max {
            record_failure(&mut tx, a).await?;
            CodeCheck::Exhausted
        } else if constant_time_eq(row.get::<&str, _>("code_hash"), a.code_hash) {
            sqlx::query("UPDATE sms_codes SET used = 1 WHERE id = ?")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            CodeCheck::Accepted
        } else {
            sqlx::query(
                "UPDATE sms_codes SET attempts = attempts + 1,
                   foreign_attempts = foreign_attempts + ? WHERE id = ?",
            )
            .bind(i64::from(foreign))
            .bind(id)
            .execute(&mut *tx)
            .await?;
            record_failure(&mut tx, a).await?;
            if let Some(refusal) = throttled(&mut tx, a).await? {
                refusal
            } else if foreign && foreign_attempts + 1 >= foreign_max {
                CodeCheck::Exhausted
            } else {
                let (address, here) = failures(&mut tx, a).await?;
                let mut remaining = (i64::from(a.per_address) - address)
                    .min(i64::from(a.per_phone_and_address) - here);
                if foreign {
                    remaining = remaining.min(foreign_max - foreign_attempts - 1);
                }
                CodeCheck::Wrong { remaining }
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
        let live = sqlx::query(
            "SELECT citizen_id, expires_at FROM sessions
             WHERE token_hash = ? AND revoked = 0 AND expires_at > ?",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        let Some(live) = live else {
            return Ok(None);
        };
        if live.get::<i64, _>("expires_at") >= new_expires_at - SESSION_TOUCH_SLACK {
            return Ok(Some(live.get("citizen_id")));
        }
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
            "SELECT id, name, credit_code, check_character_ok, confirmed_by FROM enterprises
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
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        // The registered name, when the licence names this citizen as legal representative.
        let licensed_name: Option<String> = sqlx::query_scalar(
            "SELECT b.name FROM business_licences b
             JOIN citizens c ON c.id_number = b.legal_representative_id_number
             WHERE b.credit_code = ? AND c.id = ?",
        )
        .bind(credit_code)
        .bind(citizen_id)
        .fetch_optional(&mut *tx)
        .await?;
        let existing: Option<(i64, Option<i64>)> = sqlx::query_as(
            "SELECT id, confirmed_at FROM enterprises WHERE citizen_id = ? AND credit_code = ?",
        )
        .bind(citizen_id)
        .bind(credit_code)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some((id, confirmed_at)) = existing {
            if let (Some(licensed), None) = (&licensed_name, confirmed_at) {
                sqlx::query(
                    "UPDATE enterprises SET name = ?, confirmed_at = ?, confirmed_by = 'licence'
                     WHERE id = ?",
                )
                .bind(licensed)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            return Ok(None);
        }
        let confirmed = licensed_name.is_some();
        let row = sqlx::query(
            "INSERT INTO enterprises
               (citizen_id, name, credit_code, check_character_ok, created_at,
                confirmed_at, confirmed_by)
             VALUES (?, ?, ?, ?, ?, ?, ?)
             RETURNING id, name, credit_code, check_character_ok, confirmed_by",
        )
        .bind(citizen_id)
        .bind(licensed_name.as_deref().unwrap_or(name))
        .bind(credit_code)
        .bind(check_character_ok)
        .bind(now)
        .bind(confirmed.then_some(now))
        .bind(confirmed.then_some("licence"))
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Some(enterprise(&row)))
    }

    async fn confirm_enterprise(
        &self,
        enterprise_id: i64,
        clerk: &str,
        now: Seconds,
    ) -> anyhow::Result<Option<Enterprise>> {
        // A representation already confirmed keeps how it was confirmed.
        sqlx::query(
            "UPDATE enterprises SET confirmed_at = ?, confirmed_by = 'clerk', confirmed_by_clerk = ?
             WHERE id = ? AND confirmed_at IS NULL",
        )
        .bind(now)
        .bind(clerk)
        .bind(enterprise_id)
        .execute(&self.pool)
        .await?;
        let row = sqlx::query(
            "SELECT id, name, credit_code, check_character_ok, confirmed_by FROM enterprises
             WHERE id = ?",
        )
        .bind(enterprise_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.as_ref().map(enterprise))
    }

    async fn put_business_licence(&self, l: &BusinessLicence) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO business_licences
               (credit_code, name, legal_representative, legal_representative_id_number,
                issuer, issued_on)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (credit_code) DO UPDATE SET
               name = excluded.name,
               legal_representative = excluded.legal_representative,
               legal_representative_id_number = excluded.legal_representative_id_number,
               issuer = excluded.issuer,
               issued_on = excluded.issued_on",
        )
        .bind(&l.credit_code)
        .bind(&l.name)
        .bind(&l.legal_representative)
        .bind(&l.legal_representative_id_number)
        .bind(&l.issuer)
        .bind(&l.issued_on)
        .execute(&self.pool)
        .await?;
        Ok(())
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
        representation: match r.get::<Option<&str>, _>("confirmed_by") {
            Some("licence") => Representation::ConfirmedByLicence,
            Some("clerk") => Representation::ConfirmedByClerk,
            _ => Representation::Unconfirmed,
        },
    }
}

async fn record_failure(
    tx: &mut Transaction<'_, Sqlite>,
    a: &LoginAttempt<'_>,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO login_failures (phone, client_addr, at) VALUES (?, ?, ?)")
        .bind(a.phone)
        .bind(a.client_addr)
        .bind(a.now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Failed logins within the window: from the address, and from it for this number.
async fn failures(
    tx: &mut Transaction<'_, Sqlite>,
    a: &LoginAttempt<'_>,
) -> sqlx::Result<(i64, i64)> {
    sqlx::query_as(
        "SELECT COUNT(*), COALESCE(SUM(phone = ?), 0) FROM login_failures
         WHERE client_addr = ? AND at > ?",
    )
    .bind(a.phone)
    .bind(a.client_addr)
    .bind(a.now - a.window)
    .fetch_one(&mut **tx)
    .await
}

/// The refusal when the address has used up its failed logins, with the wait until the
/// oldest failure that keeps it at the limit leaves the window.
async fn throttled(
    tx: &mut Transaction<'_, Sqlite>,
    a: &LoginAttempt<'_>,
) -> sqlx::Result<Option<CodeCheck>> {
    let since = a.now - a.window;
    let here: Option<i64> = sqlx::query_scalar(
        "SELECT at FROM login_failures WHERE phone = ? AND client_addr = ? AND at > ?
         ORDER BY at DESC LIMIT 1 OFFSET ?",
    )
    .bind(a.phone)
    .bind(a.client_addr)
    .bind(since)
    .bind(i64::from(a.per_phone_and_address.max(1)) - 1)
    .fetch_optional(&mut **tx)
    .await?;
    if let Some(at) = here {
        return Ok(Some(CodeCheck::PhoneAddressThrottled {
            retry_after: (at + a.window - a.now).max(1),
        }));
    }
    let address: Option<i64> = sqlx::query_scalar(
        "SELECT at FROM login_failures WHERE client_addr = ? AND at > ?
         ORDER BY at DESC LIMIT 1 OFFSET ?",
    )
    .bind(a.client_addr)
    .bind(since)
    .bind(i64::from(a.per_address.max(1)) - 1)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(address.map(|at| CodeCheck::AddressThrottled {
        retry_after: (at + a.window - a.now).max(1),
    }))
}

/// Compares two hashes without an early exit that would leak, by timing, how much matched.
fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}
