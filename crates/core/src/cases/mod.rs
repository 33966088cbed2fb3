//! 办件: the life of a submitted case, once, for the server and the SPA alike.
//!
//! - [`number`]: [`CaseNumber`], [`SubCaseNumber`] and [`QueryCode`], the receipt's
//!   identifiers, each with exactly one spelling.
//! - [`lifecycle`]: the states of a sub-case, the actions on it, who may take them, and the
//!   one function [`next`] that decides every transition ([`allowed_actions`] for buttons).
//! - [`event`]: the append-only [`Event`]s a sub-case's timeline is made of, and [`replay`],
//!   which turns them into its current state.
//! - [`clock`]: 限时办结, the promised deadline counted in working days, with
//!   the sentence that explains it ([`deadline`]).
//! - [`summary`]: the combined case's status and the citizen's next step ([`summarize`]).
//! - `labels`: every Chinese word for the states and actions, in one place.
//!
//! How the server uses it: it keeps a sub-case's events (and may cache
//! [`SubCaseStatus::as_str`] in a TEXT column checked against [`SubCaseStatus::ALL`]); to act
//! it replays the events, calls [`next`] with the actor and the [`SubCaseFacts`], and appends
//! the event only if that succeeds; [`Refusal::class`] picks 403, 409 or 422. The SPA calls
//! the same [`allowed_actions`] to show only the buttons that can work, and [`deadline`] for
//! the due date and its explanation.

pub mod clock;
pub mod event;
mod labels;
pub mod lifecycle;
pub mod number;
pub mod rating;
pub mod stats;
pub mod summary;
pub mod supplement;
pub mod view;

pub use clock::{
    deadline, ClockDates, Deadline, Progress, Promise, Suspension, Warning, YELLOW_WORKING_DAYS,
};
pub use event::{china_date, replay, replay_each, Event, ReplayError, ReplayFault};
pub use lifecycle::{
    allowed_actions, next, Action, ActionKind, Actor, Conclusion, DeliveryMethod, Refusal,
    RefusalClass, Role, SubCaseFacts, SubCaseState, SubCaseStatus, SupplementItem, SupplementKind,
    MAX_ITEM_NAME_CHARS, MAX_REASON_CHARS, MAX_RESULT_CHARS, MAX_SUPPLEMENT_ITEMS,
};
pub use number::{
    CaseNumber, CaseNumberError, QueryCode, QueryCodeError, SubCaseNumber, SubCaseNumberError,
    CASE_NUMBER_LEN, MAX_CASE_SEQUENCE, MAX_SUB_CASE_INDEX, QUERY_CODE_ALPHABET, QUERY_CODE_LEN,
};
pub use summary::{summarize, CaseSummary, CombinedStatus, NextStep, NextStepKind, SubCaseBrief};
