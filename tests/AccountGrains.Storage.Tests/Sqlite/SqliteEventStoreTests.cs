using AccountGrains.Storage.Sqlite;
using AccountGrains.Storage.Tests.Contract;

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
        Task.FromResult(new StoreHandle(new SqliteStore(new SqliteStoreOptions { Path = Path.Combine(_folder, location, "events.db") }), location));
}
