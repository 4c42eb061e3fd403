using System.Diagnostics;
using AccountGrains.Storage;

namespace AccountGrains.Streaming.Internal;

/// <summary>
/// One silo's reads of the global log for all of its partitions' receivers: every receiver reads the whole log (and
/// keeps its partition's events), so without this each page was read once per partition, and an idle silo asked the
/// store once per partition per poll. Here a page read for one receiver answers the others from memory, and "nothing
/// new" is believed for one poll interval.
/// </summary>
/// <remarks>
/// The window holds every event of the log in (<c>From</c>, <c>Through</c>]: the store never returns a position below
/// one it has returned already, so that range is final and answering from it gives a receiver exactly what the store
/// would (a page may be shorter: the receiver reads on at its next poll). The cost is delivery: an event committed
/// just after a read that found nothing reaches the stream up to <c>freshFor</c> later. The report projection's
/// catch-up and <c>WatchEvents</c> read the store directly.
/// </remarks>
internal sealed class SharedLogReader(IEventStore store, int pageSize, TimeSpan freshFor)
{
    private readonly SemaphoreSlim _reading = new(1, 1);
    private readonly int _capacity = 4 * pageSize;
    private volatile Window? _window;

    /// <summary>Store reads made (for tests and diagnosis).</summary>
    public long StoreReads => Interlocked.Read(ref _storeReads);

    private long _storeReads;

    /// <summary>Up to a page of the log's events after <paramref name="afterPosition"/>, in position order: what <see cref="IEventStore.ReadLogAsync"/> gives, or a prefix of it.</summary>
    public async ValueTask<IReadOnlyList<StoredEvent>> ReadPageAsync(long afterPosition, CancellationToken cancellationToken)
    {
        if (_window?.Answer(afterPosition, pageSize, freshFor) is { } known)
        {
            return known;
        }

        await _reading.WaitAsync(cancellationToken);
        try
        {
            // Another receiver may have read it while this one waited.
            if (_window?.Answer(afterPosition, pageSize, freshFor) is { } read)
            {
                return read;
            }

            Interlocked.Increment(ref _storeReads);
            var page = await store.ReadLogAsync(afterPosition, pageSize, cancellationToken);
            _window = Window.After(_window, afterPosition, page, page.Count < pageSize, _capacity);
            return page;
        }
        finally
        {
            _reading.Release();
        }
    }

    /// <summary>Every event in (<see cref="From"/>, <see cref="Through"/>], and whether the read that ended it reached the log's end.</summary>
    private sealed record Window(long From, long Through, StoredEvent[] Events, bool AtEnd, long ReadAt)
    {
        public IReadOnlyList<StoredEvent>? Answer(long afterPosition, int pageSize, TimeSpan freshFor)
        {
            if (afterPosition < From)
            {
                return null;
            }

            if (afterPosition >= Through)
            {
                return AtEnd && Stopwatch.GetElapsedTime(ReadAt) < freshFor ? [] : null;
            }

            var first = FirstAfter(afterPosition);
            return new ArraySegment<StoredEvent>(Events, first, Math.Min(pageSize, Events.Length - first));
        }

        public static Window After(Window? previous, long afterPosition, IReadOnlyList<StoredEvent> page, bool atEnd, int capacity)
        {
            var through = page.Count > 0 ? page[^1].Position : afterPosition;
            if (previous is null || afterPosition != previous.Through)
            {
                return new Window(afterPosition, through, [.. page], atEnd, Stopwatch.GetTimestamp());
            }

            // The page continues the window: keep its newest events, up to the capacity.
            var events = previous.Events.Concat(page).ToArray();
            var from = previous.From;
            if (events.Length > capacity)
            {
                from = events[events.Length - capacity - 1].Position;
                events = events[^capacity..];
            }

            return new Window(from, through, events, atEnd, Stopwatch.GetTimestamp());
        }

        private int FirstAfter(long position)
        {
            int low = 0, high = Events.Length;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                if (Events[mid].Position <= position)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            return low;
        }
    }
}
