using AccountGrains.Cluster.Internal;
using Npgsql;

namespace AccountGrains.Cluster.Directory;

/// <summary>What a claim found.</summary>
internal enum ClaimOutcome
{
    /// <summary>The row is this silo's now: it may activate the grain.</summary>
    Claimed,

    /// <summary>Another live silo holds the row.</summary>
    OwnedElsewhere,

    /// <summary>This silo's own row is no longer live at the database (its lease expired, or it left or died).</summary>
    ClaimerNotLive,
}

internal readonly record struct ClaimResult(ClaimOutcome Outcome, string? OwnerSiloId = null, long OwnerGeneration = 0, string? OwnerAddress = null);

/// <summary>
/// The <c>grain_directory</c> table: one row per live activation. Claims happen only on activation (the
/// cold path), in one statement; a warm call never reads it.
/// </summary>
internal sealed class GrainDirectory(ClusterDatabase database, ClusterOptions options)
{
    private const int Attempts = 3;

    // Insert the row, or take it over when its holder is this very process, has left, is gone from the
    // table, or its heartbeat is older than the lease by the database's clock; else report the holder.
    // A holder marked dead with a fresh heartbeat (marked by hand) still blocks until its lease runs
    // out, since it may not have noticed yet. Only a claimer whose own lease is fresh may claim at all.
    private readonly string _claim = $"""
        WITH me AS (
            SELECT 1 FROM {database.Schema}.silos
            WHERE silo_id = $2 AND generation = $3 AND status IN ('joining', 'active') AND now() - heartbeat_at <= $4
        ), claim AS (
            INSERT INTO {database.Schema}.grain_directory AS d (grain_id, silo_id, generation, claimed_at)
            SELECT $1, $2, $3, now() FROM me
            ON CONFLICT (grain_id) DO UPDATE SET silo_id = excluded.silo_id, generation = excluded.generation, claimed_at = excluded.claimed_at
            WHERE (d.silo_id = excluded.silo_id AND d.generation = excluded.generation)
               OR NOT EXISTS (
                   SELECT 1 FROM {database.Schema}.silos h
                   WHERE h.silo_id = d.silo_id AND h.generation = d.generation
                     AND h.status <> 'left' AND now() - h.heartbeat_at <= $4)
            RETURNING d.silo_id, d.generation
        )
        SELECT 0, c.silo_id, c.generation, NULL FROM claim c
        UNION ALL
        SELECT 1, d.silo_id, d.generation, h.address FROM {database.Schema}.grain_directory d
            LEFT JOIN {database.Schema}.silos h ON h.silo_id = d.silo_id AND h.generation = d.generation
            WHERE d.grain_id = $1 AND EXISTS (SELECT 1 FROM me) AND NOT EXISTS (SELECT 1 FROM claim)
        UNION ALL
        SELECT 2, NULL, NULL, NULL WHERE NOT EXISTS (SELECT 1 FROM me)
        """;

    private readonly string _release = $"DELETE FROM {database.Schema}.grain_directory WHERE grain_id = $1 AND silo_id = $2 AND generation = $3";

    /// <summary>Claims the grain for this silo's generation.</summary>
    public async ValueTask<ClaimResult> ClaimAsync(string grainId, long generation, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await database.RunAsync(connection => ClaimOnceAsync(connection, grainId, generation, cancellationToken), cancellationToken);
            if (result is { } found)
            {
                return found;
            }

            // The row a concurrent claim inserted was locked and kept by the conflict check, but is not in this
            // statement's snapshot: the next statement sees it.
            if (attempt == Attempts)
            {
                throw new InvalidOperationException($"Claiming grain {grainId} found neither a row nor an owner {Attempts} times.");
            }
        }
    }

    /// <summary>Deletes the grain's row if this silo's generation still holds it.</summary>
    public ValueTask<int> ReleaseAsync(string grainId, long generation, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(_release, connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = options.SiloId });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = generation });
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    private async Task<ClaimResult?> ClaimOnceAsync(NpgsqlConnection connection, string grainId, long generation, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(_claim, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = options.SiloId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = generation });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.LeaseDuration });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return reader.GetInt32(0) switch
        {
            0 => new ClaimResult(ClaimOutcome.Claimed, reader.GetString(1), reader.GetInt64(2)),
            1 => new ClaimResult(ClaimOutcome.OwnedElsewhere, reader.GetString(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3)),
            _ => new ClaimResult(ClaimOutcome.ClaimerNotLive),
        };
    }
}
