using AccountGrains.Storage.Sqlite;
using AccountGrains.Storage.Sqlite.Reminders;
using AccountGrains.Storage.Tests.Contract;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using static AccountGrains.Storage.Tests.Contract.Events;

namespace AccountGrains.Storage.Tests.Sqlite.Reminders;

/// <summary>The reminder table contract on SQLite files, and what the file adds: it outlives the table and holds the event store too.</summary>
public sealed class SqliteReminderTableTests : ReminderTableContractTests, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "accountgrains-reminders-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Table_ReopenedOnTheSameFile_ReadsBackTheRowsAndTheirETags()
    {
        var location = NewLocation();
        var grain = Grain("alice");
        string? etag;
        {
            var table = await OpenAsync(location);
            etag = await table.UpsertRow(Entry(grain, "expire"));
            await table.StopAsync();
        }

        SqliteConnection.ClearAllPools();
        var reopened = await OpenAsync(location);
        var read = await reopened.ReadRow(grain, "expire");
        var ring = await reopened.ReadRows(0, 0);

        Assert.NotNull(read);
        Assert.Equal(etag, read.ETag);
        Assert.Equal(StartAt, read.StartAt);
        Assert.Single(ring.Reminders);
        Assert.True(await reopened.RemoveRow(grain, "expire", etag!));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Table_AndEventStore_ShareOneFileAndOneSchemaHistory_WhicheverStartsFirst(bool storeFirst)
    {
        var options = Options(NewLocation());
        await using var store = new SqliteStore(options);
        var table = Table(options, "accountgrains-test");
        if (storeFirst)
        {
            await store.MigrateAsync();
            await table.StartAsync();
        }
        else
        {
            await table.StartAsync();
            await store.MigrateAsync();
        }

        var appended = await store.AppendBatchAsync([Append("alice", 0, "locked")]);
        var etag = await table.UpsertRow(Entry(Grain("alice"), "expire"));
        var read = await table.ReadRow(Grain("alice"), "expire");
        var versions = await SchemaVersions(options.Path);

        Assert.Equal(AppendStatus.Appended, appended[0].Status);
        Assert.Equal(etag, read?.ETag);
        Assert.Equal(Storage.Schema.SchemaScripts.Load(typeof(SqliteStore).Assembly).Select(s => (long)s.Version), versions);
    }

    protected override async Task<IReminderTable> OpenAsync(string location, string serviceId = "accountgrains-test")
    {
        var table = Table(Options(location), serviceId);
        await table.StartAsync();
        return table;
    }

    private static SqliteReminderTable Table(SqliteStoreOptions options, string serviceId) =>
        new(options, Microsoft.Extensions.Options.Options.Create(new ClusterOptions { ClusterId = "test", ServiceId = serviceId }), NullLogger<SqliteReminderTable>.Instance);

    private SqliteStoreOptions Options(string location) => new() { Path = Path.Combine(_folder, location, "accountgrains.db") };

    private static async Task<long[]> SchemaVersions(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_versions ORDER BY version";
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<long>();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt64(0));
        }

        return [.. versions];
    }
}
