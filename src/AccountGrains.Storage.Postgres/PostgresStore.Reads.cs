using AccountGrains.Storage.Postgres.Internal;
using Npgsql;

namespace AccountGrains.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StoredEvent>> ReadStreamAsync(string accountId, long afterSeq, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return ReadEventsAsync(_sql.ReadStream, [new NpgsqlParameter<string> { TypedValue = accountId }, new NpgsqlParameter<long> { TypedValue = afterSeq }, new NpgsqlParameter<int> { TypedValue = maxCount }], cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StoredEvent>> ReadLogAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return ReadEventsAsync(_sql.ReadLog, [new NpgsqlParameter<long> { TypedValue = afterPosition }, new NpgsqlParameter<int> { TypedValue = maxCount }], cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<Snapshot?> LoadSnapshotAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        return RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(_sql.LoadSnapshot, connection) { Parameters = { new NpgsqlParameter<string> { TypedValue = accountId } } };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new Snapshot(accountId, reader.GetInt64(0), reader.GetFieldValue<byte[]>(1))
                : null;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask SaveSnapshotAsync(Snapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentException.ThrowIfNullOrEmpty(snapshot.AccountId, nameof(snapshot));
        await RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(_sql.SaveSnapshot, connection)
            {
                Parameters =
                {
                    new NpgsqlParameter<string> { TypedValue = snapshot.AccountId },
                    new NpgsqlParameter<long> { TypedValue = snapshot.Version },
                    new NpgsqlParameter<byte[]> { TypedValue = snapshot.Data.ToArray() },
                },
            };
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IdempotencyRecord?> FindIdempotencyKeyAsync(string accountId, string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentException.ThrowIfNullOrEmpty(key);
        return RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(_sql.FindIdempotencyKey, connection)
            {
                Parameters = { new NpgsqlParameter<string> { TypedValue = accountId }, new NpgsqlParameter<string> { TypedValue = key } },
            };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new IdempotencyRecord(accountId, key, reader.GetInt64(0), reader.GetInt64(1))
                : null;
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Loads waiting at once share one statement (<see cref="AccountLoads"/>); alone, a load is that one round trip.</remarks>
    public ValueTask<AccountLoad> LoadAccountAsync(string accountId, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return new ValueTask<AccountLoad>(_loads.LoadAsync(accountId, maxCount, cancellationToken));
    }

    /// <summary>Store reads the activations' loads have taken so far (each one statement for one or more accounts).</summary>
    internal long AccountLoadReads => _loads.Reads;

    private Task<AccountLoad[]> LoadAccountsAsync(IReadOnlyList<AccountLoads.Request> requests) =>
        RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(_sql.LoadAccounts, connection)
            {
                Parameters =
                {
                    new NpgsqlParameter<string[]> { TypedValue = [.. requests.Select(r => r.AccountId)] },
                    new NpgsqlParameter<int[]> { TypedValue = [.. requests.Select(r => r.MaxCount)] },
                },
            };
            await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
            var snapshots = new Snapshot?[requests.Count];
            var events = new List<StoredEvent>?[requests.Count];
            while (await reader.ReadAsync(CancellationToken.None))
            {
                var i = (int)reader.GetInt64(0) - 1;
                if (reader.GetInt32(1) == 0)
                {
                    snapshots[i] = new Snapshot(requests[i].AccountId, reader.GetInt64(3), reader.GetFieldValue<byte[]>(9));
                    continue;
                }

                (events[i] ??= []).Add(ReadEvent(reader, offset: 2));
            }

            var loads = new AccountLoad[requests.Count];
            for (var i = 0; i < loads.Length; i++)
            {
                loads[i] = new AccountLoad(snapshots[i], (IReadOnlyList<StoredEvent>?)events[i] ?? []);
            }

            return loads;
        }, CancellationToken.None).AsTask();

    private ValueTask<IReadOnlyList<StoredEvent>> ReadEventsAsync(string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken) =>
        RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddRange(parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var events = new List<StoredEvent>();
            while (await reader.ReadAsync(cancellationToken))
            {
                events.Add(ReadEvent(reader, offset: 0));
            }

            return (IReadOnlyList<StoredEvent>)events;
        }, cancellationToken);

    // The event columns (account_id, seq, position, type, at, actor, reason, data, hash) from column `offset` on.
    private static StoredEvent ReadEvent(NpgsqlDataReader reader, int offset)
    {
        var data = new EventData(
            reader.GetString(offset + 3),
            reader.GetFieldValue<DateTimeOffset>(offset + 4),
            reader.GetString(offset + 5),
            reader.IsDBNull(offset + 6) ? null : reader.GetString(offset + 6),
            reader.GetFieldValue<byte[]>(offset + 7));
        var hash = reader.IsDBNull(offset + 8) ? default : reader.GetFieldValue<byte[]>(offset + 8);
        return new StoredEvent(reader.GetString(offset), reader.GetInt64(offset + 1), reader.GetInt64(offset + 2), data, hash);
    }
}
