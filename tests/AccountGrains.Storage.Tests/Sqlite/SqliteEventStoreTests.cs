using AccountGrains.Storage.Sqlite;
using AccountGrains.Storage.Tests.Contract;
using Microsoft.Data.Sqlite;

namespace AccountGrains.Storage.Tests.Sqlite;

/// <summary>The store contract against SQLite files; each test in its own file.</summary>
public sealed class SqliteEventStoreTests : EventStoreContractTests, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "accountgrains-sqlite-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    protected override Task<StoreHandle> OpenAsync(string location) =>
        Task.FromResult(new StoreHandle(new SqliteStore(new SqliteStoreOptions { Path = FileOf(location) }), location));

    protected override async Task ExecuteSqlAsync(StoreHandle store, string sql, object? value = null)
    {
        await using var connection = new SqliteConnection($"Data Source={FileOf(store.Location)};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql.Replace("{events}", "events", StringComparison.Ordinal).Replace("{event_chain}", "event_chain", StringComparison.Ordinal);
        if (value is not null)
        {
            command.Parameters.AddWithValue("$1", value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private string FileOf(string location) => Path.Combine(_folder, location, "events.db");
}
