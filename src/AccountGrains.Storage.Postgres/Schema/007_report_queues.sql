-- The reporting projection's cross-account queues (version 7): sampled actions awaiting an audit verdict, open
-- dual-control requests, open appeals. Like 003's tables, each partition's consumer owns its rows and moves them with
-- its checkpoint; a rebuild deletes them. Read in log-position order (the page cursor) across partitions.
CREATE TABLE __schema__.report_queue_items (
    partition integer NOT NULL,
    queue text NOT NULL,
    account_id text NOT NULL,
    item_id text NOT NULL,
    position bigint NOT NULL,
    expires_at timestamptz,
    payload text NOT NULL,
    PRIMARY KEY (partition, queue, account_id, item_id)
);
CREATE INDEX report_queue_items_order ON __schema__.report_queue_items (queue, position);
