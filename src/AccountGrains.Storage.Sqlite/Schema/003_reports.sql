-- The reporting projection (AccountGrains.Streaming/Reporting), version 3: the same tables as PostgreSQL's
-- 003_reports.sql. Days are ISO dates (yyyy-MM-dd text, so they sort); times are microseconds since 0001-01-01 UTC.

CREATE TABLE report_checkpoints (
    partition INTEGER PRIMARY KEY,
    position INTEGER NOT NULL
);

CREATE TABLE report_counts (
    partition INTEGER NOT NULL,
    day TEXT NOT NULL,
    metric TEXT NOT NULL,
    key TEXT NOT NULL,
    detail TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (partition, day, metric, key, detail)
) WITHOUT ROWID;
CREATE INDEX report_counts_day ON report_counts (day);

CREATE TABLE report_open_intervals (
    partition INTEGER NOT NULL,
    metric TEXT NOT NULL,
    account_id TEXT NOT NULL,
    id TEXT NOT NULL,
    label TEXT NOT NULL,
    started_us INTEGER NOT NULL,
    PRIMARY KEY (partition, metric, account_id, id)
) WITHOUT ROWID;

CREATE TABLE report_samples (
    partition INTEGER NOT NULL,
    metric TEXT NOT NULL,
    account_id TEXT NOT NULL,
    id TEXT NOT NULL,
    label TEXT NOT NULL,
    outcome TEXT NOT NULL,
    day TEXT NOT NULL,
    micros INTEGER NOT NULL,
    PRIMARY KEY (partition, metric, account_id, id)
) WITHOUT ROWID;
CREATE INDEX report_samples_day ON report_samples (day);
