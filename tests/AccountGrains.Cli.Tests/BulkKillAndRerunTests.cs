using System.Collections.Concurrent;
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
public sealed partial class BulkKillAndRerunTests(SiloFixture silo)
{
    private const int Accounts = 20_000;

    [Fact]
    public async Task BulkLock_KilledHalfwayAndRerun_LocksEveryAccountExactlyOnce()
    {
        var admin = silo.As("admin");
        var prefix = "k" + Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(1, Accounts).Select(i => $"{prefix}-{i}").ToList();
        var file = admin.WriteFile("compromised.txt", ids);
        string[] Args() => ["lock", "--from-file", file, "--reason", "COMPROMISED", "--note", "credential dump 2026-12", "--run-name", "dump-2026-12", "--concurrency", "32", "-o", "json"];

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

        var rerunStart = DateTimeOffset.UtcNow;
        var second = await admin.RunAsync(Args(), onStderrLine: null);
        Assert.True(second.ExitCode == 0, second.ToString());
        var summary = second.Json;
        var doneNow = summary.GetProperty("done_now").GetInt32();
        var alreadyDone = summary.GetProperty("already_done").GetInt32();
        Assert.Equal(0, summary.GetProperty("failed").GetInt32());
        Assert.Equal(Accounts, doneNow + alreadyDone);
        Assert.True(alreadyDone >= reportedBeforeKill, second.ToString());
        Assert.True(doneNow > 0, second.ToString());

        // Every account's history: one LockPlaced, and the re-run's "already done" is exactly those placed before it began.
        var placedBefore = 0;
        var wrong = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (id, ct) =>
        {
            var events = new List<Contracts.V1.HistoryEvent>();
            await foreach (var e in silo.Admin.ReadHistoryAsync(id, cancellationToken: ct))
            {
                events.Add(e);
            }

            var placed = events.Where(e => e.Type == "LockPlaced").ToList();
            if (placed.Count != 1)
            {
                wrong.Add($"{id}: {placed.Count} LockPlaced");
                return;
            }

            if (placed[0].At.ToDateTimeOffset() < rerunStart)
            {
                Interlocked.Increment(ref placedBefore);
            }
        });
        Assert.True(wrong.IsEmpty, string.Join("\n", wrong.Take(20)));
        Assert.Equal(placedBefore, alreadyDone);
    }

    [GeneratedRegex(@"^lock dump-2026-12: (?<done>\d+)/20000 ")]
    private static partial Regex Progress();
}
