namespace AccountGrains.Storage.Postgres.Internal;

/// <summary>The store's statements, with the configured schema name written in once.</summary>
internal sealed class PostgresSql(string schema)
{
    /// <summary>
    /// The first statement of every append transaction: the log head's row lock makes appends commit one
    /// after another, so positions taken under it grow in commit order.
    /// </summary>
    public string LockLogHead { get; } = $"SELECT position FROM {schema}.log_head WHERE id = 1 FOR UPDATE";

    /// <summary>
    /// One request: skip if its idempotency key was used; else check-and-bump the stream's version
    /// (update at the expected version, or create at 0); only if that won, take positions from the log
    /// head, insert the events, record the key and apply the reminder change. Never raises on conflict.
    /// Parameters: $1 account, $2 expected version, $3 event count, $4..$8 event columns as arrays,
    /// $9 idempotency key, $10 reminder grain, $11 reminder name, $12 reminder due time (null deletes).
    /// Returns one row: duplicate key?, new version (null unless appended), version seen, last position.
    /// </summary>
    public string Append { get; } = $"""
        WITH dup AS (
            SELECT 1 FROM {schema}.idempotency_keys WHERE $9::text IS NOT NULL AND account_id = $1 AND key = $9
        ), bumped AS (
            UPDATE {schema}.streams SET version = $2 + $3
            WHERE account_id = $1 AND version = $2 AND $2 > 0 AND NOT EXISTS (SELECT 1 FROM dup)
            RETURNING version
        ), created AS (
            INSERT INTO {schema}.streams (account_id, version)
            SELECT $1, $3 WHERE $2 = 0 AND NOT EXISTS (SELECT 1 FROM dup)
            ON CONFLICT (account_id) DO NOTHING
            RETURNING version
        ), won AS (
            SELECT version FROM bumped UNION ALL SELECT version FROM created
        ), pos AS (
            UPDATE {schema}.log_head SET position = position + $3
            WHERE id = 1 AND EXISTS (SELECT 1 FROM won)
            RETURNING position - $3 AS base, position AS last
        ), ins AS (
            INSERT INTO {schema}.events (account_id, seq, position, type, at, actor, reason, data)
            SELECT $1, $2 + e.ord, pos.base + e.ord, e.type, e.at, e.actor, e.reason, e.data
            FROM pos, unnest($4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::bytea[])
                WITH ORDINALITY AS e(type, at, actor, reason, data, ord)
        ), keyed AS (
            INSERT INTO {schema}.idempotency_keys (account_id, key, first_seq, last_seq)
            SELECT $1, $9, $2 + 1, $2 + $3 FROM won WHERE $9::text IS NOT NULL
        ), reminded AS (
            INSERT INTO {schema}.reminders (grain_id, name, due_at)
            SELECT $10, $11, $12 FROM won WHERE $10::text IS NOT NULL AND $12::timestamptz IS NOT NULL
            ON CONFLICT (grain_id, name) DO UPDATE SET due_at = EXCLUDED.due_at
        ), unreminded AS (
            DELETE FROM {schema}.reminders
            WHERE grain_id = $10 AND name = $11 AND $12::timestamptz IS NULL AND EXISTS (SELECT 1 FROM won)
        )
        SELECT EXISTS (SELECT 1 FROM dup),
               (SELECT version FROM won),
               (SELECT version FROM {schema}.streams WHERE account_id = $1),
               (SELECT last FROM pos)
        """;

    public string ReadStream { get; } = $"""
        SELECT account_id, seq, position, type, at, actor, reason, data FROM {schema}.events
        WHERE account_id = $1 AND seq > $2 ORDER BY seq LIMIT $3
        """;

    public string ReadLog { get; } = $"""
        SELECT account_id, seq, position, type, at, actor, reason, data FROM {schema}.events
        WHERE position > $1 ORDER BY position LIMIT $2
        """;

    public string LoadSnapshot { get; } = $"SELECT version, data FROM {schema}.snapshots WHERE account_id = $1";

    public string SaveSnapshot { get; } = $"""
        INSERT INTO {schema}.snapshots (account_id, version, data) VALUES ($1, $2, $3)
        ON CONFLICT (account_id) DO UPDATE SET version = EXCLUDED.version, data = EXCLUDED.data
        WHERE {schema}.snapshots.version <= EXCLUDED.version
        """;

    public string FindIdempotencyKey { get; } = $"SELECT first_seq, last_seq FROM {schema}.idempotency_keys WHERE account_id = $1 AND key = $2";

    public string UpsertReminder { get; } = $"""
        INSERT INTO {schema}.reminders (grain_id, name, due_at) VALUES ($1, $2, $3)
        ON CONFLICT (grain_id, name) DO UPDATE SET due_at = EXCLUDED.due_at
        """;

    public string DeleteReminder { get; } = $"DELETE FROM {schema}.reminders WHERE grain_id = $1 AND name = $2";

    public string ReadDueReminders { get; } = $"""
        SELECT grain_id, name, due_at FROM {schema}.reminders WHERE due_at <= $1
        ORDER BY due_at, grain_id, name LIMIT $2
        """;

    public string ReadReminders { get; } = $"SELECT grain_id, name, due_at FROM {schema}.reminders WHERE grain_id = $1 ORDER BY name";
}
