using AccountGrains.ClusterProcess.Tests.Load;

namespace AccountGrains.ClusterProcess.Tests.Checks;

/// <summary>How long after an event each account was served again through the remaining silos.</summary>
internal static class Failover
{
    /// <summary>
    /// Calls Verify on every account at once, each retried (by default 1 s per attempt, 50 ms apart, round-robin over
    /// the serving silos but <paramref name="avoidSlot"/>) until it succeeds; returns, per account, the time from
    /// <paramref name="since"/> to its first success.
    /// </summary>
    public static async Task<Dictionary<string, TimeSpan?>> MeasureAsync(
        LoadGenerator load, IEnumerable<string> accounts, TimeSpan since, TimeSpan giveUpAfter, TimeSpan? attemptDeadline = null, int? avoidSlot = null)
    {
        var probes = accounts.Select(async a =>
        {
            var op = await load.ExecuteAsync(a, OperationKind.Verify, attemptDeadline: attemptDeadline ?? TimeSpan.FromSeconds(1), retryBudget: giveUpAfter, avoidSlot: avoidSlot);
            return (Account: a, Time: op.Ok ? op.End - since : (TimeSpan?)null);
        }).ToList();
        var results = await Task.WhenAll(probes);
        return results.ToDictionary(r => r.Account, r => r.Time, StringComparer.Ordinal);
    }

    public static string Describe(Dictionary<string, TimeSpan?> times)
    {
        var served = times.Values.OfType<TimeSpan>().OrderBy(t => t).ToList();
        if (served.Count == 0)
        {
            return $"none of {times.Count} accounts served again";
        }

        return $"{served.Count}/{times.Count} accounts served again; min {served[0].TotalSeconds:F2}s, median {served[served.Count / 2].TotalSeconds:F2}s, max {served[^1].TotalSeconds:F2}s";
    }
}
