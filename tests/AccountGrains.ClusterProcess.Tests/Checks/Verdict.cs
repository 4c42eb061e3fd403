using AccountGrains.ClusterProcess.Tests.Harness;
using AccountGrains.ClusterProcess.Tests.Load;
using Grpc.Core;

namespace AccountGrains.ClusterProcess.Tests.Checks;

/// <summary>The checks every scenario ends with, and a summary of the load in the test output.</summary>
internal static class Verdict
{
    public static void Summarize(IReadOnlyList<Operation> ops, ITestOutputHelper log)
    {
        log.WriteLine($"{ops.Count} operations: {string.Join(", ", ops.GroupBy(o => o.Kind).Select(g => $"{g.Key} {g.Count()}"))}");
        log.WriteLine($"  ok {ops.Count(o => o.Ok)}, failed {ops.Count(o => !o.Ok)} ({string.Join(", ", ops.Where(o => !o.Ok).GroupBy(o => o.Status).Select(g => $"{g.Key} {g.Count()}"))})");
        var attempts = ops.SelectMany(o => o.Failures).ToList();
        log.WriteLine($"  failed attempts {attempts.Count} ({string.Join(", ", attempts.GroupBy(a => a.Status).Select(g => $"{g.Key} {g.Count()}"))})");
        foreach (var (op, attempt) in ops.SelectMany(o => o.Failures.Select(f => (o, f))).Where(x => x.f.Status != StatusCode.Unavailable).Take(5))
        {
            log.WriteLine($"    e.g. {attempt.Status} '{attempt.Detail}' at {attempt.Start.TotalSeconds:F2}s on {attempt.Silo}: {op}");
        }

        log.WriteLine($"  answered by: {string.Join(", ", ops.Where(o => o.Ok).GroupBy(o => o.Silo).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}");
    }

    /// <summary>
    /// How much later than its deadline an attempt may end: the client's timer and this process's thread pool run on
    /// a machine shared with builds. An attempt past it waited on something that ignored the deadline.
    /// </summary>
    public static readonly TimeSpan DeadlineSlack = TimeSpan.FromSeconds(1);

    /// <summary>Attempts (failed ones, and the one that answered) that took longer than their deadline plus <see cref="DeadlineSlack"/>.</summary>
    public static List<string> CallsPastTheirDeadline(IReadOnlyList<Operation> ops) =>
    [
        .. ops.SelectMany(o => o.Failures.Where(f => f.End - f.Start > o.AttemptDeadline + DeadlineSlack)
                .Select(f => $"{f.Status} after {(f.End - f.Start).TotalSeconds:F2}s (deadline {o.AttemptDeadline.TotalSeconds:F1}s) on {f.Silo}: {o}"))
            .Concat(ops.Where(o => o.Ok && o.End - o.LastAttemptStart > o.AttemptDeadline + DeadlineSlack)
                .Select(o => $"answered after {(o.End - o.LastAttemptStart).TotalSeconds:F2}s (deadline {o.AttemptDeadline.TotalSeconds:F1}s): {o}")),
    ];

    /// <summary>
    /// Acknowledged writes exactly once and in order; no ALLOW while locked; no Verify older than an acknowledged
    /// write; no attempt that outlived its deadline.
    /// </summary>
    public static async Task AssertHistoryIsSoundAsync(ClusterHarness cluster, LoadGenerator load, ITestOutputHelper log)
    {
        var ops = load.History;
        Summarize(ops, log);
        var histories = await HistoryChecks.ReadAsync(cluster, ops.Select(o => o.Account).Distinct());
        log.WriteLine($"  event log: {histories.Values.Sum(h => h.Count)} events over {histories.Count} accounts; uncertain accounts: {load.UncertainAccounts.Count}");
        var lost = HistoryChecks.AcknowledgedWritesExactlyOnceInOrder(ops, histories);
        var allow = HistoryChecks.NoAllowWhileLocked(ops);
        var stale = HistoryChecks.VerifyReadsItsWrites(ops);
        var late = CallsPastTheirDeadline(ops);
        Report("acknowledged writes exactly once, in order", lost, log);
        Report("no ALLOW after an acknowledged Lock", allow, log);
        Report("Verify reads acknowledged writes", stale, log);
        Report("no call waits past its deadline", late, log);
        Assert.True(lost.Count == 0, $"Invariant 1 (no lost or forked history) violated on {lost.Count} accounts:\n{string.Join('\n', lost.Take(3))}");
        Assert.True(allow.Count == 0, $"Invariant 2 (no ALLOW after an acknowledged Lock) violated on {allow.Count} accounts:\n{string.Join('\n', allow.Take(3))}");
        Assert.True(stale.Count == 0, $"Invariant 2 (read-your-writes) violated on {stale.Count} accounts:\n{string.Join('\n', stale.Take(3))}");
        Assert.True(late.Count == 0, $"{late.Count} attempts outlived their deadline:\n{string.Join('\n', late.Take(10))}");
    }

    private static void Report(string check, List<string> violations, ITestOutputHelper log) =>
        log.WriteLine($"  check '{check}': {(violations.Count == 0 ? "ok" : $"{violations.Count} accounts violate it")}");
}
