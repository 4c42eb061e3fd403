-- Orleans reminders (IReminderTable, AccountGrains.Storage.Sqlite/Reminders), version 2, in the event store's
-- file so a single silo has one file to keep. Keyed like Orleans' own tables: service, grain, reminder name.
-- grain_hash is GrainId.GetUniformHashCode() (0 .. 2^32-1): each silo reads the ring range it owns.
-- Times are .NET ticks (100 ns) in UTC, so StartAt and Period come back exactly as written.
-- etag is new on every upsert; a removal names the etag it read and fails if the row moved on since.

CREATE TABLE orleans_reminders (
    service_id TEXT NOT NULL,
    grain_id TEXT NOT NULL,
    reminder_name TEXT NOT NULL,
    grain_hash INTEGER NOT NULL,
    start_at_ticks INTEGER NOT NULL,
    period_ticks INTEGER NOT NULL,
    etag TEXT NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
) WITHOUT ROWID;
CREATE INDEX orleans_reminders_ring ON orleans_reminders (service_id, grain_hash);
