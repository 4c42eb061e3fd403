using AccountGrains.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace AccountGrains.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StoredEvent>> ReadStreamAsync(string accountId, long afterSeq, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return ReadEventsAsync(
            $"SELECT {SqliteStoreSql.EventColumns} FROM events WHERE account_id = $a AND seq > $after ORDER BY seq LIMIT $max",
            [("$a", accountId), ("$after", afterSeq), ("$max", maxCount)],
            cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StoredEvent>> ReadLogAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return ReadEventsAsync(
            $"SELECT {SqliteStoreSql.EventColumns} FROM events WHERE position > $after ORDER BY position LIMIT $max",
            [("$after", afterPosition), ("$max", maxCount)],
            cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<Snapshot?> LoadSnapshotAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        return ReadAsync(async connection =>
        {
            await using var reader = await QueryAsync(connection, "SELECT version, data FROM snapshots WHERE account_id = $a", [("$a", accountId)], cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? new Snapshot(accountId, reader.GetInt64(0), (byte[])reader.GetValue(1)) : null;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask SaveSnapshotAsync(Snapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentException.ThrowIfNullOrEmpty(snapshot.AccountId, nameof(snapshot));
        await WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO snapshots (account_id, version, data) VALUES ($a, $v, $d)
                ON CONFLICT (account_id) DO UPDATE SET version = excluded.version, data = excluded.data
                WHERE snapshots.version <= excluded.version
                """;
            return command.Run(("$a", snapshot.AccountId), ("$v", snapshot.Version), ("$d", SqliteValues.AsArray(snapshot.Data)));
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IdempotencyRecord?> FindIdempotencyKeyAsync(string accountId, string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentException.ThrowIfNullOrEmpty(key);
        return ReadAsync(async connection =>
        {
            await using var reader = await QueryAsync(connection, "SELECT first_seq, last_seq FROM idempotency_keys WHERE account_id = $a AND key = $k", [("$a", accountId), ("$k", key)], cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? new IdempotencyRecord(accountId, key, reader.GetInt64(0), reader.GetInt64(1)) : null;
        }, cancellationToken);
    }

    private ValueTask<IReadOnlyList<StoredEvent>> ReadEventsAsync(string sql, (string, object)[] parameters, CancellationToken cancellationToken) =>
        ReadAsync(async connection =>
        {
            await using var reader = await QueryAsync(connection, sql, parameters, cancellationToken);
            var events = new List<StoredEvent>();
            while (await reader.ReadAsync(cancellationToken))
            {
                events.Add(SqliteStoreSql.ReadEvent(reader));
            }

            return (IReadOnlyList<StoredEvent>)events;
        }, cancellationToken);

    private static async Task<SqliteDataReader> QueryAsync(SqliteConnection connection, string sql, (string Name, object Value)[] parameters, CancellationToken cancellationToken)
    {
        // The reader owns the command: disposing the reader is enough for these short reads.
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteReaderAsync(cancellationToken);
    }
}
