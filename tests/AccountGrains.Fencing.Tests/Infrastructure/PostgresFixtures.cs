using AccountGrains.Testing.Postgres;
using Npgsql;

namespace AccountGrains.Fencing.Tests.Infrastructure;

/// <summary>One database of the shared test server per test class; each test takes its own schema.</summary>
public sealed class SharedDatabaseFixture : IAsyncLifetime
{
    private int _schemas;

    public string ConnectionString { get; private set; } = "";

    public string NewSchema(string prefix) => $"{prefix}_{Interlocked.Increment(ref _schemas)}_{Guid.NewGuid().ToString("N")[..6]}";

    public async Task InitializeAsync()
    {
        var server = await PostgresServer.GetSharedAsync();
        ConnectionString = await server.CreateDatabaseAsync("cluster");
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>A PostgreSQL server of the test class's own, which the tests stop and start.</summary>
public sealed class OwnServerFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Server = await PostgresServer.StartNewAsync();
        ConnectionString = await Server.CreateDatabaseAsync("fencing");
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>Small SQL helpers for asserting on the cluster's tables.</summary>
public static class Sql
{
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
