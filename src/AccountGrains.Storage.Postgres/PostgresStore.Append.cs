using System.Runtime.InteropServices;
using AccountGrains.Storage.Postgres.Internal;
using Npgsql;
using NpgsqlTypes;

namespace AccountGrains.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <inheritdoc />
    /// <remarks>
    /// One round trip and one (implicit) transaction: the log head's lock first, then one set-based
    /// statement per round (usually one; a round holds at most one request per account, so requests for
    /// the same account apply in list order). See <c>docs/decisions/0003-global-position-in-commit-order.md</c>.
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

        var rounds = AppendRounds.Split(requests);
        var lease = Fence.Current;
        var appended = await FencedAsync(RunAsync(async connection =>
        {
            var chain = await ChainPlan.CreateAsync(connection, _sql, requests, cancellationToken);
            await using var transaction = beforeCommit is null ? null : await connection.BeginTransactionAsync(cancellationToken);
            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(new NpgsqlBatchCommand(_sql.LockLogHead));
            if (lease is not null)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(_sql.AssertWriterLease)
                {
                    Parameters =
                    {
                        new NpgsqlParameter<string> { TypedValue = lease.ClusterId },
                        new NpgsqlParameter<string> { TypedValue = lease.Address },
                        new NpgsqlParameter<int> { TypedValue = lease.Port },
                        new NpgsqlParameter<int> { TypedValue = lease.Generation },
                    },
                });
            }

            foreach (var round in rounds)
            {
                batch.BatchCommands.Add(RoundCommand(requests, round, chain));
            }

            batch.BatchCommands.Add(new NpgsqlBatchCommand(_sql.NotifyLog)
            {
                Parameters =
                {
                    new NpgsqlParameter<string> { TypedValue = _sql.LogChannel },
                    Array(DistinctAccounts(requests), NpgsqlDbType.Text),
                },
            });

            var results = new AppendResult[requests.Count];
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                if (lease is not null)
                {
                    await reader.NextResultAsync(cancellationToken);
                }

                foreach (var round in rounds)
                {
                    await reader.NextResultAsync(cancellationToken);
                    foreach (var index in round)
                    {
                        await reader.ReadAsync(cancellationToken);
                        results[index] = ReadOutcome(reader);
                    }
                }
            }

            if (transaction is not null)
            {
                await beforeCommit!();
                await transaction.CommitAsync(cancellationToken);
            }

            return (IReadOnlyList<AppendResult>)results;
        }, cancellationToken));

        // This silo's readers need not wait for the notification to come back from the server.
        _logListener.Announce(appended.Max(r => r.LastPosition));
        return appended;
    }

    // The lease check fails the whole transaction: nothing of the batch is written, and every caller may retry elsewhere.
    private static async ValueTask<T> FencedAsync<T>(ValueTask<T> append)
    {
        try
        {
            return await append;
        }
        catch (PostgresException e) when (e.SqlState == "AGF01")
        {
            throw new StoreUnavailableException("This silo's cluster lease is no longer live, so it may not write; nothing was written.", e);
        }
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

    private NpgsqlBatchCommand RoundCommand(IReadOnlyList<AppendRequest> requests, List<int> round, ChainPlan chain)
    {
        var previous = new byte[round.Count][];
        var accounts = new string[round.Count];
        var expected = new long[round.Count];
        var counts = new long[round.Count];
        var keys = new string?[round.Count];
        var eventCount = round.Sum(i => requests[i].Events.Count);
        var eventRequest = new long[eventCount];
        var eventIndex = new long[eventCount];
        var types = new string[eventCount];
        var ats = new DateTime[eventCount];
        var actors = new string[eventCount];
        var reasons = new string?[eventCount];
        var data = new byte[eventCount][];
        var hashes = new byte[eventCount][];
        var e = 0;
        for (var r = 0; r < round.Count; r++)
        {
            var request = requests[round[r]];
            accounts[r] = request.AccountId;
            expected[r] = request.ExpectedVersion;
            counts[r] = request.Events.Count;
            keys[r] = request.IdempotencyKey;
            previous[r] = chain.Previous[round[r]];
            for (var i = 0; i < request.Events.Count; i++, e++)
            {
                var item = request.Events[i];
                eventRequest[e] = r + 1;
                eventIndex[e] = i + 1;
                types[e] = item.Type;
                ats[e] = item.At.UtcDateTime;
                actors[e] = item.Actor;
                reasons[e] = item.Reason;
                data[e] = AsArray(item.Data);
                hashes[e] = chain.Hashes[round[r]][i];
            }
        }

        return new NpgsqlBatchCommand(_sql.AppendRound)
        {
            Parameters =
            {
                Array(accounts, NpgsqlDbType.Text),
                Array(expected, NpgsqlDbType.Bigint),
                Array(counts, NpgsqlDbType.Bigint),
                Array(keys, NpgsqlDbType.Text),
                Array(eventRequest, NpgsqlDbType.Bigint),
                Array(eventIndex, NpgsqlDbType.Bigint),
                Array(types, NpgsqlDbType.Text),
                Array(ats, NpgsqlDbType.TimestampTz),
                Array(actors, NpgsqlDbType.Text),
                Array(reasons, NpgsqlDbType.Text),
                Array(data, NpgsqlDbType.Bytea),
                Array(previous, NpgsqlDbType.Bytea),
                Array(hashes, NpgsqlDbType.Bytea),
                new NpgsqlParameter<byte[]> { TypedValue = ChainPlan.Genesis, NpgsqlDbType = NpgsqlDbType.Bytea },
            },
        };
    }

    private static string[] DistinctAccounts(IReadOnlyList<AppendRequest> requests)
    {
        var accounts = new HashSet<string>(requests.Count, StringComparer.Ordinal);
        foreach (var request in requests)
        {
            accounts.Add(request.AccountId);
        }

        return [.. accounts];
    }

    private static NpgsqlParameter<T[]> Array<T>(T[] values, NpgsqlDbType elementType) =>
        new() { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | elementType };

    private static byte[] AsArray(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();
}
