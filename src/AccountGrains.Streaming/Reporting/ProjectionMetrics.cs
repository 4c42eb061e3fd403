using System.Diagnostics.Metrics;
using AccountGrains.Storage;

namespace AccountGrains.Streaming.Reporting;

/// <summary>The reporting projection's lag on the product meter (<see cref="AccountGrainsMetrics.MeterName"/>).</summary>
internal static class ProjectionMetrics
{
    private static readonly Meter Meter = new(AccountGrainsMetrics.MeterName);

    private static readonly Histogram<double> Lag = Meter.CreateHistogram<double>(
        "accountgrains.reporting.projection.lag",
        unit: "s",
        description: "How long after an event happened the reporting projection committed it (the last event of each applied run): how stale GetReport is.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600] });

    /// <summary>A run whose last event happened at <paramref name="at"/> was committed to the reports now.</summary>
    public static void Applied(DateTimeOffset at)
    {
        if (Lag.Enabled)
        {
            var lag = DateTimeOffset.UtcNow - at;
            Lag.Record(lag < TimeSpan.Zero ? 0 : lag.TotalSeconds);
        }
    }
}
