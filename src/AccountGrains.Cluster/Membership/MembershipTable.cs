using AccountGrains.Cluster.Internal;
using Npgsql;

namespace AccountGrains.Cluster.Membership;

/// <summary>
/// The <c>silos</c> table. Every expiry is decided by the database's <c>now()</c>: a renewal succeeds only
/// while the row is live and its lease has not expired, so a silo that was (or could have been) taken
/// over never renews again.
/// </summary>
internal sealed class MembershipTable(ClusterDatabase database, ClusterOptions options)
{
    private const string Live = "('joining', 'active', 'leaving')";
    private readonly string _s = database.Schema;

    /// <summary>Inserts this process's row as joining; returns its new generation.</summary>
    public ValueTask<long> RegisterAsync(CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(
                $"""
                INSERT INTO {_s}.silos (silo_id, generation, address, status, started_at, heartbeat_at)
                VALUES ($1, nextval('{_s}.silo_generations'), $2, 'joining', now(), now())
                RETURNING generation
                """,
                connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = options.SiloId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = options.AdvertisedAddress });
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);

    /// <summary>
    /// Renews the lease and records the status and activation count, then (same round trip) marks silos
    /// whose lease expired as dead and deletes long-defunct rows. <see langword="false"/>: this silo's row
    /// is dead, left, or its lease already expired, so it must never serve again.
    /// </summary>
    public ValueTask<bool> RenewAsync(long generation, SiloStatus status, int activationCount, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var batch = new NpgsqlBatch(connection);
            var renew = new NpgsqlBatchCommand(
                $"""
                UPDATE {_s}.silos SET heartbeat_at = now(), status = $3, activation_count = $4
                WHERE silo_id = $1 AND generation = $2 AND status IN {Live} AND now() - heartbeat_at <= $5
                """);
            renew.Parameters.Add(new NpgsqlParameter<string> { TypedValue = options.SiloId });
            renew.Parameters.Add(new NpgsqlParameter<long> { TypedValue = generation });
            renew.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Name(status) });
            renew.Parameters.Add(new NpgsqlParameter<int> { TypedValue = activationCount });
            renew.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.LeaseDuration });
            var markDead = new NpgsqlBatchCommand($"UPDATE {_s}.silos SET status = 'dead' WHERE status IN {Live} AND now() - heartbeat_at > $1");
            markDead.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.LeaseDuration });
            var purge = new NpgsqlBatchCommand($"DELETE FROM {_s}.silos WHERE status IN ('left', 'dead') AND now() - heartbeat_at > $1");
            purge.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.DefunctSiloRetention });
            batch.BatchCommands.Add(renew);
            batch.BatchCommands.Add(markDead);
            batch.BatchCommands.Add(purge);
            await batch.ExecuteNonQueryAsync(cancellationToken);
            return renew.RecordsAffected == 1;
        }, cancellationToken);

    /// <summary>
    /// Records that this silo left and drops its directory rows: its grains may be claimed at once. Only
    /// while its row is live (a dead silo stays dead). Call only when none of its activations remains.
    /// </summary>
    public ValueTask<bool> LeaveAsync(long generation, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(
                $"""
                WITH gone AS (
                    UPDATE {_s}.silos SET status = 'left', heartbeat_at = now(), activation_count = 0
                    WHERE silo_id = $1 AND generation = $2 AND status IN {Live}
                    RETURNING 1
                ), released AS (
                    DELETE FROM {_s}.grain_directory WHERE silo_id = $1 AND generation = $2 AND EXISTS (SELECT 1 FROM gone)
                )
                SELECT count(*) FROM gone
                """,
                connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = options.SiloId });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = generation });
            return (long)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
        }, cancellationToken);

    public ValueTask<IReadOnlyList<SiloInfo>> ListAsync(CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand($"SELECT {Columns("s")} FROM {_s}.silos s ORDER BY s.started_at, s.silo_id, s.generation", connection);
            command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.LeaseDuration });
            return await ReadAsync(command, cancellationToken);
        }, cancellationToken);

    /// <summary>The live silo holding the grain's directory row, if any.</summary>
    public ValueTask<SiloInfo?> FindOwnerAsync(string grainId, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(
                $"""
                SELECT {Columns("s")} FROM {_s}.grain_directory d
                JOIN {_s}.silos s ON s.silo_id = d.silo_id AND s.generation = d.generation
                WHERE d.grain_id = $2 AND s.status IN {Live} AND now() - s.heartbeat_at <= $1
                """,
                connection);
            command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.LeaseDuration });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId });
            var found = await ReadAsync(command, cancellationToken);
            return found.Count == 0 ? null : found[0];
        }, cancellationToken);

    public static string Name(SiloStatus status) => status switch
    {
        SiloStatus.Joining => "joining",
        SiloStatus.Active => "active",
        SiloStatus.Leaving => "leaving",
        SiloStatus.Left => "left",
        _ => "dead",
    };

    private static SiloStatus Parse(string status) => status switch
    {
        "joining" => SiloStatus.Joining,
        "active" => SiloStatus.Active,
        "leaving" => SiloStatus.Leaving,
        "left" => SiloStatus.Left,
        _ => SiloStatus.Dead,
    };

    private static string Columns(string s) =>
        $"{s}.silo_id, {s}.generation, {s}.address, {s}.status, {s}.started_at, {s}.heartbeat_at, now() - {s}.started_at, now() - {s}.heartbeat_at, {s}.activation_count, "
        + $"({s}.status IN {Live} AND now() - {s}.heartbeat_at > $1)";

    private static async Task<IReadOnlyList<SiloInfo>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var silos = new List<SiloInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            silos.Add(new SiloInfo(
                reader.GetString(0),
                reader.GetInt64(1),
                reader.GetString(2),
                Parse(reader.GetString(3)),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetFieldValue<TimeSpan>(6),
                reader.GetFieldValue<TimeSpan>(7),
                reader.GetInt32(8),
                reader.GetBoolean(9)));
        }

        return silos;
    }
}
