using System.Globalization;
using AccountGrains.Bench.StoreLoad;
using AccountGrains.Client;
using AccountGrains.Contracts.V1;
using AccountGrains.Testing;
using AccountGrains.Testing.Postgres;

// Usage: AccountGrains.Bench.StoreLoad [locksPerRound=4000] [rounds=5] [clients=16] [coldAccounts=100000] [bulkConcurrency=64] [summary=path]
// Starts (and stops) its own PostgreSQL (fsync on) and silo processes. Prints Markdown; writes key=value lines to summary.
var a = args;
int Arg(int i, int fallback) => a.Length > i ? int.Parse(a[i], CultureInfo.InvariantCulture) : fallback;
var locksPerRound = Arg(0, 4000);
var rounds = Arg(1, 5);
var clients = Arg(2, 16);
var coldAccounts = Arg(3, 100_000);
var bulkConcurrency = Arg(4, 64);
var summaryPath = a.Length > 5 ? a[5] : null;
var unloadedCold = Math.Min(2000, coldAccounts / 10);
var warmupCold = Math.Min(2000, coldAccounts / 20);
var summary = new List<string>();
void Note(string key, double value) => summary.Add(string.Create(CultureInfo.InvariantCulture, $"{key}={value:0.##}"));
string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
string F(double v, string format = "0") => v.ToString(format, CultureInfo.InvariantCulture);

await using var postgres = await PostgresServer.StartNewAsync(fsync: true, Statements.ServerSettings);
var connectionString = await postgres.CreateDatabaseAsync("storeload");
var folder = Directory.CreateTempSubdirectory("accountgrains-bench-store-").FullName;
var cluster = "bench-" + Guid.NewGuid().ToString("N")[..8];
Dictionary<string, string?> SiloEnvironment()
{
    var environment = BaseEnvironment();

    // STORELOAD_SILO_ENV="Name=value;Name=value" adds silo settings, to measure what one setting changes.
    foreach (var pair in (Environment.GetEnvironmentVariable("STORELOAD_SILO_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
    {
        environment[pair[..pair.IndexOf('=', StringComparison.Ordinal)]] = pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..];
    }

    return environment;
}

Dictionary<string, string?> BaseEnvironment() => new()
{
    ["ConnectionStrings__AccountGrains"] = connectionString,
    ["Orleans__ClusterId"] = cluster,
    ["Orleans__ServiceId"] = cluster,
    ["Orleans__Endpoints__AdvertisedIPAddress"] = "127.0.0.1",
    ["Orleans__Endpoints__SiloPort"] = SiloProcess.FreePort().ToString(CultureInfo.InvariantCulture),
    ["Orleans__Endpoints__GatewayPort"] = SiloProcess.FreePort().ToString(CultureInfo.InvariantCulture),
    ["Logging__LogLevel__Orleans"] = "Warning",
    ["AccountGrains__Dashboard__Enabled"] = "false",
};
var batch = 0;
string[] Fresh(string prefix, int count)
{
    var b = Interlocked.Increment(ref batch);
    return [.. Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{b}-{i:D7}"))];
}

async Task<(T Result, ServerStats.Sample Stats)> Counted<T>(Func<Task<T>> phase)
{
    var before = await ServerStats.ReadAsync(connectionString);
    var result = await phase();
    return (result, await ServerStats.ReadAsync(connectionString) - before);
}

// A generous deadline: on a machine shared with other work a call may queue for seconds; the bench measures, it does not
// judge. A silo whose lease went stale under that load answers UNAVAILABLE (fenced) until it renews: such a call is
// retried (safe: Verify reads, each Lock carries an idempotency key), counted, and its latency includes the retries.
var retried = 0;
async Task Retrying(Func<Task> call)
{
    for (var attempt = 1; ; attempt++)
    {
        try
        {
            await call();
            return;
        }
        catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.Unavailable && attempt < 100)
        {
            Interlocked.Increment(ref retried);
            await Task.Delay(50);
        }
    }
}

Task Lock(AccountIntegrityClient client, string account) => Retrying(() => client.LockAsync(
    new LockRequest { AccountId = account, Reason = LockReason.PolicyViolation, IdempotencyKey = "bench-" + account }, DateTimeOffset.UtcNow.AddMinutes(1)));
Task Verify(AccountIntegrityClient client, string account) => Retrying(() => client.VerifyAsync(
    new VerifyRequest { AccountId = account, Action = AccountGrains.Contracts.V1.Action.Login }, DateTimeOffset.UtcNow.AddMinutes(1)));

try
{
    var (silo, address) = await SiloProcess.StartAsync(SiloEnvironment());
    string[] history;
    await using (silo)
    {
        using var client = new AccountIntegrityClient(new AccountIntegrityClientOptions { Address = address });
        Console.Error.WriteLine("warm-up: 2,000 Locks");
        await LoadRun.RunAsync(Fresh("warm", 2000), clients, x => Lock(client, x));
        var pgbench = await PgBench.CreateAsync(connectionString, folder);
        var perClient = Math.Max(1, locksPerRound / clients);
        await pgbench.RunAsync(clients, Math.Max(1, perClient / 4));

        // Alternating rounds: odd rounds run the gateway first, even rounds pgbench first.
        var gateway = new List<LoadRun.Result>();
        var database = new List<double>();
        var gatewayStats = new ServerStats.Sample(0, 0);
        var databaseStats = new ServerStats.Sample(0, 0);
        var loads = new List<string> { Load() };
        await Statements.ResetAsync(connectionString);
        for (var round = 1; round <= rounds; round++)
        {
            for (var turn = 0; turn < 2; turn++)
            {
                if ((turn == 0) == (round % 2 == 1))
                {
                    var (r, stats) = await Counted(() => LoadRun.RunAsync(Fresh("lock", perClient * clients), clients, x => Lock(client, x)));
                    gateway.Add(r);
                    gatewayStats = new(gatewayStats.Commits + stats.Commits, gatewayStats.WalSyncs + stats.WalSyncs);
                }
                else
                {
                    var (r, stats) = await Counted(() => pgbench.RunAsync(clients, perClient));
                    database.Add(r);
                    databaseStats = new(databaseStats.Commits + stats.Commits, databaseStats.WalSyncs + stats.WalSyncs);
                }
            }

            loads.Add(Load());
            Console.Error.WriteLine($"round {round}: gateway {F(gateway[^1].PerSecond)} locks/s (p50 {F(gateway[^1].P50, "0.0")} ms, p99 {F(gateway[^1].P99, "0.0")} ms), pgbench {F(database[^1])} tps; load {loads[^1]}");
        }

        await Statements.PrintAsync(connectionString, "the Lock rounds", rounds * perClient * clients);
        var lockRate = Median(gateway.Select(g => g.PerSecond));
        var pgRate = Median(database);
        Note("lock_per_s", lockRate);
        Note("lock_p50_ms", Median(gateway.Select(g => g.P50)));
        Note("lock_p99_ms", Median(gateway.Select(g => g.P99)));
        Note("pgbench_tps", pgRate);
        Note("lock_ratio", lockRate / pgRate);
        Console.WriteLine($"## Durable Lock on distinct accounts vs pgbench ({clients} clients each, {rounds} alternating rounds, {perClient * clients} per round)");
        Console.WriteLine();
        Console.WriteLine($"- Gateway: `{clients}` concurrent `AccountIntegrityClient.LockAsync` on never-locked accounts, one silo on PostgreSQL (fsync on, synchronous_commit on: the store's settings). pgbench: `{PgBench.CommandLine(clients, perClient)}` on the same server and database.");
        Console.WriteLine($"- 1-minute load average at the start and after each round: {string.Join(", ", loads)}.");
        Console.WriteLine();
        Console.WriteLine("| round | gateway Locks/s | p50 | p99 | pgbench tps | ratio |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        for (var i = 0; i < rounds; i++)
        {
            Console.WriteLine($"| {i + 1} | {F(gateway[i].PerSecond)} | {F(gateway[i].P50, "0.0")} ms | {F(gateway[i].P99, "0.0")} ms | {F(database[i])} | {F(gateway[i].PerSecond / database[i], "0.00")} |");
        }

        Console.WriteLine($"| **median** | **{F(lockRate)}** | | | **{F(pgRate)}** | **{F(lockRate / pgRate, "0.00")}** |");
        Console.WriteLine();
        var calls = rounds * perClient * clients;
        Console.WriteLine($"PostgreSQL's counters (pg_stat_database, pg_stat_wal) per call: gateway Lock {gatewayStats.PerCall(calls)}; pgbench transaction {databaseStats.PerCall(calls)}.");
        Console.WriteLine();
        Note("lock_commits_per_call", (double)gatewayStats.Commits / calls);
        Note("lock_walsyncs_per_call", (double)gatewayStats.WalSyncs / calls);
        Note("pgbench_walsyncs_per_call", (double)databaseStats.WalSyncs / calls);

        // Bulk enforcement: what an operator's script locking a list of accounts gets, and the accounts cold activation reads.
        history = Fresh("bulk", coldAccounts);
        var loadBefore = Load();
        var (bulk, bulkStats) = await Counted(() => LoadRun.RunAsync(history, bulkConcurrency, x => Lock(client, x)));
        var bulkPg = await pgbench.RunAsync(bulkConcurrency, Math.Max(1, Math.Min(coldAccounts, 20_000) / bulkConcurrency));
        Note("bulk_per_s", bulk.PerSecond);
        Note("bulk_pgbench_tps", bulkPg);
        Console.WriteLine($"## Bulk enforcement: {F(coldAccounts, "N0")} accounts locked through the .NET client, {bulkConcurrency} in flight");
        Console.WriteLine();
        Console.WriteLine($"| accounts locked/s | p50 | p99 | pgbench tps at {bulkConcurrency} clients (`{PgBench.CommandLine(bulkConcurrency, Math.Max(1, Math.Min(coldAccounts, 20_000) / bulkConcurrency))}`) | ratio | load before/after |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---|");
        Console.WriteLine($"| {F(bulk.PerSecond)} | {F(bulk.P50, "0.0")} ms | {F(bulk.P99, "0.0")} ms | {F(bulkPg)} | {F(bulk.PerSecond / bulkPg, "0.00")} | {loadBefore} / {Load()} |");
        Console.WriteLine();
        Console.WriteLine($"PostgreSQL's counters per bulk Lock: {bulkStats.PerCall(bulk.Calls)}.");
        Console.WriteLine();
    }

    // Cold activation: a new silo on the same database holds no activation; every account has its Lock in the store.
    var (cold, coldAddress) = await SiloProcess.StartAsync(SiloEnvironment());
    await using (cold)
    {
        using var client = new AccountIntegrityClient(new AccountIntegrityClientOptions { Address = coldAddress });
        // The silo's code warms on accounts that are not measured, the never-seen path and the path of accounts with
        // history, and tiered compilation gets time to install what it promoted: the figures below are the accounts'
        // activation, not the new process's JIT.
        await LoadRun.RunAsync(Fresh("coldwarmup", 500), clients, x => Verify(client, x));
        if (Environment.GetEnvironmentVariable("STORELOAD_SQLTRACE") is { Length: > 0 })
        {
            // Diagnosis: every statement PostgreSQL runs during ten cold Verifys, then ten Locks on new accounts, one at a time.
            await SqlTrace.RunAsync(connectionString, history[^10..], x => Verify(client, x));
            await SqlTrace.RunAsync(connectionString, Fresh("tracelock", 10), x => Lock(client, x));
        }

        // After the trace, whose ten accounts are among these and must still be cold for it.
        await LoadRun.RunAsync(history[^warmupCold..], clients, x => Verify(client, x));
        await Task.Delay(TimeSpan.FromSeconds(2));

        var unloaded = history[..unloadedCold];
        var loaded = history[unloadedCold..^warmupCold];
        var loadBefore = Load();
        await Statements.ResetAsync(connectionString);
        var (coldOne, coldOneStats) = await Counted(() => LoadRun.RunAsync(unloaded, 1, x => Verify(client, x)));
        await Statements.PrintAsync(connectionString, "the cold Verifys one at a time", coldOne.Calls);
        var (coldMany, coldManyStats) = await Counted(() => LoadRun.RunAsync(loaded, clients, x => Verify(client, x)));
        var warmMany = await LoadRun.RunAsync(loaded, clients, x => Verify(client, x));
        var warmOne = await LoadRun.RunAsync(unloaded, 1, x => Verify(client, x));
        var loadAfter = Load();
        Note("cold_per_s", coldMany.PerSecond);
        Note("cold_p99_ms", coldMany.P99);
        Note("cold_one_p99_ms", coldOne.P99);
        Note("cold_warm_ratio", coldMany.PerSecond / warmMany.PerSecond);
        Console.WriteLine($"## Cold activation: Verify on accounts with history in the store and no live activation (a freshly started silo)");
        Console.WriteLine();
        Console.WriteLine($"Baseline: the same Verify on the same accounts right after, now warm. Load average before/after: {loadBefore} / {loadAfter}.");
        Console.WriteLine();
        Console.WriteLine("| pass | accounts | in flight | Verify/s | p50 | p99 |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, r, c) in new[] { ("cold", coldMany, clients), ("warm (baseline)", warmMany, clients), ("cold, one at a time", coldOne, 1), ("warm, one at a time (baseline)", warmOne, 1) })
        {
            Console.WriteLine($"| {name} | {F(r.Calls, "N0")} | {c} | {F(r.PerSecond)} | {F(r.P50, "0.00")} ms | {F(r.P99, "0.00")} ms |");
        }

        Console.WriteLine();
        Console.WriteLine($"PostgreSQL's counters per cold Verify: {coldManyStats.PerCall(coldMany.Calls)} (one at a time: {coldOneStats.PerCall(coldOne.Calls)}).");
        Console.WriteLine();
        Note("cold_commits_per_call", (double)coldManyStats.Commits / coldMany.Calls);
    }
}
finally
{
    Directory.Delete(folder, recursive: true);
    Console.WriteLine($"Calls retried after UNAVAILABLE (the silo fenced itself: its lease went stale under the machine's load): {retried}.");
    Note("retried", retried);
    if (summaryPath is not null)
    {
        await File.WriteAllLinesAsync(summaryPath, summary);
    }
}

static double Median(IEnumerable<double> values)
{
    var v = values.Order().ToArray();
    return v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2;
}
