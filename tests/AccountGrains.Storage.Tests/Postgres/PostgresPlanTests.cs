using System.Text.RegularExpressions;
using AccountGrains.Storage.Postgres;
using AccountGrains.Storage.Postgres.Internal;
using Npgsql;

namespace AccountGrains.Storage.Tests.Postgres;

/// <summary>
/// The store's statements are prepared once per connection, so PostgreSQL may run them with a generic plan made whenever
/// that happened, often while the tables were new and their statistics said "tiny". A statement whose lookups can only be
/// index probes keeps its cost per request whatever the plan; one that joins against a table may scan all of it on every call.
/// </summary>
public sealed partial class PostgresPlanTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private const string Schema = "plans";

    /// <summary>Every statement of <see cref="PostgresSql"/>: the store's connections force generic plans (decision 0022), so each runs with one.</summary>
    public static TheoryData<string> Statements => [.. typeof(PostgresSql).GetProperties()
        .Where(p => p.PropertyType == typeof(string) && p.Name != nameof(PostgresSql.LogChannel))
        .Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Statements))]
    public async Task Statement_GenericPlanOnNewTables_ScansNoStoredTable(string statement)
    {
        await using (var store = new PostgresStore(new PostgresStoreOptions { ConnectionString = database.ConnectionString, Schema = Schema }))
        {
            await store.MigrateAsync();
        }

        var sql = (string)typeof(PostgresSql).GetProperty(statement)!.GetValue(new PostgresSql(Schema))!;
        var parameters = Parameter().Matches(sql).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await Execute(connection, "SET plan_cache_mode = force_generic_plan");
        await Execute(connection, $"PREPARE hot AS {sql}");
        var plan = new List<string>();
        await using (var explain = new NpgsqlCommand(parameters == 0 ? "EXPLAIN EXECUTE hot" : $"EXPLAIN EXECUTE hot({string.Join(", ", Enumerable.Repeat("NULL", parameters))})", connection))
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        var scans = plan.Where(line => SeqScanOfAStoredTable().IsMatch(line)).ToList();
        Assert.True(scans.Count == 0, $"{statement} scans a stored table in its generic plan:\n{string.Join('\n', plan)}");
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex(@"\$(\d+)")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"Seq Scan on (streams|events|idempotency_keys|snapshots)\b")]
    private static partial Regex SeqScanOfAStoredTable();
}
