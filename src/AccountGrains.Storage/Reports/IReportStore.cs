namespace AccountGrains.Storage.Reports;

/// <summary>
/// The reporting projection's tables, in the same database as the events. Each partition of the log has one
/// writer (its consumer) and one checkpoint; a change and the checkpoint it moves commit in one transaction, so an
/// event is counted once whatever crashes between delivery and commit.
/// </summary>
/// <remarks>Every method throws <see cref="StoreUnavailableException"/> when the store cannot be reached.</remarks>
public interface IReportStore
{
    /// <summary>The last log position applied for <paramref name="partition"/>; 0 when nothing was.</summary>
    ValueTask<long> ReadReportCheckpointAsync(int partition, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies <paramref name="changes"/> and moves the partition's checkpoint from <paramref name="expectedCheckpoint"/>
    /// to <paramref name="newCheckpoint"/>, in one transaction, if and only if the checkpoint is still
    /// <paramref name="expectedCheckpoint"/>. Returns <see langword="false"/> (and writes nothing) otherwise.
    /// </summary>
    ValueTask<bool> ApplyReportChangesAsync(int partition, long expectedCheckpoint, long newCheckpoint, ReportChanges changes, CancellationToken cancellationToken = default);

    /// <summary>Deletes every report row and checkpoint, so the projection is rebuilt from position zero.</summary>
    ValueTask ResetReportAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads the report's rows for the days <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), all partitions summed.</summary>
    ValueTask<ReportRows> ReadReportAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads up to <paramref name="maxCount"/> items of <paramref name="queue"/> queued after log position
    /// <paramref name="afterPosition"/>, in position order, leaving out those whose expiry is at or before
    /// <paramref name="openAt"/>.
    /// </summary>
    ValueTask<IReadOnlyList<QueueItem>> ReadQueueAsync(string queue, long afterPosition, DateTimeOffset openAt, int maxCount, CancellationToken cancellationToken = default);
}
