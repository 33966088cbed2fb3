//! What the store keeps of cases that move: events appended under the lifecycle's decision,
//! the clerk's work list, clerks and their sessions, the public lookup's failures, messages
//! and the SMS outbox.

use super::{ApplicationRecord, Seconds, SubCaseRecord};
use async_trait::async_trait;
use lianban_core::cases::{Event, Refusal, SubCaseStatus};

/// What the lifecycle decided for one action, given the case as stored right now.
#[derive(Debug, Clone)]
pub struct Decided {
    pub event: Event,
    pub status: SubCaseStatus,
    /// YYYY-MM-DD once the clock runs.
    pub due_date: Option<String>,
    /// The message left for the citizen, and the SMS if this step sends one.
    pub message: Option<(String, String)>,
    pub sms: Option<String>,
    /// 补正: what was supplied for each item, stored with the event.
    pub supplement: Vec<SuppliedItem>,
    /// The case's content with corrected form values, replacing the stored one.
    pub content: Option<String>,
}

/// One file or value supplied for a requested item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuppliedItem {
    pub index: usize,
    pub name: String,
    pub upload_id: Option<String>,
    pub value: Option<String>,
}

/// Decides on the stored case and sub-case (inside the store's transaction, so that two
/// clerks cannot both act on the same state). The outer error: the stored history is broken.
pub type Decide<'a> = &'a (dyn Fn(&ApplicationRecord, &SubCaseRecord) -> anyhow::Result<Result<Decided, Refusal>>
         + Send
         + Sync);

#[derive(Debug, Clone)]
pub enum AppendOutcome {
    /// Stored; the case as it is now.
    Appended(ApplicationRecord),
    /// The same idempotency key was already used on this sub-case: nothing new stored.
    Replayed(ApplicationRecord),
    Refused(Refusal),
    NotFound,
}

/// One line of the work list, with what the clerk's list shows of the case.
#[derive(Debug, Clone)]
pub struct WorkRow {
    pub sub_case: SubCaseRecord,
    /// The applicant's account.
    pub applicant: i64,
    pub case_number: String,
    pub submitted_at: Seconds,
    pub applicant_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClerkRecord {
    pub username: String,
    pub name: String,
    pub department: String,
    pub hall_id: String,
    pub password_hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageRecord {
    pub id: i64,
    pub case_number: String,
    pub title: String,
    pub body: String,
    pub created_at: Seconds,
    pub read: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingSms {
    pub id: i64,
    pub phone: String,
    pub text: String,
    pub attempts: i64,
}

/// Failures within a window, for a throttle: how many, and the oldest one's time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Failures {
    pub by_key: u32,
    pub by_address: u32,
    /// The oldest failure by key in the window (when the lock ends, counted from it).
    pub oldest_by_key: Option<Seconds>,
}

#[async_trait]
pub trait CaseStore: Send + Sync + 'static {
    /// The case a number names, whoever it belongs to (the public lookup and clerks check
    /// access themselves), with the applicant's account id.
    async fn case_by_number(
        &self,
        number: &str,
    ) -> anyhow::Result<Option<(i64, ApplicationRecord)>>;
    /// The case that holds the sub-case `number`.
    async fn case_of_sub_case(
        &self,
        sub_case_number: &str,
    ) -> anyhow::Result<Option<(i64, ApplicationRecord)>>;
    /// The citizen's cases, newest first, one page, and how many there are in all.
    async fn applications_page(
        &self,
        citizen_id: i64,
        offset: u64,
        limit: u32,
    ) -> anyhow::Result<(Vec<ApplicationRecord>, u64)>;
    /// Appends the event `decide` returns, with the sub-case's new status and due date, the
    /// combined case's status, the message and the SMS, in one transaction. The same `key`
    /// on the same sub-case stores nothing a second time.
    async fn append_event(
        &self,
        sub_case_number: &str,
        key: &str,
        now: Seconds,
        decide: Decide<'_>,
    ) -> anyhow::Result<AppendOutcome>;
    /// A department's sub-cases in `statuses` (all when empty), due date first.
    async fn work_list(
        &self,
        department: &str,
        statuses: &[&'static str],
        offset: u64,
        limit: u32,
    ) -> anyhow::Result<(Vec<WorkRow>, u64)>;
    /// What the latest 补正 of the sub-case supplied.
    async fn latest_supplement(&self, sub_case_number: &str) -> anyhow::Result<Vec<SuppliedItem>>;
    /// An upload that the case `case_number` uses.
    async fn case_upload(
        &self,
        case_number: &str,
        upload_id: &str,
    ) -> anyhow::Result<Option<super::UploadRecord>>;

    /// Replaces the clerk accounts with these (those gone are deactivated, their sessions end).
    async fn sync_clerks(&self, clerks: &[ClerkRecord]) -> anyhow::Result<()>;
    async fn clerk(&self, username: &str) -> anyhow::Result<Option<ClerkRecord>>;
    async fn clerk_failures(
        &self,
        username: &str,
        client_addr: &str,
        since: Seconds,
    ) -> anyhow::Result<Failures>;
    async fn record_clerk_failure(
        &self,
        username: &str,
        client_addr: &str,
        now: Seconds,
    ) -> anyhow::Result<()>;
    async fn create_clerk_session(
        &self,
        token_hash: &str,
        username: &str,
        now: Seconds,
        expires_at: Seconds,
    ) -> anyhow::Result<()>;
    /// The clerk of a live session, its expiry moved to `expires_at`.
    async fn touch_clerk_session(
        &self,
        token_hash: &str,
        now: Seconds,
        expires_at: Seconds,
    ) -> anyhow::Result<Option<ClerkRecord>>;
    async fn revoke_clerk_session(&self, token_hash: &str) -> anyhow::Result<()>;

    async fn track_failures(
        &self,
        case_number: &str,
        client_addr: &str,
        since: Seconds,
    ) -> anyhow::Result<Failures>;
    async fn record_track_failure(
        &self,
        case_number: &str,
        client_addr: &str,
        now: Seconds,
    ) -> anyhow::Result<()>;

    async fn messages(
        &self,
        citizen_id: i64,
        offset: u64,
        limit: u32,
    ) -> anyhow::Result<(Vec<MessageRecord>, u64)>;
    async fn unread_messages(&self, citizen_id: i64) -> anyhow::Result<u64>;
    /// Marks one of the citizen's messages read; false when there is no such message of theirs.
    async fn mark_message_read(
        &self,
        citizen_id: i64,
        id: i64,
        now: Seconds,
    ) -> anyhow::Result<bool>;
    async fn mark_all_messages_read(&self, citizen_id: i64, now: Seconds) -> anyhow::Result<()>;

    /// Stores the sub-case's rating (replacing the applicant's earlier one, keeping when it
    /// was first given); with `follow_up_due`, opens a follow-up unless one is open already.
    async fn put_rating(&self, rating: &NewRating<'_>) -> anyhow::Result<()>;
    /// The department's answer to a follow-up, with a message to the applicant; false when
    /// there is no follow-up or it was answered already.
    async fn reply_follow_up(
        &self,
        sub_case_number: &str,
        reply: &str,
        clerk: &str,
        now: Seconds,
        message: (&str, &str),
    ) -> anyhow::Result<bool>;
    /// 回访: the applicant's word on the reply; false when there is no reply yet.
    async fn visit_follow_up(
        &self,
        sub_case_number: &str,
        resolved: bool,
        now: Seconds,
    ) -> anyhow::Result<bool>;
    /// The department's follow-ups not answered yet, the earliest due first.
    async fn open_follow_ups(&self, department: &str) -> anyhow::Result<Vec<OpenFollowUp>>;

    /// Every sub-case of the cases submitted since `since`, with events and rating (办事公开),
    /// and its applicant's account id.
    async fn sub_cases_since(&self, since: Seconds) -> anyhow::Result<Vec<(i64, SubCaseRecord)>>;

    /// SMS not sent yet, oldest first.
    async fn pending_sms(&self, limit: u32) -> anyhow::Result<Vec<PendingSms>>;
    async fn sms_sent(&self, id: i64, now: Seconds) -> anyhow::Result<()>;
    async fn sms_failed(&self, id: i64, error: &str) -> anyhow::Result<()>;
}

#[derive(Debug, Clone)]
pub struct NewRating<'a> {
    pub sub_case_number: &'a str,
    pub level: &'a str,
    pub tags: &'a [String],
    pub comment: &'a str,
    pub now: Seconds,
    pub follow_up_due: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenFollowUp {
    pub sub_case_number: String,
    pub case_number: String,
    pub matter_code: String,
    pub level: String,
    pub comment: String,
    pub due_date: String,
}
