using AccountGrains.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace AccountGrains.Storage.Sqlite.Reminders;

/// <summary>
/// Orleans' reminder table in the event store's SQLite file (table <c>orleans_reminders</c>, schema version 2),
/// for the single-silo deployment: reminders registered before a restart are read back by the next silo.
/// </summary>
/// <remarks>
/// The contract is Orleans' <see cref="IReminderTable"/>: rows keyed by service, grain and name; every upsert
/// writes a fresh etag and returns it; a removal succeeds only with the row's current etag; ring reads use
/// <see cref="GrainId.GetUniformHashCode"/>, stored per row. Each call is one autocommit statement on a pooled
/// connection; SQLite's file lock orders it with the event store's writer (a busy file is waited on for
/// <see cref="SqliteStoreOptions.BusyTimeout"/>). An unreachable file surfaces as <see cref="StoreUnavailableException"/>.
/// </remarks>
internal sealed partial class SqliteReminderTable : IReminderTable
{
    private readonly string _connectionString;
    private readonly string _path;
    private readonly string _serviceId;
    private readonly ILogger<SqliteReminderTable> _logger;

    public SqliteReminderTable(SqliteStoreOptions options, IOptions<ClusterOptions> clusterOptions, ILogger<SqliteReminderTable> logger)
    {
        ArgumentNullException.ThrowIfNull(clusterOptions);
        ArgumentNullException.ThrowIfNull(logger);
        _connectionString = SqliteConnections.ConnectionString(options);
        _path = Path.GetFullPath(options.Path);
        _serviceId = clusterOptions.Value.ServiceId;
        ArgumentException.ThrowIfNullOrEmpty(_serviceId, "ClusterOptions.ServiceId");
        _logger = logger;
    }

    /// <summary>Applies the file's schema (the same versioned scripts as the event store, so either may start first).</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) =>
        RunAsync(write: true, connection =>
        {
            var changed = SqliteMigrator.Migrate(connection);
            LogStarted(_path, _serviceId, changed);
            return Task.FromResult(changed);
        }, cancellationToken);

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) =>
        ReadAsync(SqliteReminderSql.ReadGrain, [("$g", grainId.ToString())], cancellationToken);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    /// <summary>The rows whose grain hash is in the ring range (begin, end]; when begin &gt;= end the range wraps past 2^32-1.</summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken) =>
        ReadAsync(
            begin < end ? SqliteReminderSql.ReadRange : SqliteReminderSql.ReadWrappedRange,
            [("$b", (long)begin), ("$e", (long)end)],
            cancellationToken);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
        var rows = await ReadAsync(SqliteReminderSql.ReadRow, [("$g", grainId.ToString()), ("$n", reminderName)], cancellationToken);
        return rows.Reminders.Count == 0 ? null : rows.Reminders[0];
    }

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    /// <summary>Creates or replaces the row and returns its new etag.</summary>
    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.ReminderName, nameof(entry));
        var etag = Guid.NewGuid().ToString("N");
        await ExecuteAsync(
            SqliteReminderSql.Upsert,
            [
                ("$g", entry.GrainId.ToString()), ("$n", entry.ReminderName), ("$h", (long)entry.GrainId.GetUniformHashCode()),
                ("$start", UtcTicks(entry.StartAt)), ("$period", entry.Period.Ticks), ("$etag", etag),
            ],
            cancellationToken);
        return etag;
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    /// <summary>Removes the row only if its etag is still <paramref name="eTag"/>; <see langword="false"/> when it is gone or has moved on.</summary>
    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
        if (string.IsNullOrEmpty(eTag))
        {
            return false;
        }

        var removed = await ExecuteAsync(SqliteReminderSql.Remove, [("$g", grainId.ToString()), ("$n", reminderName), ("$etag", eTag)], cancellationToken);
        return removed == 1;
    }

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    /// <summary>Deletes this service's rows (other services sharing the file keep theirs).</summary>
    public Task TestOnlyClearTable(CancellationToken cancellationToken) => ExecuteAsync(SqliteReminderSql.Clear, [], cancellationToken);

    /// <summary>Orleans may hand in a local or unspecified time; an unspecified one is taken as UTC, as Orleans writes it.</summary>
    private static long UtcTicks(DateTime time) => time.Kind == DateTimeKind.Local ? time.ToUniversalTime().Ticks : time.Ticks;

    private static ReminderEntry ReadEntry(SqliteDataReader reader) => new()
    {
        GrainId = GrainId.Parse(reader.GetString(0)),
        ReminderName = reader.GetString(1),
        StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
        Period = TimeSpan.FromTicks(reader.GetInt64(3)),
        ETag = reader.GetString(4),
    };

    private Task<ReminderTableData> ReadAsync(string sql, (string Name, object Value)[] parameters, CancellationToken cancellationToken) =>
        RunAsync(write: false, async connection =>
        {
            await using var command = Command(connection, sql, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var entries = new List<ReminderEntry>();
            while (await reader.ReadAsync(cancellationToken))
            {
                entries.Add(ReadEntry(reader));
            }

            return new ReminderTableData(entries);
        }, cancellationToken);

    private Task<int> ExecuteAsync(string sql, (string Name, object Value)[] parameters, CancellationToken cancellationToken) =>
        RunAsync(write: true, async connection =>
        {
            await using var command = Command(connection, sql, parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    private SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$s", _serviceId);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    /// <summary>Runs <paramref name="work"/> on a pooled connection (a writer's pragmas when it writes), mapping an unusable file to <see cref="StoreUnavailableException"/>.</summary>
    private async Task<T> RunAsync<T>(bool write, Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await using var connection = write ? SqliteConnections.OpenWriter(_connectionString) : new SqliteConnection(_connectionString);
            if (!write)
            {
                await connection.OpenAsync(cancellationToken);
            }

            return await work(connection);
        }
        catch (SqliteException e) when (SqliteFailures.IsUnavailable(e))
        {
            LogUnavailable(e, _path);
            throw new StoreUnavailableException("The SQLite reminder table is unavailable.", e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Orleans reminders in SQLite file {Path} for service {ServiceId} (schema changed: {SchemaChanged})")]
    private partial void LogStarted(string path, string serviceId, bool schemaChanged);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SQLite reminder table in {Path} is unavailable")]
    private partial void LogUnavailable(Exception exception, string path);
}
