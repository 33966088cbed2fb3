//! Who may call each operation of the API: one table, from which the OpenAPI document states
//! the 401/404 answers and the session requirement, and which `tests/access_matrix.rs`
//! checks cell by cell against the running server.

/// Who may call an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, logged in or not.
    Anyone,
    /// Any logged-in citizen, on their own records only (the path names none of someone else's).
    Citizen,
    /// Only the citizen who owns the record the path names; to anyone else it does not exist
    /// (404: a 403 would confirm that it does).
    Owner,
    /// A logged-in clerk (never a citizen's session), on their own department's sub-cases:
    /// another department's is 403.
    Clerk,
}

use Access::*;

/// Every operation under `/api/v1` as (method, OpenAPI path, who may call it).
pub const OPERATIONS: &[(&str, &str, Access)] = &[
    ("GET", "/api/v1/matters", Anyone),
    ("GET", "/api/v1/matters/{code}", Anyone),
    ("GET", "/api/v1/themes", Anyone),
    ("GET", "/api/v1/themes/{id}", Anyone),
    ("GET", "/api/v1/themes/{id}/kit", Anyone),
    ("GET", "/api/v1/departments", Anyone),
    ("GET", "/api/v1/halls", Anyone),
    ("GET", "/api/v1/halls/{id}", Anyone),
    ("GET", "/api/v1/halls/{id}/days", Anyone),
    ("GET", "/api/v1/halls/{id}/slots", Anyone),
    ("POST", "/api/v1/auth/sms-codes", Anyone),
    ("POST", "/api/v1/auth/sessions", Anyone),
    // Who is logged in: `null` for a visitor without a session, never a 401.
    ("GET", "/api/v1/auth/sessions/current", Anyone),
    // Logging out without a session is harmless and answers the same.
    ("DELETE", "/api/v1/auth/sessions/current", Anyone),
    ("GET", "/api/v1/me", Citizen),
    ("PUT", "/api/v1/me/identity", Citizen),
    ("PUT", "/api/v1/me/preferences", Citizen),
    ("GET", "/api/v1/me/enterprises", Citizen),
    ("POST", "/api/v1/me/enterprises", Citizen),
    ("GET", "/api/v1/me/licences", Citizen),
    ("GET", "/api/v1/appointments/standing", Citizen),
    ("GET", "/api/v1/appointments", Citizen),
    ("POST", "/api/v1/appointments", Citizen),
    ("POST", "/api/v1/appointments/{id}/cancel", Owner),
    ("POST", "/api/v1/appointments/{id}/reschedule", Owner),
    ("POST", "/api/v1/uploads", Citizen),
    ("GET", "/api/v1/uploads/{id}", Owner),
    ("GET", "/api/v1/drafts", Citizen),
    // A draft is keyed by the citizen and the theme: the path names the citizen's own.
    ("GET", "/api/v1/drafts/{theme_id}", Citizen),
    ("PUT", "/api/v1/drafts/{theme_id}", Citizen),
    ("DELETE", "/api/v1/drafts/{theme_id}", Citizen),
    ("GET", "/api/v1/applications", Citizen),
    ("POST", "/api/v1/applications", Citizen),
    ("GET", "/api/v1/applications/{number}", Owner),
    (
        "POST",
        "/api/v1/applications/{number}/sub-cases/{sub_number}/actions",
        Owner,
    ),
    (
        "POST",
        "/api/v1/applications/{number}/sub-cases/{sub_number}/supplement",
        Owner,
    ),
    (
        "PUT",
        "/api/v1/applications/{number}/sub-cases/{sub_number}/rating",
        Owner,
    ),
    (
        "POST",
        "/api/v1/applications/{number}/sub-cases/{sub_number}/rating/visit",
        Owner,
    ),
    ("GET", "/api/v1/me/messages", Citizen),
    ("GET", "/api/v1/me/messages/unread", Citizen),
    ("POST", "/api/v1/me/messages/read-all", Citizen),
    ("POST", "/api/v1/me/messages/{id}/read", Owner),
    // The number and its query code are the key: no login, wrong codes counted and locked.
    ("POST", "/api/v1/track", Anyone),
    // 办事公开: figures only, no case of anyone's.
    ("GET", "/api/v1/stats", Anyone),
    ("POST", "/api/v1/clerk/sessions", Anyone),
    ("GET", "/api/v1/clerk/sessions/current", Anyone),
    ("DELETE", "/api/v1/clerk/sessions/current", Anyone),
    ("GET", "/api/v1/clerk/sub-cases", Clerk),
    ("GET", "/api/v1/clerk/follow-ups", Clerk),
    ("POST", "/api/v1/clerk/check-ins", Clerk),
    ("GET", "/api/v1/clerk/appointments", Clerk),
    // Another hall's appointment: 403.
    ("POST", "/api/v1/clerk/appointments/{id}/no-show", Clerk),
    ("POST", "/api/v1/clerk/sub-cases/{number}/follow-up", Clerk),
    ("GET", "/api/v1/clerk/sub-cases/{number}", Clerk),
    ("POST", "/api/v1/clerk/sub-cases/{number}/actions", Clerk),
    ("GET", "/api/v1/clerk/sub-cases/{number}/files/{id}", Clerk),
];

/// Who may call `method path`, if the table lists it.
pub fn access(method: &str, path: &str) -> Option<Access> {
    OPERATIONS
        .iter()
        .find(|(m, p, _)| m.eq_ignore_ascii_case(method) && *p == path)
        .map(|(_, _, a)| *a)
}
