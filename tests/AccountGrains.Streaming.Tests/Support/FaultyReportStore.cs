using AccountGrains.Storage;
using AccountGrains.Storage.Reports;

namespace AccountGrains.Streaming.Tests.Support;

/// <summary>
/// The real report store with faults injected into the projection's writes: some commit and then throw (a consumer
/// killed after its transaction committed, before it learned so), some throw before anything is written.
/// </summary>
internal sealed class FaultyReportStore(IReportStore inner, int failAfterCommitEvery, int failBeforeCommitEvery) : IReportStore
{
    private int _applies;
    private int _afterCommitFaults;
    private int _beforeCommitFaults;

    /// <summary>Whether faults are injected; off for the rebuild the test compares against.</summary>
    public bool Enabled { get; set; } = true;

    public int AfterCommitFaults => Volatile.Read(ref _afterCommitFaults);

    /// <summary>Calls of <see cref="ApplyReportChangesAsync"/> while <see cref="Enabled"/>: the projection's transactions.</summary>
    public int Applies => Volatile.Read(ref _applies);

    public int BeforeCommitFaults => Volatile.Read(ref _beforeCommitFaults);

    public ValueTask<long> ReadReportCheckpointAsync(int partition, CancellationToken cancellationToken = default) =>
        inner.ReadReportCheckpointAsync(partition, cancellationToken);

    public async ValueTask<bool> ApplyReportChangesAsync(int partition, long expectedCheckpoint, long newCheckpoint, ReportChanges changes, CancellationToken cancellationToken = default)
    {
        var n = Enabled ? Interlocked.Increment(ref _applies) : 1;
        if (Enabled && n % failBeforeCommitEvery == 0)
        {
            Interlocked.Increment(ref _beforeCommitFaults);
            throw new StoreUnavailableException("Injected: the store went away before the commit.", new IOException());
        }

        var applied = await inner.ApplyReportChangesAsync(partition, expectedCheckpoint, newCheckpoint, changes, cancellationToken);
        if (Enabled && applied && n % failAfterCommitEvery == 0)
        {
            Interlocked.Increment(ref _afterCommitFaults);
            throw new StoreUnavailableException("Injected: the consumer died after its commit.", new IOException());
        }

        return applied;
    }

    public ValueTask ResetReportAsync(CancellationToken cancellationToken = default) => inner.ResetReportAsync(cancellationToken);

    public ValueTask<ReportRows> ReadReportAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        inner.ReadReportAsync(from, to, cancellationToken);

    public ValueTask<IReadOnlyList<QueueItem>> ReadQueueAsync(string queue, long afterPosition, DateTimeOffset openAt, int maxCount, CancellationToken cancellationToken = default) =>
        inner.ReadQueueAsync(queue, afterPosition, openAt, maxCount, cancellationToken);
}
