-- Citizens' accounts (统一身份认证): SMS login codes, sessions, real-name identity,
-- enterprises they represent and their e-licences. Times are Unix seconds.

CREATE TABLE citizens (
    id          INTEGER PRIMARY KEY,
    phone       TEXT NOT NULL UNIQUE,
    name        TEXT,
    -- One identity number binds to one account.
    id_number   TEXT UNIQUE,
    verified_at INTEGER,
    elder_mode  INTEGER NOT NULL DEFAULT 0,
    language    TEXT NOT NULL DEFAULT 'zh-CN',
    created_at  INTEGER NOT NULL
);

-- Codes are stored as an HMAC of phone and code, never in clear.
CREATE TABLE sms_codes (
    id          INTEGER PRIMARY KEY,
    phone       TEXT NOT NULL,
    client_addr TEXT NOT NULL,
    code_hash   TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    used        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sms_codes_by_phone ON sms_codes (phone, created_at);
CREATE INDEX sms_codes_by_address ON sms_codes (client_addr, created_at);

-- The cookie holds a random token; only its SHA-256 is stored.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    citizen_id INTEGER NOT NULL REFERENCES citizens (id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_by_citizen ON sessions (citizen_id);

CREATE TABLE enterprises (
    id                 INTEGER PRIMARY KEY,
    citizen_id         INTEGER NOT NULL REFERENCES citizens (id),
    name               TEXT NOT NULL,
    credit_code        TEXT NOT NULL,
    check_character_ok INTEGER NOT NULL,
    created_at         INTEGER NOT NULL,
    UNIQUE (citizen_id, credit_code)
);

CREATE TABLE licences (
    id          INTEGER PRIMARY KEY,
    citizen_id  INTEGER NOT NULL REFERENCES citizens (id),
    kind        TEXT NOT NULL,
    number      TEXT NOT NULL,
    holder      TEXT NOT NULL,
    issuer      TEXT NOT NULL,
    issued_on   TEXT NOT NULL,
    valid_until TEXT,
    created_at  INTEGER NOT NULL,
    UNIQUE (citizen_id, kind, number)
);
