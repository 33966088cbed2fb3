-- Hardening of logging in (issue 9). Times are Unix seconds.

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
