-- 预约办理. Slots are not stored in advance (they follow from the hall's hours and the
-- calendar); only how many places of each are taken. The capacity check is one conditional
-- UPSERT on slot_counts inside the booking transaction, so no slot is ever overbooked.

CREATE TABLE slot_counts (
    slot_id TEXT PRIMARY KEY,
    booked  INTEGER NOT NULL CHECK (booked >= 0)
);

CREATE TABLE appointments (
    id              INTEGER PRIMARY KEY,
    citizen_id      INTEGER NOT NULL REFERENCES citizens (id),
    slot_id         TEXT NOT NULL,
    hall_id         TEXT NOT NULL,
    category        TEXT NOT NULL,
    date            TEXT NOT NULL,   -- YYYY-MM-DD, China time
    starts_at       INTEGER NOT NULL, -- Unix seconds
    ends_at         INTEGER NOT NULL,
    matter_code     TEXT,
    checkin_code    TEXT NOT NULL UNIQUE,
    -- booked | checked_in | cancelled; a booked one past its end is a no-show.
    status          TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash    TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    UNIQUE (citizen_id, idempotency_key)
);
CREATE INDEX appointments_by_citizen ON appointments (citizen_id, starts_at);
