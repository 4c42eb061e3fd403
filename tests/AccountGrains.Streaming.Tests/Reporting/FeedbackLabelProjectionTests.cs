using AccountGrains.Domain;
using AccountGrains.Storage.Reports;
using AccountGrains.Streaming.Reporting;

namespace AccountGrains.Streaming.Tests.Reporting;

/// <summary>The projection counts feedback labels per automatic rule and label, on the label's day, in the generic counters (no new table).</summary>
public sealed class FeedbackLabelProjectionTests
{
    private static readonly DateTimeOffset Day = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Labels_AreCountedPerRuleAndLabel()
    {
        var events = new[]
        {
            Logged("a", 1, new LockPlaced("lock-1", LockReason.BruteForce, Day.AddMinutes(15), null, Trip: 1), "system"),
            Logged("a", 2, new AutomaticLockLabelled("lock-1", LockReason.BruteForce, FeedbackLabel.FalsePositive), "console/agent-7"),
            Logged("b", 1, new LockPlaced("lock-1", LockReason.BruteForce, Day.AddMinutes(15), null, Trip: 1), "system"),
            Logged("b", 2, new AutomaticLockLabelled("lock-1", LockReason.BruteForce, FeedbackLabel.ConfirmedCompromise), "console/agent-8"),
            Logged("c", 1, new AutomaticLockLabelled("lock-9", LockReason.BruteForce, FeedbackLabel.FalsePositive), "console/agent-8"),
        };

        var changes = ReportProjection.Project(events);

        var labels = changes.Counts.Where(c => c.Metric == ReportMetrics.AutomaticLockLabel)
            .GroupBy(c => (c.Key, c.Detail)).ToDictionary(g => g.Key, g => g.Sum(c => c.Delta));
        Assert.Equal(2, labels[("BRUTE_FORCE", "FALSE_POSITIVE")]);
        Assert.Equal(1, labels[("BRUTE_FORCE", "CONFIRMED_COMPROMISE")]);
        Assert.Equal(2, changes.Counts.Where(c => c.Metric == ReportMetrics.LockPlaced && c.Detail == ReportMetrics.Automatic).Sum(c => c.Delta));
    }

    private static LoggedEvent Logged(string account, long seq, AccountEvent evt, string actor) =>
        new(account, seq, seq, AccountEventSerializer.TypeOf(evt), Day, actor, null, AccountEventSerializer.SerializePayload(evt));
}
