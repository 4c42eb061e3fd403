-- AccountGrains event store (SQLite), version 1. Times are microseconds since 0001-01-01 UTC
-- (DateTimeOffset ticks / 10), the same precision PostgreSQL keeps.

CREATE TABLE streams (
    account_id TEXT PRIMARY KEY,
    version INTEGER NOT NULL
) WITHOUT ROWID;

-- position is the rowid; AUTOINCREMENT never reuses one, and a single writer makes it commit order.
CREATE TABLE events (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    at_us INTEGER NOT NULL,
    actor TEXT NOT NULL,
    reason TEXT NULL,
    data BLOB NOT NULL,
    UNIQUE (account_id, seq)
);

CREATE TABLE idempotency_keys (
    account_id TEXT NOT NULL,
    key TEXT NOT NULL,
    first_seq INTEGER NOT NULL,
    last_seq INTEGER NOT NULL,
    PRIMARY KEY (account_id, key)
) WITHOUT ROWID;

CREATE TABLE snapshots (
    account_id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    data BLOB NOT NULL
) WITHOUT ROWID;
