using AccountGrains.Testing.Postgres;

namespace AccountGrains.Storage.Tests.Postgres;

/// <summary>One database of the shared test server per test class.</summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var server = await PostgresServer.GetSharedAsync();
        ConnectionString = await server.CreateDatabaseAsync("storage");
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
