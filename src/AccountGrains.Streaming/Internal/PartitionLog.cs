using AccountGrains.Storage;

namespace AccountGrains.Streaming.Internal;

/// <summary>
/// Reads one partition's events out of the global log: the log is read by position (its only index) and filtered
/// by account hash here, page by page (decision 0010 weighs this against a partition column).
/// </summary>
internal sealed class PartitionLog(IEventStore store, int partition, int partitionCount, int pageSize)
{
    /// <summary>
    /// The partition's events after <paramref name="afterPosition"/>, at most <paramref name="maxEvents"/>, reading at
    /// most <paramref name="maxPages"/> pages, and how far the log was scanned (at least as far as the last event returned).
    /// </summary>
    public async ValueTask<(List<StoredEvent> Events, long ScannedThrough)> ReadAsync(long afterPosition, int maxEvents, int maxPages, CancellationToken cancellationToken)
    {
        var events = new List<StoredEvent>();
        var scanned = afterPosition;
        for (var page = 0; page < maxPages && events.Count < maxEvents; page++)
        {
            var read = await store.ReadLogAsync(scanned, pageSize, cancellationToken);
            foreach (var stored in read)
            {
                if (events.Count == maxEvents)
                {
                    return (events, scanned);
                }

                scanned = stored.Position;
                if (AccountEventStreams.PartitionOf(stored.AccountId, partitionCount) == partition)
                {
                    events.Add(stored);
                }
            }

            if (read.Count < pageSize)
            {
                break;
            }
        }

        return (events, scanned);
    }
}
