using AccountGrains.Storage.Postgres;
using AccountGrains.Storage.Tests.Contract;

namespace AccountGrains.Storage.Tests.Postgres;

/// <summary>The store contract against a real PostgreSQL; each test in its own schema.</summary>
public sealed class PostgresEventStoreTests(PostgresDatabaseFixture database) : EventStoreContractTests, IClassFixture<PostgresDatabaseFixture>
{
    protected override Task<StoreHandle> OpenAsync(string location) =>
        Task.FromResult(new StoreHandle(new PostgresStore(new PostgresStoreOptions { ConnectionString = database.ConnectionString, Schema = location }), location));
}
