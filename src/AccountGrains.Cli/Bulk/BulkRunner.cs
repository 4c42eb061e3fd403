using System.Diagnostics;
using Grpc.Core;

namespace AccountGrains.Cli.Bulk;

/// <summary>What a bulk run was asked to do.</summary>
internal sealed record BulkSpec(string FromFile, string RunName, int Concurrency, string? FailuresFile);

/// <summary>A bulk run's end, for the summary and the exit code.</summary>
internal sealed record BulkResult(BulkSpec Spec, BulkOperation Operation, AccountList Input, BulkCounts Counts, TimeSpan Elapsed, bool Interrupted, string? FailuresPath, string? AbortedBy);

/// <summary>
/// Runs one operation over every account of a file with at most <see cref="BulkSpec.Concurrency"/> calls in flight.
/// Interrupted, it stops starting calls, lets those in flight finish (their outcome is then known, not guessed) and
/// lists the rest as not attempted. UNAUTHENTICATED stops the run: the credential is wrong for every account alike.
/// </summary>
internal static class BulkRunner
{
    public static async Task<BulkResult> RunAsync(BulkSpec spec, BulkOperation operation, IBulkProgress progress, CancellationToken stop)
    {
        var input = AccountList.Read(spec.FromFile);
        var counts = new BulkCounts(input.Items.Count);
        var runStart = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        string? abortedBy = null;
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(stop);

        foreach (var bad in input.BadLines)
        {
            progress.BadLine(bad);
        }

        await progress.RunAsync(counts, async () =>
        {
            // The calls themselves are not cancelled by Ctrl-C: each has its deadline, and a finished call's outcome is
            // worth reporting; only starting new ones stops.
            await Parallel.ForEachAsync(input.Items, new ParallelOptions { MaxDegreeOfParallelism = spec.Concurrency }, async (item, _) =>
            {
                if (abort.IsCancellationRequested)
                {
                    counts.NotAttempted.Enqueue(item);
                    return;
                }

                try
                {
                    var key = IdempotencyKeys.For(operation.Name.Replace(' ', '-'), spec.RunName, item.AccountId);
                    counts.Record(await operation.Call(item, key, runStart));
                }
                catch (RpcException e)
                {
                    counts.Record(new BulkFailure(item, e.StatusCode, ExitCodes.Describe(e)));
                    if (e.StatusCode == StatusCode.Unauthenticated && Interlocked.CompareExchange(ref abortedBy, ExitCodes.Describe(e), null) is null)
                    {
                        await abort.CancelAsync();
                    }
                }
            });
        });

        var result = new BulkResult(spec, operation, input, counts, clock.Elapsed, stop.IsCancellationRequested, null, abortedBy);
        return result with { FailuresPath = FailuresFile.Write(result) };
    }

    public static int ExitCode(BulkResult r)
    {
        if (r.Interrupted)
        {
            return ExitCodes.Interrupted;
        }

        if (r.Input.Items.Count == 0 && r.Input.BadLines.Count > 0)
        {
            return ExitCodes.Usage;
        }

        if (r.AbortedBy is not null)
        {
            return ExitCodes.Refused;
        }

        if (r.Counts.Failed > 0 && r.Counts.DoneNow + r.Counts.AlreadyDone == 0 && r.Input.BadLines.Count == 0
            && r.Counts.Failures.Select(f => f.Status).Distinct().Count() == 1)
        {
            // Every call failed alike (e.g. PERMISSION_DENIED): the status's own code says more than "partial".
            return ExitCodes.For(r.Counts.Failures.First().Status);
        }

        return r.Counts.Failed > 0 || r.Input.BadLines.Count > 0 || !r.Counts.NotAttempted.IsEmpty ? ExitCodes.Partial : ExitCodes.Ok;
    }
}
