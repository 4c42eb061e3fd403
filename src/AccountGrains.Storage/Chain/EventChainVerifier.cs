namespace AccountGrains.Storage;

/// <summary>Recomputes an account's chain from its stored events and names the first broken link.</summary>
public static class EventChainVerifier
{
    /// <summary>Reads the whole stream of <paramref name="accountId"/> in pages and checks every link.</summary>
    /// <param name="store">The event store; when it is also an <see cref="IEventChainStore"/>, truncation and stripped hashes are detected too.</param>
    /// <param name="accountId">The account.</param>
    /// <param name="pageSize">How many events to read at a time.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public static async ValueTask<ChainReport> VerifyAsync(IEventStore store, string accountId, int pageSize = 500, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var anchor = store is IEventChainStore chained
            ? await chained.ReadChainAnchorAsync(accountId, cancellationToken).ConfigureAwait(false)
            : new ChainAnchor(-1, long.MaxValue);
        var check = new Check(accountId, anchor);
        while (true)
        {
            var page = await store.ReadStreamAsync(accountId, check.LastSeq, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var stored in page)
            {
                if (!check.Next(stored))
                {
                    return check.Report();
                }
            }

            if (page.Count < pageSize)
            {
                return check.End();
            }
        }
    }

    private sealed class Check(string accountId, ChainAnchor anchor)
    {
        private ReadOnlyMemory<byte> _previous = EventChain.Genesis;
        private bool _hashing;
        private long _events;
        private long _unhashed;
        private ReadOnlyMemory<byte> _head;
        private ChainLink? _broken;

        public long LastSeq { get; private set; }

        // False at the first broken link: nothing after it can be trusted or needs reading.
        public bool Next(StoredEvent stored)
        {
            _events++;
            var expectedSeq = LastSeq + 1;
            if (stored.Seq != expectedSeq)
            {
                _broken = new ChainLink(expectedSeq, ChainBreak.SeqGap, ReadOnlyMemory<byte>.Empty, stored.Hash);
                return false;
            }

            LastSeq = stored.Seq;
            if (stored.Hash.IsEmpty)
            {
                if (_hashing || stored.Position > anchor.HashedAfterPosition)
                {
                    _broken = new ChainLink(stored.Seq, ChainBreak.MissingHash, EventChain.Next(_previous.Span, accountId, stored.Seq, stored.Event), ReadOnlyMemory<byte>.Empty);
                    return false;
                }

                _unhashed++;
                return true;
            }

            _hashing = true;
            var expected = EventChain.Next(_previous.Span, accountId, stored.Seq, stored.Event);
            if (!expected.AsSpan().SequenceEqual(stored.Hash.Span))
            {
                _broken = new ChainLink(stored.Seq, ChainBreak.HashMismatch, expected, stored.Hash);
                return false;
            }

            _previous = expected;
            _head = expected;
            return true;
        }

        public ChainReport End()
        {
            if (anchor.StreamVersion > LastSeq)
            {
                _broken = new ChainLink(LastSeq + 1, ChainBreak.Truncated, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty);
            }

            return Report();
        }

        public ChainReport Report() => new(accountId, _events, _unhashed, LastSeq, _head, _broken);
    }
}
