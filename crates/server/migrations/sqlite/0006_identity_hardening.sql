-- Hardening of logging in and of enterprises (issue 9). Times are Unix seconds.

-- One row per failed login (a wrong, missing or expired code), so that the throttles per client
-- address and per (number, address) hold whichever replica answers. Rows older than the
-- throttle window are deleted as new ones arrive.
CREATE TABLE login_failures (
    id          INTEGER PRIMARY KEY,
    phone       TEXT NOT NULL,
    client_addr TEXT NOT NULL,
    at          INTEGER NOT NULL
);
CREATE INDEX login_failures_by_address ON login_failures (client_addr, at);
CREATE INDEX login_failures_by_phone_address ON login_failures (phone, client_addr, at);
CREATE INDEX login_failures_by_time ON login_failures (at);

-- Wrong tries at a code from addresses other than the one that asked for it (`attempts`
-- keeps counting every wrong try).
ALTER TABLE sms_codes ADD COLUMN foreign_attempts INTEGER NOT NULL DEFAULT 0;
CREATE INDEX sms_codes_by_phone_address ON sms_codes (phone, client_addr, created_at);

-- The platform's e-licences of business licences (营业执照), as the licence registry holds
-- them: the enterprise and the identity number of its legal representative (法定代表人).
-- Filled by the platform's e-licence feed; in --dev from data/demo/business-licences.toml.
CREATE TABLE business_licences (
    credit_code                    TEXT PRIMARY KEY,
    name                           TEXT NOT NULL,
    legal_representative           TEXT NOT NULL,
    legal_representative_id_number TEXT NOT NULL,
    issuer                         TEXT NOT NULL,
    issued_on                      TEXT NOT NULL
);

-- A representation is unconfirmed (待核验) until the business licence or a clerk confirms it.
-- Representations made before this migration were never checked: they start unconfirmed.
-- confirmed_by: 'licence' or 'clerk' (then confirmed_by_clerk names the clerk).
ALTER TABLE enterprises ADD COLUMN confirmed_at INTEGER;
ALTER TABLE enterprises ADD COLUMN confirmed_by TEXT;
ALTER TABLE enterprises ADD COLUMN confirmed_by_clerk TEXT;
