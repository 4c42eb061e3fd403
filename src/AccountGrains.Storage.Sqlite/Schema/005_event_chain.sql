-- Version 5: the tamper-evident history (docs/decisions/0014-tamper-evident-history.md). Each event's hash is its
-- link in the account's chain, computed by the store before the commit; events written before this script keep
-- a NULL hash. event_chain records the last position written before hashing began: a NULL hash above it is tampering.
ALTER TABLE events ADD COLUMN hash BLOB NULL;

CREATE TABLE event_chain (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    hashed_after_position INTEGER NOT NULL
);
INSERT INTO event_chain (id, hashed_after_position) SELECT 1, coalesce(max(position), 0) FROM events;
