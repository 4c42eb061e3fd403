using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AccountGrains.Storage;

/// <summary>
/// The product's meter, <see cref="MeterName"/>, shared by every AccountGrains assembly (each creates its own
/// <see cref="Meter"/> of that name; a listener subscribes by name). docs/telemetry.md lists every instrument.
/// </summary>
public static class AccountGrainsMetrics
{
    /// <summary>The name of the product's meter: what a telemetry pipeline subscribes to.</summary>
    public const string MeterName = "AccountGrains";
}

/// <summary>The group-commit writer's instruments: one batch costs a few instrument calls, a caller none.</summary>
internal static class StoreMetrics
{
    private static readonly Meter Meter = new(AccountGrainsMetrics.MeterName);

    private static readonly Histogram<double> AppendDuration = Meter.CreateHistogram<double>(
        "accountgrains.store.append.duration",
        unit: "s",
        description: "Time of one batched append to the event store (one round trip, one transaction).",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });

    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>(
        "accountgrains.store.append.batch_size",
        unit: "{append}",
        description: "Appends carried by one batch of the group-commit writer.",
        tags: null,
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });

    private static readonly Counter<long> Conflicts = Meter.CreateCounter<long>(
        "accountgrains.store.append.conflicts",
        unit: "{append}",
        description: "Appends refused because the account's stream was not at the expected version (another writer was first).");

    private static readonly Counter<long> Failures = Meter.CreateCounter<long>(
        "accountgrains.store.append.failures",
        unit: "{batch}",
        description: "Batches the store failed (every append in them failed with it).");

    /// <summary>A batch of <paramref name="size"/> appends started at <paramref name="startedAt"/> (a <see cref="Stopwatch"/> timestamp) was answered.</summary>
    public static void Appended(long startedAt, int size, IReadOnlyList<AppendResult> results)
    {
        if (AppendDuration.Enabled)
        {
            AppendDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds);
        }

        BatchSize.Record(size);
        if (Conflicts.Enabled)
        {
            var conflicts = 0;
            foreach (var result in results)
            {
                conflicts += result.Status == AppendStatus.Conflict ? 1 : 0;
            }

            if (conflicts > 0)
            {
                Conflicts.Add(conflicts);
            }
        }
    }

    /// <summary>A batch failed after <paramref name="startedAt"/>.</summary>
    public static void Failed(long startedAt)
    {
        AppendDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, new KeyValuePair<string, object?>("error.type", "store_failed"));
        Failures.Add(1);
    }
}
