using System.Globalization;
using Npgsql;

namespace AccountGrains.Bench.StoreLoad;

/// <summary>
/// Diagnosis only (STORELOAD_STATEMENTS=1): the server loads pg_stat_statements, and after the Lock rounds the bench
/// prints where PostgreSQL's execution and planning time went, statement by statement, to split a Lock's CPU between
/// the database and the silo; the same for the cold Verifys one at a time.
/// </summary>
internal static class Statements
{
    public static bool Enabled => Environment.GetEnvironmentVariable("STORELOAD_STATEMENTS") is { Length: > 0 };

    private static readonly string[] StatementSettings =
        ["pg_stat_statements.track = 'all'", "pg_stat_statements.track_planning = on"];

    /// <summary>STORELOAD_STATEMENTS=explain also logs the plan of every statement slower than 2 ms to the server's log (auto_explain).</summary>
    public static IReadOnlyList<string> ServerSettings => Environment.GetEnvironmentVariable("STORELOAD_STATEMENTS") switch
    {
        null or "" => [],
        "explain" =>
        [
            "shared_preload_libraries = 'pg_stat_statements,auto_explain'", .. StatementSettings,
            "auto_explain.log_min_duration = '2ms'", "auto_explain.log_analyze = on", "auto_explain.log_buffers = on",
        ],
        _ => ["shared_preload_libraries = 'pg_stat_statements'", .. StatementSettings],
    };

    public static async Task ResetAsync(string connectionString)
    {
        if (Enabled)
        {
            await ExecuteAsync(connectionString, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();");
        }
    }

    public static async Task PrintAsync(string connectionString, string phase, long calls)
    {
        if (!Enabled)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT calls, total_exec_time, total_plan_time, rows, left(regexp_replace(query, '\s+', ' ', 'g'), 110)
            FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 20
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        Console.Error.WriteLine($"pg_stat_statements over {phase} ({calls} calls): calls, exec ms, plan ms, ms per call, rows, query");
        while (await reader.ReadAsync())
        {
            var exec = reader.GetDouble(1);
            var plan = reader.GetDouble(2);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{reader.GetInt64(0),9} {exec,10:0} {plan,8:0} {(exec + plan) / calls,7:0.000} {reader.GetInt64(3),9}  {reader.GetString(4)}"));
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
