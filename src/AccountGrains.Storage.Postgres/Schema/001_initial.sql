-- AccountGrains event store, version 1. __schema__ is replaced by the configured schema name.

-- One row whose lock every append takes first: it serialises appends' commits, so global
-- positions are handed out in commit order (docs/decisions/0003-global-position-in-commit-order.md).
CREATE TABLE __schema__.log_head (
    id integer PRIMARY KEY CHECK (id = 1),
    position bigint NOT NULL
);
INSERT INTO __schema__.log_head (id, position) VALUES (1, 0);

-- Each account's current version; appends check and bump it conditionally.
CREATE TABLE __schema__.streams (
    account_id text PRIMARY KEY,
    version bigint NOT NULL
);

CREATE TABLE __schema__.events (
    account_id text NOT NULL,
    seq bigint NOT NULL,
    position bigint NOT NULL,
    type text NOT NULL,
    at timestamptz NOT NULL,
    actor text NOT NULL,
    reason text NULL,
    data bytea NOT NULL,
    PRIMARY KEY (account_id, seq),
    CONSTRAINT events_position_key UNIQUE (position)
);

CREATE TABLE __schema__.idempotency_keys (
    account_id text NOT NULL,
    key text NOT NULL,
    first_seq bigint NOT NULL,
    last_seq bigint NOT NULL,
    PRIMARY KEY (account_id, key)
);

CREATE TABLE __schema__.snapshots (
    account_id text PRIMARY KEY,
    version bigint NOT NULL,
    data bytea NOT NULL
);
