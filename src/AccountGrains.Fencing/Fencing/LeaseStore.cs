using Npgsql;

namespace AccountGrains.Fencing.Fencing;

/// <summary>A silo's key in the lease and membership tables: Orleans' silo address.</summary>
internal readonly record struct LeaseKey(string ClusterId, string Address, int Port, int Generation);

/// <summary>Another silo's live lease as the database saw it, with its membership status (null when it has no row yet).</summary>
internal readonly record struct PeerLease(string Address, int Port, int Generation, int? MembershipStatus, TimeSpan Remaining);

/// <summary>The outcome of one heartbeat: whether this silo's lease was renewed, and the other live leases.</summary>
internal readonly record struct Renewal(bool Renewed, IReadOnlyList<PeerLease> Peers);

/// <summary>
/// The <c>silo_leases</c> table (Schema/002_orleans_cluster.sql). Every expiry is decided by the database's
/// <c>now()</c>; a renewal is conditional, so a lease that expired, left, or whose silo the Orleans membership table
/// declares dead (status 6) is never renewed again.
/// </summary>
/// <remarks>
/// Its own small pool with short timeouts, apart from the store's and Orleans', so a heartbeat never queues behind
/// group-commit batches: a renewal answered after the serving window proves nothing, so waiting longer is pointless.
/// </remarks>
internal sealed class LeaseStore : IAsyncDisposable
{
    private const int DeadStatus = 6;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _acquire;
    private readonly string _renew;
    private readonly string _peers;
    private readonly string _release;

    public LeaseStore(ClusterFencingOptions options)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(options.ServingWindow.TotalSeconds));
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            Timeout = seconds,
            CommandTimeout = seconds,
            MaxPoolSize = 4,
        };
        _dataSource = NpgsqlDataSource.Create(builder);
        LeaseDuration = options.LeaseDuration;
        var s = options.Schema;
        const string Key = "cluster_id = $1 AND address = $2 AND port = $3 AND generation = $4";
        _acquire = $"""
            INSERT INTO {s}.silo_leases (cluster_id, address, port, generation, silo_name, acquired_at, renewed_at, expires_at)
            VALUES ($1, $2, $3, $4, $5, now(), now(), now() + $6)
            ON CONFLICT DO NOTHING
            """;
        _renew = $"""
            UPDATE {s}.silo_leases l SET renewed_at = now(), expires_at = now() + $5
            WHERE {Key} AND l.left_at IS NULL AND l.expires_at > now()
              AND NOT EXISTS (SELECT 1 FROM {s}.orleansmembershiptable m
                              WHERE m.deploymentid = l.cluster_id AND m.address = l.address AND m.port = l.port
                                AND m.generation = l.generation AND m.status = {DeadStatus})
            """;
        _peers = $"""
            SELECT l.address, l.port, l.generation, m.status, (extract(epoch FROM l.expires_at - now()) * 1000)::float8
            FROM {s}.silo_leases l
            LEFT JOIN {s}.orleansmembershiptable m
                   ON m.deploymentid = l.cluster_id AND m.address = l.address AND m.port = l.port AND m.generation = l.generation
            WHERE l.cluster_id = $1 AND l.left_at IS NULL AND l.expires_at > now()
              AND NOT (l.address = $2 AND l.port = $3 AND l.generation = $4)
            """;
        _release = $"UPDATE {s}.silo_leases SET left_at = now() WHERE {Key} AND left_at IS NULL";
    }

    public TimeSpan LeaseDuration { get; }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>Creates this silo's lease; <see langword="false"/> if one with the same key exists already.</summary>
    public Task<bool> AcquireAsync(LeaseKey key, string siloName, CancellationToken cancellationToken) =>
        RunAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(_acquire, connection);
                AddKey(command.Parameters, key);
                command.Parameters.Add(new() { Value = siloName });
                command.Parameters.Add(new() { Value = LeaseDuration });
                return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
            },
            cancellationToken);

    /// <summary>Renews this silo's lease and reads the other live leases, in one round trip and one transaction.</summary>
    public Task<Renewal> RenewAsync(LeaseKey key, CancellationToken cancellationToken) =>
        RunAsync(
            async connection =>
            {
                await using var batch = new NpgsqlBatch(connection);
                var renew = new NpgsqlBatchCommand(_renew);
                AddKey(renew.Parameters, key);
                renew.Parameters.Add(new() { Value = LeaseDuration });
                var peers = new NpgsqlBatchCommand(_peers);
                AddKey(peers.Parameters, key);
                batch.BatchCommands.Add(renew);
                batch.BatchCommands.Add(peers);

                var list = new List<PeerLease>();
                await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
                {
                    // The UPDATE returns no rows; Npgsql's reader starts at the first statement that does.
                    while (reader.FieldCount == 0 && await reader.NextResultAsync(cancellationToken))
                    {
                    }
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        list.Add(new PeerLease(
                            reader.GetString(0),
                            reader.GetInt32(1),
                            reader.GetInt32(2),
                            reader.IsDBNull(3) ? null : reader.GetInt32(3),
                            TimeSpan.FromMilliseconds(reader.GetDouble(4))));
                    }
                }

                return new Renewal(renew.RecordsAffected == 1, list);
            },
            cancellationToken);

    /// <summary>Marks this silo's lease as left (graceful leave): others may activate its grains at once.</summary>
    public Task<bool> ReleaseAsync(LeaseKey key, CancellationToken cancellationToken) =>
        RunAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(_release, connection);
                AddKey(command.Parameters, key);
                return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
            },
            cancellationToken);

    private static void AddKey(NpgsqlParameterCollection parameters, LeaseKey key)
    {
        parameters.Add(new() { Value = key.ClusterId });
        parameters.Add(new() { Value = key.Address });
        parameters.Add(new() { Value = key.Port });
        parameters.Add(new() { Value = key.Generation });
    }

    private async Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            return await work(connection);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException or OperationCanceledException)
        {
            // Pooled connections opened before an outage are dead too; drop them so the next heartbeat reconnects.
            _dataSource.Clear();
            throw;
        }
    }
}
