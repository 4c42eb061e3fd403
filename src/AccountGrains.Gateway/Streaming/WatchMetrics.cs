using System.Diagnostics.Metrics;
using AccountGrains.Storage;

namespace AccountGrains.Gateway;

/// <summary>
/// The <c>WatchEvents</c> subscribers' instruments on the product meter (<see cref="AccountGrainsMetrics.MeterName"/>).
/// All are observed: the tail computes them only when an exporter collects, so a watch pays nothing per event for them.
/// </summary>
internal static class WatchMetrics
{
    /// <summary>Creates the instruments over <paramref name="tail"/>; the factory's meter lives as long as the host.</summary>
    public static void Observe(IMeterFactory meters, EventLogTail tail)
    {
        var meter = meters.Create(AccountGrainsMetrics.MeterName);
        meter.CreateObservableGauge(
            "accountgrains.stream.subscriber.lag",
            tail.LargestLag,
            unit: "{event}",
            description: "Events between the log's end (as far as this silo has read it) and what the furthest-behind WatchEvents subscriber on this silo has been sent; 0 with none.");
        meter.CreateObservableGauge(
            "accountgrains.stream.subscribers",
            () => Subscribers(tail),
            unit: "{subscriber}",
            description: "WatchEvents calls on this silo, by phase: live (following the shared tail) or catching_up (reading the store).");
        meter.CreateObservableCounter(
            "accountgrains.stream.subscriber.overflows",
            () => tail.Overflows,
            unit: "{overflow}",
            description: "Times a subscriber's live buffer was full (the client read too slowly) and it fell back to reading the store.");
    }

    private static Measurement<int>[] Subscribers(EventLogTail tail)
    {
        var (live, catchingUp) = tail.CountWatching();
        return
        [
            new(live, new KeyValuePair<string, object?>("phase", "live")),
            new(catchingUp, new KeyValuePair<string, object?>("phase", "catching_up")),
        ];
    }
}
