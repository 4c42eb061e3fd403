using AccountGrains.Storage.Postgres.Internal;
using Npgsql;

namespace AccountGrains.Storage.Postgres;

/// <summary>
/// The PostgreSQL system of record: event streams, the global log in commit order, snapshots and
/// idempotency keys, in one schema (<see cref="PostgresStoreOptions.Schema"/>).
/// </summary>
/// <remarks>
/// Call <see cref="MigrateAsync"/> on start. Connection failures and timeouts surface as
/// <see cref="StoreUnavailableException"/>; conflicts are results, never exceptions.
/// </remarks>
public sealed partial class PostgresStore : IEventStore, IStoreSchema, IEventChainStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresSql _sql;
    private readonly string _schema;
    private readonly PostgresLogListener _logListener;
    private readonly AccountLoads _loads;

    /// <summary>Builds the store; opens no connection until first used.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public PostgresStore(PostgresStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            CommandTimeout = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds),
            MaxPoolSize = options.MaxPoolSize,

            // The append statement is a large CTE sent many times per batch: planning it once per
            // connection instead of once per request is most of group commit's CPU saving.
            MaxAutoPrepare = 16,
            AutoPrepareMinUsages = 2,

            // The store keeps no session state on pooled connections (transactions are explicit or implicit, settings
            // are SET LOCAL), so the reset round trip on every return to the pool buys nothing (bench/analysis.md).
            NoResetOnClose = true,
        };

        // Left to choose, PostgreSQL re-plans the batched statements on every call (a plan costed for the batch's
        // actual array length always looks cheaper than the generic one): the activation read spent 89% of its server
        // time planning. Every PostgresSql statement is an index probe per request under a generic plan (PostgresPlanTests);
        // the report and queue statements read small tables by their own indexes (decision 0022).
        builder.Options = string.Join(' ', new[] { builder.Options, "-c plan_cache_mode=force_generic_plan" }.Where(o => !string.IsNullOrWhiteSpace(o)));
        _dataSource = NpgsqlDataSource.Create(builder);
        _schema = options.Schema;
        _sql = new PostgresSql(options.Schema);
        _logListener = new PostgresLogListener(_dataSource, _sql.LogChannel);
        _loads = new AccountLoads(LoadAccountsAsync);
    }

    /// <summary>The cluster lease this store's appends are written under, once the silo holds one.</summary>
    public WriterFence Fence { get; } = new();

    /// <summary>
    /// Wakes readers of the log when any process sharing this schema commits an append (LISTEN/NOTIFY; one LISTEN
    /// connection, opened when the first reader waits).
    /// </summary>
    public IEventLogSignal LogSignal => _logListener;

    /// <summary>
    /// The accounts each commit of any process sharing this schema wrote (the same notifications as <see cref="LogSignal"/>),
    /// so a silo's activation learns its account moved on elsewhere.
    /// </summary>
    public IAccountCommitFeed CommitFeed => _logListener;

    /// <inheritdoc />
    public ValueTask MigrateAsync(CancellationToken cancellationToken = default) =>
        RunAsync(c => PostgresMigrator.MigrateAsync(c, _schema, cancellationToken), cancellationToken).ToUnit();

    /// <summary>Closes the store's pooled connections.</summary>
    public async ValueTask DisposeAsync()
    {
        await _logListener.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    /// <summary>Runs <paramref name="work"/> on a pooled connection, turning connection failures into <see cref="StoreUnavailableException"/>.</summary>
    private async ValueTask<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            return await work(connection);
        }
        catch (Exception e) when (PostgresFailures.IsUnavailable(e, cancellationToken))
        {
            // Pooled connections opened before an outage are dead too; drop them so the next call reconnects.
            _dataSource.Clear();
            throw new StoreUnavailableException("PostgreSQL is unavailable or did not answer in time.", e);
        }
    }
}
