using AccountGrains.Storage.Reports;
using Npgsql;
using NpgsqlTypes;

namespace AccountGrains.Storage.Postgres;

/// <summary>The reporting projection's cross-account queues (schema 007).</summary>
public sealed partial class PostgresStore
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<QueueItem>> ReadQueueAsync(string queue, long afterPosition, DateTimeOffset openAt, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(queue);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return RunAsync<IReadOnlyList<QueueItem>>(async connection =>
        {
            await using var command = new NpgsqlCommand(
                $"SELECT account_id, item_id, position, payload FROM {_schema}.report_queue_items " +
                "WHERE queue = $1 AND position > $2 AND (expires_at IS NULL OR expires_at > $3) ORDER BY position LIMIT $4",
                connection)
            {
                Parameters =
                {
                    new NpgsqlParameter<string> { TypedValue = queue },
                    new NpgsqlParameter<long> { TypedValue = afterPosition },
                    new NpgsqlParameter<DateTimeOffset> { TypedValue = openAt.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz },
                    new NpgsqlParameter<int> { TypedValue = maxCount },
                },
            };
            var items = new List<QueueItem>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new QueueItem(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3)));
            }

            return items;
        }, cancellationToken);
    }

    private void AddQueueChanges(NpgsqlBatch batch, int partition, IReadOnlyList<QueueChange>? changes)
    {
        // In event order: an item queued and answered within one run is inserted, then deleted.
        foreach (var change in changes ?? [])
        {
            var key = new NpgsqlParameter[]
            {
                new NpgsqlParameter<int> { TypedValue = partition },
                new NpgsqlParameter<string> { TypedValue = change.Queue },
                new NpgsqlParameter<string> { TypedValue = change.AccountId },
                new NpgsqlParameter<string> { TypedValue = change.ItemId },
            };
            var command = change.Payload is null
                ? new NpgsqlBatchCommand($"DELETE FROM {_schema}.report_queue_items WHERE partition = $1 AND queue = $2 AND account_id = $3 AND item_id = $4")
                : new NpgsqlBatchCommand(
                    $"INSERT INTO {_schema}.report_queue_items (partition, queue, account_id, item_id, position, expires_at, payload) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING");
            command.Parameters.AddRange(key);
            if (change.Payload is { } payload)
            {
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = change.Position });
                command.Parameters.Add(change.ExpiresAt is { } expires
                    ? new NpgsqlParameter<DateTimeOffset> { TypedValue = expires.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz }
                    : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = payload });
            }

            batch.BatchCommands.Add(command);
        }
    }
}
