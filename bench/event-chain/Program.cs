using System.Diagnostics;
using System.Globalization;
using System.Text;
using AccountGrains.Storage;
using AccountGrains.Storage.Sqlite;

// Usage: dotnet run -c Release --project bench/event-chain [iterations]
// One event's chain hash (EventChain.Next), as the store computes it per appended event, for a typical payload (a
// LockPlaced event's JSON is about 200 bytes) and a large one: the median of 7 timed runs after a warm-up, and the bytes
// allocated per hash. For scale, in the same process and moment: one append of one event to the SQLite store (which
// hashes it), through the store's whole path, median of 500.
var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
foreach (var payload in new[] { 200, 2000 })
{
    var data = new EventData("LockPlaced", DateTimeOffset.UtcNow, "agents-svc/agent-7", "policy violation", Encoding.UTF8.GetBytes(new string('x', payload)));
    Run(data, iterations / 10);
    var runs = new List<double>();
    long allocated = 0;
    for (var r = 0; r < 7; r++)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        Run(data, iterations);
        runs.Add(watch.Elapsed.TotalNanoseconds / iterations);
        allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / iterations;
    }

    runs.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"payload {payload,5} B: {runs[3],8:F0} ns per hash (min {runs[0]:F0}, max {runs[^1]:F0}), {allocated} B allocated"));
}

var folder = Directory.CreateTempSubdirectory("accountgrains-chain-bench-");
try
{
    await using var store = new SqliteStore(new SqliteStoreOptions { Path = Path.Combine(folder.FullName, "bench.db") });
    await store.MigrateAsync();
    var evt = new EventData("LockPlaced", DateTimeOffset.UtcNow, "agents-svc/agent-7", "policy violation", Encoding.UTF8.GetBytes(new string('x', 200)));
    var times = new List<double>();
    for (var v = 0; v < 550; v++)
    {
        var watch = Stopwatch.StartNew();
        await store.AppendBatchAsync([new AppendRequest("bench", v, [evt])]);
        if (v >= 50)
        {
            times.Add(watch.Elapsed.TotalNanoseconds);
        }
    }

    times.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SQLite append of one event (hash included): {times[times.Count / 2] / 1000,8:F0} us median, p90 {times[times.Count * 9 / 10] / 1000:F0} us"));
}
finally
{
    folder.Delete(recursive: true);
}

static void Run(EventData data, int count)
{
    var previous = EventChain.Genesis.ToArray();
    for (var i = 0; i < count; i++)
    {
        previous = EventChain.Next(previous, "account-1234567890", i + 1, data);
    }
}
