using System.Runtime.InteropServices;
using Npgsql;
using NpgsqlTypes;

namespace AccountGrains.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <inheritdoc />
    /// <remarks>
    /// One round trip and one (implicit) transaction: the log head's lock first, then one statement per
    /// request, in list order. See <c>docs/decisions/0003-global-position-in-commit-order.md</c>.
    /// </remarks>
    public ValueTask<IReadOnlyList<AppendResult>> AppendBatchAsync(IReadOnlyList<AppendRequest> requests, CancellationToken cancellationToken = default) =>
        AppendCoreAsync(requests, beforeCommit: null, cancellationToken);

    /// <summary>
    /// Test hook: the same append in an explicit transaction that stays open, holding the log head's
    /// lock, until <paramref name="beforeCommit"/> completes; shows that later appends cannot overtake it.
    /// </summary>
    internal ValueTask<IReadOnlyList<AppendResult>> AppendHoldingCommitAsync(IReadOnlyList<AppendRequest> requests, Func<Task> beforeCommit, CancellationToken cancellationToken = default) =>
        AppendCoreAsync(requests, beforeCommit, cancellationToken);

    private async ValueTask<IReadOnlyList<AppendResult>> AppendCoreAsync(IReadOnlyList<AppendRequest> requests, Func<Task>? beforeCommit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        foreach (var request in requests)
        {
            ArgumentNullException.ThrowIfNull(request, nameof(requests));
            request.Validate();
        }

        if (requests.Count == 0)
        {
            return [];
        }

        return await RunAsync(async connection =>
        {
            await using var transaction = beforeCommit is null ? null : await connection.BeginTransactionAsync(cancellationToken);
            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(new NpgsqlBatchCommand(_sql.LockLogHead));
            foreach (var request in requests)
            {
                batch.BatchCommands.Add(AppendCommand(request));
            }

            var results = new AppendResult[requests.Count];
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                for (var i = 0; i < results.Length; i++)
                {
                    await reader.NextResultAsync(cancellationToken);
                    await reader.ReadAsync(cancellationToken);
                    results[i] = ReadOutcome(reader);
                }
            }

            if (transaction is not null)
            {
                await beforeCommit!();
                await transaction.CommitAsync(cancellationToken);
            }

            return (IReadOnlyList<AppendResult>)results;
        }, cancellationToken);
    }

    private static AppendResult ReadOutcome(NpgsqlDataReader reader)
    {
        var seen = reader.IsDBNull(2) ? 0 : reader.GetInt64(2);
        if (reader.GetBoolean(0))
        {
            return new AppendResult(AppendStatus.DuplicateIdempotencyKey, seen, -1);
        }

        return reader.IsDBNull(1)
            ? new AppendResult(AppendStatus.Conflict, seen, -1)
            : new AppendResult(AppendStatus.Appended, reader.GetInt64(1), reader.GetInt64(3));
    }

    private NpgsqlBatchCommand AppendCommand(AppendRequest request)
    {
        var count = request.Events.Count;
        var types = new string[count];
        var ats = new DateTime[count];
        var actors = new string[count];
        var reasons = new string?[count];
        var data = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var e = request.Events[i];
            types[i] = e.Type;
            ats[i] = e.At.UtcDateTime;
            actors[i] = e.Actor;
            reasons[i] = e.Reason;
            data[i] = AsArray(e.Data);
        }

        var reminder = request.Reminder;
        return new NpgsqlBatchCommand(_sql.Append)
        {
            Parameters =
            {
                new NpgsqlParameter<string>{ TypedValue = request.AccountId },
                new NpgsqlParameter<long> { TypedValue = request.ExpectedVersion },
                new NpgsqlParameter<long> { TypedValue = count },
                new NpgsqlParameter<string[]> { TypedValue = types },
                new NpgsqlParameter<DateTime[]> { TypedValue = ats, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz },
                new NpgsqlParameter<string[]> { TypedValue = actors },
                new NpgsqlParameter<string?[]> { TypedValue = reasons, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new NpgsqlParameter<byte[][]> { TypedValue = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
                Nullable(request.IdempotencyKey, NpgsqlDbType.Text),
                Nullable(reminder?.GrainId, NpgsqlDbType.Text),
                Nullable(reminder?.Name, NpgsqlDbType.Text),
                Nullable(reminder?.DueAt?.UtcDateTime, NpgsqlDbType.TimestampTz),
            },
        };
    }

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    private static byte[] AsArray(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();
}
