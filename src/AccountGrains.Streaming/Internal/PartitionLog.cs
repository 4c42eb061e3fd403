using AccountGrains.Storage;

namespace AccountGrains.Streaming.Internal;

/// <summary>
/// Reads one partition's events out of the global log: the log is read by position (its only index) and filtered
/// by account hash here, page by page (decision 0010 weighs this against a partition column).
/// </summary>
/// <param name="readPage">
/// Reads up to <paramref name="pageSize"/> events of the log after a position (the store's <c>ReadLogAsync</c>, or a
/// silo's <see cref="SharedLogReader"/>); a shorter page means "nothing more for now".
/// </param>
/// <param name="partition">The partition kept.</param>
/// <param name="partitionCount">How many partitions the log is split into.</param>
/// <param name="pageSize">The page size <paramref name="readPage"/> reads.</param>
internal sealed class PartitionLog(Func<long, CancellationToken, ValueTask<IReadOnlyList<StoredEvent>>> readPage, int partition, int partitionCount, int pageSize)
{
    /// <summary>A partition read straight from the store.</summary>
    public static PartitionLog OfStore(IEventStore store, int partition, int partitionCount, int pageSize) =>
        new((after, cancellationToken) => store.ReadLogAsync(after, pageSize, cancellationToken), partition, partitionCount, pageSize);

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
            var read = await readPage(scanned, cancellationToken);
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
