using System.Diagnostics.CodeAnalysis;
using Orleans.Streams;

namespace AccountGrains.Streaming.Internal;

/// <summary>
/// One partition's cache, in position order: it keeps the last <c>retain</c> events even after every cursor has
/// passed them, so a subscription can rewind to a recent token; it never drops an event a live cursor has not
/// delivered, and above twice <c>retain</c> it reports pressure so the pulling agent stops reading (bounded memory).
/// </summary>
/// <remarks>
/// Orleans' <c>SimpleQueueCache</c> drops events as soon as no cursor needs them (no rewind window) and its pooled
/// cache needs a byte-pool data adapter for a payload that is already one small object; this is the part neither
/// fits. Used only from its pulling agent's turns, like Orleans' caches, so it takes no locks.
/// </remarks>
internal sealed class LogQueueCache(int retain, PartitionStart start) : IQueueCache
{
    private readonly List<LogBatchContainer> _items = [];
    private readonly HashSet<Cursor> _cursors = [];
    private long _purgedThrough = -1;

    public int Count => _items.Count;

    public int GetMaxAddCount() => Math.Max(1, retain / 4);

    public void AddToCache(IList<IBatchContainer> messages)
    {
        foreach (var message in messages)
        {
            var item = (LogBatchContainer)message;
            if (_items.Count == 0 || item.Position > _items[^1].Position)
            {
                _items.Add(item);
            }
        }
    }

    public bool TryPurgeFromCache([MaybeNullWhen(false)] out IList<IBatchContainer> purgedItems)
    {
        purgedItems = null;
        var excess = _items.Count - retain;
        if (excess <= 0)
        {
            return false;
        }

        var needed = long.MaxValue;
        foreach (var cursor in _cursors)
        {
            needed = Math.Min(needed, cursor.Next);
        }

        var count = 0;
        while (count < excess && _items[count].Position < needed)
        {
            count++;
        }

        if (count == 0)
        {
            return false;
        }

        purgedItems = [.. _items.GetRange(0, count)];
        _purgedThrough = _items[count - 1].Position;
        _items.RemoveRange(0, count);
        return true;
    }

    public bool IsUnderPressure() => _items.Count >= 2 * retain;

    public IQueueCacheCursor GetCacheCursor(StreamId streamId, StreamSequenceToken? token)
    {
        long from;
        if (token is null)
        {
            // No token: from what arrives next.
            from = _items.Count > 0 ? _items[^1].Position + 1 : 0;
        }
        else
        {
            // Orleans resumes a subscription after its token (the last event the consumer processed): the pulling agent
            // moves the new cursor past its first event. So the cursor must start exactly on that event; a token
            // this cache does not hold as an event of the stream is a miss, and the agent falls back to the batch at hand.
            from = token.SequenceNumber;
            var missingThrough = Math.Max(_purgedThrough, start.ReadAfter);
            var at = IndexOf(from);
            if (from <= missingThrough || at == _items.Count || _items[at].Position != from || !_items[at].StreamId.Equals(streamId))
            {
                throw new QueueCacheMissException(token, new LogPositionToken(Math.Max(0, missingThrough)), new LogPositionToken(_items.Count > 0 ? _items[^1].Position : Math.Max(0, missingThrough)));
            }
        }

        var cursor = new Cursor(this, streamId, from);
        _cursors.Add(cursor);
        return cursor;
    }

    /// <summary>The index of the first item at or after <paramref name="position"/>.</summary>
    private int IndexOf(long position)
    {
        int low = 0, high = _items.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (_items[mid].Position < position)
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

    /// <summary>Reads the cache by position from <see cref="Next"/>, so purges and additions never invalidate it.</summary>
    private sealed class Cursor(LogQueueCache cache, StreamId streamId, long from) : IQueueCacheCursor
    {
        private LogBatchContainer? _current;

        /// <summary>The position of the next event this cursor will deliver.</summary>
        public long Next { get; private set; } = from;

        public IBatchContainer? GetCurrent(out Exception? exception)
        {
            exception = null;
            return _current;
        }

        public bool MoveNext()
        {
            for (var i = cache.IndexOf(Next); i < cache._items.Count; i++)
            {
                var item = cache._items[i];
                Next = item.Position + 1;
                if (item.StreamId.Equals(streamId))
                {
                    _current = item;
                    return true;
                }
            }

            _current = null;
            return false;
        }

        public void Refresh(StreamSequenceToken token)
        {
            // Position-based: new events are found by the next MoveNext.
        }

        public void RecordDeliveryFailure()
        {
            // The agent's failure handler decides; the event stays in the log in any case.
        }

        public void Dispose() => cache._cursors.Remove(this);
    }
}

/// <summary>Where a partition's receiver started reading, shared with its cache so a rewind before it is a miss.</summary>
internal sealed class PartitionStart
{
    /// <summary>The position the receiver read after; -1 until it is initialised.</summary>
    public long ReadAfter { get; set; } = -1;
}
