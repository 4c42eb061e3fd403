-- The reporting projection (AccountGrains.Streaming/Reporting), version 3. Each partition of the log has one
-- consumer; it owns its rows (partition in every key) and its checkpoint, and moves both in one transaction.
-- Rebuilding from position zero deletes every row here; the events table is never touched.

CREATE TABLE __schema__.report_checkpoints (
    partition integer PRIMARY KEY,
    position bigint NOT NULL
);

-- Counters: metric (lock_placed, recovery_started, actor_action…), key (reason, channel, actor), detail
-- (automatic/manual, an action, or empty), per UTC day.
CREATE TABLE __schema__.report_counts (
    partition integer NOT NULL,
    day date NOT NULL,
    metric text NOT NULL,
    key text NOT NULL,
    detail text NOT NULL,
    count bigint NOT NULL,
    PRIMARY KEY (partition, day, metric, key, detail)
);
CREATE INDEX report_counts_day ON __schema__.report_counts (day);

-- Intervals still open (a COMPROMISED lock not yet recovered, a recovery attempt not yet ended), with the
-- label their sample will carry (the lock reason, the attempt's channel).
CREATE TABLE __schema__.report_open_intervals (
    partition integer NOT NULL,
    metric text NOT NULL,
    account_id text NOT NULL,
    id text NOT NULL,
    label text NOT NULL,
    started_at timestamptz NOT NULL,
    PRIMARY KEY (partition, metric, account_id, id)
);

-- Closed intervals: one sample each, with how it ended (recovered, completed, burned…), filed under the day it ended.
CREATE TABLE __schema__.report_samples (
    partition integer NOT NULL,
    metric text NOT NULL,
    account_id text NOT NULL,
    id text NOT NULL,
    label text NOT NULL,
    outcome text NOT NULL,
    day date NOT NULL,
    micros bigint NOT NULL,
    PRIMARY KEY (partition, metric, account_id, id)
);
CREATE INDEX report_samples_day ON __schema__.report_samples (day);
