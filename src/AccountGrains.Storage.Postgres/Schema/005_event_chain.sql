-- Version 5: the tamper-evident history (docs/decisions/0014-tamper-evident-history.md). Each event's hash is its
-- link in the account's chain, computed by the store before the commit; events written before this script keep
-- a NULL hash. event_chain records the log head when hashing began: a NULL hash above it is tampering.
ALTER TABLE __schema__.events ADD COLUMN hash bytea NULL;

CREATE TABLE __schema__.event_chain (
    id integer PRIMARY KEY CHECK (id = 1),
    hashed_after_position bigint NOT NULL
);
INSERT INTO __schema__.event_chain (id, hashed_after_position) SELECT 1, position FROM __schema__.log_head WHERE id = 1;
