using AccountGrains.Storage.Reports;
using AccountGrains.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace AccountGrains.Storage.Sqlite;

/// <summary>The reporting projection's cross-account queues (schema 007).</summary>
public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<QueueItem>> ReadQueueAsync(string queue, long afterPosition, DateTimeOffset openAt, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(queue);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return ReadAsync<IReadOnlyList<QueueItem>>(async connection =>
        {
            await using var command = new SqliteCommand(
                "SELECT account_id, item_id, position, payload FROM report_queue_items " +
                "WHERE queue = $q AND position > $after AND (expires_us IS NULL OR expires_us > $now) ORDER BY position LIMIT $max",
                connection);
            command.Parameters.AddWithValue("$q", queue);
            command.Parameters.AddWithValue("$after", afterPosition);
            command.Parameters.AddWithValue("$now", SqliteValues.ToMicroseconds(openAt));
            command.Parameters.AddWithValue("$max", maxCount);
            var items = new List<QueueItem>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new QueueItem(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3)));
            }

            return items;
        }, cancellationToken);
    }

    private static void ApplyQueueChanges(SqliteConnection connection, SqliteTransaction transaction, int partition, IReadOnlyList<QueueChange>? changes)
    {
        // In event order: an item queued and answered within one run is inserted, then deleted.
        foreach (var change in changes ?? [])
        {
            using var command = new SqliteCommand(
                change.Payload is null
                    ? "DELETE FROM report_queue_items WHERE partition = $p AND queue = $q AND account_id = $a AND item_id = $id"
                    : "INSERT INTO report_queue_items (partition, queue, account_id, item_id, position, expires_us, payload) VALUES ($p, $q, $a, $id, $pos, $exp, $payload) ON CONFLICT DO NOTHING",
                connection, transaction);
            command.Parameters.AddWithValue("$p", partition);
            command.Parameters.AddWithValue("$q", change.Queue);
            command.Parameters.AddWithValue("$a", change.AccountId);
            command.Parameters.AddWithValue("$id", change.ItemId);
            if (change.Payload is { } payload)
            {
                command.Parameters.AddWithValue("$pos", change.Position);
                command.Parameters.AddWithValue("$exp", change.ExpiresAt is { } expires ? (object)SqliteValues.ToMicroseconds(expires) : DBNull.Value);
                command.Parameters.AddWithValue("$payload", payload);
            }

            command.ExecuteNonQuery();
        }
    }
}
