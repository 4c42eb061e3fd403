using System.Net.Sockets;
using AccountGrains.Storage;
using Npgsql;

namespace AccountGrains.Cluster.Internal;

/// <summary>
/// The cluster's own connection pool: small, with short timeouts, apart from the store's, so heartbeats
/// never queue behind group-commit batches and a pool exhausted by writes cannot fence the silo.
/// </summary>
internal sealed class ClusterDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public ClusterDatabase(ClusterOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            // A renewal answered after the lease window proves nothing, so waiting longer is pointless.
            CommandTimeout = Math.Max(1, (int)Math.Ceiling((options.LeaseDuration - options.SafetyMargin).TotalSeconds)),
            Timeout = Math.Max(1, (int)Math.Ceiling(options.LeaseDuration.TotalSeconds)),
            MaxPoolSize = 10,
        };
        _dataSource = NpgsqlDataSource.Create(builder);
        Schema = options.Schema;
    }

    public string Schema { get; }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>Runs <paramref name="work"/> on a pooled connection; connection failures become <see cref="StoreUnavailableException"/>.</summary>
    public async ValueTask<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            return await work(connection);
        }
        catch (Exception e) when (IsUnavailable(e, cancellationToken))
        {
            // Pooled connections opened before an outage are dead too; drop them so the next call reconnects.
            _dataSource.Clear();
            throw new StoreUnavailableException("PostgreSQL (cluster membership) is unavailable or did not answer in time.", e);
        }
    }

    private static bool IsUnavailable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => false,
        OperationCanceledException => true,
        PostgresException pg => pg.IsTransient || pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState.StartsWith("53", StringComparison.Ordinal),
        NpgsqlException => true,
        SocketException or TimeoutException or IOException => true,
        _ => false,
    };
}
