//! The storage seam: handlers talk to a [`Store`], never to a database driver, so that a
//! PostgreSQL backend can be added beside the SQLite one without touching them.

mod cases;
mod sqlite;

pub use cases::*;

pub use sqlite::SqliteStore;

use async_trait::async_trait;
use lianban_core::account::{Enterprise, Licence, Preferences};
use lianban_core::apply::{QuotaRefusal, UploadQuota};
use lianban_core::appointments::RecordedStatus;
use lianban_core::booking::SlotId;
use lianban_core::catalogue::Catalogue;

/// Everything the server keeps; one implementation per database backend.
#[async_trait]
pub trait Store:
    CatalogueStore + IdentityStore + AppointmentStore + ApplicationStore + CaseStore
{
    /// Answers when the database is reachable.
    async fn ping(&self) -> anyhow::Result<()>;
}

/// The catalogue is kept in the database so that records referring to an entry keep their
/// meaning; the API reads it from memory (`catalogue::PublishedCatalogue`), built by each
/// replica from the same read-only `data/`.
#[async_trait]
pub trait CatalogueStore: Send + Sync + 'static {
    /// Makes the stored catalogue equal to `catalogue` (entries no longer in it are retired,
    /// not deleted, so that records referring to them keep their meaning).
    async fn sync_catalogue(&self, catalogue: &Catalogue) -> anyhow::Result<()>;
}

/// Text that a search term is matched against, besides the name and the keywords.
pub(crate) fn other_search_text(parts: &[&str]) -> String {
    parts.join("\n")
}

/// Times are Unix seconds throughout the identity records.
pub type Seconds = i64;

/// A code about to be sent, with the limits that decide whether it may be.
#[derive(Debug, Clone)]
pub struct SmsCodeIssue<'a> {
    pub phone: &'a str,
    pub client_addr: &'a str,
    pub code_hash: &'a str,
    pub now: Seconds,
    pub expires_at: Seconds,
    /// Start of the current day (China time): daily caps count from here.
    pub day_start: Seconds,
    pub resend_seconds: Seconds,
    pub per_phone_per_day: u32,
    pub per_address_per_day: u32,
    /// Codes one number may receive per day when asked for from this address: below
    /// `per_phone_per_day`, so that one address cannot spend the number's day.
    pub per_phone_per_address_per_day: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmsIssueOutcome {
    Issued,
    TooSoon {
        retry_after: Seconds,
    },
    PhoneDailyLimit,
    AddressDailyLimit,
    /// This address has asked for this number's codes too often today.
    PhoneAddressDailyLimit,
}

/// A login attempt: a code typed for a number, from a client address.
#[derive(Debug, Clone)]
pub struct LoginAttempt<'a> {
    pub phone: &'a str,
    pub client_addr: &'a str,
    pub code_hash: &'a str,
    pub now: Seconds,
    /// Failed attempts count for this long.
    pub window: Seconds,
    /// Failed attempts one address may make within `window`, over all numbers.
    pub per_address: u32,
    /// Failed attempts one address may make for one number within `window`.
    pub per_phone_and_address: u32,
    /// Wrong tries at one code from addresses other than the one that asked for it.
    pub foreign_per_code: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeCheck {
    Accepted,
    /// No code was sent to this number, or the last one is used up.
    NoCode,
    Expired,
    Wrong {
        remaining: i64,
    },
    /// Too many wrong tries at this code from other addresses: a new code is needed here.
    Exhausted,
    /// Too many failed logins from this address, whatever the number: nothing was checked.
    AddressThrottled {
        retry_after: Seconds,
    },
    /// Too many failed logins for this number from this address: nothing was checked.
    PhoneAddressThrottled {
        retry_after: Seconds,
    },
}

/// A citizen's account as stored (the identity number in full: mask it before showing).
#[derive(Debug, Clone)]
pub struct CitizenRecord {
    pub id: i64,
    pub phone: String,
    pub name: Option<String>,
    pub id_number: Option<String>,
    pub preferences: Preferences,
    pub enterprise_count: u32,
    pub licence_count: u32,
}

/// A licence about to be stored.
#[derive(Debug, Clone)]
pub struct NewLicence {
    pub kind: String,
    pub number: String,
    pub holder: String,
    pub issuer: String,
    pub issued_on: String,
    pub valid_until: Option<String>,
}

/// The platform's e-licence of a business licence (营业执照): who its legal representative is.
#[derive(Debug, Clone)]
pub struct BusinessLicence {
    pub credit_code: String,
    pub name: String,
    pub legal_representative: String,
    pub legal_representative_id_number: String,
    pub issuer: String,
    pub issued_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerifyOutcome {
    Verified,
    /// The identity number is bound to another account.
    NumberTaken,
    /// This account is already verified with another identity.
    AlreadyVerified,
}

#[async_trait]
pub trait IdentityStore: Send + Sync + 'static {
    /// Records a code if the limits allow, atomically with the checks.
    async fn issue_sms_code(&self, issue: &SmsCodeIssue<'_>) -> anyhow::Result<SmsIssueOutcome>;
    /// Checks the code against the latest one for the number, unless the address is throttled;
    /// counts a failure against the address, and a wrong try against the code.
    async fn check_sms_code(&self, attempt: &LoginAttempt<'_>) -> anyhow::Result<CodeCheck>;
    /// The account of this phone number, created at first login.
    async fn citizen_for_phone(&self, phone: &str, now: Seconds) -> anyhow::Result<i64>;
    async fn citizen(&self, id: i64) -> anyhow::Result<Option<CitizenRecord>>;
    async fn create_session(
        &self,
        token_hash: &str,
        citizen_id: i64,
        now: Seconds,
        expires_at: Seconds,
    ) -> anyhow::Result<()>;
    /// The citizen of a live session, extending it to `new_expires_at` (sliding expiry). An
    /// expiry already within a minute of it may be left as it is (a write saved per request).
    async fn touch_session(
        &self,
        token_hash: &str,
        now: Seconds,
        new_expires_at: Seconds,
    ) -> anyhow::Result<Option<i64>>;
    async fn revoke_session(&self, token_hash: &str) -> anyhow::Result<()>;
    /// Binds a verified identity to the account and issues its 居民身份证 e-licence.
    async fn verify_identity(
        &self,
        citizen_id: i64,
        name: &str,
        id_number: &str,
        licence: &NewLicence,
        now: Seconds,
    ) -> anyhow::Result<VerifyOutcome>;
    async fn set_preferences(
        &self,
        citizen_id: i64,
        preferences: &Preferences,
    ) -> anyhow::Result<()>;
    async fn enterprises(&self, citizen_id: i64) -> anyhow::Result<Vec<Enterprise>>;
    /// Records the representation, confirmed at once when the business licence names the
    /// citizen's identity number as legal representative, else unconfirmed. `None` when the
    /// citizen already registered this credit code (that registration is then confirmed if the
    /// licence now names them).
    async fn add_enterprise(
        &self,
        citizen_id: i64,
        name: &str,
        credit_code: &str,
        check_character_ok: bool,
        now: Seconds,
    ) -> anyhow::Result<Option<Enterprise>>;
    /// A clerk confirms a representation after seeing the business licence (the clerk
    /// workbench calls this). `None` when there is no such representation.
    async fn confirm_enterprise(
        &self,
        enterprise_id: i64,
        clerk: &str,
        now: Seconds,
    ) -> anyhow::Result<Option<Enterprise>>;
    /// Adds or replaces the platform's e-licence of a business licence (营业执照).
    async fn put_business_licence(&self, licence: &BusinessLicence) -> anyhow::Result<()>;
    async fn licences(&self, citizen_id: i64) -> anyhow::Result<Vec<Licence>>;
    /// Adds a licence unless the citizen already holds one of that kind and number.
    async fn add_licence(
        &self,
        citizen_id: i64,
        licence: &NewLicence,
        now: Seconds,
    ) -> anyhow::Result<()>;
}

/// An appointment as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppointmentRecord {
    pub id: i64,
    pub slot_id: String,
    pub hall_id: String,
    pub category: String,
    pub date: String,
    pub starts_at: Seconds,
    pub ends_at: Seconds,
    pub matter_code: Option<String>,
    pub checkin_code: String,
    pub status: RecordedStatus,
}

/// Decides, from the citizen's upcoming and missed bookings (China dates), whether they may
/// book (`lianban_core::booking::check_booking`); runs inside the booking transaction.
pub type BookingCheck = std::sync::Arc<
    dyn Fn(&BookingDates) -> Result<(), lianban_core::booking::BookingRefusal> + Send + Sync,
>;

/// A booking about to be made. It owns what it carries: a backend may hand it to the task
/// that commits bookings.
#[derive(Clone)]
pub struct NewAppointment {
    pub citizen_id: i64,
    /// Its canonical text is the key of the slot's counter: one spelling, one counter.
    pub slot: SlotId,
    pub starts_at: Seconds,
    pub ends_at: Seconds,
    pub matter_code: Option<String>,
    pub checkin_code: String,
    pub idempotency_key: String,
    /// Hash of the request body: the same key with another body is refused.
    pub request_hash: String,
    pub capacity: u32,
    pub now: Seconds,
    pub check: BookingCheck,
    /// With a reschedule: the appointment released in the same transaction.
    pub replaces: Option<i64>,
    /// An appointment can be changed until this long before its start.
    pub cancel_before: Seconds,
}

/// A citizen's booking history, as dates.
#[derive(Debug, Clone, Default)]
pub struct BookingDates {
    pub active: Vec<String>,
    /// Recorded no-shows only: a booking merely past its time is not one.
    pub no_shows: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookOutcome {
    Booked(AppointmentRecord),
    /// The same key and body as an earlier request: its appointment, unchanged.
    Replayed(AppointmentRecord),
    KeyReused,
    Full,
    Refused(lianban_core::booking::BookingRefusal),
    /// The appointment to replace is not the citizen's, or no longer changeable.
    NotChangeable,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CancelOutcome {
    Cancelled(AppointmentRecord),
    NotFound,
    NotChangeable,
}

/// What recording an appointment's outcome at the hall did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordOutcome {
    Recorded(AppointmentRecord),
    NotFound,
    /// Not booked (cancelled, checked in or already recorded), or its slot is not over yet.
    NotApplicable,
}

#[async_trait]
pub trait AppointmentStore: Send + Sync + 'static {
    /// Places taken of each of `slots`, keyed by their canonical text.
    async fn slot_counts(&self, slots: &[SlotId]) -> anyhow::Result<Vec<(String, u32)>>;
    /// Books a place, or says why not. An answer is given only once what it says is
    /// committed: a `Booked` appointment survives a crash or a power cut.
    async fn book(&self, new: NewAppointment) -> anyhow::Result<BookOutcome>;
    async fn appointments(&self, citizen_id: i64) -> anyhow::Result<Vec<AppointmentRecord>>;
    /// Cancels if the appointment is the citizen's, booked, and `deadline` (its start minus
    /// the cancel window) is still ahead of `now`.
    async fn cancel_appointment(
        &self,
        citizen_id: i64,
        id: i64,
        now: Seconds,
        cancel_before: Seconds,
    ) -> anyhow::Result<CancelOutcome>;
    /// 爽约: records that the citizen did not come to appointment `id`, once its slot is over
    /// (`ends_at <= now`). Only recorded no-shows count towards a ban on online booking; the
    /// clerks' workbench is to call this (nothing else does), with a check-in beside it.
    async fn record_no_show(&self, id: i64, now: Seconds) -> anyhow::Result<RecordOutcome>;
    /// The appointment a 签到码 names, with its citizen's account id.
    async fn appointment_by_code(
        &self,
        code: &str,
    ) -> anyhow::Result<Option<(i64, AppointmentRecord)>>;
    async fn appointment_by_id(&self, id: i64) -> anyhow::Result<Option<(i64, AppointmentRecord)>>;
    /// 签到: booked → checked in; false when it was not booked any more.
    async fn check_in(&self, id: i64, now: Seconds) -> anyhow::Result<bool>;
    /// A hall's appointments of one day (YYYY-MM-DD) by start, with the citizen's name.
    async fn hall_day(
        &self,
        hall_id: &str,
        date: &str,
    ) -> anyhow::Result<Vec<(AppointmentRecord, Option<String>)>>;
}

/// An upload as stored (its bytes are in the upload directory under `sha256`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadRecord {
    pub id: String,
    pub citizen_id: i64,
    pub sha256: String,
    pub content_type: String,
    pub size: i64,
    pub name: String,
    pub created_at: Seconds,
}

/// A draft as stored; `content` is the JSON of the application so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftRecord {
    pub theme_id: String,
    pub step: String,
    pub content: String,
    /// Milliseconds since 1970 by the server's clock, when it was stored.
    pub saved_at: i64,
    /// Assigned by the store: 1 for a new draft, one more at every save.
    pub version: i64,
}

/// What a sweep of unused uploads removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SweepReport {
    /// Upload records removed.
    pub uploads: u64,
    /// Stored files removed (those whose bytes no remaining upload shares).
    pub files: u64,
}

/// A combined case about to be created, with its sub-cases.
#[derive(Debug, Clone)]
pub struct NewApplication<'a> {
    pub citizen_id: i64,
    pub theme_id: &'a str,
    pub query_code: &'a str,
    pub content: &'a str,
    pub delivery: &'a str,
    pub deferred: &'a [String],
    pub idempotency_key: &'a str,
    pub request_hash: &'a str,
    pub now: Seconds,
    /// The submission day, China time: the case number starts with it, and counts that day's
    /// cases (`CaseNumber::new`).
    pub day: lianban_core::date::SimpleDate,
    pub sub_cases: Vec<NewSubCase>,
    /// The uploads the application names (the citizen's own, checked): the case keeps them.
    pub uploads: &'a [String],
    /// Without it, an open case of the same theme refuses the submit.
    pub new_case_confirmed: bool,
    /// The stored statuses of a case still open (`CombinedStatus::is_open`).
    pub open_statuses: &'a [&'static str],
}

#[derive(Debug, Clone)]
pub struct NewSubCase {
    pub matter_code: String,
    pub department: String,
    pub promised_date: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationRecord {
    pub number: String,
    pub citizen_id: i64,
    /// JSON of the checked `ApplicationRequest` (form answers and materials).
    pub content: String,
    pub query_code: String,
    pub theme_id: String,
    pub status: String,
    pub delivery: String,
    pub deferred: Vec<String>,
    pub submitted_at: Seconds,
    pub sub_cases: Vec<SubCaseRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubCaseRecord {
    pub number: String,
    pub matter_code: String,
    pub department: String,
    pub status: String,
    pub promised_date: String,
    /// Its timeline, oldest first.
    pub events: Vec<lianban_core::cases::Event>,
    /// 好差评, once rated.
    pub rating: Option<RatingRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatingRecord {
    pub level: String,
    pub tags: Vec<String>,
    pub comment: String,
    pub first_rated_at: Seconds,
    pub rated_at: Seconds,
    pub follow_up: Option<FollowUpRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpRecord {
    pub opened_at: Seconds,
    pub due_date: String,
    pub reply: Option<String>,
    pub replied_at: Option<Seconds>,
    pub resolved: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubmitOutcome {
    Created(ApplicationRecord),
    /// The same key and the same request again: the case it created.
    Replayed(ApplicationRecord),
    /// The key was used for a different request.
    KeyReused,
    /// Not confirmed, and the citizen has this open case (its number) of the same theme.
    OpenCaseExists(String),
}

#[async_trait]
pub trait ApplicationStore: Send + Sync + 'static {
    /// Records an upload if the citizen's quota allows it, atomically with the check: what
    /// they stored since `day_start` and what no submitted case uses yet count.
    async fn add_upload(
        &self,
        upload: &UploadRecord,
        day_start: Seconds,
        quota: &UploadQuota,
    ) -> anyhow::Result<Result<(), QuotaRefusal>>;
    /// Forgets an upload record (its bytes could not be stored).
    async fn delete_upload(&self, citizen_id: i64, id: &str) -> anyhow::Result<()>;
    /// Removes the uploads created before `created_before` that no draft or case uses, and
    /// calls `remove_bytes` with each SHA-256 that no remaining upload shares, while no
    /// upload can be recorded (so that bytes are never removed under a new upload of them).
    async fn sweep_uploads(
        &self,
        created_before: Seconds,
        remove_bytes: &(dyn for<'s> Fn(&'s str) + Send + Sync),
    ) -> anyhow::Result<SweepReport>;
    /// Those of `ids` that exist and belong to the citizen.
    async fn owned_uploads(&self, citizen_id: i64, ids: &[String]) -> anyhow::Result<Vec<String>>;
    async fn upload(&self, citizen_id: i64, id: &str) -> anyhow::Result<Option<UploadRecord>>;
    async fn drafts(&self, citizen_id: i64) -> anyhow::Result<Vec<DraftRecord>>;
    async fn draft(&self, citizen_id: i64, theme_id: &str) -> anyhow::Result<Option<DraftRecord>>;
    /// Stores the draft if the stored one is still at `base_version` (or there is none),
    /// with the next version, and records the uploads it names; `None` when another save
    /// came first.
    async fn save_draft(
        &self,
        citizen_id: i64,
        draft: &DraftRecord,
        base_version: i64,
        uploads: &[String],
    ) -> anyhow::Result<Option<DraftRecord>>;
    async fn delete_draft(&self, citizen_id: i64, theme_id: &str) -> anyhow::Result<()>;
    /// Creates the case and its sub-cases in one transaction, and deletes the theme's draft;
    /// the same idempotency key never creates a second case.
    async fn submit_application(&self, new: &NewApplication<'_>) -> anyhow::Result<SubmitOutcome>;
    async fn application(
        &self,
        citizen_id: i64,
        number: &str,
    ) -> anyhow::Result<Option<ApplicationRecord>>;
}
