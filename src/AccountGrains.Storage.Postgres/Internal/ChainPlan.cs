using Npgsql;
using NpgsqlTypes;

namespace AccountGrains.Storage.Postgres.Internal;

/// <summary>
/// The chain hashes of a batch, computed before it is sent (so they commit in the same rows): each request's
/// predecessor hash is the caller's, else the one an earlier request of the batch will have written, else read from
/// the store (one query for the whole batch, only when some caller did not know it). The append statement checks the
/// predecessor against the stored row under the log head's lock, so a wrong guess becomes a conflict, never a fork.
/// </summary>
internal sealed class ChainPlan
{
    /// <summary>The genesis value as the bytea parameter the append statement takes.</summary>
    public static readonly byte[] Genesis = EventChain.Genesis.ToArray();

    private ChainPlan(byte[][] previous, byte[][][] hashes)
    {
        Previous = previous;
        Hashes = hashes;
    }

    /// <summary>Per request, the hash its first event chains to.</summary>
    public byte[][] Previous { get; }

    /// <summary>Per request, its events' hashes.</summary>
    public byte[][][] Hashes { get; }

    public static async Task<ChainPlan> CreateAsync(NpgsqlConnection connection, PostgresSql sql, IReadOnlyList<AppendRequest> requests, CancellationToken cancellationToken)
    {
        // First which predecessors nobody in the batch knows (versions alone say which an earlier request will write)…
        var previous = new byte[requests.Count][];
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        var unknown = new List<int>();
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            if (request.ExpectedVersion > 0 && request.PreviousHash is null && versions.GetValueOrDefault(request.AccountId, -1) != request.ExpectedVersion)
            {
                unknown.Add(i);
            }

            versions[request.AccountId] = request.ExpectedVersion + request.Events.Count;
        }

        if (unknown.Count > 0)
        {
            await LookUpAsync(connection, sql, requests, unknown, previous, cancellationToken);
        }

        // …then the hashes in list order, each request chaining to the caller's hash, the store's, or the batch's own.
        var hashes = new byte[requests.Count][][];
        var heads = new Dictionary<string, (long Version, byte[] Hash)>(StringComparer.Ordinal);
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            previous[i] = request.ExpectedVersion == 0 ? Genesis
                : request.PreviousHash is { } known ? known.ToArray()
                : previous[i] ?? (heads.TryGetValue(request.AccountId, out var head) && head.Version == request.ExpectedVersion ? head.Hash : Genesis);
            hashes[i] = EventChain.Extend(previous[i], request.AccountId, request.ExpectedVersion, request.Events);
            heads[request.AccountId] = (request.ExpectedVersion + request.Events.Count, hashes[i][^1]);
        }

        return new ChainPlan(previous, hashes);
    }

    private static async Task LookUpAsync(NpgsqlConnection connection, PostgresSql sql, IReadOnlyList<AppendRequest> requests, List<int> unknown, byte[][] previous, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql.ReadHashes, connection)
        {
            Parameters =
            {
                new NpgsqlParameter<string[]> { TypedValue = [.. unknown.Select(i => requests[i].AccountId)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new NpgsqlParameter<long[]> { TypedValue = [.. unknown.Select(i => requests[i].ExpectedVersion)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
            },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var index = unknown[(int)reader.GetInt64(0) - 1];
            // No hash: written before hashing began, so the genesis (as is a missing event, whose request will conflict).
            previous[index] = reader.IsDBNull(1) ? Genesis : reader.GetFieldValue<byte[]>(1);
        }
    }
}
