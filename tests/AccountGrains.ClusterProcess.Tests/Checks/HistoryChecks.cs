using System.Text;
using System.Text.Json;
using AccountGrains.ClusterProcess.Tests.Harness;
using AccountGrains.ClusterProcess.Tests.Load;
using AccountGrains.Contracts.V1;
using Grpc.Core;

namespace AccountGrains.ClusterProcess.Tests.Checks;

/// <summary>
/// Checks over the recorded client history and the histories read back from the event log (GetHistory reads the
/// store). Each returns its violations, each with the account's client history, so a failure shows the evidence.
/// </summary>
internal static class HistoryChecks
{
    /// <summary>Reads every account's whole history through the serving silos (retrying, so it survives a failover).</summary>
    public static async Task<Dictionary<string, List<HistoryEvent>>> ReadAsync(ClusterHarness cluster, IEnumerable<string> accounts)
    {
        var histories = new Dictionary<string, List<HistoryEvent>>(StringComparer.Ordinal);
        var attempt = 0;
        foreach (var account in accounts)
        {
            for (var tries = 0; ; tries++)
            {
                var serving = cluster.ServingSlots;
                var slot = serving[attempt++ % serving.Count];
                try
                {
                    histories[account] = await ReadOneAsync(cluster, slot, account);
                    break;
                }
                catch (RpcException) when (tries < 10)
                {
                    await Task.Delay(200);
                }
            }
        }

        return histories;
    }

    /// <summary>Pages through one account's history on one silo, each page call with its own deadline.</summary>
    private static async Task<List<HistoryEvent>> ReadOneAsync(ClusterHarness cluster, int slot, string account)
    {
        var events = new List<HistoryEvent>();
        var request = new GetHistoryRequest { AccountId = account, PageSize = 1000 };
        while (true)
        {
            var page = await cluster.Client(slot).GetHistoryAsync(request, DateTimeOffset.UtcNow.AddSeconds(5));
            events.AddRange(page.Events);
            if (!page.HasMore)
            {
                return events;
            }

            request.AfterSeq = page.NextAfterSeq;
        }
    }

    /// <summary>
    /// Every acknowledged write is in its account's history exactly once, at the version it was acknowledged with,
    /// in acknowledged order; the history has no gap and no event that no client operation explains.
    /// </summary>
    public static List<string> AcknowledgedWritesExactlyOnceInOrder(IReadOnlyList<Operation> operations, IReadOnlyDictionary<string, List<HistoryEvent>> histories)
    {
        var violations = new List<string>();
        foreach (var (account, ops) in ByAccount(operations))
        {
            var events = histories.TryGetValue(account, out var h) ? h : [];
            var problems = new List<string>();
            for (var i = 0; i < events.Count; i++)
            {
                if (events[i].Seq != i + 1)
                {
                    problems.Add($"history seq {events[i].Seq} at position {i + 1} (gap or duplicate)");
                }
            }

            var identities = events.Select(e => (Event: e, Id: Identity(e))).ToList();
            var lastAcknowledged = 0L;
            foreach (var op in ops.Where(o => o.Ok && o.Kind != OperationKind.Verify))
            {
                if (op.Version <= lastAcknowledged)
                {
                    problems.Add($"{op} acknowledged version {op.Version} not after the previous acknowledged write's {lastAcknowledged}");
                }

                lastAcknowledged = Math.Max(lastAcknowledged, op.Version);
                var (type, id) = Expected(op);
                var count = identities.Count(x => x.Event.Type == type && x.Id == id);
                if (count != 1)
                {
                    problems.Add($"{op} is in the history {count} times");
                }

                var at = events.FirstOrDefault(e => e.Seq == op.Version);
                if (at is null || at.Type != type || Identity(at) != id)
                {
                    problems.Add($"{op}: the event at seq {op.Version} is {(at is null ? "missing" : $"{at.Type} {at.DataJson}")}");
                }
            }

            var explained = ops.Where(o => o.Kind != OperationKind.Verify).Select(o => Expected(o)).ToHashSet();
            var unknownLockOutcome = ops.Any(o => o.Kind == OperationKind.Lock && !o.Ok);
            foreach (var (e, id) in identities)
            {
                var isExplained = explained.Contains((e.Type, id)) || (e.Type == "LockPlaced" && unknownLockOutcome);
                if (!isExplained)
                {
                    problems.Add($"history event seq {e.Seq} {e.Type} {e.DataJson} matches no client operation");
                }
            }

            if (problems.Count > 0)
            {
                violations.Add(Describe(account, problems, ops, events));
            }
        }

        return violations;
    }

    /// <summary>
    /// No Verify answered ALLOW for an account when it started after a Lock on it was acknowledged and ended before
    /// the Unlock of that lock was sent (client timestamps only).
    /// </summary>
    public static List<string> NoAllowWhileLocked(IReadOnlyList<Operation> operations)
    {
        var violations = new List<string>();
        foreach (var (account, ops) in ByAccount(operations))
        {
            var windows = ops.Where(o => o.Ok && o.Kind == OperationKind.Lock)
                .Select(l => (Lock: l, From: l.End, Until: ops.Where(u => u.Kind == OperationKind.Unlock && u.LockId == l.LockId).Select(u => u.Start).DefaultIfEmpty(TimeSpan.MaxValue).Min()))
                .ToList();
            var problems = ops.Where(v => v.Ok && v.Kind == OperationKind.Verify && v.Decision == Decision.Allow)
                .SelectMany(v => windows.Where(w => v.Start > w.From && v.End < w.Until).Select(w => $"{v} ALLOW while {w.Lock} was in force"))
                .ToList();
            if (problems.Count > 0)
            {
                violations.Add(Describe(account, problems, ops, []));
            }
        }

        return violations;
    }

    /// <summary>A Verify that started after a write was acknowledged reports at least that write's version.</summary>
    public static List<string> VerifyReadsItsWrites(IReadOnlyList<Operation> operations)
    {
        var violations = new List<string>();
        foreach (var (account, ops) in ByAccount(operations))
        {
            var writes = ops.Where(o => o.Ok && o.Kind != OperationKind.Verify).ToList();
            var problems = ops.Where(v => v.Ok && v.Kind == OperationKind.Verify)
                .Select(v => (Verify: v, Before: writes.Where(w => w.End < v.Start).MaxBy(w => w.Version)))
                .Where(x => x.Before is not null && x.Verify.Version < x.Before.Version)
                .Select(x => $"{x.Verify} reports version {x.Verify.Version}, older than the acknowledged {x.Before}")
                .ToList();
            if (problems.Count > 0)
            {
                violations.Add(Describe(account, problems, ops, []));
            }
        }

        return violations;
    }

    private static IEnumerable<(string Account, List<Operation> Ops)> ByAccount(IReadOnlyList<Operation> operations) =>
        operations.GroupBy(o => o.Account, StringComparer.Ordinal).Select(g => (g.Key, g.OrderBy(o => o.Id).ToList()));

    private static (string Type, string? Id) Expected(Operation op) => op.Kind switch
    {
        OperationKind.Lock => ("LockPlaced", op.LockId),
        OperationKind.Unlock => ("LockLifted", op.LockId),
        _ => ("SignalRecorded", op.Device),
    };

    private static string? Identity(HistoryEvent e)
    {
        using var json = JsonDocument.Parse(e.DataJson.Length == 0 ? "{}" : e.DataJson);
        var name = e.Type == "SignalRecorded" ? "deviceId" : "lockId";
        return json.RootElement.TryGetProperty(name, out var value) ? value.GetString() : null;
    }

    private static string Describe(string account, List<string> problems, List<Operation> ops, List<HistoryEvent> events)
    {
        var text = new StringBuilder().AppendLine($"account {account}:");
        foreach (var p in problems.Take(10))
        {
            text.AppendLine("  ! " + p);
        }

        text.AppendLine("  client history:");
        foreach (var op in ops.TakeLast(40))
        {
            text.AppendLine("    " + op);
        }

        if (events.Count > 0)
        {
            text.AppendLine("  event log:");
            foreach (var e in events.TakeLast(40))
            {
                text.AppendLine($"    seq {e.Seq} {e.Type} {e.DataJson}");
            }
        }

        return text.ToString();
    }
}
