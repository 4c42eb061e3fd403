using AccountGrains.Storage.Postgres;
using AccountGrains.Storage.Sqlite;
using AccountGrains.Testing.Postgres;

namespace AccountGrains.Streaming.Tests.Support;

/// <summary>A fresh store per test: a new PostgreSQL database on the shared test server, or a new SQLite file.</summary>
internal static class TestDatabases
{
    public static async Task<PostgresStore> PostgresAsync()
    {
        var server = await PostgresServer.GetSharedAsync();
        var store = new PostgresStore(new PostgresStoreOptions { ConnectionString = await server.CreateDatabaseAsync("streams") });
        await store.MigrateAsync();
        return store;
    }

    public static async Task<SqliteStore> SqliteAsync()
    {
        var folder = Directory.CreateTempSubdirectory("accountgrains-streams-");
        var store = new SqliteStore(new SqliteStoreOptions { Path = Path.Combine(folder.FullName, "accounts.db") });
        await store.MigrateAsync();
        return store;
    }
}
