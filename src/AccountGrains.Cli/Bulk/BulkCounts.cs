using System.Collections.Concurrent;

namespace AccountGrains.Cli.Bulk;

/// <summary>A call that failed: the account, its line, and the gRPC status as one line.</summary>
internal sealed record BulkFailure(BulkItem Item, Grpc.Core.StatusCode Status, string Message);

/// <summary>The running tally of a bulk run, updated by every worker, read by the progress view.</summary>
internal sealed class BulkCounts(int total)
{
    private int _done;
    private int _already;
    private int _failed;

    public int Total { get; } = total;

    public int DoneNow => Volatile.Read(ref _done);

    public int AlreadyDone => Volatile.Read(ref _already);

    public int Failed => Volatile.Read(ref _failed);

    public int Finished => DoneNow + AlreadyDone + Failed;

    public ConcurrentQueue<BulkFailure> Failures { get; } = new();

    public ConcurrentQueue<BulkItem> NotAttempted { get; } = new();

    public void Record(ItemOutcome outcome)
    {
        if (outcome.DoneNow)
        {
            Interlocked.Increment(ref _done);
        }
        else
        {
            Interlocked.Increment(ref _already);
        }
    }

    public void Record(BulkFailure failure)
    {
        Failures.Enqueue(failure);
        Interlocked.Increment(ref _failed);
    }
}
