using System.Diagnostics.Metrics;
using AccountGrains.Storage;

namespace AccountGrains.Grains;

/// <summary>How late deadlines are written, on the product meter (<see cref="AccountGrainsMetrics.MeterName"/>).</summary>
internal static class DeadlineMetrics
{
    private static readonly Meter Meter = new(AccountGrainsMetrics.MeterName);

    private static readonly Histogram<double> Lag = Meter.CreateHistogram<double>(
        "accountgrains.deadline.lag",
        unit: "s",
        description: "How long after its deadline an expiry event (a lock's end, a recovery's expiry) was committed, by what woke the grain (timer or reminder).",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300] });

    private static readonly KeyValuePair<string, object?> FromTimer = new("source", "timer");
    private static readonly KeyValuePair<string, object?> FromReminder = new("source", "reminder");

    /// <summary>An expiry due at <paramref name="deadline"/> was committed at <paramref name="now"/>.</summary>
    public static void Expired(DateTimeOffset deadline, DateTimeOffset now, bool fromReminder)
    {
        var lag = now - deadline;
        Lag.Record(lag < TimeSpan.Zero ? 0 : lag.TotalSeconds, fromReminder ? FromReminder : FromTimer);
    }
}
