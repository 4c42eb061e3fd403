using System.Globalization;
using AccountGrains.Bench.StreamLatency;
using AccountGrains.Client;
using AccountGrains.Testing.Postgres;

// Usage: dotnet AccountGrains.Bench.StreamLatency.dll [locks=300] [scenarios=single,cross]
// Prints one markdown table row per scenario. Starts (and stops) its own silos and PostgreSQL.
var locks = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300;
var scenarios = (args.Length > 1 ? args[1] : "single,cross").Split(',');
Console.WriteLine("| scenario | locks | arrived | ack->arrival p50 | p99 | max | send->arrival p50 | p99 |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
foreach (var scenario in scenarios)
{
    var (name, result) = scenario switch
    {
        "single" => ("one silo, SQLite (in-process wake-up)", await SingleAsync(locks)),
        "cross" => ("two silos, PostgreSQL: Lock's grain on silo A, subscriber on silo B (NOTIFY)", await CrossAsync(locks)),
        _ => throw new ArgumentException($"Unknown scenario {scenario}."),
    };
    string F(List<double> s, double p) => LatencyRun.Result.Percentile(s, p).ToString("0.0", CultureInfo.InvariantCulture) + " ms";
    Console.WriteLine($"| {name} | {result.Locks} | {result.Arrived} | {F(result.FromAck, 0.5)} | {F(result.FromAck, 0.99)} | {F(result.FromAck, 1)} | {F(result.FromSend, 0.5)} | {F(result.FromSend, 0.99)} |");
}

static string[] Accounts(string prefix, int count) => [.. Enumerable.Range(0, count).Select(i => $"{prefix}-{i}-{Guid.NewGuid():N}"[..40])];

static async Task<LatencyRun.Result> SingleAsync(int locks)
{
    var folder = Directory.CreateTempSubdirectory("accountgrains-bench-stream-").FullName;
    try
    {
        var (silo, address) = await SiloLauncher.StartAsync(new() { ["AccountGrains__Storage__SqlitePath"] = Path.Combine(folder, "accounts.db"), ["Logging__LogLevel__Orleans"] = "Warning" });
        await using var _ = silo;
        using var locker = new AccountIntegrityClient(new AccountIntegrityClientOptions { Address = address });
        using var watcher = new AccountIntegrityClient(new AccountIntegrityClientOptions { Address = address });
        return await LatencyRun.MeasureAsync(locker, watcher, Accounts("single", locks + 1));
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}

static async Task<LatencyRun.Result> CrossAsync(int locks)
{
    await using var postgres = await PostgresServer.StartNewAsync(fsync: true);
    var connectionString = await postgres.CreateDatabaseAsync("streamlatency");
    var cluster = "bench-" + Guid.NewGuid().ToString("N")[..8];
    var silos = new List<(SiloLauncher Silo, Uri Address)>();
    try
    {
        for (var i = 0; i < 2; i++)
        {
            silos.Add(await SiloLauncher.StartAsync(new()
            {
                ["ConnectionStrings__AccountGrains"] = connectionString,
                ["Orleans__ClusterId"] = cluster,
                ["Orleans__ServiceId"] = cluster,
                ["Orleans__Endpoints__AdvertisedIPAddress"] = "127.0.0.1",
                ["Orleans__Endpoints__SiloPort"] = SiloLauncher.FreePort(),
                ["Orleans__Endpoints__GatewayPort"] = SiloLauncher.FreePort(),
                ["Logging__LogLevel__Orleans"] = "Warning",
            }));
        }

        using var locker = new AccountIntegrityClient(new AccountIntegrityClientOptions { Address = silos[0].Address });
        using var watcher = new AccountIntegrityClient(new AccountIntegrityClientOptions { Address = silos[1].Address });
        using var channelA = new AccountIntegrityChannel(new AccountIntegrityChannelOptions { Address = silos[0].Address });
        var adminA = new ClusterAdminClient(channelA);

        // Activate candidates through silo A, then keep those whose grain lives on A: their appends happen on A.
        var candidates = Accounts("cross", (locks + 1) * 3);
        await Parallel.ForEachAsync(candidates, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (a, ct) =>
            await locker.VerifyAsync(new AccountGrains.Contracts.V1.VerifyRequest { AccountId = a, Action = AccountGrains.Contracts.V1.Action.Login }, cancellationToken: ct));
        var onA = (await adminA.ListActivationsAsync()).AccountIds.ToHashSet();
        var accounts = candidates.Where(onA.Contains).Take(locks + 1).ToList();
        return await LatencyRun.MeasureAsync(locker, watcher, accounts);
    }
    finally
    {
        foreach (var (silo, _) in silos)
        {
            await silo.DisposeAsync();
        }
    }
}
