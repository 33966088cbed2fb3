-- Cases that move (issue 11): each sub-case's append-only events, its status as one of the
-- lifecycle's texts (checked), clerks and their sessions, the public lookup's failed codes,
-- the citizen's messages and the SMS outbox.

-- Sub-cases again, with the status checked against `SubCaseStatus::ALL` and the due date
-- kept for the work list's order. Nothing refers to sub_cases yet, so it is rebuilt.
CREATE TABLE sub_cases_checked (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    number         TEXT NOT NULL UNIQUE,
    matter_code    TEXT NOT NULL,
    department     TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('submitted', 'accepted', 'refused',
                       'under_review', 'supplement_requested', 'supplement_provided',
                       'approved', 'not_approved', 'delivered', 'withdrawn')),
    promised_date  TEXT NOT NULL,         -- YYYY-MM-DD, as promised at submission
    due_date       TEXT,                  -- YYYY-MM-DD once the clock runs
    -- The work list's order as one key: the due date (none yet: last), then the submission
    -- time, so that a page is read off an index instead of sorting the department's cases.
    queue_key      TEXT NOT NULL,
    updated_at     INTEGER NOT NULL
);
INSERT INTO sub_cases_checked (id, application_id, number, matter_code, department, status,
                               promised_date, due_date, queue_key, updated_at)
SELECT s.id, s.application_id, s.number, s.matter_code, s.department,
       CASE s.status WHEN 'concluded' THEN 'approved'
                     WHEN 'accepted' THEN 'accepted'
                     WHEN 'refused' THEN 'refused'
                     WHEN 'under_review' THEN 'under_review'
                     WHEN 'supplement_requested' THEN 'supplement_requested'
                     WHEN 'delivered' THEN 'delivered'
                     ELSE 'submitted' END,
       s.promised_date, NULL, printf('9999-12-31 %012d', a.submitted_at), a.submitted_at
FROM sub_cases s JOIN applications a ON a.id = s.application_id;
DROP TABLE sub_cases;
ALTER TABLE sub_cases_checked RENAME TO sub_cases;
CREATE INDEX sub_cases_by_application ON sub_cases (application_id);
CREATE INDEX sub_cases_queue ON sub_cases (department, queue_key, id);
CREATE INDEX sub_cases_queue_by_status ON sub_cases (department, status, queue_key, id);

-- The combined case's status is derived (`cases::summarize`) and cached here.
UPDATE applications SET status = CASE status
    WHEN 'supplement_requested' THEN 'awaiting_citizen'
    WHEN 'refused' THEN 'closed'
    WHEN 'concluded' THEN 'concluded'
    WHEN 'delivered' THEN 'concluded'
    ELSE 'in_progress' END;

-- A sub-case's timeline: every change, never updated or deleted.
CREATE TABLE case_events (
    id              INTEGER PRIMARY KEY,
    sub_case_id     INTEGER NOT NULL REFERENCES sub_cases (id),
    seq             INTEGER NOT NULL,     -- 1, 2, … per sub-case: two writers cannot both append
    at              INTEGER NOT NULL,
    actor_role      TEXT NOT NULL CHECK (actor_role IN ('citizen', 'clerk', 'system')),
    action          TEXT NOT NULL CHECK (action IN ('accept', 'accept_and_conclude', 'refuse',
                        'start_review', 'request_supplement', 'provide_supplement', 'approve',
                        'not_approve', 'deliver', 'withdraw')),
    body            TEXT NOT NULL,        -- JSON of the `cases::Event`
    idempotency_key TEXT,
    UNIQUE (sub_case_id, seq),
    UNIQUE (sub_case_id, idempotency_key)
);
CREATE TRIGGER case_events_never_change BEFORE UPDATE ON case_events
BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END;
CREATE TRIGGER case_events_never_go BEFORE DELETE ON case_events
BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END;

-- 窗口工作人员, synchronised from data/clerks.toml (and the demo clerks with --dev).
CREATE TABLE clerks (
    username      TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    department    TEXT NOT NULL,
    hall_id       TEXT NOT NULL,
    password_hash TEXT NOT NULL,          -- argon2id, PHC string
    active        INTEGER NOT NULL DEFAULT 1
);

-- A clerk's session: its own table, so that a citizen's token can never be a clerk's.
CREATE TABLE clerk_sessions (
    token_hash TEXT PRIMARY KEY,
    username   TEXT NOT NULL REFERENCES clerks (username),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE clerk_login_failures (
    username    TEXT NOT NULL,
    client_addr TEXT NOT NULL,
    at          INTEGER NOT NULL
);
CREATE INDEX clerk_login_failures_by_username ON clerk_login_failures (username, at);
CREATE INDEX clerk_login_failures_by_address ON clerk_login_failures (client_addr, at);

-- 办件查询's wrong codes, counted per case number and per address.
CREATE TABLE track_failures (
    case_number TEXT NOT NULL,
    client_addr TEXT NOT NULL,
    at          INTEGER NOT NULL
);
CREATE INDEX track_failures_by_number ON track_failures (case_number, at);
CREATE INDEX track_failures_by_address ON track_failures (client_addr, at);

-- 消息中心.
CREATE TABLE messages (
    id          INTEGER PRIMARY KEY,
    citizen_id  INTEGER NOT NULL REFERENCES citizens (id),
    case_number TEXT NOT NULL,
    event_id    INTEGER REFERENCES case_events (id),  -- none for a follow-up's reply
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    read_at     INTEGER
);
CREATE INDEX messages_by_citizen ON messages (citizen_id, id);

-- SMS about a case, sent after the change is stored and retried until sent.
CREATE TABLE sms_outbox (
    id         INTEGER PRIMARY KEY,
    phone      TEXT NOT NULL,
    text       TEXT NOT NULL,
    event_id   INTEGER NOT NULL REFERENCES case_events (id),
    created_at INTEGER NOT NULL,
    sent_at    INTEGER,
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE INDEX sms_outbox_unsent ON sms_outbox (sent_at, id);

-- 补正: what the citizen supplied for each requested item, with the event that confirmed it.
CREATE TABLE supplement_answers (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES case_events (id),
    item_index INTEGER NOT NULL,
    item_name  TEXT NOT NULL,
    upload_id  TEXT,                      -- one row per file
    value      TEXT                       -- a corrected form value
);
CREATE INDEX supplement_answers_by_event ON supplement_answers (event_id);

-- 好差评: one rating per sub-case (一事一评), changed in place within 7 days of the first.
CREATE TABLE ratings (
    sub_case_id    INTEGER PRIMARY KEY REFERENCES sub_cases (id),
    level          TEXT NOT NULL CHECK (level IN ('very_satisfied', 'satisfied',
                       'basically_satisfied', 'dissatisfied', 'very_dissatisfied')),
    tags           TEXT NOT NULL,         -- JSON array
    comment        TEXT NOT NULL,
    first_rated_at INTEGER NOT NULL,
    rated_at       INTEGER NOT NULL
);

-- 整改: a poor rating's follow-up, which the department answers and the citizen judges (回访).
CREATE TABLE follow_ups (
    sub_case_id INTEGER PRIMARY KEY REFERENCES sub_cases (id),
    opened_at   INTEGER NOT NULL,
    due_date    TEXT NOT NULL,            -- YYYY-MM-DD, in working days from the rating
    reply       TEXT,
    replied_at  INTEGER,
    replied_by  TEXT,                     -- the clerk's username, for the audit trail only
    resolved    INTEGER,                  -- 回访: 1 resolved, 0 not, NULL not said yet
    visited_at  INTEGER
);
CREATE INDEX follow_ups_by_reply ON follow_ups (replied_at, due_date);
