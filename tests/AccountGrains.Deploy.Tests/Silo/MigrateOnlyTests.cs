using AccountGrains.Testing;
using AccountGrains.Silo.Hosting;
using AccountGrains.Testing.Postgres;
using Npgsql;

namespace AccountGrains.Deploy.Tests.Silo;

/// <summary>
/// The chart's migration Job runs the image with <c>--migrate-only</c>: the built silo, on a real PostgreSQL, applies
/// the schema (Orleans' cluster tables with it) and exits 0 without starting Orleans or listening; a second release
/// finds nothing to do; an unreachable database fails the Job.
/// </summary>
public sealed class MigrateOnlyTests
{
    private static readonly TimeSpan Within = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task MigrateOnly_AppliesTheSchema_AndExitsZero_WithoutJoiningOrListening()
    {
        var server = await PostgresServer.GetSharedAsync();
        var connectionString = await server.CreateDatabaseAsync("migrate");
        const string schema = "release_one";

        for (var release = 1; release <= 2; release++)
        {
            await using var silo = Job(connectionString, schema);
            Assert.Equal(0, await silo.ExitCodeAsync(Within));
            Assert.Contains("--migrate-only: the schema of the postgresql store", silo.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("listening on", silo.Output, StringComparison.Ordinal);
        }

        var tables = await TablesAsync(connectionString, schema);
        Assert.Contains("events", tables);
        Assert.Contains("silo_leases", tables);
        Assert.Contains("orleansmembershiptable", tables);
        Assert.Contains("orleansreminderstable", tables);

        // Migrated only: no silo joined the membership table.
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var members = new NpgsqlCommand($"SELECT count(*) FROM {schema}.orleansmembershiptable", connection);
        Assert.Equal(0L, await members.ExecuteScalarAsync());
    }

    [Fact]
    public async Task MigrateOnly_AgainstAnUnreachableDatabase_ExitsNonZero()
    {
        var unreachable = $"Host=127.0.0.1;Port={SiloProcess.FreePort()};Username=postgres;Database=none;Timeout=2";
        await using var silo = Job(unreachable, "accountgrains");
        Assert.Equal(MigrateOnly.FailedExitCode, await silo.ExitCodeAsync(Within));
        Assert.Contains("could not be applied", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("is current", silo.Output, StringComparison.Ordinal);
    }

    private static SiloProcess Job(string connectionString, string schema) => SiloProcess.Start(
        [MigrateOnly.Switch],
        [new("ConnectionStrings__AccountGrains", connectionString), new("AccountGrains__Storage__Schema", schema)]);

    private static async Task<HashSet<string>> TablesAsync(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT lower(table_name) FROM information_schema.tables WHERE table_schema = @schema", connection);
        command.Parameters.AddWithValue("schema", schema);
        var tables = new HashSet<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
