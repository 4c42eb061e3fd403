using System.Globalization;
using System.Text.RegularExpressions;
using AccountGrains.Cli.Tests.Support;

namespace AccountGrains.Cli.Tests;

/// <summary>
/// Scaled enforcement survives being killed: 20,000 accounts locked from a file, acctctl killed (SIGKILL) once it has
/// reported half done, then re-run under the same run name. Every account ends with exactly one LockPlaced, and the
/// re-run reports as already done exactly the accounts the first run had locked.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed partial class BulkKillAndRerunTests(SiloFixture silo, Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Accounts = 20_000;

    [Fact]
    public async Task BulkLock_KilledHalfwayAndRerun_LocksEveryAccountExactlyOnce()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var admin = silo.As("admin");
        var prefix = "k" + Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(1, Accounts).Select(i => $"{prefix}-{i}").ToList();
        var file = admin.WriteFile("compromised.txt", ids);
        string[] Args() => ["lock", "--from-file", file, "--reason", "COMPROMISED", "--note", "credential dump 2026-12", "--run-name", "dump-2026-12", "--concurrency", "128", "-o", "json"];

        // Killed on the first progress line that says half or more is done.
        var reportedBeforeKill = 0;
        var first = await admin.RunAsync(Args(), (line, process) =>
        {
            if (Progress().Match(line) is { Success: true } m && int.Parse(m.Groups["done"].Value, CultureInfo.InvariantCulture) is var done && done >= Accounts / 2
                && Interlocked.CompareExchange(ref reportedBeforeKill, done, 0) == 0)
            {
                process.Kill();
            }
        });
        Assert.True(reportedBeforeKill >= Accounts / 2, first.ToString());
        Assert.NotEqual(0, first.ExitCode);
        Assert.Equal("", first.Stdout);

        output.WriteLine($"first run: killed after {clock.Elapsed.TotalSeconds:0} s");
        var rerunStart = DateTimeOffset.UtcNow;
        var second = await admin.RunAsync(Args(), onStderrLine: null);
        Assert.True(second.ExitCode == 0, second.ToString());
        output.WriteLine($"re-run done at {clock.Elapsed.TotalSeconds:0} s: {second.Stdout.Trim()}");
        var summary = second.Json;
        var doneNow = summary.GetProperty("done_now").GetInt32();
        var alreadyDone = summary.GetProperty("already_done").GetInt32();
        Assert.Equal(0, summary.GetProperty("failed").GetInt32());
        Assert.Equal(Accounts, doneNow + alreadyDone);
        Assert.True(alreadyDone >= reportedBeforeKill, second.ToString());
        Assert.True(doneNow > 0, second.ToString());

        // The whole log's LockPlaced events, read once in commit order up to a sentinel locked after both runs (a 20,000-call
        // history check would take longer than the runs): one LockPlaced per account, and the re-run's "already done" is
        // exactly those placed before it began.
        var sentinel = prefix + "-sentinel";
        await silo.Admin.LockAsync(sentinel, Contracts.V1.LockReason.Compromised);
        var placed = new Dictionary<string, List<DateTimeOffset>>(StringComparer.Ordinal);
        var filter = new Contracts.V1.EventFilter { EventTypes = { "LockPlaced" } };
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await foreach (var e in silo.Admin.WatchEventsAsync(0, filter, stop.Token))
        {
            if (e.AccountId == sentinel)
            {
                break;
            }

            if (e.AccountId.StartsWith(prefix + "-", StringComparison.Ordinal))
            {
                (placed.TryGetValue(e.AccountId, out var times) ? times : placed[e.AccountId] = []).Add(e.Time.ToDateTimeOffset());
            }
        }

        Assert.Equal(Accounts, placed.Count);
        var twice = placed.Where(kv => kv.Value.Count != 1).Select(kv => $"{kv.Key}: {kv.Value.Count} LockPlaced").Take(20).ToList();
        Assert.True(twice.Count == 0, string.Join("\n", twice));
        var placedBefore = placed.Values.Count(t => t[0] < rerunStart);
        output.WriteLine($"first run killed at {reportedBeforeKill} reported; {placedBefore} placed before the re-run; re-run: {doneNow} locked now, {alreadyDone} already done; {clock.Elapsed.TotalSeconds:0} s in all");
        Assert.Equal(placedBefore, alreadyDone);
    }

    [GeneratedRegex(@"^lock dump-2026-12: (?<done>\d+)/20000 ")]
    private static partial Regex Progress();
}
