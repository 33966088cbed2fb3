-- 预约办理, hardened (issue 9).
--
-- 1. A slot id has one spelling. The old parser took `…~09+0`, `…~+900` and `…~+9+0` for
--    `…~0900`, and each spelling got its own counter. '+' was the only other character it
--    let through (and only in the time), so replacing it with '0' gives the canonical id.
--    Counters are then rebuilt from the bookings that hold a place, which also merges the
--    counters of the spellings into one; a slot that was overbooked that way shows as full.
-- 2. A booking past its end is no longer a no-show: only a recorded `no_show` is. The
--    statuses are the four of `RecordedStatus` in lianban-core, and nothing else can be stored.
--
-- SQLite cannot add a CHECK to a table, so both tables are rebuilt; no other table refers to
-- them.

CREATE TABLE appointments_new (
    id              INTEGER PRIMARY KEY,
    citizen_id      INTEGER NOT NULL REFERENCES citizens (id),
    -- hall~category~YYYYMMDD~HHMM, exactly as lianban_core::booking::SlotId writes it.
    slot_id         TEXT NOT NULL
                    CHECK (slot_id GLOB '?*~?*~[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]~[0-9][0-9][0-9][0-9]'),
    hall_id         TEXT NOT NULL,
    category        TEXT NOT NULL,
    date            TEXT NOT NULL,   -- YYYY-MM-DD, China time
    starts_at       INTEGER NOT NULL, -- Unix seconds
    ends_at         INTEGER NOT NULL,
    matter_code     TEXT,
    checkin_code    TEXT NOT NULL UNIQUE,
    -- A booked one past its end is just past: it counts as missed only once recorded so.
    status          TEXT NOT NULL
                    CHECK (status IN ('booked', 'checked_in', 'cancelled', 'no_show')),
    idempotency_key TEXT NOT NULL,
    request_hash    TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    UNIQUE (citizen_id, idempotency_key)
);

INSERT INTO appointments_new (id, citizen_id, slot_id, hall_id, category, date, starts_at,
    ends_at, matter_code, checkin_code, status, idempotency_key, request_hash, created_at)
SELECT id, citizen_id,
       substr(slot_id, 1, length(slot_id) - 4) || replace(substr(slot_id, -4), '+', '0'),
       hall_id, category, date, starts_at, ends_at, matter_code, checkin_code, status,
       idempotency_key, request_hash, created_at
FROM appointments;

DROP TABLE appointments;
ALTER TABLE appointments_new RENAME TO appointments;
CREATE INDEX appointments_by_citizen ON appointments (citizen_id, starts_at);

CREATE TABLE slot_counts_new (
    slot_id TEXT PRIMARY KEY
            CHECK (slot_id GLOB '?*~?*~[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]~[0-9][0-9][0-9][0-9]'),
    booked  INTEGER NOT NULL CHECK (booked >= 0)
);

-- Every booking takes its place until it is cancelled (a reschedule cancels the old one).
INSERT INTO slot_counts_new (slot_id, booked)
SELECT slot_id, COUNT(*) FROM appointments WHERE status <> 'cancelled' GROUP BY slot_id;

DROP TABLE slot_counts;
ALTER TABLE slot_counts_new RENAME TO slot_counts;
