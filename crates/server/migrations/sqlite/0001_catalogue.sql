-- The service catalogue, synchronised from data/ on every start. Each entry keeps the JSON
-- the API answers (built once by lianban-core) beside the columns that searches filter on.
-- Entries removed from data/ are retired (active = 0), never deleted.

CREATE TABLE departments (
    code         TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    position     INTEGER NOT NULL,
    summary_json TEXT NOT NULL,
    active       INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE matters (
    code           TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    department     TEXT NOT NULL REFERENCES departments (code),
    keywords       TEXT NOT NULL, -- one keyword per line
    other_text     TEXT NOT NULL, -- department name, result, summary
    search_text    TEXT NOT NULL, -- name, keywords and other_text, lower-cased
    flag_immediate INTEGER NOT NULL,
    flag_online    INTEGER NOT NULL,
    flag_nearby    INTEGER NOT NULL,
    flag_one_visit INTEGER NOT NULL,
    position       INTEGER NOT NULL,
    summary_json   TEXT NOT NULL,
    detail_json    TEXT NOT NULL,
    active         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX matters_by_department ON matters (department, position);

CREATE TABLE themes (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    keywords     TEXT NOT NULL,
    other_text   TEXT NOT NULL,
    search_text  TEXT NOT NULL,
    position     INTEGER NOT NULL,
    summary_json TEXT NOT NULL,
    detail_json  TEXT NOT NULL,
    active       INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE halls (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    position     INTEGER NOT NULL,
    summary_json TEXT NOT NULL,
    detail_json  TEXT NOT NULL,
    active       INTEGER NOT NULL DEFAULT 1
);
