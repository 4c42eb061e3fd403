using Npgsql;

namespace AccountGrains.Bench.StoreLoad;

/// <summary>
/// PostgreSQL's own counters around a phase: transactions committed in the database and WAL flushes (fsyncs) on the
/// server. Per call they show what the load cannot: how many commits and disk flushes one Lock or one activation costs.
/// </summary>
internal static class ServerStats
{
    public static async Task<Sample> ReadAsync(string connectionString)
    {
        // Backends publish their counters when idle, at most once a second: wait that out so the phase is all counted.
        await Task.Delay(1200);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()), (SELECT wal_sync FROM pg_stat_wal)", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new Sample(reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Counters at one moment; subtract two to get a phase's.</summary>
    public sealed record Sample(long Commits, long WalSyncs)
    {
        public static Sample operator -(Sample after, Sample before) => new(after.Commits - before.Commits, after.WalSyncs - before.WalSyncs);

        public string PerCall(int calls) => FormattableString.Invariant($"{(double)Commits / calls:0.00} commits, {(double)WalSyncs / calls:0.00} WAL flushes");
    }
}
