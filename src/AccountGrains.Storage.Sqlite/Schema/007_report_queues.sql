-- The reporting projection's cross-account queues (version 7): the same table as PostgreSQL's 007_report_queues.sql.
-- Expiry in microseconds since 0001-01-01 UTC, like 003's times.
CREATE TABLE report_queue_items (
    partition INTEGER NOT NULL,
    queue TEXT NOT NULL,
    account_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    expires_us INTEGER,
    payload TEXT NOT NULL,
    PRIMARY KEY (partition, queue, account_id, item_id)
) WITHOUT ROWID;
CREATE INDEX report_queue_items_order ON report_queue_items (queue, position);
