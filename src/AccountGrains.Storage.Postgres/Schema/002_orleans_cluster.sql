-- AccountGrains cluster, version 2: the tables and stored queries Orleans' ADO.NET clustering and reminder
-- providers (invariant "Npgsql", Orleans 10.4.2) read and write, and the silo leases that fence them
-- (docs/decisions/0007-fencing-on-orleans.md). __schema__ is replaced by the configured schema name.
--
-- Written here from the providers' contract (table OrleansQuery, the query keys, parameter and column names and
-- types), not copied from Orleans' scripts. Orleans runs `SELECT QueryKey, QueryText FROM OrleansQuery`
-- unqualified, so its connection string carries `Search Path=<schema>`; every stored query names its tables with
-- the schema, so nothing else depends on the search path. Idempotent: it can run over an existing Orleans schema.
-- Unquoted identifiers fold to lower case; Npgsql matches the providers' column names case-insensitively.

CREATE TABLE IF NOT EXISTS __schema__.OrleansQuery (
    QueryKey varchar(64) NOT NULL PRIMARY KEY,
    QueryText varchar(8000) NOT NULL
);

-- One row per cluster (DeploymentId = Orleans ClusterId): its version is the membership table's etag.
CREATE TABLE IF NOT EXISTS __schema__.OrleansMembershipVersionTable (
    DeploymentId varchar(150) NOT NULL PRIMARY KEY,
    Timestamp timestamptz(3) NOT NULL DEFAULT now(),
    Version integer NOT NULL DEFAULT 0
);

-- One row per silo process (address, port, generation).
CREATE TABLE IF NOT EXISTS __schema__.OrleansMembershipTable (
    DeploymentId varchar(150) NOT NULL REFERENCES __schema__.OrleansMembershipVersionTable (DeploymentId),
    Address varchar(45) NOT NULL,
    Port integer NOT NULL,
    Generation integer NOT NULL,
    SiloName varchar(150) NOT NULL,
    HostName varchar(150) NOT NULL,
    Status integer NOT NULL,
    ProxyPort integer NULL,
    SuspectTimes varchar(8000) NULL,
    StartTime timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation)
);

CREATE TABLE IF NOT EXISTS __schema__.OrleansRemindersTable (
    ServiceId varchar(150) NOT NULL,
    GrainId varchar(150) NOT NULL,
    ReminderName varchar(150) NOT NULL,
    StartTime timestamptz(3) NOT NULL,
    Period bigint NOT NULL,
    GrainHash integer NOT NULL,
    Version integer NOT NULL,
    PRIMARY KEY (ServiceId, GrainId, ReminderName)
);
CREATE INDEX IF NOT EXISTS OrleansRemindersTable_GrainHash ON __schema__.OrleansRemindersTable (ServiceId, GrainHash);

-- One lease per silo process, keyed like its membership row. Every time is the database's now(); a lease
-- whose expires_at passed, that left, or whose silo the membership table declares dead is never renewed.
CREATE TABLE IF NOT EXISTS __schema__.silo_leases (
    cluster_id varchar(150) NOT NULL,
    address varchar(45) NOT NULL,
    port integer NOT NULL,
    generation integer NOT NULL,
    silo_name varchar(150) NOT NULL,
    acquired_at timestamptz NOT NULL,
    renewed_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    left_at timestamptz NULL,
    PRIMARY KEY (cluster_id, address, port, generation)
);
CREATE INDEX IF NOT EXISTS silo_leases_live ON __schema__.silo_leases (cluster_id, expires_at) WHERE left_at IS NULL;

-- The stored queries. Each query returning "TRUE/FALSE" returns one integer column: rows changed (> 0 is true).
INSERT INTO __schema__.OrleansQuery (QueryKey, QueryText) VALUES

-- Membership -------------------------------------------------------------------------------------------------
('InsertMembershipVersionKey', '
WITH inserted AS (
    INSERT INTO __schema__.OrleansMembershipVersionTable (DeploymentId) VALUES (@DeploymentId)
    ON CONFLICT (DeploymentId) DO NOTHING
    RETURNING 1)
SELECT count(*)::integer FROM inserted;'),

-- Inserts the row only while the table version is still @Version, and bumps it in the same statement. The
-- version row is locked first (FOR UPDATE re-checks the version once a concurrent writer commits), so a
-- writer holding a stale version inserts nothing and gets 0.
('InsertMembershipKey', '
WITH version AS (
    SELECT DeploymentId FROM __schema__.OrleansMembershipVersionTable
    WHERE DeploymentId = @DeploymentId AND Version = @Version
    FOR UPDATE),
inserted AS (
    INSERT INTO __schema__.OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    SELECT DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM version
    ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING
    RETURNING DeploymentId),
bumped AS (
    UPDATE __schema__.OrleansMembershipVersionTable v SET Version = v.Version + 1, Timestamp = now()
    FROM inserted WHERE v.DeploymentId = inserted.DeploymentId
    RETURNING 1)
SELECT count(*)::integer FROM bumped;'),

-- Bumps the version only if it is still @Version and the row exists, then updates the row.
('UpdateMembershipKey', '
WITH bumped AS (
    UPDATE __schema__.OrleansMembershipVersionTable v SET Version = v.Version + 1, Timestamp = now()
    WHERE v.DeploymentId = @DeploymentId AND v.Version = @Version
      AND EXISTS (SELECT 1 FROM __schema__.OrleansMembershipTable m
                  WHERE m.DeploymentId = @DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation)
    RETURNING v.DeploymentId),
updated AS (
    UPDATE __schema__.OrleansMembershipTable m
    SET Status = @Status, SuspectTimes = @SuspectTimes, IAmAliveTime = @IAmAliveTime
    FROM bumped
    WHERE m.DeploymentId = bumped.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
    RETURNING 1)
SELECT count(*)::integer FROM updated;'),

('UpdateIAmAlivetimeKey', '
UPDATE __schema__.OrleansMembershipTable SET IAmAliveTime = @IAmAliveTime
WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation;'),

-- Both reads return the version row even without a matching member (the LEFT JOIN), which is how the
-- provider learns the table version.
('MembershipReadRowKey', '
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM __schema__.OrleansMembershipVersionTable v
LEFT JOIN __schema__.OrleansMembershipTable m
       ON m.DeploymentId = v.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
WHERE v.DeploymentId = @DeploymentId;'),

('MembershipReadAllKey', '
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM __schema__.OrleansMembershipVersionTable v
LEFT JOIN __schema__.OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId;'),

('DeleteMembershipTableEntriesKey', '
DELETE FROM __schema__.OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
DELETE FROM __schema__.OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;'),

('GatewaysQueryKey', '
SELECT Address, ProxyPort, Generation
FROM __schema__.OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;'),

-- Status 3 is Active: a live member is never removed, whatever its IAmAlive says.
('CleanupDefunctSiloEntriesKey', '
DELETE FROM __schema__.OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status <> 3;'),

-- Reminders --------------------------------------------------------------------------------------------------
('UpsertReminderRowKey', '
INSERT INTO __schema__.OrleansRemindersTable AS r (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
SET StartTime = excluded.StartTime, Period = excluded.Period, GrainHash = excluded.GrainHash, Version = r.Version + 1
RETURNING r.Version;'),

('ReadReminderRowsKey', '
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM __schema__.OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainId = @GrainId;'),

('ReadReminderRowKey', '
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM __schema__.OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName;'),

-- The ring range (BeginHash, EndHash]; ReadRangeRows2Key is the range that wraps around.
('ReadRangeRows1Key', '
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM __schema__.OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash;'),

('ReadRangeRows2Key', '
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM __schema__.OrleansRemindersTable
WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);'),

('DeleteReminderRowKey', '
WITH deleted AS (
    DELETE FROM __schema__.OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName AND Version = @Version
    RETURNING 1)
SELECT count(*)::integer FROM deleted;'),

('DeleteReminderRowsKey', '
DELETE FROM __schema__.OrleansRemindersTable WHERE ServiceId = @ServiceId;')

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
