using AccountGrains.Storage;
using AccountGrains.Storage.Postgres;
using AccountGrains.Storage.Sqlite;
using AccountGrains.Testing.Postgres;

namespace AccountGrains.Grains.Tests.Support;

/// <summary>A store for one test: a fresh SQLite file or a fresh PostgreSQL database.</summary>
public interface ITestStore : IAsyncDisposable
{
    IEventStore Events { get; }

    IReminderStore Reminders { get; }
}

internal sealed class TestStore<TStore>(TStore store, Action? cleanup = null) : ITestStore
    where TStore : IEventStore, IReminderStore, IAsyncDisposable
{
    public IEventStore Events => store;

    public IReminderStore Reminders => store;

    public async ValueTask DisposeAsync()
    {
        await store.DisposeAsync();
        cleanup?.Invoke();
    }
}

internal static class StoreFactories
{
    public static async Task<ITestStore> SqliteAsync()
    {
        var folder = Directory.CreateTempSubdirectory("accountgrains-grains-");
        var store = new SqliteStore(new SqliteStoreOptions { Path = Path.Combine(folder.FullName, "accounts.db") });
        await store.MigrateAsync();
        return new TestStore<SqliteStore>(store, () => folder.Delete(recursive: true));
    }

    public static async Task<ITestStore> PostgresAsync()
    {
        var server = await PostgresServer.GetSharedAsync();
        var connectionString = await server.CreateDatabaseAsync("grains");
        var store = new PostgresStore(new PostgresStoreOptions { ConnectionString = connectionString });
        await store.MigrateAsync();
        return new TestStore<PostgresStore>(store);
    }
}
