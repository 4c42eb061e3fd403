using AccountGrains.Storage;
using AccountGrains.Storage.Postgres;
using AccountGrains.Storage.Sqlite;
using AccountGrains.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AccountGrains.Grains.Tests.Support;

/// <summary>
/// A store for one test (a fresh SQLite file or a fresh PostgreSQL database) and the durable reminder
/// table that goes with it, so a test can stop its silo and start another on the same data.
/// </summary>
public interface ITestStore : IAsyncDisposable
{
    IEventStore Events { get; }

    /// <summary>Registers the store's services and its reminder table on a silo.</summary>
    void Configure(ISiloBuilder silo);
}

internal sealed class SqliteTestStore(SqliteStore store, SqliteStoreOptions options, DirectoryInfo folder) : ITestStore
{
    public IEventStore Events => store;

    public static async Task<ITestStore> CreateAsync()
    {
        var folder = Directory.CreateTempSubdirectory("accountgrains-grains-");
        var options = new SqliteStoreOptions { Path = Path.Combine(folder.FullName, "accounts.db") };
        var store = new SqliteStore(options);
        await store.MigrateAsync();
        return new SqliteTestStore(store, options, folder);
    }

    public void Configure(ISiloBuilder silo)
    {
        silo.Services.AddSingleton(options);
        silo.UseSqliteReminderTable();
    }

    public async ValueTask DisposeAsync()
    {
        await store.DisposeAsync();
        folder.Delete(recursive: true);
    }
}

internal sealed class PostgresTestStore(PostgresStore store, string connectionString) : ITestStore
{
    public IEventStore Events => store;

    public string ConnectionString => connectionString;

    public IAccountCommitFeed CommitFeed => store.CommitFeed;

    public static async Task<ITestStore> CreateAsync()
    {
        var server = await PostgresServer.GetSharedAsync();
        var connectionString = await server.CreateDatabaseAsync("grains");
        var store = new PostgresStore(new PostgresStoreOptions { ConnectionString = connectionString });
        await store.MigrateAsync();
        return new PostgresTestStore(store, connectionString);
    }

    // Orleans' ADO.NET reminders on the tables and stored queries the store's migrator created; Orleans
    // reads its queries unqualified, so the connection's search path is the store's schema.
    // The commit feed as the silo host registers it: activations hear other silos' commits to their accounts.
    public void Configure(ISiloBuilder silo)
    {
        silo.Services.AddSingleton(store.CommitFeed);
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = "accountgrains" }.ConnectionString;
        });
    }

    public ValueTask DisposeAsync() => store.DisposeAsync();
}
