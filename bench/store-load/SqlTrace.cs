using System.Diagnostics;
using Npgsql;

namespace AccountGrains.Bench.StoreLoad;

/// <summary>
/// Diagnosis only (STORELOAD_SQLTRACE=1): logs every statement the server runs while a few calls run one at a time,
/// then prints the server log of that window to stderr, each call's client-side time first.
/// </summary>
internal static class SqlTrace
{
    public static async Task RunAsync(string connectionString, IReadOnlyList<string> accounts, Func<string, Task> call)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        string logFile;
        await using (var dir = new NpgsqlCommand("SHOW data_directory", connection))
        {
            logFile = Path.Combine(Path.GetDirectoryName((string)(await dir.ExecuteScalarAsync())!)!, "server.log");
        }

        var start = new FileInfo(logFile).Length;
        await Execute(connection, "ALTER SYSTEM SET log_min_duration_statement = 0");
        await Execute(connection, "ALTER SYSTEM SET log_line_prefix = '%m [%p] '");
        await Execute(connection, "SELECT pg_reload_conf()");
        await Task.Delay(500);
        foreach (var account in accounts)
        {
            var t = Stopwatch.GetTimestamp();
            await call(account);
            Console.Error.WriteLine(FormattableString.Invariant($"{DateTime.UtcNow:HH:mm:ss.fff} {account}: {Stopwatch.GetElapsedTime(t).TotalMilliseconds:0.0} ms"));
        }

        await Execute(connection, "ALTER SYSTEM RESET log_min_duration_statement");
        await Execute(connection, "ALTER SYSTEM RESET log_line_prefix");
        await Execute(connection, "SELECT pg_reload_conf()");
        await using var log = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        log.Seek(start, SeekOrigin.Begin);
        Console.Error.WriteLine(await new StreamReader(log).ReadToEndAsync());
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
