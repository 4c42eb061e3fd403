using System.Collections.Concurrent;
using System.Diagnostics;
using AccountGrains.Client;
using AccountGrains.Contracts.V1;

namespace AccountGrains.Bench.StreamLatency;

/// <summary>
/// Locks accounts one at a time through one client while another client watches them on (possibly) another silo, and
/// times each event from the Lock's acknowledgement (and from its send) to its arrival at the watcher.
/// </summary>
internal static class LatencyRun
{
    public static async Task<Result> MeasureAsync(AccountIntegrityClient locker, AccountIntegrityClient watcher, IReadOnlyList<string> accounts)
    {
        var arrived = new ConcurrentDictionary<string, long>();
        using var stop = new CancellationTokenSource();
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var filter = new EventFilter { EventTypes = { "LockPlaced" }, AccountIds = { accounts } };
        var watching = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in watcher.WatchEventsAsync(0, filter, stop.Token))
                {
                    arrived.TryAdd(e.AccountId, Stopwatch.GetTimestamp());
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        });

        // A first Lock, not measured, proves the stream live before timing starts.
        await locker.LockAsync(new LockRequest { AccountId = accounts[0], Reason = LockReason.PolicyViolation });
        while (!arrived.ContainsKey(accounts[0]))
        {
            await Task.Delay(10);
        }

        var sent = new Dictionary<string, long>();
        var acked = new Dictionary<string, long>();
        foreach (var account in accounts.Skip(1))
        {
            sent[account] = Stopwatch.GetTimestamp();
            await locker.LockAsync(new LockRequest { AccountId = account, Reason = LockReason.PolicyViolation });
            acked[account] = Stopwatch.GetTimestamp();

            // One at a time: each Lock's latency unloaded by the others.
            var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10;
            while (!arrived.ContainsKey(account) && Stopwatch.GetTimestamp() < until)
            {
                await Task.Yield();
            }
        }

        await stop.CancelAsync();
        await watching;
        var fromAck = acked.Keys.Where(arrived.ContainsKey).Select(a => Ms(arrived[a] - acked[a])).Order().ToList();
        var fromSend = sent.Keys.Where(arrived.ContainsKey).Select(a => Ms(arrived[a] - sent[a])).Order().ToList();
        return new Result(acked.Count, fromAck.Count, fromAck, fromSend);
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    public sealed record Result(int Locks, int Arrived, List<double> FromAck, List<double> FromSend)
    {
        public static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
