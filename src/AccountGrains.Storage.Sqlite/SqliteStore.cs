using AccountGrains.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace AccountGrains.Storage.Sqlite;

/// <summary>
/// The embedded system of record: the same contract as the PostgreSQL store, in one SQLite file, for a
/// single silo. One writer at a time; each batch is one transaction, so positions are in commit order.
/// </summary>
/// <remarks>
/// The file runs in WAL mode with <c>synchronous=FULL</c>: an acknowledged append is on disk even after
/// a power cut (NORMAL would only survive a process crash), and group commit pays one sync per batch.
/// Readers use their own pooled connections and never wait for the writer. Call <see cref="MigrateAsync"/> on start;
/// it also creates the Orleans reminder table's schema, which shares the file (<see cref="SqliteReminderSiloBuilderExtensions.UseSqliteReminderTable"/>).
/// </remarks>
public sealed partial class SqliteStore : IEventStore, IStoreSchema, IEventChainStore, IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writerGate = new(1, 1);
    private readonly EventLogSignal _signal = new();
    private SqliteConnection? _writer;
    private bool _disposed;

    /// <summary>Builds the store and creates the file's folder; opens the file on first use.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public SqliteStore(SqliteStoreOptions options)
    {
        _connectionString = SqliteConnections.ConnectionString(options);
    }

    /// <summary>Wakes readers of the log after each committed append of this store (in-process).</summary>
    public IEventLogSignal LogSignal => _signal;

    /// <inheritdoc />
    public ValueTask MigrateAsync(CancellationToken cancellationToken = default) =>
        WriteAsync(connection => SqliteMigrator.Migrate(connection), cancellationToken).ToUnit();

    /// <summary>Closes the writer and the pooled reader connections.</summary>
    public async ValueTask DisposeAsync()
    {
        await _writerGate.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_writer is not null)
            {
                await _writer.DisposeAsync();
                _writer = null;
            }

            using var forPool = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(forPool);
        }
        finally
        {
            _writerGate.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> as the only writer, on the long-lived writer connection.</summary>
    private async ValueTask<T> WriteAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await _writerGate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                _writer ??= SqliteConnections.OpenWriter(_connectionString);
                return work(_writer);
            }
            catch (SqliteException e) when (SqliteFailures.IsUnavailable(e))
            {
                // The file may be gone or locked away; the next write starts from a fresh connection.
                _writer?.Dispose();
                _writer = null;
                throw new StoreUnavailableException("The SQLite store is unavailable.", e);
            }
        }
        finally
        {
            _writerGate.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> on a pooled reader connection; WAL lets it read beside the writer.</summary>
    private async ValueTask<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            return await work(connection);
        }
        catch (SqliteException e) when (SqliteFailures.IsUnavailable(e))
        {
            throw new StoreUnavailableException("The SQLite store is unavailable.", e);
        }
    }
}
