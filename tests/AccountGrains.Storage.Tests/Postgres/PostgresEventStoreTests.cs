using AccountGrains.Storage.Postgres;
using AccountGrains.Storage.Tests.Contract;
using Npgsql;

namespace AccountGrains.Storage.Tests.Postgres;

/// <summary>The store contract against a real PostgreSQL; each test in its own schema.</summary>
public sealed class PostgresEventStoreTests(PostgresDatabaseFixture database) : EventStoreContractTests, IClassFixture<PostgresDatabaseFixture>
{
    protected override Task<StoreHandle> OpenAsync(string location) =>
        Task.FromResult(new StoreHandle(new PostgresStore(new PostgresStoreOptions { ConnectionString = database.ConnectionString, Schema = location }), location));

    protected override async Task ExecuteSqlAsync(StoreHandle store, string sql, object? value = null)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var text = sql.Replace("{events}", store.Location + ".events", StringComparison.Ordinal)
            .Replace("{event_chain}", store.Location + ".event_chain", StringComparison.Ordinal);
        await using var command = new NpgsqlCommand(text, connection);
        if (value is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync();
    }
}
