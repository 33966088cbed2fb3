-- 一事联办: uploads, drafts, and combined cases with one sub-case per matter.

-- The bytes live outside the database, under their SHA-256 in the upload directory; a row
-- says who uploaded them (only that citizen may use them) and what they are.
CREATE TABLE uploads (
    id           TEXT PRIMARY KEY,  -- random and unguessable
    citizen_id   INTEGER NOT NULL REFERENCES citizens (id),
    sha256       TEXT NOT NULL,
    content_type TEXT NOT NULL,     -- read from the content, never from the name
    size         INTEGER NOT NULL,
    name         TEXT NOT NULL,     -- the file name the citizen chose, for display
    created_at   INTEGER NOT NULL
);
CREATE INDEX uploads_by_citizen ON uploads (citizen_id);

-- One unfinished application per citizen and theme.
CREATE TABLE drafts (
    citizen_id INTEGER NOT NULL REFERENCES citizens (id),
    theme_id   TEXT NOT NULL,
    step       TEXT NOT NULL,
    content    TEXT NOT NULL,        -- JSON of the ApplicationRequest so far
    saved_at   INTEGER NOT NULL,     -- ms since 1970, as the citizen's device saved it
    PRIMARY KEY (citizen_id, theme_id)
);

CREATE TABLE applications (
    id              INTEGER PRIMARY KEY,
    number          TEXT NOT NULL UNIQUE,  -- 办件编号
    query_code      TEXT NOT NULL,         -- 查询码
    citizen_id      INTEGER NOT NULL REFERENCES citizens (id),
    theme_id        TEXT NOT NULL,
    status          TEXT NOT NULL,
    content         TEXT NOT NULL,         -- JSON of the checked request, account values included
    delivery        TEXT NOT NULL,         -- how results reach the citizen, as shown
    deferred        TEXT NOT NULL,         -- JSON array of the materials deferred (容缺)
    idempotency_key TEXT NOT NULL,
    request_hash    TEXT NOT NULL,
    submitted_at    INTEGER NOT NULL,
    UNIQUE (citizen_id, idempotency_key)
);
CREATE INDEX applications_by_citizen ON applications (citizen_id, submitted_at);

CREATE TABLE sub_cases (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    number         TEXT NOT NULL UNIQUE,
    matter_code    TEXT NOT NULL,
    department     TEXT NOT NULL,          -- department code
    status         TEXT NOT NULL,
    promised_date  TEXT NOT NULL           -- YYYY-MM-DD
);
CREATE INDEX sub_cases_by_application ON sub_cases (application_id);
