using AccountGrains.Testing.Postgres;
using Npgsql;

namespace AccountGrains.Cluster.Tests.Support;

/// <summary>A fresh database for one test, plus the raw SQL a test uses to look behind the cluster's back.</summary>
internal sealed class TestDatabase(string connectionString)
{
    public string ConnectionString { get; } = connectionString;

    public static async Task<TestDatabase> CreateAsync(PostgresServer? server = null)
    {
        server ??= await PostgresServer.GetSharedAsync();
        return new TestDatabase(await server.CreateDatabaseAsync("cluster"));
    }

    /// <summary>How long ago the silo's last renewal ran, by the database's clock.</summary>
    public Task<TimeSpan> HeartbeatAgeAsync(string siloId) =>
        ScalarAsync<TimeSpan>("SELECT now() - heartbeat_at FROM accountgrains.silos WHERE silo_id = $1 ORDER BY generation DESC LIMIT 1", siloId);

    /// <summary>The silo holding the grain's directory row, or null.</summary>
    public async Task<string?> DirectoryOwnerAsync(string grainId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT silo_id FROM accountgrains.grain_directory WHERE grain_id = $1", connection) { Parameters = { new() { Value = grainId } } };
        return await command.ExecuteScalarAsync() as string;
    }

    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        await command.ExecuteNonQueryAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }
}
