namespace AccountGrains.Storage.Reports;

/// <summary>What a run of events changes in the report: counter increments and opened or closed intervals.</summary>
/// <param name="Counts">Counter increments, each added to its (day, metric, key, detail) row.</param>
/// <param name="Opened">Intervals that start (a COMPROMISED lock placed).</param>
/// <param name="Closed">Intervals that end (that lock lifted by a recovery); each closed open interval becomes a duration sample.</param>
/// <param name="Queued">Items entering or leaving the cross-account queues, in event order (<see cref="ReportQueues"/>).</param>
public sealed record ReportChanges(
    IReadOnlyList<ReportCount> Counts,
    IReadOnlyList<ReportIntervalStart> Opened,
    IReadOnlyList<ReportIntervalEnd> Closed,
    IReadOnlyList<QueueChange>? Queued = null)
{
    /// <summary>No change.</summary>
    public static ReportChanges None { get; } = new([], [], []);
}

/// <summary>An increment of one counter.</summary>
/// <param name="Day">The UTC day of the event.</param>
/// <param name="Metric">What is counted (<c>lock_placed</c>, <c>recovery_started</c>…).</param>
/// <param name="Key">The first dimension (a reason, a channel, an actor).</param>
/// <param name="Detail">The second dimension (<c>automatic</c>/<c>manual</c>, an action), or empty.</param>
/// <param name="Delta">How much to add.</param>
public sealed record ReportCount(DateOnly Day, string Metric, string Key, string Detail, long Delta);

/// <summary>An interval that starts: identified by account and id.</summary>
/// <param name="Metric">The interval's kind (<see cref="ReportMetrics.CompromisedLock"/>, <see cref="ReportMetrics.RecoveryAttempt"/>).</param>
/// <param name="AccountId">The account.</param>
/// <param name="Id">The interval's id within the account (a lock id, an attempt id).</param>
/// <param name="Label">What its sample is filed under (a lock reason, a channel).</param>
/// <param name="At">When it starts.</param>
public sealed record ReportIntervalStart(string Metric, string AccountId, string Id, string Label, DateTimeOffset At);

/// <summary>An interval that ends; ending one that was never opened changes nothing.</summary>
/// <param name="Metric">The interval's kind.</param>
/// <param name="AccountId">The account.</param>
/// <param name="Id">The interval's id within the account.</param>
/// <param name="Outcome">How it ended (<c>recovered</c>, <c>completed</c>, <c>burned</c>…).</param>
/// <param name="At">When it ends; the sample is filed under this instant's UTC day.</param>
public sealed record ReportIntervalEnd(string Metric, string AccountId, string Id, string Outcome, DateTimeOffset At);

/// <summary>The report's rows for a range of days.</summary>
/// <param name="Counts">The counters, summed over partitions, with <see cref="ReportCount.Delta"/> the total.</param>
/// <param name="Samples">Closed intervals: their metric, the day they ended and their length in microseconds.</param>
public sealed record ReportRows(IReadOnlyList<ReportCount> Counts, IReadOnlyList<ReportSample> Samples);

/// <summary>One closed interval.</summary>
/// <param name="Metric">Its kind.</param>
/// <param name="Label">Its label (from the start).</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Day">The UTC day it ended.</param>
/// <param name="Micros">Its length in microseconds.</param>
public sealed record ReportSample(string Metric, string Label, string Outcome, DateOnly Day, long Micros);
