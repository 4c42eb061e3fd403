using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace AccountGrains.Bench.StoreLoad;

/// <summary>
/// pgbench on the store's own server and database, each transaction one INSERT of one event-sized row into a table
/// shaped like the store's events table (same columns, same keys), so the server's durability settings are the store's.
/// </summary>
internal sealed partial class PgBench
{
    private readonly NpgsqlConnectionStringBuilder _target;
    private readonly string _script;

    private PgBench(NpgsqlConnectionStringBuilder target, string script)
    {
        _target = target;
        _script = script;
    }

    /// <summary>The command line of one run, for the results (PORT/DB stand for this run's server).</summary>
    public static string CommandLine(int clients, int transactionsPerClient) =>
        $"pgbench -n -c {clients} -j {Math.Min(clients, 2)} -t {transactionsPerClient} -f insert-event.sql -h 127.0.0.1 -p PORT -U postgres DB";

    /// <summary>Creates the table and the script; the row carries as many data bytes as the store's events do on average.</summary>
    public static async Task<PgBench> CreateAsync(string connectionString, string folder)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand(
            """
            CREATE TABLE IF NOT EXISTS public.bench_events (LIKE accountgrains.events INCLUDING ALL);
            CREATE SEQUENCE IF NOT EXISTS public.bench_position;
            """, connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using var sample = new NpgsqlCommand("SELECT coalesce(avg(length(data)), 64)::int, coalesce(max(type), 'LockPlaced'), coalesce(max(actor), 'bench') FROM accountgrains.events", connection);
        await using var reader = await sample.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (bytes, type, actor) = (reader.GetInt32(0), reader.GetString(1), reader.GetString(2));

        // One row per transaction, a never-used key each time (a sequence, as the store's positions are unique too).
        var script = Path.Combine(folder, "insert-event.sql");
        await File.WriteAllTextAsync(script, string.Create(CultureInfo.InvariantCulture,
            $"INSERT INTO public.bench_events (account_id, seq, position, type, at, actor, reason, data) SELECT 'pgbench-' || p, 1, p, '{type}', now(), '{actor}', 'bench', decode(repeat('ab', {bytes}), 'hex') FROM nextval('public.bench_position') AS p;\n"));
        return new PgBench(new NpgsqlConnectionStringBuilder(connectionString), script);
    }

    /// <summary>Runs <paramref name="clients"/> clients for <paramref name="transactionsPerClient"/> transactions each; returns transactions per second.</summary>
    public async Task<double> RunAsync(int clients, int transactionsPerClient)
    {
        var start = new ProcessStartInfo(Tool(), [
            "-n", "-c", N(clients), "-j", N(Math.Min(clients, 2)), "-t", N(transactionsPerClient), "-f", _script,
            "-h", _target.Host!, "-p", N(_target.Port), "-U", _target.Username!, _target.Database!])
        { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var tps = Tps().Match(output);
        if (process.ExitCode != 0 || !tps.Success || !output.Contains("number of failed transactions: 0", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("pgbench failed:\n" + output);
        }

        return double.Parse(tps.Groups["tps"].Value, CultureInfo.InvariantCulture);
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Tool()
    {
        const string Debian = "/usr/lib/postgresql";
        var found = Directory.Exists(Debian)
            ? Directory.GetDirectories(Debian).Select(d => Path.Combine(d, "bin", "pgbench")).Where(File.Exists).Order().LastOrDefault()
            : null;
        return found ?? "pgbench";
    }

    [GeneratedRegex(@"tps = (?<tps>[0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();
}
