using System.Diagnostics;

namespace AccountGrains.Bench.StoreLoad;

/// <summary>Runs one call per item, at most <c>concurrency</c> in flight, and times each call and the whole run.</summary>
internal static class LoadRun
{
    public static async Task<Result> RunAsync(IReadOnlyList<string> items, int concurrency, Func<string, Task> call)
    {
        var latencies = new double[items.Count];
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            // Each worker takes the next item as soon as its call returns: a closed loop with a fixed number in flight.
            for (var i = Interlocked.Increment(ref next); i < items.Count; i = Interlocked.Increment(ref next))
            {
                var t = Stopwatch.GetTimestamp();
                await call(items[i]);
                latencies[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }
        }));
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Array.Sort(latencies);
        return new Result(items.Count, items.Count / elapsed, Percentile(latencies, 0.5), Percentile(latencies, 0.99));
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>Calls made, calls per second over the whole run, and the per-call p50 / p99 in milliseconds.</summary>
    public sealed record Result(int Calls, double PerSecond, double P50, double P99);
}
